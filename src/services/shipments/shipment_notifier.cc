#include "services/shipments/shipment_notifier.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "domain/people.h"
#include "services/audit.h"
#include "services/chat/chat_service.h"
#include "services/shipments/delivery_service.h"
#include "services/mail/outbound_service.h"
#include "services/shipments/shipment_input.h"
#include "services/shipments/shipment_service.h"

namespace sahayak::services {

using domain::Shipment;
using domain::ShipmentStatus;
using domain::TrackingEvent;
using nlohmann::json;

namespace {

constexpr size_t kMaxTemplatesBytes = 64 * 1024;

// "HH:MM" → minutes after midnight; nullopt when malformed.
std::optional<int> MinuteOfDay(std::string_view hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  auto r1 = std::from_chars(hhmm.data(), hhmm.data() + 2, h);
  auto r2 = std::from_chars(hhmm.data() + 3, hhmm.data() + 5, m);
  if (r1.ec != std::errc() || r1.ptr != hhmm.data() + 2 || r2.ec != std::errc() ||
      r2.ptr != hhmm.data() + 5 || h > 23 || m > 59 || h < 0 || m < 0) {
    return std::nullopt;
  }
  return h * 60 + m;
}

// The notice a status calls for, if any.
std::optional<ShipmentNotice> NoticeFor(ShipmentStatus s) {
  switch (s) {
    case ShipmentStatus::kOutForDelivery: return ShipmentNotice::kOutForDelivery;
    case ShipmentStatus::kDelivered: return ShipmentNotice::kDelivered;
    case ShipmentStatus::kDeliveryFailed: return ShipmentNotice::kDeliveryFailed;
    case ShipmentStatus::kReturnedToOrigin:
    case ShipmentStatus::kLost:
    case ShipmentStatus::kDamaged: return ShipmentNotice::kException;
    default: return std::nullopt;
  }
}

bool Wanted(const ShipmentNoticeSettings& settings, ShipmentNotice kind) {
  const std::string name = ShipmentNoticeName(kind);
  return std::find(settings.notices.begin(), settings.notices.end(), name) !=
         settings.notices.end();
}

Principal SystemPrincipal(Id ws) {
  Principal p;
  p.workspace_id = ws;
  p.role = domain::Role::kAdmin;
  p.name = "Shipment notices";
  p.via = Principal::Via::kCli;
  return p;
}

std::string Language(const std::string& wanted, const Workspace& w) {
  std::string lang = wanted.empty() ? w.default_language : wanted;
  lang = AsciiLower(lang.substr(0, lang.find('-')));
  return lang == "hi" || lang == "kn" ? lang : "en";
}

}  // namespace

Millis AfterQuietHours(Millis now, std::string_view zone, std::string_view from,
                       std::string_view until) {
  auto f = MinuteOfDay(from);
  auto u = MinuteOfDay(until);
  if (!f || !u || *f == *u) return now;
  const int offset = domain::ZoneOffsetMinutes(zone, now);
  const Millis local = now + static_cast<Millis>(offset) * 60000;
  const Millis day_ms = 24LL * 3600 * 1000;
  const Millis into_day = ((local % day_ms) + day_ms) % day_ms;
  const int minute = static_cast<int>(into_day / 60000);
  const bool quiet = *f < *u ? (minute >= *f && minute < *u) : (minute >= *f || minute < *u);
  if (!quiet) return now;
  const int wait_minutes = ((*u - minute) % 1440 + 1440) % 1440;
  // To the start of the minute the quiet hours end in.
  return now - (into_day % 60000) + static_cast<Millis>(wait_minutes) * 60000;
}

// ---- deciding ----

Status ShipmentNotifier::OnShipmentChanged(WriteTx& tx, const Shipment& s,
                                           const std::optional<TrackingEvent>& decided,
                                           const std::optional<std::string>& eta_before,
                                           Batch& batch) const {
  const bool status_notice = decided && NoticeFor(s.status).has_value();
  const std::optional<std::string> due = domain::DueDate(s);
  const bool eta_late =
      s.eta && due && *s.eta > *due && !domain::IsFinal(s.status) && s.eta != eta_before;
  if (!status_notice && !eta_late) return Status::Ok();
  if (!batch.workspace) {
    ASSIGN_OR_RETURN(batch.workspace, tx.GetWorkspace(s.workspace_id));
    ASSIGN_OR_RETURN(batch.settings, tx.shipments().GetNoticeSettings(s.workspace_id));
  } else if (batch.workspace->id != s.workspace_id) {
    return Internal("one notice batch spans two workspaces");
  }
  if (status_notice) {
    RETURN_IF_ERROR(Decide(tx, batch, s, *NoticeFor(s.status), decided->event_id,
                           decided->occurred_at, &*decided));
  }
  if (eta_late) {
    // The carrier says it will come after the promise: the customer hears it now, once per
    // promised date (the late sweep uses the same key).
    // When the newest event (which brought the ETA) is old news, so is the lateness.
    RETURN_IF_ERROR(Decide(tx, batch, s, ShipmentNotice::kLate, "late:" + *due,
                           s.last_event_at.value_or(clock_.Now()), nullptr));
  }
  return Status::Ok();
}

Result<int> ShipmentNotifier::SweepLate(WriteTx& tx, Id ws, int limit) const {
  Batch batch;
  ASSIGN_OR_RETURN(batch.workspace, tx.GetWorkspace(ws));
  const Millis now = clock_.Now();
  const std::string today =
      DateAt(now, domain::ZoneOffsetMinutes(batch.workspace->time_zone, now));
  ASSIGN_OR_RETURN(auto late, tx.shipments().ListLateWithoutNotice(ws, today, limit));
  if (late.empty()) return 0;
  ASSIGN_OR_RETURN(batch.settings, tx.shipments().GetNoticeSettings(ws));
  for (const Shipment& s : late) {
    RETURN_IF_ERROR(Decide(tx, batch, s, ShipmentNotice::kLate,
                           "late:" + domain::DueDate(s).value_or(""), now, nullptr));
  }
  return static_cast<int>(late.size());
}

Status ShipmentNotifier::Decide(WriteTx& tx, Batch& batch, const Shipment& s,
                                ShipmentNotice kind, const std::string& event_key,
                                Millis event_at, const TrackingEvent* event) const {
  const Workspace& w = *batch.workspace;
  const ShipmentNoticeSettings& settings = *batch.settings;
  const Millis now = clock_.Now();
  // Decided before (a replayed or repeated event): nothing more to do. The notice row is
  // written last, with its mail and ticket, so it is never inserted and then updated: such
  // an UPDATE cost more the more the transaction had written (bench/RESULTS.md, "Where the
  // ingest's time goes"). One writer runs the whole transaction, so nothing can claim the
  // notice in between.
  ASSIGN_OR_RETURN(bool decided,
                   tx.shipments().HasShipmentNotice(s.id, ShipmentNoticeName(kind), event_key));
  if (decided) return Status::Ok();
  ShipmentNoticeRecord n;
  n.workspace_id = w.id;
  n.shipment_id = s.id;
  n.notice = ShipmentNoticeName(kind);
  n.event_key = event_key;
  n.contact_id = s.contact_id;
  n.send_after = now;
  n.created_at = now;

  std::optional<domain::Contact> contact;
  std::string email;
  if (s.contact_id) {
    auto c = tx.GetContact(w.id, *s.contact_id);
    if (c.ok()) {
      contact = std::move(c).value();
      email = contact->First(domain::Identity::Kind::kEmail);
      n.language = Language(contact->language, w);
    } else if (c.status().code() != Code::kNotFound) {
      return c.status();
    }
  }
  std::string zone = w.time_zone;
  std::string quiet_from = settings.quiet_from;
  std::string quiet_until = settings.quiet_until;
  if (now - event_at > kStaleEventMs) {
    n.outcome = "stale";
  } else if (!Wanted(settings, kind)) {
    n.outcome = "off";
  } else if (!contact) {
    n.outcome = "no_address";
  } else {
    RETURN_IF_ERROR(Choose(tx, batch, *contact, email, &n, &zone, &quiet_from, &quiet_until));
  }
  if (n.outcome == "mailed" || n.outcome == "chatted") {
    n.channel = n.outcome == "mailed" ? "email" : "chat";
    n.send_after = AfterQuietHours(now, zone, quiet_from, quiet_until);
  }
  if (n.outcome == "mailed") {
    ASSIGN_OR_RETURN(n.outbox_id, QueueMail(tx, batch, s, *contact, email, kind, event,
                                            n.language, n.send_after));
  } else if (n.outcome == "chatted" && on_chat_queued_) {
    // Posted by PostDueChatNotices once committed and due: the message, its ticket line and
    // the hub's push happen in the poster's own transaction, as a mail is sent by the outbox's.
    on_chat_queued_();
  }
  const bool trouble = kind == ShipmentNotice::kDeliveryFailed || kind == ShipmentNotice::kException;
  if (trouble && settings.open_tickets && n.outcome != "stale") {
    ASSIGN_OR_RETURN(n.ticket_id, OpenOrNoteTicket(tx, settings, s, kind, event));
  }
  // The claim: a second decision for the same event finds the row and does nothing. The row
  // is the decision's record (who, what, when, and why not): no audit event repeats it.
  ASSIGN_OR_RETURN(bool fresh, tx.shipments().InsertShipmentNotice(&n));
  if (!fresh) return Internal("the " + n.notice + " notice of shipment " + std::to_string(s.id) +
                              " was decided twice in one transaction");
  return Status::Ok();
}

Status ShipmentNotifier::Choose(WriteTx& tx, Batch& batch, const domain::Contact& contact,
                                const std::string& email, ShipmentNoticeRecord* n,
                                std::string* zone, std::string* quiet_from,
                                std::string* quiet_until) const {
  const Workspace& w = *batch.workspace;
  // A customer who can be mailed costs the reads they always did (opt-out, bounce,
  // preferences); whether live chat is on is asked (once per batch) only about those who
  // cannot be mailed or who prefer chat, and their conversation only of the latter.
  bool mailable = !email.empty();
  if (!mailable) {
    ASSIGN_OR_RETURN(bool chat_on, ChatOn(tx, batch));
    if (!chat_on) {
      n->outcome = "no_address";
      return Status::Ok();
    }
  }
  ASSIGN_OR_RETURN(bool out, tx.shipments().IsOptedOut(w.id, contact.id, kShipmentTopic));
  if (out) {
    n->outcome = "opted_out";
    return Status::Ok();
  }
  if (mailable) {
    ASSIGN_OR_RETURN(auto bounce, tx.GetMailBounce(w.id, AsciiLower(email)));
    mailable = !bounce;
    if (!mailable) {
      ASSIGN_OR_RETURN(bool chat_on, ChatOn(tx, batch));
      if (!chat_on) {
        n->outcome = "no_address";
        return Status::Ok();
      }
    }
  }
  if (!contact.time_zone.empty()) *zone = contact.time_zone;
  if (delivery_ != nullptr) {
    // The customer's (or their organisation's) own channel, language, zone and quiet hours.
    ASSIGN_OR_RETURN(domain::DeliveryPreferences p, delivery_->ForContact(tx, w, contact));
    *zone = p.time_zone;
    n->language = Language(p.language, w);
    n->preferred_channel = p.preferred_channel;
    if (p.quiet_hours) {
      *quiet_from = domain::FormatClock(p.quiet_hours->from);
      *quiet_until = domain::FormatClock(p.quiet_hours->until);
    }
  }
  if (n->preferred_channel == "chat") {
    ASSIGN_OR_RETURN(bool chat_on, ChatOn(tx, batch));
    if (!chat_on) {
      n->fallback = "chat_off";
    } else {
      // The one read a chat notice adds: the conversation it will go into (the newest when it
      // is posted).
      auto latest = tx.chat().LatestConversationOfContact(w.id, contact.id);
      if (latest.ok()) {
        n->outcome = "chatted";
        n->chat_conversation_id = latest->id;
        return Status::Ok();
      }
      if (latest.status().code() != Code::kNotFound) return latest.status();
      n->fallback = "no_conversation";
    }
  } else if (!n->preferred_channel.empty() && n->preferred_channel != "email") {
    n->fallback = "not_available";  // sms, whatsapp, phone: no such channel yet
  }
  n->outcome = mailable ? "mailed" : "no_address";
  return Status::Ok();
}

ShipmentNoticeFields ShipmentNotifier::FieldsOf(const Workspace& w, const Shipment& s,
                                               const domain::Contact& c,
                                               const TrackingEvent* event) const {
  const std::string site = site_url_ ? site_url_(w.public_host) : "";
  ShipmentNoticeFields f;
  f.customer_name = c.name;
  f.carrier_name = s.carrier_name;
  f.tracking_number = s.tracking_number;
  f.status = domain::ShipmentStatusName(s.status);
  f.reason = event != nullptr ? event->reason : s.status_reason;
  f.place = event != nullptr ? event->place : "";
  f.eta = s.eta.value_or("");
  f.promised_date = domain::DueDate(s).value_or("");
  f.tracking_url = domain::TrackingUrl(s.carrier_url, s.tracking_number);
  f.opt_out_url = site + "/notices/opt-out/" + OptOutToken(w.id, c.id);
  f.business_name = w.name;
  return f;
}

Result<std::optional<Id>> ShipmentNotifier::QueueMail(
    WriteTx& tx, Batch& batch, const Shipment& s, const domain::Contact& c,
    const std::string& email, ShipmentNotice kind, const TrackingEvent* event,
    const std::string& lang, Millis send_after) const {
  const Workspace& w = *batch.workspace;
  const ShipmentNoticeSettings& settings = *batch.settings;
  const Millis now = clock_.Now();
  const ShipmentNoticeFields f = FieldsOf(w, s, c, event);
  NoticeText text = ShipmentNoticeText(settings.templates, kind, lang, f);

  // The workspace's first enabled mailbox that can send (by name); none: queued all the same,
  // the outbox says so and sends once one exists.
  if (!batch.mailbox) {
    ASSIGN_OR_RETURN(auto boxes, tx.ListMailboxes(w.id));
    batch.mailbox.emplace();
    for (auto& b : boxes) {
      if (b.enabled && !b.smtp_host.empty()) {
        *batch.mailbox = std::move(b);
        break;
      }
    }
  }
  const std::optional<domain::Mailbox>& box = *batch.mailbox;
  QueuedMail q;
  if (box) AddressFromMailbox(*box, &q);
  q.mail.reply_to.reset();  // an answer to a notice is a new question, not a ticket's thread
  q.mail.to.push_back({c.name, email});
  q.mail.subject = text.subject;
  q.mail.text = text.body;
  q.mail.message_id = NewMessageId(box ? box->address : "");
  q.mail.date = send_after;
  q.mail.auto_submitted = "auto-generated";
  q.mail.extra_headers.emplace_back("List-Unsubscribe", "<" + f.opt_out_url + ">");
  q.mail.extra_headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  q.mail.extra_headers.emplace_back("X-Sahayak-Shipment", s.tracking_number);

  domain::MailOutboxItem item;
  item.workspace_id = w.id;
  if (box) item.mailbox_id = box->id;
  item.kind = "notification";
  item.message_id = q.mail.message_id;
  item.to_email = AsciiLower(email);
  item.payload = EncodeQueuedMail(q);
  item.next_attempt_at = send_after;
  item.created_at = item.updated_at = now;
  if (!box) item.last_error = "no mailbox with an SMTP server is configured";
  RETURN_IF_ERROR(tx.InsertMailOutbox(&item));
  if (on_queued_) on_queued_();
  return std::optional<Id>(item.id);
}

// ---- by live chat ----

Result<bool> ShipmentNotifier::ChatOn(WriteTx& tx, Batch& batch) const {
  if (!batch.chat_on) {
    batch.chat_on = false;
    if (chat_ != nullptr) {
      auto settings = tx.chat().GetChatSettings(batch.workspace->id);
      if (settings.ok()) {
        batch.chat_on = settings->enabled;
      } else if (settings.status().code() != Code::kNotFound) {
        return settings.status();
      }
    }
  }
  return *batch.chat_on;
}

Result<int> ShipmentNotifier::PostDueChatNotices(WriteTx& tx, int limit,
                                                 std::vector<ChatEffects>* posted) const {
  ASSIGN_OR_RETURN(std::vector<ShipmentNoticeRecord> due,
                   tx.shipments().ListDueChatNotices(clock_.Now(), limit));
  std::map<Id, Batch> batches;  // by workspace
  for (ShipmentNoticeRecord& n : due) {
    Batch& batch = batches[n.workspace_id];
    if (!batch.workspace) {
      ASSIGN_OR_RETURN(batch.workspace, tx.GetWorkspace(n.workspace_id));
      ASSIGN_OR_RETURN(batch.settings, tx.shipments().GetNoticeSettings(n.workspace_id));
    }
    RETURN_IF_ERROR(PostChatNotice(tx, batch, n, posted));
  }
  return static_cast<int>(due.size());
}

Status ShipmentNotifier::PostChatNotice(WriteTx& tx, Batch& batch, ShipmentNoticeRecord& n,
                                        std::vector<ChatEffects>* posted) const {
  const Workspace& w = *batch.workspace;
  const Millis now = clock_.Now();
  auto kind = ParseShipmentNotice(n.notice);
  std::optional<domain::Contact> contact;
  if (n.contact_id) {
    auto c = tx.GetContact(w.id, *n.contact_id);
    if (c.ok()) {
      contact = std::move(c).value();
    } else if (c.status().code() != Code::kNotFound) {
      return c.status();
    }
  }
  auto untold = [&](const char* outcome) {
    n.outcome = outcome;
    n.channel.clear();
    n.chat_conversation_id.reset();
    return tx.shipments().UpdateShipmentNoticeDelivery(n);
  };
  if (!contact || !kind) return untold("no_address");
  // Said stop while the notice waited for the morning: as a waiting mail, it is not sent.
  ASSIGN_OR_RETURN(bool out, tx.shipments().IsOptedOut(w.id, contact->id, kShipmentTopic));
  if (out) return untold("opted_out");

  ASSIGN_OR_RETURN(Shipment s, tx.shipments().GetShipment(w.id, n.shipment_id));
  std::optional<TrackingEvent> event;
  if (*kind != ShipmentNotice::kLate) {
    ASSIGN_OR_RETURN(auto events, tx.shipments().ListTrackingEvents(w.id, s.id, kMaxEventsShown));
    for (auto& e : events) {
      if (e.event_id == n.event_key) {
        event = std::move(e);
        break;
      }
    }
  }
  const TrackingEvent* ev = event ? &*event : nullptr;
  std::optional<ChatConversation> conversation;
  ASSIGN_OR_RETURN(bool chat_on, ChatOn(tx, batch));
  if (chat_on) {
    // The newest conversation now: a chat the customer started while the notice waited is
    // the one their widget shows.
    auto latest = tx.chat().LatestConversationOfContact(w.id, contact->id);
    if (latest.ok()) {
      conversation = std::move(latest).value();
    } else if (latest.status().code() != Code::kNotFound) {
      return latest.status();
    }
  }
  if (conversation) {
    ChatEffects fx;
    const std::string text = ShipmentChatText(*kind, n.language, FieldsOf(w, s, *contact, ev));
    ASSIGN_OR_RETURN(ChatPosted p, chat_->PostNotice(tx, w.id, conversation->id, w.name, text,
                                                     "shipment-notice:" + std::to_string(n.id),
                                                     &fx));
    n.chat_conversation_id = p.conversation.id;
    n.chat_seq = p.event.seq;
    if (!fx.empty()) posted->push_back(std::move(fx));
    return tx.shipments().UpdateShipmentNoticeDelivery(n);
  }
  // Chat was switched off (or the conversation went) while the notice waited: e-mail instead.
  n.fallback = chat_on ? "no_conversation" : "chat_off";
  const std::string email = contact->First(domain::Identity::Kind::kEmail);
  if (email.empty()) return untold("no_address");
  ASSIGN_OR_RETURN(auto bounce, tx.GetMailBounce(w.id, AsciiLower(email)));
  if (bounce) return untold("no_address");
  ASSIGN_OR_RETURN(n.outbox_id,
                   QueueMail(tx, batch, s, *contact, email, *kind, ev, n.language, now));
  n.outcome = "mailed";
  n.channel = "email";
  n.chat_conversation_id.reset();
  return tx.shipments().UpdateShipmentNoticeDelivery(n);
}

Result<std::optional<Id>> ShipmentNotifier::OpenOrNoteTicket(
    WriteTx& tx, const ShipmentNoticeSettings& settings, const Shipment& s, ShipmentNotice kind,
    const TrackingEvent* event) const {
  const Id ws = s.workspace_id;
  const Principal system = SystemPrincipal(ws);
  const bool gone = s.status == ShipmentStatus::kLost || s.status == ShipmentStatus::kDamaged;
  const domain::Priority priority = gone ? domain::Priority::kUrgent : domain::Priority::kHigh;
  std::string note = std::string("Carrier event: ") + domain::ShipmentStatusName(s.status) +
                     " — " + s.carrier_name + " " + s.tracking_number;
  const std::string reason = event != nullptr ? event->reason : s.status_reason;
  if (!reason.empty()) note += "\nReason: " + reason;
  if (event != nullptr && !event->place.empty()) note += "\nPlace: " + event->place;
  if (event != nullptr && !event->description.empty()) note += "\n" + event->description;

  ASSIGN_OR_RETURN(std::vector<Id> open, tx.shipments().ListOpenTicketsOfShipment(ws, s.id));
  if (!open.empty()) {
    NewMessage m;
    m.body = note;
    m.is_public = false;
    ASSIGN_OR_RETURN(auto msg, tickets_.AddMessage(tx, system, open[0], m));
    (void)msg;
    ASSIGN_OR_RETURN(domain::Ticket t, tx.GetTicket(ws, open[0]));
    if (static_cast<int>(t.priority) < static_cast<int>(priority)) {
      TicketPatch p;
      p.priority = priority;
      RETURN_IF_ERROR(tickets_.Update(tx, system, t.id, p, std::nullopt).status());
    }
    return std::optional<Id>(open[0]);
  }
  if (!s.contact_id) return std::optional<Id>();  // nobody to open it for
  TicketCreate in;
  in.subject = std::string(kind == ShipmentNotice::kDeliveryFailed ? "Delivery failed"
                                                                   : "Shipment exception") +
               ": " + s.tracking_number + " (" + domain::ShipmentStatusName(s.status) + ")";
  in.message.body = note;
  in.message.is_public = false;
  in.requester.id = s.contact_id;
  in.priority = priority;
  in.type = domain::TicketType::kIncident;
  in.channel = domain::Channel::kApi;
  in.group_id = settings.ticket_group_id;
  in.tags = {"shipment", kind == ShipmentNotice::kDeliveryFailed ? "delivery-failed"
                                                                 : "shipment-exception"};
  ASSIGN_OR_RETURN(domain::Ticket t, tickets_.Create(tx, system, in));
  ASSIGN_OR_RETURN(bool linked, tx.shipments().LinkTicketShipment(ws, t.id, s.id, "auto",
                                                                  clock_.Now()));
  (void)linked;
  return std::optional<Id>(t.id);
}

// ---- settings ----

Result<ShipmentNoticeSettings> ShipmentNotifier::GetSettings(ReadTx& tx,
                                                             const Principal& who) const {
  return tx.shipments().GetNoticeSettings(who.workspace_id);
}

Result<ShipmentNoticeSettings> ShipmentNotifier::UpdateSettings(
    WriteTx& tx, const Principal& who, const json& body, std::optional<int64_t> if_match) const {
  if (!who.is_admin()) return PermissionDenied("only admins may change shipment notices");
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(ShipmentNoticeSettings s, tx.shipments().GetNoticeSettings(who.workspace_id));
  if (if_match && *if_match != s.version) {
    return Aborted("the notice settings changed since version " + std::to_string(*if_match) +
                   "; they are now at version " + std::to_string(s.version))
        .WithKind("precondition-failed");
  }
  const ShipmentNoticeSettings before = s;
  domain::JsonInput in(body);
  domain::OnlyMembers(
      body,
      {"notices", "quiet_from", "quiet_until", "templates", "open_tickets", "ticket_group_id"},
      "the shipment notice settings", &in);
  if (in.Has("notices")) {
    const json& v = body["notices"];
    if (!v.is_array()) {
      in.Error("notices", "must be an array of notice names");
    } else {
      std::vector<std::string> names;
      for (size_t i = 0; i < v.size(); ++i) {
        auto k = v[i].is_string() ? ParseShipmentNotice(v[i].get<std::string>()) : std::nullopt;
        if (!k) {
          in.Error("notices[" + std::to_string(i) + "]",
                   "must be one of out_for_delivery, delivered, delivery_failed, exception, late");
        } else if (std::find(names.begin(), names.end(), ShipmentNoticeName(*k)) == names.end()) {
          names.push_back(ShipmentNoticeName(*k));
        }
      }
      s.notices = names;
    }
  }
  for (auto [key, out] : {std::pair<const char*, std::string*>{"quiet_from", &s.quiet_from},
                          std::pair<const char*, std::string*>{"quiet_until", &s.quiet_until}}) {
    std::string v;
    if (in.Str(key, &v, false, 10)) {
      if (!MinuteOfDay(v)) {
        in.Error(key, "must be a time like 21:00");
      } else {
        *out = v;
      }
    }
  }
  if (in.Has("templates")) {
    const json& t = body["templates"];
    bool ok = t.is_object();
    for (auto kind = t.begin(); ok && kind != t.end(); ++kind) {
      if (!ParseShipmentNotice(kind.key()) || !kind.value().is_object()) {
        ok = false;
        break;
      }
      for (auto lang = kind.value().begin(); ok && lang != kind.value().end(); ++lang) {
        const json& x = lang.value();
        ok = (lang.key() == "en" || lang.key() == "hi" || lang.key() == "kn") && x.is_object() &&
             x.contains("subject") && x["subject"].is_string() && x.contains("body") &&
             x["body"].is_string();
      }
    }
    const std::string dumped = ok ? ToNfc(t.dump()) : "";
    if (!ok) {
      in.Error("templates",
               "must be {notice: {en|hi|kn: {subject, body}}} with notices out_for_delivery, "
               "delivered, delivery_failed, exception or late");
    } else if (dumped.size() > kMaxTemplatesBytes) {
      in.Error("templates", "is larger than 64 KiB");
    } else {
      s.templates = dumped;
    }
  }
  if (in.Has("open_tickets")) {
    if (!body["open_tickets"].is_boolean()) {
      in.Error("open_tickets", "must be true or false");
    } else {
      s.open_tickets = body["open_tickets"].get<bool>();
    }
  }
  if (in.Has("ticket_group_id")) {
    if (in.IsNull("ticket_group_id")) {
      s.ticket_group_id.reset();
    } else {
      int64_t g = 0;
      if (in.Int("ticket_group_id", &g)) {
        auto group = tx.GetGroup(who.workspace_id, g);
        if (!group.ok()) {
          if (group.status().code() != Code::kNotFound) return group.status();
          in.Error("ticket_group_id", "is not a group of this workspace");
        } else {
          s.ticket_group_id = g;
        }
      }
    }
  }
  RETURN_IF_ERROR(in.status());
  s.workspace_id = who.workspace_id;
  s.updated_at = clock_.Now();
  s.version = before.version + 1;
  RETURN_IF_ERROR(tx.shipments().PutNoticeSettings(s));
  json changes = json::object();
  DiffField(&changes, "notices", before.notices, s.notices);
  DiffField(&changes, "quiet_from", before.quiet_from, s.quiet_from);
  DiffField(&changes, "quiet_until", before.quiet_until, s.quiet_until);
  DiffField(&changes, "templates", before.templates != s.templates ? "…" : "", "");
  DiffField(&changes, "open_tickets", before.open_tickets, s.open_tickets);
  DiffField(&changes, "ticket_group_id",
            before.ticket_group_id ? json(*before.ticket_group_id) : json(nullptr),
            s.ticket_group_id ? json(*s.ticket_group_id) : json(nullptr));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "shipment_notices.updated",
                               "workspace", who.workspace_id, changes, s.updated_at));
  return s;
}

