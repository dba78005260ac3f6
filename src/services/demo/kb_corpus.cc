#include "services/demo/kb_corpus.h"

#include "services/demo/kb_corpus_articles.h"

namespace sahayak::services::demo {
namespace {

using domain::LocalizedText;

std::vector<DemoKbCategory> Build() {
  using namespace kb_articles;  // NOLINT(build/namespaces): a table of calls reads better.
  std::vector<DemoKbCategory> kb;

  kb.push_back(DemoKbCategory{
      .titles = {{"en", "Shipping & tracking"},
                 {"hi", "शिपिंग और ट्रैकिंग"},
                 {"kn", "ಶಿಪ್ಪಿಂಗ್ ಮತ್ತು ಟ್ರ್ಯಾಕಿಂಗ್"}},
      .descriptions = {{"en",
                        "Follow your parcel, choose a delivery time and send parcels abroad."},
                       {"hi", "अपना पार्सल ट्रैक करें, डिलीवरी का समय चुनें और विदेश पार्सल भेजें।"},
                       {"kn",
                        "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡಿ, ಡೆಲಿವರಿ ಸಮಯ ಆಯ್ಕೆ ಮಾಡಿ ಮತ್ತು "
                        "ವಿದೇಶಕ್ಕೆ ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸಿ."}},
      .sections = {
          DemoKbSection{
              .titles = {{"en", "Tracking and delivery"},
                         {"hi", "ट्रैकिंग और डिलीवरी"},
                         {"kn", "ಟ್ರ್ಯಾಕಿಂಗ್ ಮತ್ತು ಡೆಲಿವರಿ"}},
              .descriptions = {{"en", "Tracking numbers, delivery statuses and delivery slots."},
                               {"hi", "ट्रैकिंग नंबर, डिलीवरी स्टेटस और डिलीवरी का समय।"},
                               {"kn", "ಟ್ರ್ಯಾಕಿಂಗ್ ಸಂಖ್ಯೆ, ಡೆಲಿವರಿ ಸ್ಥಿತಿ ಮತ್ತು ಡೆಲಿವರಿ ಸಮಯ."}},
              .articles = {TrackingParcel(), DeliveryWindows(), NdrEscalation()}},
          DemoKbSection{
              .titles = {{"en", "International shipping"},
                         {"hi", "अंतरराष्ट्रीय शिपिंग"},
                         {"kn", "ಅಂತರರಾಷ್ಟ್ರೀಯ ಶಿಪ್ಪಿಂಗ್"}},
              .descriptions = {{"en", "Customs, documents and duties for parcels sent abroad."},
                               {"hi", "विदेश भेजे जाने वाले पार्सल के लिए कस्टम, दस्तावेज़ और ड्यूटी।"},
                               {"kn",
                                "ವಿದೇಶಕ್ಕೆ ಕಳುಹಿಸುವ ಪಾರ್ಸೆಲ್‌ಗಳಿಗೆ ಕಸ್ಟಮ್ಸ್, ದಾಖಲೆಗಳು "
                                "ಮತ್ತು "
                                "ಸುಂಕ."}},
              .articles = {CustomsDocuments(), ExporterKyc(), HsCodes()}},
      }});

  kb.push_back(DemoKbCategory{
      .titles = {{"en", "Returns & refunds"}, {"hi", "रिटर्न और रिफ़ंड"}, {"kn", "ರಿಟರ್ನ್ ಮತ್ತು ರಿಫಂಡ್"}},
      .descriptions = {{"en",
                        "Send an order back, get your money back and sort out cash on delivery."},
                       {"hi", "ऑर्डर वापस भेजें, पैसे वापस पाएँ और कैश ऑन डिलीवरी की समस्याएँ सुलझाएँ।"},
                       {"kn",
                        "ಆರ್ಡರ್ ಹಿಂದಿರುಗಿಸಿ, ಹಣ ವಾಪಸ್ ಪಡೆಯಿರಿ ಮತ್ತು ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ "
                        "ಸಮಸ್ಯೆಗಳನ್ನು ಬಗೆಹರಿಸಿ."}},
      .sections = {
          DemoKbSection{
              .titles = {{"en", "Returns and claims"},
                         {"hi", "रिटर्न और क्लेम"},
                         {"kn", "ರಿಟರ್ನ್ ಮತ್ತು ಕ್ಲೈಮ್"}},
              .descriptions = {{"en", "Return windows, pickups, refund timelines and claims."},
                               {"hi", "रिटर्न की समय-सीमा, पिकअप, रिफ़ंड में लगने वाला समय और क्लेम।"},
                               {"kn",
                                "ರಿಟರ್ನ್ ಅವಧಿ, ಪಿಕಪ್, ರಿಫಂಡ್ ಸಮಯ ಮತ್ತು "
                                "ಕ್ಲೈಮ್‌ಗಳು."}},
              .articles = {ReturnsRefunds(), LostParcelClaim()}},
          DemoKbSection{
              .titles = {{"en", "Cash on delivery"},
                         {"hi", "कैश ऑन डिलीवरी"},
                         {"kn", "ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ"}},
              .descriptions = {{"en", "Wrong COD amounts, payments not recorded and remittances."},
                               {"hi", "गलत COD राशि, दर्ज न हुआ भुगतान और रेमिटेंस।"},
                               {"kn", "ತಪ್ಪು COD ಮೊತ್ತ, ದಾಖಲಾಗದ ಪಾವತಿ ಮತ್ತು ರೆಮಿಟೆನ್ಸ್."}},
              .articles = {CodDisputes()}},
      }});

  kb.push_back(DemoKbCategory{
      .titles = {{"en", "Billing & invoices"},
                 {"hi", "बिलिंग और इनवॉइस"},
                 {"kn",
                  "ಬಿಲ್ಲಿಂಗ್ ಮತ್ತು ಇನ್‌ವಾಯ್ಸ್"}},
      .descriptions = {{"en", "GST invoices, payment methods and overdue bills."},
                       {"hi", "GST इनवॉइस, भुगतान के तरीके और बकाया बिल।"},
                       {"kn",
                        "GST ಇನ್‌ವಾಯ್ಸ್, ಪಾವತಿ ವಿಧಾನಗಳು ಮತ್ತು ಬಾಕಿ "
                        "ಬಿಲ್‌ಗಳು."}},
      .sections = {
          DemoKbSection{
              .titles = {{"en", "Invoices and payments"},
                         {"hi", "इनवॉइस और भुगतान"},
                         {"kn", "ಇನ್‌ವಾಯ್ಸ್ ಮತ್ತು ಪಾವತಿ"}},
              .descriptions = {{"en", "Download an invoice, check GST details and pay on time."},
                               {"hi", "इनवॉइस डाउनलोड करें, GST की जानकारी जाँचें और समय पर भुगतान करें।"},
                               {"kn",
                                "ಇನ್‌ವಾಯ್ಸ್ ಡೌನ್‌ಲೋಡ್ ಮಾಡಿ, GST ವಿವರ ಪರಿಶೀಲಿಸಿ ಮತ್ತು "
                                "ಸಮಯಕ್ಕೆ "
                                "ಪಾವತಿಸಿ."}},
              .articles = {InvoicesPayments()}},
      }});

  kb.push_back(DemoKbCategory{
      .titles = {{"en", "Business accounts"}, {"hi", "बिज़नेस अकाउंट"}, {"kn", "ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು"}},
      .descriptions = {{"en", "Contracts, rate tiers and account managers for B2B customers."},
                       {"hi", "B2B ग्राहकों के लिए कॉन्ट्रैक्ट, रेट टियर और अकाउंट मैनेजर।"},
                       {"kn", "B2B ಗ್ರಾಹಕರಿಗೆ ಒಪ್ಪಂದ, ದರ ಶ್ರೇಣಿಗಳು ಮತ್ತು ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್."}},
      .sections = {
          DemoKbSection{.titles = {{"en", "Contracts and renewals"},
                                   {"hi", "कॉन्ट्रैक्ट और रिन्यूअल"},
                                   {"kn", "ಒಪ್ಪಂದ ಮತ್ತು ನವೀಕರಣ"}},
                        .descriptions = {{"en", "When and how a business contract is renewed."},
                                         {"hi", "बिज़नेस कॉन्ट्रैक्ट कब और कैसे रिन्यू होता है।"},
                                         {"kn", "ಬಿಸಿನೆಸ್ ಒಪ್ಪಂದ ಯಾವಾಗ ಮತ್ತು ಹೇಗೆ ನವೀಕರಣ ಆಗುತ್ತದೆ."}},
                        .articles = {ContractRenewal()}},
      }});

  return kb;
}

}  // namespace

const std::vector<DemoKbCategory>& DemoKnowledgeBase() {
  static const std::vector<DemoKbCategory> kKb = Build();
  return kKb;
}

}  // namespace sahayak::services::demo
