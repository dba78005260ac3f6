#include "services/auth/auth_service.h"

#include "base/text.h"
#include "services/audit.h"
#include "services/people/people_service.h"

namespace sahayak::services {

namespace {

Status InvalidCredentials() {
  return Unauthenticated("the e-mail address or the password is wrong")
      .WithKind("invalid-credentials");
}

}  // namespace

Result<Principal> AuthService::PrincipalFor(ReadTx& tx, Id ws, Id agent_id) {
  auto a = tx.GetAgent(ws, agent_id);
  if (!a.ok() || !a->active) return Unauthenticated("the account is not active");
  Principal p;
  p.workspace_id = ws;
  p.agent_id = a->id;
  p.role = a->role;
  p.name = a->name;
  p.email = a->email;
  p.language = a->language;
  return p;
}

Result<LoginResult> AuthService::Login(const std::string& email_raw, const std::string& password,
                                       bool remember_me, const std::string& ip,
                                       const std::string& user_agent, Millis* locked_for) {
  const std::string email = FoldCase(Trim(email_raw));
  const Id ws = options_.workspace_id;
  std::optional<domain::Agent> agent;
  LoginState state;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto a = tx.FindAgentByEmail(ws, email);
    if (!a.ok()) return a.status().code() == Code::kNotFound ? Status::Ok() : a.status();
    agent = std::move(a).value();
    ASSIGN_OR_RETURN(state, tx.GetLoginState(ws, agent->id));
    return Status::Ok();
  }));
  const Millis now = clock_.Now();
  if (!agent) {
    // Spend the same time as a real check so response times do not reveal which addresses exist.
    static const std::string kDummy = HashPassword("not a password", options_.hash_cost).value();
    (void)VerifyPassword(password, kDummy);
    return InvalidCredentials();
  }
  if (state.locked_until && *state.locked_until > now) {
    if (locked_for != nullptr) *locked_for = *state.locked_until - now;
    return ResourceExhausted("the account is locked after repeated failed logins; try again in " +
                             std::to_string((*state.locked_until - now) / 60000 + 1) +
                             " minutes")
        .WithKind("account-locked");
  }
  bool good = VerifyPassword(password, agent->password_hash);
  domain::Actor actor{domain::Actor::Kind::kAgent, agent->id, agent->name, ip, user_agent};
  if (!good || !agent->active) {
    RETURN_IF_ERROR(RecordFailure(ws, *agent, actor, now));
    return InvalidCredentials();
  }
  LoginResult out;
  out.session_token = RandomToken(32);
  out.csrf_token = RandomToken(24);
  out.persistent = remember_me;
  out.expires_at = now + (remember_me ? options_.remember_ttl : options_.session_ttl);
  SessionRecord rec;
  rec.token_hash = HashToken(out.session_token);
  rec.workspace_id = ws;
  rec.agent_id = agent->id;
  rec.csrf_token = out.csrf_token;
  rec.created_at = now;
  rec.expires_at = out.expires_at;
  rec.persistent = remember_me;
  rec.ip = ip;
  rec.user_agent = user_agent.substr(0, 512);
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.SetLoginState(ws, agent->id, LoginState{}));
    RETURN_IF_ERROR(tx.InsertSession(rec));
    return RecordChange(tx, ws, actor, "agent.logged_in", "agent", agent->id,
                        {{"remember_me", remember_me}}, now);
  }));
  out.principal.workspace_id = ws;
  out.principal.agent_id = agent->id;
  out.principal.role = agent->role;
  out.principal.name = agent->name;
  out.principal.email = agent->email;
  out.principal.language = agent->language;
  out.principal.via = Principal::Via::kSession;
  out.principal.session_hash = rec.token_hash;
  out.principal.csrf_token = out.csrf_token;
  out.principal.ip = ip;
  out.principal.user_agent = user_agent;
  return out;
}

Status AuthService::RecordFailure(Id ws, const domain::Agent& agent, const domain::Actor& actor,
                                  Millis now) {
  return store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(LoginState s, tx.GetLoginState(ws, agent.id));
    if (!s.first_failed_at || now - *s.first_failed_at > options_.failure_window) {
      s.failed = 0;
      s.first_failed_at = now;
    }
    s.failed += 1;
    if (s.failed >= options_.max_failures) s.locked_until = now + options_.lock_duration;
    RETURN_IF_ERROR(tx.SetLoginState(ws, agent.id, s));
    return RecordChange(tx, ws, actor, "agent.login_failed", "agent", agent.id,
                        {{"failed_logins", s.failed},
                         {"locked", s.locked_until.has_value() && *s.locked_until > now}},
                        now);
  });
}

