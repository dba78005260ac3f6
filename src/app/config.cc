#include "app/config.h"

#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

namespace sahayak::app {

Status ParseListen(const std::string& text, std::string* host, uint16_t* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) {
    return InvalidArgument("listen address \"" + text + "\" must be HOST:PORT");
  }
  std::string h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h.empty()) return InvalidArgument("listen address \"" + text + "\" has no host");
  char* end = nullptr;
  long p = std::strtol(text.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || p < 0 || p > 65535) {
    return InvalidArgument("listen port in \"" + text + "\" must be 0 to 65535");
  }
  *host = h;
  *port = static_cast<uint16_t>(p);
  return Status::Ok();
}

Status Config::Validate() const {
  if (data_dir.empty()) return InvalidArgument("data directory must not be empty");
  if (!public_url.empty() && public_url.rfind("http://", 0) != 0 &&
      public_url.rfind("https://", 0) != 0) {
    return InvalidArgument("portal.base_url must start with http:// or https://");
  }
  if (io_threads < 1 || io_threads > 64) return InvalidArgument("server.io_threads must be 1-64");
  if (read_threads < 1 || read_threads > 256) {
    return InvalidArgument("server.read_threads must be 1-256");
  }
  if (worker_threads < 1 || worker_threads > 1024) {
    return InvalidArgument("server.worker_threads must be 1-1024");
  }
  if (log_format != "text" && log_format != "json") {
    return InvalidArgument("log.format must be \"text\" or \"json\", not \"" + log_format + "\"");
  }
  if (log_level != "trace" && log_level != "debug" && log_level != "info" &&
      log_level != "warn" && log_level != "error") {
    return InvalidArgument("log.level must be trace, debug, info, warn or error");
  }
  if (max_body_bytes < 1024 || max_body_bytes > (1LL << 30)) {
    return InvalidArgument("limits.max_body_bytes must be between 1 KiB and 1 GiB");
  }
  if (max_attachment_bytes < 1024 || max_attachment_bytes > (1LL << 31)) {
    return InvalidArgument("limits.max_attachment_bytes must be between 1 KiB and 2 GiB");
  }
  if (db_synchronous != "full" && db_synchronous != "normal") {
    return InvalidArgument("database.synchronous must be \"full\" or \"normal\"");
  }
  if (db_readers < 1 || db_readers > 256) return InvalidArgument("database.readers must be 1-256");
  if (password_memory_kib < 8 || password_memory_kib > 1024 * 1024) {
    return InvalidArgument("auth.password_memory_kib must be 8 to 1048576");
  }
  if (password_ops < 1 || password_ops > 20) return InvalidArgument("auth.password_ops must be 1-20");
  if (requests_per_minute < 0 || logins_per_minute_per_ip < 0) {
    return InvalidArgument("limits.requests_per_minute and limits.logins_per_minute_per_ip "
                           "must be 0 (off) or more");
  }
  if (automations_sweep_seconds < 1 || automations_sweep_seconds > 86400) {
    return InvalidArgument("automations.sweep_seconds must be 1-86400");
  }
  if (maintenance_seconds < 1 || maintenance_seconds > 86400) {
    return InvalidArgument("server.maintenance_seconds must be 1-86400");
  }
  if (mail_max_message_bytes < 1024 || mail_max_message_bytes > (1LL << 30)) {
    return InvalidArgument("mail.max_message_bytes must be between 1 KiB and 1 GiB");
  }
  if (!lmtp_host.empty() && !lmtp_allow_remote && lmtp_host != "127.0.0.1" &&
      lmtp_host != "::1" && lmtp_host.rfind("127.", 0) != 0) {
    return InvalidArgument("mail.lmtp_listen \"" + lmtp_host +
                           "\" is not a loopback address; set mail.lmtp_allow_remote = true "
                           "to accept mail from other hosts");
  }
  if (search_slices < 0 || search_slices > 64) {
    return InvalidArgument("search.slices must be 0 (one per core) to 64");
  }
  if (lmtp_max_connections < 1 || lmtp_max_connections > 10000) {
    return InvalidArgument("mail.lmtp_max_connections must be 1-10000");
  }
  if (lmtp_idle_timeout_seconds < 1 || lmtp_idle_timeout_seconds > 3600) {
    return InvalidArgument("mail.lmtp_idle_timeout_seconds must be 1-3600");
  }
  if (mail_retry_base_ms < 1 || mail_retry_base_ms > 24LL * 3600 * 1000) {
    return InvalidArgument("mail.retry_base_ms must be 1 ms to 24 hours");
  }
  if (mail_max_attempts < 1 || mail_max_attempts > 100) {
    return InvalidArgument("mail.max_attempts must be 1-100");
  }
  if (mail_outbox_poll_ms < 10 || mail_outbox_poll_ms > 3600LL * 1000) {
    return InvalidArgument("mail.outbox_poll_ms must be 10 ms to 1 hour");
  }
  if (carrier_requests_retry_base_ms < 1 || carrier_requests_retry_base_ms > 24LL * 3600 * 1000) {
    return InvalidArgument("carrier_requests.retry_base_ms must be 1 ms to 24 hours");
  }
  if (carrier_requests_max_attempts < 1 || carrier_requests_max_attempts > 100) {
    return InvalidArgument("carrier_requests.max_attempts must be 1-100");
  }
  if (carrier_requests_timeout_ms < 100 || carrier_requests_timeout_ms > 300LL * 1000) {
    return InvalidArgument("carrier_requests.timeout_ms must be 100 ms to 5 minutes");
  }
  if (rule_webhooks_retry_base_ms < 1 || rule_webhooks_retry_base_ms > 24LL * 3600 * 1000) {
    return InvalidArgument("rule_webhooks.retry_base_ms must be 1 ms to 24 hours");
  }
  if (rule_webhooks_max_attempts < 1 || rule_webhooks_max_attempts > 100) {
    return InvalidArgument("rule_webhooks.max_attempts must be 1-100");
  }
  if (rule_webhooks_timeout_ms < 100 || rule_webhooks_timeout_ms > 300LL * 1000) {
    return InvalidArgument("rule_webhooks.timeout_ms must be 100 ms to 5 minutes");
  }
  for (size_t i = 0; i < mailboxes.size(); ++i) {
    const auto& m = mailboxes[i];
    if (m.name.empty()) {
      return InvalidArgument("mail.mailboxes[" + std::to_string(i) + "] needs a name");
    }
    if (!m.address.empty() && m.address.find('@') == std::string::npos) {
      return InvalidArgument("mail.mailboxes \"" + m.name + "\": address \"" + m.address +
                             "\" is not an e-mail address");
    }
    for (size_t j = 0; j < i; ++j) {
      if (mailboxes[j].name == m.name) {
        return InvalidArgument("mail.mailboxes: two mailboxes are named \"" + m.name + "\"");
      }
    }
  }
  return Status::Ok();
}

