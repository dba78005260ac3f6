// The text of shipment notifications (notification_text.h): the workspace's template for the
// kind and language, else the built-in one, with the placeholders filled and the lines of
// empty values left out.
#include "services/shipments/notification_text.h"

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/text.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<ShipmentNotice, const char*>, 5> kNotices = {{
    {ShipmentNotice::kOutForDelivery, "out_for_delivery"},
    {ShipmentNotice::kDelivered, "delivered"},
    {ShipmentNotice::kDeliveryFailed, "delivery_failed"},
    {ShipmentNotice::kException, "exception"},
    {ShipmentNotice::kLate, "late"},
}};

// The domain's status names (domain::kShipmentStatusNames), in the order of `statuses` below.
constexpr std::array<const char*, 9> kStatusNames = {
    "booked",          "picked_up",          "in_transit", "out_for_delivery", "delivered",
    "delivery_failed", "returned_to_origin", "lost",       "damaged"};

struct KindText {
  const char* subject;
  const char* what;    // what happened, then the optional lines of its details
  const char* advice;  // what it means and what the customer can do
};

// One language's built-in texts, NFC UTF-8. A body is the greeting, `what`, `advice` with the
// tracking line under it, the sign-off and the opt-out line, a blank line between each.
struct BuiltIn {
  const char* language;
  const char* greeting;
  std::array<KindText, 5> kinds;  // in kNotices order
  const char* track_line;
  const char* sign_off;
  const char* opt_out_line;
  std::array<const char*, 12> months;
  std::array<const char*, 9> statuses;  // in kStatusNames order
  // `advice` for a chat message (ShipmentChatText): "write to us here", not "reply to this
  // e-mail"; in kNotices order.
  std::array<const char*, 5> chat_advice;
};

