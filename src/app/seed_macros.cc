// The demo's macros (`sahayak seed-demo`).
#include "app/seed_macros.h"

#include <nlohmann/json.hpp>

namespace sahayak::app {

using nlohmann::json;

namespace {

json Macros() {
  return json::array({
      {{"name", "Where is my parcel — tracking link"},
       {"description", "Tracking link and AWB number; waits for the customer."},
       {"actions",
        {{{"type", "set_status"}, {"value", "pending"}},
         {{"type", "add_tags"}, {"value", {"tracking"}}}}},
       {"reply",
        {{"en",
          "Hi {{ticket.requester.first_name | default: \"there\"}},\n\nYour parcel "
          "{{ticket.custom_fields.awb_number}} is on its way. You can follow it at any time on "
          "our tracking page (/portal/track) with the AWB number and your PIN code.\n\n"
          "Regards,\n{{agent.first_name}}"},
         {"hi",
          "नमस्ते {{ticket.requester.first_name | default: \"जी\"}},\n\nआपका पार्सल "
          "{{ticket.custom_fields.awb_number}} रास्ते में है। आप AWB नंबर और अपने पिन कोड से हमारे "
          "ट्रैकिंग पेज (/portal/track) पर इसे कभी भी देख सकते हैं।\n\nधन्यवाद,\n"
          "{{agent.first_name}}"},
         {"kn",
          "ನಮಸ್ಕಾರ {{ticket.requester.first_name | default: \"ಗ್ರಾಹಕರೇ\"}},\n\nನಿಮ್ಮ ಪಾರ್ಸೆಲ್ "
          "{{ticket.custom_fields.awb_number}} ದಾರಿಯಲ್ಲಿದೆ. AWB ಸಂಖ್ಯೆ ಮತ್ತು ನಿಮ್ಮ ಪಿನ್ ಕೋಡ್ ಬಳಸಿ "
          "ನಮ್ಮ ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ (/portal/track) ಯಾವಾಗ ಬೇಕಾದರೂ ನೋಡಬಹುದು.\n\nಧನ್ಯವಾದಗಳು,\n"
          "{{agent.first_name}}"}}}},
      {{"name", "Invoice copy sent"},
       {"description", "A copy of the invoice went by e-mail."},
       {"actions",
        {{{"type", "set_status"}, {"value", "pending"}},
         {{"type", "add_tags"}, {"value", {"invoice_copy"}}}}},
       {"reply",
        {{"en",
          "Hi {{ticket.requester.first_name | default: \"there\"}},\n\nWe have sent a copy of "
          "your invoice {{ticket.custom_fields.invoice_number}} to "
          "{{ticket.requester.email}}. You can also download it from the customer portal.\n\n"
          "Regards,\n{{agent.first_name}}"},
         {"hi",
          "नमस्ते {{ticket.requester.first_name | default: \"जी\"}},\n\nहमने आपके इनवॉइस "
          "{{ticket.custom_fields.invoice_number}} की कॉपी {{ticket.requester.email}} पर भेज दी "
          "है। आप इसे ग्राहक पोर्टल से भी डाउनलोड कर सकते हैं।\n\nधन्यवाद,\n{{agent.first_name}}"},
         {"kn",
          "ನಮಸ್ಕಾರ {{ticket.requester.first_name | default: \"ಗ್ರಾಹಕರೇ\"}},\n\nನಿಮ್ಮ "
          "ಇನ್‌ವಾಯ್ಸ್ "
          "{{ticket.custom_fields.invoice_number}} ಪ್ರತಿಯನ್ನು {{ticket.requester.email}} ಗೆ "
          "ಕಳುಹಿಸಿದ್ದೇವೆ. ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ನಿಂದಲೂ ಡೌನ್‌ಲೋಡ್ "
          "ಮಾಡಬಹುದು.\n\nಧನ್ಯವಾದಗಳು,\n"
          "{{agent.first_name}}"}}}},
      {{"name", "Close: resolved"},
       {"description", "Thanks the customer and solves the ticket."},
       {"actions",
        {{{"type", "set_status"}, {"value", "solved"}},
         {{"type", "add_tags"}, {"value", {"resolved"}}}}},
       {"reply",
        {{"en",
          "Hi {{ticket.requester.first_name | default: \"there\"}},\n\nGlad we could help. "
          "If anything else comes up, just reply to this message.\n\nRegards,\n"
          "{{agent.first_name}}"},
         {"hi",
          "नमस्ते {{ticket.requester.first_name | default: \"जी\"}},\n\nखुशी है कि हम मदद कर सके। "
          "कोई और बात हो तो बस इसी संदेश का जवाब दें।\n\nधन्यवाद,\n{{agent.first_name}}"},
         {"kn",
          "ನಮಸ್ಕಾರ {{ticket.requester.first_name | default: \"ಗ್ರಾಹಕರೇ\"}},\n\nಸಹಾಯ ಮಾಡಲು "
          "ಸಾಧ್ಯವಾಗಿದ್ದಕ್ಕೆ ಸಂತೋಷ. ಬೇರೆ ಏನಾದರೂ ಇದ್ದರೆ ಈ ಸಂದೇಶಕ್ಕೆ ಉತ್ತರಿಸಿ.\n\nಧನ್ಯವಾದಗಳು,\n"
          "{{agent.first_name}}"}}}},
      {{"name", "Escalate to supervisors"},
       {"description", "Urgent, tagged and noted for the team lead; tells the customer."},
       {"actions",
        {{{"type", "set_priority"}, {"value", "urgent"}},
         {{"type", "add_tags"}, {"value", {"escalated"}}},
         {{"type", "add_note"},
          {"value", "Escalated to supervisors by {{agent.name}}: please review within 2 hours."}}}},
       {"reply",
        {{"en",
          "Hi {{ticket.requester.first_name | default: \"there\"}},\n\nI have passed ticket "
          "#{{ticket.number}} to our supervisors, who will get back to you within a few "
          "hours.\n\nRegards,\n{{agent.first_name}}"},
         {"hi",
          "नमस्ते {{ticket.requester.first_name | default: \"जी\"}},\n\nमैंने टिकट "
          "#{{ticket.number}} हमारे सुपरवाइज़र को भेज दिया है; वे कुछ घंटों में आपसे संपर्क "
          "करेंगे।\n\nधन्यवाद,\n{{agent.first_name}}"},
         {"kn",
          "ನಮಸ್ಕಾರ {{ticket.requester.first_name | default: \"ಗ್ರಾಹಕರೇ\"}},\n\nಟಿಕೆಟ್ "
          "#{{ticket.number}} ಅನ್ನು ನಮ್ಮ ಮೇಲ್ವಿಚಾರಕರಿಗೆ ಕಳುಹಿಸಿದ್ದೇನೆ; ಅವರು ಕೆಲವು ಗಂಟೆಗಳಲ್ಲಿ "
          "ನಿಮ್ಮನ್ನು ಸಂಪರ್ಕಿಸುತ್ತಾರೆ.\n\nಧನ್ಯವಾದಗಳು,\n{{agent.first_name}}"}}}},
  });
}

}  // namespace

Status SeedMacros(App& app, const services::Principal& who) {
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    for (json body : Macros()) {
      body["shared"] = true;
      body["default_language"] = "en";
      RETURN_IF_ERROR(app.macros().Create(tx, who, body).status());
    }
    return Status::Ok();
  });
}

}  // namespace sahayak::app
