#include "base/crypto.h"

#include <sodium.h>

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace sahayak {

void InitCrypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fprintf(stderr, "libsodium failed to initialise\n");
      std::abort();
    }
  });
}

std::string RandomToken(size_t bytes) {
  InitCrypto();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

namespace {

std::string ToHex(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string HashToken(std::string_view token) {
  InitCrypto();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

std::string HmacSha256(std::string_view key, std::string_view message) {
  InitCrypto();
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&st, out);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  std::string raw = HmacSha256(key, message);
  return ToHex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string Sha256Hex(std::string_view bytes) {
  InitCrypto();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return ToHex(out, sizeof out);
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashCost& cost) {
  InitCrypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  InitCrypto();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool SecureEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

std::string Base64(std::string_view raw, int variant) {
  std::string out(sodium_base64_encoded_len(raw.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// Decodes with `variant`; nullopt when the text is not valid base64 of it.
std::optional<std::string> Unbase64(std::string_view text, int variant) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \t\r\n", &len, nullptr, variant) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

constexpr std::string_view kSealPrefix = "v1.";

}  // namespace

std::string NewSecretKey() {
  InitCrypto();
  std::string key(kSecretKeyBytes, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  return key;
}

Result<std::string> DecodeSecretKey(std::string_view text) {
  InitCrypto();
  for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                      sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
    auto raw = Unbase64(text, variant);
    if (raw && raw->size() == kSecretKeyBytes) return *raw;
  }
  return InvalidArgument("a secret key must be 32 bytes written in base64 (44 characters); "
                         "make one with: head -c 32 /dev/urandom | base64");
}

std::string Base64Encode(std::string_view bytes) {
  InitCrypto();
  return Base64(bytes, sodium_base64_VARIANT_ORIGINAL);
}

std::string EncodeSecretKey(std::string_view key) {
  InitCrypto();
  return Base64(key, sodium_base64_VARIANT_ORIGINAL);
}

std::string SealSecret(std::string_view key, std::string_view plaintext) {
  InitCrypto();
  std::string buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(buf.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key.data()));
  return std::string(kSealPrefix) + Base64(buf, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<std::string> OpenSecret(std::string_view key, std::string_view sealed) {
  InitCrypto();
  if (key.size() != kSecretKeyBytes) return InvalidArgument("the secret key is not 32 bytes");
  if (sealed.substr(0, kSealPrefix.size()) != kSealPrefix) {
    return FailedPrecondition("a stored secret is not in the sealed format");
  }
  auto raw = Unbase64(sealed.substr(kSealPrefix.size()), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return FailedPrecondition("a stored secret is damaged");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  const size_t box_len = raw->size() - crypto_secretbox_NONCEBYTES;
  std::string out(box_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, box_len, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return FailedPrecondition("a stored secret cannot be opened with this secret key (was the data "
                    "folder's secret.key replaced?)");
  }
  return out;
}

}  // namespace sahayak
