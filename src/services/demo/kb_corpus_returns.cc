// Demo articles for "Returns & refunds". Text only; see kb_corpus.h for the guarantees.
#include "services/demo/kb_corpus_articles.h"

namespace sahayak::services::demo::kb_articles {

DemoKbArticle ReturnsRefunds() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"pickup", "refund", "returns"},
      .translations = {
          {"en", "Returns and refunds: return windows, pickup and refund timelines",
           R"md(You can return most items bought on the Sahayak Express shop. Start the return from **My orders**; we pick the item up from your address, check it at our hub and refund you.

## Return windows

- **Clothing, sarees, shoes and bags:** 10 days from delivery, unused and with tags.
- **Home and kitchen** (mixer grinder, pressure cooker, dinner sets): 7 days, unused and in the original box.
- **Electronics** (mobile phones, laptops, speakers, watches): 7 days, replacement only, when the item is defective or arrived damaged.
- **Personal care, innerwear and food:** not returnable, unless the item is damaged or not what you ordered.

## How to return an item

1. Go to **My orders**, choose the order (its number starts with `OD`) and press **Return**.
2. Choose a reason. Add photos if the item is damaged or wrong.
3. Pick a pickup date. Pack the item in its original box with all accessories and the invoice.
4. Hand the parcel to our rider and keep the return receipt. It has a new AWB number, so you can track the return like any parcel.

We try a pickup twice. If both attempts fail, the return is cancelled and you can start it again within the return window.

## When will I get my refund?

The refund starts once the item passes the quality check at our hub, usually within 2 working days of the pickup.

| Payment method | Refund goes to | Time after the quality check |
|---|---|---|
| UPI | The same UPI ID | 1–3 working days |
| Debit or credit card | The same card | 5–7 working days |
| Net banking | The same bank account | 3–5 working days |
| Cash on delivery | The bank account or UPI ID you give in the return form | 3–5 working days |
| Sahayak wallet | Your wallet | Immediately |

Shipping charges are refunded only when the item was damaged, defective or wrong.

## The refund has not arrived

The refund e-mail has a reference number (RRN). Your bank can trace the money with it. If the time in the table has passed, write to us with the order number and the RRN and we will follow it up with the bank.
)md"},
          {"hi", "रिटर्न और रिफ़ंड: रिटर्न की समय-सीमा, पिकअप और रिफ़ंड कब तक",
           R"md(Sahayak Express शॉप से ख़रीदा गया ज़्यादातर सामान आप वापस कर सकते हैं। रिटर्न **मेरे ऑर्डर** से शुरू करें; हम आपके पते से सामान उठाते हैं, अपने हब पर जाँचते हैं और फिर आपको रिफ़ंड देते हैं।

## रिटर्न की समय-सीमा

- **कपड़े, साड़ी, जूते और बैग:** डिलीवरी से 10 दिन तक, बिना इस्तेमाल किए और टैग के साथ।
- **घर और रसोई का सामान** (मिक्सर ग्राइंडर, प्रेशर कुकर, डिनर सेट): 7 दिन तक, बिना इस्तेमाल किए और ओरिजिनल डिब्बे में।
- **इलेक्ट्रॉनिक्स** (मोबाइल फ़ोन, लैपटॉप, स्पीकर, घड़ी): 7 दिन तक, सिर्फ़ रिप्लेसमेंट, अगर सामान ख़राब निकला या टूटा हुआ पहुँचा।
- **पर्सनल केयर, इनरवियर और खाने का सामान:** वापस नहीं होता, जब तक सामान टूटा हुआ या ऑर्डर से अलग न हो।

## सामान वापस कैसे करें

1. **मेरे ऑर्डर** में जाएँ, ऑर्डर चुनें (इसका नंबर `OD` से शुरू होता है) और **रिटर्न करें** दबाएँ।
2. कारण चुनें। सामान टूटा हुआ या गलत है तो फ़ोटो भी लगाएँ।
3. पिकअप की तारीख चुनें। सामान को सारी एक्सेसरी और इनवॉइस के साथ ओरिजिनल डिब्बे में पैक करें।
4. पार्सल हमारे राइडर को दें और रिटर्न रसीद संभाल कर रखें। उस पर नया AWB नंबर होता है, जिससे आप रिटर्न को किसी भी पार्सल की तरह ट्रैक कर सकते हैं।

हम पिकअप की दो बार कोशिश करते हैं। दोनों बार पिकअप न हो पाए तो रिटर्न कैंसल हो जाता है, और आप रिटर्न की समय-सीमा के अंदर इसे फिर से शुरू कर सकते हैं।

## रिफ़ंड कब मिलेगा?

हमारे हब पर क्वालिटी चेक पास होते ही रिफ़ंड शुरू हो जाता है, आम तौर पर पिकअप के 2 कामकाजी दिनों के अंदर।

| भुगतान का तरीका | रिफ़ंड कहाँ आएगा | क्वालिटी चेक के बाद लगने वाला समय |
|---|---|---|
| UPI | उसी UPI ID में | 1–3 कामकाजी दिन |
| डेबिट या क्रेडिट कार्ड | उसी कार्ड में | 5–7 कामकाजी दिन |
| नेट बैंकिंग | उसी बैंक खाते में | 3–5 कामकाजी दिन |
| कैश ऑन डिलीवरी | रिटर्न फ़ॉर्म में दिए बैंक खाते या UPI ID में | 3–5 कामकाजी दिन |
| Sahayak वॉलेट | आपके वॉलेट में | तुरंत |

शिपिंग चार्ज तभी वापस होता है जब सामान टूटा हुआ, ख़राब या गलत हो।

## रिफ़ंड अभी तक नहीं आया

रिफ़ंड वाले ई-मेल में एक रेफ़रेंस नंबर (RRN) होता है। इससे आपका बैंक पैसे का पता लगा सकता है। अगर टेबल में दिया समय निकल चुका है, तो ऑर्डर नंबर और RRN के साथ हमें लिखें, हम बैंक से बात करेंगे।
)md"},
          {"kn", "ರಿಟರ್ನ್ ಮತ್ತು ರಿಫಂಡ್: ರಿಟರ್ನ್ ಅವಧಿ, ಪಿಕಪ್ ಮತ್ತು ರಿಫಂಡ್ ಸಮಯ",
           R"md(Sahayak Express ಶಾಪ್‌ನಲ್ಲಿ ಖರೀದಿಸಿದ ಹೆಚ್ಚಿನ ವಸ್ತುಗಳನ್ನು ನೀವು ಹಿಂದಿರುಗಿಸಬಹುದು. **ನನ್ನ ಆರ್ಡರ್‌ಗಳು** ಪುಟದಿಂದ ರಿಟರ್ನ್ ಶುರು ಮಾಡಿ; ನಾವು ನಿಮ್ಮ ವಿಳಾಸದಿಂದ ವಸ್ತು ಪಿಕಪ್ ಮಾಡಿ, ನಮ್ಮ ಹಬ್‌ನಲ್ಲಿ ಪರಿಶೀಲಿಸಿ, ನಿಮಗೆ ರಿಫಂಡ್ ನೀಡುತ್ತೇವೆ.

## ರಿಟರ್ನ್ ಅವಧಿ

- **ಬಟ್ಟೆ, ಸೀರೆ, ಶೂ ಮತ್ತು ಬ್ಯಾಗ್:** ಡೆಲಿವರಿಯಿಂದ 10 ದಿನ, ಬಳಸದೆ ಮತ್ತು ಟ್ಯಾಗ್ ಸಹಿತ.
- **ಮನೆ ಮತ್ತು ಅಡುಗೆಮನೆ ವಸ್ತುಗಳು** (ಮಿಕ್ಸರ್ ಗ್ರೈಂಡರ್, ಪ್ರೆಶರ್ ಕುಕ್ಕರ್, ಡಿನ್ನರ್ ಸೆಟ್): 7 ದಿನ, ಬಳಸದೆ ಮತ್ತು ಮೂಲ ಪೆಟ್ಟಿಗೆಯಲ್ಲಿ.
- **ಎಲೆಕ್ಟ್ರಾನಿಕ್ಸ್** (ಮೊಬೈಲ್ ಫೋನ್, ಲ್ಯಾಪ್‌ಟಾಪ್, ಸ್ಪೀಕರ್, ಕೈಗಡಿಯಾರ): 7 ದಿನ, ಬದಲಿ ಮಾತ್ರ, ವಸ್ತು ದೋಷಪೂರಿತವಾಗಿದ್ದರೆ ಅಥವಾ ಹಾನಿಯಾಗಿ ಬಂದಿದ್ದರೆ.
- **ವೈಯಕ್ತಿಕ ಆರೈಕೆ, ಒಳಉಡುಪು ಮತ್ತು ಆಹಾರ:** ಹಿಂದಿರುಗಿಸಲು ಆಗುವುದಿಲ್ಲ, ವಸ್ತು ಹಾನಿಯಾಗಿದ್ದರೆ ಅಥವಾ ನೀವು ಆರ್ಡರ್ ಮಾಡಿದ್ದಕ್ಕಿಂತ ಬೇರೆ ಆಗಿದ್ದರೆ ಮಾತ್ರ ಸಾಧ್ಯ.

## ವಸ್ತು ಹಿಂದಿರುಗಿಸುವುದು ಹೇಗೆ

1. **ನನ್ನ ಆರ್ಡರ್‌ಗಳು** ತೆರೆದು ಆರ್ಡರ್ ಆಯ್ಕೆ ಮಾಡಿ (ಅದರ ಸಂಖ್ಯೆ `OD` ಇಂದ ಶುರುವಾಗುತ್ತದೆ) ಮತ್ತು **ರಿಟರ್ನ್** ಒತ್ತಿರಿ.
2. ಕಾರಣ ಆಯ್ಕೆ ಮಾಡಿ. ವಸ್ತು ಹಾನಿಯಾಗಿದ್ದರೆ ಅಥವಾ ತಪ್ಪಾಗಿದ್ದರೆ ಫೋಟೋ ಸೇರಿಸಿ.
3. ಪಿಕಪ್ ದಿನಾಂಕ ಆಯ್ಕೆ ಮಾಡಿ. ಎಲ್ಲಾ ಪರಿಕರಗಳು ಮತ್ತು ಇನ್‌ವಾಯ್ಸ್ ಜೊತೆಗೆ ವಸ್ತುವನ್ನು ಮೂಲ ಪೆಟ್ಟಿಗೆಯಲ್ಲಿ ಪ್ಯಾಕ್ ಮಾಡಿ.
4. ಪಾರ್ಸೆಲ್ ಅನ್ನು ನಮ್ಮ ರೈಡರ್‌ಗೆ ನೀಡಿ ಮತ್ತು ರಿಟರ್ನ್ ರಸೀದಿ ಇಟ್ಟುಕೊಳ್ಳಿ. ಅದರಲ್ಲಿ ಹೊಸ AWB ಸಂಖ್ಯೆ ಇರುತ್ತದೆ, ಅದರಿಂದ ರಿಟರ್ನ್ ಅನ್ನು ಯಾವುದೇ ಪಾರ್ಸೆಲ್‌ನಂತೆ ಟ್ರ್ಯಾಕ್ ಮಾಡಬಹುದು.

ನಾವು ಎರಡು ಬಾರಿ ಪಿಕಪ್ ಪ್ರಯತ್ನಿಸುತ್ತೇವೆ. ಎರಡೂ ಬಾರಿ ವಿಫಲವಾದರೆ ರಿಟರ್ನ್ ರದ್ದಾಗುತ್ತದೆ; ರಿಟರ್ನ್ ಅವಧಿಯೊಳಗೆ ಮತ್ತೆ ಶುರು ಮಾಡಬಹುದು.

## ರಿಫಂಡ್ ಯಾವಾಗ ಸಿಗುತ್ತದೆ?

ನಮ್ಮ ಹಬ್‌ನಲ್ಲಿ ಗುಣಮಟ್ಟ ಪರಿಶೀಲನೆ ಮುಗಿದ ತಕ್ಷಣ ರಿಫಂಡ್ ಶುರುವಾಗುತ್ತದೆ, ಸಾಮಾನ್ಯವಾಗಿ ಪಿಕಪ್ ಆದ 2 ಕೆಲಸದ ದಿನಗಳ ಒಳಗೆ.

| ಪಾವತಿ ವಿಧಾನ | ರಿಫಂಡ್ ಎಲ್ಲಿಗೆ | ಗುಣಮಟ್ಟ ಪರಿಶೀಲನೆಯ ನಂತರ ಸಮಯ |
|---|---|---|
| UPI | ಅದೇ UPI ID ಗೆ | 1–3 ಕೆಲಸದ ದಿನಗಳು |
| ಡೆಬಿಟ್ ಅಥವಾ ಕ್ರೆಡಿಟ್ ಕಾರ್ಡ್ | ಅದೇ ಕಾರ್ಡ್‌ಗೆ | 5–7 ಕೆಲಸದ ದಿನಗಳು |
| ನೆಟ್ ಬ್ಯಾಂಕಿಂಗ್ | ಅದೇ ಬ್ಯಾಂಕ್ ಖಾತೆಗೆ | 3–5 ಕೆಲಸದ ದಿನಗಳು |
| ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ | ರಿಟರ್ನ್ ಫಾರ್ಮ್‌ನಲ್ಲಿ ನೀಡಿದ ಬ್ಯಾಂಕ್ ಖಾತೆ ಅಥವಾ UPI ID ಗೆ | 3–5 ಕೆಲಸದ ದಿನಗಳು |
| Sahayak ವಾಲೆಟ್ | ನಿಮ್ಮ ವಾಲೆಟ್‌ಗೆ | ತಕ್ಷಣ |

ವಸ್ತು ಹಾನಿಯಾಗಿದ್ದರೆ, ದೋಷಪೂರಿತವಾಗಿದ್ದರೆ ಅಥವಾ ತಪ್ಪಾಗಿದ್ದರೆ ಮಾತ್ರ ಶಿಪ್ಪಿಂಗ್ ಶುಲ್ಕ ವಾಪಸ್ ನೀಡಲಾಗುತ್ತದೆ.

## ರಿಫಂಡ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ

ರಿಫಂಡ್ ಇ-ಮೇಲ್‌ನಲ್ಲಿ ಒಂದು ರೆಫರೆನ್ಸ್ ಸಂಖ್ಯೆ (RRN) ಇರುತ್ತದೆ. ಅದರಿಂದ ನಿಮ್ಮ ಬ್ಯಾಂಕ್ ಹಣವನ್ನು ಪತ್ತೆ ಮಾಡಬಹುದು. ಟೇಬಲ್‌ನಲ್ಲಿರುವ ಸಮಯ ಮೀರಿದ್ದರೆ, ಆರ್ಡರ್ ಸಂಖ್ಯೆ ಮತ್ತು RRN ಜೊತೆಗೆ ನಮಗೆ ಬರೆಯಿರಿ; ನಾವು ಬ್ಯಾಂಕ್ ಜೊತೆ ಮಾತನಾಡುತ್ತೇವೆ.
)md"},
      }};
}

