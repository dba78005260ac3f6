// The sahayak command: the server and its administration tools in one binary.
#include <CLI/CLI.hpp>

#include <sysexits.h>

#include <cstdio>

#include "app/app.h"
#include "app/batch_allocator.h"
#include "app/commands.h"
#include "app/mail_import.h"
#include "app/config.h"
#include "app/search_indexer.h"

namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

int main(int argc, char** argv) {
  using sahayak::app::Config;
  CLI::App cli{"Sahayak: the customer-support helpdesk server.", "sahayak"};
  cli.require_subcommand(1);
  std::string data_dir, config_file;
  cli.add_option("--data", data_dir, "Data folder (default ./sahayak-data)");
  cli.add_option("--config", config_file, "Config file (default ./sahayak.toml when present)");

  auto* serve = cli.add_subcommand("serve", "Serve the API and web pages");
  std::string listen, port_file;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--port-file", port_file, "Write the bound port to this file");

  cli.add_subcommand("migrate", "Create or upgrade the database, then exit");

  auto* seed = cli.add_subcommand("seed-demo", "Fill an empty data folder with demo data");
  int64_t tickets = 10000;
  uint64_t seed_value = 42;
  seed->add_option("--tickets", tickets, "Number of demo tickets (default 10000)");
  seed->add_option("--seed", seed_value, "Random seed (default 42)");

  auto* admin = cli.add_subcommand("admin", "Manage agents and tokens");
  admin->require_subcommand(1);
  auto* create_agent = admin->add_subcommand("create-agent", "Create an agent");
  std::string email, name, role = "agent", password, token_name;
  create_agent->add_option("--email", email, "E-mail address")->required();
  create_agent->add_option("--name", name, "Full name")->required();
  create_agent->add_option("--role", role, "admin or agent")
      ->check(CLI::IsMember({"admin", "agent"}));
  create_agent->add_option("--password", password, "Password (8+ characters)")->required();
  std::string workspace;  // "": the first workspace
  create_agent->add_option("--workspace", workspace,
                           "Workspace name (default: the first); created when there is none "
                           "of that name (tests of workspace isolation use it)");
  auto* create_token = admin->add_subcommand("create-token", "Create an API token; prints it");
  create_token->add_option("--email", email, "The agent the token acts as")->required();
  create_token->add_option("--name", token_name, "A name to recognise the token by");
  create_token->add_option("--workspace", workspace, "The agent's workspace (default: the first)");
  auto* reset = admin->add_subcommand("reset-password", "Set a new password for an agent");
  reset->add_option("--email", email, "E-mail address")->required();
  reset->add_option("--password", password, "New password (8+ characters)")->required();

  auto* mail_deliver = cli.add_subcommand(
      "mail-deliver", "Read one e-mail on stdin and turn it into a ticket or a reply");
  std::string mailbox;
  mail_deliver->add_option("--mailbox", mailbox, "A mailbox of the config's [[mail.mailboxes]]");

  auto* mail_import = cli.add_subcommand(
      "mail-import", "Import a maildir or a folder of .eml files as tickets (history)");
  std::string import_dir;
  sahayak::app::MailImportOptions import_options;
  mail_import->add_option("dir", import_dir, "The maildir (with cur/ and new/) or folder")
      ->required();
  mail_import->add_option("--mailbox", import_options.mailbox,
                          "The mailbox every mail goes to (default: by address)");
  mail_import->add_option("--batch", import_options.batch, "Mails per transaction (200)")
      ->check(CLI::Range(1, 10000));
  mail_import->add_flag("--acknowledge", import_options.acknowledge,
                        "Send acknowledgements for the new tickets (off: it is history)");

  auto* reindex = cli.add_subcommand(
      "reindex", "Rebuild the search index from the database (stop the server first)");
  auto* search_stats =
      cli.add_subcommand("search-stats", "Print the search index's document counts as JSON");

  cli.add_subcommand("version", "Print the version");
  cli.add_subcommand("routes", "List the API routes");

  CLI11_PARSE(cli, argc, argv);
  // Before anything opens: a rebuild is a tenth faster under mimalloc (decision 0007).
  if (reindex->parsed()) sahayak::app::RunUnderMimalloc(argv);

  if (cli.got_subcommand("version")) {
    std::printf("sahayak %s\n", kVersion);
    return 0;
  }
  if (cli.got_subcommand("routes")) return sahayak::app::PrintRoutes();

  // A mail server retries on EX_TEMPFAIL; a config mistake must not bounce the mail.
  const int config_error = mail_deliver->parsed() ? EX_TEMPFAIL : 2;
  Config config;
  bool explicit_config = !config_file.empty();
  if (!explicit_config) config_file = "sahayak.toml";
  if (auto st = sahayak::app::LoadConfigFile(config_file, explicit_config, &config); !st.ok()) {
    std::fprintf(stderr, "sahayak: bad config: %s\n", st.message().c_str());
    return config_error;
  }
  if (auto st = sahayak::app::LoadConfigEnv(&config); !st.ok()) {
    std::fprintf(stderr, "sahayak: bad environment: %s\n", st.message().c_str());
    return config_error;
  }
  if (!data_dir.empty()) config.data_dir = data_dir;
  if (!listen.empty()) {
    if (auto st = sahayak::app::ParseListen(listen, &config.listen_host, &config.listen_port);
        !st.ok()) {
      std::fprintf(stderr, "sahayak: %s\n", st.message().c_str());
      return config_error;
    }
  }
  if (auto st = config.Validate(); !st.ok()) {
    std::fprintf(stderr, "sahayak: bad config: %s\n", st.message().c_str());
    return config_error;
  }
  sahayak::app::ConfigureLogging(config.log_format, config.log_level);

  if (cli.got_subcommand("serve")) return sahayak::app::Serve(config, port_file);
  if (cli.got_subcommand("migrate")) return sahayak::app::Migrate(config);
  if (cli.got_subcommand("seed-demo")) return sahayak::app::SeedDemo(config, tickets, seed_value);
  if (create_agent->parsed()) {
    return sahayak::app::CreateAgent(config, email, name, role, password, workspace);
  }
  if (create_token->parsed()) {
    return sahayak::app::CreateToken(config, email, token_name, workspace);
  }
  if (reset->parsed()) return sahayak::app::ResetPassword(config, email, password);
  if (mail_deliver->parsed()) return sahayak::app::MailDeliver(config, mailbox);
  if (reindex->parsed()) return sahayak::app::Reindex(config);
  if (search_stats->parsed()) return sahayak::app::SearchStats(config);
  if (mail_import->parsed()) {
    return sahayak::app::MailImport(config, import_dir, import_options);
  }
  return 1;
}
