#pragma once

#include <cstdint>
#include <string>

#include "app/config.h"

// The CLI subcommands. Each returns the process exit code and prints what a person needs.
namespace sahayak::app {

int Serve(const Config& config, const std::string& port_file);
int Migrate(const Config& config);
int SeedDemo(const Config& config, int64_t tickets, uint64_t seed);
// `workspace`: the workspace's name; "" is the first workspace. CreateAgent creates a
// workspace of that name when there is none (a second workspace for tests of isolation).
int CreateAgent(const Config& config, const std::string& email, const std::string& name,
                const std::string& role, const std::string& password,
                const std::string& workspace = "");
int CreateToken(const Config& config, const std::string& email, const std::string& name,
                const std::string& workspace = "");
int ResetPassword(const Config& config, const std::string& email, const std::string& password);
int PrintRoutes();
// Reads one e-mail from stdin and ingests it (app/mail_deliver.cc). Exit status per sysexits.h
// for mail servers: 0 delivered or deliberately dropped, 65 not mail, 75 try again later.
int MailDeliver(const Config& config, const std::string& mailbox);

}  // namespace sahayak::app
