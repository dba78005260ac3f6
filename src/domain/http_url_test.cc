#include "domain/http_url.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

TEST(HttpUrl, ReadsTheParts) {
  auto u = ParseHttpUrl("https://API.BlueDart.com/v2/requests?account=77");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "api.bluedart.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->target, "/v2/requests?account=77");

  auto plain = ParseHttpUrl("http://127.0.0.1:8081");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 8081);
  EXPECT_EQ(plain->target, "/");

  auto v6 = ParseHttpUrl("http://[::1]:9000?x=1");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
  EXPECT_EQ(v6->target, "/?x=1");
}

TEST(HttpUrl, RefusesWhatAClientCannotUse) {
  for (const char* bad :
       {"ftp://carrier.example/x", "carrier.example/x", "https://",
        "https://user:pw@carrier.example/", "https://carrier.example/#top",
        "https://carrier example/", "https://carrier.example:0/", "https://carrier.example:70000/",
        "https://carrier.example:/", "https://carrier.example:8o/", "https://[::1/",
        "https://ex..ample/", "https://पार्सल.example/", "https://c.example/a b",
        "javascript:alert(1)"}) {
    EXPECT_FALSE(ParseHttpUrl(bad).ok()) << bad;
  }
  EXPECT_FALSE(ParseHttpUrl("https://c.example/" + std::string(2000, 'a')).ok());
  EXPECT_TRUE(ParseHttpUrl("https://c.example/" + std::string(1900, 'a')).ok());
}

TEST(HttpUrl, PrivateAddressesAreThoseOffThePublicInternet) {
  for (const char* host :
       {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.20", "100.64.0.1", "169.254.169.254", "224.0.0.1", "255.255.255.255", "::1",
        "::", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "localhost", "LOCALHOST", "api.localhost", "localhost."}) {
    EXPECT_TRUE(IsPrivateAddress(host)) << host;
  }
  for (const char* host : {"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                           "192.169.0.1", "2001:db8::1", "2606:4700::1111", "::ffff:8.8.8.8",
                           "hooks.example.in", "localhost.example.in", "mylocalhost"}) {
    EXPECT_FALSE(IsPrivateAddress(host)) << host;
  }
}

}  // namespace
}  // namespace sahayak::domain
