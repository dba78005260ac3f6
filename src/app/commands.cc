#include "app/commands.h"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "app/imap_fetcher.h"
#include "app/maintenance.h"
#include "app/search_indexer.h"
#include "app/mail_delivery.h"
#include "base/text.h"
#include "app/worker_loop.h"
#include "net/http_server.h"
#include "net/lmtp_server.h"
#include "services/people/people_service.h"

namespace sahayak::app {

namespace {

// This node's name in the scheduler's leases: host and process, unique while it runs.
std::string NodeName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

int Fail(const Status& st) {
  std::fprintf(stderr, "sahayak: %s\n", st.message().c_str());
  for (const auto& f : st.fields()) {
    std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
  }
  return st.code() == Code::kInvalidArgument ? 2 : 1;
}

Result<std::unique_ptr<App>> OpenOrExplain(const Config& config) {
  auto app = App::Open(config);
  if (!app.ok()) return app.status();
  return app;
}

// Writes `text` to `path` atomically (temporary file, then rename).
bool WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    out << text;
    if (!out) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// The CLI's principal in the workspace named `name` ("": the first one, SystemPrincipal);
// with `create`, a workspace of that name is made when there is none.
Result<services::Principal> WorkspacePrincipal(App& app, const std::string& name, bool create) {
  services::Principal p = app.SystemPrincipal();
  if (name.empty()) return p;
  RETURN_IF_ERROR(app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
    for (const auto& w : all) {
      if (w.name == name) {
        p.workspace_id = w.id;
        return Status::Ok();
      }
    }
    if (!create) return NotFound("there is no workspace named " + name);
    services::Workspace w;
    w.name = name;
    w.created_at = w.updated_at = SystemClock::Get().Now();
    RETURN_IF_ERROR(tx.InsertWorkspace(&w));
    p.workspace_id = w.id;
    return Status::Ok();
  }));
  return p;
}

Result<domain::Agent> FindAgent(App& app, const std::string& email, domain::Id workspace_id = 0) {
  domain::Agent agent;
  if (workspace_id == 0) workspace_id = app.SystemPrincipal().workspace_id;
  RETURN_IF_ERROR(app.store().Read([&](services::ReadTx& tx) -> Status {
    auto a = tx.FindAgentByEmail(workspace_id, FoldCase(Trim(email)));
    if (!a.ok()) return NotFound("no agent has the e-mail address " + email);
    agent = std::move(a).value();
    return Status::Ok();
  }));
  return agent;
}

// Delivers LMTP mail through the same path as `sahayak mail-deliver`.
class LmtpIngest : public net::LmtpBackend {
 public:
  explicit LmtpIngest(App& app) : app_(app) {}

  bool AcceptRecipient(const std::string& address) override {
    // With no mailbox set up, everything goes to the default group; otherwise only the
    // mailboxes' addresses (and their plus-addresses) are ours. A database error defers.
    auto any = AnyMailbox(app_);
    if (!any.ok() || !*any) return true;
    auto box = MailboxForAddress(app_, address);
    return !box.ok() || box->has_value();
  }

  std::vector<net::LmtpReply> Deliver(const std::string& raw,
                                      const std::vector<std::string>& recipients) override {
    PreparedMail prepared;
    DeliveryOutcome parsed = ParseMail(raw, &prepared);
    if (parsed.kind == DeliveryOutcome::Kind::kStored) {
      parsed = ChooseMailbox(app_, "", &prepared);
    }
    const std::optional<domain::Mailbox> by_headers = prepared.mailbox;
    std::vector<net::LmtpReply> replies;
    for (const auto& rcpt : recipients) {
      DeliveryOutcome o = parsed;
      if (o.kind == DeliveryOutcome::Kind::kStored) {
        auto box = MailboxForAddress(app_, rcpt);
        if (!box.ok()) {
          o = DeliveryOutcome{DeliveryOutcome::Kind::kTempFail, box.status().message()};
        } else {
          prepared.mailbox = box->has_value() ? *box : by_headers;
          o = StoreMail(app_, prepared, raw);
        }
      }
      switch (o.kind) {
        case DeliveryOutcome::Kind::kStored:
          replies.push_back({250, "2.0.0", "<" + rcpt + "> " + o.text});
          break;
        case DeliveryOutcome::Kind::kTempFail:
          spdlog::warn("LMTP delivery to <{}> deferred: {}", rcpt, o.text);
          replies.push_back({451, "4.3.0", "<" + rcpt + "> " + o.text});
          break;
        case DeliveryOutcome::Kind::kNotMail:
          replies.push_back({554, "5.6.0", "<" + rcpt + "> " + o.text});
          break;
      }
    }
    return replies;
  }