const BuiltIn kBuiltIns[] = {
    {"en",
     "Hello {{customer.name}},",
     {{
         {"Your parcel {{shipment.tracking_number}} is out for delivery",
          "Your {{carrier.name}} parcel {{shipment.tracking_number}} is out for delivery today.\n"
          "Current location: {{shipment.place}}",
          "Please keep your phone nearby so that the delivery agent can reach you if needed."},
         {"Your parcel {{shipment.tracking_number}} has been delivered",
          "Your {{carrier.name}} parcel {{shipment.tracking_number}} has been delivered.\n"
          "Delivered at: {{shipment.place}}",
          "If you have not received it, please reply to this e-mail and we will look into it "
          "right away."},
         {"We could not deliver your parcel {{shipment.tracking_number}}",
          "We tried to deliver your {{carrier.name}} parcel {{shipment.tracking_number}}, but "
          "the delivery could not be completed.\n"
          "Reason: {{shipment.reason}}\n"
          "Location: {{shipment.place}}",
          "We will try again on the next working day. If you would like a different day or "
          "time, just reply to this e-mail."},
         {"Important update about your parcel {{shipment.tracking_number}}",
          "We are sorry: there is a problem with your {{carrier.name}} parcel "
          "{{shipment.tracking_number}}.\n"
          "Status: {{shipment.status}}\n"
          "Reason: {{shipment.reason}}\n"
          "Last known location: {{shipment.place}}",
          "We are looking into it, and a member of our team will contact you soon. You can "
          "also reply to this e-mail at any time."},
         {"Your parcel {{shipment.tracking_number}} is delayed",
          "We are sorry: your {{carrier.name}} parcel {{shipment.tracking_number}} is running "
          "late.\n"
          "Promised delivery date: {{shipment.promised_date}}\n"
          "New expected delivery date: {{shipment.eta}}\n"
          "Current location: {{shipment.place}}",
          "We are doing our best to deliver it as soon as possible. If you have any questions, "
          "just reply to this e-mail."},
     }},
     "Track your parcel: {{shipment.tracking_url}}",
     "Regards,\nTeam {{business.name}}",
     "Stop these updates: {{opt_out_url}}",
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     {"booked", "picked up", "in transit", "out for delivery", "delivered", "delivery failed",
      "returned to sender", "lost", "damaged"},
     {"Please keep your phone nearby so that the delivery agent can reach you if needed.",
      "If you have not received it, write to us here and we will look into it right away.",
      "We will try again on the next working day. If you would like a different day or time, "
      "just write to us here.",
      "We are looking into it, and a member of our team will contact you soon. You can also "
      "write to us here at any time.",
      "We are doing our best to deliver it as soon as possible. If you have any questions, just "
      "write to us here."}},
    {"hi",
     "नमस्ते {{customer.name}},",
     {{
         {"आपका पार्सल {{shipment.tracking_number}} डिलीवरी के लिए निकल चुका है",
          "आपका {{carrier.name}} पार्सल {{shipment.tracking_number}} आज डिलीवरी के लिए निकल "
          "चुका है।\n"
          "वर्तमान स्थान: {{shipment.place}}",
          "कृपया अपना फ़ोन पास रखें, ताकि ज़रूरत पड़ने पर डिलीवरी एजेंट आपसे संपर्क कर सकें।"},
         {"आपका पार्सल {{shipment.tracking_number}} डिलीवर हो गया है",
          "आपका {{carrier.name}} पार्सल {{shipment.tracking_number}} डिलीवर हो गया है।\n"
          "डिलीवरी का स्थान: {{shipment.place}}",
          "अगर आपको पार्सल नहीं मिला है, तो कृपया इस ई-मेल का उत्तर दें। हम तुरंत इसकी जाँच "
          "करेंगे।"},
         {"आपका पार्सल {{shipment.tracking_number}} डिलीवर नहीं हो सका",
          "हमने आपका {{carrier.name}} पार्सल {{shipment.tracking_number}} डिलीवर करने की "
          "कोशिश की, लेकिन डिलीवरी पूरी नहीं हो सकी।\n"
          "कारण: {{shipment.reason}}\n"
          "स्थान: {{shipment.place}}",
          "हम अगले कार्य दिवस पर फिर से डिलीवरी की कोशिश करेंगे। अगर आप कोई दूसरा दिन या "
          "समय चाहते हैं, तो बस इस ई-मेल का उत्तर दें।"},
         {"आपके पार्सल {{shipment.tracking_number}} के बारे में ज़रूरी सूचना",
          "हमें खेद है, आपके {{carrier.name}} पार्सल {{shipment.tracking_number}} के साथ एक "
          "समस्या आई है।\n"
          "स्थिति: {{shipment.status}}\n"
          "कारण: {{shipment.reason}}\n"
          "अंतिम ज्ञात स्थान: {{shipment.place}}",
          "हम इसकी जाँच कर रहे हैं और हमारी टीम का कोई सदस्य जल्द ही आपसे संपर्क करेगा। आप "
          "कभी भी इस ई-मेल का उत्तर भी दे सकते हैं।"},
         {"आपके पार्सल {{shipment.tracking_number}} की डिलीवरी में देरी",
          "हमें खेद है, आपके {{carrier.name}} पार्सल {{shipment.tracking_number}} की डिलीवरी "
          "में देरी हो रही है।\n"
          "डिलीवरी की तय तारीख़: {{shipment.promised_date}}\n"
          "नई अनुमानित डिलीवरी तारीख़: {{shipment.eta}}\n"
          "वर्तमान स्थान: {{shipment.place}}",
          "हम इसे जल्द से जल्द आप तक पहुँचाने की पूरी कोशिश कर रहे हैं। कोई सवाल हो, तो बस "
          "इस ई-मेल का उत्तर दें।"},
     }},
     "अपना पार्सल ट्रैक करें: {{shipment.tracking_url}}",
     "धन्यवाद,\nटीम {{business.name}}",
     "ये अपडेट बंद करने के लिए: {{opt_out_url}}",
     {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर",
      "नवंबर", "दिसंबर"},
     {"बुक हो गया", "पिकअप हो गया", "रास्ते में है", "डिलीवरी के लिए निकल चुका है",
      "डिलीवर हो गया", "डिलीवरी नहीं हो सकी", "भेजने वाले को वापस भेज दिया गया", "खो गया",
      "क्षतिग्रस्त हो गया"},
     {"कृपया अपना फ़ोन पास रखें, ताकि ज़रूरत पड़ने पर डिलीवरी एजेंट आपसे संपर्क कर सकें।",
      "अगर आपको पार्सल नहीं मिला है, तो हमें यहीं लिखें। हम तुरंत इसकी जाँच करेंगे।",
      "हम अगले कार्य दिवस पर फिर से डिलीवरी की कोशिश करेंगे। अगर आप कोई दूसरा दिन या "
      "समय चाहते हैं, तो बस हमें यहीं लिखें।",
      "हम इसकी जाँच कर रहे हैं और हमारी टीम का कोई सदस्य जल्द ही आपसे संपर्क करेगा। आप "
      "कभी भी हमें यहीं लिख सकते हैं।",
      "हम इसे जल्द से जल्द आप तक पहुँचाने की पूरी कोशिश कर रहे हैं। कोई सवाल हो, तो बस "
      "हमें यहीं लिखें।"}},
    {"kn",
     "ನಮಸ್ಕಾರ {{customer.name}},",
     {{
         {"ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ",
          "ನಿಮ್ಮ {{carrier.name}} ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಇಂದು ಡೆಲಿವರಿಗೆ "
          "ಹೊರಟಿದೆ.\n"
          "ಪ್ರಸ್ತುತ ಸ್ಥಳ: {{shipment.place}}",
          "ದಯವಿಟ್ಟು ನಿಮ್ಮ ಫೋನ್ ಹತ್ತಿರದಲ್ಲೇ ಇಟ್ಟುಕೊಳ್ಳಿ; ಅಗತ್ಯವಿದ್ದರೆ ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ ನಿಮಗೆ "
          "ಕರೆ ಮಾಡುತ್ತಾರೆ."},
         {"ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿ ಆಗಿದೆ",
          "ನಿಮ್ಮ {{carrier.name}} ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿ ಆಗಿದೆ.\n"
          "ಡೆಲಿವರಿ ಆದ ಸ್ಥಳ: {{shipment.place}}",
          "ನಿಮಗೆ ಪಾರ್ಸೆಲ್ ಸಿಗದಿದ್ದರೆ, ದಯವಿಟ್ಟು ಈ ಇ-ಮೇಲ್‌ಗೆ ಉತ್ತರಿಸಿ. ನಾವು ತಕ್ಷಣ "
          "ಪರಿಶೀಲಿಸುತ್ತೇವೆ."},
         {"ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿ ಆಗಲಿಲ್ಲ",
          "ನಿಮ್ಮ {{carrier.name}} ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ತಲುಪಿಸಲು ನಾವು "
          "ಪ್ರಯತ್ನಿಸಿದೆವು, ಆದರೆ ಡೆಲಿವರಿ ಪೂರ್ಣಗೊಳ್ಳಲಿಲ್ಲ.\n"
          "ಕಾರಣ: {{shipment.reason}}\n"
          "ಸ್ಥಳ: {{shipment.place}}",
          "ಮುಂದಿನ ಕೆಲಸದ ದಿನ ನಾವು ಮತ್ತೆ ಪ್ರಯತ್ನಿಸುತ್ತೇವೆ. ಬೇರೆ ದಿನ ಅಥವಾ ಸಮಯ ಬೇಕಿದ್ದರೆ, ಈ "
          "ಇ-ಮೇಲ್‌ಗೆ ಉತ್ತರಿಸಿ."},
         {"ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಕುರಿತು ಪ್ರಮುಖ ಮಾಹಿತಿ",
          "ಕ್ಷಮಿಸಿ, ನಿಮ್ಮ {{carrier.name}} ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಕುರಿತು ಒಂದು "
          "ಸಮಸ್ಯೆ ಎದುರಾಗಿದೆ.\n"
          "ಸ್ಥಿತಿ: {{shipment.status}}\n"
          "ಕಾರಣ: {{shipment.reason}}\n"
          "ಕೊನೆಯದಾಗಿ ತಿಳಿದ ಸ್ಥಳ: {{shipment.place}}",
          "ನಾವು ಇದನ್ನು ಪರಿಶೀಲಿಸುತ್ತಿದ್ದೇವೆ; ನಮ್ಮ ತಂಡದವರೊಬ್ಬರು ಶೀಘ್ರದಲ್ಲೇ ನಿಮ್ಮನ್ನು "
          "ಸಂಪರ್ಕಿಸುತ್ತಾರೆ. ನೀವು ಯಾವಾಗ ಬೇಕಾದರೂ ಈ ಇ-ಮೇಲ್‌ಗೆ ಉತ್ತರಿಸಬಹುದು."},
         {"ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿ ತಡವಾಗಿದೆ",
          "ಕ್ಷಮಿಸಿ, ನಿಮ್ಮ {{carrier.name}} ಪಾರ್ಸೆಲ್ {{shipment.tracking_number}} ಡೆಲಿವರಿ "
          "ತಡವಾಗುತ್ತಿದೆ.\n"
          "ನಿಗದಿತ ಡೆಲಿವರಿ ದಿನಾಂಕ: {{shipment.promised_date}}\n"
          "ಹೊಸ ಅಂದಾಜು ಡೆಲಿವರಿ ದಿನಾಂಕ: {{shipment.eta}}\n"
          "ಪ್ರಸ್ತುತ ಸ್ಥಳ: {{shipment.place}}",
          "ಆದಷ್ಟು ಬೇಗ ನಿಮಗೆ ತಲುಪಿಸಲು ನಾವು ಪ್ರಯತ್ನಿಸುತ್ತಿದ್ದೇವೆ. ಏನಾದರೂ ಪ್ರಶ್ನೆ ಇದ್ದರೆ, ಈ "
          "ಇ-ಮೇಲ್‌ಗೆ ಉತ್ತರಿಸಿ."},
     }},
     "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡಿ: {{shipment.tracking_url}}",
     "ಧನ್ಯವಾದಗಳು,\n{{business.name}} ತಂಡ",
     "ಈ ಅಪ್‌ಡೇಟ್‌ಗಳನ್ನು ನಿಲ್ಲಿಸಲು: {{opt_out_url}}",
     {"ಜನವರಿ", "ಫೆಬ್ರವರಿ", "ಮಾರ್ಚ್", "ಏಪ್ರಿಲ್", "ಮೇ", "ಜೂನ್", "ಜುಲೈ", "ಆಗಸ್ಟ್", "ಸೆಪ್ಟೆಂಬರ್",
      "ಅಕ್ಟೋಬರ್", "ನವೆಂಬರ್", "ಡಿಸೆಂಬರ್"},
     {"ಬುಕ್ ಆಗಿದೆ", "ಪಿಕಪ್ ಆಗಿದೆ", "ದಾರಿಯಲ್ಲಿದೆ", "ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ", "ಡೆಲಿವರಿ ಆಗಿದೆ",
      "ಡೆಲಿವರಿ ಆಗಲಿಲ್ಲ", "ಕಳುಹಿಸಿದವರಿಗೆ ಹಿಂದಿರುಗಿಸಲಾಗಿದೆ", "ಕಳೆದುಹೋಗಿದೆ", "ಹಾನಿಯಾಗಿದೆ"},
     {"ದಯವಿಟ್ಟು ನಿಮ್ಮ ಫೋನ್ ಹತ್ತಿರದಲ್ಲೇ ಇಟ್ಟುಕೊಳ್ಳಿ; ಅಗತ್ಯವಿದ್ದರೆ ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ ನಿಮಗೆ "
      "ಕರೆ ಮಾಡುತ್ತಾರೆ.",
      "ನಿಮಗೆ ಪಾರ್ಸೆಲ್ ಸಿಗದಿದ್ದರೆ, ದಯವಿಟ್ಟು ಇಲ್ಲೇ ನಮಗೆ ಬರೆಯಿರಿ. ನಾವು ತಕ್ಷಣ ಪರಿಶೀಲಿಸುತ್ತೇವೆ.",
      "ಮುಂದಿನ ಕೆಲಸದ ದಿನ ನಾವು ಮತ್ತೆ ಪ್ರಯತ್ನಿಸುತ್ತೇವೆ. ಬೇರೆ ದಿನ ಅಥವಾ ಸಮಯ ಬೇಕಿದ್ದರೆ, ಇಲ್ಲೇ "
      "ನಮಗೆ ಬರೆಯಿರಿ.",
      "ನಾವು ಇದನ್ನು ಪರಿಶೀಲಿಸುತ್ತಿದ್ದೇವೆ; ನಮ್ಮ ತಂಡದವರೊಬ್ಬರು ಶೀಘ್ರದಲ್ಲೇ ನಿಮ್ಮನ್ನು "
      "ಸಂಪರ್ಕಿಸುತ್ತಾರೆ. ನೀವು ಯಾವಾಗ ಬೇಕಾದರೂ ಇಲ್ಲೇ ನಮಗೆ ಬರೆಯಬಹುದು.",
      "ಆದಷ್ಟು ಬೇಗ ನಿಮಗೆ ತಲುಪಿಸಲು ನಾವು ಪ್ರಯತ್ನಿಸುತ್ತಿದ್ದೇವೆ. ಏನಾದರೂ ಪ್ರಶ್ನೆ ಇದ್ದರೆ, ಇಲ್ಲೇ "
      "ನಮಗೆ ಬರೆಯಿರಿ."}},
};