namespace {

template <typename T>
Status ReadInt(const toml::table& t, const char* path, T* out) {
  auto node = t.at_path(path);
  if (!node) return Status::Ok();
  auto v = node.value<int64_t>();
  if (!v) return InvalidArgument(std::string(path) + " must be an integer");
  *out = static_cast<T>(*v);
  return Status::Ok();
}

Status ReadString(const toml::table& t, const char* path, std::string* out) {
  auto node = t.at_path(path);
  if (!node) return Status::Ok();
  auto v = node.value<std::string>();
  if (!v) return InvalidArgument(std::string(path) + " must be a string");
  *out = *v;
  return Status::Ok();
}

// [[mail.mailboxes]] tables: name, address, group (all strings).
Status ReadMailboxes(const toml::table& t, Config* c) {
  auto node = t.at_path("mail.mailboxes");
  if (!node) return Status::Ok();
  const toml::array* list = node.as_array();
  if (list == nullptr) return InvalidArgument("mail.mailboxes must be an array of tables");
  c->mailboxes.clear();
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::table* box = list->get(i)->as_table();
    if (box == nullptr) return InvalidArgument("mail.mailboxes must be an array of tables");
    MailboxConfig m;
    RETURN_IF_ERROR(ReadString(*box, "name", &m.name));
    RETURN_IF_ERROR(ReadString(*box, "address", &m.address));
    RETURN_IF_ERROR(ReadString(*box, "group", &m.group));
    c->mailboxes.push_back(std::move(m));
  }
  return Status::Ok();
}

}  // namespace

