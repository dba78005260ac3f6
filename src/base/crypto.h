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

// Constant-time equality.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace sahayak
