#include <gtest/gtest.h>

#include <vector>

#include "api/help.h"

namespace sahayak::api::help {
namespace {

std::vector<services::Workspace> Three() {
  std::vector<services::Workspace> all(3);
  // Not in id order, to show the default is the lowest id, not the first row.
  all[0].id = 5;
  all[0].name = "Late";
  all[0].public_host = "help.late.test";
  all[1].id = 2;
  all[1].name = "Default";
  all[2].id = 9;
  all[2].name = "Second";
  all[2].public_host = "help.second.test";
  return all;
}

std::string Chosen(std::string_view host) {
  auto all = Three();
  const services::Workspace* w = ChooseWorkspace(all, host);
  return w == nullptr ? "none" : w->name;
}

TEST(HelpSiteTest, ExactHostChoosesItsWorkspace) {
  EXPECT_EQ(Chosen("help.second.test"), "Second");
  EXPECT_EQ(Chosen("help.late.test"), "Late");
}

TEST(HelpSiteTest, PortAndCaseDoNotMatter) {
  EXPECT_EQ(Chosen("help.second.test:8080"), "Second");
  EXPECT_EQ(Chosen("HELP.Second.Test"), "Second");
  EXPECT_EQ(Chosen("Help.Second.Test.:443"), "Second");
}

TEST(HelpSiteTest, UnknownOrMissingHostFallsBackToLowestId) {
  EXPECT_EQ(Chosen("127.0.0.1:8080"), "Default");
  EXPECT_EQ(Chosen(""), "Default");
  EXPECT_EQ(Chosen("second.test"), "Default");
  EXPECT_EQ(Chosen("help.second.test.evil"), "Default");
  EXPECT_EQ(Chosen("[::1]:8080"), "Default");
}

TEST(HelpSiteTest, EmptyHostNeverMatchesWorkspacesWithoutOne) {
  // "Default" has public_host "": a bad Host header must not be taken as matching it by
  // accident when it is not the lowest id.
  auto all = Three();
  all[1].id = 50;
  const services::Workspace* w = ChooseWorkspace(all, "bad host name!");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->name, "Late");  // lowest id is now 5
}

TEST(HelpSiteTest, NoWorkspaces) {
  EXPECT_EQ(ChooseWorkspace({}, "help.second.test"), nullptr);
}

TEST(HelpSiteTest, SiteUrlSwapsOnlyTheHost) {
  EXPECT_EQ(SiteUrl("https://support.example.in", ""), "https://support.example.in");
  EXPECT_EQ(SiteUrl("https://support.example.in", "help.second.test"), "https://help.second.test");
  EXPECT_EQ(SiteUrl("http://127.0.0.1:8080", "help.second.test"), "http://help.second.test:8080");
  EXPECT_EQ(SiteUrl("https://support.example.in/desk", "help.b.in"), "https://help.b.in/desk");
  EXPECT_EQ(SiteUrl("http://[::1]:8080", "help.b.in"), "http://help.b.in:8080");
}

}  // namespace
}  // namespace sahayak::api::help