Status LoadConfigFile(const std::string& path, bool required, Config* c) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (required) return NotFound("config file " + path + " does not exist");
    return Status::Ok();
  }
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(path + ": " + std::string(e.description()) + " at line " +
                           std::to_string(e.source().begin.line));
  }
  std::string listen;
  RETURN_IF_ERROR(ReadString(t, "server.listen", &listen));
  if (!listen.empty()) RETURN_IF_ERROR(ParseListen(listen, &c->listen_host, &c->listen_port));
  RETURN_IF_ERROR(ReadInt(t, "server.io_threads", &c->io_threads));
  RETURN_IF_ERROR(ReadInt(t, "server.read_threads", &c->read_threads));
  RETURN_IF_ERROR(ReadInt(t, "server.worker_threads", &c->worker_threads));
  RETURN_IF_ERROR(ReadString(t, "data.dir", &c->data_dir));
  RETURN_IF_ERROR(ReadString(t, "data.secret_key", &c->secret_key));
  RETURN_IF_ERROR(ReadString(t, "server.web_root", &c->web_root));
  RETURN_IF_ERROR(ReadString(t, "help.contact_url", &c->help_contact_url));
  RETURN_IF_ERROR(ReadString(t, "portal.base_url", &c->public_url));
  RETURN_IF_ERROR(ReadString(t, "log.format", &c->log_format));
  RETURN_IF_ERROR(ReadString(t, "log.level", &c->log_level));
  RETURN_IF_ERROR(ReadInt(t, "limits.max_body_bytes", &c->max_body_bytes));
  RETURN_IF_ERROR(ReadInt(t, "limits.max_attachment_bytes", &c->max_attachment_bytes));
  RETURN_IF_ERROR(ReadString(t, "database.synchronous", &c->db_synchronous));
  RETURN_IF_ERROR(ReadInt(t, "database.readers", &c->db_readers));
  RETURN_IF_ERROR(ReadInt(t, "auth.password_memory_kib", &c->password_memory_kib));
  RETURN_IF_ERROR(ReadInt(t, "auth.password_ops", &c->password_ops));
  RETURN_IF_ERROR(ReadInt(t, "limits.requests_per_minute", &c->requests_per_minute));
  RETURN_IF_ERROR(ReadInt(t, "limits.logins_per_minute_per_ip", &c->logins_per_minute_per_ip));
  RETURN_IF_ERROR(ReadInt(t, "forms.per_minute_per_ip", &c->web_form_per_minute_per_ip));
  RETURN_IF_ERROR(ReadInt(t, "forms.per_minute_per_email", &c->web_form_per_minute_per_email));
  RETURN_IF_ERROR(ReadInt(t, "help.suggest_per_minute_per_ip", &c->help_suggest_per_minute_per_ip));
  RETURN_IF_ERROR(ReadInt(t, "help.deflection_settle_seconds", &c->deflection_settle_seconds));
  RETURN_IF_ERROR(ReadInt(t, "server.maintenance_seconds", &c->maintenance_seconds));
  RETURN_IF_ERROR(
      ReadInt(t, "automations.sweep_seconds", &c->automations_sweep_seconds));
  if (auto v = t.at_path("server.secure_cookies").value<bool>()) c->secure_cookies = *v;
  RETURN_IF_ERROR(ReadInt(t, "mail.max_message_bytes", &c->mail_max_message_bytes));
  std::string lmtp;
  RETURN_IF_ERROR(ReadString(t, "mail.lmtp_listen", &lmtp));
  if (!lmtp.empty()) RETURN_IF_ERROR(ParseListen(lmtp, &c->lmtp_host, &c->lmtp_port));
  if (auto v = t.at_path("mail.lmtp_allow_remote").value<bool>()) c->lmtp_allow_remote = *v;
  if (auto v = t.at_path("mail.imap_fetch").value<bool>()) c->imap_fetch = *v;
  if (auto v = t.at_path("search.index").value<bool>()) c->search_index = *v;
  RETURN_IF_ERROR(ReadInt(t, "search.slices", &c->search_slices));
  RETURN_IF_ERROR(ReadInt(t, "mail.lmtp_max_connections", &c->lmtp_max_connections));
  RETURN_IF_ERROR(ReadInt(t, "mail.lmtp_idle_timeout_seconds", &c->lmtp_idle_timeout_seconds));
  RETURN_IF_ERROR(ReadInt(t, "mail.retry_base_ms", &c->mail_retry_base_ms));
  RETURN_IF_ERROR(ReadInt(t, "mail.max_attempts", &c->mail_max_attempts));
  RETURN_IF_ERROR(ReadInt(t, "mail.outbox_poll_ms", &c->mail_outbox_poll_ms));
  RETURN_IF_ERROR(
      ReadInt(t, "carrier_requests.retry_base_ms", &c->carrier_requests_retry_base_ms));
  RETURN_IF_ERROR(ReadInt(t, "carrier_requests.max_attempts", &c->carrier_requests_max_attempts));
  RETURN_IF_ERROR(ReadInt(t, "carrier_requests.timeout_ms", &c->carrier_requests_timeout_ms));
  RETURN_IF_ERROR(ReadString(t, "carrier_requests.ca_file", &c->carrier_requests_ca_file));
  RETURN_IF_ERROR(ReadInt(t, "rule_webhooks.retry_base_ms", &c->rule_webhooks_retry_base_ms));
  RETURN_IF_ERROR(ReadInt(t, "rule_webhooks.max_attempts", &c->rule_webhooks_max_attempts));
  RETURN_IF_ERROR(ReadInt(t, "rule_webhooks.timeout_ms", &c->rule_webhooks_timeout_ms));
  RETURN_IF_ERROR(ReadString(t, "rule_webhooks.ca_file", &c->rule_webhooks_ca_file));
  if (auto v = t.at_path("rule_webhooks.allow_private_addresses").value<bool>()) {
    c->rule_webhooks_allow_private_addresses = *v;
  }
  return ReadMailboxes(t, c);
}

