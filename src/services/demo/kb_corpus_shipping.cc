// Demo articles for "Shipping & tracking". Text only; see kb_corpus.h for the guarantees.
#include "services/demo/kb_corpus_articles.h"

namespace sahayak::services::demo::kb_articles {

DemoKbArticle TrackingParcel() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"awb", "ndr", "rto", "tracking"},
      .translations = {
          {"en", "Tracking your parcel and what each status means",
           R"md(Every parcel booked with Sahayak Express gets an **AWB number** (air waybill, also called the tracking number). It has 14 characters, starts with `SHY` and ends with `IN`, for example `SHY123456789IN`. You will find it in the booking SMS, the order confirmation e-mail and on the parcel label.

## How to track your parcel

1. Open https://example.com/track or the Sahayak Express app.
2. Enter the AWB number, or the order number from our shop (it starts with `OD`).
3. Press **Track**. The latest status is at the top, with the date, time and city of every scan.

You can also call our helpline on 1800-000-0000 (toll-free, 8 am to 8 pm, all days) and ask for the status.

## What each status means

| Status | What it means | What you can do |
|---|---|---|
| Booked | The sender has created the shipment; we have not collected the parcel yet. | Nothing yet. If it stays here for more than 2 days, contact the sender. |
| Picked up | Our rider has collected the parcel from the sender. | Nothing yet. |
| In transit | The parcel is moving between our hubs, for example from Delhi to Bengaluru. | Check the expected delivery date. |
| Out for delivery | The parcel is with the delivery executive for your area today. | Keep your phone on; the rider may call you. |
| Delivered | The parcel was handed over. The proof of delivery shows who received it. | If you did not get it, tell us within 48 hours. |
| Delivery failed (NDR) | We could not deliver: door locked, address not found, phone not reachable or parcel refused. | Choose a new date or correct the address within 3 days. |
| RTO (return to origin) | After three failed attempts, or at the sender's request, the parcel is going back to the sender. | Contact the sender for a new shipment or a refund. |

## The status has not changed for days

On long routes a parcel can show **In transit** for 2–4 days without a new scan; this is normal. If there has been no new scan for 5 days, or the expected date has passed, write to us with your AWB number and we will check with the hub.

## Good to know

- Tracking starts a few hours after booking. Until then a new AWB may show "not found".
- Keep the OTP we send on the delivery day ready: the rider needs it for costly parcels and for cash-on-delivery parcels.
)md"},
          {"hi", "अपना पार्सल कैसे ट्रैक करें और हर स्टेटस का मतलब",
           R"md(Sahayak Express से बुक किए गए हर पार्सल को एक **AWB नंबर** मिलता है, जिसे ट्रैकिंग नंबर भी कहते हैं। इसमें 14 अक्षर होते हैं, यह `SHY` से शुरू होकर `IN` पर खत्म होता है, जैसे `SHY123456789IN`। यह नंबर बुकिंग SMS, ऑर्डर ई-मेल और पार्सल के लेबल पर मिलेगा।

## अपना पार्सल कैसे ट्रैक करें

1. https://example.com/track खोलें या Sahayak Express ऐप खोलें।
2. AWB नंबर या हमारी शॉप का ऑर्डर नंबर (`OD` से शुरू) डालें।
3. **ट्रैक करें** दबाएँ। सबसे ऊपर ताज़ा स्टेटस दिखेगा, साथ में हर स्कैन की तारीख, समय और शहर।

स्टेटस हमारी हेल्पलाइन 1800-000-0000 (टोल-फ़्री, हर दिन सुबह 8 से रात 8 बजे) पर भी पूछ सकते हैं।

## किस स्टेटस का क्या मतलब है

| स्टेटस | मतलब | आप क्या करें |
|---|---|---|
| बुक हुआ | भेजने वाले ने शिपमेंट बना दिया है, पर पार्सल अभी उठाया नहीं गया। | 2 दिन से ज़्यादा यही स्टेटस रहे तो भेजने वाले से बात करें। |
| पिकअप हो गया | हमारे राइडर ने पार्सल ले लिया है। | अभी कुछ नहीं। |
| रास्ते में (इन ट्रांज़िट) | पार्सल हमारे एक हब से दूसरे हब जा रहा है, जैसे दिल्ली से बेंगलुरु। | अनुमानित डिलीवरी की तारीख देखें। |
| डिलीवरी के लिए निकला | पार्सल आज आपके इलाके के डिलीवरी एग्ज़ीक्यूटिव के पास है। | फ़ोन चालू रखें, राइडर आपको कॉल कर सकता है। |
| डिलीवर हो गया | पार्सल सौंप दिया गया है। प्रूफ़ ऑफ़ डिलीवरी में लेने वाले का नाम होता है। | पार्सल न मिला हो तो 48 घंटे के अंदर हमें बताएँ। |
| डिलीवरी नहीं हो पाई (NDR) | दरवाज़ा बंद था, पता नहीं मिला, फ़ोन नहीं लगा या पार्सल लेने से मना किया गया। | 3 दिन के अंदर नई तारीख चुनें या पता ठीक करें। |
| RTO (भेजने वाले को वापसी) | तीन बार डिलीवरी न होने पर, या भेजने वाले के कहने पर, पार्सल वापस जा रहा है। | नए शिपमेंट या रिफ़ंड के लिए भेजने वाले से संपर्क करें। |

## कई दिनों से स्टेटस नहीं बदला

लंबे रूट पर पार्सल 2–4 दिन बिना नए स्कैन के **रास्ते में** दिख सकता है, यह आम बात है। अगर 5 दिन से कोई नया स्कैन नहीं हुआ है या अनुमानित तारीख निकल चुकी है, तो अपने AWB नंबर के साथ हमें लिखें। हम हब से पता करके आपको बताएँगे।

## ध्यान रखें

- बुकिंग के कुछ घंटे बाद ट्रैकिंग शुरू होती है। तब तक नया AWB नंबर "नहीं मिला" दिखा सकता है।
- डिलीवरी के दिन आया OTP तैयार रखें: महँगे और कैश ऑन डिलीवरी पार्सल के लिए राइडर को यह चाहिए।
)md"},
          {"kn", "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡುವುದು ಹೇಗೆ ಮತ್ತು ಪ್ರತಿ ಸ್ಥಿತಿಯ ಅರ್ಥ",
           R"md(Sahayak Express ಮೂಲಕ ಬುಕ್ ಮಾಡಿದ ಪ್ರತಿಯೊಂದು ಪಾರ್ಸೆಲ್‌ಗೆ ಒಂದು **AWB ಸಂಖ್ಯೆ** ಸಿಗುತ್ತದೆ. ಇದನ್ನು ಟ್ರ್ಯಾಕಿಂಗ್ ಸಂಖ್ಯೆ ಎಂದೂ ಕರೆಯುತ್ತಾರೆ. ಇದರಲ್ಲಿ 14 ಅಕ್ಷರಗಳಿರುತ್ತವೆ, `SHY` ಇಂದ ಶುರುವಾಗಿ `IN` ನಲ್ಲಿ ಮುಗಿಯುತ್ತದೆ, ಉದಾಹರಣೆಗೆ `SHY123456789IN`. ಈ ಸಂಖ್ಯೆ ಬುಕಿಂಗ್ SMS, ಆರ್ಡರ್ ದೃಢೀಕರಣ ಇ-ಮೇಲ್ ಮತ್ತು ಪಾರ್ಸೆಲ್ ಮೇಲಿನ ಲೇಬಲ್‌ನಲ್ಲಿ ಇರುತ್ತದೆ.

## ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡುವುದು ಹೇಗೆ

1. https://example.com/track ತೆರೆಯಿರಿ ಅಥವಾ Sahayak Express ಆ್ಯಪ್ ತೆರೆಯಿರಿ.
2. AWB ಸಂಖ್ಯೆ ಅಥವಾ ನಮ್ಮ ಶಾಪ್‌ನ ಆರ್ಡರ್ ಸಂಖ್ಯೆ (`OD` ಇಂದ ಶುರುವಾಗುವುದು) ನಮೂದಿಸಿ.
3. **ಟ್ರ್ಯಾಕ್ ಮಾಡಿ** ಒತ್ತಿರಿ. ಇತ್ತೀಚಿನ ಸ್ಥಿತಿ ಮೇಲೆ ಕಾಣುತ್ತದೆ, ಪ್ರತಿ ಸ್ಕ್ಯಾನ್‌ನ ದಿನಾಂಕ, ಸಮಯ ಮತ್ತು ನಗರದೊಂದಿಗೆ.

ನಮ್ಮ ಸಹಾಯವಾಣಿ 1800-000-0000 ಗೆ (ಉಚಿತ ಕರೆ, ಪ್ರತಿದಿನ ಬೆಳಿಗ್ಗೆ 8 ರಿಂದ ರಾತ್ರಿ 8 ರವರೆಗೆ) ಕರೆ ಮಾಡಿಯೂ ಸ್ಥಿತಿ ತಿಳಿಯಬಹುದು.

## ಪ್ರತಿ ಸ್ಥಿತಿಯ ಅರ್ಥ

| ಸ್ಥಿತಿ | ಅರ್ಥ | ನೀವು ಏನು ಮಾಡಬೇಕು |
|---|---|---|
| ಬುಕ್ ಆಗಿದೆ | ಕಳುಹಿಸುವವರು ಶಿಪ್‌ಮೆಂಟ್ ರಚಿಸಿದ್ದಾರೆ, ನಾವು ಇನ್ನೂ ಪಾರ್ಸೆಲ್ ಪಡೆದಿಲ್ಲ. | ಈಗ ಏನೂ ಬೇಡ. 2 ದಿನಕ್ಕಿಂತ ಹೆಚ್ಚು ಇದೇ ಸ್ಥಿತಿ ಇದ್ದರೆ ಕಳುಹಿಸುವವರನ್ನು ಸಂಪರ್ಕಿಸಿ. |
| ಪಿಕಪ್ ಆಗಿದೆ | ನಮ್ಮ ರೈಡರ್ ಕಳುಹಿಸುವವರಿಂದ ಪಾರ್ಸೆಲ್ ಪಡೆದಿದ್ದಾರೆ. | ಈಗ ಏನೂ ಬೇಡ. |
| ಸಾಗಣೆಯಲ್ಲಿದೆ | ಪಾರ್ಸೆಲ್ ನಮ್ಮ ಒಂದು ಹಬ್‌ನಿಂದ ಇನ್ನೊಂದು ಹಬ್‌ಗೆ ಹೋಗುತ್ತಿದೆ, ಉದಾಹರಣೆಗೆ ದೆಹಲಿಯಿಂದ ಬೆಂಗಳೂರಿಗೆ. | ಅಂದಾಜು ಡೆಲಿವರಿ ದಿನಾಂಕ ನೋಡಿ. |
| ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ | ಪಾರ್ಸೆಲ್ ಇಂದು ನಿಮ್ಮ ಪ್ರದೇಶದ ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿಯ ಬಳಿ ಇದೆ. | ಫೋನ್ ಆನ್ ಇಟ್ಟುಕೊಳ್ಳಿ, ರೈಡರ್ ನಿಮಗೆ ಕರೆ ಮಾಡಬಹುದು. |
| ಡೆಲಿವರಿ ಆಗಿದೆ | ಪಾರ್ಸೆಲ್ ಹಸ್ತಾಂತರಿಸಲಾಗಿದೆ. ಡೆಲಿವರಿ ಪುರಾವೆಯಲ್ಲಿ ಪಡೆದವರ ಹೆಸರು ಇರುತ್ತದೆ. | ಪಾರ್ಸೆಲ್ ಸಿಗದಿದ್ದರೆ 48 ಗಂಟೆಗಳ ಒಳಗೆ ನಮಗೆ ತಿಳಿಸಿ. |
| ಡೆಲಿವರಿ ವಿಫಲ (NDR) | ಬಾಗಿಲು ಬೀಗ ಹಾಕಿತ್ತು, ವಿಳಾಸ ಸಿಗಲಿಲ್ಲ, ಫೋನ್ ಸಂಪರ್ಕ ಆಗಲಿಲ್ಲ ಅಥವಾ ಪಾರ್ಸೆಲ್ ನಿರಾಕರಿಸಲಾಯಿತು. | 3 ದಿನಗಳ ಒಳಗೆ ಹೊಸ ದಿನಾಂಕ ಆಯ್ಕೆ ಮಾಡಿ ಅಥವಾ ವಿಳಾಸ ಸರಿಪಡಿಸಿ. |
| RTO (ಕಳುಹಿಸಿದವರಿಗೆ ವಾಪಸ್) | ಮೂರು ಪ್ರಯತ್ನಗಳು ವಿಫಲವಾದ ನಂತರ ಅಥವಾ ಕಳುಹಿಸಿದವರ ಕೋರಿಕೆಯಂತೆ ಪಾರ್ಸೆಲ್ ವಾಪಸ್ ಹೋಗುತ್ತಿದೆ. | ಹೊಸ ಶಿಪ್‌ಮೆಂಟ್ ಅಥವಾ ರಿಫಂಡ್‌ಗಾಗಿ ಕಳುಹಿಸಿದವರನ್ನು ಸಂಪರ್ಕಿಸಿ. |

## ಹಲವು ದಿನಗಳಿಂದ ಸ್ಥಿತಿ ಬದಲಾಗಿಲ್ಲ

ದೂರದ ಮಾರ್ಗಗಳಲ್ಲಿ ಪಾರ್ಸೆಲ್ 2–4 ದಿನ ಹೊಸ ಸ್ಕ್ಯಾನ್ ಇಲ್ಲದೆ **ಸಾಗಣೆಯಲ್ಲಿದೆ** ಎಂದು ತೋರಿಸಬಹುದು, ಇದು ಸಾಮಾನ್ಯ. 5 ದಿನಗಳಿಂದ ಯಾವುದೇ ಹೊಸ ಸ್ಕ್ಯಾನ್ ಇಲ್ಲದಿದ್ದರೆ ಅಥವಾ ಅಂದಾಜು ದಿನಾಂಕ ಮೀರಿದ್ದರೆ, ನಿಮ್ಮ AWB ಸಂಖ್ಯೆಯೊಂದಿಗೆ ನಮಗೆ ಬರೆಯಿರಿ. ನಾವು ಹಬ್ ಜೊತೆ ಪರಿಶೀಲಿಸಿ ತಿಳಿಸುತ್ತೇವೆ.

## ಗಮನಿಸಿ

- ಬುಕಿಂಗ್ ಆದ ಕೆಲವು ಗಂಟೆಗಳ ನಂತರ ಟ್ರ್ಯಾಕಿಂಗ್ ಶುರುವಾಗುತ್ತದೆ. ಅಲ್ಲಿಯವರೆಗೆ ಹೊಸ AWB "ಸಿಗಲಿಲ್ಲ" ಎಂದು ತೋರಿಸಬಹುದು.
- ಡೆಲಿವರಿ ದಿನ ನಾವು ಕಳುಹಿಸುವ OTP ಸಿದ್ಧವಾಗಿಡಿ: ದುಬಾರಿ ಪಾರ್ಸೆಲ್ ಮತ್ತು ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ ಪಾರ್ಸೆಲ್‌ಗಳಿಗೆ ರೈಡರ್‌ಗೆ ಈ OTP ಬೇಕು.
)md"},
      }};
}