Status AuthService::ChangePassword(const Principal& who, const std::string& current_password,
                                   const std::string& new_password, Millis* locked_for) {
  const Id ws = who.workspace_id;
  domain::Agent agent;
  LoginState state;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(agent, tx.GetAgent(ws, who.agent_id));
    ASSIGN_OR_RETURN(state, tx.GetLoginState(ws, who.agent_id));
    return Status::Ok();
  }));
  const Millis now = clock_.Now();
  if (state.locked_until && *state.locked_until > now) {
    if (locked_for != nullptr) *locked_for = *state.locked_until - now;
    return ResourceExhausted("the account is locked after repeated failed password checks; try "
                             "again in " + std::to_string((*state.locked_until - now) / 60000 + 1) +
                             " minutes")
        .WithKind("account-locked");
  }
  Status rules = CheckPassword(new_password);
  if (!VerifyPassword(current_password, agent.password_hash)) {
    RETURN_IF_ERROR(RecordFailure(ws, agent, who.actor(), now));
    Status st = InvalidArgument("the current password is wrong")
                    .WithField("current_password", "is wrong");
    if (!rules.ok()) st.WithField("new_password", "must have 8 to 256 characters");
    return st;
  }
  if (!rules.ok()) {
    return InvalidArgument("a password has 8 to 256 characters")
        .WithField("new_password", "must have 8 to 256 characters");
  }
  ASSIGN_OR_RETURN(std::string hash, HashNewPassword(new_password));
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Agent a, tx.GetAgent(ws, who.agent_id));
    a.password_hash = hash;
    a.updated_at = clock_.Now();
    a.version += 1;
    RETURN_IF_ERROR(tx.UpdateAgent(a));
    RETURN_IF_ERROR(tx.SetLoginState(ws, a.id, LoginState{}));
    if (who.via == Principal::Via::kSession) {
      RETURN_IF_ERROR(tx.DeleteOtherSessionsOfAgent(ws, a.id, who.session_hash));
    } else {
      RETURN_IF_ERROR(tx.DeleteSessionsOfAgent(ws, a.id));
    }
    return RecordChange(tx, ws, who.actor(), "agent.password_changed", "agent", a.id,
                        {{"password", "changed"}}, a.updated_at);
  }));
  ForgetCachedPrincipals();
  return Status::Ok();
}

std::optional<Principal> AuthService::FromCache(const std::string& key, Millis now) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) return std::nullopt;
  if (it->second.until <= now) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void AuthService::Remember(const std::string& key, const Principal& p, Millis until) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_.size() >= 10000) cache_.clear();
  cache_[key] = Cached{p, until};
}

void AuthService::ForgetCachedPrincipals() {
  std::lock_guard<std::mutex> lock(cache_mu_);
  cache_.clear();
}

Status AuthService::Logout(const Principal& who) {
  if (who.via != Principal::Via::kSession) return Status::Ok();
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    cache_.erase("s:" + who.session_hash);
  }
  return store_.Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.DeleteSession(who.session_hash));
    return RecordChange(tx, who.workspace_id, who.actor(), "agent.logged_out", "agent",
                        who.agent_id, nlohmann::json::object(), clock_.Now());
  });
}

Result<Principal> AuthService::AuthenticateSession(const std::string& token) {
  if (token.empty() || token.size() > 256) return Unauthenticated("no valid session");
  const std::string hash = HashToken(token);
  const Millis now = clock_.Now();
  if (auto cached = FromCache("s:" + hash, now)) return *cached;
  Principal p;
  Millis expires_at = 0;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto s = tx.GetSession(hash);
    if (!s.ok() || s->expires_at <= now) {
      return Unauthenticated("the session has ended; log in again");
    }
    ASSIGN_OR_RETURN(p, PrincipalFor(tx, s->workspace_id, s->agent_id));
    p.via = Principal::Via::kSession;
    p.session_hash = hash;
    p.csrf_token = s->csrf_token;
    expires_at = s->expires_at;
    return Status::Ok();
  }));
  Remember("s:" + hash, p, std::min(expires_at, now + options_.principal_cache_ttl));
  return p;
}

Result<Principal> AuthService::AuthenticateBearer(const std::string& token) {
  if (token.empty() || token.size() > 256) return Unauthenticated("no valid API token");
  const std::string hash = HashToken(token);
  if (auto cached = FromCache("t:" + hash, clock_.Now())) return *cached;
  Principal p;
  std::optional<Millis> last_used;
  Id token_id = 0;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto t = tx.FindApiToken(hash);
    if (!t.ok()) return Unauthenticated("the API token is not valid");
    token_id = t->id;
    last_used = t->last_used_at;
    ASSIGN_OR_RETURN(p, PrincipalFor(tx, t->workspace_id, t->agent_id));
    p.via = Principal::Via::kToken;
    return Status::Ok();
  }));
  const Millis now = clock_.Now();
  // Recording use at most once a minute keeps token-authenticated reads free of writes.
  if (!last_used || now - *last_used > 60000) {
    (void)store_.Write([&](WriteTx& tx) { return tx.TouchApiToken(token_id, now); });
  }
  Remember("t:" + hash, p, now + options_.principal_cache_ttl);
  return p;
}

Result<std::string> AuthService::CreateApiToken(WriteTx& tx, const Principal& who, Id agent_id,
                                                const std::string& name, ApiTokenRecord* out) {
  ASSIGN_OR_RETURN(domain::Agent agent, tx.GetAgent(who.workspace_id, agent_id));
  if (!agent.active) {
    return InvalidArgument("agent " + std::to_string(agent_id) + " is deactivated")
        .WithField("agent_id", "is deactivated");
  }
  std::string token = "shy_" + RandomToken(32);
  out->workspace_id = who.workspace_id;
  out->agent_id = agent_id;
  out->name = name;
  out->token_hash = HashToken(token);
  out->created_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertApiToken(out));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "api_token.created",
                               "api_token", out->id,
                               {{"name", {nullptr, name}}, {"agent_id", {nullptr, agent_id}}},
                               out->created_at));
  return token;
}

Result<std::string> AuthService::HashNewPassword(const std::string& password) const {
  return HashPassword(password, options_.hash_cost);
}

}  // namespace sahayak::services