 private:
  App& app_;
};

}  // namespace

int Serve(const Config& config, const std::string& port_file) {
  auto app = OpenOrExplain(config);
  if (!app.ok()) return Fail(app.status());
  if ((*app)->migrations_applied() > 0) {
    spdlog::info("applied {} migration(s)", (*app)->migrations_applied());
  }
  auto synced = SyncConfigMailboxes(**app);
  if (!synced.ok()) return Fail(synced.status());
  for (const auto& [name, problem] : *synced) spdlog::warn("{}", problem);
  net::HttpServerOptions o;
  o.host = config.listen_host;
  o.port = config.listen_port;
  o.io_threads = config.io_threads;
  o.read_threads = config.read_threads;
  o.worker_threads = config.worker_threads;
  net::HttpServer server(o, (*app)->router(), &(*app)->chat_endpoint());
  // Live chat's routing pass: lapsed offers, agents gone past their grace, the queue.
  WorkerLoop chat_routing;
  // SLAs (docs/sla.md): every second, tickets that changed get their SLA computed again and
  // warnings and breaches that came due are announced.
  WorkerLoop sla_sweep;
  Maintenance maintenance((*app)->store(), SystemClock::Get(),
                          config.maintenance_seconds * 1000, [&app]() -> Status {
                            RETURN_IF_ERROR((*app)->SweepLateShipments().status());
                            return (*app)->SyncContractTiers().status();
                          });
  ImapFetcher imap(**app);
  if (config.imap_fetch) {
    (*app)->context().fetch_now = [&imap](services::Id ws, services::Id id) {
      return imap.FetchNow(ws, id);
    };
  }
  SearchIndexer indexer(&(*app)->store(), SearchIndexPath(config));
  if (Status st = server.Start(); !st.ok()) return Fail(st);
  // Without portal.base_url the portal's sign-in links name the address served on.
  if ((*app)->context().public_url.empty()) {
    (*app)->context().public_url =
        "http://" + config.listen_host + ":" + std::to_string(server.port());
  }
  if (config.imap_fetch) imap.Start();
  if (config.search_index) indexer.Start();
  spdlog::info("sahayak serving on http://{}:{} with data in {}", config.listen_host,
               server.port(), config.data_dir);
  if ((*app)->web_console_available()) {
    spdlog::info("web console from {}", config.web_root);
  } else {
    spdlog::info("no web console at {} (build it in web/); serving the API only",
                 config.web_root);
  }
  LmtpIngest lmtp_backend(**app);
  std::unique_ptr<net::LmtpServer> lmtp;
  if (!config.lmtp_host.empty()) {
    net::LmtpServerOptions lo;
    lo.host = config.lmtp_host;
    lo.port = config.lmtp_port;
    lo.max_message_bytes = static_cast<size_t>(config.mail_max_message_bytes);
    lo.max_connections = config.lmtp_max_connections;
    lo.idle_timeout_seconds = config.lmtp_idle_timeout_seconds;
    lmtp = std::make_unique<net::LmtpServer>(lo, lmtp_backend);
    if (Status st = lmtp->Start(); !st.ok()) return Fail(st);
    spdlog::info("LMTP listening on {}:{}", config.lmtp_host, lmtp->port());
    lmtp->RunInBackground();
  }
  if (!port_file.empty() && !WriteFileAtomically(port_file, std::to_string(server.port()))) {
    return Fail(Unavailable("cannot write the port file " + port_file));
  }
  (*app)->outbox_worker().Start();
  (*app)->import_worker().Start();
  (*app)->carrier_request_worker().Start();
  (*app)->chat_notice_worker().Start();
  (*app)->rule_webhook_worker().Start();
  chat_routing.Start(
      [&app] {
        (*app)->chat_endpoint().Tick();
        return 0;
      },
      1, [] { return Millis{1000}; });
  sla_sweep.Start(
      [&app] {
        int n = 0;
        Status st = (*app)->store().Write([&](services::WriteTx& tx) -> Status {
          ASSIGN_OR_RETURN(n, (*app)->sla().Sweep(tx));
          return Status::Ok();
        });
        if (!st.ok()) spdlog::warn("SLA sweep: {}", st.message());
        return st.ok() ? n : 0;
      },
      500, [] { return Millis{1000}; });
  // Triggers (docs/automation.md): every second, the outbox rows written since are events.
  WorkerLoop triggers;
  triggers.Start(
      [&app] {
        auto n = (*app)->rule_engine().RunTriggers((*app)->store());
        if (!n.ok()) spdlog::warn("triggers: {}", n.status().message());
        return n.ok() ? *n : 0;
      },
      200, [] { return Millis{1000}; });
  // Time-based automations: a sweep over the open tickets on the node holding the lease.
  WorkerLoop automations;
  const std::string node = NodeName();
  automations.Start(
      [&app, node] {
        auto stats = (*app)->rule_engine().SweepAutomations((*app)->store(), node);
        if (!stats.ok()) {
          spdlog::warn("automations: {}", stats.status().message());
        } else if (stats->acted > 0) {
          spdlog::info("automations: {} tickets scanned, {} acted on", stats->scanned,
                       stats->acted);
        }
        return 0;
      },
      1, [&config] { return Millis{config.automations_sweep_seconds * 1000}; });
  server.Run();
  automations.Stop();
  triggers.Stop();
  sla_sweep.Stop();
  chat_routing.Stop();
  if (lmtp) lmtp->Stop();
  (*app)->chat_notice_worker().Stop();
  (*app)->rule_webhook_worker().Stop();
  (*app)->carrier_request_worker().Stop();
  (*app)->import_worker().Stop();
  (*app)->outbox_worker().Stop();
  imap.Stop();
  indexer.Stop();
  spdlog::info("sahayak stopped");
  return 0;
}

