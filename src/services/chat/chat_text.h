#pragma once

#include <string>
#include <string_view>

// The words live chat writes where people read them (docs/chat.md), in en, hi and kn; any
// other language gets English. The subject of a chat's ticket is read by agents, so it is in
// the workspace's language; the name of a visitor who gave none is shown to both sides.
namespace sahayak::services::chat_text {

// "Chat with Asha Rao" / "Asha Rao के साथ चैट" / "Asha Rao ಜೊತೆ ಚಾಟ್".
std::string TicketSubject(std::string_view language, std::string_view visitor_name);
// "Message from Asha Rao (chat offline)": a message left while the team was offline.
std::string OfflineSubject(std::string_view language, std::string_view visitor_name);
// The name of a visitor who did not give one: "Visitor" / "आगंतुक" / "ಸಂದರ್ಶಕ".
std::string VisitorName(std::string_view language);

}  // namespace sahayak::services::chat_text
