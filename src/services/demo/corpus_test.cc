#include "services/demo/corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sahayak::demo {
namespace {

constexpr uint64_t kSeed = 20240601;
constexpr int kSample = 10'000;

// Calls f(code point) for each code point; false when `s` is not well-formed UTF-8.
template <typename F>
bool ForEachCodePoint(std::string_view s, F f) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    int extra;
    if (b < 0x80) {
      cp = b;
      extra = 0;
    } else if (b >= 0xC2 && b <= 0xDF) {
      cp = b & 0x1F;
      extra = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      cp = b & 0x0F;
      extra = 2;
    } else if (b >= 0xF0 && b <= 0xF4) {
      cp = b & 0x07;
      extra = 3;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= s.size()) {
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      unsigned char cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (cb & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    f(cp);
    i += extra + 1;
  }
  return true;
}

// Well-formed UTF-8, no control characters but '\n', no unexpanded placeholder, and none of
// the Devanagari/Kannada sequences that NFC would rewrite (composition exclusions such as
// U+095C, decomposed vowel signs such as U+0CC6 U+0CD5, virama before nukta).
::testing::AssertionResult IsCleanText(std::string_view s) {
  std::vector<uint32_t> cps;
  if (!ForEachCodePoint(s, [&](uint32_t cp) { cps.push_back(cp); })) {
    return ::testing::AssertionFailure() << "malformed UTF-8: " << s;
  }
  for (size_t i = 0; i < cps.size(); ++i) {
    uint32_t cp = cps[i];
    uint32_t next = i + 1 < cps.size() ? cps[i + 1] : 0;
    if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F)) {
      return ::testing::AssertionFailure()
             << "control character U+" << std::hex << cp << " in: " << s;
    }
    if (cp == '{' || cp == '}') {
      return ::testing::AssertionFailure() << "unexpanded placeholder in: " << s;
    }
    bool not_nfc =
        (cp >= 0x0958 && cp <= 0x095F) ||
        (next == 0x093C && (cp == 0x0928 || cp == 0x0930 || cp == 0x0933 || cp == 0x094D)) ||
        (cp == 0x0CBF && next == 0x0CD5) ||
        (cp == 0x0CC6 && (next == 0x0CD5 || next == 0x0CD6 || next == 0x0CC2)) ||
        (cp == 0x0CCA && next == 0x0CD5);
    if (not_nfc) {
      return ::testing::AssertionFailure() << "not NFC at U+" << std::hex << cp << " in: " << s;
    }
  }
  if (!s.empty() && (s.front() == ' ' || s.back() == ' ' || s.back() == '\n')) {
    return ::testing::AssertionFailure() << "stray white space around: " << s;
  }
  return ::testing::AssertionSuccess();
}

bool HasRange(std::string_view s, uint32_t lo, uint32_t hi) {
  bool found = false;
  ForEachCodePoint(s, [&](uint32_t cp) { found = found || (cp >= lo && cp <= hi); });
  return found;
}
bool HasDevanagari(std::string_view s) {
  return HasRange(s, 0x0900, 0x097F);
}
bool HasKannada(std::string_view s) {
  return HasRange(s, 0x0C80, 0x0CFF);
}

