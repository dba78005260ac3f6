// Demo articles about the documents international shipments need (docs/shipments.md,
// "Documents for international shipments"): the exporter's KYC and HS codes. The demo's document
// rules (app/seed_demo.cc) link them, with CustomsDocuments() for the commercial invoice.
#include "services/demo/kb_corpus_articles.h"

namespace sahayak::services::demo::kb_articles {

// Who must give which KYC document before an international booking (document rule `kyc`).
DemoKbArticle ExporterKyc() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"aadhaar", "export", "international", "kyc", "pan"},
      .translations = {
          {"en", "KYC for sending parcels abroad: Aadhaar, PAN, GSTIN and IEC",
           R"md(Customs in India must know who is exporting every parcel that leaves the country. Before we can book an international shipment, we need the sender's KYC (know your customer) documents. You give them once; we keep them on your profile and use them again for later shipments.

## Who needs which document

- Individuals sending personal parcels: Aadhaar or PAN, and a passport as well for gifts worth more than ₹25,000.
- Sole proprietors: PAN and GSTIN.
- Companies and partnerships: GSTIN, the company's PAN and the Importer-Exporter Code (IEC) issued by DGFT.

The name on the KYC must match the sender's name on the commercial invoice. A different spelling of the name is the most common reason for a hold at customs.

## How to upload your KYC

1. Sign in to the customer portal and open your profile.
2. Upload a clear photo or PDF of each document, front and back.
3. Our team checks it within one working day and tells you by e-mail.

## Keeping your data safe

We use your KYC only for customs clearance. Hide the first eight digits of your Aadhaar number before you upload it; customs needs only the last four. We never ask for your bank details, an OTP or your password on a call. If anyone does, end the call and tell us.
)md"},
          {"hi", "विदेश पार्सल भेजने के लिए KYC: आधार, पैन, GSTIN और IEC",
           R"md(भारत से बाहर जाने वाले हर पार्सल के लिए कस्टम को पता होना चाहिए कि उसे कौन निर्यात कर रहा है। अंतरराष्ट्रीय शिपमेंट बुक करने से पहले हमें भेजने वाले के KYC (अपने ग्राहक को जानिए) दस्तावेज़ चाहिए। ये आपको सिर्फ़ एक बार देने होते हैं; हम इन्हें आपकी प्रोफ़ाइल में रखते हैं और अगली शिपमेंट में फिर से इस्तेमाल करते हैं।

## किसे कौन-सा दस्तावेज़ चाहिए

- निजी पार्सल भेजने वाले व्यक्ति: आधार या पैन, और ₹25,000 से ज़्यादा कीमत के तोहफ़ों के लिए पासपोर्ट भी।
- एकल स्वामित्व वाले कारोबार: पैन और GSTIN।
- कंपनियाँ और साझेदारी फ़र्में: GSTIN, कंपनी का पैन और विदेश व्यापार महानिदेशालय से मिला आयात-निर्यात कोड (IEC)।

KYC में लिखा नाम कमर्शियल इनवॉइस पर भेजने वाले के नाम से मेल खाना चाहिए। नाम की अलग वर्तनी कस्टम में शिपमेंट रुकने की सबसे आम वजह है।

## KYC कैसे अपलोड करें

1. ग्राहक पोर्टल में साइन इन करें और अपनी प्रोफ़ाइल खोलें।
2. हर दस्तावेज़ के आगे और पीछे की साफ़ फ़ोटो या पीडीएफ़ अपलोड करें।
3. हमारी टीम एक कामकाजी दिन के अंदर इसकी जाँच करती है और आपको ई-मेल से बताती है।

## आपकी जानकारी की सुरक्षा

हम आपके KYC का इस्तेमाल सिर्फ़ कस्टम क्लीयरेंस के लिए करते हैं। अपलोड करने से पहले अपने आधार नंबर के पहले आठ अंक छिपा दें; कस्टम को सिर्फ़ आख़िरी चार अंक चाहिए। हम फ़ोन पर कभी भी आपके बैंक की जानकारी, ओटीपी या पासवर्ड नहीं माँगते। अगर कोई ऐसा माँगे, तो फ़ोन काट दें और हमें बताएँ।
)md"},
          {"kn", "ವಿದೇಶಕ್ಕೆ ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸಲು KYC: ಆಧಾರ್, ಪ್ಯಾನ್, GSTIN ಮತ್ತು IEC",
           R"md(ದೇಶದಿಂದ ಹೊರಹೋಗುವ ಪ್ರತಿ ಪಾರ್ಸೆಲ್ ಅನ್ನು ಯಾರು ರಫ್ತು ಮಾಡುತ್ತಿದ್ದಾರೆ ಎಂದು ಭಾರತದ ಕಸ್ಟಮ್ಸ್‌ಗೆ ತಿಳಿದಿರಬೇಕು. ಅಂತರರಾಷ್ಟ್ರೀಯ ಶಿಪ್‌ಮೆಂಟ್ ಬುಕ್ ಮಾಡುವ ಮೊದಲು ನಮಗೆ ಕಳುಹಿಸುವವರ KYC (ನಿಮ್ಮ ಗ್ರಾಹಕರನ್ನು ತಿಳಿಯಿರಿ) ದಾಖಲೆಗಳು ಬೇಕು. ಇವನ್ನು ನೀವು ಒಮ್ಮೆ ಮಾತ್ರ ನೀಡಿದರೆ ಸಾಕು; ನಾವು ಅವನ್ನು ನಿಮ್ಮ ಪ್ರೊಫೈಲ್‌ನಲ್ಲಿ ಇಟ್ಟುಕೊಂಡು ಮುಂದಿನ ಶಿಪ್‌ಮೆಂಟ್‌ಗಳಿಗೂ ಬಳಸುತ್ತೇವೆ.

## ಯಾರಿಗೆ ಯಾವ ದಾಖಲೆ ಬೇಕು

- ವೈಯಕ್ತಿಕ ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸುವ ವ್ಯಕ್ತಿಗಳು: ಆಧಾರ್ ಅಥವಾ ಪ್ಯಾನ್, ಮತ್ತು ₹25,000 ಕ್ಕಿಂತ ಹೆಚ್ಚು ಮೌಲ್ಯದ ಉಡುಗೊರೆಗಳಿಗೆ ಪಾಸ್‌ಪೋರ್ಟ್ ಕೂಡ ಬೇಕು.
- ಏಕಮಾಲೀಕತ್ವದ ವ್ಯಾಪಾರಗಳು: ಪ್ಯಾನ್ ಮತ್ತು GSTIN.
- ಕಂಪನಿಗಳು ಮತ್ತು ಪಾಲುದಾರಿಕೆ ಸಂಸ್ಥೆಗಳು: GSTIN, ಕಂಪನಿಯ ಪ್ಯಾನ್ ಮತ್ತು ವಿದೇಶ ವ್ಯಾಪಾರ ಮಹಾನಿರ್ದೇಶನಾಲಯ ನೀಡುವ ಆಮದು-ರಫ್ತು ಕೋಡ್ (IEC).

KYC ಯಲ್ಲಿರುವ ಹೆಸರು ವಾಣಿಜ್ಯ ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿರುವ ಕಳುಹಿಸುವವರ ಹೆಸರಿಗೆ ಹೊಂದಿಕೆಯಾಗಬೇಕು. ಹೆಸರಿನ ಬೇರೆ ಕಾಗುಣಿತವೇ ಕಸ್ಟಮ್ಸ್‌ನಲ್ಲಿ ಶಿಪ್‌ಮೆಂಟ್ ತಡೆಹಿಡಿಯಲು ಅತ್ಯಂತ ಸಾಮಾನ್ಯ ಕಾರಣ.

## KYC ಅಪ್‌ಲೋಡ್ ಮಾಡುವುದು ಹೇಗೆ

1. ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ಗೆ ಸೈನ್ ಇನ್ ಮಾಡಿ ಮತ್ತು ನಿಮ್ಮ ಪ್ರೊಫೈಲ್ ತೆರೆಯಿರಿ.
2. ಪ್ರತಿ ದಾಖಲೆಯ ಮುಂಭಾಗ ಮತ್ತು ಹಿಂಭಾಗದ ಸ್ಪಷ್ಟ ಫೋಟೋ ಅಥವಾ ಪಿಡಿಎಫ್ ಅಪ್‌ಲೋಡ್ ಮಾಡಿ.
3. ನಮ್ಮ ತಂಡ ಒಂದು ಕೆಲಸದ ದಿನದೊಳಗೆ ಅದನ್ನು ಪರಿಶೀಲಿಸಿ ನಿಮಗೆ ಇ-ಮೇಲ್ ಮೂಲಕ ತಿಳಿಸುತ್ತದೆ.

## ನಿಮ್ಮ ಮಾಹಿತಿಯ ಸುರಕ್ಷತೆ

ನಿಮ್ಮ KYC ಯನ್ನು ನಾವು ಕಸ್ಟಮ್ಸ್ ಕ್ಲಿಯರೆನ್ಸ್‌ಗಾಗಿ ಮಾತ್ರ ಬಳಸುತ್ತೇವೆ. ಅಪ್‌ಲೋಡ್ ಮಾಡುವ ಮೊದಲು ನಿಮ್ಮ ಆಧಾರ್ ಸಂಖ್ಯೆಯ ಮೊದಲ ಎಂಟು ಅಂಕಿಗಳನ್ನು ಮರೆಮಾಡಿ; ಕಸ್ಟಮ್ಸ್‌ಗೆ ಕೊನೆಯ ನಾಲ್ಕು ಅಂಕಿಗಳು ಮಾತ್ರ ಸಾಕು. ನಾವು ಫೋನ್ ಕರೆಯಲ್ಲಿ ಎಂದಿಗೂ ನಿಮ್ಮ ಬ್ಯಾಂಕ್ ವಿವರ, ಒಟಿಪಿ ಅಥವಾ ಪಾಸ್‌ವರ್ಡ್ ಕೇಳುವುದಿಲ್ಲ. ಯಾರಾದರೂ ಹಾಗೆ ಕೇಳಿದರೆ, ಕರೆ ಕಡಿತಗೊಳಿಸಿ ನಮಗೆ ತಿಳಿಸಿ.
)md"},
      }};
}

