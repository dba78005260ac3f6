#include "domain/public_host.h"

#include <gtest/gtest.h>

#include <string>

namespace sahayak::domain {
namespace {

std::string Norm(std::string_view s) {
  auto r = NormalizePublicHost(s);
  return r.ok() ? *r : "ERROR";
}

TEST(PublicHostTest, KeepsPlainNamesLowerCase) {
  EXPECT_EQ(Norm("help.acme-courier.in"), "help.acme-courier.in");
  EXPECT_EQ(Norm("  Help.ACME-Courier.IN  "), "help.acme-courier.in");
  EXPECT_EQ(Norm("help.acme.in."), "help.acme.in");
  EXPECT_EQ(Norm("localhost"), "localhost");
  EXPECT_EQ(Norm("support2.x9.example"), "support2.x9.example");
}

TEST(PublicHostTest, EmptyClears) {
  EXPECT_EQ(Norm(""), "");
  EXPECT_EQ(Norm("   "), "");
}

TEST(PublicHostTest, InternationalNamesBecomePunycode) {
  EXPECT_EQ(Norm("hilfe.bücher.de"), "hilfe.xn--bcher-kva.de");
  EXPECT_EQ(Norm("HILFE.BÜCHER.DE"), "hilfe.xn--bcher-kva.de");
  EXPECT_EQ(Norm("hilfe.xn--bcher-kva.de"), "hilfe.xn--bcher-kva.de");
  EXPECT_EQ(Norm("HILFE.XN--BCHER-KVA.DE"), "hilfe.xn--bcher-kva.de");
  // Devanagari: मदद.भारत
  auto hindi = NormalizePublicHost("मदद.भारत");
  ASSERT_TRUE(hindi.ok()) << hindi.status().message();
  EXPECT_EQ(hindi->rfind("xn--", 0), 0u);
  EXPECT_NE(hindi->find(".xn--h2brj9c"), std::string::npos);
}

TEST(PublicHostTest, RefusesSchemePortPathAndJunk) {
  for (const char* bad :
       {"https://help.acme.in", "http://help.acme.in/", "help.acme.in:8080", "help.acme.in/kb",
        "help.acme.in?x=1", "user@help.acme.in", "help acme.in", "help_acme.in", "help..acme.in",
        ".acme.in", "-help.acme.in", "help-.acme.in", "help.acme!.in", "*.acme.in"}) {
    auto r = NormalizePublicHost(bad);
    EXPECT_FALSE(r.ok()) << bad << " -> " << (r.ok() ? *r : "");
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
      EXPECT_FALSE(r.status().message().empty());
    }
  }
  EXPECT_NE(NormalizePublicHost("https://help.acme.in").status().message().find("http"),
            std::string::npos);
  EXPECT_NE(NormalizePublicHost("help.acme.in:8080").status().message().find("port"),
            std::string::npos);
}

TEST(PublicHostTest, LengthLimits) {
  std::string label63(63, 'a');
  EXPECT_EQ(Norm(label63 + ".in"), label63 + ".in");
  EXPECT_EQ(Norm(std::string(64, 'a') + ".in"), "ERROR");
  // 4 labels of 61 + 3 dots = 247, plus ".abcde" = 253 exactly.
  std::string l61(61, 'b');
  std::string at253 = l61 + "." + l61 + "." + l61 + "." + l61 + ".abcde";
  ASSERT_EQ(at253.size(), 253u);
  EXPECT_EQ(Norm(at253), at253);
  EXPECT_EQ(Norm(at253 + "f"), "ERROR");
}

TEST(PublicHostTest, RequestHostDropsPortAndFoldsCase) {
  EXPECT_EQ(RequestHost("help.second.test"), "help.second.test");
  EXPECT_EQ(RequestHost("Help.Second.TEST:8443"), "help.second.test");
  EXPECT_EQ(RequestHost("help.second.test.:80"), "help.second.test");
  EXPECT_EQ(RequestHost("127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(RequestHost("hilfe.bücher.de"), "hilfe.xn--bcher-kva.de");
  EXPECT_EQ(RequestHost(""), "");
  EXPECT_EQ(RequestHost("[::1]:8080"), "");
  EXPECT_EQ(RequestHost("help.second.test:80x"), "");
  EXPECT_EQ(RequestHost("evil/path"), "");
}

}  // namespace
}  // namespace sahayak::domain
