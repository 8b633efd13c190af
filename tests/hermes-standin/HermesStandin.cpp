#include "tests/hermes-standin/HermesStandin.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <ctime>
#include <functional>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace standin {
namespace {

std::string behaviourName(const Behaviour& b)
{
    switch (b.kind) {
    case Behaviour::Kind::Slow:
        return "slow";
    case Behaviour::Kind::Hang:
        return "hang";
    case Behaviour::Kind::Status:
        break;
    }
    return std::to_string(b.status);
}

class PushHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit PushHandler(HermesStandin& owner) : owner_(owner) { }

    void handleRequest(
        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        if (request.getURI().rfind("/_", 0) == 0) {
            answer(response, 200, owner_.onControl(request.getURI()));
            return;
        }
        PushRecord record{.method = request.getMethod(),
            .uri = request.getURI(),
            .content_type = request.getContentType(),
            .idempotency_key = request.get("Idempotency-Key", ""),
            .authorization = request.get("Authorization", ""),
            .body = std::move(body),
            .status = 0};
        const auto status = owner_.onPush(std::move(record));
        if (!status) {
            response.setKeepAlive(false); // hung: the server is stopping, drop the connection
            answer(response, 503, R"({"error":"stopping"})");
            return;
        }
        answer(response, *status, *status < 300 ? R"({"ok":true})" : R"({"ok":false})");
    }

private:
    static void answer(Poco::Net::HTTPServerResponse& response, int status, const std::string& body)
    {
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
        response.setContentType("application/json");
        // Header and body in one write (one TLS record): send() << body writes them apart.
        response.sendBuffer(body.data(), body.size());
    }

    HermesStandin& owner_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit HandlerFactory(HermesStandin& owner) : owner_(owner) { }
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override
    {
        return new PushHandler(owner_); // Poco's HTTPServerConnection owns and deletes it
    }

private:
    HermesStandin& owner_;
};

} // namespace

Behaviour parseBehaviour(const std::string& text)
{
    if (text == "slow") {
        return Behaviour{.kind = Behaviour::Kind::Slow, .status = 200};
    }
    if (text == "hang") {
        return Behaviour{.kind = Behaviour::Kind::Hang, .status = 0};
    }
    if (text.size() == 3 && text.find_first_not_of("0123456789") == std::string::npos
        && text[0] >= '1' && text[0] <= '5') {
        return Behaviour{.kind = Behaviour::Kind::Status, .status = std::stoi(text)};
    }
    throw std::invalid_argument("mode must be a 3-digit HTTP status, slow or hang: " + text);
}

HermesStandin::HermesStandin(StandinOptions options)
    : options_(std::move(options)),
      pool_(2, options_.max_threads)
{
    if (!options_.record_path.empty()) {
        record_file_.open(options_.record_path, std::ios::out | std::ios::app);
        if (!record_file_) {
            throw std::runtime_error("cannot open record file " + options_.record_path);
        }
    }
}

HermesStandin::~HermesStandin()
{
    stop();
}

void HermesStandin::start()
{
    const Poco::Net::SocketAddress address(options_.host, options_.port);
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (options_.tls) {
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE,
            options_.key,
            options_.cert,
            "",
            Poco::Net::Context::VERIFY_NONE);
        socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
    } else {
        socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    }
    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(options_.max_threads);
    params->setMaxQueued(1024);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(0); // unlimited
    params->setKeepAliveTimeout(Poco::Timespan(60, 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        new HandlerFactory(*this), pool_, *socket, params); // the server owns the factory
    server_->start();
}

void HermesStandin::stop()
{
    if (!server_) {
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    server_->stopAll(true);
    pool_.joinAll();
    server_.reset();
    if (record_file_.is_open()) {
        record_file_.flush();
    }
}

std::uint16_t HermesStandin::port() const
{
    return server_ ? server_->port() : options_.port;
}

std::string HermesStandin::baseUrl() const
{
    return (options_.tls ? "https://" : "http://") + options_.host + ":" + std::to_string(port());
}

void HermesStandin::setBehaviour(const Behaviour& behaviour)
{
    {
        const std::lock_guard lock(mutex_);
        options_.behaviour = behaviour;
    }
    changed_.notify_all();
}

Behaviour HermesStandin::behaviour() const
{
    const std::lock_guard lock(mutex_);
    return options_.behaviour;
}

std::vector<PushRecord> HermesStandin::records() const
{
    const std::lock_guard lock(mutex_);
    return {records_.begin(), records_.end()};
}

std::size_t HermesStandin::received() const
{
    const std::lock_guard lock(mutex_);
    return records_.size();
}

std::size_t HermesStandin::uniqueKeys() const
{
    const std::lock_guard lock(mutex_);
    return keys_.size();
}

std::size_t HermesStandin::waitForPushes(std::size_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return records_.size() >= count; });
    return records_.size();
}

