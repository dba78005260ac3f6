// Demo articles for "Billing & invoices" and "Business accounts". Text only; see kb_corpus.h
// for the guarantees.
#include "services/demo/kb_corpus_articles.h"

namespace sahayak::services::demo::kb_articles {

DemoKbArticle InvoicesPayments() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"gst", "invoice", "overdue", "payment"},
      .translations = {
          {"en", "Invoices and payments: GST invoice copy, payment methods and overdue bills",
           R"md(## Download a copy of your invoice

- **Shop orders:** open **My orders**, choose the order and press **Download invoice**. The PDF is ready once the order is delivered.
- **Business accounts:** open the business portal and go to **Billing → Invoices**. We raise one invoice a month for all your shipments. Invoice numbers look like `SXP/24-25/01234`: our prefix, the financial year and a serial number.

Cannot find an invoice? Write to us with the invoice number or the month and we will e-mail a copy.

## What a GST invoice shows

- our GSTIN and yours (for business accounts, the GSTIN registered with us),
- the place of supply: within the same state you pay CGST and SGST, from another state IGST,
- SAC code 996812 (courier services), the taxable value, GST at 18% and the total.

To correct your GSTIN, company name or billing address, tell us as soon as possible. We can reissue an invoice only until our GST return for that month is filed, on the 11th of the next month. After that we issue a credit note and a new invoice instead.

## Payment methods

| Method | Who can use it | When it is credited |
|---|---|---|
| UPI | Everyone | Immediately |
| Debit or credit card | Everyone | Immediately |
| NEFT, RTGS or net banking | Business accounts | Same working day |
| Cheque | Business accounts with a cheque agreement | 3 working days after deposit |
| Set-off against COD remittance | Sellers who ship cash-on-delivery parcels | On the next remittance |

For bank transfers, write the invoice number in the remarks so that we can match the payment.

## Payment terms and overdue invoices

Business invoices are due 15 days from the invoice date; Enterprise accounts have 30 days. We send reminders 3 days before the due date, on the due date and 7 days after it.

When an invoice is more than 30 days overdue, new bookings are paused until it is paid, and interest is charged as per your contract. If you disagree with an amount, tell us before the due date and pay the part you do not dispute; the rest stays on hold until we answer.
)md"},
          {"hi", "इनवॉइस और भुगतान: GST इनवॉइस की कॉपी, भुगतान के तरीके और बकाया बिल",
           R"md(## अपने इनवॉइस की कॉपी डाउनलोड करें

- **शॉप के ऑर्डर:** **मेरे ऑर्डर** खोलें, ऑर्डर चुनें और **इनवॉइस डाउनलोड करें** दबाएँ। ऑर्डर डिलीवर होते ही PDF तैयार हो जाती है।
- **बिज़नेस अकाउंट:** बिज़नेस पोर्टल खोलें और **बिलिंग → इनवॉइस** में जाएँ। आपके सभी शिपमेंट के लिए हम महीने में एक इनवॉइस बनाते हैं। इनवॉइस नंबर `SXP/24-25/01234` जैसा होता है: हमारा प्रीफ़िक्स, वित्त वर्ष और क्रम संख्या।

इनवॉइस नहीं मिल रहा? इनवॉइस नंबर या महीना बताकर हमें लिखें, हम उसकी कॉपी ई-मेल कर देंगे।

## GST इनवॉइस में क्या-क्या होता है

- हमारा GSTIN और आपका GSTIN (बिज़नेस अकाउंट के लिए वही GSTIN जो हमारे पास रजिस्टर्ड है),
- सप्लाई की जगह: एक ही राज्य में CGST और SGST लगता है, दूसरे राज्य से IGST,
- SAC कोड 996812 (कूरियर सेवाएँ), टैक्स योग्य रकम, 18% GST और कुल रकम।

GSTIN, कंपनी का नाम या बिलिंग पता ठीक करवाना हो तो जल्द से जल्द बताएँ। इनवॉइस हम तभी दोबारा बना सकते हैं जब तक उस महीने का हमारा GST रिटर्न फ़ाइल नहीं हुआ हो, यानी अगले महीने की 11 तारीख तक। उसके बाद हम क्रेडिट नोट और नया इनवॉइस जारी करते हैं।

## भुगतान के तरीके

| तरीका | कौन इस्तेमाल कर सकता है | पैसा कब जमा होता है |
|---|---|---|
| UPI | सभी | तुरंत |
| डेबिट या क्रेडिट कार्ड | सभी | तुरंत |
| NEFT, RTGS या नेट बैंकिंग | बिज़नेस अकाउंट | उसी कामकाजी दिन |
| चेक | चेक एग्रीमेंट वाले बिज़नेस अकाउंट | जमा करने के 3 कामकाजी दिन बाद |
| COD रेमिटेंस से कटौती | कैश ऑन डिलीवरी पार्सल भेजने वाले सेलर | अगले रेमिटेंस में |

बैंक ट्रांसफ़र करते समय रिमार्क में इनवॉइस नंबर ज़रूर लिखें, ताकि हम भुगतान को सही इनवॉइस से मिला सकें।

## भुगतान की शर्तें और बकाया इनवॉइस

बिज़नेस इनवॉइस का भुगतान इनवॉइस की तारीख से 15 दिन के अंदर करना होता है; एंटरप्राइज़ अकाउंट को 30 दिन मिलते हैं। हम ड्यू डेट से 3 दिन पहले, ड्यू डेट पर और उसके 7 दिन बाद रिमाइंडर भेजते हैं।

अगर कोई इनवॉइस 30 दिन से ज़्यादा बकाया है, तो भुगतान होने तक नई बुकिंग रोक दी जाती है और कॉन्ट्रैक्ट के हिसाब से ब्याज लगता है। किसी रकम से सहमत नहीं हैं तो ड्यू डेट से पहले बताएँ और जिस हिस्से पर विवाद नहीं है उसका भुगतान कर दें; बाकी रकम हमारे जवाब तक रुकी रहेगी।
)md"},
          {"kn",
           "ಇನ್‌ವಾಯ್ಸ್ ಮತ್ತು ಪಾವತಿ: GST ಇನ್‌ವಾಯ್ಸ್ ಪ್ರತಿ, ಪಾವತಿ ವಿಧಾನಗಳು ಮತ್ತು ಬಾಕಿ "
           "ಬಿಲ್‌ಗಳು",
           R"md(## ನಿಮ್ಮ ಇನ್‌ವಾಯ್ಸ್ ಪ್ರತಿ ಡೌನ್‌ಲೋಡ್ ಮಾಡಿ

- **ಶಾಪ್ ಆರ್ಡರ್‌ಗಳು:** **ನನ್ನ ಆರ್ಡರ್‌ಗಳು** ತೆರೆದು ಆರ್ಡರ್ ಆಯ್ಕೆ ಮಾಡಿ, **ಇನ್‌ವಾಯ್ಸ್ ಡೌನ್‌ಲೋಡ್ ಮಾಡಿ** ಒತ್ತಿರಿ. ಆರ್ಡರ್ ಡೆಲಿವರಿ ಆದ ತಕ್ಷಣ PDF ಸಿದ್ಧವಾಗುತ್ತದೆ.
- **ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು:** ಬಿಸಿನೆಸ್ ಪೋರ್ಟಲ್ ತೆರೆದು **ಬಿಲ್ಲಿಂಗ್ → ಇನ್‌ವಾಯ್ಸ್‌ಗಳು** ಗೆ ಹೋಗಿ. ನಿಮ್ಮ ಎಲ್ಲಾ ಶಿಪ್‌ಮೆಂಟ್‌ಗಳಿಗೆ ತಿಂಗಳಿಗೆ ಒಂದು ಇನ್‌ವಾಯ್ಸ್ ನೀಡುತ್ತೇವೆ. ಇನ್‌ವಾಯ್ಸ್ ಸಂಖ್ಯೆ `SXP/24-25/01234` ರೀತಿ ಇರುತ್ತದೆ: ನಮ್ಮ ಪೂರ್ವಪ್ರತ್ಯಯ, ಹಣಕಾಸು ವರ್ಷ ಮತ್ತು ಕ್ರಮ ಸಂಖ್ಯೆ.

ಇನ್‌ವಾಯ್ಸ್ ಸಿಗುತ್ತಿಲ್ಲವೇ? ಇನ್‌ವಾಯ್ಸ್ ಸಂಖ್ಯೆ ಅಥವಾ ತಿಂಗಳು ತಿಳಿಸಿ ನಮಗೆ ಬರೆಯಿರಿ, ನಾವು ಪ್ರತಿಯನ್ನು ಇ-ಮೇಲ್ ಮಾಡುತ್ತೇವೆ.

## GST ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿ ಏನೇನು ಇರುತ್ತದೆ

- ನಮ್ಮ GSTIN ಮತ್ತು ನಿಮ್ಮ GSTIN (ಬಿಸಿನೆಸ್ ಖಾತೆಗಳಿಗೆ ನಮ್ಮಲ್ಲಿ ನೋಂದಾಯಿಸಿದ GSTIN),
- ಪೂರೈಕೆಯ ಸ್ಥಳ: ಅದೇ ರಾಜ್ಯದಲ್ಲಿ CGST ಮತ್ತು SGST, ಬೇರೆ ರಾಜ್ಯದಿಂದ IGST,
- SAC ಕೋಡ್ 996812 (ಕೊರಿಯರ್ ಸೇವೆಗಳು), ತೆರಿಗೆಗೆ ಒಳಪಡುವ ಮೌಲ್ಯ, 18% GST ಮತ್ತು ಒಟ್ಟು ಮೊತ್ತ.

GSTIN, ಕಂಪನಿಯ ಹೆಸರು ಅಥವಾ ಬಿಲ್ಲಿಂಗ್ ವಿಳಾಸ ಸರಿಪಡಿಸಬೇಕಿದ್ದರೆ ಆದಷ್ಟು ಬೇಗ ತಿಳಿಸಿ. ಆ ತಿಂಗಳ ನಮ್ಮ GST ರಿಟರ್ನ್ ಸಲ್ಲಿಸುವವರೆಗೆ, ಅಂದರೆ ಮುಂದಿನ ತಿಂಗಳ 11 ನೇ ತಾರೀಖಿನವರೆಗೆ ಮಾತ್ರ ಇನ್‌ವಾಯ್ಸ್ ಮರುನೀಡಬಹುದು. ಅದರ ನಂತರ ಕ್ರೆಡಿಟ್ ನೋಟ್ ಮತ್ತು ಹೊಸ ಇನ್‌ವಾಯ್ಸ್ ನೀಡುತ್ತೇವೆ.

## ಪಾವತಿ ವಿಧಾನಗಳು

| ವಿಧಾನ | ಯಾರು ಬಳಸಬಹುದು | ಹಣ ಯಾವಾಗ ಜಮಾ ಆಗುತ್ತದೆ |
|---|---|---|
| UPI | ಎಲ್ಲರೂ | ತಕ್ಷಣ |
| ಡೆಬಿಟ್ ಅಥವಾ ಕ್ರೆಡಿಟ್ ಕಾರ್ಡ್ | ಎಲ್ಲರೂ | ತಕ್ಷಣ |
| NEFT, RTGS ಅಥವಾ ನೆಟ್ ಬ್ಯಾಂಕಿಂಗ್ | ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು | ಅದೇ ಕೆಲಸದ ದಿನ |
| ಚೆಕ್ | ಚೆಕ್ ಒಪ್ಪಂದವಿರುವ ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು | ಜಮಾ ಮಾಡಿದ 3 ಕೆಲಸದ ದಿನಗಳ ನಂತರ |
| COD ರೆಮಿಟೆನ್ಸ್‌ನಿಂದ ಕಡಿತ | ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸುವ ಮಾರಾಟಗಾರರು | ಮುಂದಿನ ರೆಮಿಟೆನ್ಸ್‌ನಲ್ಲಿ |

ಬ್ಯಾಂಕ್ ವರ್ಗಾವಣೆ ಮಾಡುವಾಗ ರಿಮಾರ್ಕ್‌ನಲ್ಲಿ ಇನ್‌ವಾಯ್ಸ್ ಸಂಖ್ಯೆ ಬರೆಯಿರಿ, ಇದರಿಂದ ಪಾವತಿಯನ್ನು ಸರಿಯಾದ ಇನ್‌ವಾಯ್ಸ್‌ಗೆ ಹೊಂದಿಸಬಹುದು.

## ಪಾವತಿ ನಿಯಮಗಳು ಮತ್ತು ಬಾಕಿ ಇನ್‌ವಾಯ್ಸ್‌ಗಳು

ಬಿಸಿನೆಸ್ ಇನ್‌ವಾಯ್ಸ್‌ಗಳನ್ನು ಇನ್‌ವಾಯ್ಸ್ ದಿನಾಂಕದಿಂದ 15 ದಿನಗಳೊಳಗೆ ಪಾವತಿಸಬೇಕು; ಎಂಟರ್‌ಪ್ರೈಸ್ ಖಾತೆಗಳಿಗೆ 30 ದಿನಗಳು. ಪಾವತಿ ದಿನಾಂಕಕ್ಕೆ 3 ದಿನ ಮೊದಲು, ಪಾವತಿ ದಿನಾಂಕದಂದು ಮತ್ತು ಅದರ 7 ದಿನಗಳ ನಂತರ ಜ್ಞಾಪನೆ ಕಳುಹಿಸುತ್ತೇವೆ.

ಯಾವುದೇ ಇನ್‌ವಾಯ್ಸ್ 30 ದಿನಕ್ಕಿಂತ ಹೆಚ್ಚು ಬಾಕಿಯಿದ್ದರೆ, ಪಾವತಿಯಾಗುವವರೆಗೆ ಹೊಸ ಬುಕಿಂಗ್ ನಿಲ್ಲಿಸಲಾಗುತ್ತದೆ ಮತ್ತು ಒಪ್ಪಂದದ ಪ್ರಕಾರ ಬಡ್ಡಿ ವಿಧಿಸಲಾಗುತ್ತದೆ. ಯಾವುದೇ ಮೊತ್ತವನ್ನು ಒಪ್ಪದಿದ್ದರೆ ಪಾವತಿ ದಿನಾಂಕಕ್ಕೆ ಮೊದಲೇ ತಿಳಿಸಿ ಮತ್ತು ವಿವಾದವಿಲ್ಲದ ಭಾಗವನ್ನು ಪಾವತಿಸಿ; ಉಳಿದ ಮೊತ್ತ ನಮ್ಮ ಉತ್ತರ ಬರುವವರೆಗೆ ತಡೆಹಿಡಿಯಲ್ಪಡುತ್ತದೆ.
)md"},
      }};
}