Result<std::vector<ShipmentNoticeRecord>> ShipmentNotifier::Notices(ReadTx& tx,
                                                                    const Principal& who,
                                                                    Id shipment_id) const {
  RETURN_IF_ERROR(tx.shipments().GetShipment(who.workspace_id, shipment_id).status());
  return tx.shipments().ListShipmentNotices(who.workspace_id, shipment_id);
}

// ---- opting out ----

namespace {

// Notices already queued (waiting out quiet hours, or retrying) are not sent after the
// customer said stop: they become dead letters saying why.
Status CancelQueuedNotices(WriteTx& tx, Id ws, Id contact_id, Millis now) {
  ASSIGN_OR_RETURN(std::vector<Id> queued, tx.shipments().ListQueuedNoticeMail(ws, contact_id));
  for (Id id : queued) {
    RETURN_IF_ERROR(tx.MarkMailOutboxDead(id, "not sent: the customer opted out of shipment updates",
                                          now));
  }
  return Status::Ok();
}

}  // namespace

Result<bool> ShipmentNotifier::OptedOut(ReadTx& tx, const Principal& who, Id contact_id) const {
  RETURN_IF_ERROR(tx.GetContact(who.workspace_id, contact_id).status());
  return tx.shipments().IsOptedOut(who.workspace_id, contact_id, kShipmentTopic);
}