// How an HS code is built and found (document rule `hs_codes`).
DemoKbArticle HsCodes() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"customs", "hs-code", "international", "invoice"},
      .translations = {
          {"en", "HS codes: finding the right code for your goods",
           R"md(An HS code (Harmonized System code) tells customs what is in your parcel. Customs use it to decide the duty and to check whether the item may be imported at all. Every item on the commercial invoice needs its own code.

## How the code is built

- The first two digits are the chapter, for example 09 for coffee, tea and spices.
- The first four digits are the heading: 0901 is coffee.
- The first six digits are the same in every country: 0901.21 is roasted coffee that has not been decaffeinated.
- India adds two more digits for exports (ITC-HS), so the full code on your invoice has eight digits.

## Finding the right code

1. Describe the item plainly: what it is made of and what it is used for, not its brand name.
2. Look it up in the ITC-HS schedule on the DGFT website, or in the tariff of the country the parcel goes to.
3. When two headings seem to fit, choose the more specific one and write down why you chose it.

## Common mistakes

Writing one code for a box of mixed items, using the code from an old invoice for a new product, or writing only "gift" or "samples" instead of a description: each of these leads to a hold. Business accounts can send us their product list once; our customs team checks the codes before the first booking.
)md"},
          {"hi", "HS कोड: अपने सामान का सही कोड कैसे ढूँढें",
           R"md(HS कोड (हार्मोनाइज़्ड सिस्टम कोड) कस्टम को बताता है कि आपके पार्सल में क्या है। इसी से कस्टम ड्यूटी तय करता है और यह जाँचता है कि वह सामान मँगाया भी जा सकता है या नहीं। कमर्शियल इनवॉइस पर हर सामान का अपना अलग कोड होना चाहिए।

## कोड कैसे बनता है

- पहले दो अंक अध्याय बताते हैं, जैसे कॉफ़ी, चाय और मसालों के लिए 09।
- पहले चार अंक हेडिंग हैं: 0901 कॉफ़ी है।
- पहले छह अंक हर देश में एक जैसे होते हैं: 0901.21 भुनी हुई कॉफ़ी है, जिसमें से कैफ़ीन नहीं निकाला गया।
- निर्यात के लिए भारत दो अंक और जोड़ता है (ITC-HS), इसलिए आपके इनवॉइस पर पूरा कोड आठ अंकों का होता है।

## सही कोड कैसे ढूँढें

1. सामान का सीधा-सादा विवरण लिखें: वह किस चीज़ से बना है और किस काम आता है, उसके ब्रांड का नाम नहीं।
2. उसे विदेश व्यापार महानिदेशालय की वेबसाइट पर ITC-HS सूची में, या जिस देश में पार्सल जा रहा है उसकी टैरिफ़ सूची में देखें।
3. अगर दो हेडिंग ठीक लगें, तो ज़्यादा सटीक हेडिंग चुनें और लिखकर रखें कि उसे क्यों चुना।

## आम गलतियाँ

मिले-जुले सामान वाले डिब्बे के लिए एक ही कोड लिखना, नए सामान के लिए पुराने इनवॉइस का कोड इस्तेमाल करना, या विवरण की जगह सिर्फ़ "तोहफ़ा" या "सैंपल" लिखना: इनमें से हर गलती से शिपमेंट रुक जाता है। बिज़नेस अकाउंट अपने सामान की सूची हमें एक बार भेज सकते हैं; पहली बुकिंग से पहले हमारी कस्टम टीम कोड जाँच लेती है।
)md"},
          {"kn", "HS ಕೋಡ್: ನಿಮ್ಮ ವಸ್ತುಗಳಿಗೆ ಸರಿಯಾದ ಕೋಡ್ ಕಂಡುಹಿಡಿಯುವುದು",
           R"md(HS ಕೋಡ್ (ಹಾರ್ಮೊನೈಸ್ಡ್ ಸಿಸ್ಟಮ್ ಕೋಡ್) ನಿಮ್ಮ ಪಾರ್ಸೆಲ್‌ನಲ್ಲಿ ಏನಿದೆ ಎಂದು ಕಸ್ಟಮ್ಸ್‌ಗೆ ತಿಳಿಸುತ್ತದೆ. ಅದರ ಆಧಾರದ ಮೇಲೆ ಕಸ್ಟಮ್ಸ್ ಸುಂಕವನ್ನು ನಿರ್ಧರಿಸುತ್ತದೆ ಮತ್ತು ಆ ವಸ್ತುವನ್ನು ಆಮದು ಮಾಡಿಕೊಳ್ಳಲು ಅನುಮತಿ ಇದೆಯೇ ಎಂದು ಪರಿಶೀಲಿಸುತ್ತದೆ. ವಾಣಿಜ್ಯ ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿರುವ ಪ್ರತಿ ವಸ್ತುವಿಗೂ ತನ್ನದೇ ಆದ ಕೋಡ್ ಬೇಕು.

## ಕೋಡ್ ಹೇಗೆ ರಚನೆಯಾಗಿದೆ

- ಮೊದಲ ಎರಡು ಅಂಕಿಗಳು ಅಧ್ಯಾಯವನ್ನು ಸೂಚಿಸುತ್ತವೆ, ಉದಾಹರಣೆಗೆ ಕಾಫಿ, ಚಹಾ ಮತ್ತು ಮಸಾಲೆಗಳಿಗೆ 09.
- ಮೊದಲ ನಾಲ್ಕು ಅಂಕಿಗಳು ಶೀರ್ಷಿಕೆ: 0901 ಎಂದರೆ ಕಾಫಿ.
- ಮೊದಲ ಆರು ಅಂಕಿಗಳು ಎಲ್ಲಾ ದೇಶಗಳಲ್ಲೂ ಒಂದೇ ಆಗಿರುತ್ತವೆ: 0901.21 ಎಂದರೆ ಕೆಫೀನ್ ತೆಗೆಯದ ಹುರಿದ ಕಾಫಿ.
- ರಫ್ತಿಗಾಗಿ ಭಾರತ ಇನ್ನೂ ಎರಡು ಅಂಕಿಗಳನ್ನು ಸೇರಿಸುತ್ತದೆ (ITC-HS), ಆದ್ದರಿಂದ ನಿಮ್ಮ ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿ ಪೂರ್ಣ ಕೋಡ್ ಎಂಟು ಅಂಕಿಗಳದ್ದಾಗಿರುತ್ತದೆ.

## ಸರಿಯಾದ ಕೋಡ್ ಕಂಡುಹಿಡಿಯುವುದು

1. ವಸ್ತುವನ್ನು ಸರಳವಾಗಿ ವಿವರಿಸಿ: ಅದು ಯಾವುದರಿಂದ ಮಾಡಲ್ಪಟ್ಟಿದೆ ಮತ್ತು ಯಾವುದಕ್ಕೆ ಬಳಸಲಾಗುತ್ತದೆ ಎಂದು ಬರೆಯಿರಿ, ಅದರ ಬ್ರ್ಯಾಂಡ್ ಹೆಸರನ್ನಲ್ಲ.
2. ವಿದೇಶ ವ್ಯಾಪಾರ ಮಹಾನಿರ್ದೇಶನಾಲಯದ ವೆಬ್‌ಸೈಟ್‌ನಲ್ಲಿರುವ ITC-HS ಪಟ್ಟಿಯಲ್ಲಿ, ಅಥವಾ ಪಾರ್ಸೆಲ್ ತಲುಪುವ ದೇಶದ ಸುಂಕ ಪಟ್ಟಿಯಲ್ಲಿ ಅದನ್ನು ಹುಡುಕಿ.
3. ಎರಡು ಶೀರ್ಷಿಕೆಗಳು ಸರಿಹೊಂದುವಂತೆ ಕಂಡರೆ, ಹೆಚ್ಚು ನಿರ್ದಿಷ್ಟವಾದದ್ದನ್ನು ಆಯ್ಕೆಮಾಡಿ ಮತ್ತು ಅದನ್ನು ಏಕೆ ಆರಿಸಿದಿರಿ ಎಂದು ಬರೆದಿಡಿ.

## ಸಾಮಾನ್ಯ ತಪ್ಪುಗಳು

ಬೇರೆ ಬೇರೆ ವಸ್ತುಗಳಿರುವ ಪೆಟ್ಟಿಗೆಗೆ ಒಂದೇ ಕೋಡ್ ಬರೆಯುವುದು, ಹೊಸ ಉತ್ಪನ್ನಕ್ಕೆ ಹಳೆಯ ಇನ್‌ವಾಯ್ಸ್‌ನ ಕೋಡ್ ಬಳಸುವುದು, ಅಥವಾ ವಿವರದ ಬದಲು "ಉಡುಗೊರೆ" ಅಥವಾ "ಮಾದರಿ" ಎಂದು ಮಾತ್ರ ಬರೆಯುವುದು: ಇವುಗಳಲ್ಲಿ ಪ್ರತಿಯೊಂದೂ ಶಿಪ್‌ಮೆಂಟ್ ತಡೆಹಿಡಿಯಲು ಕಾರಣವಾಗುತ್ತದೆ. ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು ತಮ್ಮ ಉತ್ಪನ್ನಗಳ ಪಟ್ಟಿಯನ್ನು ಒಮ್ಮೆ ನಮಗೆ ಕಳುಹಿಸಬಹುದು; ಮೊದಲ ಬುಕಿಂಗ್‌ಗೆ ಮೊದಲು ನಮ್ಮ ಕಸ್ಟಮ್ಸ್ ತಂಡ ಕೋಡ್‌ಗಳನ್ನು ಪರಿಶೀಲಿಸುತ್ತದೆ.
)md"},
      }};
}

}  // namespace sahayak::services::demo::kb_articles
