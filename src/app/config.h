#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace sahayak::app {

// A mailbox mail arrives at ([[mail.mailboxes]] in the config file): mail-deliver --mailbox
// NAME, or the one whose address the mail was delivered to, puts tickets into its group.
struct MailboxConfig {
  std::string name;     // what --mailbox names it by
  std::string address;  // e.g. "support@example.in"; also the base of plus-addresses
  std::string group;    // a group's name; empty: the workspace's first group
};

// Everything the server can be told. Read from defaults, then sahayak.toml, then SAHAYAK_*
// environment variables, then command-line flags; Validate() names any bad value.
struct Config {
  std::string data_dir = "./sahayak-data";
  // Seals secrets stored in the database (data.secret_key, SAHAYAK_SECRET_KEY: 32 bytes in
  // base64); empty: the data folder's secret.key, made on first start.
  std::string secret_key;
  std::string web_root = "web/dist";  // the built web console; served at / when present
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  int io_threads = 1;
  int read_threads = 4;     // GET/HEAD handlers
  int worker_threads = 32;  // every other handler (writes wait for group commit)
  std::string log_format = "text";  // text | json
  std::string log_level = "info";   // trace | debug | info | warn | error
  int64_t max_body_bytes = 1 << 20;
  int64_t max_attachment_bytes = 25 << 20;
  std::string db_synchronous = "full";  // full | normal
  int db_readers = 16;  // read connections shared by both pools
  int64_t password_memory_kib = 19 * 1024;
  int64_t password_ops = 2;
  bool secure_cookies = false;
  int64_t requests_per_minute = 6000;      // per agent or token; 0 turns the limit off
  int64_t logins_per_minute_per_ip = 60;   // login attempts per client address; 0: off
  // Web form submissions (forms.*, SAHAYAK_WEB_FORM_*; docs/web-forms.md) per minute per
  // client address and per e-mail address, /help/suggest calls per minute per address, and how
  // long a deflection attempt settles before the figures count it. 0 turns a limit off.
  int64_t web_form_per_minute_per_ip = 10;
  int64_t web_form_per_minute_per_email = 3;
  int64_t help_suggest_per_minute_per_ip = 120;
  int64_t deflection_settle_seconds = 1800;
  // How often the maintenance pass runs (stale keys and sessions, the late-shipment sweep);
  // server.maintenance_seconds, SAHAYAK_MAINTENANCE_SECONDS.
  int64_t maintenance_seconds = 600;
  // How often time-based automations are checked (docs/automation.md):
  // automations.sweep_seconds, SAHAYAK_AUTOMATIONS_SWEEP_SECONDS.
  int64_t automations_sweep_seconds = 300;
  int64_t mail_max_message_bytes = 50LL << 20;  // mail-deliver refuses larger mail
  std::vector<MailboxConfig> mailboxes;
  bool imap_fetch = true;  // mail.imap_fetch, SAHAYAK_IMAP_FETCH=0: serve imports no IMAP mail
  bool search_index = true;  // search.index, SAHAYAK_SEARCH_INDEX=0: serve does not index
  // Slices a scored search match is split into on a large index (search/slices.h):
  // search.slices, SAHAYAK_SEARCH_SLICES; 0: one per core, at most 4; 1: never split.
  int64_t search_slices = 0;
  // The help centre's "contact us" link (help.contact_url, SAHAYAK_HELP_CONTACT_URL); empty
  // hides it.
  std::string help_contact_url = "/portal";
  // Where customers reach this server ("https://support.example.in"; portal.base_url,
  // SAHAYAK_PUBLIC_URL): the start of the customer portal's sign-in links. Empty: the
  // address `serve` listens on (http://host:port), fine only for trying it out locally.
  std::string public_url;
  // The LMTP listener (mail.lmtp_listen, SAHAYAK_LMTP_LISTEN); off while lmtp_host is empty.
  std::string lmtp_host;
  uint16_t lmtp_port = 0;
  bool lmtp_allow_remote = false;     // mail.lmtp_allow_remote: bind beyond loopback
  int lmtp_max_connections = 32;      // mail.lmtp_max_connections
  int lmtp_idle_timeout_seconds = 300;  // mail.lmtp_idle_timeout_seconds
  // The outbox sender (app/mail_outbox_worker.h): backoff 1, 5, 15, 60 … × retry_base_ms
  // (mail.retry_base_ms, SAHAYAK_MAIL_RETRY_BASE_MS), dead after max_attempts
  // (mail.max_attempts, SAHAYAK_MAIL_MAX_ATTEMPTS), a look for due mail every poll_ms
  // (mail.outbox_poll_ms, SAHAYAK_MAIL_OUTBOX_POLL_MS).
  int64_t mail_retry_base_ms = 60 * 1000;
  int64_t mail_max_attempts = 10;
  int64_t mail_outbox_poll_ms = 5000;
  // The sender of delivery requests to carriers (app/carrier_request_worker.h): backoff
  // retry_base_ms × 2^(attempts-1) up to 6 hours (carrier_requests.retry_base_ms,
  // SAHAYAK_CARRIER_REQUESTS_RETRY_BASE_MS), dead after max_attempts
  // (carrier_requests.max_attempts, SAHAYAK_CARRIER_REQUESTS_MAX_ATTEMPTS), each POST given
  // timeout_ms to connect and to finish (carrier_requests.timeout_ms,
  // SAHAYAK_CARRIER_REQUESTS_TIMEOUT_MS); ca_file adds trusted CAs (PEM) to the system's for
  // carriers with a private CA (carrier_requests.ca_file, SAHAYAK_CARRIER_REQUESTS_CA_FILE).
  int64_t carrier_requests_retry_base_ms = 30 * 1000;
  int64_t carrier_requests_max_attempts = 12;
  int64_t carrier_requests_timeout_ms = 10 * 1000;
  std::string carrier_requests_ca_file;
  // The sender of rules' webhooks (app/rule_webhook_worker.h; docs/automation.md, "Webhooks"):
  // retry_base_ms, max_attempts, timeout_ms and ca_file as for carrier requests, under
  // rule_webhooks.* (SAHAYAK_RULE_WEBHOOKS_RETRY_BASE_MS, …); allow_private_addresses
  // (rule_webhooks.allow_private_addresses, SAHAYAK_RULE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES):
  // false refuses webhooks to loopback, private-network and link-local addresses.
  int64_t rule_webhooks_retry_base_ms = 30 * 1000;
  int64_t rule_webhooks_max_attempts = 12;
  int64_t rule_webhooks_timeout_ms = 10 * 1000;
  std::string rule_webhooks_ca_file;
  bool rule_webhooks_allow_private_addresses = false;

  Status Validate() const;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:0").
Status ParseListen(const std::string& text, std::string* host, uint16_t* port);

// Applies a TOML file; a missing file is an error only when `required`.
Status LoadConfigFile(const std::string& path, bool required, Config* config);
// Applies SAHAYAK_* variables from the environment.
Status LoadConfigEnv(Config* config);

}  // namespace sahayak::app