Status ShipmentNotifier::SetOptedOut(WriteTx& tx, const Principal& who, Id contact_id,
                                     bool opted_out) const {
  RETURN_IF_ERROR(tx.GetContact(who.workspace_id, contact_id).status());
  ASSIGN_OR_RETURN(bool was, tx.shipments().IsOptedOut(who.workspace_id, contact_id,
                                                       kShipmentTopic));
  if (was == opted_out) return Status::Ok();
  const Millis now = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().SetOptOut(who.workspace_id, contact_id, kShipmentTopic,
                                           opted_out, now));
  if (opted_out) RETURN_IF_ERROR(CancelQueuedNotices(tx, who.workspace_id, contact_id, now));
  return RecordChange(tx, who.workspace_id, who.actor(), "contact.shipment_updates", "contact",
                      contact_id, {{"shipment_updates", {was ? "off" : "on", opted_out ? "off" : "on"}}},
                      now);
}

std::string ShipmentNotifier::OptOutToken(Id ws, Id contact_id) const {
  const std::string what = std::to_string(ws) + "." + std::to_string(contact_id);
  return what + "." + HmacSha256Hex(secret_key_, "notice-opt-out\n" + what).substr(0, 32);
}

Result<std::pair<Id, Id>> ShipmentNotifier::ReadOptOutToken(std::string_view token) const {
  auto refuse = [] { return NotFound("this link is not valid"); };
  const size_t a = token.find('.');
  const size_t b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (b == std::string_view::npos || token.size() > 100) return refuse();
  Id ws = 0, contact = 0;
  auto r1 = std::from_chars(token.data(), token.data() + a, ws);
  auto r2 = std::from_chars(token.data() + a + 1, token.data() + b, contact);
  if (r1.ec != std::errc() || r1.ptr != token.data() + a || r2.ec != std::errc() ||
      r2.ptr != token.data() + b || ws <= 0 || contact <= 0) {
    return refuse();
  }
  if (!SecureEquals(token, OptOutToken(ws, contact))) return refuse();
  return std::make_pair(ws, contact);
}

Status ShipmentNotifier::OptOutByToken(WriteTx& tx, std::string_view token) const {
  ASSIGN_OR_RETURN(auto who, ReadOptOutToken(token));
  auto contact = tx.GetContact(who.first, who.second);
  if (!contact.ok()) {
    return contact.status().code() == Code::kNotFound ? NotFound("this link is not valid")
                                                      : contact.status();
  }
  ASSIGN_OR_RETURN(bool was, tx.shipments().IsOptedOut(who.first, who.second, kShipmentTopic));
  if (was) return Status::Ok();
  const Millis now = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().SetOptOut(who.first, who.second, kShipmentTopic, true, now));
  RETURN_IF_ERROR(CancelQueuedNotices(tx, who.first, who.second, now));
  domain::Actor actor{domain::Actor::Kind::kContact, who.second, contact->name, "", ""};
  return RecordChange(tx, who.first, actor, "contact.shipment_updates", "contact", who.second,
                      {{"shipment_updates", {"on", "off"}}}, now);
}

}  // namespace sahayak::services