namespace {

Status EnvInt(const char* name, int64_t* out) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return Status::Ok();
  char* end = nullptr;
  long long n = std::strtoll(v, &end, 10);
  if (*end != '\0') return InvalidArgument(std::string(name) + " must be an integer");
  *out = n;
  return Status::Ok();
}

void EnvString(const char* name, std::string* out) {
  const char* v = std::getenv(name);
  if (v != nullptr && *v != '\0') *out = v;
}

}  // namespace

Status LoadConfigEnv(Config* c) {
  std::string listen;
  EnvString("SAHAYAK_LISTEN", &listen);
  if (!listen.empty()) RETURN_IF_ERROR(ParseListen(listen, &c->listen_host, &c->listen_port));
  EnvString("SAHAYAK_DATA", &c->data_dir);
  EnvString("SAHAYAK_SECRET_KEY", &c->secret_key);
  EnvString("SAHAYAK_WEB_ROOT", &c->web_root);
  EnvString("SAHAYAK_HELP_CONTACT_URL", &c->help_contact_url);
  EnvString("SAHAYAK_PUBLIC_URL", &c->public_url);
  EnvString("SAHAYAK_LOG_FORMAT", &c->log_format);
  EnvString("SAHAYAK_LOG_LEVEL", &c->log_level);
  EnvString("SAHAYAK_DB_SYNCHRONOUS", &c->db_synchronous);
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAX_BODY_BYTES", &c->max_body_bytes));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_SEARCH_SLICES", &c->search_slices));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAX_ATTACHMENT_BYTES", &c->max_attachment_bytes));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_PASSWORD_MEMORY_KIB", &c->password_memory_kib));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_PASSWORD_OPS", &c->password_ops));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_RATE_LIMIT_PER_MINUTE", &c->requests_per_minute));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_LOGIN_RATE_LIMIT_PER_MINUTE", &c->logins_per_minute_per_ip));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_WEB_FORM_PER_MINUTE_PER_IP", &c->web_form_per_minute_per_ip));
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_WEB_FORM_PER_MINUTE_PER_EMAIL", &c->web_form_per_minute_per_email));
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_HELP_SUGGEST_PER_MINUTE_PER_IP", &c->help_suggest_per_minute_per_ip));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_DEFLECTION_SETTLE_SECONDS", &c->deflection_settle_seconds));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAINTENANCE_SECONDS", &c->maintenance_seconds));
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_AUTOMATIONS_SWEEP_SECONDS", &c->automations_sweep_seconds));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAIL_MAX_MESSAGE_BYTES", &c->mail_max_message_bytes));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAIL_RETRY_BASE_MS", &c->mail_retry_base_ms));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAIL_MAX_ATTEMPTS", &c->mail_max_attempts));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_MAIL_OUTBOX_POLL_MS", &c->mail_outbox_poll_ms));
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_CARRIER_REQUESTS_RETRY_BASE_MS", &c->carrier_requests_retry_base_ms));
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_CARRIER_REQUESTS_MAX_ATTEMPTS", &c->carrier_requests_max_attempts));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_CARRIER_REQUESTS_TIMEOUT_MS", &c->carrier_requests_timeout_ms));
  EnvString("SAHAYAK_CARRIER_REQUESTS_CA_FILE", &c->carrier_requests_ca_file);
  RETURN_IF_ERROR(
      EnvInt("SAHAYAK_RULE_WEBHOOKS_RETRY_BASE_MS", &c->rule_webhooks_retry_base_ms));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_RULE_WEBHOOKS_MAX_ATTEMPTS", &c->rule_webhooks_max_attempts));
  RETURN_IF_ERROR(EnvInt("SAHAYAK_RULE_WEBHOOKS_TIMEOUT_MS", &c->rule_webhooks_timeout_ms));
  EnvString("SAHAYAK_RULE_WEBHOOKS_CA_FILE", &c->rule_webhooks_ca_file);
  std::string allow_private;
  EnvString("SAHAYAK_RULE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", &allow_private);
  if (!allow_private.empty()) {
    c->rule_webhooks_allow_private_addresses = allow_private != "0" && allow_private != "false";
  }
  std::string imap_fetch;
  EnvString("SAHAYAK_IMAP_FETCH", &imap_fetch);
  if (!imap_fetch.empty()) c->imap_fetch = imap_fetch != "0" && imap_fetch != "false";
  std::string search_index;
  EnvString("SAHAYAK_SEARCH_INDEX", &search_index);
  if (!search_index.empty()) c->search_index = search_index != "0" && search_index != "false";
  std::string lmtp;
  EnvString("SAHAYAK_LMTP_LISTEN", &lmtp);
  if (!lmtp.empty()) RETURN_IF_ERROR(ParseListen(lmtp, &c->lmtp_host, &c->lmtp_port));
  int64_t n = c->worker_threads;
  RETURN_IF_ERROR(EnvInt("SAHAYAK_WORKER_THREADS", &n));
  c->worker_threads = static_cast<int>(n);
  n = c->db_readers;
  RETURN_IF_ERROR(EnvInt("SAHAYAK_DB_READERS", &n));
  c->db_readers = static_cast<int>(n);
  n = c->read_threads;
  RETURN_IF_ERROR(EnvInt("SAHAYAK_READ_THREADS", &n));
  c->read_threads = static_cast<int>(n);
  n = c->io_threads;
  RETURN_IF_ERROR(EnvInt("SAHAYAK_IO_THREADS", &n));
  c->io_threads = static_cast<int>(n);
  return Status::Ok();
}

}  // namespace sahayak::app