// "hi" from "hi-IN", "HI" …
std::string BaseLanguage(std::string_view tag) {
  std::string l = AsciiLower(Trim(tag));
  const size_t cut = l.find_first_of("-_");
  return cut == std::string::npos ? l : l.substr(0, cut);
}

// The built-in texts of a base language; English for any other.
const BuiltIn& BuiltInFor(std::string_view base_language) {
  for (const BuiltIn& b : kBuiltIns) {
    if (base_language == b.language) return b;
  }
  return kBuiltIns[0];
}

size_t NoticeIndex(ShipmentNotice k) {
  for (size_t i = 0; i < kNotices.size(); ++i) {
    if (kNotices[i].first == k) return i;
  }
  return 0;
}

std::string BuiltInBody(const BuiltIn& b, ShipmentNotice kind) {
  const KindText& k = b.kinds[NoticeIndex(kind)];
  return std::string(b.greeting) + "\n\n" + k.what + "\n\n" + k.advice + "\n" + b.track_line +
         "\n\n" + b.sign_off + "\n\n" + b.opt_out_line;
}

bool IsBlank(std::string_view s) {
  return Trim(s).empty();
}

struct Value {
  std::string_view key;
  std::string text;
  // In a body, a line holding this placeholder goes when the value is blank: a label with
  // nothing after it ("Reason:") tells the customer nothing.
  bool line_goes_when_blank;
};

