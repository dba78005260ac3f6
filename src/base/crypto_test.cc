#include "base/crypto.h"

#include <gtest/gtest.h>

#include <string>

namespace sahayak {
namespace {

TEST(SecretBox, SealedSecretOpensOnlyWithItsKey) {
  const std::string key = NewSecretKey();
  ASSERT_EQ(key.size(), kSecretKeyBytes);
  const std::string sealed = SealSecret(key, "imap-पासवर्ड-ಗುಪ್ತ");
  EXPECT_EQ(sealed.find("imap"), std::string::npos) << "the plaintext must not show";
  EXPECT_NE(SealSecret(key, "imap-पासवर्ड-ಗುಪ್ತ"), sealed) << "each seal takes a fresh nonce";
  auto opened = OpenSecret(key, sealed);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, "imap-पासवर्ड-ಗುಪ್ತ");

  auto wrong = OpenSecret(NewSecretKey(), sealed);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("secret key"), std::string::npos);

  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenSecret(key, tampered).ok());
  EXPECT_FALSE(OpenSecret(key, "plain-text-password").ok());
  EXPECT_FALSE(OpenSecret(key, "v1.").ok());
}

TEST(SecretBox, KeysRoundTripThroughBase64AndBadKeysAreExplained) {
  const std::string key = NewSecretKey();
  auto back = DecodeSecretKey(EncodeSecretKey(key));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, key);
  auto short_key = DecodeSecretKey("c2hvcnQ=");
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.status().message().find("32 bytes"), std::string::npos);
  EXPECT_FALSE(DecodeSecretKey("not base64 at all!").ok());
}

TEST(CryptoTest, Base64EncodeMatchesRfc4648) {
  // RFC 4648 section 10, then bytes that use '+' and '/', and a NUL as SMTP AUTH PLAIN sends.
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
  EXPECT_EQ(Base64Encode(std::string("\0user\0pass", 10)), "AHVzZXIAcGFzcw==");
  EXPECT_EQ(Base64Encode("ನಮಸ್ಕಾರ"), "4LKo4LKu4LK44LON4LKV4LK+4LKw");
}

TEST(CryptoTest, HmacSha256MatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256("Jefe", "what do ya want for nothing?").size(), 32u);
}

}  // namespace
}  // namespace sahayak
