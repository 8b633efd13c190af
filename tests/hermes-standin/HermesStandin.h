#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace standin {

/// How the stand-in answers a push (architecture §4.3 outcomes, seen from Hermes' side).
struct Behaviour {
    enum class Kind {
        Status, ///< answer `status` at once
        Slow, ///< wait `delay`, then answer `status`
        Hang ///< never answer (until the connection or the server goes away)
    };
    Kind kind = Kind::Status;
    int status = 200;
    std::chrono::milliseconds delay{2000};
};

/// Parses "200", "400", "503", any 3-digit status, "slow" (delay then 200) or "hang".
/// Throws std::invalid_argument on anything else.
Behaviour parseBehaviour(const std::string& text);

/// One push as Hermes received it.
struct PushRecord {
    std::string method;
    std::string uri;
    std::string content_type;
    std::string idempotency_key;
    std::string authorization;
    std::string body;
    int status = 0; ///< what the stand-in answered (0 = hung)
};

/// The stand-in's options (also the command-line options of `hermes-standin`).
struct StandinOptions {
    std::string host = "127.0.0.1"; ///< loopback only
    std::uint16_t port = 0; ///< 0 = ephemeral; see HermesStandin::port()
    bool tls = true; ///< HTTPS (cert/key required) or plain HTTP
    std::string cert; ///< PEM certificate
    std::string key; ///< PEM private key
    Behaviour behaviour;
    std::string record_path; ///< "" = keep records in memory only
    int max_threads = 64; ///< one per kept-alive connection
};

/// A real HTTP(S) server that plays Hermes.Net for tests, demos and the benchmark: it records
/// every push (in memory and, optionally, one JSON line per push in a file) and answers as told
/// by its Behaviour, which `POST /_control?mode=503[&delay_ms=N]` changes at run time.
/// `GET /_stats` returns {"received":N,"unique":U,"mode":"..."}.
class HermesStandin {
public:
    explicit HermesStandin(StandinOptions options);
    ~HermesStandin();
    HermesStandin(const HermesStandin&) = delete;
    HermesStandin& operator=(const HermesStandin&) = delete;

    /// Binds and starts serving. Throws Poco::Exception when the port or the certificate fails.
    void start();
    /// Stops serving; hung requests are released. Idempotent.
    void stop();

    std::uint16_t port() const;
    /// "https://127.0.0.1:PORT" (or http).
    std::string baseUrl() const;

    void setBehaviour(const Behaviour& behaviour);
    Behaviour behaviour() const;

    /// Copies of every push received so far (control requests excluded).
    std::vector<PushRecord> records() const;
    std::size_t received() const;
    /// Distinct Idempotency-Key values seen.
    std::size_t uniqueKeys() const;
    /// Waits until at least `count` pushes arrived or `timeout` passed; returns received().
    std::size_t waitForPushes(std::size_t count, std::chrono::milliseconds timeout) const;

    /// Called by the request handler: records the push and decides the answer.
    /// Returns the status to answer, or std::nullopt to hang.
    std::optional<int> onPush(PushRecord record);
    /// Called by the request handler for /_control and /_stats; returns the JSON answer.
    std::string onControl(const std::string& uri);

private:
    std::string statsJson() const;
    void writeRecord(const PushRecord& record);

    StandinOptions options_;
    Poco::ThreadPool pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool stopping_ = false;
    std::deque<PushRecord> records_; ///< a deque: a long load never copies the records it kept
    std::unordered_set<std::string> keys_;
    std::ofstream record_file_;
};

/// Writes a self-signed certificate (RSA 2048, 2 days) for the names in `subject_alt_names`
/// (OpenSSL's syntax; by default localhost, 127.0.0.1 and ::1) to `dir`/cert.pem and
/// `dir`/key.pem, unless both exist already. Throws std::runtime_error when OpenSSL fails.
void generateSelfSignedCert(const std::string& dir,
    const std::string& subject_alt_names = "DNS:localhost,IP:127.0.0.1,IP:::1");

} // namespace standin