DemoKbArticle ContractRenewal() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"account-manager", "b2b", "contract", "renewal", "tiers"},
      .translations = {
          {"en", "Renewing your business contract",
           R"md(Business (B2B) accounts ship on a rate contract that runs for 12 months. This article explains when and how it is renewed and what changes between tiers.

## When is my renewal date?

Open the business portal and go to **Account → Contract**. You will see the start date, the renewal date, your tier and your account manager. We also e-mail the billing contact 60 days and 30 days before the renewal date.

## Notice period

The contract renews by itself for another 12 months at the current rates plus our published yearly revision, unless either side gives written notice **at least 30 days before the renewal date**. To end the contract or change its terms, write to your account manager, or to our sales team at sales@example.com if you do not have one.

## Tiers

| Tier | Parcels a month | What you get |
|---|---|---|
| Basic | Up to 500 | Standard rates, weekly COD remittance, e-mail support |
| Standard | 500 – 2,000 | Volume discount, COD remittance twice a week, pickups every working day |
| Premium | 2,000 – 10,000 | Better slab rates, daily COD remittance (D+2), a named account manager |
| Enterprise | More than 10,000 | Custom rates, 98% on-time delivery target, dedicated account team, API access, 30-day credit |

If your volume stays above your tier for three months in a row, you can ask to move up at any time. A move down happens only at renewal.

## How renewal works

1. **60 days before:** your account manager reviews your last 12 months of volume, delays and claims, and suggests a tier.
2. **Proposal:** you receive the rates, volume slabs and service terms for the next year. Ask questions or negotiate with your account manager.
3. **Signing:** the authorised signatory signs digitally in the business portal. The new rates apply from the renewal date; invoices before that date keep the old rates.

Basic and Standard accounts are looked after by our sales team; Premium and Enterprise accounts have a named account manager.

## Keep these up to date before renewal

- your GSTIN certificate, if your registration has changed,
- the letter naming your authorised signatory,
- the bank account for COD remittance.
)md"},
          {"hi", "अपना बिज़नेस कॉन्ट्रैक्ट रिन्यू करना",
           R"md(बिज़नेस (B2B) अकाउंट 12 महीने के रेट कॉन्ट्रैक्ट पर शिपिंग करते हैं। इस लेख में बताया गया है कि कॉन्ट्रैक्ट कब और कैसे रिन्यू होता है और अलग-अलग टियर में क्या फ़र्क है।

## मेरी रिन्यूअल तारीख कब है?

बिज़नेस पोर्टल खोलें और **अकाउंट → कॉन्ट्रैक्ट** में जाएँ। वहाँ शुरू होने की तारीख, रिन्यूअल की तारीख, आपका टियर और आपके अकाउंट मैनेजर का नाम दिखेगा। रिन्यूअल की तारीख से 60 दिन और 30 दिन पहले हम बिलिंग कॉन्टैक्ट को ई-मेल भी भेजते हैं।

## नोटिस पीरियड

कॉन्ट्रैक्ट मौजूदा रेट और हमारी सालाना घोषित बढ़ोतरी के साथ अपने-आप अगले 12 महीने के लिए रिन्यू हो जाता है, जब तक कोई भी पक्ष **रिन्यूअल की तारीख से कम से कम 30 दिन पहले** लिखित नोटिस न दे। कॉन्ट्रैक्ट ख़त्म करना हो या शर्तें बदलनी हों, तो अपने अकाउंट मैनेजर को लिखें; अकाउंट मैनेजर नहीं है तो हमारी सेल्स टीम को sales@example.com पर लिखें।

## टियर

| टियर | हर महीने पार्सल | क्या मिलता है |
|---|---|---|
| बेसिक | 500 तक | स्टैंडर्ड रेट, हर हफ़्ते COD रेमिटेंस, ई-मेल सपोर्ट |
| स्टैंडर्ड | 500 – 2,000 | वॉल्यूम डिस्काउंट, हफ़्ते में दो बार COD रेमिटेंस, हर कामकाजी दिन पिकअप |
| प्रीमियम | 2,000 – 10,000 | बेहतर स्लैब रेट, रोज़ COD रेमिटेंस (D+2), आपका अपना अकाउंट मैनेजर |
| एंटरप्राइज़ | 10,000 से ज़्यादा | ख़ास रेट, 98% समय पर डिलीवरी का लक्ष्य, अलग अकाउंट टीम, API एक्सेस, 30 दिन का क्रेडिट |

अगर आपका वॉल्यूम लगातार तीन महीने आपके टियर से ऊपर रहे, तो आप कभी भी ऊपर के टियर में जाने को कह सकते हैं। नीचे के टियर में बदलाव सिर्फ़ रिन्यूअल पर होता है।

## रिन्यूअल कैसे होता है

1. **60 दिन पहले:** आपके अकाउंट मैनेजर पिछले 12 महीने का वॉल्यूम, देरी और क्लेम देखकर आपके लिए टियर सुझाते हैं।
2. **प्रस्ताव:** आपको अगले साल के रेट, वॉल्यूम स्लैब और सेवा की शर्तें मिलती हैं। अपने अकाउंट मैनेजर से सवाल पूछें या मोलभाव करें।
3. **साइन करना:** अधिकृत हस्ताक्षरकर्ता बिज़नेस पोर्टल में डिजिटल साइन करते हैं। नए रेट रिन्यूअल की तारीख से लागू होते हैं; उससे पहले के इनवॉइस पुराने रेट पर ही रहते हैं।

बेसिक और स्टैंडर्ड अकाउंट हमारी सेल्स टीम संभालती है; प्रीमियम और एंटरप्राइज़ अकाउंट के लिए एक तय अकाउंट मैनेजर होता है।

## रिन्यूअल से पहले ये चीज़ें अपडेट रखें

- GSTIN सर्टिफ़िकेट, अगर आपका रजिस्ट्रेशन बदला है,
- अधिकृत हस्ताक्षरकर्ता का नाम बताने वाला पत्र,
- COD रेमिटेंस के लिए बैंक खाता।
)md"},
          {"kn", "ನಿಮ್ಮ ಬಿಸಿನೆಸ್ ಒಪ್ಪಂದದ ನವೀಕರಣ",
           R"md(ಬಿಸಿನೆಸ್ (B2B) ಖಾತೆಗಳು 12 ತಿಂಗಳ ದರ ಒಪ್ಪಂದದ ಮೇಲೆ ಶಿಪ್ ಮಾಡುತ್ತವೆ. ಒಪ್ಪಂದ ಯಾವಾಗ ಮತ್ತು ಹೇಗೆ ನವೀಕರಣ ಆಗುತ್ತದೆ ಮತ್ತು ಶ್ರೇಣಿಗಳ ನಡುವೆ ಏನು ವ್ಯತ್ಯಾಸ ಎಂಬುದನ್ನು ಈ ಲೇಖನ ವಿವರಿಸುತ್ತದೆ.

## ನನ್ನ ನವೀಕರಣ ದಿನಾಂಕ ಯಾವಾಗ?

ಬಿಸಿನೆಸ್ ಪೋರ್ಟಲ್ ತೆರೆದು **ಖಾತೆ → ಒಪ್ಪಂದ** ಗೆ ಹೋಗಿ. ಅಲ್ಲಿ ಆರಂಭದ ದಿನಾಂಕ, ನವೀಕರಣ ದಿನಾಂಕ, ನಿಮ್ಮ ಶ್ರೇಣಿ ಮತ್ತು ನಿಮ್ಮ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ ಹೆಸರು ಕಾಣುತ್ತದೆ. ನವೀಕರಣ ದಿನಾಂಕಕ್ಕೆ 60 ದಿನ ಮತ್ತು 30 ದಿನ ಮೊದಲು ಬಿಲ್ಲಿಂಗ್ ಸಂಪರ್ಕ ವ್ಯಕ್ತಿಗೆ ಇ-ಮೇಲ್ ಕೂಡ ಕಳುಹಿಸುತ್ತೇವೆ.

## ಸೂಚನಾ ಅವಧಿ

ಯಾವುದೇ ಪಕ್ಷ **ನವೀಕರಣ ದಿನಾಂಕಕ್ಕೆ ಕನಿಷ್ಠ 30 ದಿನ ಮೊದಲು** ಲಿಖಿತ ಸೂಚನೆ ನೀಡದಿದ್ದರೆ, ಒಪ್ಪಂದ ಈಗಿನ ದರಗಳು ಮತ್ತು ನಮ್ಮ ಪ್ರಕಟಿತ ವಾರ್ಷಿಕ ಪರಿಷ್ಕರಣೆಯೊಂದಿಗೆ ಇನ್ನೂ 12 ತಿಂಗಳಿಗೆ ತಾನಾಗಿಯೇ ನವೀಕರಣಗೊಳ್ಳುತ್ತದೆ. ಒಪ್ಪಂದ ಕೊನೆಗೊಳಿಸಲು ಅಥವಾ ನಿಯಮಗಳನ್ನು ಬದಲಿಸಲು ನಿಮ್ಮ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್‌ಗೆ ಬರೆಯಿರಿ; ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ ಇಲ್ಲದಿದ್ದರೆ ನಮ್ಮ ಸೇಲ್ಸ್ ತಂಡಕ್ಕೆ sales@example.com ಗೆ ಬರೆಯಿರಿ.

## ಶ್ರೇಣಿಗಳು

| ಶ್ರೇಣಿ | ತಿಂಗಳಿಗೆ ಪಾರ್ಸೆಲ್‌ಗಳು | ಏನು ಸಿಗುತ್ತದೆ |
|---|---|---|
| ಬೇಸಿಕ್ | 500 ವರೆಗೆ | ಸಾಮಾನ್ಯ ದರಗಳು, ವಾರಕ್ಕೊಮ್ಮೆ COD ರೆಮಿಟೆನ್ಸ್, ಇ-ಮೇಲ್ ಬೆಂಬಲ |
| ಸ್ಟ್ಯಾಂಡರ್ಡ್ | 500 – 2,000 | ಪ್ರಮಾಣದ ರಿಯಾಯಿತಿ, ವಾರಕ್ಕೆ ಎರಡು ಬಾರಿ COD ರೆಮಿಟೆನ್ಸ್, ಪ್ರತಿ ಕೆಲಸದ ದಿನ ಪಿಕಪ್ |
| ಪ್ರೀಮಿಯಂ | 2,000 – 10,000 | ಉತ್ತಮ ಸ್ಲ್ಯಾಬ್ ದರಗಳು, ಪ್ರತಿದಿನ COD ರೆಮಿಟೆನ್ಸ್ (D+2), ನಿಮ್ಮದೇ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ |
| ಎಂಟರ್‌ಪ್ರೈಸ್ | 10,000 ಕ್ಕಿಂತ ಹೆಚ್ಚು | ವಿಶೇಷ ದರಗಳು, 98% ಸಮಯಕ್ಕೆ ಡೆಲಿವರಿ ಗುರಿ, ಪ್ರತ್ಯೇಕ ಅಕೌಂಟ್ ತಂಡ, API ಪ್ರವೇಶ, 30 ದಿನಗಳ ಕ್ರೆಡಿಟ್ |

ನಿಮ್ಮ ಪ್ರಮಾಣ ಸತತ ಮೂರು ತಿಂಗಳು ನಿಮ್ಮ ಶ್ರೇಣಿಗಿಂತ ಹೆಚ್ಚಿದ್ದರೆ, ಯಾವಾಗ ಬೇಕಾದರೂ ಮೇಲಿನ ಶ್ರೇಣಿಗೆ ಹೋಗಲು ಕೇಳಬಹುದು. ಕೆಳಗಿನ ಶ್ರೇಣಿಗೆ ಬದಲಾವಣೆ ನವೀಕರಣದ ಸಮಯದಲ್ಲಿ ಮಾತ್ರ.

## ನವೀಕರಣ ಹೇಗೆ ನಡೆಯುತ್ತದೆ

1. **60 ದಿನ ಮೊದಲು:** ನಿಮ್ಮ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ ಕಳೆದ 12 ತಿಂಗಳ ಪ್ರಮಾಣ, ವಿಳಂಬ ಮತ್ತು ಕ್ಲೈಮ್‌ಗಳನ್ನು ಪರಿಶೀಲಿಸಿ ಶ್ರೇಣಿಯನ್ನು ಸೂಚಿಸುತ್ತಾರೆ.
2. **ಪ್ರಸ್ತಾವನೆ:** ಮುಂದಿನ ವರ್ಷದ ದರಗಳು, ಪ್ರಮಾಣದ ಸ್ಲ್ಯಾಬ್‌ಗಳು ಮತ್ತು ಸೇವಾ ನಿಯಮಗಳು ನಿಮಗೆ ಸಿಗುತ್ತವೆ. ಪ್ರಶ್ನೆ ಕೇಳಿ ಅಥವಾ ನಿಮ್ಮ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ ಜೊತೆ ಚೌಕಾಸಿ ಮಾಡಿ.
3. **ಸಹಿ:** ಅಧಿಕೃತ ಸಹಿದಾರರು ಬಿಸಿನೆಸ್ ಪೋರ್ಟಲ್‌ನಲ್ಲಿ ಡಿಜಿಟಲ್ ಸಹಿ ಮಾಡುತ್ತಾರೆ. ಹೊಸ ದರಗಳು ನವೀಕರಣ ದಿನಾಂಕದಿಂದ ಜಾರಿಗೆ ಬರುತ್ತವೆ; ಅದಕ್ಕಿಂತ ಮೊದಲಿನ ಇನ್‌ವಾಯ್ಸ್‌ಗಳು ಹಳೆಯ ದರದಲ್ಲೇ ಇರುತ್ತವೆ.

ಬೇಸಿಕ್ ಮತ್ತು ಸ್ಟ್ಯಾಂಡರ್ಡ್ ಖಾತೆಗಳನ್ನು ನಮ್ಮ ಸೇಲ್ಸ್ ತಂಡ ನೋಡಿಕೊಳ್ಳುತ್ತದೆ; ಪ್ರೀಮಿಯಂ ಮತ್ತು ಎಂಟರ್‌ಪ್ರೈಸ್ ಖಾತೆಗಳಿಗೆ ನಿಗದಿತ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ ಇರುತ್ತಾರೆ.

## ನವೀಕರಣಕ್ಕೆ ಮೊದಲು ಇವುಗಳನ್ನು ಅಪ್‌ಡೇಟ್ ಮಾಡಿ

- ನಿಮ್ಮ ನೋಂದಣಿ ಬದಲಾಗಿದ್ದರೆ GSTIN ಪ್ರಮಾಣಪತ್ರ,
- ಅಧಿಕೃತ ಸಹಿದಾರರ ಹೆಸರು ತಿಳಿಸುವ ಪತ್ರ,
- COD ರೆಮಿಟೆನ್ಸ್‌ಗಾಗಿ ಬ್ಯಾಂಕ್ ಖಾತೆ.
)md"},
      }};
}

}  // namespace sahayak::services::demo::kb_articles