bool LooksHinglish(std::string_view s) {
  std::string lower;
  for (char c : s) {
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  for (const char* word : {" hai", "nahi", " kar", "mein", " kab", " kya", " ho ", " ka ", " ke ",
                           " ki ", " se ", "bhej", "chahiye"}) {
    if (lower.find(word) != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Every field of a ticket, for comparing tickets.
std::string Describe(const DemoTicket& t) {
  std::string out;
  for (std::string_view part :
       {std::string_view(t.subject), std::string_view(t.status), std::string_view(t.priority),
        std::string_view(t.type), std::string_view(t.channel), std::string_view(t.language),
        t.variety, t.scenario}) {
    out.append(part).append("|");
  }
  for (int64_t n : {int64_t{t.group}, int64_t{t.contact}, int64_t{t.organisation},
                    int64_t{t.assignee}, t.created_minutes_ago}) {
    out.append(std::to_string(n)).append("|");
  }
  for (const std::string& tag : t.tags) {
    out.append("tag:").append(tag).append("|");
  }
  for (const auto& [key, value] : t.custom_fields) {
    out.append("field:").append(key).append("=").append(value).append("|");
  }
  for (const DemoMessage& m : t.messages) {
    out.append("msg:")
        .append(std::to_string(static_cast<int>(m.author)))
        .append(m.is_public ? ":public:" : ":internal:")
        .append(std::to_string(m.minutes_after_creation))
        .append(":")
        .append(m.body)
        .append("|");
  }
  return out;
}

const Corpus& SampleCorpus() {
  static const Corpus* corpus = new Corpus(kSeed, kSample);
  return *corpus;
}

const std::vector<DemoTicket>& Sample() {
  static const std::vector<DemoTicket>* tickets = [] {
    auto* v = new std::vector<DemoTicket>();
    v->reserve(kSample);
    for (int i = 0; i < kSample; ++i) {
      v->push_back(SampleCorpus().Ticket(i));
    }
    return v;
  }();
  return *tickets;
}

TEST(DemoCorpus, SameSeedAndIndexGiveTheSameTicket) {
  Corpus a(kSeed, kSample);
  Corpus b(kSeed, kSample);
  for (int64_t i : {0LL, 1LL, 2LL, 77LL, 4'999LL, 9'999LL, 10'000LL, 123'456'789LL}) {
    EXPECT_EQ(Describe(a.Ticket(i)), Describe(b.Ticket(i))) << "index " << i;
    EXPECT_EQ(Describe(a.Ticket(i)), Describe(a.Ticket(i))) << "index " << i;
  }
  ASSERT_EQ(a.contacts().size(), b.contacts().size());
  for (size_t i = 0; i < a.contacts().size(); ++i) {
    EXPECT_EQ(a.contacts()[i].email, b.contacts()[i].email);
    EXPECT_EQ(a.contacts()[i].name, b.contacts()[i].name);
  }
}

TEST(DemoCorpus, DifferentSeedsOrIndicesGiveDifferentTickets) {
  Corpus a(kSeed, kSample);
  Corpus b(kSeed + 1, kSample);
  int differing = 0;
  for (int i = 0; i < 100; ++i) {
    differing += Describe(a.Ticket(i)) != Describe(b.Ticket(i)) ? 1 : 0;
  }
  EXPECT_GE(differing, 99);
  int differing_emails = 0;
  for (size_t i = 0; i < a.contacts().size(); ++i) {
    differing_emails += a.contacts()[i].email != b.contacts()[i].email ? 1 : 0;
  }
  EXPECT_GT(differing_emails, 1900);
  std::set<std::string> subjects_and_bodies;
  for (int i = 0; i < 100; ++i) {
    subjects_and_bodies.insert(Describe(a.Ticket(i)));
  }
  EXPECT_EQ(subjects_and_bodies.size(), 100u);
}

TEST(DemoCorpus, HasTheFiveGroups) {
  const std::vector<DemoGroup>& groups = SampleCorpus().groups();
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[kShipping].name, "Shipping");
  EXPECT_EQ(groups[kQualityControl].name, "Quality Control");
  EXPECT_EQ(groups[kAccountsReceivable].name, "Accounts Receivable");
  EXPECT_EQ(groups[kRepairs].name, "Repairs");
  EXPECT_EQ(groups[kSales].name, "Sales");
  for (const DemoGroup& g : groups) {
    EXPECT_FALSE(g.description.empty());
    EXPECT_TRUE(IsCleanText(g.description));
  }
}

TEST(DemoCorpus, AgentsIncludeTheAdminAndCoverEveryGroup) {
  const std::vector<DemoAgent>& agents = SampleCorpus().agents();
  ASSERT_GE(agents.size(), 10u);
  EXPECT_EQ(agents[0].name, kDemoAdminName);
  EXPECT_EQ(agents[0].email, kDemoAdminEmail);
  EXPECT_EQ(agents[0].role, "admin");
  std::set<std::string> emails;
  std::vector<int> per_group(5, 0);
  for (size_t i = 0; i < agents.size(); ++i) {
    const DemoAgent& a = agents[i];
    EXPECT_TRUE(emails.insert(a.email).second) << a.email;
    EXPECT_NE(a.email.find("@demo.sahayak.local"), std::string::npos);
    EXPECT_TRUE(a.language == "en" || a.language == "hi" || a.language == "kn");
    EXPECT_EQ(a.time_zone, "Asia/Kolkata");
    EXPECT_TRUE(std::is_sorted(a.groups.begin(), a.groups.end()));
    if (i > 0) {
      EXPECT_EQ(a.role, "agent");
    }
    for (int g : a.groups) {
      ASSERT_GE(g, 0);
      ASSERT_LT(g, 5);
      per_group[g] += i > 0 ? 1 : 0;
    }
  }
  for (int g = 0; g < 5; ++g) {
    EXPECT_GE(per_group[g], 2) << "group " << g;
  }
}

bool GstinCheckCharacterHolds(std::string_view g) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  if (g.size() != 15) {
    return false;
  }
  int sum = 0;
  for (int i = 0; i < 14; ++i) {
    size_t value = kAlphabet.find(g[i]);
    if (value == std::string_view::npos) {
      return false;
    }
    int product = static_cast<int>(value) * (i % 2 == 0 ? 1 : 2);
    sum += product / 36 + product % 36;
  }
  return g[14] == kAlphabet[(36 - sum % 36) % 36];
}

TEST(DemoCorpus, OrganisationsAreIndianB2bAccounts) {
  const std::vector<DemoOrganisation>& orgs = SampleCorpus().organisations();
  EXPECT_GE(orgs.size(), 30u);
  std::set<std::string> names, domains, tiers;
  for (const DemoOrganisation& o : orgs) {
    EXPECT_TRUE(names.insert(o.name).second) << o.name;
    EXPECT_TRUE(IsCleanText(o.name));
    ASSERT_FALSE(o.domains.empty());
    for (const std::string& d : o.domains) {
      EXPECT_TRUE(domains.insert(d).second) << d;
      EXPECT_TRUE(d.size() > 8 && d.substr(d.size() - 8) == ".example") << d;
      EXPECT_TRUE(std::none_of(d.begin(), d.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    }
    EXPECT_TRUE(o.tier == "basic" || o.tier == "standard" || o.tier == "premium" ||
                o.tier == "enterprise")
        << o.tier;
    tiers.insert(o.tier);
    EXPECT_TRUE(GstinCheckCharacterHolds(o.gstin)) << o.gstin;
    EXPECT_FALSE(o.city.empty());
  }
  EXPECT_EQ(tiers.size(), 4u);
}

TEST(DemoCorpus, ContactsAreUniqueAndWellFormed) {
  const Corpus& corpus = SampleCorpus();
  const std::vector<DemoContact>& contacts = corpus.contacts();
  EXPECT_GE(contacts.size(), 1500u);
  std::set<std::string> emails, phones, handles;
  int devanagari_names = 0, kannada_names = 0, in_org = 0, in_kolkata = 0;
  std::map<std::string, int> languages;
  for (const DemoContact& c : contacts) {
    EXPECT_TRUE(IsCleanText(c.name));
    EXPECT_TRUE(emails.insert(c.email).second) << "duplicate e-mail " << c.email;
    EXPECT_EQ(std::count(c.email.begin(), c.email.end(), '@'), 1) << c.email;
    EXPECT_TRUE(std::none_of(c.email.begin(), c.email.end(),
                             [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == ' '; }));
    EXPECT_TRUE(phones.insert(c.phone).second) << "duplicate phone " << c.phone;
    ASSERT_EQ(c.phone.size(), 13u) << c.phone;
    EXPECT_EQ(c.phone.substr(0, 3), "+91");
    EXPECT_TRUE(AllDigits(c.phone.substr(3)) && c.phone[3] >= '6') << c.phone;
    if (!c.social.empty()) {
      EXPECT_EQ(c.social[0], '@');
      EXPECT_TRUE(handles.insert(c.social).second) << c.social;
    }
    EXPECT_TRUE(c.language == "en" || c.language == "hi" || c.language == "kn");
    ++languages[c.language];
    EXPECT_FALSE(c.time_zone.empty());
    in_kolkata += c.time_zone == "Asia/Kolkata" ? 1 : 0;
    EXPECT_FALSE(c.city.empty());
    devanagari_names += HasDevanagari(c.name) ? 1 : 0;
    kannada_names += HasKannada(c.name) ? 1 : 0;
    if (c.organisation >= 0) {
      ASSERT_LT(c.organisation, static_cast<int>(corpus.organisations().size()));
      ++in_org;
      const std::vector<std::string>& domains = corpus.organisations()[c.organisation].domains;
      std::string domain = c.email.substr(c.email.find('@') + 1);
      EXPECT_NE(std::find(domains.begin(), domains.end(), domain), domains.end()) << c.email;
    } else {
      EXPECT_EQ(c.organisation, -1);
    }
  }
  EXPECT_GT(devanagari_names, 0);
  EXPECT_GT(kannada_names, 0);
  EXPECT_GT(in_org, static_cast<int>(contacts.size()) / 10);
  EXPECT_GT(in_kolkata, static_cast<int>(contacts.size()) * 9 / 10);
  EXPECT_GT(languages["en"], 0);
  EXPECT_GT(languages["hi"], 0);
  EXPECT_GT(languages["kn"], 0);
}

TEST(DemoCorpus, SampleSpeaksEveryLanguageAndHinglish) {
  std::map<std::string_view, int> varieties;
  for (const DemoTicket& t : Sample()) {
    ++varieties[t.variety];
    const std::string& opening = t.messages.front().body;
    if (t.variety == "hi") {
      EXPECT_EQ(t.language, "hi");
      EXPECT_TRUE(HasDevanagari(t.subject)) << t.subject;
      EXPECT_TRUE(HasDevanagari(opening)) << opening;
    } else if (t.variety == "kn") {
      EXPECT_EQ(t.language, "kn");
      EXPECT_TRUE(HasKannada(t.subject)) << t.subject;
      EXPECT_TRUE(HasKannada(opening)) << opening;
    } else if (t.variety == "hinglish") {
      EXPECT_EQ(t.language, "hi");
      EXPECT_FALSE(HasDevanagari(t.subject) || HasKannada(t.subject)) << t.subject;
      EXPECT_TRUE(LooksHinglish(opening)) << opening;
    } else {
      ASSERT_EQ(t.variety, "en");
      EXPECT_EQ(t.language, "en");
      EXPECT_FALSE(HasDevanagari(t.subject) || HasKannada(t.subject)) << t.subject;
    }
  }
  for (std::string_view v : {"en", "hi", "kn", "hinglish"}) {
    EXPECT_GT(varieties[v], kSample / 20) << v;
  }
  EXPECT_EQ(varieties.size(), 4u);
  // Agents answer in Hindi and Kannada too, not only customers.
  int agent_devanagari = 0, agent_kannada = 0;
  for (const DemoTicket& t : Sample()) {
    for (const DemoMessage& m : t.messages) {
      if (m.author == DemoMessage::Author::kAgent && m.is_public) {
        agent_devanagari += HasDevanagari(m.body) ? 1 : 0;
        agent_kannada += HasKannada(m.body) ? 1 : 0;
      }
    }
  }
  EXPECT_GT(agent_devanagari, 100);
  EXPECT_GT(agent_kannada, 100);
}

TEST(DemoCorpus, SampleCoversEveryScenarioStatusPriorityTypeAndChannel) {
  std::map<std::string, int> scenarios, statuses, priorities, types, channels;
  for (const DemoTicket& t : Sample()) {
    ++scenarios[std::string(t.scenario)];
    ++statuses[t.status];
    ++priorities[t.priority];
    ++types[t.type];
    ++channels[t.channel];
  }
  EXPECT_GE(Corpus::ScenarioNames().size(), 13u);
  for (std::string_view s : Corpus::ScenarioNames()) {
    EXPECT_GT(scenarios[std::string(s)], 0) << s;
  }
  EXPECT_EQ(scenarios.size(), Corpus::ScenarioNames().size());
  for (const char* s : {"new", "open", "pending", "on_hold", "solved", "closed"}) {
    EXPECT_GT(statuses[s], 0) << s;
  }
  EXPECT_EQ(statuses.size(), 6u);
  EXPECT_GT(statuses["solved"] + statuses["closed"], kSample * 8 / 10);
  for (const char* p : {"low", "normal", "high", "urgent"}) {
    EXPECT_GT(priorities[p], 0) << p;
  }
  EXPECT_EQ(priorities.size(), 4u);
  EXPECT_GT(priorities["normal"], kSample / 2);
  for (const char* ty : {"question", "incident", "complaint", "problem", "task"}) {
    EXPECT_GT(types[ty], 0) << ty;
  }
  EXPECT_EQ(types.size(), 5u);
  for (const char* ch : {"email", "chat", "phone", "social", "web", "portal"}) {
    EXPECT_GT(channels[ch], kSample / 50) << ch;
  }
  EXPECT_EQ(channels.size(), 6u);
}

TEST(DemoCorpus, ConversationsAverageAboutThreeMessagesAndFitTheStatus) {
  int64_t messages = 0;
  for (const DemoTicket& t : Sample()) {
    ASSERT_GE(t.messages.size(), 1u);
    ASSERT_LE(t.messages.size(), 6u);
    messages += static_cast<int64_t>(t.messages.size());
    const DemoMessage& first = t.messages.front();
    EXPECT_EQ(first.author, DemoMessage::Author::kCustomer);
    EXPECT_TRUE(first.is_public);
    EXPECT_EQ(first.minutes_after_creation, 0);
    int64_t previous = 0;
    bool agent_wrote = false;
    const DemoMessage* last_public = nullptr;
    for (const DemoMessage& m : t.messages) {
      EXPECT_GE(m.minutes_after_creation, previous);
      EXPECT_LE(m.minutes_after_creation, t.created_minutes_ago);
      previous = m.minutes_after_creation;
      agent_wrote = agent_wrote || m.author == DemoMessage::Author::kAgent;
      if (m.author == DemoMessage::Author::kCustomer) {
        EXPECT_TRUE(m.is_public);
      }
      if (m.is_public) {
        last_public = &m;
      }
      EXPECT_FALSE(m.body.empty());
    }
    if (t.status == "new") {
      EXPECT_FALSE(agent_wrote);
      EXPECT_EQ(t.assignee, -1);
    }
    if (agent_wrote) {
      EXPECT_GE(t.assignee, 1);
    }
    if (t.status == "pending") {
      ASSERT_NE(last_public, nullptr);
      EXPECT_EQ(last_public->author, DemoMessage::Author::kAgent) << Describe(t);
    }
    if (t.status == "solved" || t.status == "closed" || t.status == "pending") {
      EXPECT_GE(t.assignee, 1);
      // Resolved: an agent's public message, followed by at most the customer's thanks.
      int after = 0;
      bool resolved = false;
      for (auto m = t.messages.rbegin(); m != t.messages.rend(); ++m) {
        if (m->is_public && m->author == DemoMessage::Author::kAgent) {
          resolved = true;
          break;
        }
        after += m->is_public ? 1 : 0;
      }
      EXPECT_TRUE(resolved) << Describe(t);
      EXPECT_LE(after, 1) << Describe(t);
    }
  }
  double average = static_cast<double>(messages) / kSample;
  std::printf("messages per ticket over %d tickets: %.3f\n", kSample, average);
  EXPECT_GE(average, 2.5);
  EXPECT_LE(average, 3.5);
}

TEST(DemoCorpus, AllTextIsCleanUtf8) {
  for (const DemoTicket& t : Sample()) {
    ASSERT_TRUE(IsCleanText(t.subject));
    EXPECT_FALSE(t.subject.empty());
    for (const std::string& tag : t.tags) {
      ASSERT_TRUE(IsCleanText(tag));
    }
    for (const auto& [key, value] : t.custom_fields) {
      ASSERT_TRUE(IsCleanText(key));
      ASSERT_TRUE(IsCleanText(value));
    }
    for (const DemoMessage& m : t.messages) {
      ASSERT_TRUE(IsCleanText(m.body));
    }
  }
  for (const DemoContact& c : SampleCorpus().contacts()) {
    ASSERT_TRUE(IsCleanText(c.name) && IsCleanText(c.email) && IsCleanText(c.city));
  }
}

TEST(DemoCorpus, IndicesAreInRange) {
  const Corpus& corpus = SampleCorpus();
  const int contacts = static_cast<int>(corpus.contacts().size());
  const int agents = static_cast<int>(corpus.agents().size());
  for (const DemoTicket& t : Sample()) {
    ASSERT_GE(t.group, 0);
    ASSERT_LT(t.group, static_cast<int>(corpus.groups().size()));
    ASSERT_GE(t.contact, 0);
    ASSERT_LT(t.contact, contacts);
    EXPECT_EQ(t.organisation, corpus.contacts()[t.contact].organisation);
    ASSERT_GE(t.organisation, -1);
    ASSERT_LT(t.organisation, static_cast<int>(corpus.organisations().size()));
    ASSERT_GE(t.assignee, -1);
    ASSERT_LT(t.assignee, agents);
    EXPECT_NE(t.assignee, 0) << "the admin is never assigned";
    if (t.assignee >= 0) {
      const std::vector<int>& groups = corpus.agents()[t.assignee].groups;
      EXPECT_NE(std::find(groups.begin(), groups.end(), t.group), groups.end());
    }
  }
}

TEST(DemoCorpus, ScenariosGoToTheirGroupsWithTagsAndFields) {
  const Corpus& corpus = SampleCorpus();
  const std::map<std::string_view, std::set<int>> kGroupsOf = {
      {"parcel_delayed", {kShipping}},
      {"address_change", {kShipping}},
      {"damaged_item", {kQualityControl, kRepairs}},
      {"refund_request", {kAccountsReceivable}},
      {"cod_dispute", {kAccountsReceivable}},
      {"invoice_copy", {kAccountsReceivable}},
      {"contract_renewal", {kSales}},
      {"customs_paperwork", {kShipping}},
      {"failed_delivery", {kShipping}},
      {"reschedule_delivery", {kShipping}},
      {"missing_item", {kQualityControl}},
      {"pickup_request", {kShipping}},
      {"gst_invoice_correction", {kAccountsReceivable}},
      {"repair_request", {kRepairs}},
      {"bulk_rate_enquiry", {kSales}},
  };
  const std::map<std::string_view, std::string> kTagOf = {
      {"parcel_delayed", "delayed"},   {"damaged_item", "damaged"},
      {"refund_request", "refund"},    {"cod_dispute", "cod"},
      {"invoice_copy", "invoice"},     {"customs_paperwork", "customs"},
      {"contract_renewal", "renewal"}, {"gst_invoice_correction", "gst"}};
  int vip = 0;
  for (const DemoTicket& t : Sample()) {
    auto groups = kGroupsOf.find(t.scenario);
    ASSERT_NE(groups, kGroupsOf.end()) << t.scenario;
    EXPECT_EQ(groups->second.count(t.group), 1u) << t.scenario << " in group " << t.group;

    EXPECT_TRUE(std::is_sorted(t.tags.begin(), t.tags.end()));
    EXPECT_EQ(std::adjacent_find(t.tags.begin(), t.tags.end()), t.tags.end());
    for (const std::string& tag : t.tags) {
      EXPECT_TRUE(std::all_of(tag.begin(), tag.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      })) << tag;
    }
    auto tag = kTagOf.find(t.scenario);
    if (tag != kTagOf.end()) {
      EXPECT_TRUE(std::binary_search(t.tags.begin(), t.tags.end(), tag->second)) << t.scenario;
    }
    bool is_vip = std::binary_search(t.tags.begin(), t.tags.end(), std::string("vip"));
    vip += is_vip ? 1 : 0;
    bool should_be_vip =
        t.organisation >= 0 && (corpus.organisations()[t.organisation].tier == "premium" ||
                                corpus.organisations()[t.organisation].tier == "enterprise");
    EXPECT_EQ(is_vip, should_be_vip);

    for (const auto& [key, value] : t.custom_fields) {
      if (key == "awb_number") {
        EXPECT_TRUE(value.size() == 14 && value.substr(0, 3) == "SHY" &&
                    AllDigits(value.substr(3, 9)) && value.substr(12) == "IN")
            << value;
      } else if (key == "order_id") {
        EXPECT_TRUE(value.size() == 12 && value.substr(0, 2) == "OD" && AllDigits(value.substr(2)))
            << value;
      } else if (key == "amount_inr") {
        EXPECT_TRUE(AllDigits(value)) << value;
      } else if (key == "invoice_number") {
        EXPECT_EQ(value.substr(0, 4), "SXP/");
      } else if (key == "gstin") {
        EXPECT_TRUE(GstinCheckCharacterHolds(value)) << value;
      } else {
        ADD_FAILURE() << "unexpected custom field " << key;
      }
    }
    if (t.scenario == "parcel_delayed") {
      ASSERT_EQ(t.custom_fields.size(), 2u);
      const std::string customer_text = t.subject + "\n" + t.messages[0].body;
      EXPECT_TRUE(customer_text.find(t.custom_fields[0].second) != std::string::npos ||
                  customer_text.find(t.custom_fields[1].second) != std::string::npos)
          << "the customer names the AWB or the order id: " << customer_text;
    }
  }
  EXPECT_GT(vip, 0);
}

TEST(DemoCorpus, NewerIndicesAreNeverOlder) {
  const std::vector<DemoTicket>& sample = Sample();
  for (size_t i = 1; i < sample.size(); ++i) {
    ASSERT_LE(sample[i].created_minutes_ago, sample[i - 1].created_minutes_ago) << i;
  }
  EXPECT_GT(sample.front().created_minutes_ago, 700 * 24 * 60);
  EXPECT_GE(sample.back().created_minutes_ago, 1);
  EXPECT_LT(sample.back().created_minutes_ago, 24 * 60);
  EXPECT_EQ(SampleCorpus().Ticket(kSample + 5).created_minutes_ago, 1);
}

TEST(DemoCorpus, TicketIsThreadSafe) {
  const Corpus& corpus = SampleCorpus();
  constexpr int kPerThread = 500;
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&corpus, &seen, k] {
      for (int i = 0; i < kPerThread; ++i) {
        seen[k].push_back(Describe(corpus.Ticket(int64_t{i} * 7)));
      }
    });
  }
  for (std::thread& th : threads) {
    th.join();
  }
  for (int i = 0; i < kPerThread; ++i) {
    std::string expected = Describe(Sample()[static_cast<size_t>(i) * 7]);
    for (int k = 0; k < 4; ++k) {
      ASSERT_EQ(seen[k][i], expected);
    }
  }
}

// Prints the generation rate; speed is asserted nowhere (bench/ owns ceilings).
TEST(DemoCorpus, GenerationSpeed) {
  constexpr int kTickets = 100'000;
  Corpus corpus(kSeed, 1'000'000);
  size_t bytes = 0;
  size_t messages = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kTickets; ++i) {
    DemoTicket t = corpus.Ticket(int64_t{i} * 10);
    bytes += t.subject.size();
    messages += t.messages.size();
    for (const DemoMessage& m : t.messages) {
      bytes += m.body.size();
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("generated %d tickets (%zu messages, %.1f MB of text) in %.3f s: %.2f us/ticket\n",
              kTickets, messages, static_cast<double>(bytes) / 1e6, seconds,
              seconds * 1e6 / kTickets);
  EXPECT_GT(bytes, 0u);
}

}  // namespace
}  // namespace sahayak::demo
