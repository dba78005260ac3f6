#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace sahayak {

// Cost of argon2id password hashes. The defaults follow the OWASP guidance for argon2id
// (19 MiB, 2 passes); tests may lower them to keep suites fast.
struct PasswordHashCost {
  unsigned long long ops = 2;
  size_t mem_bytes = 19u << 20;
};

// Must run once before any other function here; safe to call many times.
void InitCrypto();

// A random token of `bytes` bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);

// Hex SHA-256-sized BLAKE2b digest, used to store session and API tokens: a leaked database
// does not reveal a usable token.
std::string HashToken(std::string_view token);

// Hex SHA-256 of the content (attachments are stored by it).
std::string Sha256Hex(std::string_view bytes);

Result<std::string> HashPassword(std::string_view password, const PasswordHashCost& cost);
bool VerifyPassword(std::string_view password, const std::string& hash);

// HMAC-SHA256 of `message` under `key`: the 32 raw bytes, or as lower-case hex.
std::string HmacSha256(std::string_view key, std::string_view message);
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// Constant-time equality.
bool SecureEquals(std::string_view a, std::string_view b);

// Base64 with the standard alphabet and padding (RFC 4648 section 4), as MIME and SMTP AUTH use.
std::string Base64Encode(std::string_view bytes);

// Sealing of secrets kept in the database (mail server passwords): XSalsa20-Poly1305
// (libsodium secretbox) under a 32-byte key kept outside the database. A sealed value is
// "v1." + base64url(nonce || box); the random nonce makes two seals of one secret differ.
constexpr size_t kSecretKeyBytes = 32;
std::string NewSecretKey();  // 32 random bytes
// The key from its base64 (standard or url-safe) text; InvalidArgument unless 32 bytes.
Result<std::string> DecodeSecretKey(std::string_view text);
std::string EncodeSecretKey(std::string_view key);  // base64, standard alphabet
std::string SealSecret(std::string_view key, std::string_view plaintext);
// FailedPrecondition when the value was not sealed under this key or was altered.
Result<std::string> OpenSecret(std::string_view key, std::string_view sealed);

}  // namespace sahayak