struct Placeholder {
  std::string_view key;
  size_t length = 0;
};

// The placeholder "{{key}}" or "{{ key }}" starting at s[i], if one does.
std::optional<Placeholder> PlaceholderAt(std::string_view s, size_t i) {
  if (s.compare(i, 2, "{{") != 0) return std::nullopt;
  size_t j = i + 2;
  while (j < s.size() && s[j] == ' ') ++j;
  const size_t start = j;
  while (j < s.size() &&
         (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '_')) {
    ++j;
  }
  const std::string_view key = s.substr(start, j - start);
  while (j < s.size() && s[j] == ' ') ++j;
  if (key.empty() || s.compare(j, 2, "}}") != 0) return std::nullopt;
  return Placeholder{key, j + 2 - i};
}

const Value* Find(const std::vector<Value>& values, std::string_view key) {
  for (const Value& v : values) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

bool LineGoes(std::string_view line, const std::vector<Value>& values) {
  for (size_t i = line.find("{{"); i != std::string_view::npos; i = line.find("{{", i + 1)) {
    if (auto p = PlaceholderAt(line, i)) {
      const Value* v = Find(values, p->key);
      if (v != nullptr && v->line_goes_when_blank && IsBlank(v->text)) return true;
    }
  }
  return false;
}

// One pass over the template only, so a value that contains "{{…}}" is left as typed.
std::string Fill(std::string_view s, const std::vector<Value>& values) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto p = PlaceholderAt(s, i);
    const Value* v = p ? Find(values, p->key) : nullptr;
    if (v == nullptr) {
      out.push_back(s[i++]);
      continue;
    }
    if (!IsBlank(v->text)) {
      out += v->text;
    } else if (v->key == "customer.name" && !out.empty() && out.back() == ' ') {
      out.pop_back();  // "Hello {{customer.name}}," → "Hello,"
    }
    i += p->length;
  }
  return out;
}

