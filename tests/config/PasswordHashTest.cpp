#include "config/PasswordHash.h"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE(
    "hashPassword gives a self-describing string that verifies the password only", "[config][hash]")
{
    SECTION("scrypt")
    {
        const std::string hash = smppd::hashPassword("secret", smppd::HashAlgorithm::Scrypt, 10);
        REQUIRE(hash.rfind("$scrypt$ln=10,r=8,p=1$", 0) == 0);
        REQUIRE(smppd::verifyPassword(hash, "secret"));
        REQUIRE_FALSE(smppd::verifyPassword(hash, "secreT"));
        REQUIRE_FALSE(smppd::verifyPassword(hash, ""));
        REQUIRE(smppd::PasswordHash::parse(hash).toString() == hash);
    }
    SECTION("PBKDF2-SHA256")
    {
        const std::string hash =
            smppd::hashPassword("secret", smppd::HashAlgorithm::Pbkdf2Sha256, 1000);
        REQUIRE(hash.rfind("$pbkdf2-sha256$i=1000$", 0) == 0);
        REQUIRE(smppd::verifyPassword(hash, "secret"));
        REQUIRE_FALSE(smppd::verifyPassword(hash, "secret "));
    }
    SECTION("a fresh salt each time")
    {
        REQUIRE(smppd::hashPassword("a", smppd::HashAlgorithm::Scrypt, 10)
            != smppd::hashPassword("a", smppd::HashAlgorithm::Scrypt, 10));
    }
}

TEST_CASE("a PBKDF2-HMAC-SHA256 string from another implementation verifies", "[config][hash]")
{
    // Python: base64(hashlib.pbkdf2_hmac('sha256', b'password', b'saltsaltsaltsalt', 1000, 32))
    const std::string text =
        "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$8nX7hwFEzIB8aPajJTYK8weHQc5Ngz0pFVAKvSu4jQA";
    REQUIRE(smppd::verifyPassword(text, "password"));
    REQUIRE_FALSE(smppd::verifyPassword(text, "Password"));
    REQUIRE(smppd::PasswordHash::parse(text).toString() == text);
    // Python: base64(hashlib.scrypt(b'password', salt=b'saltsaltsaltsalt', n=1024, r=8, p=1,
    // dklen=32))
    const std::string scrypt =
        "$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$BVMRKqdiVYikKAaPR1wucsKUKvw4TuPLkdEYtoSHas4";
    REQUIRE(smppd::verifyPassword(scrypt, "password"));
    REQUIRE_FALSE(smppd::verifyPassword(scrypt, "passwore"));
}

TEST_CASE("malformed or too costly hash strings are refused", "[config][hash]")
{
    const char* bad = GENERATE("",
        "$scrypt$",
        "scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=10,r=8$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=21,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=18,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA", // 256 MiB
        "$scrypt$ln=10,r=8,p=1$c2FsdA$c2FsdHNhbHRzYWx0c2FsdA", // salt of 4 bytes
        "$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$c2Fsd=Ah", // padding
        "$pbkdf2-sha256$i=999$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$pbkdf2-sha256$i=5000001$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA",
        "$argon2id$v=19$c2FsdHNhbHRzYWx0c2FsdA$c2FsdHNhbHRzYWx0c2FsdA");
    INFO(bad);
    REQUIRE_THROWS_AS(smppd::PasswordHash::parse(bad), smppd::PasswordHashError);
    REQUIRE_FALSE(smppd::verifyPassword(std::string_view(bad), "x"));
    try {
        (void)smppd::PasswordHash::parse(bad);
    } catch (const smppd::PasswordHashError& e) {
        if (std::string_view(bad).size() > 10) {
            REQUIRE(std::string(e.what()).find(bad) == std::string::npos);
        }
    }
}