DemoKbArticle CodDisputes() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"cod", "payment", "remittance"},
      .translations = {
          {"en", "Cash on delivery (COD) disputes: wrong amount, paid but unpaid, remittance",
           R"md(This article is for customers who pay cash on delivery (COD) and for sellers who receive the COD money we collect for them.

## The rider asked for a different amount

The COD amount is printed on the label and shown in tracking. The rider cannot change it.

- If the rider asks for **more** than the label says, do not pay. Refuse politely and call our helpline on 1800-000-0000; we will deliver again at the right amount.
- If the label amount itself is wrong (for example a discount was not applied), contact the seller before delivery. Only the seller can change the COD amount.
- Pay by UPI only to the QR code on the rider's device; it shows "Sahayak Express" as the payee. Never pay to a personal UPI ID, and always ask for the receipt.

## I paid, but the order still shows unpaid

This happens when the rider's app could not sync, or when a UPI payment failed at the bank after showing success on your phone.

1. Keep the receipt, or the 12-digit UPI transaction reference (UTR) from your payment app.
2. Write to us with the AWB number and a photo of the receipt or the UTR.
3. We match it with the rider's cash deposit or the bank statement within 2 working days and mark the order paid.

You will never be asked to pay twice. You can ignore reminders for the same order while we check.

## For sellers: COD remittance

We transfer the COD money collected for your parcels to your registered bank account. How often depends on your plan:

| Plan | Remittance cycle | Example |
|---|---|---|
| Basic | Weekly, every Friday | Delivered Monday to Sunday, paid the next Friday |
| Standard | Twice a week, Tuesday and Friday | Delivered by Sunday, paid on Tuesday |
| Premium and Enterprise | Daily, two working days after delivery (D+2) | Delivered Monday, paid Wednesday |

Every remittance comes with a statement that lists the AWB numbers and amounts. If an amount is missing:

- check whether the parcel was delivered or went back to you (RTO parcels carry no COD money),
- check the next cycle if the parcel was delivered after the cut-off at 6 pm on the day before the remittance,
- otherwise raise a remittance dispute with the statement date and the AWB numbers. Our accounts team replies within 3 working days.
)md"},
          {"hi", "कैश ऑन डिलीवरी (COD) विवाद: गलत रकम, पैसे दिए पर अनपेड दिख रहा, रेमिटेंस",
           R"md(यह लेख कैश ऑन डिलीवरी (COD) से भुगतान करने वाले ग्राहकों और हमसे COD का पैसा पाने वाले सेलर्स के लिए है।

## राइडर ने अलग रकम माँगी

COD की रकम लेबल पर छपी होती है और ट्रैकिंग में भी दिखती है। राइडर इसे बदल नहीं सकता।

- अगर राइडर लेबल से **ज़्यादा** पैसे माँगे, तो भुगतान न करें। विनम्रता से मना करें और हमारी हेल्पलाइन 1800-000-0000 पर कॉल करें; हम सही रकम पर दोबारा डिलीवरी करेंगे।
- अगर लेबल पर ही रकम गलत है (जैसे डिस्काउंट नहीं लगा), तो डिलीवरी से पहले सेलर से बात करें। COD की रकम सिर्फ़ सेलर बदल सकता है।
- UPI भुगतान सिर्फ़ राइडर के डिवाइस वाले QR कोड पर करें, उसमें पाने वाले का नाम "Sahayak Express" होता है। किसी निजी UPI ID पर कभी पैसे न भेजें और रसीद ज़रूर माँगें।

## पैसे दे दिए, फिर भी ऑर्डर अनपेड दिख रहा है

ऐसा तब होता है जब राइडर का ऐप सिंक नहीं हो पाया, या UPI भुगतान आपके फ़ोन पर सफल दिखने के बाद बैंक में फ़ेल हो गया।

1. रसीद, या अपने पेमेंट ऐप से 12 अंकों का UPI ट्रांज़ैक्शन रेफ़रेंस (UTR) संभाल कर रखें।
2. AWB नंबर और रसीद की फ़ोटो या UTR के साथ हमें लिखें।
3. हम 2 कामकाजी दिनों के अंदर इसे राइडर के जमा किए कैश या बैंक स्टेटमेंट से मिलाकर ऑर्डर को पेड कर देते हैं।

आपसे दो बार भुगतान कभी नहीं माँगा जाएगा; जाँच के दौरान आए रिमाइंडर अनदेखा करें।

## सेलर्स के लिए: COD रेमिटेंस

आपके पार्सल का COD पैसा हम आपके रजिस्टर्ड बैंक खाते में भेजते हैं। कितनी बार, यह प्लान पर निर्भर है:

| प्लान | रेमिटेंस साइकिल | उदाहरण |
|---|---|---|
| बेसिक | हर हफ़्ते, शुक्रवार को | सोमवार से रविवार तक डिलीवर, अगले शुक्रवार को भुगतान |
| स्टैंडर्ड | हफ़्ते में दो बार, मंगलवार और शुक्रवार | रविवार तक डिलीवर, मंगलवार को भुगतान |
| प्रीमियम और एंटरप्राइज़ | रोज़, डिलीवरी के दो कामकाजी दिन बाद (D+2) | सोमवार को डिलीवर, बुधवार को भुगतान |

हर रेमिटेंस के साथ एक स्टेटमेंट आता है जिसमें AWB नंबर और रकम लिखी होती है। अगर कोई रकम नहीं आई है:

- देखें कि पार्सल डिलीवर हुआ था या आपके पास वापस आया (RTO पार्सल पर COD पैसा नहीं होता),
- अगर पार्सल रेमिटेंस से एक दिन पहले शाम 6 बजे की कट-ऑफ़ के बाद डिलीवर हुआ, तो अगला साइकिल देखें,
- वरना स्टेटमेंट की तारीख और AWB नंबरों के साथ रेमिटेंस विवाद दर्ज करें। हमारी अकाउंट्स टीम 3 कामकाजी दिनों में जवाब देती है।
)md"},
          {"kn", "ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ (COD) ವಿವಾದಗಳು: ತಪ್ಪು ಮೊತ್ತ, ಪಾವತಿಸಿದರೂ ಬಾಕಿ ಎಂದು ತೋರಿಸುವುದು, ರೆಮಿಟೆನ್ಸ್",
           R"md(ಈ ಲೇಖನ ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ (COD) ಮೂಲಕ ಪಾವತಿಸುವ ಗ್ರಾಹಕರಿಗೆ ಮತ್ತು ನಾವು ಸಂಗ್ರಹಿಸುವ COD ಹಣವನ್ನು ಪಡೆಯುವ ಮಾರಾಟಗಾರರಿಗೆ.

## ರೈಡರ್ ಬೇರೆ ಮೊತ್ತ ಕೇಳಿದರು

COD ಮೊತ್ತ ಲೇಬಲ್ ಮೇಲೆ ಮುದ್ರಿತವಾಗಿರುತ್ತದೆ ಮತ್ತು ಟ್ರ್ಯಾಕಿಂಗ್‌ನಲ್ಲೂ ಕಾಣುತ್ತದೆ. ರೈಡರ್ ಅದನ್ನು ಬದಲಿಸಲು ಸಾಧ್ಯವಿಲ್ಲ.

- ರೈಡರ್ ಲೇಬಲ್‌ಗಿಂತ **ಹೆಚ್ಚು** ಹಣ ಕೇಳಿದರೆ ಪಾವತಿಸಬೇಡಿ. ವಿನಯದಿಂದ ನಿರಾಕರಿಸಿ ಮತ್ತು ನಮ್ಮ ಸಹಾಯವಾಣಿ 1800-000-0000 ಗೆ ಕರೆ ಮಾಡಿ; ಸರಿಯಾದ ಮೊತ್ತಕ್ಕೆ ಮತ್ತೆ ಡೆಲಿವರಿ ಮಾಡುತ್ತೇವೆ.
- ಲೇಬಲ್‌ನಲ್ಲಿರುವ ಮೊತ್ತವೇ ತಪ್ಪಾಗಿದ್ದರೆ (ಉದಾಹರಣೆಗೆ ರಿಯಾಯಿತಿ ಸೇರಿಸಿಲ್ಲ), ಡೆಲಿವರಿಗೆ ಮೊದಲು ಮಾರಾಟಗಾರರನ್ನು ಸಂಪರ್ಕಿಸಿ. COD ಮೊತ್ತವನ್ನು ಮಾರಾಟಗಾರರು ಮಾತ್ರ ಬದಲಿಸಬಹುದು.
- UPI ಮೂಲಕ ಪಾವತಿಸುವುದಾದರೆ ರೈಡರ್‌ನ ಸಾಧನದಲ್ಲಿರುವ QR ಕೋಡ್‌ಗೆ ಮಾತ್ರ ಪಾವತಿಸಿ; ಅದರಲ್ಲಿ ಹಣ ಪಡೆಯುವವರ ಹೆಸರು "Sahayak Express" ಎಂದು ಇರುತ್ತದೆ. ಯಾವುದೇ ವೈಯಕ್ತಿಕ UPI ID ಗೆ ಹಣ ಕಳುಹಿಸಬೇಡಿ, ರಸೀದಿ ತಪ್ಪದೇ ಕೇಳಿ.

## ಹಣ ಕೊಟ್ಟಿದ್ದೇನೆ, ಆದರೂ ಆರ್ಡರ್ ಬಾಕಿ ಎಂದು ತೋರಿಸುತ್ತಿದೆ

ರೈಡರ್‌ನ ಆ್ಯಪ್ ಸಿಂಕ್ ಆಗದಿದ್ದಾಗ, ಅಥವಾ ನಿಮ್ಮ ಫೋನ್‌ನಲ್ಲಿ ಯಶಸ್ವಿ ಎಂದು ತೋರಿಸಿದ UPI ಪಾವತಿ ಬ್ಯಾಂಕ್‌ನಲ್ಲಿ ವಿಫಲವಾದಾಗ ಹೀಗಾಗುತ್ತದೆ.

1. ರಸೀದಿ ಅಥವಾ ನಿಮ್ಮ ಪೇಮೆಂಟ್ ಆ್ಯಪ್‌ನಲ್ಲಿರುವ 12 ಅಂಕಿಯ UPI ವಹಿವಾಟು ಉಲ್ಲೇಖ ಸಂಖ್ಯೆ (UTR) ಇಟ್ಟುಕೊಳ್ಳಿ.
2. AWB ಸಂಖ್ಯೆ ಮತ್ತು ರಸೀದಿಯ ಫೋಟೋ ಅಥವಾ UTR ಜೊತೆಗೆ ನಮಗೆ ಬರೆಯಿರಿ.
3. 2 ಕೆಲಸದ ದಿನಗಳ ಒಳಗೆ ನಾವು ಅದನ್ನು ರೈಡರ್ ಜಮಾ ಮಾಡಿದ ನಗದು ಅಥವಾ ಬ್ಯಾಂಕ್ ಸ್ಟೇಟ್‌ಮೆಂಟ್ ಜೊತೆ ಹೊಂದಿಸಿ ಆರ್ಡರ್ ಅನ್ನು ಪಾವತಿಯಾಗಿದೆ ಎಂದು ಗುರುತಿಸುತ್ತೇವೆ.

ನಿಮ್ಮಿಂದ ಎಂದಿಗೂ ಎರಡು ಬಾರಿ ಹಣ ಕೇಳುವುದಿಲ್ಲ. ಪರಿಶೀಲನೆ ನಡೆಯುವಾಗ ಅದೇ ಆರ್ಡರ್‌ನ ಜ್ಞಾಪನೆಗಳನ್ನು ನಿರ್ಲಕ್ಷಿಸಬಹುದು.

## ಮಾರಾಟಗಾರರಿಗೆ: COD ರೆಮಿಟೆನ್ಸ್

ನಿಮ್ಮ ಪಾರ್ಸೆಲ್‌ಗಳಿಗೆ ಸಂಗ್ರಹಿಸಿದ COD ಹಣವನ್ನು ನಿಮ್ಮ ನೋಂದಾಯಿತ ಬ್ಯಾಂಕ್ ಖಾತೆಗೆ ವರ್ಗಾಯಿಸುತ್ತೇವೆ. ಎಷ್ಟು ಬಾರಿ ಎಂಬುದು ನಿಮ್ಮ ಪ್ಲಾನ್ ಅವಲಂಬಿಸಿದೆ:

| ಪ್ಲಾನ್ | ರೆಮಿಟೆನ್ಸ್ ಅವಧಿ | ಉದಾಹರಣೆ |
|---|---|---|
| ಬೇಸಿಕ್ | ವಾರಕ್ಕೊಮ್ಮೆ, ಪ್ರತಿ ಶುಕ್ರವಾರ | ಸೋಮವಾರದಿಂದ ಭಾನುವಾರದವರೆಗೆ ಡೆಲಿವರಿ, ಮುಂದಿನ ಶುಕ್ರವಾರ ಪಾವತಿ |
| ಸ್ಟ್ಯಾಂಡರ್ಡ್ | ವಾರಕ್ಕೆ ಎರಡು ಬಾರಿ, ಮಂಗಳವಾರ ಮತ್ತು ಶುಕ್ರವಾರ | ಭಾನುವಾರದೊಳಗೆ ಡೆಲಿವರಿ, ಮಂಗಳವಾರ ಪಾವತಿ |
| ಪ್ರೀಮಿಯಂ ಮತ್ತು ಎಂಟರ್‌ಪ್ರೈಸ್ | ಪ್ರತಿದಿನ, ಡೆಲಿವರಿಯ ಎರಡು ಕೆಲಸದ ದಿನಗಳ ನಂತರ (D+2) | ಸೋಮವಾರ ಡೆಲಿವರಿ, ಬುಧವಾರ ಪಾವತಿ |

ಪ್ರತಿ ರೆಮಿಟೆನ್ಸ್ ಜೊತೆಗೆ AWB ಸಂಖ್ಯೆಗಳು ಮತ್ತು ಮೊತ್ತಗಳ ಪಟ್ಟಿ ಇರುವ ಸ್ಟೇಟ್‌ಮೆಂಟ್ ಬರುತ್ತದೆ. ಯಾವುದಾದರೂ ಮೊತ್ತ ಬಂದಿಲ್ಲದಿದ್ದರೆ:

- ಪಾರ್ಸೆಲ್ ಡೆಲಿವರಿ ಆಗಿತ್ತೇ ಅಥವಾ ನಿಮಗೆ ವಾಪಸ್ ಬಂತೇ ಎಂದು ನೋಡಿ (RTO ಪಾರ್ಸೆಲ್‌ಗಳಿಗೆ COD ಹಣ ಇರುವುದಿಲ್ಲ),
- ರೆಮಿಟೆನ್ಸ್‌ನ ಹಿಂದಿನ ದಿನ ಸಂಜೆ 6 ಗಂಟೆಯ ಕಟ್-ಆಫ್ ನಂತರ ಡೆಲಿವರಿ ಆಗಿದ್ದರೆ ಮುಂದಿನ ಅವಧಿ ನೋಡಿ,
- ಇಲ್ಲದಿದ್ದರೆ ಸ್ಟೇಟ್‌ಮೆಂಟ್ ದಿನಾಂಕ ಮತ್ತು AWB ಸಂಖ್ಯೆಗಳೊಂದಿಗೆ ರೆಮಿಟೆನ್ಸ್ ವಿವಾದ ದಾಖಲಿಸಿ. ನಮ್ಮ ಅಕೌಂಟ್ಸ್ ತಂಡ 3 ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ಉತ್ತರಿಸುತ್ತದೆ.
)md"},
      }};
}

