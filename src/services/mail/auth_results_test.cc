#include "services/mail/auth_results.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sahayak::services {
namespace {

std::string Summary(const AuthResults& r) {
  const auto one = [](const char* name, const AuthVerdict& v) {
    return std::string(name) + "=" + (v.result.empty() ? "-" : v.result) +
           (v.domain.empty() ? "" : "(" + v.domain + ")");
  };
  return "[" + r.authserv_id + "] " + one("spf", r.spf) + " " + one("dkim", r.dkim) + " " +
         one("dmarc", r.dmarc);
}

TEST(AuthResults, Gmail) {
  // As Gmail adds it to a mail it received, folded over several lines.
  const AuthResults r = ParseAuthenticationResults(
      "mx.google.com;\r\n"
      "       dkim=pass header.i=@acmeparcels.in header.s=s2024 header.b=\"Xy9/ab+c\";\r\n"
      "       spf=pass (google.com: domain of bounce+abc@mail.acmeparcels.in designates "
      "198.51.100.7 as permitted sender) smtp.mailfrom=\"bounce+abc@mail.acmeparcels.in\";\r\n"
      "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=acmeparcels.in");
  EXPECT_EQ(Summary(r),
            "[mx.google.com] spf=pass(mail.acmeparcels.in) dkim=pass(acmeparcels.in) "
            "dmarc=pass(acmeparcels.in)");
}

TEST(AuthResults, Microsoft365HasNoAuthservId) {
  const AuthResults r = ParseAuthenticationResults(
      "spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=evil.test; dkim=none (message not "
      "signed) header.d=none;dmarc=fail action=quarantine header.from=bank.example;"
      "compauth=fail reason=000");
  EXPECT_EQ(Summary(r), "[] spf=fail(evil.test) dkim=none dmarc=fail(bank.example)");

  const AuthResults guess = ParseAuthenticationResults(
      "spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=contoso.com; dkim=pass (signature was "
      "verified) header.d=contoso.com;dmarc=bestguesspass action=none "
      "header.from=contoso.com;compauth=pass reason=109");
  EXPECT_EQ(Summary(guess), "[] spf=pass(contoso.com) dkim=pass(contoso.com) dmarc=none(contoso.com)");
}

TEST(AuthResults, PostfixMiltersWriteOneHeaderEach) {
  // opendmarc, opendkim and policyd-spf on our own server, topmost first, then a header that a
  // server before ours (or the sender) wrote, which must not count.
  const AuthResults r = ParseAuthenticationResults(std::vector<std::string>{
      "mail.sahayak.test; dmarc=fail (p=none dis=none) header.from=gmail.com",
      "mail.sahayak.test;\r\n\tdkim=fail reason=\"signature verification failed\" (2048-bit key;"
      " unprotected) header.d=gmail.com header.i=@gmail.com header.a=rsa-sha256 "
      "header.s=20230601 header.b=AbCdEf12;\r\n\tdkim-atps=neutral",
      "mail.sahayak.test; spf=softfail (mailfrom) smtp.mailfrom=gmail.com (client-ip=1.2.3.4)",
      "mx.evil.test; spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass",
  });
  EXPECT_EQ(Summary(r),
            "[mail.sahayak.test] spf=softfail(gmail.com) dkim=fail(gmail.com) dmarc=fail(gmail.com)");
}

TEST(AuthResults, OnlyTheTopmostServersHeadersCount) {
  const AuthResults r = ParseAuthenticationResults(std::vector<std::string>{
      "mx.sahayak.test; spf=fail smtp.mailfrom=bank.example",
      "mx.sahayak.test.evil; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example",
  });
  EXPECT_EQ(Summary(r), "[mx.sahayak.test] spf=fail(bank.example) dkim=- dmarc=-");
}

TEST(AuthResults, APassingSignatureWinsOverOthers) {
  const AuthResults r = ParseAuthenticationResults(
      "mx.example.in; dkim=fail header.d=old.example; dkim=pass header.d=esp.example; "
      "dkim=pass header.d=acme.in; dkim/1=fail header.d=x.example");
  EXPECT_EQ(r.dkim.result, "pass");
  EXPECT_EQ(r.dkim.domain, "esp.example");
}

TEST(AuthResults, ResultsAreNormalisedAndOddInputIsHarmless) {
  EXPECT_EQ(Summary(ParseAuthenticationResults(
                "mx 1; SPF = HardFail smtp.mailfrom=Bounce@Example.IN.; DKIM=policy "
                "header.i=@Sub.Example.in; dmarc=permerror header.from=example.in")),
            "[mx] spf=fail(example.in) dkim=fail(sub.example.in) dmarc=permerror(example.in)");
  EXPECT_EQ(Summary(ParseAuthenticationResults("mx.example.in; none")), "[mx.example.in] spf=- dkim=- dmarc=-");
  EXPECT_FALSE(ParseAuthenticationResults("mx.example.in; none").any());
  EXPECT_FALSE(ParseAuthenticationResults("").any());
  EXPECT_FALSE(ParseAuthenticationResults(";;;===(((\"").any());
  EXPECT_EQ(Summary(ParseAuthenticationResults("mx; spf=maybe; dkim=pass (unclosed comment")),
            "[mx] spf=- dkim=pass dmarc=-");
  EXPECT_EQ(ParseAuthenticationResults("mx; spf=temperror smtp.mailfrom=").spf.result, "temperror");
  // A long hostile header is read in linear time and cut.
  const std::string huge = "mx; dmarc=fail header.from=" + std::string(100000, 'a') + ".in" +
                           std::string(100000, '(');
  const AuthResults h = ParseAuthenticationResults(huge);
  EXPECT_EQ(h.dmarc.result, "fail");
  EXPECT_LE(h.dmarc.domain.size(), 255u);
}

domain::InboundMail MailFrom(const std::string& name, const std::string& email) {
  domain::InboundMail m;
  m.from = {name, email};
  return m;
}

TEST(MailWarnings, DmarcFailOrSpfAndDkimBothFailing) {
  const auto m = MailFrom("Asha", "asha@example.in");
  EXPECT_EQ(MailWarnings(m, ParseAuthenticationResults("mx; dmarc=fail header.from=example.in"), {}),
            std::vector<std::string>{"dmarc_fail"});
  EXPECT_EQ(MailWarnings(m, ParseAuthenticationResults("mx; spf=fail; dkim=fail"), {}),
            std::vector<std::string>{"dmarc_fail"});
  EXPECT_EQ(MailWarnings(m, ParseAuthenticationResults("mx; spf=fail; dkim=none; dmarc=none"), {}),
            std::vector<std::string>{"dmarc_fail"});
  // One good signature, a soft SPF failure or a DMARC pass is not a failure.
  EXPECT_TRUE(MailWarnings(m, ParseAuthenticationResults("mx; spf=fail; dkim=pass"), {}).empty());
  EXPECT_TRUE(MailWarnings(m, ParseAuthenticationResults("mx; spf=softfail; dkim=none"), {}).empty());
  EXPECT_TRUE(
      MailWarnings(m, ParseAuthenticationResults("mx; spf=fail; dkim=fail; dmarc=pass"), {}).empty());
  EXPECT_TRUE(MailWarnings(m, AuthResults{}, {}).empty());
}

TEST(MailWarnings, AnAddressInTheDisplayNameThatIsNotTheSender) {
  EXPECT_EQ(MailWarnings(MailFrom("support@bank.in", "x@evil.test"), {}, {}),
            std::vector<std::string>{"display_name_address"});
  EXPECT_EQ(MailWarnings(MailFrom("\"Bank <help@Bank.in>\"", "x@evil.test"), {}, {}),
            std::vector<std::string>{"display_name_address"});
  EXPECT_TRUE(MailWarnings(MailFrom("Ravi@Example.in", "ravi@example.in"), {}, {}).empty());
  EXPECT_TRUE(MailWarnings(MailFrom("Ravi @ Home", "ravi@example.in"), {}, {}).empty());
  EXPECT_TRUE(MailWarnings(MailFrom("रवि कुमार", "ravi@example.in"), {}, {}).empty());
}

TEST(MailWarnings, ReplyToAnotherDomain) {
  auto m = MailFrom("Bank", "alerts@bank.in");
  m.reply_to = domain::MailAddress{"", "help@bank-secure.test"};
  EXPECT_EQ(MailWarnings(m, {}, {}), std::vector<std::string>{"reply_to_domain"});
  m.reply_to = domain::MailAddress{"", "help@care.Bank.in"};
  EXPECT_TRUE(MailWarnings(m, {}, {}).empty()) << "a subdomain is the same organisation";
  m.reply_to = domain::MailAddress{"", "not an address"};
  EXPECT_TRUE(MailWarnings(m, {}, {}).empty());
}

TEST(MailWarnings, LookalikesOfOurOwnDomains) {
  const std::vector<std::string> own = {"acmeparcels.in"};
  for (const char* from : {"x@acrneparcels.in", "x@acmeparce1s.in", "x@acmeparcel.in",
                           "x@4cmeparcels.in", "x@acmeparcels.co"}) {
    EXPECT_EQ(MailWarnings(MailFrom("", from), {}, own),
              std::vector<std::string>{"lookalike_own_domain"})
        << from;
  }
  for (const char* from : {"x@acmeparcels.in", "x@mail.acmeparcels.in", "x@gmail.com",
                           "x@example.in", "no-at-sign"}) {
    EXPECT_TRUE(MailWarnings(MailFrom("", from), {}, own).empty()) << from;
  }
}

}  // namespace
}  // namespace sahayak::services