int Migrate(const Config& config) {
  auto app = OpenOrExplain(config);
  if (!app.ok()) return Fail(app.status());
  std::printf("database %s/sahayak.db is up to date (%d migration(s) applied now)\n",
              config.data_dir.c_str(), (*app)->migrations_applied());
  return 0;
}

int CreateAgent(const Config& config, const std::string& email, const std::string& name,
                const std::string& role, const std::string& password,
                const std::string& workspace) {
  auto app_or = OpenOrExplain(config);
  if (!app_or.ok()) return Fail(app_or.status());
  App& app = **app_or;
  if (Status st = services::CheckPassword(password); !st.ok()) return Fail(st);
  auto who = WorkspacePrincipal(app, workspace, /*create=*/true);
  if (!who.ok()) return Fail(who.status());
  auto hash = app.auth().HashNewPassword(password);
  if (!hash.ok()) return Fail(hash.status());
  nlohmann::json body = {{"email", email}, {"name", name}, {"role", role}};
  domain::Agent agent;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(agent, app.people().CreateAgent(tx, *who, body, *hash));
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);
  std::printf("%lld\n", static_cast<long long>(agent.id));
  return 0;
}

int CreateToken(const Config& config, const std::string& email, const std::string& name,
                const std::string& workspace) {
  auto app_or = OpenOrExplain(config);
  if (!app_or.ok()) return Fail(app_or.status());
  App& app = **app_or;
  auto who = WorkspacePrincipal(app, workspace, /*create=*/false);
  if (!who.ok()) return Fail(who.status());
  auto agent = FindAgent(app, email, who->workspace_id);
  if (!agent.ok()) return Fail(agent.status());
  std::string token;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    services::ApiTokenRecord rec;
    ASSIGN_OR_RETURN(
        token, app.auth().CreateApiToken(tx, *who, agent->id, name.empty() ? "cli" : name, &rec));
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);
  std::printf("%s\n", token.c_str());
  return 0;
}

int ResetPassword(const Config& config, const std::string& email, const std::string& password) {
  auto app_or = OpenOrExplain(config);
  if (!app_or.ok()) return Fail(app_or.status());
  App& app = **app_or;
  if (Status st = services::CheckPassword(password); !st.ok()) return Fail(st);
  auto agent = FindAgent(app, email);
  if (!agent.ok()) return Fail(agent.status());
  auto hash = app.auth().HashNewPassword(password);
  if (!hash.ok()) return Fail(hash.status());
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(app.people()
                        .UpdateAgent(tx, app.SystemPrincipal(), agent->id,
                                     nlohmann::json::object(), std::nullopt, *hash)
                        .status());
    return tx.SetLoginState(agent->workspace_id, agent->id, services::LoginState{});
  });
  if (!st.ok()) return Fail(st);
  std::printf("password of %s reset; their sessions were ended\n", agent->email.c_str());
  return 0;
}

int PrintRoutes() {
  for (const auto& r : api::Router::Routes()) {
    const char* roles = r.access == api::Access::kPublic  ? "-"
                        : r.access == api::Access::kAdmin ? "admin"
                                                          : "admin,agent";
    std::printf("%s %s %s\n", r.method, r.pattern, roles);
  }
  return 0;
}

}  // namespace sahayak::app
