// Signing customers in: sign-in links, passwords and sessions (portal_service.h).
#include "services/portal/portal_service.h"

#include "base/text.h"
#include "services/audit.h"
#include "services/people/people_service.h"

namespace sahayak::services {

namespace {

// A session visit writes its new expiry at most this often.
constexpr Millis kTouchEveryMs = 60 * 1000;

domain::Actor CustomerActor(const domain::Contact& c, std::string_view ip,
                            std::string_view user_agent) {
  return {domain::Actor::Kind::kContact, c.id, c.name, std::string(ip),
          std::string(user_agent.substr(0, 512))};
}

}  // namespace

PortalService::PortalService(Store& store, const Clock& clock, TicketService& tickets,
                             PortalOptions options)
    : store_(store), clock_(clock), tickets_(tickets), options_(options) {
  // Verified against for unknown addresses, so they cost what known ones cost.
  auto dummy = HashPassword(RandomToken(16), options_.hash_cost);
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

Status PortalService::RequestSignInLink(Id ws, std::string_view email, std::string_view link_base,
                                        std::string_view lang) {
  const std::string address = FoldCase(Trim(email));
  if (!LooksLikeEmail(address)) return Status::Ok();
  bool queued = false;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    auto contact = tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail, address);
    if (!contact.ok()) {
      return contact.status().code() == Code::kNotFound ? Status::Ok() : contact.status();
    }
    queued = true;
    return QueueSignInMail(tx, ws, *contact, address, link_base, lang, "sign_in");
  });
  if (st.ok() && queued && on_queued_) on_queued_();
  return st;
}

Result<std::string> PortalService::InviteContact(const Principal& who, Id contact_id,
                                                 std::string_view link_base) {
  std::string address;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Contact c, tx.GetContact(who.workspace_id, contact_id));
    address = FoldCase(c.First(domain::Identity::Kind::kEmail));
    if (address.empty()) {
      return FailedPrecondition("the contact has no e-mail address to send a sign-in link to")
          .WithKind("no-email");
    }
    RETURN_IF_ERROR(
        QueueSignInMail(tx, who.workspace_id, c, address, link_base, c.language, "invitation"));
    return RecordChange(tx, who.workspace_id, who.actor(), "contact.portal_invited", "contact",
                        c.id, {{"email", address}}, clock_.Now());
  });
  if (!st.ok()) return st;
  if (on_queued_) on_queued_();
  return address;
}

bool PortalService::SignInLinkUsable(Id ws, std::string_view token) {
  const std::string hash = Sha256Hex(token);
  bool usable = false;
  (void)store_.Read([&](ReadTx& tx) -> Status {
    auto t = tx.portal().GetPortalSignInToken(ws, hash);
    usable = t.ok() && !t->used_at && t->expires_at > clock_.Now();
    return Status::Ok();
  });
  return usable;
}

Result<PortalSignedIn> PortalService::ConsumeSignInLink(Id ws, std::string_view token,
                                                        std::string_view ip,
                                                        std::string_view user_agent) {
  const std::string hash = Sha256Hex(token);
  PortalSignedIn out;
  Status st = store_.Write([&](WriteTx& tx) -> Status {
    const Status invalid =
        PermissionDenied("this sign-in link no longer works").WithKind(kPortalLinkInvalid);
    // Looked up within the workspace: a link opened on another workspace's site is unknown
    // there and stays usable on its own.
    auto t = tx.portal().GetPortalSignInToken(ws, hash);
    if (!t.ok()) return t.status().code() == Code::kNotFound ? invalid : t.status();
    const Millis now = clock_.Now();
    if (t->used_at || t->expires_at <= now) return invalid;
    ASSIGN_OR_RETURN(bool used, tx.portal().UsePortalSignInToken(ws, hash, now));
    if (!used) return invalid;
    auto contact = tx.GetContact(t->workspace_id, t->contact_id);
    if (!contact.ok()) return invalid;
    ASSIGN_OR_RETURN(out, OpenSession(tx, t->workspace_id, t->contact_id, ip, user_agent));
    return RecordChange(tx, t->workspace_id, CustomerActor(*contact, ip, user_agent),
                        "contact.portal_signed_in", "contact", contact->id, {{"method", "link"}},
                        now);
  });
  if (!st.ok()) return st;
  return out;
}