DemoKbArticle DeliveryWindows() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"delivery", "reschedule", "safe-place", "time-window"},
      .translations = {
          {"en", "Delivery time windows and rescheduling a delivery",
           R"md(We deliver from Monday to Saturday between 9 am and 8 pm. The evening before delivery you get an SMS with your delivery window. You can change the date or the window until 8 am on the delivery day.

## Delivery windows

| Window | Time | Suits |
|---|---|---|
| Morning | 9 am – 12 noon | Offices and shops that open early |
| Afternoon | 1 pm – 4 pm | Homes where someone is in during the day |
| Evening | 4 pm – 8 pm | People who are at work during the day |

The evening window is available in Bengaluru, Mysuru, Mangaluru, Hubballi and all metro cities. In other places we deliver in the morning and afternoon windows.

## Choosing or changing a window

1. Open the tracking page for your AWB number and choose **Change delivery**.
2. Pick a date (up to 7 days ahead) and a window.
3. Confirm. We send an SMS with the new date and window.

You can reschedule a parcel twice free of charge. Once a parcel is **Out for delivery** it cannot move to another day, but you can call our helpline on 1800-000-0000 and ask the rider to come back later the same day.

## Shops, offices and closing hours

If the parcel goes to a business address, tell us your working hours and weekly holiday when you book or on the tracking page. We do not try to deliver after your closing time or on your weekly off; the parcel simply moves to the next working day. Business accounts can save their hours once in the business portal, and we use them for every shipment.

## Safe place delivery

If nobody will be at home, you can allow **safe place** delivery for prepaid parcels worth up to ₹5,000:

- with a neighbour (give their name and flat number),
- with the security guard or the reception of your building,
- at a nearby shop that you name.

The rider takes a photo at the safe place and the photo appears in tracking. Cash-on-delivery parcels and parcels that need an OTP are never left at a safe place.
)md"},
          {"hi", "डिलीवरी का समय (टाइम विंडो) और डिलीवरी की तारीख बदलना",
           R"md(हम सोमवार से शनिवार, सुबह 9 से रात 8 बजे तक डिलीवरी करते हैं। डिलीवरी से एक दिन पहले शाम को आपको SMS से डिलीवरी का समय (टाइम विंडो) बताया जाता है। डिलीवरी वाले दिन सुबह 8 बजे तक आप तारीख या समय बदल सकते हैं।

## डिलीवरी के टाइम विंडो

| टाइम विंडो | समय | किसके लिए ठीक |
|---|---|---|
| सुबह | सुबह 9 से दोपहर 12 बजे | जल्दी खुलने वाले ऑफ़िस और दुकानें |
| दोपहर | दोपहर 1 से शाम 4 बजे | ऐसे घर जहाँ दिन में कोई रहता है |
| शाम | शाम 4 से रात 8 बजे | दिन में काम पर जाने वाले लोग |

शाम वाला विंडो बेंगलुरु, मैसूरु, मंगलुरु, हुब्बल्ली और सभी मेट्रो शहरों में मिलता है। बाकी जगहों पर हम सुबह और दोपहर के विंडो में डिलीवरी करते हैं।

## टाइम विंडो चुनना या बदलना

1. अपने AWB नंबर का ट्रैकिंग पेज खोलें और **डिलीवरी बदलें** चुनें।
2. तारीख (अगले 7 दिन तक) और टाइम विंडो चुनें।
3. कन्फ़र्म करें। नई तारीख और समय के साथ आपको SMS आ जाएगा।

एक पार्सल की डिलीवरी आप दो बार मुफ़्त में आगे बढ़ा सकते हैं। पार्सल **डिलीवरी के लिए निकला** स्टेटस में आने के बाद दूसरे दिन नहीं जा सकता, पर आप हमारी हेल्पलाइन 1800-000-0000 पर कॉल करके राइडर को उसी दिन थोड़ी देर बाद आने को कह सकते हैं।

## दुकान, ऑफ़िस और बंद होने का समय

अगर पार्सल किसी दुकान या ऑफ़िस के पते पर जा रहा है, तो बुकिंग के समय या ट्रैकिंग पेज पर अपने काम के घंटे और साप्ताहिक छुट्टी का दिन बता दें। आपके बंद होने के बाद या छुट्टी वाले दिन हम डिलीवरी की कोशिश नहीं करते, पार्सल अपने-आप अगले कामकाजी दिन पर चला जाता है। बिज़नेस अकाउंट वाले ग्राहक बिज़नेस पोर्टल में एक बार अपने घंटे सेव कर दें, हम हर शिपमेंट में उन्हीं का इस्तेमाल करते हैं।

## सुरक्षित जगह (सेफ़ प्लेस) पर डिलीवरी

अगर घर पर कोई नहीं होगा, तो ₹5,000 तक के प्रीपेड पार्सल के लिए आप **सेफ़ प्लेस** डिलीवरी की अनुमति दे सकते हैं:

- पड़ोसी के पास (उनका नाम और फ़्लैट नंबर बताएँ),
- बिल्डिंग के सिक्योरिटी गार्ड या रिसेप्शन पर,
- आपकी बताई हुई पास की किसी दुकान पर।

राइडर सेफ़ प्लेस पर पार्सल की फ़ोटो लेता है, जो ट्रैकिंग में दिखती है। कैश ऑन डिलीवरी वाले पार्सल और OTP वाले पार्सल कभी सेफ़ प्लेस पर नहीं छोड़े जाते।
)md"},
          {"kn", "ಡೆಲಿವರಿ ಸಮಯ ಮತ್ತು ಡೆಲಿವರಿ ದಿನಾಂಕ ಬದಲಿಸುವುದು",
           R"md(ನಾವು ಸೋಮವಾರದಿಂದ ಶನಿವಾರದವರೆಗೆ ಬೆಳಿಗ್ಗೆ 9 ರಿಂದ ರಾತ್ರಿ 8 ರವರೆಗೆ ಡೆಲಿವರಿ ಮಾಡುತ್ತೇವೆ. ಡೆಲಿವರಿಯ ಹಿಂದಿನ ದಿನ ಸಂಜೆ ನಿಮ್ಮ ಡೆಲಿವರಿ ಸಮಯದ ಬಗ್ಗೆ SMS ಬರುತ್ತದೆ. ಡೆಲಿವರಿ ದಿನ ಬೆಳಿಗ್ಗೆ 8 ಗಂಟೆಯವರೆಗೆ ದಿನಾಂಕ ಅಥವಾ ಸಮಯ ಬದಲಿಸಬಹುದು.

## ಡೆಲಿವರಿ ಸಮಯಗಳು

| ಸಮಯದ ಅವಧಿ | ಸಮಯ | ಯಾರಿಗೆ ಸೂಕ್ತ |
|---|---|---|
| ಬೆಳಿಗ್ಗೆ | ಬೆಳಿಗ್ಗೆ 9 ರಿಂದ ಮಧ್ಯಾಹ್ನ 12 ಗಂಟೆ | ಬೇಗ ತೆರೆಯುವ ಕಚೇರಿ ಮತ್ತು ಅಂಗಡಿಗಳು |
| ಮಧ್ಯಾಹ್ನ | ಮಧ್ಯಾಹ್ನ 1 ರಿಂದ ಸಂಜೆ 4 ಗಂಟೆ | ಹಗಲಿನಲ್ಲಿ ಯಾರಾದರೂ ಇರುವ ಮನೆಗಳು |
| ಸಂಜೆ | ಸಂಜೆ 4 ರಿಂದ ರಾತ್ರಿ 8 ಗಂಟೆ | ಹಗಲಿನಲ್ಲಿ ಕೆಲಸಕ್ಕೆ ಹೋಗುವವರು |

ಸಂಜೆಯ ಅವಧಿ ಬೆಂಗಳೂರು, ಮೈಸೂರು, ಮಂಗಳೂರು, ಹುಬ್ಬಳ್ಳಿ ಮತ್ತು ಎಲ್ಲಾ ಮೆಟ್ರೋ ನಗರಗಳಲ್ಲಿ ಲಭ್ಯವಿದೆ. ಬೇರೆ ಊರುಗಳಲ್ಲಿ ಬೆಳಿಗ್ಗೆ ಮತ್ತು ಮಧ್ಯಾಹ್ನದ ಅವಧಿಯಲ್ಲಿ ಡೆಲಿವರಿ ಮಾಡುತ್ತೇವೆ.

## ಸಮಯ ಆಯ್ಕೆ ಮಾಡುವುದು ಅಥವಾ ಬದಲಿಸುವುದು

1. ನಿಮ್ಮ AWB ಸಂಖ್ಯೆಯ ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟ ತೆರೆದು **ಡೆಲಿವರಿ ಬದಲಿಸಿ** ಆಯ್ಕೆ ಮಾಡಿ.
2. ದಿನಾಂಕ (ಮುಂದಿನ 7 ದಿನಗಳವರೆಗೆ) ಮತ್ತು ಸಮಯದ ಅವಧಿ ಆಯ್ಕೆ ಮಾಡಿ.
3. ದೃಢೀಕರಿಸಿ. ಹೊಸ ದಿನಾಂಕ ಮತ್ತು ಸಮಯದೊಂದಿಗೆ SMS ಬರುತ್ತದೆ.

ಒಂದು ಪಾರ್ಸೆಲ್‌ನ ಡೆಲಿವರಿಯನ್ನು ಎರಡು ಬಾರಿ ಉಚಿತವಾಗಿ ಮುಂದೂಡಬಹುದು. ಪಾರ್ಸೆಲ್ **ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ** ಸ್ಥಿತಿಗೆ ಬಂದ ಮೇಲೆ ಬೇರೆ ದಿನಕ್ಕೆ ಬದಲಿಸಲು ಆಗುವುದಿಲ್ಲ. ಆದರೆ ನಮ್ಮ ಸಹಾಯವಾಣಿ 1800-000-0000 ಗೆ ಕರೆ ಮಾಡಿ ಅದೇ ದಿನ ಸ್ವಲ್ಪ ತಡವಾಗಿ ಬರಲು ರೈಡರ್‌ಗೆ ಹೇಳಬಹುದು.

## ಅಂಗಡಿ, ಕಚೇರಿ ಮತ್ತು ಮುಚ್ಚುವ ಸಮಯ

ಪಾರ್ಸೆಲ್ ಅಂಗಡಿ ಅಥವಾ ಕಚೇರಿ ವಿಳಾಸಕ್ಕೆ ಹೋಗುತ್ತಿದ್ದರೆ, ಬುಕಿಂಗ್ ಸಮಯದಲ್ಲಿ ಅಥವಾ ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ ನಿಮ್ಮ ಕೆಲಸದ ಸಮಯ ಮತ್ತು ವಾರದ ರಜೆಯ ದಿನ ತಿಳಿಸಿ. ನೀವು ಮುಚ್ಚಿದ ನಂತರ ಅಥವಾ ರಜೆಯ ದಿನ ನಾವು ಡೆಲಿವರಿ ಪ್ರಯತ್ನಿಸುವುದಿಲ್ಲ; ಪಾರ್ಸೆಲ್ ತಾನಾಗಿಯೇ ಮುಂದಿನ ಕೆಲಸದ ದಿನಕ್ಕೆ ಹೋಗುತ್ತದೆ. ಬಿಸಿನೆಸ್ ಖಾತೆಯವರು ಬಿಸಿನೆಸ್ ಪೋರ್ಟಲ್‌ನಲ್ಲಿ ಒಮ್ಮೆ ತಮ್ಮ ಸಮಯ ಉಳಿಸಿದರೆ ಸಾಕು, ಪ್ರತಿ ಶಿಪ್‌ಮೆಂಟ್‌ಗೆ ಅದನ್ನೇ ಬಳಸುತ್ತೇವೆ.

## ಸುರಕ್ಷಿತ ಸ್ಥಳದಲ್ಲಿ (ಸೇಫ್ ಪ್ಲೇಸ್) ಡೆಲಿವರಿ

ಮನೆಯಲ್ಲಿ ಯಾರೂ ಇರದಿದ್ದರೆ, ₹5,000 ವರೆಗಿನ ಪ್ರೀಪೇಯ್ಡ್ ಪಾರ್ಸೆಲ್‌ಗಳಿಗೆ **ಸೇಫ್ ಪ್ಲೇಸ್** ಡೆಲಿವರಿಗೆ ಅನುಮತಿ ನೀಡಬಹುದು:

- ನೆರೆಮನೆಯವರ ಬಳಿ (ಅವರ ಹೆಸರು ಮತ್ತು ಫ್ಲ್ಯಾಟ್ ಸಂಖ್ಯೆ ನೀಡಿ),
- ನಿಮ್ಮ ಕಟ್ಟಡದ ಸೆಕ್ಯುರಿಟಿ ಅಥವಾ ರಿಸೆಪ್ಷನ್‌ನಲ್ಲಿ,
- ನೀವು ಹೇಳುವ ಹತ್ತಿರದ ಅಂಗಡಿಯಲ್ಲಿ.

ರೈಡರ್ ಸೇಫ್ ಪ್ಲೇಸ್‌ನಲ್ಲಿ ಪಾರ್ಸೆಲ್‌ನ ಫೋಟೋ ತೆಗೆಯುತ್ತಾರೆ, ಅದು ಟ್ರ್ಯಾಕಿಂಗ್‌ನಲ್ಲಿ ಕಾಣುತ್ತದೆ. ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿ ಪಾರ್ಸೆಲ್ ಮತ್ತು OTP ಬೇಕಾದ ಪಾರ್ಸೆಲ್‌ಗಳನ್ನು ಎಂದಿಗೂ ಸೇಫ್ ಪ್ಲೇಸ್‌ನಲ್ಲಿ ಬಿಡುವುದಿಲ್ಲ.
)md"},
      }};
}

