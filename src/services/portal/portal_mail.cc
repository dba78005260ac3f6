// The sign-in mail (portal_service.h): queued in mail_outbox as a notification, in the
// customer's language, through the workspace's first mailbox that can send.
#include "base/text.h"
#include "services/mail/outbound_service.h"
#include "services/portal/portal_service.h"

namespace sahayak::services {

namespace {

std::string ReplaceAll(std::string s, std::string_view what, const std::string& with) {
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
  return s;
}

std::string Fill(std::string text, std::string_view name, std::string_view workspace,
                 std::string_view link, int minutes) {
  text = ReplaceAll(std::move(text), "{name}", std::string(name));
  text = ReplaceAll(std::move(text), "{workspace}", std::string(workspace));
  text = ReplaceAll(std::move(text), "{link}", std::string(link));
  return ReplaceAll(std::move(text), "{minutes}", std::to_string(minutes));
}

}  // namespace

PortalMailText SignInMailText(std::string_view lang, std::string_view name,
                              std::string_view workspace, std::string_view link, int minutes) {
  std::string subject, body;
  const std::string primary = AsciiLower(lang.substr(0, lang.find('-')));
  if (primary == "hi") {
    subject = "{workspace} पोर्टल में साइन इन करें";
    body =
        "नमस्ते {name},\n\n{workspace} के ग्राहक पोर्टल में साइन इन करने के लिए यह लिंक खोलें:\n\n"
        "{link}\n\nयह लिंक {minutes} मिनट तक और केवल एक बार काम करता है। अगर आपने यह नहीं "
        "माँगा था, तो इस मेल को अनदेखा करें।\n";
  } else if (primary == "kn") {
    subject = "{workspace} ಪೋರ್ಟಲ್‌ಗೆ ಸೈನ್ ಇನ್ ಮಾಡಿ";
    body =
        "ನಮಸ್ಕಾರ {name},\n\n{workspace} ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ಗೆ ಸೈನ್ ಇನ್ ಮಾಡಲು ಈ ಲಿಂಕ್ "
        "ತೆರೆಯಿರಿ:\n\n"
        "{link}\n\nಈ ಲಿಂಕ್ {minutes} ನಿಮಿಷಗಳವರೆಗೆ ಮತ್ತು ಒಂದೇ ಬಾರಿ ಕೆಲಸ ಮಾಡುತ್ತದೆ. ನೀವು ಇದನ್ನು "
        "ಕೇಳಿರದಿದ್ದರೆ, ಈ ಮೇಲ್ ಅನ್ನು ನಿರ್ಲಕ್ಷಿಸಿ.\n";
  } else {
    subject = "Sign in to the {workspace} portal";
    body =
        "Hello {name},\n\nOpen this link to sign in to the {workspace} customer portal:\n\n"
        "{link}\n\nThe link works once, for {minutes} minutes. If you did not ask for it, "
        "ignore this mail.\n";
  }
  return {Fill(subject, name, workspace, link, minutes),
          Fill(body, name, workspace, link, minutes)};
}

Status PortalService::QueueSignInMail(WriteTx& tx, Id ws, const domain::Contact& contact,
                                      const std::string& email, std::string_view link_base,
                                      std::string_view lang, std::string_view purpose) {
  const Millis now = clock_.Now();
  const std::string token = RandomToken(32);
  PortalSignInToken t;
  t.token_hash = Sha256Hex(token);
  t.workspace_id = ws;
  t.contact_id = contact.id;
  t.purpose = std::string(purpose);
  t.created_at = now;
  t.expires_at = now + options_.link_ttl_ms;
  RETURN_IF_ERROR(tx.portal().InsertPortalSignInToken(t));

  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  ASSIGN_OR_RETURN(std::vector<domain::Mailbox> boxes, tx.ListMailboxes(ws));
  std::optional<domain::Mailbox> box;
  for (const auto& b : boxes) {
    if (b.enabled && !b.smtp_host.empty()) {
      box = b;
      break;
    }
  }
  if (!box && !boxes.empty()) box = boxes.front();

  std::string base(link_base);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string link = base + "/portal/sign-in/" + token;
  const std::string language = contact.language.empty() ? std::string(lang) : contact.language;
  const PortalMailText text = SignInMailText(language, contact.name, w.name, link,
                                             static_cast<int>(options_.link_ttl_ms / 60000));
  QueuedMail q;
  q.mail.to.push_back({contact.name, email});
  q.mail.subject = text.subject;
  q.mail.text = text.body;
  q.mail.auto_submitted = "auto-generated";
  if (box) AddressFromMailbox(*box, &q);
  q.mail.message_id = NewMessageId(box ? box->address : "");
  q.mail.date = now;

  domain::MailOutboxItem item;
  item.workspace_id = ws;
  if (box) item.mailbox_id = box->id;
  item.kind = "notification";
  item.message_id = q.mail.message_id;
  item.to_email = email;
  item.payload = EncodeQueuedMail(q);
  item.next_attempt_at = now;
  item.created_at = item.updated_at = now;
  return tx.InsertMailOutbox(&item);
}

}  // namespace sahayak::services