Result<PortalSignedIn> PortalService::SignInWithPassword(Id ws, std::string_view email,
                                                         std::string_view password,
                                                         std::string_view ip,
                                                         std::string_view user_agent) {
  const Status failed = Unauthenticated("the e-mail address or the password is not right")
                            .WithKind(kPortalSignInFailed);
  const std::string address = FoldCase(Trim(email));
  std::optional<domain::Contact> contact;
  std::string hash;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    if (!LooksLikeEmail(address)) return Status::Ok();
    auto c = tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail, address);
    if (!c.ok()) return c.status().code() == Code::kNotFound ? Status::Ok() : c.status();
    auto h = tx.portal().GetPortalPasswordHash(ws, c->id);
    if (!h.ok()) return h.status().code() == Code::kNotFound ? Status::Ok() : h.status();
    contact = std::move(c).value();
    hash = std::move(h).value();
    return Status::Ok();
  }));
  // Hashing before the write transaction: the writer must not wait for argon2id.
  if (!contact) {
    (void)VerifyPassword(password, dummy_hash_);
    return failed;
  }
  if (!VerifyPassword(password, hash)) return failed;
  PortalSignedIn out;
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, OpenSession(tx, ws, contact->id, ip, user_agent));
    return RecordChange(tx, ws, CustomerActor(*contact, ip, user_agent), "contact.portal_signed_in",
                        "contact", contact->id, {{"method", "password"}}, clock_.Now());
  }));
  return out;
}

Result<PortalSignedIn> PortalService::OpenSession(WriteTx& tx, Id ws, Id contact_id,
                                                  std::string_view ip,
                                                  std::string_view user_agent) {
  PortalSignedIn out;
  out.token = RandomToken(32);
  out.csrf_token = RandomToken(24);
  out.contact_id = contact_id;
  PortalSession s;
  s.token_hash = Sha256Hex(out.token);
  s.workspace_id = ws;
  s.contact_id = contact_id;
  s.csrf_token = out.csrf_token;
  s.created_at = s.last_seen_at = clock_.Now();
  s.expires_at = s.created_at + options_.session_idle_ms;
  s.ip = std::string(ip);
  s.user_agent = std::string(user_agent.substr(0, 512));
  RETURN_IF_ERROR(tx.portal().InsertPortalSession(s));
  return out;
}

Result<PortalCustomer> PortalService::Authenticate(std::string_view token) {
  const Status none = Unauthenticated("sign in to the portal");
  if (token.empty() || token.size() > 128) return none;
  const std::string hash = Sha256Hex(token);
  const Millis now = clock_.Now();
  PortalCustomer out;
  bool touch = false;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto s = tx.portal().GetPortalSession(hash);
    if (!s.ok()) return s.status().code() == Code::kNotFound ? none : s.status();
    if (s->expires_at <= now) return none;
    auto c = tx.GetContact(s->workspace_id, s->contact_id);
    if (!c.ok()) return c.status().code() == Code::kNotFound ? none : c.status();
    out.workspace_id = s->workspace_id;
    out.contact = std::move(c).value();
    out.session_hash = hash;
    out.csrf_token = s->csrf_token;
    touch = now - s->last_seen_at >= kTouchEveryMs;
    return Status::Ok();
  }));
  if (touch) {
    // A lost touch only shortens the session; the visit itself goes on.
    (void)store_.Write([&](WriteTx& tx) {
      return tx.portal().TouchPortalSession(hash, now, now + options_.session_idle_ms);
    });
  }
  return out;
}

Status PortalService::SignOut(std::string_view token) {
  if (token.empty() || token.size() > 128) return Status::Ok();
  const std::string hash = Sha256Hex(token);
  return store_.Write([&](WriteTx& tx) { return tx.portal().DeletePortalSession(hash); });
}

Status PortalService::SetPassword(const PortalCustomer& c, std::string_view password) {
  RETURN_IF_ERROR(CheckPassword(std::string(password)));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password, options_.hash_cost));
  return store_.Write([&](WriteTx& tx) -> Status {
    const Millis now = clock_.Now();
    RETURN_IF_ERROR(tx.portal().PutPortalPassword(c.workspace_id, c.contact.id, hash, now));
    return RecordChange(tx, c.workspace_id, CustomerActor(c.contact, "", ""),
                        "contact.portal_password_set", "contact", c.contact.id,
                        nlohmann::json::object(), now);
  });
}

Result<bool> PortalService::HasPassword(const PortalCustomer& c) {
  bool has = false;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    auto h = tx.portal().GetPortalPasswordHash(c.workspace_id, c.contact.id);
    if (!h.ok() && h.status().code() != Code::kNotFound) return h.status();
    has = h.ok();
    return Status::Ok();
  }));
  return has;
}

Principal PortalService::CustomerPrincipal(const PortalCustomer& c) const {
  Principal p;
  p.workspace_id = c.workspace_id;
  p.via = Principal::Via::kCli;
  p.name = c.contact.name;
  return p;
}

}  // namespace sahayak::services