DemoKbArticle CustomsDocuments() {
  return DemoKbArticle{
      .internal = false,
      .tags = {"customs", "duties", "hs-code", "international", "kyc"},
      .translations = {
          {"en", "Customs and documents for international shipments",
           R"md(Every parcel sent abroad is checked by customs in India and again in the destination country. Most delays happen because a document is missing or the description on the invoice does not match what is in the box. Keep these ready before you book.

## Documents you need

| Document | Needed for | What to check |
|---|---|---|
| Commercial invoice | Every shipment | Sender, receiver, item description, quantity, value in ₹ and US$, HS code of each item |
| Sender's KYC | Every shipment | Aadhaar, PAN or passport for individuals; GSTIN and IEC for businesses |
| Packing list | Shipments of more than one box | Contents and weight of each box |
| Gift declaration | Personal gifts | Only for items that will not be sold |
| Certificates | Food, medicines, plant products | FSSAI licence, drug licence or phytosanitary certificate |

Upload the KYC once on your profile; we reuse it for later shipments.

## HS codes

An HS code is the number customs uses to classify goods. The first six digits are the same worldwide; India uses eight. For example, coffee falls under heading 0901 and knitted cotton T-shirts under 6109. Write the code for every item on the invoice. A wrong code can mean higher duty or a hold. Business accounts can ask our customs team to check the codes before booking.

## Duties and taxes

The destination country may charge import duty and taxes. Unless agreed otherwise, the **receiver** pays them on delivery (DAP). Business accounts can choose **DDP**: the sender pays, and we add the duty to the next invoice. The amount depends on the item, its value and the country; we cannot waive it.

## Items you cannot send

- cash, coins and gold,
- loose lithium batteries, perfumes and other flammable liquids,
- homemade food without sealed packing and an ingredients label,
- medicines without a prescription.

## If your shipment is held at customs

Tracking shows **Held at customs – documents required** and we e-mail you the list of what is missing. Reply with the documents within 5 working days. After that the parcel may be returned to you at your cost.
)md"},
          {"hi", "अंतरराष्ट्रीय शिपमेंट के लिए कस्टम और ज़रूरी दस्तावेज़",
           R"md(विदेश भेजे जाने वाले हर पार्सल की जाँच पहले भारत में कस्टम करता है और फिर उस देश में जहाँ पार्सल जा रहा है। ज़्यादातर देरी इसलिए होती है क्योंकि कोई दस्तावेज़ नहीं होता या इनवॉइस में लिखा विवरण डिब्बे के सामान से मेल नहीं खाता। बुकिंग से पहले ये चीज़ें तैयार रखें।

## ज़रूरी दस्तावेज़

| दस्तावेज़ | किसके लिए | क्या जाँचें |
|---|---|---|
| कमर्शियल इनवॉइस | हर शिपमेंट | भेजने वाला, पाने वाला, सामान का विवरण, मात्रा, ₹ और US$ में कीमत, हर सामान का HS कोड |
| भेजने वाले का KYC | हर शिपमेंट | व्यक्ति के लिए आधार, पैन या पासपोर्ट; बिज़नेस के लिए GSTIN और IEC |
| पैकिंग लिस्ट | एक से ज़्यादा डिब्बे वाले शिपमेंट | हर डिब्बे का सामान और वज़न |
| गिफ़्ट डिक्लेरेशन | निजी तोहफ़े | सिर्फ़ वह सामान जो बेचा नहीं जाएगा |
| सर्टिफ़िकेट | खाने का सामान, दवाइयाँ, पौधों से बनी चीज़ें | FSSAI लाइसेंस, ड्रग लाइसेंस या फ़ाइटोसैनिटरी सर्टिफ़िकेट |

KYC अपनी प्रोफ़ाइल में एक बार अपलोड कर दें, अगली शिपमेंट में हम वही इस्तेमाल करेंगे।

## HS कोड

HS कोड वह नंबर है जिससे कस्टम सामान की श्रेणी तय करता है। पहले छह अंक पूरी दुनिया में एक जैसे होते हैं, भारत में आठ अंक इस्तेमाल होते हैं। जैसे कॉफ़ी हेडिंग 0901 में आती है और बुनी हुई सूती टी-शर्ट 6109 में। इनवॉइस पर हर सामान का कोड लिखें। गलत कोड से ड्यूटी ज़्यादा लग सकती है या शिपमेंट रुक सकता है। बिज़नेस अकाउंट वाले बुकिंग से पहले हमारी कस्टम टीम से कोड जँचवा सकते हैं।

## ड्यूटी और टैक्स

जिस देश में पार्सल जा रहा है, वहाँ इम्पोर्ट ड्यूटी और टैक्स लग सकते हैं। अलग से तय न हुआ हो तो यह **पाने वाला** डिलीवरी के समय भरता है (DAP)। बिज़नेस अकाउंट **DDP** चुन सकते हैं: तब ड्यूटी भेजने वाला भरता है और हम उसे अगले इनवॉइस में जोड़ देते हैं। ड्यूटी सामान, उसकी कीमत और देश पर निर्भर करती है, हम इसे माफ़ नहीं कर सकते।

## ये चीज़ें नहीं भेजी जा सकतीं

- नकद पैसे, सिक्के और सोना,
- खुली लिथियम बैटरी, परफ़्यूम और दूसरे ज्वलनशील तरल,
- बिना सील पैकिंग और सामग्री-लेबल वाला घर का बना खाना,
- बिना पर्चे की दवाइयाँ।

## अगर शिपमेंट कस्टम में रुक गया है

ट्रैकिंग में **कस्टम में रुका – दस्तावेज़ चाहिए** दिखता है और हम आपको ई-मेल से बताते हैं कि क्या कमी है। 5 कामकाजी दिनों के अंदर दस्तावेज़ भेज दें। उसके बाद पार्सल आपके खर्च पर वापस भेजा जा सकता है।
)md"},
          {"kn",
           "ಅಂತರರಾಷ್ಟ್ರೀಯ ಶಿಪ್‌ಮೆಂಟ್‌ಗಳಿಗೆ ಕಸ್ಟಮ್ಸ್ ಮತ್ತು ಅಗತ್ಯ "
           "ದಾಖಲೆಗಳು",
           R"md(ವಿದೇಶಕ್ಕೆ ಕಳುಹಿಸುವ ಪ್ರತಿ ಪಾರ್ಸೆಲ್ ಅನ್ನು ಮೊದಲು ಭಾರತದಲ್ಲಿ ಮತ್ತು ನಂತರ ತಲುಪುವ ದೇಶದಲ್ಲಿ ಕಸ್ಟಮ್ಸ್ ಪರಿಶೀಲಿಸುತ್ತದೆ. ಹೆಚ್ಚಿನ ವಿಳಂಬಗಳು ಯಾವುದಾದರೂ ದಾಖಲೆ ಇಲ್ಲದಿರುವುದರಿಂದ ಅಥವಾ ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿನ ವಿವರ ಪೆಟ್ಟಿಗೆಯೊಳಗಿನ ವಸ್ತುಗಳಿಗೆ ಹೊಂದದಿರುವುದರಿಂದ ಆಗುತ್ತವೆ. ಬುಕ್ ಮಾಡುವ ಮೊದಲು ಇವುಗಳನ್ನು ಸಿದ್ಧವಾಗಿಡಿ.

## ಬೇಕಾಗುವ ದಾಖಲೆಗಳು

| ದಾಖಲೆ | ಯಾವುದಕ್ಕೆ | ಏನು ಪರಿಶೀಲಿಸಬೇಕು |
|---|---|---|
| ವಾಣಿಜ್ಯ ಇನ್‌ವಾಯ್ಸ್ | ಪ್ರತಿ ಶಿಪ್‌ಮೆಂಟ್ | ಕಳುಹಿಸುವವರು, ಪಡೆಯುವವರು, ವಸ್ತುವಿನ ವಿವರ, ಪ್ರಮಾಣ, ₹ ಮತ್ತು US$ ನಲ್ಲಿ ಮೌಲ್ಯ, ಪ್ರತಿ ವಸ್ತುವಿನ HS ಕೋಡ್ |
| ಕಳುಹಿಸುವವರ KYC | ಪ್ರತಿ ಶಿಪ್‌ಮೆಂಟ್ | ವ್ಯಕ್ತಿಗಳಿಗೆ ಆಧಾರ್, ಪ್ಯಾನ್ ಅಥವಾ ಪಾಸ್‌ಪೋರ್ಟ್; ವ್ಯಾಪಾರಗಳಿಗೆ GSTIN ಮತ್ತು IEC |
| ಪ್ಯಾಕಿಂಗ್ ಪಟ್ಟಿ | ಒಂದಕ್ಕಿಂತ ಹೆಚ್ಚು ಪೆಟ್ಟಿಗೆಯ ಶಿಪ್‌ಮೆಂಟ್ | ಪ್ರತಿ ಪೆಟ್ಟಿಗೆಯ ವಸ್ತುಗಳು ಮತ್ತು ತೂಕ |
| ಉಡುಗೊರೆ ಘೋಷಣೆ | ವೈಯಕ್ತಿಕ ಉಡುಗೊರೆಗಳು | ಮಾರಾಟ ಮಾಡದ ವಸ್ತುಗಳಿಗೆ ಮಾತ್ರ |
| ಪ್ರಮಾಣಪತ್ರಗಳು | ಆಹಾರ, ಔಷಧಿ, ಸಸ್ಯ ಉತ್ಪನ್ನಗಳು | FSSAI ಪರವಾನಗಿ, ಔಷಧ ಪರವಾನಗಿ ಅಥವಾ ಸಸ್ಯ ನೈರ್ಮಲ್ಯ ಪ್ರಮಾಣಪತ್ರ |

ನಿಮ್ಮ ಪ್ರೊಫೈಲ್‌ನಲ್ಲಿ KYC ಒಮ್ಮೆ ಅಪ್‌ಲೋಡ್ ಮಾಡಿ; ಮುಂದಿನ ಶಿಪ್‌ಮೆಂಟ್‌ಗಳಿಗೆ ಅದನ್ನೇ ಬಳಸುತ್ತೇವೆ.

## HS ಕೋಡ್

HS ಕೋಡ್ ಎಂದರೆ ಕಸ್ಟಮ್ಸ್ ವಸ್ತುಗಳನ್ನು ವರ್ಗೀಕರಿಸಲು ಬಳಸುವ ಸಂಖ್ಯೆ. ಮೊದಲ ಆರು ಅಂಕಿಗಳು ಜಗತ್ತಿನಾದ್ಯಂತ ಒಂದೇ; ಭಾರತದಲ್ಲಿ ಎಂಟು ಅಂಕಿಗಳನ್ನು ಬಳಸುತ್ತಾರೆ. ಉದಾಹರಣೆಗೆ ಕಾಫಿ 0901 ಶೀರ್ಷಿಕೆಯಲ್ಲಿ ಮತ್ತು ಹೆಣೆದ ಹತ್ತಿ ಟಿ-ಶರ್ಟ್ 6109 ರಲ್ಲಿ ಬರುತ್ತದೆ. ಇನ್‌ವಾಯ್ಸ್‌ನಲ್ಲಿ ಪ್ರತಿ ವಸ್ತುವಿನ ಕೋಡ್ ಬರೆಯಿರಿ. ತಪ್ಪು ಕೋಡ್ ಇದ್ದರೆ ಹೆಚ್ಚು ಸುಂಕ ಬೀಳಬಹುದು ಅಥವಾ ಶಿಪ್‌ಮೆಂಟ್ ತಡೆಹಿಡಿಯಬಹುದು. ಬಿಸಿನೆಸ್ ಖಾತೆಯವರು ಬುಕ್ ಮಾಡುವ ಮೊದಲು ನಮ್ಮ ಕಸ್ಟಮ್ಸ್ ತಂಡದಿಂದ ಕೋಡ್ ಪರಿಶೀಲಿಸಿಕೊಳ್ಳಬಹುದು.

## ಸುಂಕ ಮತ್ತು ತೆರಿಗೆ

ಪಾರ್ಸೆಲ್ ತಲುಪುವ ದೇಶ ಆಮದು ಸುಂಕ ಮತ್ತು ತೆರಿಗೆ ವಿಧಿಸಬಹುದು. ಬೇರೆ ರೀತಿ ಒಪ್ಪಿಕೊಂಡಿರದಿದ್ದರೆ **ಪಡೆಯುವವರು** ಡೆಲಿವರಿ ಸಮಯದಲ್ಲಿ ಪಾವತಿಸುತ್ತಾರೆ (DAP). ಬಿಸಿನೆಸ್ ಖಾತೆಗಳು **DDP** ಆಯ್ಕೆ ಮಾಡಬಹುದು: ಆಗ ಕಳುಹಿಸುವವರು ಸುಂಕ ಪಾವತಿಸುತ್ತಾರೆ ಮತ್ತು ನಾವು ಅದನ್ನು ಮುಂದಿನ ಇನ್‌ವಾಯ್ಸ್‌ಗೆ ಸೇರಿಸುತ್ತೇವೆ. ಸುಂಕ ವಸ್ತು, ಅದರ ಮೌಲ್ಯ ಮತ್ತು ದೇಶವನ್ನು ಅವಲಂಬಿಸಿದೆ; ಅದನ್ನು ಮನ್ನಾ ಮಾಡಲು ನಮಗೆ ಸಾಧ್ಯವಿಲ್ಲ.

## ಕಳುಹಿಸಲು ಅನುಮತಿ ಇಲ್ಲದ ವಸ್ತುಗಳು

- ನಗದು, ನಾಣ್ಯಗಳು ಮತ್ತು ಚಿನ್ನ,
- ಬಿಡಿ ಲಿಥಿಯಂ ಬ್ಯಾಟರಿಗಳು, ಸುಗಂಧ ದ್ರವ್ಯ ಮತ್ತು ಇತರ ಬೆಂಕಿ ಹತ್ತುವ ದ್ರವಗಳು,
- ಸೀಲ್ ಮಾಡದ ಮತ್ತು ಪದಾರ್ಥಗಳ ಲೇಬಲ್ ಇಲ್ಲದ ಮನೆಯಲ್ಲಿ ಮಾಡಿದ ಆಹಾರ,
- ವೈದ್ಯರ ಚೀಟಿ ಇಲ್ಲದ ಔಷಧಿಗಳು.

## ಶಿಪ್‌ಮೆಂಟ್ ಕಸ್ಟಮ್ಸ್‌ನಲ್ಲಿ ತಡೆಹಿಡಿಯಲ್ಪಟ್ಟರೆ

ಟ್ರ್ಯಾಕಿಂಗ್‌ನಲ್ಲಿ **ಕಸ್ಟಮ್ಸ್‌ನಲ್ಲಿ ತಡೆ – ದಾಖಲೆಗಳು ಬೇಕು** ಎಂದು ಕಾಣುತ್ತದೆ, ಮತ್ತು ಏನು ಕೊರತೆ ಇದೆ ಎಂದು ನಾವು ಇ-ಮೇಲ್ ಮೂಲಕ ತಿಳಿಸುತ್ತೇವೆ. 5 ಕೆಲಸದ ದಿನಗಳ ಒಳಗೆ ದಾಖಲೆಗಳನ್ನು ಕಳುಹಿಸಿ. ಇಲ್ಲದಿದ್ದರೆ ಪಾರ್ಸೆಲ್ ಅನ್ನು ನಿಮ್ಮ ವೆಚ್ಚದಲ್ಲಿ ವಾಪಸ್ ಕಳುಹಿಸಬಹುದು.
)md"},
      }};
}