std::optional<int> HermesStandin::onPush(PushRecord record)
{
    std::unique_lock lock(mutex_);
    const Behaviour b = options_.behaviour;
    if (b.kind == Behaviour::Kind::Hang) {
        // Held until the behaviour changes or the server stops; the client times out first.
        changed_.wait(lock, [&] { return stopping_ || options_.behaviour.kind != b.kind; });
        return std::nullopt;
    }
    if (b.kind == Behaviour::Kind::Slow) {
        lock.unlock();
        std::this_thread::sleep_for(b.delay);
        lock.lock();
    }
    record.status = b.status;
    if (b.status >= 200 && b.status < 300) {
        keys_.insert(record.idempotency_key);
    }
    writeRecord(record);
    records_.push_back(std::move(record));
    lock.unlock();
    changed_.notify_all();
    return b.status;
}

void HermesStandin::writeRecord(const PushRecord& record)
{
    if (!record_file_.is_open()) {
        return;
    }
    Poco::JSON::Object line;
    line.set("method", record.method);
    line.set("uri", record.uri);
    line.set("contentType", record.content_type);
    line.set("idempotencyKey", record.idempotency_key);
    line.set("authorization", record.authorization);
    line.set("body", record.body);
    line.set("status", record.status);
    line.stringify(record_file_);
    record_file_ << '\n';
    record_file_.flush();
}

std::string HermesStandin::onControl(const std::string& uri)
{
    const Poco::URI parsed(uri);
    if (parsed.getPath() == "/_control") {
        Behaviour b = behaviour();
        for (const auto& [name, value] : parsed.getQueryParameters()) {
            if (name == "mode") {
                const auto delay = b.delay;
                b = parseBehaviour(value);
                b.delay = delay;
            } else if (name == "delay_ms") {
                b.delay = std::chrono::milliseconds(std::stol(value));
            }
        }
        setBehaviour(b);
    }
    return statsJson();
}

std::string HermesStandin::statsJson() const
{
    const std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << R"({"received":)" << records_.size() << R"(,"unique":)" << keys_.size() << R"(,"mode":")"
        << behaviourName(options_.behaviour) << "\"}";
    return out.str();
}

namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
    void operator()(T* p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

void check(bool ok, const char* what)
{
    if (!ok) {
        throw std::runtime_error(std::string("certificate generation failed: ") + what);
    }
}

/// Adds one X.509v3 extension given in OpenSSL's config syntax.
void addExtension(X509* cert, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

void writePem(const std::string& path, const std::function<int(BIO*)>& write)
{
    BioPtr bio(BIO_new_file(path.c_str(), "w"));
    check(bio != nullptr, "open the output file");
    check(write(bio.get()) == 1, "write PEM");
}

} // namespace

// Made with OpenSSL's API rather than the openssl command, which a Windows machine (or wine)
// does not have.
void generateSelfSignedCert(const std::string& dir, const std::string& subject_alt_names)
{
    const std::string cert_path = Poco::Path(dir, "cert.pem").toString();
    const std::string key_path = Poco::Path(dir, "key.pem").toString();
    if (Poco::File(cert_path).exists() && Poco::File(key_path).exists()) {
        return;
    }
    Poco::File(dir).createDirectories();
    PKeyPtr key(EVP_RSA_gen(2048));
    check(key != nullptr, "RSA key");
    X509Ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 2L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExtension(cert.get(), NID_subject_alt_name, subject_alt_names.c_str());
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");
    writePem(key_path, [&](BIO* bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    writePem(cert_path, [&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); });
}

} // namespace standin
