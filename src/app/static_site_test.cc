#include "app/static_site.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.h"

namespace sahayak::app {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

api::Request Get(const std::string& target) {
  api::Request r;
  r.method = "GET";
  r.target = target;
  api::SplitTarget(&r);
  return r;
}

std::string Header(const api::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write(dir_.path() + "/index.html", "<!doctype html><title>सहायक</title>");
    Write(dir_.path() + "/assets/app-1a2b3c.js", "console.log(1)");
    Write(dir_.path() + "/.secret", "no");
    Write(dir_.path() + "/../outside.txt", "no");
  }
  sahayak::testing::TempDir dir_;
};

TEST_F(StaticSiteTest, ServesIndexWithAStrictPolicyAndNoCaching) {
  StaticSite site(dir_.path());
  auto r = site.Serve(Get("/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("सहायक"), std::string::npos);
  EXPECT_EQ(Header(*r, "Cache-Control"), "no-cache");
  EXPECT_NE(Header(*r, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
}

TEST_F(StaticSiteTest, AppRoutesFallBackToIndexAndAssetsAreImmutable) {
  StaticSite site(dir_.path());
  auto page = site.Serve(Get("/tickets/42?tab=history"));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  auto js = site.Serve(Get("/assets/app-1a2b3c.js"));
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(*js, "Cache-Control"), "public, max-age=31536000, immutable");
  auto missing = site.Serve(Get("/assets/gone-000.js"));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(StaticSiteTest, NeverLeavesTheFolderOrShowsHiddenFiles) {
  StaticSite site(dir_.path());
  for (const char* target : {"/../outside.txt", "/assets/../../outside.txt", "/.secret",
                             "/%2e%2e/outside.txt", "/assets\\..\\x.js"}) {
    auto r = site.Serve(Get(target));
    EXPECT_TRUE(!r || r->status == 404 || r->body.find("no") == std::string::npos) << target;
    if (r && r->status == 200) EXPECT_EQ(r->content_type, "text/html; charset=utf-8") << target;
  }
}

TEST_F(StaticSiteTest, LeavesTheApiAndOtherMethodsToTheRouter) {
  StaticSite site(dir_.path());
  EXPECT_FALSE(site.Serve(Get("/api/v1/tickets")));
  api::Request post = Get("/");
  post.method = "POST";
  EXPECT_FALSE(site.Serve(post));
  StaticSite none("");
  EXPECT_FALSE(none.Serve(Get("/")));
  EXPECT_FALSE(none.Available());
}

}  // namespace
}  // namespace sahayak::app
