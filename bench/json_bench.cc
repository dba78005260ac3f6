// Micro-benchmarks (Google Benchmark) of the CPU work in the ticket read and write paths that
// is not SQLite: rendering a ticket as the API shows it, rendering a page of 25, and parsing
// plus NFC-normalising a ~1 KB create body. They show how much of a GET /api/v1/tickets/{id}
// or a list page is JSON work; bench/run.sh compares the whole requests with /ping.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/common.h"
#include "api/views.h"
#include "base/text.h"

namespace {

using sahayak::api::DumpJson;
using sahayak::api::TicketJson;

sahayak::domain::Ticket SampleTicket(int64_t id) {
  sahayak::domain::Ticket t;
  t.id = id;
  t.workspace_id = 1;
  t.number = id;
  t.subject = "मेरा पार्सल अभी तक नहीं आया — AWB SHY123456789IN, order OD1234567890";
  t.status = sahayak::domain::TicketStatus::kOpen;
  t.priority = sahayak::domain::Priority::kHigh;
  t.type = sahayak::domain::TicketType::kIncident;
  t.channel = sahayak::domain::Channel::kEmail;
  t.requester_id = 1234;
  t.assignee_id = 7;
  t.group_id = 1;
  t.organisation_id = 12;
  t.tags = {"cod", "delayed", "vip"};
  t.custom_fields = {{"awb_number", "SHY123456789IN"}, {"order_id", "OD1234567890"},
                     {"amount_inr", 2499}};
  t.language = "hi";
  t.created_at = 1760000000000 + id;
  t.updated_at = t.created_at + 3600000;
  t.first_response_at = t.created_at + 600000;
  t.version = 3;
  return t;
}

sahayak::services::ContactSummary SampleContact() {
  return {1234, "Priya Sharma", "priya.sharma@kaveri-silks.example"};
}

void BM_RenderTicket(benchmark::State& state) {
  const auto t = SampleTicket(1000);
  const auto c = SampleContact();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string s = TicketJson(t, &c);
    bytes = s.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderTicket);

void BM_RenderListPage25(benchmark::State& state) {
  std::vector<sahayak::domain::Ticket> page;
  for (int i = 0; i < 25; ++i) page.push_back(SampleTicket(1000 - i));
  const auto c = SampleContact();
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<std::string> data;
    for (const auto& t : page) data.push_back(TicketJson(t, &c));
    std::string s = sahayak::api::ListBodyText(data, 975);
    bytes = s.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderListPage25);

void BM_ParseCreateBody(benchmark::State& state) {
  std::string body_text;
  while (body_text.size() < 900) {
    body_text += "Namaste, mera parcel SHY123456789IN abhi tak nahi aaya. मेरा पार्सल कब आएगा? "
                 "Please check with the Hubballi hub and call me back.\n\n";
  }
  const std::string body = nlohmann::json{{"subject", "Parcel not delivered"},
                                          {"message", {{"body", body_text}}},
                                          {"requester", {{"email", "bench@bench.example"},
                                                         {"name", "Bench Customer"}}},
                                          {"priority", "high"},
                                          {"tags", {"bench", "api-load", "priority-check"}}}
                               .dump();
  for (auto _ : state) {
    auto j = nlohmann::json::parse(body);
    std::string nfc = sahayak::ToNfc(j["message"]["body"].get<std::string>());
    benchmark::DoNotOptimize(nfc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_ParseCreateBody);

}  // namespace

BENCHMARK_MAIN();
