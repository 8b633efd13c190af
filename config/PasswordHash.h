#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smppd {

/// Key-derivation functions a stored secret may be hashed with.
enum class HashAlgorithm { Scrypt, Pbkdf2Sha256 };

/// A malformed or unsupported password-hash string.
class PasswordHashError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A self-describing password hash (the PHC string format, base64 without padding):
///   `$scrypt$ln=15,r=8,p=1$<salt>$<key>`         (N = 2^ln)
///   `$pbkdf2-sha256$i=600000$<salt>$<key>`
/// Both are computed by OpenSSL (EVP_PBE_scrypt, PKCS5_PBKDF2_HMAC). Used for
/// `Authentication.PasswordHash`, the accounts file's `passwordHash` and a hashed
/// `TcpServer.Token` (architecture §4.1).
struct PasswordHash {
    HashAlgorithm algorithm = HashAlgorithm::Scrypt;
    std::uint32_t log2_n = 15; ///< scrypt: N = 2^log2_n
    std::uint32_t r = 8; ///< scrypt block size
    std::uint32_t p = 1; ///< scrypt parallelism
    std::uint32_t iterations = 600000; ///< PBKDF2
    std::string salt; ///< raw bytes
    std::string key; ///< raw derived bytes

    /// Parses `text`; throws PasswordHashError (naming what is wrong, never echoing the text)
    /// for anything but a well-formed string whose costs are within safe bounds.
    static PasswordHash parse(std::string_view text);

    /// The string form, as parse() reads it.
    std::string toString() const;
};

/// True when `text` starts like a hash string of a known algorithm ("$scrypt$",
/// "$pbkdf2-sha256$"): the config then parses it as a hash rather than as a plain secret.
bool looksLikePasswordHash(std::string_view text) noexcept;

/// Hashes `password` with a fresh random 16-byte salt. `cost` 0 = the default (scrypt
/// ln=15 r=8 p=1, 32 MiB; PBKDF2 600000 iterations); otherwise ln for scrypt, iterations for
/// PBKDF2 (tests use small costs). Throws std::runtime_error when OpenSSL fails.
std::string hashPassword(std::string_view password,
    HashAlgorithm algorithm = HashAlgorithm::Scrypt,
    std::uint32_t cost = 0);

/// True when `password` hashes to `hash` (compared in constant time). A malformed hash or an
/// OpenSSL failure gives false.
bool verifyPassword(const PasswordHash& hash, std::string_view password) noexcept;

/// Same, parsing `hash` first.
bool verifyPassword(std::string_view hash, std::string_view password) noexcept;

} // namespace smppd
