#include "config/PasswordHash.h"

#include <charconv>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdexcept>
#include <vector>

namespace smppd {
namespace {

constexpr std::string_view kScryptPrefix = "$scrypt$";
constexpr std::string_view kPbkdf2Prefix = "$pbkdf2-sha256$";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;
constexpr std::uint64_t kMaxScryptMemory = 128ULL << 20;
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes)
{
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : bytes) {
        acc = (acc << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(acc >> bits) & 0x3FU];
        }
    }
    if (bits > 0) {
        out += kAlphabet[(acc << (6 - bits)) & 0x3FU];
    }
    return out;
}

std::string unbase64(std::string_view text, const char* what)
{
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        const auto index = kAlphabet.find(c);
        if (index == std::string_view::npos) {
            throw PasswordHashError(std::string(what) + " is not base64 (no padding)");
        }
        acc = ((acc << 6) | static_cast<std::uint32_t>(index)) & 0xFFFFFFU;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFFU);
        }
    }
    if (bits >= 6) {
        throw PasswordHashError(std::string(what) + " has a bad base64 length");
    }
    return out;
}

std::uint32_t number(std::string_view text, std::uint32_t min, std::uint32_t max, const char* what)
{
    std::uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max) {
        throw PasswordHashError(std::string(what) + " must be an integer " + std::to_string(min)
            + ".." + std::to_string(max));
    }
    return value;
}

/// Splits "a$b$c" into its '$'-separated fields.
std::vector<std::string_view> fields(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (auto end = text.find('$'); end != std::string_view::npos; end = text.find('$', start)) {
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    out.push_back(text.substr(start));
    return out;
}

void parseScryptParams(PasswordHash& hash, std::string_view params)
{
    // "ln=15,r=8,p=1", in this order
    const auto c1 = params.find(',');
    const auto c2 = c1 == std::string_view::npos ? c1 : params.find(',', c1 + 1);
    if (c2 == std::string_view::npos || !params.starts_with("ln=")
        || params.substr(c1 + 1, 2) != "r=" || params.substr(c2 + 1, 2) != "p=") {
        throw PasswordHashError("scrypt parameters must read ln=N,r=N,p=N");
    }
    hash.log2_n = number(params.substr(3, c1 - 3), 10, 20, "scrypt ln");
    hash.r = number(params.substr(c1 + 3, c2 - c1 - 3), 1, 32, "scrypt r");
    hash.p = number(params.substr(c2 + 3), 1, 4, "scrypt p");
    // A hash string is config, yet a check must not take the machine: 128*r*N <= 128 MiB.
    if ((128ULL * hash.r) << hash.log2_n > kMaxScryptMemory) {
        throw PasswordHashError("scrypt 128*r*2^ln must be at most 128 MiB");
    }
}

bool derive(const PasswordHash& hash, std::string_view password, std::string& key)
{
    key.assign(hash.key.empty() ? kKeyBytes : hash.key.size(), '\0');
    auto* out = reinterpret_cast<unsigned char*>(key.data());
    const auto* salt = reinterpret_cast<const unsigned char*>(hash.salt.data());
    if (hash.algorithm == HashAlgorithm::Scrypt) {
        const std::uint64_t n = std::uint64_t{1} << hash.log2_n;
        // OpenSSL needs 128*r*(N+p) bytes plus some; allow that and no more.
        const std::uint64_t maxmem = 128ULL * hash.r * (n + hash.p + 2) + (1ULL << 20);
        return EVP_PBE_scrypt(password.data(),
                   password.size(),
                   salt,
                   hash.salt.size(),
                   n,
                   hash.r,
                   hash.p,
                   maxmem,
                   out,
                   key.size())
            == 1;
    }
    return PKCS5_PBKDF2_HMAC(password.data(),
               static_cast<int>(password.size()),
               salt,
               static_cast<int>(hash.salt.size()),
               static_cast<int>(hash.iterations),
               EVP_sha256(),
               static_cast<int>(key.size()),
               out)
        == 1;
}

} // namespace

bool looksLikePasswordHash(std::string_view text) noexcept
{
    return text.starts_with(kScryptPrefix) || text.starts_with(kPbkdf2Prefix);
}

PasswordHash PasswordHash::parse(std::string_view text)
{
    const auto parts = fields(text);
    // "", algorithm, params, salt, key
    if (parts.size() != 5 || !parts[0].empty()) {
        throw PasswordHashError("expected 5 '$'-separated fields: '', scrypt or pbkdf2-sha256, "
                                "the parameters, the salt, the key");
    }
    PasswordHash hash;
    if (parts[1] == "scrypt") {
        hash.algorithm = HashAlgorithm::Scrypt;
        parseScryptParams(hash, parts[2]);
    } else if (parts[1] == "pbkdf2-sha256") {
        hash.algorithm = HashAlgorithm::Pbkdf2Sha256;
        if (!parts[2].starts_with("i=")) {
            throw PasswordHashError("pbkdf2-sha256 parameters must read i=N");
        }
        hash.iterations = number(parts[2].substr(2), 1000, 5000000, "pbkdf2 i");
    } else {
        throw PasswordHashError("unknown algorithm (scrypt or pbkdf2-sha256)");
    }
    hash.salt = unbase64(parts[3], "the salt");
    hash.key = unbase64(parts[4], "the key");
    if (hash.salt.size() < 8 || hash.salt.size() > 64) {
        throw PasswordHashError("the salt must be 8 to 64 bytes");
    }
    if (hash.key.size() < 16 || hash.key.size() > 64) {
        throw PasswordHashError("the key must be 16 to 64 bytes");
    }
    return hash;
}

std::string PasswordHash::toString() const
{
    const std::string params = algorithm == HashAlgorithm::Scrypt
        ? "scrypt$ln=" + std::to_string(log2_n) + ",r=" + std::to_string(r)
            + ",p=" + std::to_string(p)
        : "pbkdf2-sha256$i=" + std::to_string(iterations);
    return "$" + params + "$" + base64(salt) + "$" + base64(key);
}

std::string hashPassword(std::string_view password, HashAlgorithm algorithm, std::uint32_t cost)
{
    PasswordHash hash;
    hash.algorithm = algorithm;
    if (cost != 0) {
        (algorithm == HashAlgorithm::Scrypt ? hash.log2_n : hash.iterations) = cost;
    }
    hash.salt.assign(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(hash.salt.data()), kSaltBytes) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    }
    std::string key;
    if (!derive(hash, password, key)) {
        throw std::runtime_error("OpenSSL key derivation failed");
    }
    hash.key = key;
    return hash.toString();
}

bool verifyPassword(const PasswordHash& hash, std::string_view password) noexcept
{
    try {
        std::string key;
        if (!derive(hash, password, key)) {
            return false;
        }
        return key.size() == hash.key.size()
            && CRYPTO_memcmp(key.data(), hash.key.data(), key.size()) == 0;
    } catch (const std::exception&) {
        return false; // allocation failure: refuse
    }
}

bool verifyPassword(std::string_view hash, std::string_view password) noexcept
{
    try {
        return verifyPassword(PasswordHash::parse(hash), password);
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace smppd
