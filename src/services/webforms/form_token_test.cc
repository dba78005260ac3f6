// Web form start tokens on a fake clock: in time, too fast, too old, forged.
#include "services/webforms/form_token.h"

#include <gtest/gtest.h>

#include <vector>

#include "base/crypto.h"
#include "testing/fake_clock.h"

namespace sahayak::services {
namespace {

class FormTokenTest : public ::testing::Test {
 protected:
  void SetUp() override { InitCrypto(); }
  const std::string key_ = DeriveFormTokenKey(std::string(32, 's'));
  testing::FakeClock clock_;
};

TEST_F(FormTokenTest, AcceptsATokenOfThisFormAfterTheMinimumFillTime) {
  std::string t = IssueFormToken(key_, "formkey", clock_.Now());
  clock_.Advance(3000);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 3000), FormTokenCheck::kOk);
}

TEST_F(FormTokenTest, RefusesASubmissionSoonerThanTheMinimumFillTime) {
  std::string t = IssueFormToken(key_, "formkey", clock_.Now());
  clock_.Advance(2999);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 3000), FormTokenCheck::kTooFast);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 0), FormTokenCheck::kOk);
}

TEST_F(FormTokenTest, RefusesATokenOlderThanADay) {
  std::string t = IssueFormToken(key_, "formkey", clock_.Now());
  clock_.Advance(kFormTokenMaxAgeMs);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 3000), FormTokenCheck::kOk);
  clock_.Advance(1);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 3000), FormTokenCheck::kTooOld);
}

TEST_F(FormTokenTest, RefusesForgedTokens) {
  const Millis now = clock_.Now();
  std::string t = IssueFormToken(key_, "formkey", now - 10000);
  // Another form's token, another server's key, an edited time, garbage, nothing.
  EXPECT_EQ(CheckFormToken(key_, "otherform", t, now, 3000), FormTokenCheck::kForged);
  std::string other_key = DeriveFormTokenKey(std::string(32, 't'));
  EXPECT_EQ(CheckFormToken(other_key, "formkey", t, now, 3000), FormTokenCheck::kForged);
  std::string edited = std::to_string(now - 20000) + t.substr(t.find('.'));
  EXPECT_EQ(CheckFormToken(key_, "formkey", edited, now, 3000), FormTokenCheck::kForged);
  const std::vector<std::string> bad_tokens = {"",    ".",     "123",   "abc.def",
                                               "-5.x", t + "x", t.substr(0, t.size() - 1)};
  for (const std::string& bad : bad_tokens) {
    EXPECT_EQ(CheckFormToken(key_, "formkey", bad, now, 3000), FormTokenCheck::kForged) << bad;
  }
}

TEST_F(FormTokenTest, RefusesATokenIssuedInTheFuture) {
  std::string t = IssueFormToken(key_, "formkey", clock_.Now() + 10 * 60 * 1000);
  EXPECT_EQ(CheckFormToken(key_, "formkey", t, clock_.Now(), 0), FormTokenCheck::kForged);
}

TEST_F(FormTokenTest, TheSigningKeyIsNotTheSecretKey) {
  std::string secret(32, 's');
  EXPECT_NE(DeriveFormTokenKey(secret), secret);
  EXPECT_EQ(DeriveFormTokenKey(secret).size(), 32u);
}

}  // namespace
}  // namespace sahayak::services