// Fills a body line by line, leaving out the lines of blank values and the blank lines that
// leaves doubled (or at either end); blank lines the template doubled itself stay.
std::string FillBody(std::string_view body, const std::vector<Value>& values) {
  std::vector<std::string> kept;
  bool last_kept_blank = true;  // at the start: a blank line after a dropped one goes too
  bool dropped = false;         // since the last line kept
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    start = end + 1;
    if (LineGoes(line, values)) {
      dropped = true;
      continue;
    }
    const bool blank = IsBlank(line);
    if (blank && dropped && last_kept_blank) continue;
    kept.push_back(Fill(line, values));
    last_kept_blank = blank;
    dropped = false;
  }
  if (dropped && !kept.empty() && last_kept_blank) kept.pop_back();
  std::string out;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += kept[i];
  }
  return out;
}

// Line breaks and tabs, runs of them included, become one space: a subject is one line.
std::string OneLine(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' || s[i] == '\n' || s[i] == '\t') {
      while (i + 1 < s.size() && (s[i + 1] == '\r' || s[i + 1] == '\n' || s[i + 1] == '\t')) {
        ++i;
      }
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return Trim(out);
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// The placeholders' values for `f` in base language `lang`.
std::vector<Value> ValuesOf(const ShipmentNoticeFields& f, const std::string& lang) {
  return {
      {"customer.name", f.customer_name, false},
      {"carrier.name", IsBlank(f.carrier_name) ? f.business_name : f.carrier_name, false},
      {"shipment.tracking_number", f.tracking_number, false},
      {"shipment.status", IsBlank(f.status) ? "" : StatusInWords(f.status, lang), true},
      {"shipment.reason", f.reason, true},
      {"shipment.place", f.place, true},
      {"shipment.eta", DateInWords(f.eta, lang), true},
      {"shipment.promised_date", DateInWords(f.promised_date, lang), true},
      {"shipment.tracking_url", f.tracking_url, true},
      {"opt_out_url", f.opt_out_url, false},
      {"business.name", f.business_name, true},
  };
}

}  // namespace