DemoKbArticle NdrEscalation() {
  return DemoKbArticle{
      .internal = true,
      .tags = {"escalation", "hub", "ndr", "procedure"},
      .translations = {
          {"en", "Escalating an NDR to the delivery hub",
           R"md(*Internal – for agents of the Shipping group. Do not share this page or the reason codes with customers.*

Use this procedure when a customer disputes a failed delivery (NDR), or needs a new attempt that the tracking page cannot book, for example a corrected address after the parcel has reached the hub.

## Before you escalate

1. Open the AWB in the shipment panel and read the NDR reason code and the rider's remark.
2. Check the call log. A real attempt has at least one call from the rider app to the customer's number during the window.
3. Confirm the address, a landmark, a reachable phone number and a preferred window with the customer.

## NDR reason codes

| Code | Reason | Escalate? |
|---|---|---|
| N01 | Customer not available | Only if the call log shows no call |
| N02 | Address incomplete or not found | Yes, with the corrected address and landmark |
| N03 | Customer refused the parcel | No: confirm with the customer, then let it go to RTO |
| N04 | COD amount not ready | No: reschedule on the tracking page |
| N05 | Outside the delivery area | Yes, to the hub manager |
| N06 | Rider could not attempt (rain, vehicle breakdown) | Yes, as priority |

## How to escalate

1. Add the tag `ndr-escalation` to the ticket and fill in the custom field **AWB number**.
2. Write an internal note: AWB, NDR code, what the customer says, the corrected address and the window.
3. Send the note to the hub's escalation mailbox from the hub directory (for example `blr-hub@example.com` for Bengaluru).
4. Tell the customer the date of the next attempt. Never promise an exact time inside the window.

## Timelines

- The hub must reply within 4 working hours. If it does not, escalate to the hub manager listed in the directory.
- A parcel with three failed attempts goes to RTO automatically after 72 hours. Escalate before that, or put an **RTO hold** (at most 48 hours) from the shipment panel.
- When the call log shows no call for an N01, add the tag `fake-attempt` as well, so the weekly hub report counts it.
)md"},
          {"hi", "NDR को डिलीवरी हब तक एस्केलेट करना",
           R"md(*आंतरिक – सिर्फ़ शिपिंग ग्रुप के एजेंटों के लिए। यह पेज या रीज़न कोड ग्राहकों से शेयर न करें।*

यह तरीका तब अपनाएँ जब ग्राहक किसी फ़ेल डिलीवरी (NDR) से सहमत न हो, या उसे ऐसी नई कोशिश चाहिए जो ट्रैकिंग पेज से बुक नहीं हो सकती, जैसे पार्सल हब पहुँचने के बाद ठीक किया गया पता।

## एस्केलेट करने से पहले

1. शिपमेंट पैनल में AWB खोलें और NDR रीज़न कोड और राइडर की टिप्पणी पढ़ें।
2. कॉल लॉग देखें। असली कोशिश में टाइम विंडो के दौरान राइडर ऐप से ग्राहक के नंबर पर कम से कम एक कॉल होती है।
3. ग्राहक से पता, लैंडमार्क, चालू फ़ोन नंबर और पसंद का टाइम विंडो पक्का कर लें।

## NDR रीज़न कोड

| कोड | कारण | एस्केलेट करें? |
|---|---|---|
| N01 | ग्राहक मौजूद नहीं था | तभी, जब कॉल लॉग में कोई कॉल न हो |
| N02 | पता अधूरा है या नहीं मिला | हाँ, सही पते और लैंडमार्क के साथ |
| N03 | ग्राहक ने पार्सल लेने से मना किया | नहीं: ग्राहक से पुष्टि करें, फिर RTO होने दें |
| N04 | COD की रकम तैयार नहीं थी | नहीं: ट्रैकिंग पेज पर तारीख बदलें |
| N05 | डिलीवरी एरिया से बाहर | हाँ, हब मैनेजर को |
| N06 | राइडर कोशिश नहीं कर पाया (बारिश, गाड़ी ख़राब) | हाँ, प्राथमिकता से |

## एस्केलेट कैसे करें

1. टिकट पर `ndr-escalation` टैग लगाएँ और कस्टम फ़ील्ड **AWB नंबर** भरें।
2. एक इंटरनल नोट लिखें: AWB, NDR कोड, ग्राहक क्या कह रहा है, सही पता और टाइम विंडो।
3. यह नोट हब डायरेक्टरी में दिए हब के एस्केलेशन मेलबॉक्स पर भेजें (जैसे बेंगलुरु के लिए `blr-hub@example.com`)।
4. ग्राहक को अगली कोशिश की तारीख बताएँ। टाइम विंडो के अंदर कोई पक्का समय कभी न बताएँ।

## समय-सीमा

- हब को 4 कामकाजी घंटों के अंदर जवाब देना होता है। जवाब न आए तो डायरेक्टरी में दिए हब मैनेजर को एस्केलेट करें।
- तीन बार फ़ेल हुआ पार्सल 72 घंटे बाद अपने-आप RTO हो जाता है। उससे पहले एस्केलेट करें, या शिपमेंट पैनल से **RTO होल्ड** (ज़्यादा से ज़्यादा 48 घंटे) लगाएँ।
- अगर N01 के लिए कॉल लॉग में कोई कॉल नहीं है, तो `fake-attempt` टैग भी लगाएँ, ताकि हफ़्ते की हब रिपोर्ट में यह गिना जाए।
)md"},
          {"kn",
           "NDR ಅನ್ನು ಡೆಲಿವರಿ ಹಬ್‌ಗೆ ಎಸ್ಕಲೇಟ್ "
           "ಮಾಡುವುದು",
           R"md(*ಆಂತರಿಕ – ಶಿಪ್ಪಿಂಗ್ ಗುಂಪಿನ ಏಜೆಂಟರಿಗೆ ಮಾತ್ರ. ಈ ಪುಟವನ್ನು ಅಥವಾ ಕಾರಣ ಕೋಡ್‌ಗಳನ್ನು ಗ್ರಾಹಕರೊಂದಿಗೆ ಹಂಚಿಕೊಳ್ಳಬೇಡಿ.*

ಗ್ರಾಹಕರು ವಿಫಲ ಡೆಲಿವರಿಯನ್ನು (NDR) ಒಪ್ಪದಿದ್ದಾಗ, ಅಥವಾ ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ ಬುಕ್ ಮಾಡಲಾಗದ ಹೊಸ ಪ್ರಯತ್ನ ಬೇಕಾದಾಗ (ಉದಾಹರಣೆಗೆ ಪಾರ್ಸೆಲ್ ಹಬ್ ತಲುಪಿದ ನಂತರ ಸರಿಪಡಿಸಿದ ವಿಳಾಸ) ಈ ಕ್ರಮ ಅನುಸರಿಸಿ.

## ಎಸ್ಕಲೇಟ್ ಮಾಡುವ ಮೊದಲು

1. ಶಿಪ್‌ಮೆಂಟ್ ಪ್ಯಾನೆಲ್‌ನಲ್ಲಿ AWB ತೆರೆದು NDR ಕಾರಣ ಕೋಡ್ ಮತ್ತು ರೈಡರ್‌ನ ಟಿಪ್ಪಣಿ ಓದಿ.
2. ಕರೆ ದಾಖಲೆ ಪರಿಶೀಲಿಸಿ. ನಿಜವಾದ ಪ್ರಯತ್ನದಲ್ಲಿ ಸಮಯದ ಅವಧಿಯೊಳಗೆ ರೈಡರ್ ಆ್ಯಪ್‌ನಿಂದ ಗ್ರಾಹಕರ ಸಂಖ್ಯೆಗೆ ಕನಿಷ್ಠ ಒಂದು ಕರೆ ಇರುತ್ತದೆ.
3. ಗ್ರಾಹಕರೊಂದಿಗೆ ವಿಳಾಸ, ಗುರುತು ಸ್ಥಳ, ಸಂಪರ್ಕಿಸಬಹುದಾದ ಫೋನ್ ಸಂಖ್ಯೆ ಮತ್ತು ಇಷ್ಟದ ಸಮಯ ಖಚಿತಪಡಿಸಿಕೊಳ್ಳಿ.

## NDR ಕಾರಣ ಕೋಡ್‌ಗಳು

| ಕೋಡ್ | ಕಾರಣ | ಎಸ್ಕಲೇಟ್ ಮಾಡಬೇಕೇ? |
|---|---|---|
| N01 | ಗ್ರಾಹಕರು ಲಭ್ಯವಿರಲಿಲ್ಲ | ಕರೆ ದಾಖಲೆಯಲ್ಲಿ ಕರೆ ಇಲ್ಲದಿದ್ದರೆ ಮಾತ್ರ |
| N02 | ವಿಳಾಸ ಅಪೂರ್ಣ ಅಥವಾ ಸಿಗಲಿಲ್ಲ | ಹೌದು, ಸರಿಯಾದ ವಿಳಾಸ ಮತ್ತು ಗುರುತು ಸ್ಥಳದೊಂದಿಗೆ |
| N03 | ಗ್ರಾಹಕರು ಪಾರ್ಸೆಲ್ ನಿರಾಕರಿಸಿದರು | ಇಲ್ಲ: ಗ್ರಾಹಕರೊಂದಿಗೆ ಖಚಿತಪಡಿಸಿ, ನಂತರ RTO ಆಗಲು ಬಿಡಿ |
| N04 | COD ಹಣ ಸಿದ್ಧವಿರಲಿಲ್ಲ | ಇಲ್ಲ: ಟ್ರ್ಯಾಕಿಂಗ್ ಪುಟದಲ್ಲಿ ದಿನಾಂಕ ಬದಲಿಸಿ |
| N05 | ಡೆಲಿವರಿ ಪ್ರದೇಶದ ಹೊರಗೆ | ಹೌದು, ಹಬ್ ಮ್ಯಾನೇಜರ್‌ಗೆ |
| N06 | ರೈಡರ್ ಪ್ರಯತ್ನಿಸಲು ಆಗಲಿಲ್ಲ (ಮಳೆ, ವಾಹನ ಕೆಟ್ಟಿತು) | ಹೌದು, ಆದ್ಯತೆಯಾಗಿ |

## ಎಸ್ಕಲೇಟ್ ಮಾಡುವುದು ಹೇಗೆ

1. ಟಿಕೆಟ್‌ಗೆ `ndr-escalation` ಟ್ಯಾಗ್ ಸೇರಿಸಿ ಮತ್ತು **AWB ಸಂಖ್ಯೆ** ಕಸ್ಟಮ್ ಫೀಲ್ಡ್ ತುಂಬಿಸಿ.
2. ಆಂತರಿಕ ಟಿಪ್ಪಣಿ ಬರೆಯಿರಿ: AWB, NDR ಕೋಡ್, ಗ್ರಾಹಕರು ಏನು ಹೇಳುತ್ತಾರೆ, ಸರಿಯಾದ ವಿಳಾಸ ಮತ್ತು ಸಮಯದ ಅವಧಿ.
3. ಹಬ್ ಡೈರೆಕ್ಟರಿಯಲ್ಲಿರುವ ಹಬ್‌ನ ಎಸ್ಕಲೇಶನ್ ಮೇಲ್‌ಬಾಕ್ಸ್‌ಗೆ ಟಿಪ್ಪಣಿ ಕಳುಹಿಸಿ (ಉದಾಹರಣೆಗೆ ಬೆಂಗಳೂರಿಗೆ `blr-hub@example.com`).
4. ಮುಂದಿನ ಪ್ರಯತ್ನದ ದಿನಾಂಕವನ್ನು ಗ್ರಾಹಕರಿಗೆ ತಿಳಿಸಿ. ಸಮಯದ ಅವಧಿಯೊಳಗೆ ನಿಖರ ಸಮಯವನ್ನು ಎಂದಿಗೂ ಭರವಸೆ ನೀಡಬೇಡಿ.

## ಸಮಯ ಮಿತಿಗಳು

- ಹಬ್ 4 ಕೆಲಸದ ಗಂಟೆಗಳ ಒಳಗೆ ಉತ್ತರಿಸಬೇಕು. ಉತ್ತರ ಬರದಿದ್ದರೆ ಡೈರೆಕ್ಟರಿಯಲ್ಲಿರುವ ಹಬ್ ಮ್ಯಾನೇಜರ್‌ಗೆ ಎಸ್ಕಲೇಟ್ ಮಾಡಿ.
- ಮೂರು ಬಾರಿ ವಿಫಲವಾದ ಪಾರ್ಸೆಲ್ 72 ಗಂಟೆಗಳ ನಂತರ ತಾನಾಗಿಯೇ RTO ಆಗುತ್ತದೆ. ಅದಕ್ಕೂ ಮೊದಲು ಎಸ್ಕಲೇಟ್ ಮಾಡಿ, ಅಥವಾ ಶಿಪ್‌ಮೆಂಟ್ ಪ್ಯಾನೆಲ್‌ನಿಂದ **RTO ತಡೆ** (ಗರಿಷ್ಠ 48 ಗಂಟೆ) ಹಾಕಿ.
- N01 ಗೆ ಕರೆ ದಾಖಲೆಯಲ್ಲಿ ಯಾವುದೇ ಕರೆ ಇಲ್ಲದಿದ್ದರೆ `fake-attempt` ಟ್ಯಾಗ್ ಕೂಡ ಸೇರಿಸಿ, ಇದರಿಂದ ವಾರದ ಹಬ್ ವರದಿಯಲ್ಲಿ ಅದು ಲೆಕ್ಕಕ್ಕೆ ಬರುತ್ತದೆ.
)md"},
      }};
}

}  // namespace sahayak::services::demo::kb_articles