DemoKbArticle LostParcelClaim() {
  return DemoKbArticle{
      .internal = true,
      .tags = {"claim", "lost-parcel", "procedure"},
      .translations = {
          {"en", "Handling a lost-parcel claim (procedure)",
           R"md(*Internal – for agents of Shipping and Quality Control. Do not quote liability limits to a customer before the claim is approved.*

A parcel counts as lost when it has had no scan for 7 days and the last hub cannot find it in a hub trace. A parcel shown as **Delivered** that the customer did not receive follows the proof-of-delivery check instead, not this procedure.

## Step by step

1. **Check.** Open the AWB and confirm the last scan. Make sure there is no Delivered or RTO scan.
2. **Trace.** Raise a hub trace with the last hub from the shipment panel. The hub has 48 hours to search and reply.
3. **Declare lost.** If the trace fails, add the tag `lost-parcel` to the ticket and ask your team lead to set the shipment to *Lost*.
4. **Collect documents** from the claimant: the invoice of the goods and an ID proof; for business accounts also a debit note on their letterhead.
5. **Work out the amount** with the table below and write it in an internal note.
6. **Get approval.** Up to ₹10,000 you approve yourself; up to ₹50,000 the team lead; above that the Quality Control manager.
7. **Pay and close.** Accounts Receivable pays within 7 working days. Put the claim reference in the ticket, tell the customer, and solve the ticket.

## What we pay

| Shipment | Amount |
|---|---|
| Order from our shop | Full order value, including shipping |
| Business account, no insurance | Invoice value or ₹5,000, whichever is lower |
| Business account with Sahayak insurance | Invoice value, up to the insured amount |
| International shipment | As per contract; customs duty already paid is not refunded |

## Do and don't

- Update the customer at least every 2 working days, with the date of the next step.
- Do not promise a refund before the trace is over.
- If the parcel turns up after the claim is paid, do not deliver it. Hand it to Quality Control, who contact the customer.
)md"},
          {"hi", "खोए हुए पार्सल का क्लेम कैसे संभालें (प्रक्रिया)",
           R"md(*आंतरिक – सिर्फ़ शिपिंग और क्वालिटी कंट्रोल के एजेंटों के लिए। क्लेम मंज़ूर होने से पहले ग्राहक को मुआवज़े की सीमा न बताएँ।*

पार्सल तब खोया हुआ माना जाता है जब 7 दिन से उसका कोई स्कैन नहीं हुआ हो और आख़िरी हब की खोज (हब ट्रेस) में भी वह न मिले। अगर पार्सल **डिलीवर हो गया** दिख रहा है पर ग्राहक को नहीं मिला, तो इस प्रक्रिया की जगह प्रूफ़ ऑफ़ डिलीवरी की जाँच करें।

## एक-एक कदम

1. **जाँचें।** AWB खोलें और आख़िरी स्कैन देखें। पक्का करें कि कोई डिलीवर या RTO स्कैन नहीं है।
2. **ट्रेस करें।** शिपमेंट पैनल से आख़िरी हब के साथ हब ट्रेस दर्ज करें। हब के पास खोजकर जवाब देने के लिए 48 घंटे होते हैं।
3. **खोया घोषित करें।** ट्रेस में न मिले तो टिकट पर `lost-parcel` टैग लगाएँ और अपने टीम लीड से शिपमेंट को *Lost* करवाएँ।
4. **दस्तावेज़ लें।** क्लेम करने वाले से सामान का इनवॉइस और पहचान पत्र लें; बिज़नेस अकाउंट से उनके लेटरहेड पर डेबिट नोट भी।
5. **रकम तय करें।** नीचे दी टेबल से रकम निकालें और इंटरनल नोट में लिखें।
6. **मंज़ूरी लें।** ₹10,000 तक आप ख़ुद मंज़ूर कर सकते हैं; ₹50,000 तक टीम लीड; उससे ऊपर क्वालिटी कंट्रोल मैनेजर।
7. **भुगतान और टिकट बंद।** अकाउंट्स रिसीवेबल 7 कामकाजी दिनों में भुगतान करता है। क्लेम रेफ़रेंस टिकट में लिखें, ग्राहक को बताएँ और टिकट सॉल्व करें।

## हम कितना देते हैं

| शिपमेंट | रकम |
|---|---|
| हमारी शॉप का ऑर्डर | शिपिंग समेत ऑर्डर की पूरी रकम |
| बिज़नेस अकाउंट, बिना बीमा | इनवॉइस की रकम या ₹5,000, जो भी कम हो |
| बिज़नेस अकाउंट, Sahayak बीमा के साथ | इनवॉइस की रकम, बीमा की रकम तक |
| अंतरराष्ट्रीय शिपमेंट | कॉन्ट्रैक्ट के हिसाब से; भरी जा चुकी कस्टम ड्यूटी वापस नहीं होती |

## क्या करें, क्या न करें

- ग्राहक को कम से कम हर 2 कामकाजी दिन में अपडेट दें, अगले कदम की तारीख के साथ।
- ट्रेस पूरा होने से पहले रिफ़ंड का वादा न करें।
- अगर क्लेम का भुगतान होने के बाद पार्सल मिल जाए, तो उसे डिलीवर न करें। उसे क्वालिटी कंट्रोल को सौंपें, वे ग्राहक से बात करेंगे।
)md"},
          {"kn", "ಕಳೆದುಹೋದ ಪಾರ್ಸೆಲ್ ಕ್ಲೈಮ್ ನಿರ್ವಹಣೆ (ಕ್ರಮ)",
           R"md(*ಆಂತರಿಕ – ಶಿಪ್ಪಿಂಗ್ ಮತ್ತು ಗುಣಮಟ್ಟ ನಿಯಂತ್ರಣ ತಂಡದ ಏಜೆಂಟರಿಗೆ ಮಾತ್ರ. ಕ್ಲೈಮ್ ಅನುಮೋದನೆಯಾಗುವ ಮೊದಲು ಪರಿಹಾರದ ಮಿತಿಯನ್ನು ಗ್ರಾಹಕರಿಗೆ ಹೇಳಬೇಡಿ.*

7 ದಿನಗಳಿಂದ ಯಾವುದೇ ಸ್ಕ್ಯಾನ್ ಇಲ್ಲದ ಮತ್ತು ಕೊನೆಯ ಹಬ್‌ನ ಹುಡುಕಾಟದಲ್ಲಿ (ಹಬ್ ಟ್ರೇಸ್) ಸಿಗದ ಪಾರ್ಸೆಲ್ ಅನ್ನು ಕಳೆದುಹೋಗಿದೆ ಎಂದು ಪರಿಗಣಿಸಲಾಗುತ್ತದೆ. **ಡೆಲಿವರಿ ಆಗಿದೆ** ಎಂದು ತೋರಿಸಿದರೂ ಗ್ರಾಹಕರಿಗೆ ಸಿಗದ ಪಾರ್ಸೆಲ್‌ಗೆ ಈ ಕ್ರಮದ ಬದಲು ಡೆಲಿವರಿ ಪುರಾವೆ ಪರಿಶೀಲನೆ ಮಾಡಿ.

## ಹಂತ ಹಂತವಾಗಿ

1. **ಪರಿಶೀಲಿಸಿ.** AWB ತೆರೆದು ಕೊನೆಯ ಸ್ಕ್ಯಾನ್ ನೋಡಿ. ಡೆಲಿವರಿ ಅಥವಾ RTO ಸ್ಕ್ಯಾನ್ ಇಲ್ಲ ಎಂದು ಖಚಿತಪಡಿಸಿಕೊಳ್ಳಿ.
2. **ಟ್ರೇಸ್ ಮಾಡಿ.** ಶಿಪ್‌ಮೆಂಟ್ ಪ್ಯಾನೆಲ್‌ನಿಂದ ಕೊನೆಯ ಹಬ್‌ಗೆ ಹಬ್ ಟ್ರೇಸ್ ದಾಖಲಿಸಿ. ಹುಡುಕಿ ಉತ್ತರಿಸಲು ಹಬ್‌ಗೆ 48 ಗಂಟೆಗಳಿವೆ.
3. **ಕಳೆದುಹೋಗಿದೆ ಎಂದು ಘೋಷಿಸಿ.** ಟ್ರೇಸ್‌ನಲ್ಲಿ ಸಿಗದಿದ್ದರೆ ಟಿಕೆಟ್‌ಗೆ `lost-parcel` ಟ್ಯಾಗ್ ಸೇರಿಸಿ ಮತ್ತು ಶಿಪ್‌ಮೆಂಟ್ ಅನ್ನು *Lost* ಮಾಡಲು ನಿಮ್ಮ ಟೀಮ್ ಲೀಡ್‌ಗೆ ಕೇಳಿ.
4. **ದಾಖಲೆಗಳನ್ನು ಪಡೆಯಿರಿ.** ಕ್ಲೈಮ್ ಮಾಡುವವರಿಂದ ವಸ್ತುಗಳ ಇನ್‌ವಾಯ್ಸ್ ಮತ್ತು ಗುರುತಿನ ಪುರಾವೆ; ಬಿಸಿನೆಸ್ ಖಾತೆಗಳಿಂದ ಅವರ ಲೆಟರ್‌ಹೆಡ್‌ನಲ್ಲಿ ಡೆಬಿಟ್ ನೋಟ್ ಕೂಡ.
5. **ಮೊತ್ತ ಲೆಕ್ಕ ಹಾಕಿ.** ಕೆಳಗಿನ ಟೇಬಲ್ ಬಳಸಿ ಮೊತ್ತ ಲೆಕ್ಕ ಹಾಕಿ ಆಂತರಿಕ ಟಿಪ್ಪಣಿಯಲ್ಲಿ ಬರೆಯಿರಿ.
6. **ಅನುಮೋದನೆ ಪಡೆಯಿರಿ.** ₹10,000 ವರೆಗೆ ನೀವೇ ಅನುಮೋದಿಸಬಹುದು; ₹50,000 ವರೆಗೆ ಟೀಮ್ ಲೀಡ್; ಅದಕ್ಕಿಂತ ಹೆಚ್ಚಿಗೆ ಗುಣಮಟ್ಟ ನಿಯಂತ್ರಣ ಮ್ಯಾನೇಜರ್.
7. **ಪಾವತಿ ಮತ್ತು ಮುಕ್ತಾಯ.** ಅಕೌಂಟ್ಸ್ ರಿಸೀವೆಬಲ್ ತಂಡ 7 ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ಪಾವತಿಸುತ್ತದೆ. ಕ್ಲೈಮ್ ಉಲ್ಲೇಖ ಸಂಖ್ಯೆಯನ್ನು ಟಿಕೆಟ್‌ನಲ್ಲಿ ಬರೆಯಿರಿ, ಗ್ರಾಹಕರಿಗೆ ತಿಳಿಸಿ ಮತ್ತು ಟಿಕೆಟ್ ಪರಿಹರಿಸಿ.

## ನಾವು ಎಷ್ಟು ಕೊಡುತ್ತೇವೆ

| ಶಿಪ್‌ಮೆಂಟ್ | ಮೊತ್ತ |
|---|---|
| ನಮ್ಮ ಶಾಪ್‌ನ ಆರ್ಡರ್ | ಶಿಪ್ಪಿಂಗ್ ಸೇರಿ ಆರ್ಡರ್‌ನ ಪೂರ್ಣ ಮೊತ್ತ |
| ಬಿಸಿನೆಸ್ ಖಾತೆ, ವಿಮೆ ಇಲ್ಲದೆ | ಇನ್‌ವಾಯ್ಸ್ ಮೊತ್ತ ಅಥವಾ ₹5,000, ಯಾವುದು ಕಡಿಮೆಯೋ ಅದು |
| ಬಿಸಿನೆಸ್ ಖಾತೆ, Sahayak ವಿಮೆಯೊಂದಿಗೆ | ಇನ್‌ವಾಯ್ಸ್ ಮೊತ್ತ, ವಿಮಾ ಮೊತ್ತದವರೆಗೆ |
| ಅಂತರರಾಷ್ಟ್ರೀಯ ಶಿಪ್‌ಮೆಂಟ್ | ಒಪ್ಪಂದದ ಪ್ರಕಾರ; ಈಗಾಗಲೇ ಕಟ್ಟಿದ ಕಸ್ಟಮ್ಸ್ ಸುಂಕ ವಾಪಸ್ ಆಗುವುದಿಲ್ಲ |

## ಮಾಡಬೇಕಾದದ್ದು, ಮಾಡಬಾರದ್ದು

- ಕನಿಷ್ಠ ಪ್ರತಿ 2 ಕೆಲಸದ ದಿನಗಳಿಗೊಮ್ಮೆ ಮುಂದಿನ ಹಂತದ ದಿನಾಂಕದೊಂದಿಗೆ ಗ್ರಾಹಕರಿಗೆ ಅಪ್‌ಡೇಟ್ ನೀಡಿ.
- ಟ್ರೇಸ್ ಮುಗಿಯುವ ಮೊದಲು ರಿಫಂಡ್ ಭರವಸೆ ನೀಡಬೇಡಿ.
- ಕ್ಲೈಮ್ ಪಾವತಿಯಾದ ನಂತರ ಪಾರ್ಸೆಲ್ ಸಿಕ್ಕರೆ ಅದನ್ನು ಡೆಲಿವರಿ ಮಾಡಬೇಡಿ. ಗುಣಮಟ್ಟ ನಿಯಂತ್ರಣ ತಂಡಕ್ಕೆ ಒಪ್ಪಿಸಿ, ಅವರು ಗ್ರಾಹಕರನ್ನು ಸಂಪರ್ಕಿಸುತ್ತಾರೆ.
)md"},
      }};
}

}  // namespace sahayak::services::demo::kb_articles