const char* ShipmentNoticeName(ShipmentNotice k) {
  return kNotices[NoticeIndex(k)].second;
}

std::optional<ShipmentNotice> ParseShipmentNotice(std::string_view name) {
  for (const auto& [kind, n] : kNotices) {
    if (name == n) return kind;
  }
  return std::nullopt;
}

std::string StatusInWords(std::string_view status, std::string_view language) {
  const BuiltIn& b = BuiltInFor(BaseLanguage(language));
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (status == kStatusNames[i]) return b.statuses[i];
  }
  return std::string(status);
}

std::string DateInWords(std::string_view date, std::string_view language) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !AllDigits(date.substr(0, 4)) ||
      !AllDigits(date.substr(5, 2)) || !AllDigits(date.substr(8, 2))) {
    return std::string(date);
  }
  const int year = std::stoi(std::string(date.substr(0, 4)));
  const int month = std::stoi(std::string(date.substr(5, 2)));
  const int day = std::stoi(std::string(date.substr(8, 2)));
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12) return std::string(date);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) return std::string(date);
  const BuiltIn& b = BuiltInFor(BaseLanguage(language));
  return std::to_string(day) + " " + b.months[month - 1] + " " + std::string(date.substr(0, 4));
}

NoticeText ShipmentNoticeText(std::string_view templates_json, ShipmentNotice kind,
                              std::string_view language, const ShipmentNoticeFields& f) {
  const std::string lang = BaseLanguage(language);
  const BuiltIn& built_in = BuiltInFor(lang);
  std::string subject = built_in.kinds[NoticeIndex(kind)].subject;
  std::string body = BuiltInBody(built_in, kind);

  json t = json::parse(templates_json, nullptr, /*allow_exceptions=*/false);
  if (t.is_object()) {
    const auto k = t.find(ShipmentNoticeName(kind));
    if (k != t.end() && k->is_object()) {
      for (const std::string& key : {Trim(language), lang}) {
        const auto e = k->find(key);
        if (e == k->end() || !e->is_object()) continue;
        const auto s = e->find("subject");
        if (s != e->end() && s->is_string() && !IsBlank(s->get_ref<const std::string&>())) {
          subject = s->get<std::string>();
        }
        const auto b = e->find("body");
        if (b != e->end() && b->is_string() && !IsBlank(b->get_ref<const std::string&>())) {
          body = b->get<std::string>();
        }
        break;
      }
    }
  }

  const std::vector<Value> values = ValuesOf(f, lang);
  NoticeText out;
  // A line break in the subject would be refused when composing the mail.
  out.subject = OneLine(Fill(subject, values));
  out.body = FillBody(body, values);
  // The customer can always stop these mails, even when a template forgot the link.
  if (!IsBlank(f.opt_out_url) && out.body.find(f.opt_out_url) == std::string::npos) {
    out.body += "\n\n" + Fill(built_in.opt_out_line, values);
  }
  return out;
}

std::string ShipmentChatText(ShipmentNotice kind, std::string_view language,
                             const ShipmentNoticeFields& f) {
  const std::string lang = BaseLanguage(language);
  const BuiltIn& b = BuiltInFor(lang);
  const size_t i = NoticeIndex(kind);
  // The e-mail's greeting and news; advice for a chat; no sign-off (the message is the team's
  // own); the opt-out link last, as in every notice.
  const std::string body = std::string(b.greeting) + "\n\n" + b.kinds[i].what + "\n\n" +
                           b.chat_advice[i] + "\n" + b.track_line + "\n\n" + b.opt_out_line;
  return FillBody(body, ValuesOf(f, lang));
}

}  // namespace sahayak::services
