// SmppBridgeClient: the Hermes side of the smppd bridge (JSON lines over TCP, one request and one
// reply line each; see README.md and smppd's architecture.md §4.4).
// .NET Framework 4 compatible, no dependencies beyond System.dll. Thread-safe: one kept-alive
// connection per client, requests serialised. Optional TLS (smppd's TcpServer.ListenParams
// tls=1) with SslStream, TLS 1.2, the server certificate checked by the system's trust and host
// name, or pinned by its SHA-256 (or SHA-1) thumbprint.
using System;
using System.Globalization;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Smppd.Hermes
{
    /// <summary>Sends SMS to smppd's bridge; SmppBridgeClient.Send returns the message id (&gt; 0)
    /// or one of the negative codes below.</summary>
    public sealed class SmppBridgeClient : IDisposable
    {
        public const int CannotConnect = -1; // smppd down, refused, unreachable, or the connection broke
        public const int Rejected = -2;      // smppd answered ok:false (LastError says why)
        public const int TimedOut = -3;      // no answer within the timeout

        private readonly string host;
        private readonly int port;
        private readonly string token;
        private readonly int timeoutMs;
        private readonly bool tls;
        private readonly string thumbprint;
        private readonly object gate = new object();
        private TcpClient client;
        private Stream stream;
        private readonly MemoryStream pending = new MemoryStream();
        private string lastError = "";

        /// <param name="ipPort">"host:port" of smppd's bridge (TcpServer.ListenPort), e.g.
        /// "127.0.0.1:18182"; "[::1]:18182" for IPv6.</param>
        /// <param name="token">TcpServer.Token, or null/empty when smppd requires none.</param>
        /// <param name="timeoutMs">connect, send and reply timeout in milliseconds.</param>
        public SmppBridgeClient(string ipPort, string token, int timeoutMs)
            : this(ipPort, token, timeoutMs, false, null)
        {
        }

        /// <param name="tls">true when smppd's bridge has TcpServer.ListenParams tls=1.</param>
        /// <param name="tlsThumbprint">the server certificate's SHA-256 (64 hex digits) or
        /// SHA-1 (40) thumbprint, colons and blanks allowed: that certificate alone is accepted
        /// (for a self-signed one). null/empty: the system's trust store and the host name of
        /// ipPort decide.</param>
        public SmppBridgeClient(string ipPort, string token, int timeoutMs, bool tls, string tlsThumbprint)
        {
            ParseIpPort(ipPort, out host, out port);
            this.token = token ?? "";
            this.timeoutMs = timeoutMs > 0 ? timeoutMs : 10000;
            this.tls = tls;
            this.thumbprint = NormaliseThumbprint(tlsThumbprint);
        }

        /// <summary>Why the last call failed ("" after a success).</summary>
        public string LastError { get { lock (gate) { return lastError; } } }

        /// <summary>Queues one SMS: campaign number (the sender shown on the phone), phone number,
        /// UTF-8 text; reference is optional (kept by smppd as bridge_ref).</summary>
        public int Send(string campaign, string phoneNumber, string message, string reference)
        {
            var json = new StringBuilder("{\"op\":\"send\"");
            AppendField(json, "campaign", campaign ?? "");
            AppendField(json, "to", phoneNumber ?? "");
            AppendField(json, "text", message ?? "");
            if (!string.IsNullOrEmpty(reference)) { AppendField(json, "ref", reference); }
            return Request(json);
        }

        /// <summary>Checks that smppd answers: 0 when it does, else a negative code.</summary>
        public int Ping()
        {
            return Request(new StringBuilder("{\"op\":\"ping\""));
        }

        public void Dispose()
        {
            lock (gate) { Close(); }
        }

        private int Request(StringBuilder json)
        {
            if (token.Length > 0) { AppendField(json, "token", token); }
            json.Append("}\n");
            byte[] line = new UTF8Encoding(false).GetBytes(json.ToString());
            lock (gate)
            {
                bool reused = client != null;
                int result = Exchange(line);
                if (result == CannotConnect && reused)
                {
                    result = Exchange(line); // the kept-alive connection had gone stale: once more
                }
                return result;
            }
        }

        private int Exchange(byte[] line)
        {
            try
            {
                if (client == null) { Connect(); }
                stream.Write(line, 0, line.Length);
                string reply = ReadLine();
                lastError = "";
                return Interpret(reply);
            }
            catch (TimeoutException e)
            {
                return Fail(TimedOut, e.Message);
            }
            catch (IOException e)
            {
                return IsTimeout(e) ? Fail(TimedOut, "timeout: " + e.Message) : Fail(CannotConnect, e.Message);
            }
            catch (SocketException e)
            {
                return Fail(CannotConnect, e.Message);
            }
            catch (ObjectDisposedException e)
            {
                return Fail(CannotConnect, e.Message);
            }
            catch (AuthenticationException e)
            {
                return Fail(CannotConnect, "TLS: " + e.Message);
            }
        }

        private int Fail(int code, string why)
        {
            Close();
            lastError = why;
            return code;
        }

        private static bool IsTimeout(IOException e)
        {
            var s = e.InnerException as SocketException;
            return s != null && (s.SocketErrorCode == SocketError.TimedOut || s.SocketErrorCode == SocketError.WouldBlock);
        }

        private void Connect()
        {
            var tcp = new TcpClient(host.Contains(":") ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
            try
            {
                IAsyncResult pendingConnect = tcp.BeginConnect(host, port, null, null);
                if (!pendingConnect.AsyncWaitHandle.WaitOne(timeoutMs))
                {
                    throw new IOException("connect to " + host + ":" + port + " timed out");
                }
                tcp.EndConnect(pendingConnect);
                tcp.NoDelay = true;
                tcp.ReceiveTimeout = timeoutMs;
                tcp.SendTimeout = timeoutMs;
            }
            catch
            {
                tcp.Close();
                throw;
            }
            client = tcp;
            stream = tcp.GetStream();
            pending.SetLength(0);
            if (tls)
            {
                var ssl = new SslStream(stream, false, CheckServerCertificate);
                ssl.ReadTimeout = timeoutMs;
                ssl.WriteTimeout = timeoutMs;
                stream = ssl;
                // 3072 = Tls12: the enum member is missing from .NET 4.0, the value works on 4.5+.
                ssl.AuthenticateAsClient(host, null, (SslProtocols)3072, false);
            }
        }

        private bool CheckServerCertificate(object sender, X509Certificate certificate, X509Chain chain,
            SslPolicyErrors errors)
        {
            if (thumbprint.Length == 0) { return errors == SslPolicyErrors.None; }
            if (certificate == null) { return false; }
            byte[] raw = certificate.GetRawCertData();
            HashAlgorithm hash = thumbprint.Length == 40 ? (HashAlgorithm)SHA1.Create() : SHA256.Create();
            using (hash)
            {
                return Hex(hash.ComputeHash(raw)) == thumbprint;
            }
        }

        private static string NormaliseThumbprint(string text)
        {
            var sb = new StringBuilder();
            foreach (char c in text ?? "")
            {
                if (Uri.IsHexDigit(c)) { sb.Append(char.ToUpperInvariant(c)); }
                else if (c != ':' && c != ' ' && c != '-')
                {
                    throw new ArgumentException("TlsThumbprint must be hex digits, not '" + text + "'");
                }
            }
            if (sb.Length != 0 && sb.Length != 40 && sb.Length != 64)
            {
                throw new ArgumentException("TlsThumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40) thumbprint");
            }
            return sb.ToString();
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) { sb.Append(b.ToString("X2", CultureInfo.InvariantCulture)); }
            return sb.ToString();
        }

        private string ReadLine()
        {
            var buffer = new byte[4096];
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                byte[] have = pending.ToArray();
                int nl = Array.IndexOf(have, (byte)'\n');
                if (nl >= 0)
                {
                    pending.SetLength(0);
                    pending.Write(have, nl + 1, have.Length - nl - 1);
                    return Encoding.UTF8.GetString(have, 0, nl);
                }
                if (DateTime.UtcNow > deadline) { throw new TimeoutException("no reply from smppd"); }
                int n = stream.Read(buffer, 0, buffer.Length);
                if (n <= 0) { throw new IOException("smppd closed the connection"); }
                pending.Write(buffer, 0, n);
            }
        }

        private int Interpret(string reply)
        {
            if (reply.StartsWith("{\"ok\":true", StringComparison.Ordinal))
            {
                string id = StringField(reply, "id");
                if (id == null) { return 0; } // ping
                long value;
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out value)
                    || long.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
                {
                    return value > int.MaxValue ? int.MaxValue : (int)value;
                }
                lastError = "unreadable id in reply: " + reply;
                return Rejected;
            }
            lastError = (StringField(reply, "error") ?? "error") + ": " + (StringField(reply, "message") ?? reply);
            return Rejected;
        }

        private void Close()
        {
            if (stream != null) { stream.Close(); }
            if (client != null) { client.Close(); }
            client = null;
            stream = null;
        }

        /// <summary>The value of a string field of a one-line JSON object written by smppd.</summary>
        private static string StringField(string json, string name)
        {
            string key = "\"" + name + "\":\"";
            int start = json.IndexOf(key, StringComparison.Ordinal);
            if (start < 0) { return null; }
            var sb = new StringBuilder();
            for (int i = start + key.Length; i < json.Length; i++)
            {
                char c = json[i];
                if (c == '"') { return sb.ToString(); }
                if (c == '\\' && i + 1 < json.Length)
                {
                    char e = json[++i];
                    if (e == 'u' && i + 4 < json.Length)
                    {
                        sb.Append((char)int.Parse(json.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                    }
                    else { sb.Append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e); }
                    continue;
                }
                sb.Append(c);
            }
            return null;
        }

        private static void AppendField(StringBuilder json, string name, string value)
        {
            json.Append(",\"").Append(name).Append("\":\"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    default:
                        if (c < 0x20) { json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); }
                        else { json.Append(c); }
                        break;
                }
            }
            json.Append('"');
        }

        private static void ParseIpPort(string ipPort, out string host, out int port)
        {
            string text = (ipPort ?? "").Trim();
            int colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port <= 0 || port > 65535)
            {
                throw new ArgumentException("IpPortSmppServer must be host:port, e.g. 127.0.0.1:18182, not '" + ipPort + "'");
            }
            host = text.Substring(0, colon).Trim('[', ']');
        }

        /// <summary>The campaign number of a Hermes campaign object, read by name so the plugin
        /// does not depend on one Hermes version: the first non-empty string among the properties
        /// or fields SmsNumber, Number, PhoneNumber, Sender, Code; else ToString().</summary>
        public static string CampaignNumber(object campaign)
        {
            if (campaign == null) { return ""; }
            if (campaign is string) { return (string)campaign; }
            Type type = campaign.GetType();
            foreach (string name in new[] { "SmsNumber", "Number", "PhoneNumber", "Sender", "Code" })
            {
                PropertyInfo p = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
                object value = p != null && p.GetIndexParameters().Length == 0 ? p.GetValue(campaign, null) : null;
                if (value == null)
                {
                    FieldInfo f = type.GetField(name, BindingFlags.Public | BindingFlags.Instance);
                    value = f != null ? f.GetValue(campaign) : null;
                }
                if (value != null && value.ToString().Length > 0) { return value.ToString(); }
            }
            return campaign.ToString();
        }
    }
}
