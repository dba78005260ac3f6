#include "services/demo/corpus.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

// The text tables make this file long; the generator itself is the last third. Text is
// written as templates with {placeholders}, compiled once per Corpus into literal/slot pieces
// so that producing a message is a handful of appends.

namespace sahayak::demo {
namespace {

// How the customer writes. Agents answer in the same variety when they speak it.
enum Variety { kEn = 0, kHi = 1, kKn = 2, kHinglish = 3, kVarietyCount = 4 };
constexpr std::string_view kVarietyNames[kVarietyCount] = {"en", "hi", "kn", "hinglish"};
constexpr const char* kVarietyLanguage[kVarietyCount] = {"en", "hi", "kn", "hi"};

enum Slot : int {
  kName,     // customer's full name
  kFirst,    // customer's first name
  kAgent,    // assignee's first name
  kAwb,      // SHY123456789IN
  kOrder,    // OD1234567890
  kAmount,   // ₹1,24,999
  kCity,     // destination / customer city (localised)
  kOrigin,   // origin hub city (localised)
  kDate,     // "14 March" (localised)
  kInvoice,  // SXP/24-25/01234
  kOrg,      // organisation name (B2B scenarios only)
  kPincode,  // 560034
  kWindow,   // delivery window (localised)
  kDays,     // 2..9
  kItem,     // product (localised)
  kGstin,    // organisation's GSTIN (B2B scenarios only)
  kCount,    // parcels / shipments
  kRef,      // 12-digit UTR or job-sheet number
  kCountry,  // destination country (localised)
  kWeight,   // "38 kg"
  kSlotCount
};
constexpr std::string_view kSlotNames[kSlotCount] = {
    "name", "first",   "agent",  "awb",  "order", "amount", "city",  "origin", "date",    "invoice",
    "org",  "pincode", "window", "days", "item",  "gstin",  "count", "ref",    "country", "weight"};

[[noreturn]] void Die(std::string_view what, std::string_view text) {
  std::fprintf(stderr, "demo corpus: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(text.size()), text.data());
  std::abort();
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64. One stream per ticket, seeded from (seed, index), so tickets are
// independent and reproducible across platforms (no std:: distributions, whose output is
// implementation-defined).

constexpr uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return Mix(state_ += 0x9E3779B97F4A7C15ull); }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Percent(uint32_t p) { return Below(100) < p; }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(static_cast<uint32_t>(v.size()))];
  }

 private:
  uint64_t state_;
};

// Index drawn with probability proportional to weights[i].
template <size_t N>
int PickWeighted(Rng& rng, const std::array<int, N>& weights) {
  int total = 0;
  for (int w : weights) {
    total += w;
  }
  int r = static_cast<int>(rng.Below(static_cast<uint32_t>(total)));
  for (size_t i = 0; i < N; ++i) {
    if (r < weights[i]) {
      return static_cast<int>(i);
    }
    r -= weights[i];
  }
  return static_cast<int>(N) - 1;
}

int PickWeighted(Rng& rng, const std::vector<int>& weights, int total) {
  int r = static_cast<int>(rng.Below(static_cast<uint32_t>(total)));
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) {
      return static_cast<int>(i);
    }
    r -= weights[i];
  }
  return static_cast<int>(weights.size()) - 1;
}

// ---------------------------------------------------------------------------------------------
// Templates.

struct Piece {
  std::string_view text;  // literal, when slot < 0
  int slot = -1;
};

struct Template {
  std::vector<Piece> pieces;
  size_t literal_bytes = 0;
  uint32_t slots = 0;  // bit i set when slot i is used
};

using Pool = std::vector<Template>;

// `src` must outlive the template (all sources are string literals).
Template Compile(std::string_view src) {
  Template t;
  size_t pos = 0;
  while (pos < src.size()) {
    size_t open = src.find('{', pos);
    if (open == std::string_view::npos) {
      t.pieces.push_back({src.substr(pos), -1});
      t.literal_bytes += src.size() - pos;
      break;
    }
    if (open > pos) {
      t.pieces.push_back({src.substr(pos, open - pos), -1});
      t.literal_bytes += open - pos;
    }
    size_t close = src.find('}', open);
    if (close == std::string_view::npos) {
      Die("unclosed placeholder", src);
    }
    std::string_view name = src.substr(open + 1, close - open - 1);
    int slot = -1;
    for (int i = 0; i < kSlotCount; ++i) {
      if (kSlotNames[i] == name) {
        slot = i;
      }
    }
    if (slot < 0) {
      Die("unknown placeholder", src);
    }
    t.pieces.push_back({{}, slot});
    t.slots |= 1u << slot;
    pos = close + 1;
  }
  for (const Piece& p : t.pieces) {
    if (p.slot < 0 && p.text.find('}') != std::string_view::npos) {
      Die("stray brace", src);
    }
  }
  return t;
}

Pool CompileAll(const std::vector<const char*>& sources) {
  Pool pool;
  pool.reserve(sources.size());
  for (const char* s : sources) {
    pool.push_back(Compile(s));
  }
  return pool;
}

struct Vars {
  std::array<std::string_view, kSlotCount> value;
};

void Append(const Template& t, const Vars& vars, std::string* out) {
  for (const Piece& p : t.pieces) {
    if (p.slot < 0) {
      out->append(p.text);
    } else {
      out->append(vars.value[p.slot]);
    }
  }
}

// Writes `v` in decimal at `out`, returns the end.
char* WriteDigits(char* out, uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) {
    *out++ = tmp[--n];
  }
  return out;
}

// Exactly `width` random digits.
char* WriteRandomDigits(char* out, Rng& rng, int width) {
  uint64_t r = rng.Next();
  for (int i = 0; i < width; ++i) {
    if (i == 16) {
      r = rng.Next();
    }
    *out++ = static_cast<char>('0' + r % 10);
    r /= 10;
  }
  return out;
}

// "₹1,24,999": Indian digit grouping (last three, then pairs).
char* WriteRupees(char* out, int64_t rupees) {
  static constexpr char kRupee[] = "\u20B9";
  for (const char* p = kRupee; *p != '\0'; ++p) {
    *out++ = *p;
  }
  char digits[24];
  char* end = WriteDigits(digits, static_cast<uint64_t>(rupees));
  int n = static_cast<int>(end - digits);
  for (int i = 0; i < n; ++i) {
    int remaining = n - i;
    *out++ = digits[i];
    if (remaining > 1 && (remaining == 4 || (remaining > 4 && (remaining - 4) % 2 == 0))) {
      *out++ = ',';
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The world: places, products, people and accounts.

struct Localised {
  const char* en;  // also used for Hinglish
  const char* hi;
  const char* kn;
  const char* In(int variety) const { return variety == kHi ? hi : variety == kKn ? kn : en; }
};

struct City {
  Localised name;
  const char* pin_prefix;  // first three digits of its pincodes
  const char* gst_state;   // GST state code
};

// Indices used below: 0-9 Karnataka, 10-20 Hindi belt, 21 on other states.
const City kCities[] = {
    {{"Bengaluru", "बेंगलुरु", "ಬೆಂಗಳೂರು"}, "560", "29"},
    {{"Mysuru", "मैसूरु", "ಮೈಸೂರು"}, "570", "29"},
    {{"Hubballi", "हुब्बल्ली", "ಹುಬ್ಬಳ್ಳಿ"}, "580", "29"},
    {{"Mangaluru", "मंगलुरु", "ಮಂಗಳೂರು"}, "575", "29"},
    {{"Belagavi", "बेलगावी", "ಬೆಳಗಾವಿ"}, "590", "29"},
    {{"Davanagere", "दावणगेरे", "ದಾವಣಗೆರೆ"}, "577", "29"},
    {{"Udupi", "उडुपी", "ಉಡುಪಿ"}, "576", "29"},
    {{"Shivamogga", "शिवमोग्गा", "ಶಿವಮೊಗ್ಗ"}, "577", "29"},
    {{"Kalaburagi", "कलबुर्गी", "ಕಲಬುರಗಿ"}, "585", "29"},
    {{"Tumakuru", "तुमकुरु", "ತುಮಕೂರು"}, "572", "29"},
    {{"Delhi", "दिल्ली", "ದೆಹಲಿ"}, "110", "07"},
    {{"Lucknow", "लखनऊ", "ಲಖನೌ"}, "226", "09"},
    {{"Jaipur", "जयपुर", "ಜೈಪುರ"}, "302", "08"},
    {{"Kanpur", "कानपुर", "ಕಾನ್ಪುರ"}, "208", "09"},
    {{"Patna", "पटना", "ಪಟ್ನಾ"}, "800", "10"},
    {{"Bhopal", "भोपाल", "ಭೋಪಾಲ್"}, "462", "23"},
    {{"Indore", "इंदौर", "ಇಂದೋರ್"}, "452", "23"},
    {{"Varanasi", "वाराणसी", "ವಾರಾಣಸಿ"}, "221", "09"},
    {{"Noida", "नोएडा", "ನೋಯ್ಡಾ"}, "201", "09"},
    {{"Gurugram", "गुरुग्राम", "ಗುರುಗ್ರಾಮ"}, "122", "06"},
    {{"Dehradun", "देहरादून", "ಡೆಹ್ರಾಡೂನ್"}, "248", "05"},
    {{"Chennai", "चेन्नई", "ಚೆನ್ನೈ"}, "600", "33"},
    {{"Coimbatore", "कोयंबटूर", "ಕೊಯಮತ್ತೂರು"}, "641", "33"},
    {{"Hyderabad", "हैदराबाद", "ಹೈದರಾಬಾದ್"}, "500", "36"},
    {{"Visakhapatnam", "विशाखापत्तनम", "ವಿಶಾಖಪಟ್ಟಣ"}, "530", "37"},
    {{"Kochi", "कोच्चि", "ಕೊಚ್ಚಿ"}, "682", "32"},
    {{"Mumbai", "मुंबई", "ಮುಂಬೈ"}, "400", "27"},
    {{"Pune", "पुणे", "ಪುಣೆ"}, "411", "27"},
    {{"Nagpur", "नागपुर", "ನಾಗಪುರ"}, "440", "27"},
    {{"Kolkata", "कोलकाता", "ಕೋಲ್ಕತ್ತಾ"}, "700", "19"},
    {{"Ahmedabad", "अहमदाबाद", "ಅಹಮದಾಬಾದ್"}, "380", "24"},
    {{"Chandigarh", "चंडीगढ़", "ಚಂಡೀಗಢ"}, "160", "04"},
};
constexpr int kCityCount = sizeof(kCities) / sizeof(kCities[0]);

// Hubs that parcels leave from.
constexpr int kOriginHubs[] = {0, 2, 10, 12, 21, 23, 26, 27, 29, 30};

struct Item {
  Localised name;
  bool repairable;  // an appliance or gadget a service centre can repair
  bool hard;        // can crack or dent (damage claims are about these)
};

const Item kItems[] = {
    {{"mixer grinder", "मिक्सर ग्राइंडर", "ಮಿಕ್ಸರ್ ಗ್ರೈಂಡರ್"}, true, true},
    {{"pressure cooker", "प्रेशर कुकर", "ಪ್ರೆಶರ್ ಕುಕ್ಕರ್"}, false, true},
    {{"mobile phone", "मोबाइल फ़ोन", "ಮೊಬೈಲ್ ಫೋನ್"}, true, true},
    {{"silk saree", "सिल्क साड़ी", "ರೇಷ್ಮೆ ಸೀರೆ"}, false, false},
    {{"pair of running shoes", "रनिंग शूज़", "ರನ್ನಿಂಗ್ ಶೂ"}, false, false},
    {{"Bluetooth speaker", "ब्लूटूथ स्पीकर", "ಬ್ಲೂಟೂತ್ ಸ್ಪೀಕರ್"}, true, true},
    {{"ceiling fan", "सीलिंग फ़ैन", "ಸೀಲಿಂಗ್ ಫ್ಯಾನ್"}, true, true},
    {{"school bag", "स्कूल बैग", "ಸ್ಕೂಲ್ ಬ್ಯಾಗ್"}, false, false},
    {{"water purifier", "वॉटर प्यूरीफ़ायर", "ವಾಟರ್ ಪ್ಯೂರಿಫೈಯರ್"}, true, true},
    {{"laptop", "लैपटॉप", "ಲ್ಯಾಪ್ಟಾಪ್"}, true, true},
    {{"wrist watch", "कलाई घड़ी", "ಕೈಗಡಿಯಾರ"}, true, true},
    {{"steel dinner set", "स्टील डिनर सेट", "ಸ್ಟೀಲ್ ಡಿನ್ನರ್ ಸೆಟ್"}, false, true},
    {{"table lamp", "टेबल लैंप", "ಟೇಬಲ್ ಲ್ಯಾಂಪ್"}, true, true},
    {{"set of cotton bedsheets", "कॉटन बेडशीट सेट", "ಹತ್ತಿ ಬೆಡ್ಶೀಟ್ ಸೆಟ್"}, false, false},
    {{"induction cooktop", "इंडक्शन कुकटॉप", "ಇಂಡಕ್ಷನ್ ಕುಕ್ಟಾಪ್"}, true, true},
};
constexpr int kItemCount = sizeof(kItems) / sizeof(kItems[0]);

const Localised kMonths[12] = {
    {"January", "जनवरी", "ಜನವರಿ"},
    {"February", "फ़रवरी", "ಫೆಬ್ರವರಿ"},
    {"March", "मार्च", "ಮಾರ್ಚ್"},
    {"April", "अप्रैल", "ಏಪ್ರಿಲ್"},
    {"May", "मई", "ಮೇ"},
    {"June", "जून", "ಜೂನ್"},
    {"July", "जुलाई", "ಜುಲೈ"},
    {"August", "अगस्त", "ಆಗಸ್ಟ್"},
    {"September", "सितंबर", "ಸೆಪ್ಟೆಂಬರ್"},
    {"October", "अक्टूबर", "ಅಕ್ಟೋಬರ್"},
    {"November", "नवंबर", "ನವೆಂಬರ್"},
    {"December", "दिसंबर", "ಡಿಸೆಂಬರ್"},
};

// Delivery windows. Hinglish has its own wording.
const Localised kWindows[] = {
    {"10 am – 1 pm", "सुबह 10 से दोपहर 1 बजे", "ಬೆಳಿಗ್ಗೆ 10 ರಿಂದ ಮಧ್ಯಾಹ್ನ 1 ಗಂಟೆ"},
    {"1 pm – 4 pm", "दोपहर 1 से शाम 4 बजे", "ಮಧ್ಯಾಹ್ನ 1 ರಿಂದ ಸಂಜೆ 4 ಗಂಟೆ"},
    {"4 pm – 8 pm", "शाम 4 से 8 बजे", "ಸಂಜೆ 4 ರಿಂದ 8 ಗಂಟೆ"},
    {"9 am – 12 noon", "सुबह 9 से 12 बजे", "ಬೆಳಿಗ್ಗೆ 9 ರಿಂದ 12 ಗಂಟೆ"},
};
const char* const kHinglishWindows[] = {"subah 10 se 1 baje", "dopahar 1 se 4 baje",
                                        "shaam 4 se 8 baje", "subah 9 se 12 baje"};
constexpr int kWindowCount = sizeof(kWindows) / sizeof(kWindows[0]);

const Localised kCountries[] = {
    {"the USA", "अमेरिका", "ಅಮೆರಿಕ"},
    {"the UK", "ब्रिटेन", "ಬ್ರಿಟನ್"},
    {"the UAE", "यूएई", "ಯುಎಇ"},
    {"Singapore", "सिंगापुर", "ಸಿಂಗಾಪುರ"},
    {"Australia", "ऑस्ट्रेलिया", "ಆಸ್ಟ್ರೇಲಿಯಾ"},
    {"Canada", "कनाडा", "ಕೆನಡಾ"},
    {"Germany", "जर्मनी", "ಜರ್ಮನಿ"},
};
const char* const kHinglishCountries[] = {"USA",       "UK",     "Dubai",  "Singapore",
                                          "Australia", "Canada", "Germany"};
constexpr int kCountryCount = sizeof(kCountries) / sizeof(kCountries[0]);

// People. Names carry their own script where the region writes one we ship (hi, kn).
struct Name {
  const char* latin;
  const char* native;  // nullptr when written in Latin script only
};

struct Region {
  int weight;  // share of contacts, percent
  std::vector<Name> first;
  std::vector<Name> last;
  std::vector<int> cities;  // indices into kCities; the first is the most common
  int native_language;      // kHi, kKn or kEn
  int native_percent;       // share of contacts whose language is native_language
  int hinglish_percent;     // share of the English speakers' tickets written in Hinglish
};

const std::vector<Region>& Regions() {
  static const std::vector<Region> kRegions = {
      {40,
       {{"Manjunath", "ಮಂಜುನಾಥ"}, {"Raghavendra", "ರಾಘವೇಂದ್ರ"}, {"Praveen", "ಪ್ರವೀಣ್"},
        {"Santosh", "ಸಂತೋಷ್"},     {"Nagaraj", "ನಾಗರಾಜ್"},       {"Girish", "ಗಿರೀಶ್"},
        {"Prakash", "ಪ್ರಕಾಶ್"},     {"Mahesh", "ಮಹೇಶ್"},          {"Kiran", "ಕಿರಣ್"},
        {"Vinay", "ವಿನಯ್"},         {"Chethan", "ಚೇತನ್"},         {"Shivakumar", "ಶಿವಕುಮಾರ್"},
        {"Basavaraj", "ಬಸವರಾಜ್"},  {"Harish", "ಹರೀಶ್"},          {"Srinivas", "ಶ್ರೀನಿವಾಸ್"},
        {"Darshan", "ದರ್ಶನ್"},      {"Puneeth", "ಪುನೀತ್"},        {"Kavya", "ಕಾವ್ಯ"},
        {"Shwetha", "ಶ್ವೇತಾ"},     {"Deepa", "ದೀಪಾ"},           {"Lakshmi", "ಲಕ್ಷ್ಮೀ"},
        {"Sahana", "ಸಹನಾ"},       {"Pooja", "ಪೂಜಾ"},           {"Rashmi", "ರಶ್ಮಿ"},
        {"Divya", "ದಿವ್ಯಾ"},        {"Bhavya", "ಭವ್ಯಾ"},          {"Sowmya", "ಸೌಮ್ಯಾ"},
        {"Anitha", "ಅನಿತಾ"},       {"Shruthi", "ಶ್ರುತಿ"},         {"Nandini", "ನಂದಿನಿ"},
        {"Rekha", "ರೇಖಾ"},        {"Spoorthi", "ಸ್ಫೂರ್ತಿ"},       {"Chaitra", "ಚೈತ್ರಾ"}},
       {{"Gowda", "ಗೌಡ"},
        {"Hegde", "ಹೆಗ್ಡೆ"},
        {"Shetty", "ಶೆಟ್ಟಿ"},
        {"Bhat", "ಭಟ್"},
        {"Rao", "ರಾವ್"},
        {"Kulkarni", "ಕುಲಕರ್ಣಿ"},
        {"Patil", "ಪಾಟೀಲ್"},
        {"Naik", "ನಾಯಕ್"},
        {"Shenoy", "ಶೆಣೈ"},
        {"Kamath", "ಕಾಮತ್"},
        {"Murthy", "ಮೂರ್ತಿ"},
        {"Prasad", "ಪ್ರಸಾದ್"},
        {"Acharya", "ಆಚಾರ್ಯ"},
        {"Hiremath", "ಹಿರೇಮಠ"},
        {"Desai", "ದೇಸಾಯಿ"},
        {"Angadi", "ಅಂಗಡಿ"},
        {"Reddy", "ರೆಡ್ಡಿ"},
        {"Poojary", "ಪೂಜಾರಿ"}},
       {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
       kKn,
       60,
       8},
      {32,
       {{"Rahul", "राहुल"},   {"Amit", "अमित"},      {"Ankit", "अंकित"},   {"Vikas", "विकास"},
        {"Rajesh", "राजेश"},  {"Sandeep", "संदीप"},   {"Manoj", "मनोज"},   {"Rohit", "रोहित"},
        {"Saurabh", "सौरभ"}, {"Abhishek", "अभिषेक"}, {"Deepak", "दीपक"},  {"Arvind", "अरविंद"},
        {"Pankaj", "पंकज"},   {"Vivek", "विवेक"},     {"Mohit", "मोहित"},  {"Imran", "इमरान"},
        {"Aditya", "आदित्य"}, {"Gaurav", "गौरव"},    {"Priya", "प्रिया"},  {"Neha", "नेहा"},
        {"Pooja", "पूजा"},    {"Sunita", "सुनीता"},   {"Anjali", "अंजलि"},  {"Shalini", "शालिनी"},
        {"Ritu", "रितु"},     {"Kavita", "कविता"},   {"Swati", "स्वाति"},  {"Nisha", "निशा"},
        {"Komal", "कोमल"},   {"Preeti", "प्रीति"},   {"Shabnam", "शबनम"}, {"Aarti", "आरती"},
        {"Megha", "मेघा"},    {"Sakshi", "साक्षी"}},
       {{"Sharma", "शर्मा"},
        {"Verma", "वर्मा"},
        {"Gupta", "गुप्ता"},
        {"Singh", "सिंह"},
        {"Yadav", "यादव"},
        {"Mishra", "मिश्रा"},
        {"Agarwal", "अग्रवाल"},
        {"Tiwari", "तिवारी"},
        {"Pandey", "पांडे"},
        {"Srivastava", "श्रीवास्तव"},
        {"Chauhan", "चौहान"},
        {"Jain", "जैन"},
        {"Saxena", "सक्सेना"},
        {"Dubey", "दुबे"},
        {"Khan", "ख़ान"},
        {"Rastogi", "रस्तोगी"},
        {"Chaudhary", "चौधरी"},
        {"Rathore", "राठौर"}},
       {10, 10, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
       kHi,
       55,
       30},
      {6,
       {{"Karthik", nullptr},
        {"Arun", nullptr},
        {"Venkatesh", nullptr},
        {"Senthil", nullptr},
        {"Meena", nullptr},
        {"Revathi", nullptr},
        {"Divya", nullptr},
        {"Gayathri", nullptr},
        {"Saravanan", nullptr}},
       {{"Iyer", nullptr},
        {"Krishnan", nullptr},
        {"Subramanian", nullptr},
        {"Raman", nullptr},
        {"Natarajan", nullptr},
        {"Sundaram", nullptr}},
       {21, 21, 22},
       kEn,
       100,
       3},
      {6,
       {{"Srikanth", nullptr},
        {"Ravi Teja", nullptr},
        {"Sai", nullptr},
        {"Lavanya", nullptr},
        {"Madhuri", nullptr},
        {"Harika", nullptr},
        {"Naveen", nullptr},
        {"Sameer", nullptr},
        {"Ayesha", nullptr}},
       {{"Reddy", nullptr},
        {"Naidu", nullptr},
        {"Chowdary", nullptr},
        {"Varma", nullptr},
        {"Siddiqui", nullptr},
        {"Rao", nullptr}},
       {23, 23, 24},
       kHi,
       15,
       15},
      {3,
       {{"Anoop", nullptr},
        {"Jithin", nullptr},
        {"Arjun", nullptr},
        {"Anjana", nullptr},
        {"Aparna", nullptr},
        {"Joseph", nullptr},
        {"Mary", nullptr},
        {"Fathima", nullptr}},
       {{"Nair", nullptr},
        {"Menon", nullptr},
        {"Pillai", nullptr},
        {"Thomas", nullptr},
        {"Varghese", nullptr},
        {"Kurian", nullptr}},
       {25},
       kEn,
       100,
       2},
      {6,
       {{"Aniket", nullptr},
        {"Rohan", nullptr},
        {"Sagar", nullptr},
        {"Tanvi", nullptr},
        {"Sneha", nullptr},
        {"Priyanka", nullptr},
        {"Omkar", nullptr},
        {"Madhura", nullptr},
        {"Ketan", nullptr}},
       {{"Deshpande", nullptr},
        {"Joshi", nullptr},
        {"Kulkarni", nullptr},
        {"Pawar", nullptr},
        {"Gokhale", nullptr},
        {"Shinde", nullptr}},
       {26, 26, 27, 27, 28},
       kHi,
       30,
       30},
      {3,
       {{"Sourav", nullptr},
        {"Arijit", nullptr},
        {"Ananya", nullptr},
        {"Moumita", nullptr},
        {"Debashish", nullptr},
        {"Rituparna", nullptr}},
       {{"Banerjee", nullptr},
        {"Chatterjee", nullptr},
        {"Das", nullptr},
        {"Mukherjee", nullptr},
        {"Ghosh", nullptr},
        {"Sen", nullptr}},
       {29},
       kHi,
       15,
       10},
      {2,
       {{"Hitesh", nullptr},
        {"Jignesh", nullptr},
        {"Riya", nullptr},
        {"Hetal", nullptr},
        {"Parth", nullptr},
        {"Krupa", nullptr}},
       {{"Patel", nullptr},
        {"Shah", nullptr},
        {"Mehta", nullptr},
        {"Desai", nullptr},
        {"Trivedi", nullptr}},
       {30},
       kHi,
       40,
       35},
      {2,
       {{"Gurpreet", nullptr},
        {"Harpreet", nullptr},
        {"Manpreet", nullptr},
        {"Jaspreet", nullptr},
        {"Simran", nullptr},
        {"Karan", nullptr}},
       {{"Gill", nullptr},
        {"Sandhu", nullptr},
        {"Dhillon", nullptr},
        {"Sidhu", nullptr},
        {"Bedi", nullptr}},
       {31},
       kHi,
       40,
       40},
  };
  return kRegions;
}

// Free-mail domains under the reserved .example TLD.
const char* const kFreeMailDomains[] = {"mail.example", "inbox.example", "post.example",
                                        "netmail.example", "webpost.example"};

// Time zones of customers who live abroad.
const char* const kAbroadZones[] = {"Asia/Dubai", "Asia/Singapore", "Europe/London",
                                    "America/New_York", "Australia/Sydney"};

struct OrgSpec {
  const char* name;
  const char* slug;
  const char* second_slug;  // nullptr, or a second domain
  const char* tier;
  int city;
};

const OrgSpec kOrgs[] = {
    {"Kaveri Silks & Sarees Pvt Ltd", "kaverisilks", "kaverisarees", "premium", 1},
    {"Malnad Coffee Curers", "malnadcoffee", nullptr, "standard", 7},
    {"Udupi Spice Traders", "udupispice", nullptr, "basic", 6},
    {"Nandi Agro Foods Pvt Ltd", "nandiagro", "nandifoods", "enterprise", 0},
    {"Deccan Auto Spares", "deccanautospares", nullptr, "standard", 2},
    {"Chamundi Electricals", "chamundielectricals", nullptr, "basic", 1},
    {"Coastal Cashew Exports", "coastalcashew", nullptr, "premium", 3},
    {"Sahyadri Book House", "sahyadribooks", nullptr, "basic", 4},
    {"Tunga Organic Farms", "tungaorganic", nullptr, "basic", 7},
    {"Vidhana Tech Solutions LLP", "vidhanatech", "vidhana-it", "enterprise", 0},
    {"Benne Dosa Foods", "bennedosafoods", nullptr, "basic", 5},
    {"Kalaburagi Dal Mills", "kalaburagidal", nullptr, "standard", 8},
    {"Tumakuru Coir Works", "tumakurucoir", nullptr, "basic", 9},
    {"Rajdhani Pharma Distributors", "rajdhanipharma", "rajdhani-rx", "enterprise", 10},
    {"Gomti Chikan Crafts", "gomtichikan", nullptr, "standard", 11},
    {"Pink City Gems & Jewels", "pinkcitygems", nullptr, "premium", 12},
    {"Kanpur Leather Goods Co", "kanpurleather", nullptr, "standard", 13},
    {"Magadh Handloom Emporium", "magadhhandloom", nullptr, "basic", 14},
    {"Upper Lake Furnishings", "upperlakefurnishings", nullptr, "basic", 15},
    {"Malwa Snacks Pvt Ltd", "malwasnacks", nullptr, "premium", 16},
    {"Kashi Banaras Weaves", "kashiweaves", nullptr, "standard", 17},
    {"Noida Mobile Accessories Hub", "noidamobilehub", nullptr, "standard", 18},
    {"Cyber City Office Supplies", "cybercitysupplies", nullptr, "premium", 19},
    {"Doon Valley Basmati", "doonbasmati", nullptr, "standard", 20},
    {"Marina Electronics Traders", "marinaelectronics", nullptr, "standard", 21},
    {"Kovai Pumps & Motors", "kovaipumps", nullptr, "premium", 22},
    {"Charminar Bangles & Pearls", "charminarbangles", nullptr, "standard", 23},
    {"Godavari Pharma Labs", "godavaripharma", nullptr, "premium", 24},
    {"Malabar Spice Route LLP", "malabarspiceroute", nullptr, "standard", 25},
    {"Dadar Fashion House", "dadarfashion", nullptr, "premium", 26},
    {"Konkan Mango Exports", "konkanmango", nullptr, "basic", 26},
    {"Shaniwar Peth Sweets", "shaniwarsweets", nullptr, "basic", 27},
    {"Mula-Mutha Engineering Works", "mulamuthaengg", "mmew", "enterprise", 27},
    {"Orange City Distributors", "orangecitydist", nullptr, "standard", 28},
    {"Howrah Bridge Textiles", "howrahtextiles", nullptr, "standard", 29},
    {"Sabarmati Home Decor", "sabarmatidecor", nullptr, "premium", 30},
    {"Navrang Dyes & Chemicals", "navrangdyes", nullptr, "standard", 30},
    {"Sukhna Sports Goods", "sukhnasports", nullptr, "basic", 31},
    {"Shree Ganesh Kirana Wholesale", "shreeganeshkirana", nullptr, "basic", 0},
    {"Hampi Heritage Crafts", "hampicrafts", nullptr, "basic", 2},
};

enum SpeaksBits : unsigned { kSpeaksEn = 1, kSpeaksHi = 2, kSpeaksKn = 4, kSpeaksHinglish = 8 };

struct AgentSpec {
  const char* name;
  const char* email;
  const char* language;
  std::vector<int> groups;
  unsigned speaks;
};

const std::vector<AgentSpec>& AgentSpecs() {
  static const std::vector<AgentSpec> kAgents = {
      {"Asha Rao", "admin@demo.sahayak.local", "en", {0, 1, 2, 3, 4}, kSpeaksEn | kSpeaksKn},
      {"Manjunath Gowda", "manjunath.gowda@demo.sahayak.local", "kn", {0}, kSpeaksEn | kSpeaksKn},
      {"Priya Sharma",
       "priya.sharma@demo.sahayak.local",
       "hi",
       {0},
       kSpeaksEn | kSpeaksHi | kSpeaksHinglish},
      {"Imran Khan",
       "imran.khan@demo.sahayak.local",
       "en",
       {0, 3},
       kSpeaksEn | kSpeaksHi | kSpeaksHinglish},
      {"Shwetha Hegde", "shwetha.hegde@demo.sahayak.local", "kn", {0, 1}, kSpeaksEn | kSpeaksKn},
      {"Ravi Kumar",
       "ravi.kumar@demo.sahayak.local",
       "en",
       {0},
       kSpeaksEn | kSpeaksHi | kSpeaksKn | kSpeaksHinglish},
      {"Kavya Bhat", "kavya.bhat@demo.sahayak.local", "kn", {1, 3}, kSpeaksEn | kSpeaksKn},
      {"Deepak Verma",
       "deepak.verma@demo.sahayak.local",
       "hi",
       {1},
       kSpeaksEn | kSpeaksHi | kSpeaksHinglish},
      {"Lakshmi Narayanan",
       "lakshmi.narayanan@demo.sahayak.local",
       "en",
       {2},
       kSpeaksEn | kSpeaksKn},
      {"Pooja Agarwal",
       "pooja.agarwal@demo.sahayak.local",
       "hi",
       {2},
       kSpeaksEn | kSpeaksHi | kSpeaksHinglish},
      {"Suresh Patil",
       "suresh.patil@demo.sahayak.local",
       "kn",
       {3},
       kSpeaksEn | kSpeaksHi | kSpeaksKn | kSpeaksHinglish},
      {"Neha Kapoor",
       "neha.kapoor@demo.sahayak.local",
       "en",
       {4},
       kSpeaksEn | kSpeaksHi | kSpeaksHinglish},
      {"Arjun Shetty", "arjun.shetty@demo.sahayak.local", "kn", {2, 4}, kSpeaksEn | kSpeaksKn},
  };
  return kAgents;
}

const std::vector<DemoGroup>& GroupList() {
  static const std::vector<DemoGroup> kGroups = {
      {"Shipping", "Deliveries, pickups, address changes, delays and international shipments."},
      {"Quality Control",
       "Damaged or missing items, tampering investigations and packaging "
       "claims."},
      {"Accounts Receivable",
       "Invoices, GST corrections, refunds and cash-on-delivery "
       "remittances."},
      {"Repairs", "Warranty repairs and service-centre pickups for products sold on our shop."},
      {"Sales", "New business accounts, rate quotes and contract renewals."},
  };
  return kGroups;
}

// ---------------------------------------------------------------------------------------------
// Scenarios. Each has subjects and opening messages from the customer, a first reply and a
// resolution from the agent in all four varieties, and internal notes as agents write them
// (English or Hinglish). {org} and {gstin} appear only in B2B scenarios, whose requester
// always belongs to an organisation.

constexpr const char* kTypes[] = {"question", "incident", "complaint", "problem", "task"};
enum TypeIndex { kQuestion, kIncident, kComplaint, kProblem, kTask };

enum ItemKinds { kAnyItem, kRepairableItems, kHardItems };

enum FieldBits : unsigned {
  kFieldAwb = 1,
  kFieldOrder = 2,
  kFieldInvoice = 4,
  kFieldAmount = 8,
  kFieldGstin = 16,
};

struct Texts {
  std::vector<const char*> en, hi, kn, hinglish;
};

struct ScenarioSpec {
  const char* key;
  int weight;     // share of tickets, percent
  int group;      // owning group
  int alt_group;  // -1, or a second group that takes alt_percent of them
  int alt_percent;
  int type_a, type_b, type_a_percent;
  std::vector<const char*> tags;
  bool b2b;
  unsigned fields;
  int amount_min, amount_max;  // rupees
  int items;                   // which products the texts may name
  int urgency;                 // 0 ordinary; 1 tends to high priority
  Texts subjects, openings, replies, resolutions;
  std::vector<const char*> notes;
  // For opening i: the subject, first reply and resolution that fit it (-1: any). Every
  // variety lists its texts in the same order, so the indices hold across languages.
  std::array<std::array<int, 3>, 3> flow;
};

const std::vector<ScenarioSpec>& ScenarioSpecs() {
  static const std::vector<ScenarioSpec> kSpecs = {
      // -------------------------------------------------------------------------------------
      {.key = "parcel_delayed",
       .weight = 18,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kIncident,
       .type_b = kQuestion,
       .type_a_percent = 60,
       .tags = {"delayed"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Parcel {awb} not delivered yet", "Where is my order {order}?",
                           "Delivery delayed – AWB {awb}"},
                    .hi = {"पार्सल {awb} अभी तक नहीं पहुँचा", "मेरा ऑर्डर {order} कहाँ है?",
                           "डिलीवरी में देरी – AWB {awb}"},
                    .kn = {"ಪಾರ್ಸೆಲ್ {awb} ಇನ್ನೂ ತಲುಪಿಲ್ಲ", "ನನ್ನ ಆರ್ಡರ್ {order} ಎಲ್ಲಿದೆ?",
                           "ಡೆಲಿವರಿ ತಡವಾಗಿದೆ – AWB {awb}"},
                    .hinglish = {"mera parcel kab aayega? AWB {awb}",
                                 "Order {order} abhi tak nahi mila",
                                 "Delivery late ho gayi hai - {awb}"}},
       .openings =
           {.en = {"My parcel with AWB {awb} was supposed to arrive in {city} by {date} but it "
                   "is still not delivered. Tracking has shown \"in transit\" for {days} days "
                   "now. Can you please tell me when it will reach?",
                   "I ordered a {item} (order {order}) and it still hasn't arrived. The "
                   "tracking page for AWB {awb} has not changed since it left {origin}. Please "
                   "check and update.",
                   "The shipment {awb} from {origin} to {city} is delayed by {days} days. This "
                   "was a gift and the occasion is already over. What is happening?"},
            .hi = {"मेरा पार्सल (AWB {awb}) {date} तक {city} पहुँचना था, लेकिन अभी तक नहीं "
                   "आया। ट्रैकिंग में {days} दिन से \"इन ट्रांज़िट\" ही दिख रहा है। कृपया बताइए "
                   "कब तक पहुँचेगा?",
                   "मैंने ऑर्डर {order} ({item}) दिया था, पर अभी तक नहीं मिला। AWB {awb} की "
                   "ट्रैकिंग {origin} से निकलने के बाद से अपडेट नहीं हुई है। कृपया जाँच करके "
                   "बताइए।",
                   "शिपमेंट {awb} ({origin} → {city}) {days} दिन लेट है। यह एक तोहफ़ा था और "
                   "मौका निकल चुका है। आखिर हो क्या रहा है?"},
            .kn = {"ನನ್ನ ಪಾರ್ಸೆಲ್ (AWB {awb}) {date} ಒಳಗೆ {city} ನಗರಕ್ಕೆ ತಲುಪಬೇಕಿತ್ತು, "
                   "ಆದರೆ ಇನ್ನೂ ಬಂದಿಲ್ಲ. {days} ದಿನಗಳಿಂದ ಟ್ರ್ಯಾಕಿಂಗ್ ಮಾಹಿತಿಯಲ್ಲಿ \"ಇನ್ "
                   "ಟ್ರಾನ್ಸಿಟ್\" ಎಂದೇ ತೋರಿಸುತ್ತಿದೆ. ಯಾವಾಗ ತಲುಪುತ್ತದೆ ಎಂದು ದಯವಿಟ್ಟು ತಿಳಿಸಿ.",
                   "ನಾನು ಒಂದು {item} ಆರ್ಡರ್ ಮಾಡಿದ್ದೆ (ಆರ್ಡರ್ ಸಂಖ್ಯೆ {order}). ಇನ್ನೂ ಬಂದಿಲ್ಲ. "
                   "{origin} ಬಿಟ್ಟ ನಂತರ AWB {awb} ಟ್ರ್ಯಾಕಿಂಗ್ ಅಪ್ಡೇಟ್ ಆಗಿಲ್ಲ. ದಯವಿಟ್ಟು "
                   "ಪರಿಶೀಲಿಸಿ.",
                   "ಶಿಪ್ಮೆಂಟ್ {awb} ({origin} → {city}) {days} ದಿನ ತಡವಾಗಿದೆ. ಇದು ಉಡುಗೊರೆ "
                   "ಆಗಿತ್ತು, ಸಂದರ್ಭ ಮುಗಿದೇ ಹೋಯಿತು. ಏನಾಗುತ್ತಿದೆ?"},
            .hinglish = {"Mera parcel AWB {awb} {date} tak {city} aana tha, abhi tak nahi aaya. "
                         "Tracking mein {days} din se \"in transit\" hi dikha raha hai. Kab tak "
                         "aayega?",
                         "Maine {item} order kiya tha, order no {order}. Abhi tak deliver nahi "
                         "hua aur AWB {awb} ka status {origin} ke baad update hi nahi hua. "
                         "Please check karke batao.",
                         "{days} din ho gaye, shipment {awb} ({origin} se {city}) abhi tak nahi "
                         "pahuncha. Gift tha, ab koi fayda nahi. Kya ho raha hai aapke yahan?"}},
       .replies =
           {.en = {"Sorry for the delay with AWB {awb}. I have checked with our {city} hub: the "
                   "parcel missed its connection at the sort centre and is now on the next "
                   "line-haul. I have raised a priority request and will update you within 24 "
                   "hours.",
                   "Thank you for writing in. Your shipment {awb} is currently at our {origin} "
                   "facility. I have asked the hub team to dispatch it today and will share the "
                   "revised delivery date shortly."},
            .hi = {"AWB {awb} में देरी के लिए माफ़ी चाहते हैं। हमने {city} हब से बात की है: "
                   "पार्सल सॉर्ट सेंटर पर कनेक्शन से छूट गया था और अब अगली गाड़ी से भेजा जा "
                   "रहा है। प्राथमिकता अनुरोध दर्ज कर दिया है, 24 घंटे में अपडेट देंगे।",
                   "संपर्क करने के लिए धन्यवाद। आपका शिपमेंट {awb} अभी हमारे {origin} केंद्र "
                   "पर है। हब टीम से आज ही भेजने को कहा है, नई डिलीवरी तारीख जल्द बताएँगे।"},
            .kn = {"AWB {awb} ತಡವಾಗಿದ್ದಕ್ಕೆ ಕ್ಷಮಿಸಿ. ನಾವು {city} ಹಬ್ ಜೊತೆ ಮಾತನಾಡಿದ್ದೇವೆ: "
                   "ವಿಂಗಡಣಾ ಕೇಂದ್ರದಲ್ಲಿ ಪಾರ್ಸೆಲ್ ಸಂಪರ್ಕ ವಾಹನ ತಪ್ಪಿಸಿಕೊಂಡಿತ್ತು, ಈಗ ಮುಂದಿನ "
                   "ವಾಹನದಲ್ಲಿ ಕಳುಹಿಸಲಾಗುತ್ತಿದೆ. ಆದ್ಯತೆಯ ವಿನಂತಿ ದಾಖಲಿಸಿದ್ದೇವೆ; 24 ಗಂಟೆಗಳಲ್ಲಿ "
                   "ಮಾಹಿತಿ ನೀಡುತ್ತೇವೆ.",
                   "ನಮ್ಮನ್ನು ಸಂಪರ್ಕಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ನಿಮ್ಮ ಶಿಪ್ಮೆಂಟ್ {awb} ಈಗ ನಮ್ಮ {origin} "
                   "ಕೇಂದ್ರದಲ್ಲಿದೆ. ಇಂದೇ ಕಳುಹಿಸಲು ಹಬ್ ತಂಡಕ್ಕೆ ಹೇಳಿದ್ದೇವೆ; ಹೊಸ ಡೆಲಿವರಿ "
                   "ದಿನಾಂಕವನ್ನು ಶೀಘ್ರದಲ್ಲೇ ತಿಳಿಸುತ್ತೇವೆ."},
            .hinglish = {"Delay ke liye sorry. {city} hub se check kiya, parcel {awb} sort "
                         "centre pe connection miss kar gaya tha, ab next vehicle se nikal raha "
                         "hai. Priority request daal di hai, 24 ghante mein update denge.",
                         "Aapka shipment {awb} abhi hamare {origin} hub pe hai. Hub team ko aaj "
                         "hi dispatch karne bola hai, nayi delivery date jaldi share karenge."}},
       .resolutions =
           {.en = {"Good news: AWB {awb} was delivered today. As an apology for the delay, we "
                   "have added a ₹100 credit to your account.",
                   "Your parcel {awb} is out for delivery and should reach you by {date}. I am "
                   "marking this ticket as solved; just reply if it does not arrive."},
            .hi = {"अच्छी खबर: AWB {awb} आज डिलीवर हो गया है। देरी के लिए खेद स्वरूप आपके "
                   "खाते में ₹100 का क्रेडिट जोड़ा गया है।",
                   "आपका पार्सल {awb} डिलीवरी के लिए निकल चुका है और {date} तक पहुँच जाएगा। "
                   "अगर न पहुँचे तो इसी संदेश का जवाब दें।"},
            .kn = {"ಶುಭ ಸುದ್ದಿ: AWB {awb} ಇಂದು ಡೆಲಿವರಿ ಆಗಿದೆ. ತಡವಾದುದಕ್ಕೆ ಕ್ಷಮೆಯಾಗಿ ನಿಮ್ಮ "
                   "ಖಾತೆಗೆ ₹100 ಕ್ರೆಡಿಟ್ ಸೇರಿಸಿದ್ದೇವೆ.",
                   "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {awb} ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ, {date} ಒಳಗೆ ತಲುಪುತ್ತದೆ. ತಲುಪದಿದ್ದರೆ "
                   "ಈ ಸಂದೇಶಕ್ಕೆ ಉತ್ತರಿಸಿ."},
            .hinglish = {"Good news, AWB {awb} aaj deliver ho gaya hai. Delay ke liye aapke "
                         "account mein ₹100 credit add kar diya hai.",
                         "Parcel {awb} out for delivery hai, {date} tak pahunch jayega. Na aaye "
                         "to isi ticket pe reply kar dena."}},
       .notes = {"Checked with {city} hub: bag misrouted at {origin} sort centre. Escalated to "
                 "line-haul team.",
                 "Hub se baat hui, shipment {awb} {origin} pe hold tha due to missing manifest. "
                 "Aaj nikal jayega.",
                 "Customer is upset, 3rd follow-up. Offered ₹100 goodwill credit as per SOP."},
       .flow = {{{0, -1, -1}, {1, -1, -1}, {2, -1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "address_change",
       .weight = 7,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kQuestion,
       .type_a_percent = 70,
       .tags = {"address_change"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Change delivery address for AWB {awb}",
                           "Wrong address on my order {order}",
                           "Please update address – pincode {pincode}"},
                    .hi = {"AWB {awb} का डिलीवरी पता बदलना है", "ऑर्डर {order} में गलत पता",
                           "कृपया पता अपडेट करें – पिनकोड {pincode}"},
                    .kn = {"AWB {awb} ಡೆಲಿವರಿ ವಿಳಾಸ ಬದಲಿಸಬೇಕು", "ಆರ್ಡರ್ {order} ನಲ್ಲಿ ತಪ್ಪು ವಿಳಾಸ",
                           "ದಯವಿಟ್ಟು ವಿಳಾಸ ಬದಲಿಸಿ – ಪಿನ್ ಕೋಡ್ {pincode}"},
                    .hinglish = {"Address change karna hai - AWB {awb}",
                                 "Order {order} mein galat address chala gaya",
                                 "Pincode galat hai, {pincode} update karo please"}},
       .openings =
           {.en = {"I entered my old address by mistake for order {order}. The parcel (AWB "
                   "{awb}) should go to my new flat in {city}, pincode {pincode}. Can you change "
                   "it before it goes out for delivery?",
                   "The address on AWB {awb} is missing the flat number and landmark. Please "
                   "add: 3rd floor, opposite the temple, {city} {pincode}. The delivery boy may "
                   "not find it otherwise.",
                   "We shifted to {city} last week. Please redirect shipment {awb} to the new "
                   "address, pincode {pincode}. I can pay any extra charge."},
            .hi = {"ऑर्डर {order} में गलती से पुराना पता डल गया। पार्सल (AWB {awb}) {city} "
                   "के नए फ्लैट पर भेजना है, पिनकोड {pincode}। क्या डिलीवरी से पहले पता बदल "
                   "सकते हैं?",
                   "AWB {awb} के पते में फ्लैट नंबर और लैंडमार्क नहीं है। कृपया जोड़ दें: तीसरी "
                   "मंज़िल, मंदिर के सामने, {city} {pincode}। वरना डिलीवरी वाले को घर नहीं "
                   "मिलेगा।",
                   "हम पिछले हफ़्ते {city} शिफ्ट हो गए हैं। कृपया शिपमेंट {awb} नए पते पर भेज "
                   "दें, पिनकोड {pincode}। जो भी अतिरिक्त शुल्क हो, हम दे देंगे।"},
            .kn = {"ಆರ್ಡರ್ {order} ನಲ್ಲಿ ತಪ್ಪಾಗಿ ಹಳೆಯ ವಿಳಾಸ ಹಾಕಿದ್ದೇನೆ. ಪಾರ್ಸೆಲ್ (AWB "
                   "{awb}) {city} ನಗರದ ಹೊಸ ಮನೆಗೆ ಬರಬೇಕು, ಪಿನ್ ಕೋಡ್ {pincode}. ಡೆಲಿವರಿಗೆ "
                   "ಹೊರಡುವ ಮೊದಲು ವಿಳಾಸ ಬದಲಿಸಲು ಸಾಧ್ಯವೇ?",
                   "AWB {awb} ವಿಳಾಸದಲ್ಲಿ ಫ್ಲ್ಯಾಟ್ ಸಂಖ್ಯೆ ಮತ್ತು ಗುರುತು ಸ್ಥಳ ಇಲ್ಲ. ದಯವಿಟ್ಟು "
                   "ಸೇರಿಸಿ: ಮೂರನೇ ಮಹಡಿ, ದೇವಸ್ಥಾನದ ಎದುರು, {city} {pincode}. ಇಲ್ಲದಿದ್ದರೆ "
                   "ಡೆಲಿವರಿ ಹುಡುಗನಿಗೆ ಮನೆ ಸಿಗುವುದಿಲ್ಲ.",
                   "ನಾವು ಕಳೆದ ವಾರ {city} ನಗರಕ್ಕೆ ಶಿಫ್ಟ್ ಆಗಿದ್ದೇವೆ. ದಯವಿಟ್ಟು ಶಿಪ್ಮೆಂಟ್ {awb} "
                   "ಅನ್ನು ಹೊಸ ವಿಳಾಸಕ್ಕೆ ಕಳುಹಿಸಿ, ಪಿನ್ ಕೋಡ್ {pincode}. ಹೆಚ್ಚುವರಿ ಶುಲ್ಕ ಇದ್ದರೆ "
                   "ಕೊಡುತ್ತೇನೆ."},
            .hinglish = {"Order {order} mein galti se purana address daal diya. Parcel AWB "
                         "{awb} ko {city} wale naye flat pe bhejna hai, pincode {pincode}. "
                         "Delivery se pehle change ho sakta hai kya?",
                         "AWB {awb} ke address mein flat number aur landmark missing hai. Please "
                         "add kar do: 3rd floor, mandir ke saamne, {city} {pincode}. Warna "
                         "delivery wale bhaiya ko ghar nahi milega.",
                         "Last week {city} shift kiya hai. Shipment {awb} naye address pe "
                         "redirect kar do please, pincode {pincode}. Extra charge ho to bata "
                         "dena."}},
       .replies =
           {.en = {"Thanks for letting us know. I have raised an address-change request for AWB "
                   "{awb} with the {city} delivery centre. Please confirm the full address with "
                   "a landmark and an alternate phone number so the rider can reach you.",
                   "AWB {awb} has not been handed to a rider yet, so the address can still be "
                   "changed. Please reply with the complete address; a redirection fee may apply "
                   "if the new pincode is served by a different hub."},
            .hi = {"जानकारी देने के लिए धन्यवाद। AWB {awb} के लिए {city} डिलीवरी सेंटर में पता "
                   "बदलने का अनुरोध डाल दिया है। कृपया लैंडमार्क के साथ पूरा पता और एक "
                   "वैकल्पिक फ़ोन नंबर भेजें।",
                   "AWB {awb} अभी राइडर को नहीं सौंपा गया है, इसलिए पता अभी बदला जा सकता है। "
                   "कृपया पूरा पता भेजें; नया पिनकोड दूसरे हब में हुआ तो रीडायरेक्शन शुल्क लग "
                   "सकता है।"},
            .kn = {"ತಿಳಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. AWB {awb} ಗಾಗಿ {city} ಡೆಲಿವರಿ ಕೇಂದ್ರದಲ್ಲಿ "
                   "ವಿಳಾಸ ಬದಲಾವಣೆ ವಿನಂತಿ ದಾಖಲಿಸಿದ್ದೇವೆ. ದಯವಿಟ್ಟು ಗುರುತು ಸ್ಥಳದೊಂದಿಗೆ ಪೂರ್ಣ "
                   "ವಿಳಾಸ ಮತ್ತು ಪರ್ಯಾಯ ಫೋನ್ ಸಂಖ್ಯೆ ಕಳುಹಿಸಿ.",
                   "AWB {awb} ಇನ್ನೂ ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿಗೆ ಹಸ್ತಾಂತರ ಆಗಿಲ್ಲ, ಆದ್ದರಿಂದ ವಿಳಾಸ "
                   "ಬದಲಿಸಬಹುದು. ದಯವಿಟ್ಟು ಪೂರ್ಣ ವಿಳಾಸ ಕಳುಹಿಸಿ; ಹೊಸ ಪಿನ್ ಕೋಡ್ ಬೇರೆ ಹಬ್ "
                   "ವ್ಯಾಪ್ತಿಯಲ್ಲಿದ್ದರೆ ಮರುನಿರ್ದೇಶನ ಶುಲ್ಕ ಅನ್ವಯಿಸಬಹುದು."},
            .hinglish = {"Batane ke liye thanks. AWB {awb} ke liye {city} delivery centre mein "
                         "address change request daal di hai. Landmark ke saath pura address aur "
                         "ek alternate phone number bhej dijiye.",
                         "AWB {awb} abhi rider ko assign nahi hua hai, to address change ho "
                         "jayega. Pura address bhej do; naya pincode dusre hub mein hua to thoda "
                         "redirection charge lag sakta hai."}},
       .resolutions =
           {.en = {"The delivery address for AWB {awb} has been updated to pincode {pincode}. "
                   "The parcel will be delivered on {date} in the {window} slot.",
                   "Done: the {city} team has updated the address and added the landmark to AWB "
                   "{awb}. The rider will call you before arriving."},
            .hi = {"AWB {awb} का डिलीवरी पता पिनकोड {pincode} पर अपडेट कर दिया गया है। पार्सल "
                   "{date} को {window} के बीच पहुँचेगा।",
                   "हो गया: {city} टीम ने AWB {awb} में पता और लैंडमार्क जोड़ दिया है। आने से "
                   "पहले राइडर आपको फ़ोन करेगा।"},
            .kn = {"AWB {awb} ಡೆಲಿವರಿ ವಿಳಾಸವನ್ನು ಪಿನ್ ಕೋಡ್ {pincode} ಗೆ ಬದಲಿಸಲಾಗಿದೆ. "
                   "ಪಾರ್ಸೆಲ್ {date} ರಂದು ತಲುಪುತ್ತದೆ (ಸಮಯ: {window}).",
                   "ಆಗಿದೆ: {city} ತಂಡ AWB {awb} ನಲ್ಲಿ ವಿಳಾಸ ಮತ್ತು ಗುರುತು ಸ್ಥಳ ಸೇರಿಸಿದೆ. "
                   "ಬರುವ ಮೊದಲು ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ ನಿಮಗೆ ಕರೆ ಮಾಡುತ್ತಾರೆ."},
            .hinglish = {"AWB {awb} ka address pincode {pincode} pe update ho gaya hai. Parcel "
                         "{date} ko {window} ke beech aa jayega.",
                         "Ho gaya: {city} team ne AWB {awb} mein address aur landmark add kar "
                         "diya hai. Rider aane se pehle call karega."}},
       .notes = {"Address change raised in hub app for {awb}. Old and new pincode on the same "
                 "hub, no redirection fee.",
                 "New pincode {pincode} is served by another hub, RTO-and-rebook may be needed. "
                 "Checking with ops.",
                 "Customer ne landmark diya: opposite temple. Rider ko WhatsApp pe bhej diya."},
       .flow = {{{1, -1, 0}, {0, 0, 1}, {2, 1, 0}}}},
      // -------------------------------------------------------------------------------------
      {.key = "damaged_item",
       .weight = 8,
       .group = kQualityControl,
       .alt_group = kRepairs,
       .alt_percent = 30,
       .type_a = kIncident,
       .type_b = kComplaint,
       .type_a_percent = 50,
       .tags = {"damaged"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder | kFieldAmount,
       .amount_min = 299,
       .amount_max = 34999,
       .items = kHardItems,
       .urgency = 1,
       .subjects = {.en = {"Damaged product received – order {order}", "{item} arrived broken",
                           "Box was torn and item damaged (AWB {awb})"},
                    .hi = {"टूटा हुआ सामान मिला – ऑर्डर {order}", "क्षतिग्रस्त {item} की डिलीवरी",
                           "डिब्बा फटा हुआ था, सामान खराब (AWB {awb})"},
                    .kn = {"ಹಾಳಾದ ವಸ್ತು ಬಂದಿದೆ – ಆರ್ಡರ್ {order}", "{item} ಒಡೆದು ಬಂದಿದೆ",
                           "ಡಬ್ಬ ಹರಿದಿತ್ತು, ವಸ್ತು ಹಾಳಾಗಿದೆ (AWB {awb})"},
                    .hinglish = {"Damaged product mila hai - order {order}",
                                 "{item} toota hua aaya hai",
                                 "Box phata hua tha, item damage hai (AWB {awb})"}},
       .openings =
           {.en = {"I received my {item} (order {order}) today and it is damaged. The outer box "
                   "was crushed on one side and the product has a crack. I have photos and the "
                   "unboxing video. I want a replacement, not a refund.",
                   "The {item} delivered yesterday under AWB {awb} is broken. The delivery "
                   "person did not let me check before signing. Please arrange a replacement or "
                   "a refund of {amount}.",
                   "Very disappointed. Ordered a {item} worth {amount} and it came with a dent "
                   "and scratches. The packaging was clearly mishandled. Attaching pictures."},
            .hi = {"आज ऑर्डर {order} ({item}) की डिलीवरी मिली, सामान खराब हालत में है। बाहर का "
                   "डिब्बा एक तरफ़ से दबा हुआ था और सामान में दरार है। मेरे पास फ़ोटो और "
                   "अनबॉक्सिंग वीडियो है। रिफ़ंड नहीं, बदले में नया सामान चाहिए।",
                   "कल AWB {awb} से आई डिलीवरी ({item}) में सामान टूटा हुआ है। डिलीवरी वाले ने "
                   "साइन करने से पहले जाँचने नहीं दिया। कृपया बदलकर दें या {amount} वापस करें।",
                   "बहुत निराशा हुई। {amount} का ऑर्डर ({item}) डेंट और खरोंच के साथ आया। "
                   "पैकिंग में साफ़ लापरवाही दिख रही है। फ़ोटो संलग्न हैं।"},
            .kn = {"ಇಂದು ಆರ್ಡರ್ {order} ನ {item} ಬಂದಿದೆ, ಅದು ಹಾಳಾಗಿದೆ. ಹೊರಗಿನ ಡಬ್ಬ ಒಂದು ಕಡೆ "
                   "ಜಜ್ಜಿಹೋಗಿತ್ತು, ವಸ್ತುವಿನಲ್ಲಿ ಬಿರುಕು ಇದೆ. ಫೋಟೋ ಮತ್ತು ಅನ್ಬಾಕ್ಸಿಂಗ್ ವೀಡಿಯೋ "
                   "ಇದೆ. ನನಗೆ ಹಣ ವಾಪಸ್ ಬೇಡ, ಬದಲಿ ವಸ್ತು ಬೇಕು.",
                   "ನಿನ್ನೆ AWB {awb} ಮೂಲಕ ಬಂದ {item} ಒಡೆದಿದೆ. ಸಹಿ ಮಾಡುವ ಮೊದಲು ಪರಿಶೀಲಿಸಲು "
                   "ಡೆಲಿವರಿ ಹುಡುಗ ಬಿಡಲಿಲ್ಲ. ದಯವಿಟ್ಟು ಬದಲಿ ವಸ್ತು ಕಳುಹಿಸಿ ಅಥವಾ {amount} ವಾಪಸ್ "
                   "ಮಾಡಿ.",
                   "ತುಂಬಾ ಬೇಸರವಾಗಿದೆ. {amount} ಬೆಲೆಯ {item} ಆರ್ಡರ್ ಮಾಡಿದ್ದೆ, ಅದು ತಗ್ಗು ಮತ್ತು "
                   "ಗೀರುಗಳೊಂದಿಗೆ ಬಂದಿದೆ. ಪ್ಯಾಕಿಂಗ್ ಸರಿಯಾಗಿ ನಿರ್ವಹಿಸಿಲ್ಲ ಎಂದು ಸ್ಪಷ್ಟವಾಗಿ "
                   "ಕಾಣುತ್ತಿದೆ. ಫೋಟೋಗಳನ್ನು ಲಗತ್ತಿಸಿದ್ದೇನೆ."},
            .hinglish = {"Aaj order {order} ka {item} mila aur woh damaged hai. Bahar ka box ek "
                         "side se dabba hua tha aur product mein crack hai. Photos aur unboxing "
                         "video hai mere paas. Mujhe replacement chahiye, refund nahi.",
                         "Kal AWB {awb} se jo {item} aaya woh toota hua hai. Delivery wale ne "
                         "sign karne se pehle check karne hi nahi diya. Replacement bhejo ya "
                         "{amount} refund karo.",
                         "Bahut disappointing. {amount} ka {item} order kiya tha, dent aur "
                         "scratches ke saath aaya. Packing bilkul bekaar thi. Photos attach "
                         "kiye hain."}},
       .replies =
           {.en = {"I am sorry the {item} reached you damaged. To raise a claim, please reply "
                   "with photos of the outer box, the shipping label and the product, and keep "
                   "the original packaging for the pickup.",
                   "Thank you for the photos. I have opened a damage claim for order {order} "
                   "with our quality team. They usually decide within {days} working days; I "
                   "will keep you updated."},
            .hi = {"हमें खेद है कि आपका सामान ({item}) खराब हालत में पहुँचा। दावा दर्ज करने के "
                   "लिए कृपया बाहर के डिब्बे, शिपिंग लेबल और सामान की फ़ोटो भेजें, और पिकअप के "
                   "लिए मूल पैकिंग संभालकर रखें।",
                   "फ़ोटो भेजने के लिए धन्यवाद। ऑर्डर {order} के लिए हमारी क्वालिटी टीम के पास "
                   "नुकसान का दावा दर्ज कर दिया गया है। आम तौर पर {days} कार्यदिवस में फ़ैसला हो "
                   "जाता है; हम आपको अपडेट देते रहेंगे।"},
            .kn = {"ನಿಮ್ಮ {item} ಹಾಳಾಗಿ ತಲುಪಿದ್ದಕ್ಕೆ ವಿಷಾದಿಸುತ್ತೇವೆ. ಕ್ಲೇಮ್ ದಾಖಲಿಸಲು ಹೊರಗಿನ "
                   "ಡಬ್ಬ, ಶಿಪ್ಪಿಂಗ್ ಲೇಬಲ್ ಮತ್ತು ವಸ್ತುವಿನ ಫೋಟೋಗಳನ್ನು ಕಳುಹಿಸಿ; ಪಿಕಪ್ ಸಮಯಕ್ಕೆ "
                   "ಮೂಲ ಪ್ಯಾಕಿಂಗ್ ಇಟ್ಟುಕೊಳ್ಳಿ.",
                   "ಫೋಟೋಗಳಿಗೆ ಧನ್ಯವಾದಗಳು. ಆರ್ಡರ್ {order} ಗಾಗಿ ನಮ್ಮ ಗುಣಮಟ್ಟ ತಂಡದಲ್ಲಿ ಹಾನಿ "
                   "ಕ್ಲೇಮ್ ದಾಖಲಿಸಿದ್ದೇವೆ. ಸಾಮಾನ್ಯವಾಗಿ {days} ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ನಿರ್ಧಾರ "
                   "ಆಗುತ್ತದೆ; ನಿಮಗೆ ಮಾಹಿತಿ ನೀಡುತ್ತೇವೆ."},
            .hinglish = {"Sorry ki aapka {item} damaged pahuncha. Claim ke liye outer box, "
                         "shipping label aur product ki photos bhej dijiye, aur pickup ke liye "
                         "original packing sambhal ke rakhiye.",
                         "Photos ke liye thanks. Order {order} ke liye QC team ke paas damage "
                         "claim raise kar diya hai. Normally {days} working days mein decision "
                         "aa jata hai, hum update dete rahenge."}},
       .resolutions =
           {.en = {"Your damage claim is approved. A replacement {item} has been dispatched "
                   "under AWB {awb} and the damaged one will be picked up at the same time.",
                   "The claim for order {order} is approved and a refund of {amount} has been "
                   "initiated to your original payment method. It should reflect in 5–7 "
                   "working days (reference {ref})."},
            .hi = {"आपका दावा मंज़ूर हो गया है। बदले में नया सामान AWB {awb} से भेज दिया गया "
                   "है और उसी समय खराब सामान वापस ले लिया जाएगा।",
                   "ऑर्डर {order} का दावा मंज़ूर है और {amount} का रिफ़ंड आपके मूल भुगतान माध्यम "
                   "में शुरू कर दिया गया है। 5–7 कार्यदिवस में दिख जाएगा (संदर्भ {ref})।"},
            .kn = {"ನಿಮ್ಮ ಹಾನಿ ಕ್ಲೇಮ್ ಅನುಮೋದನೆಯಾಗಿದೆ. ಬದಲಿ {item} ಅನ್ನು AWB {awb} ಮೂಲಕ "
                   "ಕಳುಹಿಸಲಾಗಿದೆ; ಅದೇ ಸಮಯದಲ್ಲಿ ಹಾಳಾದ ವಸ್ತುವನ್ನು ವಾಪಸ್ ತೆಗೆದುಕೊಳ್ಳಲಾಗುತ್ತದೆ.",
                   "ಆರ್ಡರ್ {order} ಕ್ಲೇಮ್ ಅನುಮೋದನೆಯಾಗಿದೆ, {amount} ಮರುಪಾವತಿಯನ್ನು ನಿಮ್ಮ ಮೂಲ "
                   "ಪಾವತಿ ವಿಧಾನಕ್ಕೆ ಆರಂಭಿಸಲಾಗಿದೆ. 5–7 ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ಜಮೆಯಾಗುತ್ತದೆ (ಉಲ್ಲೇಖ "
                   "{ref})."},
            .hinglish = {"Aapka claim approve ho gaya hai. Replacement {item} AWB {awb} se "
                         "dispatch ho gaya hai, usi time damaged piece pick up ho jayega.",
                         "Order {order} ka claim approve hai, {amount} ka refund original "
                         "payment mode mein initiate kar diya hai. 5-7 working days mein aa "
                         "jayega (ref {ref})."}},
       .notes = {"Photos checked: outer box crushed, inner bubble wrap missing. Seller packing "
                 "issue, debit note to seller.",
                 "Damage claim approved by QC, replacement order created.",
                 "Rider ne POD bina open-delivery ke liya. Hub manager ko inform kiya."},
       .flow = {{{0, -1, 0}, {1, -1, -1}, {2, -1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "refund_request",
       .weight = 8,
       .group = kAccountsReceivable,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kQuestion,
       .type_b = kComplaint,
       .type_a_percent = 60,
       .tags = {"refund"},
       .b2b = false,
       .fields = kFieldOrder | kFieldAmount,
       .amount_min = 199,
       .amount_max = 24999,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Refund not received for order {order}", "Refund status – {amount}",
                           "When will I get my money back?"},
                    .hi = {"ऑर्डर {order} का रिफ़ंड नहीं मिला", "रिफ़ंड की स्थिति – {amount}",
                           "मेरे पैसे कब वापस मिलेंगे?"},
                    .kn = {"ಆರ್ಡರ್ {order} ಮರುಪಾವತಿ ಬಂದಿಲ್ಲ", "ರಿಫಂಡ್ ಸ್ಥಿತಿ – {amount}",
                           "ನನ್ನ ಹಣ ಯಾವಾಗ ವಾಪಸ್ ಸಿಗುತ್ತದೆ?"},
                    .hinglish = {"Refund abhi tak nahi aaya - order {order}",
                                 "{amount} ka refund kab "
                                 "milega?",
                                 "Paisa wapas kab aayega?"}},
       .openings =
           {.en = {"I returned order {order} on {date} and the pickup was done, but the refund "
                   "of {amount} has still not come to my account. The app just says "
                   "\"processing\". Please check.",
                   "I cancelled order {order} before it was shipped. It has been {days} days "
                   "and I have not received the {amount} refund. I paid by UPI.",
                   "You promised a refund of {amount} for the {item} I sent back. My bank says "
                   "no credit has been received. Please share the UTR number."},
            .hi = {"मैंने {date} को ऑर्डर {order} वापस किया था और पिकअप भी हो गया, लेकिन "
                   "{amount} का रिफ़ंड अब तक खाते में नहीं आया। ऐप में बस \"प्रोसेसिंग\" दिख रहा "
                   "है। कृपया देखिए।",
                   "ऑर्डर {order} शिप होने से पहले ही रद्द कर दिया था। {days} दिन हो गए, "
                   "{amount} का रिफ़ंड नहीं मिला। भुगतान UPI से किया था।",
                   "वापस भेजे गए सामान ({item}) के लिए {amount} रिफ़ंड का वादा किया गया था। "
                   "बैंक कह रहा है कि कोई राशि नहीं आई। कृपया UTR नंबर बताइए।"},
            .kn = {"{date} ರಂದು ಆರ್ಡರ್ {order} ವಾಪಸ್ ಕಳುಹಿಸಿದ್ದೆ, ಪಿಕಪ್ ಕೂಡ ಆಗಿದೆ, ಆದರೆ "
                   "{amount} ರಿಫಂಡ್ ಇನ್ನೂ ಖಾತೆಗೆ ಬಂದಿಲ್ಲ. ಆಪ್ ನಲ್ಲಿ \"ಪ್ರೊಸೆಸಿಂಗ್\" ಎಂದು "
                   "ಮಾತ್ರ ತೋರಿಸುತ್ತಿದೆ. ದಯವಿಟ್ಟು ಪರಿಶೀಲಿಸಿ.",
                   "ಶಿಪ್ ಆಗುವ ಮೊದಲೇ ಆರ್ಡರ್ {order} ರದ್ದು ಮಾಡಿದ್ದೆ. {days} ದಿನಗಳಾದರೂ {amount} "
                   "ರಿಫಂಡ್ ಸಿಕ್ಕಿಲ್ಲ. ನಾನು UPI ಮೂಲಕ ಪಾವತಿಸಿದ್ದೆ.",
                   "ವಾಪಸ್ ಕಳುಹಿಸಿದ {item} ಗಾಗಿ {amount} ರಿಫಂಡ್ ಭರವಸೆ ನೀಡಿದ್ದಿರಿ. ಬ್ಯಾಂಕ್ "
                   "ಪ್ರಕಾರ ಯಾವುದೇ ಹಣ ಜಮೆಯಾಗಿಲ್ಲ. ದಯವಿಟ್ಟು UTR ಸಂಖ್ಯೆ ಕೊಡಿ."},
            .hinglish = {"{date} ko order {order} return kiya tha, pickup bhi ho gaya, par "
                         "{amount} ka refund abhi tak account mein nahi aaya. App mein sirf "
                         "\"processing\" dikha raha hai.",
                         "Order {order} ship hone se pehle hi cancel kar diya tha. {days} din ho "
                         "gaye, {amount} refund nahi mila. Payment UPI se kiya tha.",
                         "Return kiye hue {item} ka {amount} refund bola tha aapne. Bank bol "
                         "raha hai koi credit nahi aaya. UTR number share karo please."}},
       .replies =
           {.en = {"I have checked order {order}: the return reached our warehouse and passed "
                   "inspection. The refund of {amount} is queued with our payments team and "
                   "will be processed within 2 working days.",
                   "Sorry for the wait. Refunds for UPI payments go back to the same UPI ID. "
                   "Could you confirm the last four digits of the account linked to it so I can "
                   "trace the credit?"},
            .hi = {"हमने ऑर्डर {order} जाँचा: वापसी हमारे गोदाम पहुँच गई है और जाँच में पास हो "
                   "गई है। {amount} का रिफ़ंड भुगतान टीम के पास कतार में है और 2 कार्यदिवस में हो "
                   "जाएगा।",
                   "इंतज़ार के लिए माफ़ी। UPI भुगतान का रिफ़ंड उसी UPI आईडी पर जाता है। कृपया उससे "
                   "जुड़े खाते के आखिरी चार अंक बताएँ ताकि हम क्रेडिट का पता लगा सकें।"},
            .kn = {"ಆರ್ಡರ್ {order} ಪರಿಶೀಲಿಸಿದೆವು: ವಾಪಸ್ ವಸ್ತು ನಮ್ಮ ಗೋದಾಮಿಗೆ ತಲುಪಿ "
                   "ತಪಾಸಣೆಯಲ್ಲಿ ಪಾಸ್ ಆಗಿದೆ. {amount} ರಿಫಂಡ್ ಪಾವತಿ ತಂಡದ ಸರದಿಯಲ್ಲಿದೆ, 2 ಕೆಲಸದ "
                   "ದಿನಗಳಲ್ಲಿ ಆಗುತ್ತದೆ.",
                   "ಕಾಯಿಸಿದ್ದಕ್ಕೆ ಕ್ಷಮಿಸಿ. UPI ಪಾವತಿಯ ರಿಫಂಡ್ ಅದೇ UPI ಐಡಿಗೆ ಹೋಗುತ್ತದೆ. "
                   "ಕ್ರೆಡಿಟ್ ಪತ್ತೆಹಚ್ಚಲು ಅದಕ್ಕೆ ಜೋಡಿಸಿದ ಖಾತೆಯ ಕೊನೆಯ ನಾಲ್ಕು ಅಂಕೆಗಳನ್ನು "
                   "ತಿಳಿಸಿ."},
            .hinglish = {"Order {order} check kiya: return warehouse pahunch gaya hai aur QC "
                         "pass hai. {amount} ka refund payments team ke paas queue mein hai, 2 "
                         "working days mein ho jayega.",
                         "Wait karwane ke liye sorry. UPI payment ka refund usi UPI ID pe jata "
                         "hai. Linked account ke last 4 digits bata dijiye, credit trace kar "
                         "lete hain."}},
       .resolutions =
           {.en = {"The refund of {amount} for order {order} was processed today. UTR number: "
                   "{ref}. Depending on your bank it may take up to 3 working days to show.",
                   "Your refund of {amount} has been credited back to the original payment "
                   "method (reference {ref}). Sorry again for the delay."},
            .hi = {"ऑर्डर {order} का {amount} रिफ़ंड आज प्रोसेस हो गया। UTR नंबर: {ref}। बैंक "
                   "के अनुसार दिखने में 3 कार्यदिवस तक लग सकते हैं।",
                   "आपका {amount} का रिफ़ंड मूल भुगतान माध्यम में वापस जमा कर दिया गया है "
                   "(संदर्भ {ref})। देरी के लिए फिर से माफ़ी।"},
            .kn = {"ಆರ್ಡರ್ {order} ನ {amount} ರಿಫಂಡ್ ಇಂದು ಪ್ರಕ್ರಿಯೆಗೊಂಡಿದೆ. UTR ಸಂಖ್ಯೆ: "
                   "{ref}. ನಿಮ್ಮ ಬ್ಯಾಂಕ್ ಅನುಸಾರ ಕಾಣಿಸಲು 3 ಕೆಲಸದ ದಿನಗಳವರೆಗೆ ಆಗಬಹುದು.",
                   "ನಿಮ್ಮ {amount} ರಿಫಂಡ್ ಮೂಲ ಪಾವತಿ ವಿಧಾನಕ್ಕೆ ಜಮೆಯಾಗಿದೆ (ಉಲ್ಲೇಖ {ref}). "
                   "ತಡವಾದುದಕ್ಕೆ ಮತ್ತೊಮ್ಮೆ ಕ್ಷಮಿಸಿ."},
            .hinglish = {"Order {order} ka {amount} refund aaj process ho gaya. UTR: {ref}. "
                         "Bank ke hisaab se dikhne mein 3 working days tak lag sakte hain.",
                         "Aapka {amount} refund original payment mode mein credit ho gaya hai "
                         "(ref {ref}). Delay ke liye phir se sorry."}},
       .notes = {"Return QC passed on {date}. Refund stuck because the payment gateway batch "
                 "failed; re-pushed manually.",
                 "Refund {amount} approved by finance. UTR awaited from bank.",
                 "Customer ka UPI ID band ho gaya hai, NEFT details maangi hain."},
       .flow = {{{0, 0, -1}, {-1, 1, -1}, {-1, -1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "cod_dispute",
       .weight = 6,
       .group = kAccountsReceivable,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kComplaint,
       .type_b = kProblem,
       .type_a_percent = 80,
       .tags = {"cod"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder | kFieldAmount,
       .amount_min = 149,
       .amount_max = 7999,
       .items = kAnyItem,
       .urgency = 1,
       .subjects = {.en = {"Charged extra on cash on delivery", "COD amount wrong for AWB {awb}",
                           "Paid COD but order shows unpaid"},
                    .hi = {"कैश ऑन डिलीवरी में ज़्यादा पैसे लिए गए", "AWB {awb} की COD राशि गलत",
                           "COD भुगतान किया, फिर भी ऑर्डर अनपेड दिखा रहा है"},
                    .kn = {"ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿಯಲ್ಲಿ ಹೆಚ್ಚು ಹಣ ಪಡೆದಿದ್ದಾರೆ", "AWB {awb} COD ಮೊತ್ತ ತಪ್ಪು",
                           "COD ಪಾವತಿಸಿದ್ದರೂ ಆರ್ಡರ್ ಬಾಕಿ ಎಂದು ತೋರಿಸುತ್ತಿದೆ"},
                    .hinglish = {"COD mein extra paise le liye",
                                 "AWB {awb} ka COD amount galat hai",
                                 "COD pay kiya phir bhi unpaid dikha raha hai"}},
       .openings =
           {.en = {"The delivery agent collected {amount} in cash for AWB {awb}, but the invoice "
                   "amount is lower. He said it was a \"COD handling charge\". Nobody told me "
                   "about this. Please refund the difference.",
                   "I paid {amount} cash on delivery for order {order}, but now I am getting SMS "
                   "reminders that the payment is pending. I have the receipt the rider gave "
                   "me.",
                   "The rider insisted on exact change and refused UPI for AWB {awb}. I paid "
                   "{amount} but did not get any receipt. Is this how COD is supposed to work?"},
            .hi = {"AWB {awb} के लिए डिलीवरी वाले ने नकद {amount} लिए, जबकि बिल की रकम इससे कम "
                   "है। उसने कहा कि यह \"COD हैंडलिंग चार्ज\" है। इसके बारे में किसी ने नहीं "
                   "बताया था। कृपया अंतर की राशि लौटाइए।",
                   "ऑर्डर {order} के लिए कैश ऑन डिलीवरी में {amount} दिए थे, फिर भी SMS आ रहे "
                   "हैं कि भुगतान बाकी है। राइडर की दी हुई रसीद मेरे पास है।",
                   "AWB {awb} की डिलीवरी पर राइडर ने UPI लेने से मना कर दिया और खुले पैसे "
                   "माँगे। {amount} दिए, पर कोई रसीद नहीं मिली। क्या COD ऐसे ही होता है?"},
            .kn = {"AWB {awb} ಗಾಗಿ ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ {amount} ನಗದು ಪಡೆದರು, ಆದರೆ ಬಿಲ್ ಮೊತ್ತ "
                   "ಅದಕ್ಕಿಂತ ಕಡಿಮೆ. \"COD ಹ್ಯಾಂಡ್ಲಿಂಗ್ ಶುಲ್ಕ\" ಎಂದು ಹೇಳಿದರು. ಈ ಬಗ್ಗೆ ಯಾರೂ "
                   "ತಿಳಿಸಿರಲಿಲ್ಲ. ವ್ಯತ್ಯಾಸದ ಹಣ ವಾಪಸ್ ಮಾಡಿ.",
                   "ಆರ್ಡರ್ {order} ಗೆ ಕ್ಯಾಶ್ ಆನ್ ಡೆಲಿವರಿಯಲ್ಲಿ {amount} ಕೊಟ್ಟಿದ್ದೇನೆ, ಆದರೂ "
                   "ಪಾವತಿ ಬಾಕಿ ಇದೆ ಎಂದು SMS ಬರುತ್ತಿದೆ. ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ ಕೊಟ್ಟ ರಸೀದಿ ನನ್ನ "
                   "ಬಳಿ ಇದೆ.",
                   "AWB {awb} ಡೆಲಿವರಿಯಲ್ಲಿ ಸಿಬ್ಬಂದಿ UPI ತೆಗೆದುಕೊಳ್ಳಲು ನಿರಾಕರಿಸಿ ಚಿಲ್ಲರೆ "
                   "ಕೇಳಿದರು. {amount} ಕೊಟ್ಟೆ, ಆದರೆ ರಸೀದಿ ಕೊಡಲಿಲ್ಲ. COD ಹೀಗೆಯೇ ಇರುತ್ತದಾ?"},
            .hinglish = {"AWB {awb} ke liye delivery wale ne {amount} cash liya, jabki bill "
                         "isse kam ka hai. Bola \"COD handling charge\" hai. Ye kisi ne bataya "
                         "hi nahi tha. Difference wapas karo please.",
                         "Order {order} ka {amount} COD mein de diya tha, phir bhi payment "
                         "pending ke SMS aa rahe hain. Rider ki di hui receipt mere paas hai.",
                         "AWB {awb} ki delivery pe rider ne UPI lene se mana kar diya, change "
                         "maang raha tha. {amount} de diye par receipt nahi di. COD aise hi "
                         "hota hai kya?"}},
       .replies =
           {.en = {"Thank you for reporting this. There is no COD handling charge payable to the "
                   "rider; only the amount printed on the label should be collected. I have "
                   "raised this with the {city} branch and asked for the rider's cash deposit "
                   "record for AWB {awb}.",
                   "I am sorry for the confusion. Could you please share a photo of the receipt "
                   "and the time of delivery? I will match it against the rider's settlement "
                   "for {date}."},
            .hi = {"बताने के लिए धन्यवाद। राइडर को कोई COD हैंडलिंग चार्ज नहीं दिया जाता; केवल "
                   "लेबल पर छपी राशि ली जानी चाहिए। हमने यह मामला {city} शाखा के सामने उठाया है "
                   "और AWB {awb} के लिए राइडर का नकद जमा रिकॉर्ड माँगा है।",
                   "असुविधा के लिए खेद है। कृपया रसीद की फ़ोटो और डिलीवरी का समय भेजें। हम इसे "
                   "{date} के राइडर सेटलमेंट से मिलाएँगे।"},
            .kn = {"ತಿಳಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿಗೆ ಯಾವುದೇ COD ಹ್ಯಾಂಡ್ಲಿಂಗ್ "
                   "ಶುಲ್ಕ ಕೊಡಬೇಕಿಲ್ಲ; ಲೇಬಲ್ ಮೇಲೆ ಮುದ್ರಿಸಿದ ಮೊತ್ತ ಮಾತ್ರ ಪಡೆಯಬೇಕು. {city} "
                   "ಶಾಖೆಗೆ ಈ ವಿಷಯ ತಿಳಿಸಿ, AWB {awb} ಗಾಗಿ ನಗದು ಜಮೆ ದಾಖಲೆ ಕೇಳಿದ್ದೇವೆ.",
                   "ಗೊಂದಲಕ್ಕೆ ಕ್ಷಮಿಸಿ. ದಯವಿಟ್ಟು ರಸೀದಿಯ ಫೋಟೋ ಮತ್ತು ಡೆಲಿವರಿ ಸಮಯವನ್ನು "
                   "ಕಳುಹಿಸಿ. {date} ರ ಸೆಟಲ್ಮೆಂಟ್ ಜೊತೆ ಹೋಲಿಸಿ ನೋಡುತ್ತೇವೆ."},
            .hinglish = {"Batane ke liye thanks. Rider ko koi COD handling charge nahi dena "
                         "hota, sirf label pe printed amount hi lena hai. {city} branch ko "
                         "escalate kar diya hai aur AWB {awb} ka cash deposit record maanga hai.",
                         "Confusion ke liye sorry. Receipt ki photo aur delivery ka time bhej "
                         "dijiye, {date} ke rider settlement se match kar lenge."}},
       .resolutions =
           {.en = {"We verified the rider's settlement: the extra amount was collected in error. "
                   "The difference has been refunded to you (UTR {ref}) and the branch has "
                   "taken action with the rider.",
                   "The COD payment for order {order} has been matched and marked as paid. You "
                   "will not receive any more reminders. Sorry for the trouble."},
            .hi = {"हमने राइडर का सेटलमेंट जाँचा: अतिरिक्त राशि गलती से ली गई थी। अंतर की राशि "
                   "आपको लौटा दी गई है (UTR {ref}) और शाखा ने राइडर पर कार्रवाई की है।",
                   "ऑर्डर {order} का COD भुगतान मिलान करके \"भुगतान हो गया\" कर दिया गया है। अब "
                   "कोई रिमाइंडर नहीं आएगा। परेशानी के लिए माफ़ी।"},
            .kn = {"ಸಿಬ್ಬಂದಿಯ ಸೆಟಲ್ಮೆಂಟ್ ಪರಿಶೀಲಿಸಿದೆವು: ಹೆಚ್ಚುವರಿ ಹಣವನ್ನು ತಪ್ಪಾಗಿ "
                   "ಪಡೆಯಲಾಗಿತ್ತು. ವ್ಯತ್ಯಾಸದ ಹಣವನ್ನು ನಿಮಗೆ ವಾಪಸ್ ಮಾಡಲಾಗಿದೆ (UTR {ref}) ಮತ್ತು "
                   "ಶಾಖೆ ಕ್ರಮ ಕೈಗೊಂಡಿದೆ.",
                   "ಆರ್ಡರ್ {order} ನ COD ಪಾವತಿಯನ್ನು ಹೊಂದಿಸಿ \"ಪಾವತಿಯಾಗಿದೆ\" ಎಂದು "
                   "ಗುರುತಿಸಲಾಗಿದೆ. ಇನ್ನು ಜ್ಞಾಪನೆಗಳು ಬರುವುದಿಲ್ಲ. ತೊಂದರೆಗಾಗಿ ಕ್ಷಮಿಸಿ."},
            .hinglish = {"Rider ka settlement check kiya, extra amount galti se liya gaya tha. "
                         "Difference aapko refund kar diya hai (UTR {ref}) aur branch ne rider pe "
                         "action liya hai.",
                         "Order {order} ka COD payment match karke paid mark kar diya hai. Ab "
                         "koi reminder nahi aayega. Trouble ke liye sorry."}},
       .notes = {"Rider settlement for {date} shows short deposit. Branch manager informed, "
                 "recovery initiated.",
                 "COD remittance mismatch – customer has receipt. Marking paid manually.",
                 "3rd complaint this month about the same rider at {city}. Flagged to ops."},
       .flow = {{{0, 0, 0}, {2, 1, 1}, {1, 0, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "invoice_copy",
       .weight = 6,
       .group = kAccountsReceivable,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kQuestion,
       .type_a_percent = 70,
       .tags = {"invoice"},
       .b2b = true,
       .fields = kFieldInvoice | kFieldAmount,
       .amount_min = 4500,
       .amount_max = 450000,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Request for invoice copy {invoice}",
                           "Need duplicate invoices for last month", "Invoice PDF not received"},
                    .hi = {"इनवॉइस {invoice} की कॉपी चाहिए", "पिछले महीने के डुप्लिकेट इनवॉइस चाहिए",
                           "इनवॉइस की PDF नहीं मिली"},
                    .kn = {"ಇನ್ವಾಯ್ಸ್ {invoice} ಪ್ರತಿ ಬೇಕು", "ಕಳೆದ ತಿಂಗಳ ಇನ್ವಾಯ್ಸ್ ನಕಲು ಪ್ರತಿಗಳು ಬೇಕು",
                           "ಇನ್ವಾಯ್ಸ್ PDF ಬಂದಿಲ್ಲ"},
                    .hinglish = {"Invoice {invoice} ki copy chahiye",
                                 "Last month ke saare invoices "
                                 "bhej do",
                                 "Invoice PDF nahi mila"}},
       .openings =
           {.en = {"Our accounts team needs a copy of invoice {invoice} ({amount}) for the "
                   "quarterly audit. Please send the PDF to this address. Account: {org}.",
                   "Please share duplicate copies of all invoices raised on {org} for last "
                   "month. Our auditor needs them by {date}.",
                   "We paid invoice {invoice} but never received the PDF, only the payment link. "
                   "Kindly email the tax invoice with our GSTIN printed."},
            .hi = {"ऑडिट के लिए हमारी अकाउंट्स टीम को इनवॉइस {invoice} ({amount}) की कॉपी "
                   "चाहिए। कृपया PDF इसी ईमेल पर भेजें। खाता: {org}।",
                   "कृपया पिछले महीने {org} के नाम बने सभी इनवॉइस की डुप्लिकेट कॉपी भेजें। हमारे "
                   "ऑडिटर को {date} तक चाहिए।",
                   "हमने इनवॉइस {invoice} का भुगतान कर दिया, लेकिन PDF कभी नहीं मिली, सिर्फ़ "
                   "पेमेंट लिंक आया था। कृपया हमारे GSTIN के साथ टैक्स इनवॉइस ईमेल करें।"},
            .kn = {"ತ್ರೈಮಾಸಿಕ ಲೆಕ್ಕಪರಿಶೋಧನೆಗಾಗಿ ನಮ್ಮ ಅಕೌಂಟ್ಸ್ ತಂಡಕ್ಕೆ ಇನ್ವಾಯ್ಸ್ {invoice} "
                   "({amount}) ಪ್ರತಿ ಬೇಕು. ದಯವಿಟ್ಟು PDF ಅನ್ನು ಈ ವಿಳಾಸಕ್ಕೆ ಕಳುಹಿಸಿ. ಖಾತೆ: "
                   "{org}.",
                   "ಕಳೆದ ತಿಂಗಳು {org} ಹೆಸರಿನಲ್ಲಿ ಮಾಡಿದ ಎಲ್ಲಾ ಬಿಲ್ಲುಗಳ ನಕಲು ಪ್ರತಿಗಳನ್ನು "
                   "ಕಳುಹಿಸಿ. ನಮ್ಮ ಆಡಿಟರ್ ಅವರಿಗೆ {date} ಒಳಗೆ ಬೇಕು.",
                   "ಇನ್ವಾಯ್ಸ್ {invoice} ಪಾವತಿಸಿದ್ದೇವೆ, ಆದರೆ PDF ಬಂದೇ ಇಲ್ಲ, ಪಾವತಿ ಲಿಂಕ್ ಮಾತ್ರ "
                   "ಬಂದಿತ್ತು. ನಮ್ಮ GSTIN ಇರುವ ತೆರಿಗೆ ಇನ್ವಾಯ್ಸ್ ಅನ್ನು ಇಮೇಲ್ ಮಾಡಿ."},
            .hinglish = {"Audit ke liye accounts team ko invoice {invoice} ({amount}) ki copy "
                         "chahiye. PDF isi mail pe bhej dijiye. Account: {org}.",
                         "{org} ke last month ke saare invoices ki duplicate copy bhej do "
                         "please. Auditor ko {date} tak chahiye.",
                         "Invoice {invoice} ka payment kar diya, lekin PDF kabhi aaya hi nahi, "
                         "sirf payment link aaya tha. GSTIN wala tax invoice mail kar dijiye."}},
       .replies =
           {.en = {"Thank you. I can see invoice {invoice} on the {org} account. I have requested "
                   "the signed PDF from our billing system and will send it shortly.",
                   "Could you confirm the billing period and whether you need the invoices with "
                   "or without the shipment annexure? The annexure for a busy month can run to "
                   "many pages."},
            .hi = {"धन्यवाद। {org} के खाते में इनवॉइस {invoice} दिख रहा है। बिलिंग सिस्टम से "
                   "हस्ताक्षरित PDF माँगी है, जल्द भेज देंगे।",
                   "कृपया बिलिंग अवधि बताएँ, और यह भी कि इनवॉइस शिपमेंट सूची (एनेक्सर) के साथ "
                   "चाहिए या बिना। व्यस्त महीने की सूची कई पन्नों की हो सकती है।"},
            .kn = {"ಧನ್ಯವಾದಗಳು. {org} ಖಾತೆಯಲ್ಲಿ ಇನ್ವಾಯ್ಸ್ {invoice} ಕಾಣುತ್ತಿದೆ. ಬಿಲ್ಲಿಂಗ್ "
                   "ವ್ಯವಸ್ಥೆಯಿಂದ ಸಹಿ ಮಾಡಿದ PDF ಕೇಳಿದ್ದೇವೆ, ಶೀಘ್ರದಲ್ಲೇ ಕಳುಹಿಸುತ್ತೇವೆ.",
                   "ದಯವಿಟ್ಟು ಬಿಲ್ಲಿಂಗ್ ಅವಧಿ ತಿಳಿಸಿ; ಶಿಪ್ಮೆಂಟ್ ಪಟ್ಟಿ (ಅನೆಕ್ಸರ್) ಸಹಿತ ಬೇಕೇ "
                   "ಅಥವಾ ಬೇಡವೇ ಎಂದೂ ತಿಳಿಸಿ."},
            .hinglish = {"Thanks. {org} account mein invoice {invoice} dikh raha hai. Billing "
                         "system se signed PDF mangwa liya hai, thodi der mein bhej denge.",
                         "Billing period confirm kar dijiye, aur invoices shipment annexure ke "
                         "saath chahiye ya bina?"}},
       .resolutions =
           {.en = {"Please find attached the signed copy of invoice {invoice} for {amount}. "
                   "Copies of all your invoices are also available any time under Billing in "
                   "the customer portal.",
                   "I have emailed the duplicate invoices for the requested period to this "
                   "address. Let me know if your auditor needs anything else."},
            .hi = {"इनवॉइस {invoice} ({amount}) की हस्ताक्षरित कॉपी संलग्न है। आपके सभी इनवॉइस "
                   "ग्राहक पोर्टल के बिलिंग सेक्शन में भी कभी भी उपलब्ध हैं।",
                   "माँगी गई अवधि के डुप्लिकेट इनवॉइस इसी पते पर ईमेल कर दिए गए हैं। ऑडिटर को "
                   "और कुछ चाहिए तो बताइए।"},
            .kn = {"ಇನ್ವಾಯ್ಸ್ {invoice} ({amount}) ನ ಸಹಿ ಮಾಡಿದ ಪ್ರತಿ ಲಗತ್ತಿಸಲಾಗಿದೆ. ನಿಮ್ಮ "
                   "ಎಲ್ಲ ಇನ್ವಾಯ್ಸ್ ಪ್ರತಿಗಳು ಗ್ರಾಹಕ ಪೋರ್ಟಲ್ ಒಳಗಿನ ಬಿಲ್ಲಿಂಗ್ ವಿಭಾಗದಲ್ಲಿ ಯಾವಾಗ "
                   "ಬೇಕಾದರೂ ಲಭ್ಯ.",
                   "ಕೇಳಿದ ಅವಧಿಯ ನಕಲು ಇನ್ವಾಯ್ಸ್ ಪ್ರತಿಗಳನ್ನು ಇದೇ ವಿಳಾಸಕ್ಕೆ ಇಮೇಲ್ ಮಾಡಲಾಗಿದೆ. "
                   "ಆಡಿಟರ್ ಅವರಿಗೆ ಇನ್ನೇನಾದರೂ ಬೇಕಿದ್ದರೆ ತಿಳಿಸಿ."},
            .hinglish = {"Invoice {invoice} ({amount}) ki signed copy attach kar di hai. Saare "
                         "invoices customer portal ke Billing section mein bhi kabhi bhi mil "
                         "jayenge.",
                         "Requested period ke duplicate invoices isi mail pe bhej diye hain. "
                         "Auditor ko aur kuch chahiye to batana."}},
       .notes = {"Invoice {invoice} regenerated from billing; old PDF had a wrong e-mail on "
                 "file.",
                 "Customer wants the annexure too. Asked billing ops for a shipment-level "
                 "export.",
                 "{org} is on monthly billing, cycle closes on the 25th."},
       .flow = {{{0, 0, 0}, {1, 1, 1}, {2, 0, 0}}}},
      // -------------------------------------------------------------------------------------
      {.key = "contract_renewal",
       .weight = 3,
       .group = kSales,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kQuestion,
       .type_a_percent = 60,
       .tags = {"contract", "renewal"},
       .b2b = true,
       .fields = 0,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Contract renewal for {org}", "Renewal quote for next year",
                           "Our service agreement expires on {date}"},
                    .hi = {"{org} के अनुबंध का नवीनीकरण", "अगले साल के लिए नवीनीकरण कोटेशन",
                           "हमारा सेवा अनुबंध {date} को खत्म हो रहा है"},
                    .kn = {"{org} ಒಪ್ಪಂದ ನವೀಕರಣ", "ಮುಂದಿನ ವರ್ಷದ ನವೀಕರಣ ದರಪಟ್ಟಿ",
                           "ನಮ್ಮ ಸೇವಾ ಒಪ್ಪಂದ {date} ರಂದು ಮುಕ್ತಾಯವಾಗುತ್ತದೆ"},
                    .hinglish = {"{org} contract renewal", "Next year ka renewal quote chahiye",
                                 "Agreement {date} ko expire ho raha hai"}},
       .openings =
           {.en = {"Our annual courier agreement expires on {date}. We shipped roughly {count} "
                   "parcels a day this year and would like to renew, but we expect better per-kg "
                   "rates for that volume. Please send a revised proposal.",
                   "We would like to renew the contract for {org} and add two more pickup "
                   "locations in {city}. Who should we talk to about pricing and the SLA "
                   "annexure?",
                   "Before we renew, we need the last 12 months' performance report: on-time "
                   "delivery %, RTO % and claim settlement time. Our management reviews it on "
                   "{date}."},
            .hi = {"हमारा वार्षिक कूरियर अनुबंध {date} को खत्म हो रहा है। इस साल हमने रोज़ "
                   "लगभग {count} पार्सल भेजे और हम नवीनीकरण करना चाहते हैं, पर इस मात्रा पर "
                   "प्रति किलो बेहतर दर की उम्मीद है। कृपया संशोधित प्रस्ताव भेजें।",
                   "हम {org} का अनुबंध नवीनीकृत करना चाहते हैं और {city} में दो और पिकअप "
                   "लोकेशन जोड़नी हैं। कीमत और SLA परिशिष्ट के लिए किससे बात करें?",
                   "नवीनीकरण से पहले हमें पिछले 12 महीनों की प्रदर्शन रिपोर्ट चाहिए: समय पर "
                   "डिलीवरी %, RTO % और दावा निपटान का समय। हमारा प्रबंधन {date} को इसकी "
                   "समीक्षा करेगा।"},
            .kn = {"ನಮ್ಮ ವಾರ್ಷಿಕ ಕೊರಿಯರ್ ಒಪ್ಪಂದ {date} ರಂದು ಮುಗಿಯುತ್ತದೆ. ಈ ವರ್ಷ ದಿನಕ್ಕೆ "
                   "ಸುಮಾರು {count} ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸಿದ್ದೇವೆ; ನವೀಕರಿಸಲು ಬಯಸುತ್ತೇವೆ, ಆದರೆ ಈ "
                   "ಪ್ರಮಾಣಕ್ಕೆ ಪ್ರತಿ ಕೆಜಿ ದರ ಕಡಿಮೆ ಆಗಬೇಕು. ಪರಿಷ್ಕೃತ ಪ್ರಸ್ತಾವನೆ ಕಳುಹಿಸಿ.",
                   "{org} ಒಪ್ಪಂದವನ್ನು ನವೀಕರಿಸಲು ಮತ್ತು {city} ನಗರದಲ್ಲಿ ಇನ್ನೂ ಎರಡು ಪಿಕಪ್ "
                   "ಸ್ಥಳಗಳನ್ನು ಸೇರಿಸಲು ಬಯಸುತ್ತೇವೆ. ದರ ಮತ್ತು SLA ಅನುಬಂಧದ ಬಗ್ಗೆ ಯಾರನ್ನು "
                   "ಸಂಪರ್ಕಿಸಬೇಕು?",
                   "ನವೀಕರಣಕ್ಕೆ ಮೊದಲು ಕಳೆದ 12 ತಿಂಗಳ ಕಾರ್ಯಕ್ಷಮತೆ ವರದಿ ಬೇಕು: ಸಮಯಕ್ಕೆ ಸರಿಯಾದ "
                   "ಡೆಲಿವರಿ %, RTO % ಮತ್ತು ಕ್ಲೇಮ್ ಇತ್ಯರ್ಥದ ಸಮಯ. ನಮ್ಮ ಆಡಳಿತ ಮಂಡಳಿ {date} "
                   "ರಂದು ಪರಿಶೀಲಿಸುತ್ತದೆ."},
            .hinglish = {"Hamara annual courier agreement {date} ko expire ho raha hai. Is saal "
                         "roz lagbhag {count} parcels bheje hain, renew karna hai par is volume "
                         "pe per kg rate kam hona chahiye. Revised proposal bhejiye.",
                         "{org} ka contract renew karna hai aur {city} mein do aur pickup "
                         "locations add karni hain. Pricing aur SLA annexure ke liye kisse baat "
                         "karein?",
                         "Renewal se pehle last 12 months ki performance report chahiye: on-time "
                         "delivery %, RTO % aur claim settlement time. Management {date} ko "
                         "review karega."}},
       .replies =
           {.en = {"Thank you for your continued business. Your account manager will share a "
                   "renewal proposal with volume slabs for {org} within 2 working days. Could "
                   "you confirm your expected monthly volume and average parcel weight?",
                   "Happy to help with the renewal. I have pulled the performance report for "
                   "your account and shared it with our sales team; we will set up a call this "
                   "week to go through the revised rates."},
            .hi = {"हमारे साथ बने रहने के लिए धन्यवाद। आपके अकाउंट मैनेजर 2 कार्यदिवस में {org} "
                   "के लिए वॉल्यूम स्लैब के साथ नवीनीकरण प्रस्ताव भेजेंगे। कृपया अनुमानित मासिक "
                   "मात्रा और पार्सल का औसत वज़न बताइए।",
                   "नवीनीकरण में मदद करके खुशी होगी। आपके खाते की प्रदर्शन रिपोर्ट निकालकर सेल्स "
                   "टीम को दे दी है; इस हफ़्ते नई दरों पर बात करने के लिए कॉल रखेंगे।"},
            .kn = {"ನಮ್ಮೊಂದಿಗೆ ಮುಂದುವರಿದಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ನಿಮ್ಮ ಅಕೌಂಟ್ ಮ್ಯಾನೇಜರ್ 2 ಕೆಲಸದ "
                   "ದಿನಗಳಲ್ಲಿ {org} ಗಾಗಿ ಪ್ರಮಾಣಾಧಾರಿತ ದರಗಳೊಂದಿಗೆ ನವೀಕರಣ ಪ್ರಸ್ತಾವನೆ "
                   "ಕಳುಹಿಸುತ್ತಾರೆ. ನಿರೀಕ್ಷಿತ ಮಾಸಿಕ ಪ್ರಮಾಣ ಮತ್ತು ಸರಾಸರಿ ಪಾರ್ಸೆಲ್ ತೂಕ ತಿಳಿಸಿ.",
                   "ನವೀಕರಣಕ್ಕೆ ಸಹಾಯ ಮಾಡಲು ಸಂತೋಷ. ನಿಮ್ಮ ಖಾತೆಯ ಕಾರ್ಯಕ್ಷಮತೆ ವರದಿಯನ್ನು ಮಾರಾಟ "
                   "ತಂಡಕ್ಕೆ ಕಳುಹಿಸಿದ್ದೇವೆ; ಹೊಸ ದರಗಳ ಬಗ್ಗೆ ಈ ವಾರ ಕರೆ ಏರ್ಪಡಿಸುತ್ತೇವೆ."},
            .hinglish = {"Humare saath bane rehne ke liye thanks. Aapke account manager 2 working "
                         "days mein {org} ke liye volume slabs ke saath renewal proposal "
                         "bhejenge. Expected monthly volume aur average parcel weight bata "
                         "dijiye.",
                         "Renewal mein zaroor help karenge. Aapke account ki performance report "
                         "sales team ko share kar di hai, is week rates discuss karne ke liye "
                         "call set karte hain."}},
       .resolutions =
           {.en = {"The renewed agreement for {org} has been signed and is effective from {date}. "
                   "The new rate card is attached and will apply from your next billing cycle.",
                   "As discussed on the call, we have extended your contract for 12 months with "
                   "a 6% volume discount. The countersigned copy is attached for your records."},
            .hi = {"{org} का नवीनीकृत अनुबंध हस्ताक्षरित हो गया है और {date} से लागू है। नया रेट "
                   "कार्ड संलग्न है, जो आपके अगले बिलिंग चक्र से लागू होगा।",
                   "कॉल पर हुई बात के अनुसार, आपका अनुबंध 12 महीने के लिए 6% वॉल्यूम छूट के साथ "
                   "बढ़ा दिया गया है। प्रति-हस्ताक्षरित कॉपी संलग्न है।"},
            .kn = {"{org} ನವೀಕೃತ ಒಪ್ಪಂದಕ್ಕೆ ಸಹಿ ಆಗಿದೆ ಮತ್ತು {date} ರಿಂದ ಜಾರಿಯಲ್ಲಿದೆ. ಹೊಸ "
                   "ದರಪಟ್ಟಿ ಲಗತ್ತಿಸಲಾಗಿದೆ; ಮುಂದಿನ ಬಿಲ್ಲಿಂಗ್ ಚಕ್ರದಿಂದ ಅನ್ವಯವಾಗುತ್ತದೆ.",
                   "ಕರೆಯಲ್ಲಿ ಮಾತನಾಡಿದಂತೆ, ನಿಮ್ಮ ಒಪ್ಪಂದವನ್ನು 6% ಪ್ರಮಾಣ ರಿಯಾಯಿತಿಯೊಂದಿಗೆ 12 "
                   "ತಿಂಗಳು ವಿಸ್ತರಿಸಲಾಗಿದೆ. ಸಹಿ ಮಾಡಿದ ಪ್ರತಿ ಲಗತ್ತಿಸಲಾಗಿದೆ."},
            .hinglish = {"{org} ka renewed agreement sign ho gaya hai, {date} se effective hai. "
                         "Naya rate card attach hai, next billing cycle se lagega.",
                         "Call pe jo baat hui thi, uske hisaab se contract 12 months ke liye 6% "
                         "volume discount ke saath extend kar diya hai. Countersigned copy "
                         "attach hai."}},
       .notes = {"{org}: {count} parcels/day avg, RTO 4.2%. Can offer slab 3 pricing, needs VP "
                 "approval.",
                 "Renewal call fixed for {date} 11 am with their logistics head.",
                 "Competitor quote mila hai unko, 8% kam. Discount approval ke liye sales head "
                 "ko mail kiya."},
       .flow = {{{2, 0, -1}, {-1, -1, -1}, {-1, 1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "customs_paperwork",
       .weight = 4,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kQuestion,
       .type_b = kTask,
       .type_a_percent = 60,
       .tags = {"customs", "international"},
       .b2b = false,
       .fields = kFieldAwb,
       .amount_min = 450,
       .amount_max = 14999,
       .items = kAnyItem,
       .urgency = 1,
       .subjects = {.en = {"Customs documents for international shipment {awb}",
                           "Shipment to {country} held at customs",
                           "Which documents are needed to send a parcel to {country}?"},
                    .hi = {"अंतरराष्ट्रीय शिपमेंट {awb} के कस्टम दस्तावेज़",
                           "{country} जाने वाला शिपमेंट कस्टम में रुका",
                           "{country} भेजने के लिए कौन से दस्तावेज़ चाहिए?"},
                    .kn = {"ಅಂತರರಾಷ್ಟ್ರೀಯ ಶಿಪ್ಮೆಂಟ್ {awb} ಕಸ್ಟಮ್ಸ್ ದಾಖಲೆಗಳು",
                           "{country} ದೇಶಕ್ಕೆ ಹೋಗುವ ಶಿಪ್ಮೆಂಟ್ ಕಸ್ಟಮ್ಸ್ ಬಳಿ ತಡೆಹಿಡಿಯಲಾಗಿದೆ",
                           "{country} ದೇಶಕ್ಕೆ ಕಳುಹಿಸಲು ಯಾವ ದಾಖಲೆಗಳು ಬೇಕು?"},
                    .hinglish = {"International shipment {awb} ke customs documents",
                                 "{country} wala shipment customs mein atak gaya",
                                 "{country} bhejne ke liye kaunse documents chahiye?"}},
       .openings =
           {.en = {"I am sending a parcel to my son in {country} (AWB {awb}) with clothes and "
                   "some homemade sweets. The status says \"held at customs – documents "
                   "required\". What exactly do you need from me?",
                   "We are exporting sample products to a buyer in {country}. Please tell us "
                   "which documents are needed: commercial invoice, packing list, KYC? The "
                   "shipment weighs {weight}.",
                   "Shipment {awb} to {country} has been stuck for {days} days. Your team asked "
                   "for KYC but I already uploaded my Aadhaar and PAN on the portal."},
            .hi = {"{country} में बेटे के लिए पार्सल भेजा है (AWB {awb}), जिसमें कपड़े और घर की "
                   "बनी मिठाई है। स्टेटस में \"कस्टम में रुका – दस्तावेज़ चाहिए\" दिख रहा है। आपको "
                   "मुझसे ठीक-ठीक क्या चाहिए?",
                   "हम {country} के एक खरीदार को सैंपल प्रोडक्ट निर्यात कर रहे हैं। कृपया बताइए "
                   "कौन से दस्तावेज़ चाहिए: कमर्शियल इनवॉइस, पैकिंग लिस्ट, KYC? शिपमेंट का वज़न "
                   "{weight} है।",
                   "{country} जाने वाला शिपमेंट {awb} {days} दिन से अटका है। आपकी टीम ने KYC "
                   "माँगा, जबकि पोर्टल पर आधार और PAN पहले ही अपलोड कर दिए हैं।"},
            .kn = {"{country} ದೇಶದಲ್ಲಿರುವ ಮಗನಿಗೆ ಬಟ್ಟೆ ಮತ್ತು ಮನೆಯಲ್ಲಿ ಮಾಡಿದ ಸಿಹಿ ತಿಂಡಿಗಳ "
                   "ಪಾರ್ಸೆಲ್ ಕಳುಹಿಸಿದ್ದೇನೆ (AWB {awb}). ಸ್ಥಿತಿಯಲ್ಲಿ \"ಕಸ್ಟಮ್ಸ್ ಬಳಿ ತಡೆ – "
                   "ದಾಖಲೆ ಬೇಕು\" ಎಂದು ತೋರಿಸುತ್ತಿದೆ. ನನ್ನಿಂದ ನಿಖರವಾಗಿ ಏನು ಬೇಕು?",
                   "{country} ದೇಶದ ಖರೀದಿದಾರರಿಗೆ ಮಾದರಿ ಉತ್ಪನ್ನಗಳನ್ನು ರಫ್ತು ಮಾಡುತ್ತಿದ್ದೇವೆ. ಯಾವ "
                   "ದಾಖಲೆಗಳು ಬೇಕು ಎಂದು ತಿಳಿಸಿ: ವಾಣಿಜ್ಯ ಇನ್ವಾಯ್ಸ್, ಪ್ಯಾಕಿಂಗ್ ಪಟ್ಟಿ, KYC? "
                   "ಶಿಪ್ಮೆಂಟ್ ತೂಕ {weight}.",
                   "{country} ದೇಶಕ್ಕೆ ಹೋಗುವ ಶಿಪ್ಮೆಂಟ್ {awb} {days} ದಿನಗಳಿಂದ ಸಿಲುಕಿದೆ. ನಿಮ್ಮ ತಂಡ "
                   "KYC ಕೇಳಿತು, ಆದರೆ ಪೋರ್ಟಲ್ ನಲ್ಲಿ ಆಧಾರ್ ಮತ್ತು PAN ಈಗಾಗಲೇ ಅಪ್ಲೋಡ್ "
                   "ಮಾಡಿದ್ದೇನೆ."},
            .hinglish = {"{country} mein bete ko parcel bheja hai (AWB {awb}), kapde aur ghar "
                         "ki mithai hai. Status mein \"held at customs - documents required\" aa "
                         "raha hai. Mujhse exactly kya chahiye?",
                         "Hum {country} ke ek buyer ko samples export kar rahe hain. Kaunse "
                         "documents lagenge: commercial invoice, packing list, KYC? Shipment ka "
                         "weight {weight} hai.",
                         "Shipment {awb} ({country}) {days} din se atka hua hai. Aapki team ne "
                         "KYC maanga, par maine portal pe Aadhaar aur PAN pehle hi upload kar "
                         "diya hai."}},
       .replies =
           {.en = {"For personal shipments to {country} we need a copy of your Aadhaar or "
                   "passport, your PAN, and a signed declaration listing the contents and their "
                   "value. Food items must be sealed and labelled. Please upload them against "
                   "AWB {awb} in the portal.",
                   "Our customs broker has reviewed AWB {awb}: the value is missing on the "
                   "commercial invoice. Please send a corrected invoice and packing list and we "
                   "will resubmit the same day."},
            .hi = {"{country} के लिए निजी शिपमेंट में आपके आधार या पासपोर्ट की कॉपी, PAN, और "
                   "सामान व उसकी कीमत की सूची के साथ हस्ताक्षरित घोषणा चाहिए। खाने का सामान सील "
                   "और लेबल किया होना चाहिए। कृपया पोर्टल में AWB {awb} के साथ अपलोड करें।",
                   "हमारे कस्टम ब्रोकर ने AWB {awb} देखा: कमर्शियल इनवॉइस पर मूल्य नहीं लिखा है। "
                   "कृपया सही इनवॉइस और पैकिंग लिस्ट भेजें, हम उसी दिन दोबारा जमा करेंगे।"},
            .kn = {"{country} ದೇಶಕ್ಕೆ ವೈಯಕ್ತಿಕ ಶಿಪ್ಮೆಂಟ್ ಕಳುಹಿಸಲು ನಿಮ್ಮ ಆಧಾರ್ ಅಥವಾ "
                   "ಪಾಸ್ಪೋರ್ಟ್ ಪ್ರತಿ, PAN, ಮತ್ತು ವಸ್ತುಗಳು ಹಾಗೂ ಅವುಗಳ ಮೌಲ್ಯ ಇರುವ ಸಹಿ ಮಾಡಿದ "
                   "ಘೋಷಣಾ ಪತ್ರ ಬೇಕು. ಆಹಾರ ಪದಾರ್ಥಗಳು ಸೀಲ್ ಆಗಿ ಲೇಬಲ್ ಹೊಂದಿರಬೇಕು. ದಯವಿಟ್ಟು "
                   "ಪೋರ್ಟಲ್ ನಲ್ಲಿ AWB {awb} ಅಡಿಯಲ್ಲಿ ಅಪ್ಲೋಡ್ ಮಾಡಿ.",
                   "ನಮ್ಮ ಕಸ್ಟಮ್ಸ್ ಬ್ರೋಕರ್ AWB {awb} ಪರಿಶೀಲಿಸಿದ್ದಾರೆ: ವಾಣಿಜ್ಯ ಇನ್ವಾಯ್ಸ್ ನಲ್ಲಿ "
                   "ಮೌಲ್ಯ ನಮೂದಿಸಿಲ್ಲ. ಸರಿಪಡಿಸಿದ ಇನ್ವಾಯ್ಸ್ ಮತ್ತು ಪ್ಯಾಕಿಂಗ್ ಪಟ್ಟಿ ಕಳುಹಿಸಿ, ಅದೇ "
                   "ದಿನ ಮರುಸಲ್ಲಿಸುತ್ತೇವೆ."},
            .hinglish = {"{country} ke personal shipment ke liye Aadhaar ya passport copy, PAN, "
                         "aur contents + value ki signed declaration chahiye. Food items sealed "
                         "aur labelled hone chahiye. Portal pe AWB {awb} ke against upload kar "
                         "dijiye.",
                         "Customs broker ne AWB {awb} check kiya, commercial invoice pe value "
                         "missing hai. Corrected invoice aur packing list bhej dijiye, same day "
                         "resubmit kar denge."}},
       .resolutions =
           {.en = {"Customs has cleared AWB {awb} and it is on the next flight to {country}. You "
                   "can track it on the portal; our partner there will deliver in {days} "
                   "working days.",
                   "Your documents are accepted and the shipment has been released by customs. "
                   "Duty of {amount} was charged as per the declared value; the receipt is "
                   "attached."},
            .hi = {"कस्टम ने AWB {awb} क्लियर कर दिया है और यह {country} की अगली फ़्लाइट में है। "
                   "पोर्टल पर ट्रैक कर सकते हैं; वहाँ का पार्टनर {days} कार्यदिवस में डिलीवर "
                   "करेगा।",
                   "आपके दस्तावेज़ स्वीकार हो गए हैं और कस्टम ने शिपमेंट छोड़ दिया है। घोषित मूल्य "
                   "के अनुसार {amount} शुल्क लगा है; रसीद संलग्न है।"},
            .kn = {"ಕಸ್ಟಮ್ಸ್ AWB {awb} ಅನ್ನು ಬಿಡುಗಡೆ ಮಾಡಿದೆ, ಅದು {country} ದೇಶಕ್ಕೆ ಮುಂದಿನ "
                   "ವಿಮಾನದಲ್ಲಿದೆ. ಪೋರ್ಟಲ್ ನಲ್ಲಿ ಟ್ರ್ಯಾಕ್ ಮಾಡಬಹುದು; ಅಲ್ಲಿನ ಪಾಲುದಾರರು {days} "
                   "ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ತಲುಪಿಸುತ್ತಾರೆ.",
                   "ನಿಮ್ಮ ದಾಖಲೆಗಳು ಸ್ವೀಕೃತವಾಗಿವೆ, ಕಸ್ಟಮ್ಸ್ ಶಿಪ್ಮೆಂಟ್ ಬಿಡುಗಡೆ ಮಾಡಿದೆ. ಘೋಷಿತ "
                   "ಮೌಲ್ಯದ ಪ್ರಕಾರ {amount} ಸುಂಕ ವಿಧಿಸಲಾಗಿದೆ; ರಸೀದಿ ಲಗತ್ತಿಸಲಾಗಿದೆ."},
            .hinglish = {"Customs ne AWB {awb} clear kar diya hai, {country} ki next flight mein "
                         "hai. Portal pe track kar sakte hain, wahan ka partner {days} working "
                         "days mein deliver karega.",
                         "Documents accept ho gaye, customs ne shipment release kar diya. "
                         "Declared value ke hisaab se {amount} duty lagi hai, receipt attach "
                         "hai."}},
       .notes = {"CHA says invoice value missing, HS code also wrong for sweets. Asked customer "
                 "for revised docs.",
                 "KYC already on file, customs ko dobara bheja. Broker ref pending.",
                 "Shipment {awb} in bonded warehouse since {date}. Demurrage starts after 3 "
                 "days."},
       .flow = {{{0, 0, 0}, {2, 1, 1}, {1, -1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "failed_delivery",
       .weight = 8,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kIncident,
       .type_b = kComplaint,
       .type_a_percent = 50,
       .tags = {"failed_delivery"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Delivery attempt marked failed but nobody came",
                           "Fake \"customer not available\" for AWB {awb}",
                           "Parcel returned without a delivery attempt"},
                    .hi = {"डिलीवरी का प्रयास असफल दिखाया, पर कोई आया ही नहीं",
                           "AWB {awb} पर झूठा \"ग्राहक उपलब्ध नहीं\"",
                           "बिना डिलीवरी प्रयास के पार्सल वापस"},
                    .kn = {"ಡೆಲಿವರಿ ಪ್ರಯತ್ನ ವಿಫಲ ಎಂದಿದೆ, ಆದರೆ ಯಾರೂ ಬಂದಿಲ್ಲ",
                           "AWB {awb}: ಸುಳ್ಳು \"ಗ್ರಾಹಕರು ಲಭ್ಯವಿಲ್ಲ\"", "ಡೆಲಿವರಿ ಪ್ರಯತ್ನ ಇಲ್ಲದೆ ಪಾರ್ಸೆಲ್ ವಾಪಸ್"},
                    .hinglish = {"Delivery attempt failed dikha raha hai par koi aaya hi nahi",
                                 "AWB {awb} pe fake \"customer not available\"",
                                 "Bina attempt ke parcel return kar diya"}},
       .openings =
           {.en = {"Tracking for AWB {awb} says \"delivery attempted – customer not available\" "
                   "in the {window} slot today, but we were at home the whole day and nobody "
                   "called or rang the bell. Please deliver tomorrow.",
                   "This is the second time my parcel {awb} was marked undelivered with "
                   "\"address not found\". The address has been the same for 10 years and every "
                   "other courier finds it. Pincode {pincode}.",
                   "My order {order} is showing \"return to origin\" after one failed attempt. I "
                   "never got a call. Please stop the return and deliver it."},
            .hi = {"AWB {awb} की ट्रैकिंग में आज {window} के बीच \"डिलीवरी प्रयास – ग्राहक उपलब्ध "
                   "नहीं\" लिखा है, जबकि हम पूरे दिन घर पर थे और न किसी ने फ़ोन किया न घंटी "
                   "बजाई। कृपया कल डिलीवरी करें।",
                   "दूसरी बार पार्सल {awb} को \"पता नहीं मिला\" कहकर डिलीवर नहीं किया गया। पता 10 "
                   "साल से यही है और बाकी सब कूरियर इसे ढूँढ लेते हैं। पिनकोड {pincode}।",
                   "ऑर्डर {order} एक असफल प्रयास के बाद \"रिटर्न टू ओरिजिन\" दिखा रहा है। मुझे "
                   "कोई कॉल नहीं आया। कृपया वापसी रोककर डिलीवरी करें।"},
            .kn = {"AWB {awb} ಟ್ರ್ಯಾಕಿಂಗ್ ಮಾಹಿತಿಯಲ್ಲಿ ಇಂದು {window} ಸಮಯದಲ್ಲಿ \"ಡೆಲಿವರಿ "
                   "ಪ್ರಯತ್ನ – ಗ್ರಾಹಕರು ಲಭ್ಯವಿಲ್ಲ\" ಎಂದಿದೆ, ಆದರೆ ನಾವು ದಿನವಿಡೀ ಮನೆಯಲ್ಲೇ "
                   "ಇದ್ದೆವು; ಯಾರೂ ಕರೆ ಮಾಡಲಿಲ್ಲ, ಬೆಲ್ ಕೂಡ ಒತ್ತಲಿಲ್ಲ. ದಯವಿಟ್ಟು ನಾಳೆ ಡೆಲಿವರಿ "
                   "ಮಾಡಿ.",
                   "ಇದು ಎರಡನೇ ಬಾರಿ ಪಾರ್ಸೆಲ್ {awb} ಅನ್ನು \"ವಿಳಾಸ ಸಿಗಲಿಲ್ಲ\" ಎಂದು ಡೆಲಿವರಿ "
                   "ಮಾಡಿಲ್ಲ. 10 ವರ್ಷಗಳಿಂದ ಇದೇ ವಿಳಾಸ, ಬೇರೆ ಎಲ್ಲಾ ಕೊರಿಯರ್ ಸೇವೆಗಳು ಸುಲಭವಾಗಿ "
                   "ಹುಡುಕುತ್ತವೆ. ಪಿನ್ ಕೋಡ್ {pincode}.",
                   "ಒಂದು ವಿಫಲ ಪ್ರಯತ್ನದ ನಂತರ ಆರ್ಡರ್ {order} \"ರಿಟರ್ನ್ ಟು ಒರಿಜಿನ್\" ಎಂದು "
                   "ತೋರಿಸುತ್ತಿದೆ. ನನಗೆ ಯಾವುದೇ ಕರೆ ಬಂದಿಲ್ಲ. ವಾಪಸ್ ಕಳುಹಿಸುವುದನ್ನು ನಿಲ್ಲಿಸಿ "
                   "ಡೆಲಿವರಿ ಮಾಡಿ."},
            .hinglish = {"AWB {awb} ki tracking mein aaj {window} ke beech \"customer not "
                         "available\" likha hai, jabki ghar pe poore din koi na koi tha. Na call "
                         "aaya na bell bajayi. Kal deliver kar do please.",
                         "Dusri baar parcel {awb} \"address not found\" bol ke return kar diya. "
                         "10 saal se yehi address hai, baaki sab courier dhoondh lete hain. "
                         "Pincode {pincode}.",
                         "Order {order} ek failed attempt ke baad \"RTO\" dikha raha hai. Mujhe "
                         "koi call nahi aaya. Return rok ke deliver karo please."}},
       .replies =
           {.en = {"I am sorry about this. I have checked the rider's GPS log for AWB {awb} and "
                   "there is no stop recorded near your address, so the attempt should not have "
                   "been marked. I have put the shipment on priority re-attempt for tomorrow.",
                   "I have stopped the return for order {order} and asked the {city} delivery "
                   "centre to re-attempt. Please share an alternate number and a landmark so the "
                   "rider can reach you."},
            .hi = {"इसके लिए खेद है। हमने AWB {awb} के लिए राइडर का GPS लॉग देखा, आपके पते के "
                   "पास कोई रुकाव दर्ज नहीं है, इसलिए प्रयास दर्ज नहीं होना चाहिए था। कल के लिए "
                   "प्राथमिकता से दोबारा डिलीवरी तय कर दी है।",
                   "ऑर्डर {order} की वापसी रोक दी गई है और {city} डिलीवरी सेंटर को फिर से प्रयास "
                   "करने को कहा है। कृपया वैकल्पिक नंबर और लैंडमार्क भेजें ताकि राइडर आप तक "
                   "पहुँच सके।"},
            .kn = {"ಇದಕ್ಕಾಗಿ ವಿಷಾದಿಸುತ್ತೇವೆ. AWB {awb} ಗಾಗಿ ಸಿಬ್ಬಂದಿಯ GPS ದಾಖಲೆ ನೋಡಿದೆವು; "
                   "ನಿಮ್ಮ ವಿಳಾಸದ ಬಳಿ ಯಾವುದೇ ನಿಲುಗಡೆ ದಾಖಲಾಗಿಲ್ಲ, ಆದ್ದರಿಂದ ಪ್ರಯತ್ನ "
                   "ದಾಖಲಿಸಬಾರದಿತ್ತು. ನಾಳೆಗೆ ಆದ್ಯತೆಯ ಮರುಪ್ರಯತ್ನ ನಿಗದಿಪಡಿಸಿದ್ದೇವೆ.",
                   "ಆರ್ಡರ್ {order} ವಾಪಸಾತಿಯನ್ನು ನಿಲ್ಲಿಸಿ, {city} ಡೆಲಿವರಿ ಕೇಂದ್ರಕ್ಕೆ "
                   "ಮರುಪ್ರಯತ್ನಿಸಲು ತಿಳಿಸಿದ್ದೇವೆ. ಸಿಬ್ಬಂದಿ ನಿಮ್ಮನ್ನು ತಲುಪಲು ಪರ್ಯಾಯ ಸಂಖ್ಯೆ ಮತ್ತು "
                   "ಗುರುತು ಸ್ಥಳ ಕಳುಹಿಸಿ."},
            .hinglish = {"Iske liye sorry. AWB {awb} ke liye rider ka GPS log check kiya, aapke "
                         "address ke paas koi stop nahi hai, to attempt mark hi nahi hona chahiye "
                         "tha. Kal ke liye priority re-attempt laga diya hai.",
                         "Order {order} ka return rok diya hai aur {city} delivery centre ko "
                         "re-attempt bola hai. Alternate number aur landmark bhej dijiye taaki "
                         "rider pahunch sake."}},
       .resolutions =
           {.en = {"AWB {awb} was delivered this morning. We have also given feedback to the "
                   "{city} delivery centre about the wrongly recorded attempt.",
                   "Your parcel was re-attempted and delivered on {date}. The rider has been "
                   "counselled and your address notes are saved for future deliveries."},
            .hi = {"AWB {awb} आज सुबह डिलीवर हो गया। गलत दर्ज प्रयास के बारे में {city} डिलीवरी "
                   "सेंटर को फ़ीडबैक भी दे दिया गया है।",
                   "आपका पार्सल दोबारा भेजकर {date} को डिलीवर कर दिया गया। राइडर को समझाया गया "
                   "है और आपके पते के नोट आगे की डिलीवरी के लिए सेव कर लिए गए हैं।"},
            .kn = {"AWB {awb} ಇಂದು ಬೆಳಿಗ್ಗೆ ಡೆಲಿವರಿ ಆಗಿದೆ. ತಪ್ಪಾಗಿ ದಾಖಲಿಸಿದ ಪ್ರಯತ್ನದ ಬಗ್ಗೆ "
                   "{city} ಡೆಲಿವರಿ ಕೇಂದ್ರಕ್ಕೆ ಪ್ರತಿಕ್ರಿಯೆ ನೀಡಿದ್ದೇವೆ.",
                   "ಮರುಪ್ರಯತ್ನದಲ್ಲಿ ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ {date} ರಂದು ಡೆಲಿವರಿ ಆಗಿದೆ. ಸಿಬ್ಬಂದಿಗೆ ತಿಳಿ "
                   "ಹೇಳಲಾಗಿದೆ, ಮುಂದಿನ ಡೆಲಿವರಿಗಳಿಗಾಗಿ ನಿಮ್ಮ ವಿಳಾಸದ ಟಿಪ್ಪಣಿ ಉಳಿಸಲಾಗಿದೆ."},
            .hinglish = {"AWB {awb} aaj subah deliver ho gaya. Galat attempt ke baare mein {city} "
                         "delivery centre ko feedback bhi de diya hai.",
                         "Parcel re-attempt karke {date} ko deliver ho gaya. Rider ko samjha "
                         "diya hai aur aapke address notes future deliveries ke liye save kar "
                         "diye hain."}},
       .notes = {"GPS shows the rider never went within 2 km of the address. Fake attempt, "
                 "reported to {city} DC manager.",
                 "Rider bol raha hai gate pe security ne andar nahi jane diya. Customer se gate "
                 "pass ka pucha.",
                 "RTO stopped in system for {awb}, re-attempt scheduled."},
       .flow = {{{1, 0, 0}, {0, 1, 1}, {2, 1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "reschedule_delivery",
       .weight = 7,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kQuestion,
       .type_a_percent = 80,
       .tags = {"reschedule"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Please reschedule delivery of {awb}", "Deliver on {date} instead",
                           "Not at home this week – hold my parcel"},
                    .hi = {"कृपया {awb} की डिलीवरी का समय बदलें", "डिलीवरी {date} को करें",
                           "इस हफ़्ते घर पर नहीं हूँ – पार्सल रोक लें"},
                    .kn = {"ದಯವಿಟ್ಟು {awb} ಡೆಲಿವರಿ ಮುಂದೂಡಿ", "{date} ರಂದು ಡೆಲಿವರಿ ಮಾಡಿ",
                           "ಈ ವಾರ ಮನೆಯಲ್ಲಿ ಇರುವುದಿಲ್ಲ – ಪಾರ್ಸೆಲ್ ಹಿಡಿದಿಡಿ"},
                    .hinglish = {"{awb} ki delivery reschedule karni hai",
                                 "{date} ko deliver karna "
                                 "please",
                                 "Is week ghar pe nahi hoon - parcel hold kar lo"}},
       .openings =
           {.en = {"I will be travelling until {date}. Could you hold AWB {awb} at the {city} "
                   "delivery centre and deliver it after I return, preferably in the {window} "
                   "slot?",
                   "Please deliver my parcel {awb} on Saturday instead of a weekday. Nobody is "
                   "at home between 9 and 6 on working days.",
                   "Can I pick up order {order} myself from your {city} branch? It is on my way "
                   "to office and I keep missing the rider."},
            .hi = {"मैं {date} तक बाहर हूँ। क्या AWB {awb} को {city} डिलीवरी सेंटर पर रोककर मेरे "
                   "लौटने के बाद, हो सके तो {window} के बीच, डिलीवर कर सकते हैं?",
                   "कृपया मेरा पार्सल {awb} किसी कामकाजी दिन की बजाय शनिवार को डिलीवर करें। "
                   "कामकाजी दिनों में 9 से 6 बजे तक घर पर कोई नहीं होता।",
                   "क्या ऑर्डर {order} आपकी {city} शाखा से खुद लिया जा सकता है? ऑफ़िस के रास्ते "
                   "में पड़ता है और राइडर से बार-बार मिलना नहीं हो पाता।"},
            .kn = {"ನಾನು {date} ವರೆಗೆ ಊರಿನಲ್ಲಿ ಇರುವುದಿಲ್ಲ. AWB {awb} ಅನ್ನು {city} ಡೆಲಿವರಿ "
                   "ಕೇಂದ್ರದಲ್ಲಿ ಹಿಡಿದಿಟ್ಟು, ನಾನು ಬಂದ ನಂತರ {window} ಸಮಯದಲ್ಲಿ ಡೆಲಿವರಿ "
                   "ಮಾಡಬಹುದೇ?",
                   "ದಯವಿಟ್ಟು ನನ್ನ ಪಾರ್ಸೆಲ್ {awb} ಅನ್ನು ವಾರದ ದಿನದ ಬದಲು ಶನಿವಾರ ಡೆಲಿವರಿ ಮಾಡಿ. "
                   "ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ 9 ರಿಂದ 6 ರವರೆಗೆ ಮನೆಯಲ್ಲಿ ಯಾರೂ ಇರುವುದಿಲ್ಲ.",
                   "ಆರ್ಡರ್ {order} ಅನ್ನು ನಿಮ್ಮ {city} ಶಾಖೆಯಿಂದ ನಾನೇ ತೆಗೆದುಕೊಳ್ಳಬಹುದೇ? ಅದು "
                   "ಕಚೇರಿಗೆ ಹೋಗುವ ದಾರಿಯಲ್ಲೇ ಇದೆ, ಡೆಲಿವರಿ ಸಿಬ್ಬಂದಿ ಬಂದಾಗ ನಾನು ಸಿಗುತ್ತಿಲ್ಲ."},
            .hinglish = {"Main {date} tak bahar hoon. AWB {awb} ko {city} delivery centre pe "
                         "hold karke mere aane ke baad {window} ke beech deliver kar sakte ho?",
                         "Parcel {awb} weekday ki jagah Saturday ko deliver karna please. "
                         "Weekdays mein 9 se 6 ghar pe koi nahi hota.",
                         "Order {order} khud {city} branch se collect kar sakte hain kya? Office "
                         "ke raste mein hai aur rider har baar miss ho jata hai."}},
       .replies =
           {.en = {"Sure. I have placed AWB {awb} on hold at the {city} delivery centre. We can "
                   "keep it for up to 7 days free of charge; please confirm the date you would "
                   "like it delivered.",
                   "Yes, self-pickup is possible. Please carry a photo ID and the OTP we send on "
                   "the day; the {city} branch is open 9 am to 7 pm, Monday to Saturday."},
            .hi = {"ज़रूर। AWB {awb} को {city} डिलीवरी सेंटर पर होल्ड कर दिया गया है। हम इसे 7 दिन "
                   "तक मुफ़्त रख सकते हैं; कृपया बताइए किस तारीख को डिलीवरी चाहिए।",
                   "हाँ, खुद आकर लेना संभव है। कृपया फ़ोटो पहचान पत्र और उसी दिन भेजा गया OTP साथ "
                   "लाएँ; {city} शाखा सोमवार से शनिवार सुबह 9 से शाम 7 बजे तक खुली रहती है।"},
            .kn = {"ಖಂಡಿತ. AWB {awb} ಅನ್ನು {city} ಡೆಲಿವರಿ ಕೇಂದ್ರದಲ್ಲಿ ಹಿಡಿದಿಡಲಾಗಿದೆ. 7 "
                   "ದಿನಗಳವರೆಗೆ ಉಚಿತವಾಗಿ ಇಡಬಹುದು; ಯಾವ ದಿನಾಂಕದಂದು ಡೆಲಿವರಿ ಬೇಕು ಎಂದು ತಿಳಿಸಿ.",
                   "ಹೌದು, ನೀವೇ ಬಂದು ತೆಗೆದುಕೊಳ್ಳಬಹುದು. ಫೋಟೋ ಗುರುತಿನ ಚೀಟಿ ಮತ್ತು ಅದೇ ದಿನ "
                   "ಕಳುಹಿಸುವ OTP ತನ್ನಿ; {city} ಶಾಖೆ ಸೋಮವಾರದಿಂದ ಶನಿವಾರ ಬೆಳಿಗ್ಗೆ 9 ರಿಂದ ಸಂಜೆ 7 "
                   "ರವರೆಗೆ ತೆರೆದಿರುತ್ತದೆ."},
            .hinglish = {"Bilkul. AWB {awb} ko {city} delivery centre pe hold kar diya hai. 7 "
                         "din tak free mein rakh sakte hain, kaunsi date ko delivery chahiye "
                         "bata dijiye.",
                         "Haan, self-pickup ho sakta hai. Photo ID aur us din aane wala OTP le "
                         "aaiye; {city} branch Monday se Saturday subah 9 se shaam 7 tak khuli "
                         "rehti hai."}},
       .resolutions =
           {.en = {"Delivery of AWB {awb} is now scheduled for {date} in the {window} slot. You "
                   "will get an SMS with the rider's number on the morning of delivery.",
                   "Done. Your parcel will be delivered on Saturday, {date}. No extra charge "
                   "applies.",
                   "Your order {order} is ready for collection at the {city} branch. Please "
                   "show the OTP sent to your phone and a photo ID at the counter."},
            .hi = {"AWB {awb} की डिलीवरी अब {date} को {window} के बीच तय है। डिलीवरी वाले दिन "
                   "सुबह राइडर के नंबर के साथ SMS आएगा।",
                   "हो गया। आपका पार्सल शनिवार, {date} को डिलीवर होगा। कोई अतिरिक्त शुल्क नहीं "
                   "लगेगा।",
                   "आपका ऑर्डर {order} {city} शाखा पर लेने के लिए तैयार है। काउंटर पर अपने फ़ोन "
                   "पर आया OTP और फ़ोटो पहचान पत्र दिखाइए।"},
            .kn = {"AWB {awb} ಡೆಲಿವರಿ ಈಗ {date} ರಂದು {window} ಸಮಯಕ್ಕೆ ನಿಗದಿಯಾಗಿದೆ. ಡೆಲಿವರಿ "
                   "ದಿನ ಬೆಳಿಗ್ಗೆ ಸಿಬ್ಬಂದಿಯ ಸಂಖ್ಯೆಯೊಂದಿಗೆ SMS ಬರುತ್ತದೆ.",
                   "ಆಗಿದೆ. ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಶನಿವಾರ, {date} ರಂದು ಡೆಲಿವರಿ ಆಗುತ್ತದೆ. ಯಾವುದೇ "
                   "ಹೆಚ್ಚುವರಿ ಶುಲ್ಕ ಇಲ್ಲ.",
                   "ನಿಮ್ಮ ಆರ್ಡರ್ {order} {city} ಶಾಖೆಯಲ್ಲಿ ಪಡೆಯಲು ಸಿದ್ಧವಾಗಿದೆ. ಕೌಂಟರ್ ನಲ್ಲಿ "
                   "ನಿಮ್ಮ ಫೋನ್ ಗೆ ಬಂದ OTP ಮತ್ತು ಫೋಟೋ ಗುರುತಿನ ಚೀಟಿ ತೋರಿಸಿ."},
            .hinglish = {"AWB {awb} ki delivery ab {date} ko {window} ke beech scheduled hai. "
                         "Delivery wale din subah rider ke number ke saath SMS aayega.",
                         "Ho gaya. Parcel Saturday, {date} ko deliver hoga. Koi extra charge "
                         "nahi lagega.",
                         "Order {order} {city} branch pe collection ke liye ready hai. Counter "
                         "pe phone pe aaya OTP aur photo ID dikha dijiye."}},
       .notes = {"Hold placed at {city} DC till {date}. Storage free up to 7 days.",
                 "Weekend delivery request; {city} DC does Saturday runs only till 2 pm. "
                 "Informed customer.",
                 "Customer ne self-pickup choose kiya, OTP enabled."},
       .flow = {{{2, 0, 0}, {1, 0, 1}, {0, 1, 2}}}},
      // -------------------------------------------------------------------------------------
      {.key = "missing_item",
       .weight = 5,
       .group = kQualityControl,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kComplaint,
       .type_b = kIncident,
       .type_a_percent = 60,
       .tags = {"missing_item"},
       .b2b = false,
       .fields = kFieldAwb | kFieldOrder | kFieldAmount,
       .amount_min = 249,
       .amount_max = 19999,
       .items = kAnyItem,
       .urgency = 1,
       .subjects = {.en = {"Item missing from my order {order}",
                           "Received an empty box – AWB {awb}",
                           "Parcel was resealed and the item is missing"},
                    .hi = {"मेरे ऑर्डर {order} में सामान कम है", "खाली डिब्बा मिला – AWB {awb}",
                           "पार्सल दोबारा सील किया हुआ था और सामान गायब"},
                    .kn = {"ನನ್ನ ಆರ್ಡರ್ {order} ನಲ್ಲಿ ವಸ್ತು ಕಾಣೆಯಾಗಿದೆ", "ಖಾಲಿ ಡಬ್ಬ ಬಂದಿದೆ – AWB {awb}",
                           "ಪಾರ್ಸೆಲ್ ಮರು ಸೀಲ್ ಮಾಡಲಾಗಿತ್ತು, ವಸ್ತು ಇಲ್ಲ"},
                    .hinglish = {"Order {order} mein item missing hai",
                                 "Khaali box aaya - AWB {awb}",
                                 "Parcel dobara seal kiya hua tha, item gayab"}},
       .openings =
           {.en = {"I ordered two items in order {order} but the box had only one. The {item} is "
                   "missing, though the invoice lists it. The weight on the label also looks "
                   "less.",
                   "The parcel {awb} I received today was lighter than expected and when I "
                   "opened it the box was empty except for packing paper. The tape looked "
                   "different from your branded tape.",
                   "My order {order} arrived with the seal broken and retaped. The {item} inside "
                   "is missing. I paid {amount} for it."},
            .hi = {"ऑर्डर {order} में दो सामान मँगाए थे, पर डिब्बे में एक ही था। {item} गायब "
                   "है, जबकि बिल में लिखा है। लेबल पर वज़न भी कम लग रहा है।",
                   "आज जो पार्सल {awb} मिला वह उम्मीद से हल्का था, खोला तो पैकिंग पेपर के अलावा "
                   "डिब्बा खाली था। टेप भी आपके ब्रांड वाले टेप से अलग दिख रहा था।",
                   "ऑर्डर {order} की सील टूटी हुई थी और उस पर दोबारा टेप लगा था। अंदर से {item} "
                   "गायब है। इसके लिए {amount} दिए थे।"},
            .kn = {"ಆರ್ಡರ್ {order} ನಲ್ಲಿ ಎರಡು ವಸ್ತುಗಳನ್ನು ಆರ್ಡರ್ ಮಾಡಿದ್ದೆ, ಆದರೆ ಡಬ್ಬದಲ್ಲಿ "
                   "ಒಂದೇ ಇತ್ತು. ಬಿಲ್ ನಲ್ಲಿ ಇದ್ದರೂ {item} ಕಾಣೆಯಾಗಿದೆ. ಲೇಬಲ್ ಮೇಲಿನ ತೂಕವೂ ಕಡಿಮೆ "
                   "ಇದೆ ಎನಿಸುತ್ತದೆ.",
                   "ಇಂದು ಬಂದ ಪಾರ್ಸೆಲ್ {awb} ನಿರೀಕ್ಷೆಗಿಂತ ಹಗುರವಾಗಿತ್ತು; ತೆರೆದಾಗ ಪ್ಯಾಕಿಂಗ್ ಕಾಗದ "
                   "ಬಿಟ್ಟರೆ ಡಬ್ಬ ಖಾಲಿ ಇತ್ತು. ಟೇಪ್ ಕೂಡ ನಿಮ್ಮ ಸಾಮಾನ್ಯ ಬ್ರ್ಯಾಂಡ್ ಟೇಪ್ ಅಲ್ಲ.",
                   "ಆರ್ಡರ್ {order} ಸೀಲ್ ಒಡೆದು ಮತ್ತೆ ಟೇಪ್ ಹಾಕಿದ ಸ್ಥಿತಿಯಲ್ಲಿ ಬಂದಿದೆ. ಒಳಗಿದ್ದ "
                   "{item} ಕಾಣೆಯಾಗಿದೆ. ಅದಕ್ಕೆ {amount} ಪಾವತಿಸಿದ್ದೇನೆ."},
            .hinglish = {"Order {order} mein do items the, box mein sirf ek tha. {item} missing "
                         "hai jabki invoice mein hai. Label pe weight bhi kam lag raha hai.",
                         "Aaj parcel {awb} aaya, expected se halka tha, khola to packing paper "
                         "ke alawa box khaali tha. Tape bhi aapke branded tape se alag tha.",
                         "Order {order} ki seal tooti hui thi aur dobara tape lagaya hua tha. "
                         "Andar se {item} gayab hai. {amount} pay kiye the iske."}},
       .replies =
           {.en = {"I am very sorry. I have opened an investigation for AWB {awb} with our "
                   "security team. They will compare the weight recorded at pickup with the "
                   "delivery weight. Please keep the box and the packing material.",
                   "Thank you for reporting this quickly. Could you share a photo of the label "
                   "and of the tape on the box? It helps us find where the parcel was tampered "
                   "with."},
            .hi = {"हमें बहुत खेद है। AWB {awb} के लिए हमारी सुरक्षा टीम के पास जाँच शुरू कर दी "
                   "गई है। वे पिकअप के समय और डिलीवरी के समय का वज़न मिलाएँगे। कृपया डिब्बा और "
                   "पैकिंग सामग्री संभालकर रखें।",
                   "जल्दी बताने के लिए धन्यवाद। कृपया लेबल और डिब्बे पर लगे टेप की फ़ोटो भेजें। "
                   "इससे पता चलेगा कि पार्सल से छेड़छाड़ कहाँ हुई।"},
            .kn = {"ಬಹಳ ವಿಷಾದಿಸುತ್ತೇವೆ. AWB {awb} ಗಾಗಿ ನಮ್ಮ ಭದ್ರತಾ ತಂಡದಲ್ಲಿ ತನಿಖೆ "
                   "ಆರಂಭಿಸಿದ್ದೇವೆ. ಪಿಕಪ್ ಸಮಯದ ತೂಕ ಮತ್ತು ಡೆಲಿವರಿ ಸಮಯದ ತೂಕವನ್ನು "
                   "ಹೋಲಿಸುತ್ತಾರೆ. ದಯವಿಟ್ಟು ಡಬ್ಬ ಮತ್ತು ಪ್ಯಾಕಿಂಗ್ ವಸ್ತುಗಳನ್ನು ಇಟ್ಟುಕೊಳ್ಳಿ.",
                   "ಬೇಗ ತಿಳಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ಲೇಬಲ್ ಮತ್ತು ಡಬ್ಬದ ಮೇಲಿನ ಟೇಪ್ ಫೋಟೋ "
                   "ಕಳುಹಿಸಬಹುದೇ? ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿ ತೆರೆಯಲಾಗಿದೆ ಎಂದು ಕಂಡುಹಿಡಿಯಲು ಸಹಾಯವಾಗುತ್ತದೆ."},
            .hinglish = {"Bahut sorry. AWB {awb} ke liye security team ke saath investigation "
                         "start kar diya hai. Pickup aur delivery ka weight compare karenge. Box "
                         "aur packing material sambhal ke rakhiye.",
                         "Jaldi batane ke liye thanks. Label aur box ke tape ki photo bhej sakte "
                         "hain? Isse pata chalega parcel kahan khola gaya."}},
       .resolutions =
           {.en = {"Our investigation confirmed a weight difference between pickup and delivery "
                   "for AWB {awb}. We have approved your claim and refunded {amount} (reference "
                   "{ref}).",
                   "The missing {item} has been sent as a fresh shipment under AWB {awb} and "
                   "should reach you by {date}. Sorry for the experience."},
            .hi = {"जाँच में AWB {awb} के पिकअप और डिलीवरी वज़न में अंतर की पुष्टि हुई। आपका "
                   "दावा मंज़ूर करके {amount} लौटा दिए गए हैं (संदर्भ {ref})।",
                   "गायब सामान ({item}) नए शिपमेंट AWB {awb} से भेज दिया गया है, {date} तक "
                   "पहुँच जाएगा। असुविधा के लिए माफ़ी।"},
            .kn = {"AWB {awb} ಪಿಕಪ್ ಮತ್ತು ಡೆಲಿವರಿ ತೂಕದಲ್ಲಿ ವ್ಯತ್ಯಾಸ ಇರುವುದು ತನಿಖೆಯಲ್ಲಿ "
                   "ದೃಢಪಟ್ಟಿದೆ. ನಿಮ್ಮ ಕ್ಲೇಮ್ ಅನುಮೋದಿಸಿ {amount} ವಾಪಸ್ ಮಾಡಲಾಗಿದೆ (ಉಲ್ಲೇಖ "
                   "{ref}).",
                   "ಕಾಣೆಯಾದ {item} ಅನ್ನು ಹೊಸ ಶಿಪ್ಮೆಂಟ್ AWB {awb} ಮೂಲಕ ಕಳುಹಿಸಲಾಗಿದೆ; {date} "
                   "ಒಳಗೆ ತಲುಪುತ್ತದೆ. ಆದ ತೊಂದರೆಗೆ ಕ್ಷಮಿಸಿ."},
            .hinglish = {"Investigation mein AWB {awb} ke pickup aur delivery weight mein "
                         "difference confirm hua. Claim approve karke {amount} refund kar diya "
                         "hai (ref {ref}).",
                         "Missing {item} naye shipment AWB {awb} se bhej diya hai, {date} tak "
                         "pahunch jayega. Experience ke liye sorry."}},
       .notes = {"Pickup weight 1.2 kg, delivery scan 0.4 kg. Tamper suspected at {origin} "
                 "transit hub.",
                 "Security team ko {date} ke CCTV footage ke liye request bheji.",
                 "Seller confirms the item was packed (packing video available). Liability on "
                 "us."},
       .flow = {{{0, -1, -1}, {1, -1, -1}, {2, -1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "pickup_request",
       .weight = 6,
       .group = kShipping,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kIncident,
       .type_a_percent = 85,
       .tags = {"pickup"},
       .b2b = true,
       .fields = 0,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 1,
       .subjects = {.en = {"Pickup request for {count} parcels today",
                           "Schedule daily pickup from our {city} warehouse",
                           "Pickup missed yesterday – urgent"},
                    .hi = {"आज {count} पार्सल के पिकअप का अनुरोध",
                           "हमारे {city} गोदाम से रोज़ाना पिकअप "
                           "तय करें",
                           "कल पिकअप नहीं हुआ – ज़रूरी"},
                    .kn = {"ಇಂದು {count} ಪಾರ್ಸೆಲ್ ಪಿಕಪ್ ವಿನಂತಿ",
                           "ನಮ್ಮ {city} ಗೋದಾಮಿನಿಂದ ದಿನನಿತ್ಯ ಪಿಕಪ್ "
                           "ನಿಗದಿಪಡಿಸಿ",
                           "ನಿನ್ನೆ ಪಿಕಪ್ ಆಗಿಲ್ಲ – ತುರ್ತು"},
                    .hinglish = {"Aaj {count} parcels ka pickup chahiye",
                                 "{city} warehouse se daily "
                                 "pickup set karo",
                                 "Kal pickup nahi hua - urgent"}},
       .openings =
           {.en = {"Please arrange a pickup of {count} parcels ({weight} in total) from {org}, "
                   "{city} {pincode}, today before 5 pm. The manifest is uploaded on the "
                   "portal.",
                   "We are starting a new warehouse in {city} and need a daily pickup at 4 pm "
                   "from Monday. Roughly {count} shipments a day, mostly prepaid.",
                   "Yesterday's pickup did not happen and {count} orders are still lying at our "
                   "dock. Our customers have been promised delivery by {date}. Please send a "
                   "vehicle first thing in the morning."},
            .hi = {"कृपया आज शाम 5 बजे से पहले {org}, {city} {pincode} से {count} पार्सल (कुल "
                   "{weight}) का पिकअप करवाइए। मैनिफ़ेस्ट पोर्टल पर अपलोड है।",
                   "हम {city} में नया गोदाम शुरू कर रहे हैं और सोमवार से रोज़ शाम 4 बजे पिकअप "
                   "चाहिए। रोज़ लगभग {count} शिपमेंट होंगे, ज़्यादातर प्रीपेड।",
                   "कल का पिकअप नहीं हुआ और {count} ऑर्डर अब भी हमारे गोदाम में पड़े हैं। ग्राहकों "
                   "से {date} तक डिलीवरी का वादा किया है। कृपया सुबह सबसे पहले गाड़ी भेजें।"},
            .kn = {"ದಯವಿಟ್ಟು ಇಂದು ಸಂಜೆ 5 ಗಂಟೆಯ ಒಳಗೆ {org}, {city} {pincode} ಇಲ್ಲಿಂದ {count} "
                   "ಪಾರ್ಸೆಲ್ (ಒಟ್ಟು {weight}) ಪಿಕಪ್ ವ್ಯವಸ್ಥೆ ಮಾಡಿ. ಮ್ಯಾನಿಫೆಸ್ಟ್ ಪೋರ್ಟಲ್ ನಲ್ಲಿ "
                   "ಅಪ್ಲೋಡ್ ಆಗಿದೆ.",
                   "ನಾವು {city} ನಗರದಲ್ಲಿ ಹೊಸ ಗೋದಾಮು ಆರಂಭಿಸುತ್ತಿದ್ದೇವೆ; ಸೋಮವಾರದಿಂದ ಪ್ರತಿದಿನ "
                   "ಸಂಜೆ 4 ಗಂಟೆಗೆ ಪಿಕಪ್ ಬೇಕು. ದಿನಕ್ಕೆ ಸುಮಾರು {count} ಶಿಪ್ಮೆಂಟ್, ಹೆಚ್ಚಿನವು "
                   "ಪ್ರೀಪೇಯ್ಡ್.",
                   "ನಿನ್ನೆಯ ಪಿಕಪ್ ಆಗಿಲ್ಲ, {count} ಆರ್ಡರ್ ಇನ್ನೂ ನಮ್ಮ ಗೋದಾಮಿನಲ್ಲೇ ಇವೆ. "
                   "ಗ್ರಾಹಕರಿಗೆ {date} ಒಳಗೆ ಡೆಲಿವರಿ ಭರವಸೆ ನೀಡಿದ್ದೇವೆ. ನಾಳೆ ಬೆಳಿಗ್ಗೆ ಮೊದಲು "
                   "ವಾಹನ ಕಳುಹಿಸಿ."},
            .hinglish = {"Aaj shaam 5 baje se pehle {org}, {city} {pincode} se {count} parcels "
                         "(total {weight}) ka pickup arrange kar dijiye. Manifest portal pe "
                         "upload hai.",
                         "{city} mein naya warehouse start kar rahe hain, Monday se daily 4 baje "
                         "pickup chahiye. Roz approx {count} shipments, mostly prepaid.",
                         "Kal ka pickup hua hi nahi, {count} orders abhi bhi dock pe pade hain. "
                         "Customers ko {date} tak delivery promise kiya hai. Kal subah sabse "
                         "pehle gaadi bhejo please."}},
       .replies =
           {.en = {"Pickup request registered for {org}: {count} parcels, {city} {pincode}. The "
                   "vehicle is assigned and will reach between 3 and 5 pm. The driver will "
                   "share an OTP-based handover receipt.",
                   "Sorry about the missed pickup. The {city} hub was short of vehicles. I have "
                   "booked a priority pickup for tomorrow 9 am and informed the hub manager."},
            .hi = {"{org} के लिए पिकअप अनुरोध दर्ज: {count} पार्सल, {city} {pincode}। गाड़ी तय हो "
                   "गई है और 3 से 5 बजे के बीच पहुँचेगी। ड्राइवर OTP वाली हैंडओवर रसीद देगा।",
                   "पिकअप छूटने के लिए माफ़ी। {city} हब में गाड़ियाँ कम थीं। कल सुबह 9 बजे के लिए "
                   "प्राथमिकता पिकअप बुक कर दिया है और हब मैनेजर को सूचित कर दिया है।"},
            .kn = {"{org} ಪಿಕಪ್ ವಿನಂತಿ ದಾಖಲಾಗಿದೆ: {count} ಪಾರ್ಸೆಲ್, {city} {pincode}. ವಾಹನ "
                   "ನಿಗದಿಯಾಗಿದ್ದು 3 ರಿಂದ 5 ಗಂಟೆಯೊಳಗೆ ಬರುತ್ತದೆ. ಚಾಲಕರು OTP ಆಧಾರಿತ ಹಸ್ತಾಂತರ "
                   "ರಸೀದಿ ನೀಡುತ್ತಾರೆ.",
                   "ಪಿಕಪ್ ತಪ್ಪಿದ್ದಕ್ಕೆ ಕ್ಷಮಿಸಿ. {city} ಹಬ್ ನಲ್ಲಿ ವಾಹನಗಳ ಕೊರತೆ ಇತ್ತು. ನಾಳೆ "
                   "ಬೆಳಿಗ್ಗೆ 9 ಗಂಟೆಗೆ ಆದ್ಯತೆಯ ಪಿಕಪ್ ಬುಕ್ ಮಾಡಿ ಹಬ್ ಮ್ಯಾನೇಜರ್ ಅವರಿಗೆ "
                   "ತಿಳಿಸಿದ್ದೇವೆ."},
            .hinglish = {"{org} ka pickup request register ho gaya: {count} parcels, {city} "
                         "{pincode}. Gaadi assign ho gayi hai, 3 se 5 ke beech pahunchegi. "
                         "Driver OTP wali handover receipt dega.",
                         "Missed pickup ke liye sorry. {city} hub mein vehicles kam the. Kal "
                         "subah 9 baje ka priority pickup book kar diya hai aur hub manager ko "
                         "bata diya hai."}},
       .resolutions =
           {.en = {"All {count} parcels were picked up and scanned at the {city} hub. You can see "
                   "them in today's manifest on the portal.",
                   "A daily pickup at 4 pm is set up for your {city} warehouse from {date}. Your "
                   "pickup executive will call you to introduce themselves."},
            .hi = {"सभी {count} पार्सल उठा लिए गए और {city} हब में स्कैन हो गए। पोर्टल पर आज के "
                   "मैनिफ़ेस्ट में देख सकते हैं।",
                   "{date} से आपके {city} गोदाम के लिए रोज़ शाम 4 बजे का पिकअप तय हो गया है। आपके "
                   "पिकअप अधिकारी आपको फ़ोन करेंगे।"},
            .kn = {"ಎಲ್ಲಾ {count} ಪಾರ್ಸೆಲ್ ಪಿಕಪ್ ಆಗಿ {city} ಹಬ್ ನಲ್ಲಿ ಸ್ಕ್ಯಾನ್ ಆಗಿವೆ. "
                   "ಪೋರ್ಟಲ್ ನಲ್ಲಿ ಇಂದಿನ ಮ್ಯಾನಿಫೆಸ್ಟ್ ನೋಡಬಹುದು.",
                   "{date} ರಿಂದ ನಿಮ್ಮ {city} ಗೋದಾಮಿಗೆ ಪ್ರತಿದಿನ ಸಂಜೆ 4 ಗಂಟೆಗೆ ಪಿಕಪ್ "
                   "ನಿಗದಿಯಾಗಿದೆ. ನಿಮ್ಮ ಪಿಕಪ್ ಅಧಿಕಾರಿ ನಿಮಗೆ ಕರೆ ಮಾಡುತ್ತಾರೆ."},
            .hinglish = {"Saare {count} parcels pick ho gaye aur {city} hub mein scan ho gaye. "
                         "Portal pe aaj ke manifest mein dekh sakte hain.",
                         "{date} se aapke {city} warehouse ke liye daily 4 baje pickup set ho "
                         "gaya hai. Pickup executive aapko call karenge."}},
       .notes = {"Vehicle assigned, driver Ramesh. {count} pcs / {weight}.",
                 "Pickup missed because the client dock closed at 5 and our van reached at "
                 "5:20. Need an earlier slot for {org}.",
                 "{org} wants daily pickup, route planning ko bola hai."},
       .flow = {{{0, 0, 0}, {1, 0, 1}, {2, 1, 0}}}},
      // -------------------------------------------------------------------------------------
      {.key = "gst_invoice_correction",
       .weight = 4,
       .group = kAccountsReceivable,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kTask,
       .type_b = kProblem,
       .type_a_percent = 75,
       .tags = {"gst", "invoice"},
       .b2b = true,
       .fields = kFieldInvoice | kFieldAmount | kFieldGstin,
       .amount_min = 4500,
       .amount_max = 450000,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Wrong GSTIN on invoice {invoice}", "GST invoice correction needed",
                           "Please issue a credit note and revised invoice"},
                    .hi = {"इनवॉइस {invoice} पर गलत GSTIN", "GST इनवॉइस में सुधार चाहिए",
                           "कृपया क्रेडिट नोट और संशोधित इनवॉइस जारी करें"},
                    .kn = {"ಇನ್ವಾಯ್ಸ್ {invoice} ನಲ್ಲಿ ತಪ್ಪು GSTIN", "GST ಇನ್ವಾಯ್ಸ್ ತಿದ್ದುಪಡಿ ಬೇಕು",
                           "ದಯವಿಟ್ಟು ಕ್ರೆಡಿಟ್ ನೋಟ್ ಮತ್ತು ಪರಿಷ್ಕೃತ ಇನ್ವಾಯ್ಸ್ ನೀಡಿ"},
                    .hinglish = {"Invoice {invoice} pe GSTIN galat hai",
                                 "GST invoice correction karna "
                                 "hai",
                                 "Credit note aur revised invoice bhejo please"}},
       .openings =
           {.en = {"Invoice {invoice} has been raised with our old GSTIN. Our correct GSTIN is "
                   "{gstin}. Without the correction we cannot claim input tax credit, so please "
                   "reissue it before the GSTR filing on the 11th.",
                   "Invoice {invoice} for {amount} shows IGST, but both our offices are in the "
                   "same state, so it should be CGST + SGST. Please correct and resend.",
                   "Our company name on invoice {invoice} is misspelt and the GSTIN {gstin} is "
                   "missing altogether. Please issue a credit note and a revised tax invoice for "
                   "{org}."},
            .hi = {"इनवॉइस {invoice} पुराने GSTIN के साथ बना है। हमारा सही GSTIN {gstin} है। "
                   "सुधार के बिना हम इनपुट टैक्स क्रेडिट नहीं ले पाएँगे, इसलिए कृपया 11 तारीख की "
                   "GSTR फ़ाइलिंग से पहले दोबारा जारी करें।",
                   "{amount} के इनवॉइस {invoice} में IGST लगाया गया है, जबकि हमारे दोनों दफ़्तर "
                   "एक ही राज्य में हैं, इसलिए CGST + SGST होना चाहिए। कृपया सुधार कर दोबारा "
                   "भेजें।",
                   "इनवॉइस {invoice} पर हमारी कंपनी का नाम गलत लिखा है और GSTIN {gstin} है ही "
                   "नहीं। कृपया {org} के लिए क्रेडिट नोट और संशोधित टैक्स इनवॉइस जारी करें।"},
            .kn = {"ಇನ್ವಾಯ್ಸ್ {invoice} ಹಳೆಯ GSTIN ನೊಂದಿಗೆ ಬಂದಿದೆ. ನಮ್ಮ ಸರಿಯಾದ GSTIN "
                   "{gstin}. ತಿದ್ದುಪಡಿ ಇಲ್ಲದೆ ಇನ್ಪುಟ್ ಟ್ಯಾಕ್ಸ್ ಕ್ರೆಡಿಟ್ ಪಡೆಯಲು ಆಗುವುದಿಲ್ಲ; "
                   "11ನೇ ತಾರೀಖಿನ GSTR ಸಲ್ಲಿಕೆಗೆ ಮೊದಲು ಮರುನೀಡಿ.",
                   "{amount} ಮೊತ್ತದ ಇನ್ವಾಯ್ಸ್ {invoice} ನಲ್ಲಿ IGST ಹಾಕಲಾಗಿದೆ, ಆದರೆ ನಮ್ಮ ಎರಡೂ "
                   "ಕಚೇರಿಗಳು ಒಂದೇ ರಾಜ್ಯದಲ್ಲಿವೆ; CGST + SGST ಆಗಬೇಕು. ಸರಿಪಡಿಸಿ ಮತ್ತೆ ಕಳುಹಿಸಿ.",
                   "ಇನ್ವಾಯ್ಸ್ {invoice} ನಲ್ಲಿ ನಮ್ಮ ಕಂಪನಿಯ ಹೆಸರು ತಪ್ಪಾಗಿದೆ ಮತ್ತು GSTIN {gstin} "
                   "ಇಲ್ಲವೇ ಇಲ್ಲ. {org} ಗಾಗಿ ಕ್ರೆಡಿಟ್ ನೋಟ್ ಮತ್ತು ಪರಿಷ್ಕೃತ ತೆರಿಗೆ ಇನ್ವಾಯ್ಸ್ "
                   "ನೀಡಿ."},
            .hinglish = {"Invoice {invoice} purane GSTIN ke saath bana hai. Sahi GSTIN {gstin} "
                         "hai. Correction ke bina ITC claim nahi hoga, 11 tareekh ki GSTR filing "
                         "se pehle reissue kar dijiye.",
                         "{amount} ke invoice {invoice} mein IGST laga diya hai, jabki dono "
                         "offices same state mein hain, CGST + SGST hona chahiye. Correct karke "
                         "dobara bhejo.",
                         "Invoice {invoice} pe company ka naam galat spelling mein hai aur GSTIN "
                         "{gstin} hai hi nahi. {org} ke liye credit note aur revised tax invoice "
                         "issue kar dijiye."}},
       .replies =
           {.en = {"Thank you. I have updated the GSTIN on the {org} account to {gstin}. Invoice "
                   "{invoice} has to be cancelled with a credit note and reissued; our billing "
                   "team will do this within 2 working days.",
                   "Noted. To reissue the invoice we need a copy of your GST registration "
                   "certificate for {gstin}. Please attach it here and we will process the "
                   "correction."},
            .hi = {"धन्यवाद। {org} के खाते में GSTIN {gstin} अपडेट कर दिया गया है। इनवॉइस "
                   "{invoice} को क्रेडिट नोट से रद्द करके दोबारा जारी करना होगा; बिलिंग टीम 2 "
                   "कार्यदिवस में कर देगी।",
                   "ठीक है। इनवॉइस दोबारा जारी करने के लिए {gstin} के GST पंजीकरण प्रमाणपत्र की "
                   "कॉपी चाहिए। कृपया यहीं संलग्न करें, हम सुधार कर देंगे।"},
            .kn = {"ಧನ್ಯವಾದಗಳು. {org} ಖಾತೆಯಲ್ಲಿ GSTIN ಅನ್ನು {gstin} ಎಂದು ಬದಲಿಸಿದ್ದೇವೆ. "
                   "ಇನ್ವಾಯ್ಸ್ {invoice} ಅನ್ನು ಕ್ರೆಡಿಟ್ ನೋಟ್ ಮೂಲಕ ರದ್ದುಪಡಿಸಿ ಮರುನೀಡಬೇಕು; "
                   "ಬಿಲ್ಲಿಂಗ್ ತಂಡ 2 ಕೆಲಸದ ದಿನಗಳಲ್ಲಿ ಮಾಡುತ್ತದೆ.",
                   "ಸರಿ. ಇನ್ವಾಯ್ಸ್ ಮರುನೀಡಲು GSTIN {gstin} ನೋಂದಣಿ ಪ್ರಮಾಣಪತ್ರದ ಪ್ರತಿ ಬೇಕು. "
                   "ದಯವಿಟ್ಟು ಇಲ್ಲೇ ಲಗತ್ತಿಸಿ."},
            .hinglish = {"Thanks. {org} account mein GSTIN {gstin} update kar diya hai. Invoice "
                         "{invoice} ko credit note se cancel karke reissue karna padega, billing "
                         "team 2 working days mein kar degi.",
                         "Noted. Invoice reissue ke liye {gstin} ka GST registration certificate "
                         "chahiye. Yahin attach kar dijiye, correction process kar denge."}},
       .resolutions =
           {.en = {"The credit note against invoice {invoice} and the revised tax invoice with "
                   "GSTIN {gstin} are attached. Both are already reported on the GST portal "
                   "(IRN generated).",
                   "The corrected invoice {invoice} for {amount} is attached, now with CGST and "
                   "SGST shown separately. Please use this copy for your records."},
            .hi = {"इनवॉइस {invoice} के बदले क्रेडिट नोट और GSTIN {gstin} वाला संशोधित टैक्स "
                   "इनवॉइस संलग्न हैं। दोनों GST पोर्टल पर दर्ज हो चुके हैं (IRN बन गया है)।",
                   "{amount} का संशोधित इनवॉइस {invoice} संलग्न है, अब CGST और SGST अलग-अलग "
                   "दिखाए गए हैं। कृपया रिकॉर्ड के लिए यही कॉपी रखें।"},
            .kn = {"ಇನ್ವಾಯ್ಸ್ {invoice} ವಿರುದ್ಧದ ಕ್ರೆಡಿಟ್ ನೋಟ್ ಮತ್ತು GSTIN {gstin} ಇರುವ "
                   "ಪರಿಷ್ಕೃತ ತೆರಿಗೆ ಇನ್ವಾಯ್ಸ್ ಲಗತ್ತಿಸಲಾಗಿದೆ. ಎರಡನ್ನೂ GST ಪೋರ್ಟಲ್ ನಲ್ಲಿ "
                   "ದಾಖಲಿಸಲಾಗಿದೆ (IRN ಸೃಷ್ಟಿಯಾಗಿದೆ).",
                   "{amount} ಮೊತ್ತದ ತಿದ್ದುಪಡಿ ಮಾಡಿದ ಇನ್ವಾಯ್ಸ್ {invoice} ಲಗತ್ತಿಸಲಾಗಿದೆ; ಈಗ "
                   "CGST ಮತ್ತು SGST ಪ್ರತ್ಯೇಕವಾಗಿ ತೋರಿಸಲಾಗಿದೆ. ದಾಖಲೆಗೆ ಇದೇ ಪ್ರತಿ ಬಳಸಿ."},
            .hinglish = {"Invoice {invoice} ka credit note aur GSTIN {gstin} wala revised tax "
                         "invoice attach hai. Dono GST portal pe report ho chuke hain (IRN "
                         "generate ho gaya).",
                         "{amount} ka corrected invoice {invoice} attach hai, ab CGST aur SGST "
                         "alag dikha rahe hain. Records ke liye yehi copy use kijiye."}},
       .notes = {"GSTIN {gstin} verified on the GST portal: active, legal name matches.",
                 "Place of supply galat set tha account master mein, isliye IGST laga. Fixed in "
                 "master.",
                 "Credit note raised, needs finance approval before IRN."},
       .flow = {{{0, 0, 0}, {1, 1, 1}, {2, -1, 0}}}},
      // -------------------------------------------------------------------------------------
      {.key = "repair_request",
       .weight = 6,
       .group = kRepairs,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kProblem,
       .type_b = kIncident,
       .type_a_percent = 60,
       .tags = {"repair", "warranty"},
       .b2b = false,
       .fields = kFieldOrder,
       .amount_min = 0,
       .amount_max = 0,
       .items = kRepairableItems,
       .urgency = 0,
       .subjects = {.en = {"{item} stopped working – warranty repair",
                           "Repair request for order {order}",
                           "Service centre pickup for a faulty {item}"},
                    .hi = {"{item} ने काम करना बंद किया – वारंटी मरम्मत",
                           "ऑर्डर {order} के लिए मरम्मत "
                           "अनुरोध",
                           "खराब {item} के लिए सर्विस सेंटर पिकअप"},
                    .kn = {"{item} ಕೆಲಸ ಮಾಡುತ್ತಿಲ್ಲ – ವಾರಂಟಿ ರಿಪೇರಿ", "ಆರ್ಡರ್ {order} ರಿಪೇರಿ ವಿನಂತಿ",
                           "ದೋಷಯುಕ್ತ {item}: ಸರ್ವೀಸ್ ಸೆಂಟರ್ ಪಿಕಪ್ ಬೇಕು"},
                    .hinglish = {"{item} kaam nahi kar raha - warranty repair",
                                 "Order {order} ka "
                                 "repair request",
                                 "Kharab {item} service centre ke liye pickup"}},
       .openings =
           {.en = {"The {item} I bought from you (order {order}) stopped working after {days} "
                   "weeks. It does not switch on at all. It is under warranty. How do I get it "
                   "repaired?",
                   "My {item} makes a loud noise and gets very hot. I have the invoice and the "
                   "warranty card. Please arrange a pickup to the service centre from {city}.",
                   "I sent my {item} for repair a month ago and there is still no update. The "
                   "job sheet number is {ref}. When will I get it back?"},
            .hi = {"ऑर्डर {order} वाला सामान ({item}) {days} हफ़्ते में ही खराब हो गया। बिल्कुल "
                   "चालू नहीं होता। वारंटी में है। मरम्मत कैसे करवाएँ?",
                   "इस्तेमाल करते समय {item} से तेज़ आवाज़ आती है और बहुत गर्मी निकलती है। बिल और "
                   "वारंटी कार्ड मेरे पास हैं। कृपया {city} से सर्विस सेंटर के लिए पिकअप "
                   "करवाइए।",
                   "एक महीने पहले मरम्मत के लिए सामान ({item}) भेजा था, अब तक कोई अपडेट नहीं। जॉब "
                   "शीट नंबर {ref} है। वापस कब मिलेगा?"},
            .kn = {"ನಿಮ್ಮಿಂದ ಖರೀದಿಸಿದ {item} (ಆರ್ಡರ್ {order}) {days} ವಾರಗಳಲ್ಲೇ "
                   "ಕೆಟ್ಟುಹೋಗಿದೆ. ಸ್ವಿಚ್ ಆನ್ ಆಗುವುದೇ ಇಲ್ಲ. ವಾರಂಟಿ ಇದೆ. ರಿಪೇರಿ ಹೇಗೆ "
                   "ಮಾಡಿಸುವುದು?",
                   "ನನ್ನ {item} ಜೋರಾಗಿ ಶಬ್ದ ಮಾಡುತ್ತದೆ ಮತ್ತು ತುಂಬಾ ಬಿಸಿಯಾಗುತ್ತದೆ. ಬಿಲ್ ಮತ್ತು "
                   "ವಾರಂಟಿ ಕಾರ್ಡ್ ಇದೆ. ದಯವಿಟ್ಟು {city} ವಿಳಾಸದಿಂದ ಸರ್ವೀಸ್ ಸೆಂಟರ್ ವರೆಗೆ ಪಿಕಪ್ "
                   "ವ್ಯವಸ್ಥೆ ಮಾಡಿ.",
                   "ಒಂದು ತಿಂಗಳ ಹಿಂದೆ {item} ರಿಪೇರಿಗೆ ಕಳುಹಿಸಿದ್ದೆ, ಇನ್ನೂ ಯಾವುದೇ ಮಾಹಿತಿ ಇಲ್ಲ. "
                   "ಜಾಬ್ ಶೀಟ್ ಸಂಖ್ಯೆ {ref}. ಯಾವಾಗ ವಾಪಸ್ ಸಿಗುತ್ತದೆ?"},
            .hinglish = {"Aapse liya hua {item} (order {order}) {days} hafte mein hi band ho "
                         "gaya. Bilkul on nahi hota. Warranty mein hai, repair kaise karwayein?",
                         "Mera {item} bahut awaaz karta hai aur garam ho jata hai. Bill aur "
                         "warranty card hai. {city} se service centre ke liye pickup arrange kar "
                         "do please.",
                         "Ek mahina pehle {item} repair ke liye bheja tha, abhi tak koi update "
                         "nahi. Job sheet number {ref} hai. Wapas kab milega?"}},
       .replies =
           {.en = {"Sorry to hear that. Your {item} is covered by warranty. I have booked a free "
                   "pickup to the authorised service centre; please keep the product, charger "
                   "and invoice ready. The pickup will be on {date}.",
                   "I have checked job sheet {ref}: the service centre is waiting for a spare "
                   "part. They expect it within {days} days, after which the repair takes 2 "
                   "days."},
            .hi = {"यह सुनकर खेद हुआ। आपका {item} वारंटी में है। अधिकृत सर्विस सेंटर के लिए "
                   "मुफ़्त पिकअप बुक कर दिया है; कृपया सामान, चार्जर और बिल तैयार रखें। पिकअप "
                   "{date} को होगा।",
                   "जॉब शीट {ref} देखी: सर्विस सेंटर एक स्पेयर पार्ट का इंतज़ार कर रहा है। {days} "
                   "दिन में आने की उम्मीद है, उसके बाद मरम्मत में 2 दिन लगेंगे।"},
            .kn = {"ಕೇಳಿ ಬೇಸರವಾಯಿತು. ನಿಮ್ಮ {item} ವಾರಂಟಿಯಲ್ಲಿದೆ. ಅಧಿಕೃತ ಸರ್ವೀಸ್ ಸೆಂಟರ್ ಗೆ "
                   "ಉಚಿತ ಪಿಕಪ್ ಬುಕ್ ಮಾಡಿದ್ದೇವೆ; ವಸ್ತು, ಚಾರ್ಜರ್ ಮತ್ತು ಬಿಲ್ ಸಿದ್ಧವಾಗಿಡಿ. ಪಿಕಪ್ "
                   "{date} ರಂದು ಆಗುತ್ತದೆ.",
                   "ಜಾಬ್ ಶೀಟ್ {ref} ಪರಿಶೀಲಿಸಿದೆವು: ಸರ್ವೀಸ್ ಸೆಂಟರ್ ಒಂದು ಬಿಡಿಭಾಗಕ್ಕಾಗಿ "
                   "ಕಾಯುತ್ತಿದೆ. {days} ದಿನಗಳಲ್ಲಿ ಬರುವ ನಿರೀಕ್ಷೆ ಇದೆ, ನಂತರ ರಿಪೇರಿಗೆ 2 ದಿನ "
                   "ಬೇಕು."},
            .hinglish = {"Sunke bura laga. Aapka {item} warranty mein hai. Authorised service "
                         "centre ke liye free pickup book kar diya hai, product, charger aur bill "
                         "ready rakhiye. Pickup {date} ko hoga.",
                         "Job sheet {ref} check kiya, service centre spare part ka wait kar raha "
                         "hai. {days} din mein aane ki umeed hai, phir repair mein 2 din "
                         "lagenge."}},
       .resolutions =
           {.en = {"Your {item} has been repaired (the faulty part was replaced under warranty) "
                   "and is on its way back to you under AWB {awb}.",
                   "The service centre could not repair the unit, so a replacement {item} has "
                   "been approved under warranty. It will be delivered by {date}."},
            .hi = {"आपके सामान ({item}) की मरम्मत हो गई है (वारंटी में खराब पुर्ज़ा बदला गया) और "
                   "यह AWB {awb} से आपको वापस भेजा जा रहा है।",
                   "सर्विस सेंटर मरम्मत नहीं कर पाया, इसलिए वारंटी में बदलकर नया सामान ({item}) "
                   "देना मंज़ूर हुआ है। {date} तक डिलीवर हो जाएगा।"},
            .kn = {"ನಿಮ್ಮ {item} ರಿಪೇರಿ ಆಗಿದೆ (ವಾರಂಟಿಯಲ್ಲಿ ದೋಷಯುಕ್ತ ಭಾಗ ಬದಲಿಸಲಾಗಿದೆ), AWB "
                   "{awb} ಮೂಲಕ ನಿಮಗೆ ವಾಪಸ್ ಬರುತ್ತಿದೆ.",
                   "ಸರ್ವೀಸ್ ಸೆಂಟರ್ ನಲ್ಲಿ ರಿಪೇರಿ ಸಾಧ್ಯವಾಗಲಿಲ್ಲ, ಆದ್ದರಿಂದ ವಾರಂಟಿಯಲ್ಲಿ ಬದಲಿ "
                   "{item} ಅನುಮೋದಿಸಲಾಗಿದೆ. {date} ಒಳಗೆ ಡೆಲಿವರಿ ಆಗುತ್ತದೆ."},
            .hinglish = {"Aapka {item} repair ho gaya hai (warranty mein faulty part change hua) "
                         "aur AWB {awb} se wapas aa raha hai.",
                         "Service centre repair nahi kar paya, isliye warranty mein replacement "
                         "{item} approve ho gaya hai. {date} tak deliver ho jayega."}},
       .notes = {"Job sheet {ref}: service centre says spare ETA {days} days. Customer informed.",
                 "Physical damage visible in photos, may not be covered. Asked the service "
                 "centre for an inspection report.",
                 "Repair TAT crossed 21 days, eligible for replacement as per policy."},
       .flow = {{{0, 0, -1}, {2, 0, -1}, {1, 1, -1}}}},
      // -------------------------------------------------------------------------------------
      {.key = "bulk_rate_enquiry",
       .weight = 4,
       .group = kSales,
       .alt_group = -1,
       .alt_percent = 0,
       .type_a = kQuestion,
       .type_b = kTask,
       .type_a_percent = 85,
       .tags = {"b2b", "quote"},
       .b2b = true,
       .fields = 0,
       .amount_min = 0,
       .amount_max = 0,
       .items = kAnyItem,
       .urgency = 0,
       .subjects = {.en = {"Bulk shipping rates for {org}", "Quote for {count} shipments per day",
                           "Interested in a B2B courier partnership"},
                    .hi = {"{org} के लिए थोक शिपिंग दरें", "रोज़ {count} शिपमेंट के लिए कोटेशन",
                           "B2B कूरियर साझेदारी में रुचि"},
                    .kn = {"{org} ಗಾಗಿ ಬೃಹತ್ ಶಿಪ್ಪಿಂಗ್ ದರಗಳು", "ದಿನಕ್ಕೆ {count} ಶಿಪ್ಮೆಂಟ್: ದರಪಟ್ಟಿ ಬೇಕು",
                           "B2B ಕೊರಿಯರ್ ಪಾಲುದಾರಿಕೆಯಲ್ಲಿ ಆಸಕ್ತಿ"},
                    .hinglish = {"{org} ke liye bulk shipping rates",
                                 "Daily {count} shipments ka quote "
                                 "chahiye",
                                 "B2B courier tie-up karna hai"}},
       .openings =
           {.en = {"We are {org}, based in {city}. We ship around {count} orders a day across "
                   "India, about 40% COD. Please share your rate card for 0.5 kg slabs and your "
                   "COD remittance cycle.",
                   "We are evaluating courier partners for the festive season. Can you handle "
                   "{count} shipments a day from {city} with next-day delivery to metros? Please "
                   "share a quote and the SLA.",
                   "Our current courier is not reliable in North Karnataka. Do you serve "
                   "Hubballi, Belagavi and Kalaburagi pincodes? We would need about {count} "
                   "deliveries a day."},
            .hi = {"हम {city} स्थित {org} हैं। हम रोज़ पूरे भारत में लगभग {count} ऑर्डर भेजते "
                   "हैं, करीब 40% COD। कृपया 0.5 किलो स्लैब का रेट कार्ड और COD रेमिटेंस चक्र "
                   "बताइए।",
                   "त्योहारों के मौसम के लिए हम कूरियर पार्टनर चुन रहे हैं। क्या आप {city} से रोज़ "
                   "{count} शिपमेंट संभाल सकते हैं, मेट्रो शहरों में अगले दिन डिलीवरी के साथ? "
                   "कृपया कोटेशन और SLA भेजें।",
                   "हमारा मौजूदा कूरियर उत्तर कर्नाटक में भरोसेमंद नहीं है। क्या आप हुब्बल्ली, "
                   "बेलगावी और कलबुर्गी के पिनकोड पर सेवा देते हैं? हमें रोज़ लगभग {count} "
                   "डिलीवरी चाहिए।"},
            .kn = {"ನಾವು {city} ಮೂಲದ {org}. ದಿನಕ್ಕೆ ದೇಶಾದ್ಯಂತ ಸುಮಾರು {count} ಆರ್ಡರ್ "
                   "ಕಳುಹಿಸುತ್ತೇವೆ, ಸುಮಾರು 40% COD. ದಯವಿಟ್ಟು 0.5 ಕೆಜಿ ಸ್ಲ್ಯಾಬ್ ದರಪಟ್ಟಿ ಮತ್ತು "
                   "COD ಹಣ ವರ್ಗಾವಣೆ ಚಕ್ರವನ್ನು ತಿಳಿಸಿ.",
                   "ಹಬ್ಬದ ಋತುವಿಗಾಗಿ ಕೊರಿಯರ್ ಪಾಲುದಾರರನ್ನು ಆಯ್ಕೆ ಮಾಡುತ್ತಿದ್ದೇವೆ. {city} "
                   "ನಗರದಿಂದ ದಿನಕ್ಕೆ {count} ಶಿಪ್ಮೆಂಟ್ ನಿರ್ವಹಿಸಿ, ಮೆಟ್ರೋ ನಗರಗಳಿಗೆ ಮರುದಿನ "
                   "ಡೆಲಿವರಿ ನೀಡಬಲ್ಲಿರಾ? ದರ ಮತ್ತು SLA ಕಳುಹಿಸಿ.",
                   "ನಮ್ಮ ಈಗಿನ ಕೊರಿಯರ್ ಉತ್ತರ ಕರ್ನಾಟಕದಲ್ಲಿ ನಂಬಿಕೆಗೆ ಅರ್ಹವಾಗಿಲ್ಲ. ಹುಬ್ಬಳ್ಳಿ, "
                   "ಬೆಳಗಾವಿ ಮತ್ತು ಕಲಬುರಗಿ ಪಿನ್ ಕೋಡ್ ಪ್ರದೇಶಗಳಿಗೆ ಸೇವೆ ಇದೆಯೇ? ದಿನಕ್ಕೆ ಸುಮಾರು "
                   "{count} ಡೆಲಿವರಿ ಬೇಕಾಗುತ್ತದೆ."},
            .hinglish = {"Hum {org} hain, {city} se. Roz approx {count} orders poore India mein "
                         "bhejte hain, 40% COD. 0.5 kg slab ka rate card aur COD remittance "
                         "cycle share kijiye.",
                         "Festive season ke liye courier partner dhoondh rahe hain. {city} se "
                         "daily {count} shipments handle kar paoge, metros mein next-day "
                         "delivery ke saath? Quote aur SLA bhejiye.",
                         "Current courier North Karnataka mein reliable nahi hai. Hubballi, "
                         "Belagavi, Kalaburagi pincodes serve karte ho? Roz approx {count} "
                         "deliveries chahiye."}},
       .replies =
           {.en = {"Thank you for considering Sahayak Express. I have shared your requirement "
                   "with our enterprise sales team; they will send a rate card for {count} "
                   "shipments a day from {city} and call you to understand your lanes.",
                   "We do serve all those pincodes with our own riders. Could you share a sample "
                   "of last month's shipments (pincode and weight) so we can price the lanes "
                   "accurately?"},
            .hi = {"सहायक एक्सप्रेस पर विचार करने के लिए धन्यवाद। आपकी ज़रूरत हमारी एंटरप्राइज़ "
                   "सेल्स टीम को भेज दी गई है; वे {city} से रोज़ {count} शिपमेंट के लिए रेट कार्ड "
                   "भेजेंगे और रूट समझने के लिए आपको फ़ोन करेंगे।",
                   "हाँ, इन सभी पिनकोड पर हमारे अपने राइडर सेवा देते हैं। कृपया पिछले महीने के "
                   "शिपमेंट का नमूना (पिनकोड और वज़न) भेजें ताकि हम सही दरें दे सकें।"},
            .kn = {"ಸಹಾಯಕ ಎಕ್ಸ್ಪ್ರೆಸ್ ಅನ್ನು ಪರಿಗಣಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ನಿಮ್ಮ ಅಗತ್ಯವನ್ನು "
                   "ನಮ್ಮ ಎಂಟರ್ಪ್ರೈಸ್ ಮಾರಾಟ ತಂಡಕ್ಕೆ ತಿಳಿಸಿದ್ದೇವೆ; ಅವರು {city} ನಗರದಿಂದ ದಿನಕ್ಕೆ "
                   "{count} ಶಿಪ್ಮೆಂಟ್ ಲೆಕ್ಕದಲ್ಲಿ ದರಪಟ್ಟಿ ಕಳುಹಿಸಿ ನಿಮಗೆ ಕರೆ ಮಾಡುತ್ತಾರೆ.",
                   "ಹೌದು, ಆ ಎಲ್ಲ ಪಿನ್ ಕೋಡ್ ಪ್ರದೇಶಗಳಲ್ಲಿ ನಮ್ಮದೇ ಸಿಬ್ಬಂದಿ ಡೆಲಿವರಿ ಮಾಡುತ್ತಾರೆ. "
                   "ಸರಿಯಾದ ದರ ನೀಡಲು ಕಳೆದ ತಿಂಗಳ ಶಿಪ್ಮೆಂಟ್ ವಿವರಗಳ ಮಾದರಿ (ಪಿನ್ ಕೋಡ್ ಮತ್ತು "
                   "ತೂಕ) ಕಳುಹಿಸಿ."},
            .hinglish = {"Sahayak Express consider karne ke liye thanks. Aapki requirement "
                         "enterprise sales team ko bhej di hai, woh {city} se daily {count} "
                         "shipments ka rate card bhejenge aur lanes samajhne ke liye call "
                         "karenge.",
                         "Haan, un sab pincodes pe hamare apne riders hain. Last month ke "
                         "shipments ka sample (pincode aur weight) bhej dijiye taaki sahi "
                         "pricing de sakein."}},
       .resolutions =
           {.en = {"Please find attached our proposal for {org}: slab-wise rates, a weekly COD "
                   "remittance cycle and a 98% on-time SLA. The rates are valid until {date}.",
                   "Welcome aboard! The business account for {org} is live. Your portal login "
                   "and API keys have been emailed, and your first pickup is scheduled for "
                   "{date}."},
            .hi = {"{org} के लिए हमारा प्रस्ताव संलग्न है: स्लैब के हिसाब से दरें, साप्ताहिक COD "
                   "रेमिटेंस और 98% समय पर डिलीवरी का SLA। दरें {date} तक मान्य हैं।",
                   "स्वागत है! {org} का बिज़नेस खाता चालू हो गया है। पोर्टल लॉगिन और API कुंजियाँ "
                   "ईमेल कर दी गई हैं, और पहला पिकअप {date} को तय है।"},
            .kn = {"{org} ಗಾಗಿ ನಮ್ಮ ಪ್ರಸ್ತಾವನೆ ಲಗತ್ತಿಸಲಾಗಿದೆ: ಸ್ಲ್ಯಾಬ್ ಪ್ರಕಾರ ದರಗಳು, ವಾರಕ್ಕೊಮ್ಮೆ "
                   "COD ಹಣ ವರ್ಗಾವಣೆ ಮತ್ತು 98% ಸಮಯಪಾಲನೆ SLA. ದರಗಳು {date} ವರೆಗೆ ಮಾನ್ಯ.",
                   "ಸುಸ್ವಾಗತ! {org} ವ್ಯವಹಾರ ಖಾತೆ ಸಕ್ರಿಯವಾಗಿದೆ. ಪೋರ್ಟಲ್ ಲಾಗಿನ್ ಮತ್ತು API "
                   "ಕೀಗಳನ್ನು ಇಮೇಲ್ ಮಾಡಲಾಗಿದೆ; ಮೊದಲ ಪಿಕಪ್ {date} ರಂದು ನಿಗದಿಯಾಗಿದೆ."},
            .hinglish = {"{org} ke liye proposal attach hai: slab-wise rates, weekly COD "
                         "remittance aur 98% on-time SLA. Rates {date} tak valid hain.",
                         "Welcome aboard! {org} ka business account live ho gaya hai. Portal "
                         "login aur API keys mail kar diye hain, pehla pickup {date} ko "
                         "scheduled hai."}},
       .notes = {"Lead: {org}, {count}/day, 40% COD. Passed to enterprise sales, potential "
                 "premium tier.",
                 "Lanes mostly Karnataka + Maharashtra. Pricing slab 2 se start kar sakte hain.",
                 "Prospect asked for 2-day COD remittance. Needs finance sign-off."},
       .flow = {{{0, 0, 0}, {1, 0, 0}, {2, 1, -1}}}},
  };
  return kSpecs;
}

// ---------------------------------------------------------------------------------------------
// Text shared by all scenarios.

struct SharedTexts {
  Texts greet;          // customer, e-mail style
  Texts signoff;        // customer, e-mail style
  Texts signoff_b2b;    // customer writing for an organisation
  Texts short_signoff;  // customer follow-ups by e-mail
  Texts urgency;        // sometimes appended to an opening message
  Texts follow;         // customer's answer to an agent's reply; the first two fit live chat
  Texts chase;          // customer chasing when nobody has answered
  Texts thanks;         // customer after the resolution
  Texts agent_greet;    // e-mail style
  Texts agent_chat_greet;
  Texts agent_followup;  // an agent's second public reply while the case is still open
  Texts agent_closing;
  Texts agent_signoff;
  std::vector<const char*> notes;        // internal notes that fit any scenario
  std::vector<const char*> auto_closed;  // system events on closed tickets
};

const SharedTexts& Shared() {
  static const SharedTexts kShared = {
      .greet = {.en = {"Hello,", "Hi team,", "Dear Sir/Madam,", "Hi,"},
                .hi = {"नमस्ते,", "नमस्कार,", "प्रिय सहायता टीम,"},
                .kn = {"ನಮಸ್ಕಾರ,", "ನಮಸ್ತೆ,", "ಆತ್ಮೀಯ ಗ್ರಾಹಕ ಸೇವಾ ತಂಡಕ್ಕೆ,"},
                .hinglish = {"Hi,", "Hello sir,", "Namaste,"}},
      .signoff = {.en = {"Thanks,\n{name}", "Regards,\n{name}", "{name}"},
                  .hi = {"धन्यवाद,\n{name}", "{name}"},
                  .kn = {"ಧನ್ಯವಾದಗಳು,\n{name}", "{name}"},
                  .hinglish = {"Thanks,\n{name}", "{name}"}},
      .signoff_b2b = {.en = {"Regards,\n{name}\n{org}", "Thanks and regards,\n{name}\n{org}"},
                      .hi = {"धन्यवाद,\n{name}\n{org}"},
                      .kn = {"ವಂದನೆಗಳೊಂದಿಗೆ,\n{name}\n{org}"},
                      .hinglish = {"Thanks,\n{name}\n{org}"}},
      .short_signoff = {.en = {"{name}", "Thanks,\n{name}"},
                        .hi = {"{name}"},
                        .kn = {"{name}"},
                        .hinglish = {"{name}"}},
      .urgency = {.en = {"This is urgent, please respond today.",
                         "I have already called customer care twice.",
                         "Please treat this as a priority."},
                  .hi = {"यह ज़रूरी है, कृपया आज ही जवाब दें।",
                         "कस्टमर केयर को पहले ही दो बार फ़ोन किया जा चुका है।", "कृपया इसे प्राथमिकता दें।"},
                  .kn = {"ಇದು ತುರ್ತು, ದಯವಿಟ್ಟು ಇಂದೇ ಉತ್ತರಿಸಿ.", "ಈಗಾಗಲೇ ಎರಡು ಬಾರಿ ಗ್ರಾಹಕ ಸೇವೆಗೆ ಕರೆ ಮಾಡಿದ್ದೇನೆ.",
                         "ದಯವಿಟ್ಟು ಇದನ್ನು ಆದ್ಯತೆಯಾಗಿ ಪರಿಗಣಿಸಿ."},
                  .hinglish = {"Urgent hai, aaj hi reply karo please.",
                               "Customer care ko do baar call kar liya, koi solution nahi mila.",
                               "Please isko priority pe lo."}},
      .follow = {.en = {"Thanks for the quick reply. Please keep me posted.",
                        "I have shared the details you asked for. Please do the needful at the "
                        "earliest.",
                        "It has been {days} days and there is still no update. Please check "
                        "again.",
                        "Okay, I will wait till {date}. After that I will have to escalate "
                        "this."},
                 .hi = {"जल्दी जवाब के लिए धन्यवाद। कृपया अपडेट देते रहिए।",
                        "आपने जो जानकारी माँगी थी, वह भेज दी है। कृपया जल्द से जल्द कार्रवाई "
                        "करें।",
                        "{days} दिन हो गए, अब तक कोई अपडेट नहीं है। कृपया फिर से देखिए।",
                        "ठीक है, {date} तक इंतज़ार कर लेते हैं। उसके बाद शिकायत आगे बढ़ानी "
                        "पड़ेगी।"},
                 .kn = {"ಬೇಗ ಉತ್ತರಿಸಿದ್ದಕ್ಕೆ ಧನ್ಯವಾದಗಳು. ದಯವಿಟ್ಟು ಮಾಹಿತಿ ನೀಡುತ್ತಿರಿ.",
                        "ನೀವು ಕೇಳಿದ ವಿವರಗಳನ್ನು ಕಳುಹಿಸಿದ್ದೇನೆ. ಆದಷ್ಟು ಬೇಗ ಕ್ರಮ ತೆಗೆದುಕೊಳ್ಳಿ.",
                        "{days} ದಿನಗಳಾದರೂ ಯಾವುದೇ ಅಪ್ಡೇಟ್ ಇಲ್ಲ. ದಯವಿಟ್ಟು ಮತ್ತೊಮ್ಮೆ ಪರಿಶೀಲಿಸಿ.",
                        "ಸರಿ, {date} ವರೆಗೆ ಕಾಯುತ್ತೇನೆ. ಅದರ ನಂತರ ದೂರು ದಾಖಲಿಸಬೇಕಾಗುತ್ತದೆ."},
                 .hinglish = {"Thanks for quick reply. Update dete rehna please.",
                              "Jo details maangi thi woh bhej di hain. Jaldi se jaldi kar "
                              "dijiye please.",
                              "{days} din ho gaye, abhi tak koi update nahi hai. Please dobara "
                              "check karo.",
                              "Theek hai, {date} tak wait kar lete hain, uske baad complaint "
                              "escalate karni padegi."}},
      .chase = {.en = {"Any update on this? Nobody has replied yet.",
                       "Sending a reminder as I have not heard back. Please respond."},
                .hi = {"इस पर कोई अपडेट? अभी तक किसी ने जवाब नहीं दिया।",
                       "दोबारा याद दिला रहे हैं, कृपया जवाब दें।"},
                .kn = {"ಇದರ ಬಗ್ಗೆ ಏನಾದರೂ ಅಪ್ಡೇಟ್ ಇದೆಯಾ? ಇನ್ನೂ ಯಾರೂ ಉತ್ತರಿಸಿಲ್ಲ.",
                       "ಉತ್ತರ ಬಾರದ ಕಾರಣ ಮತ್ತೆ ಬರೆಯುತ್ತಿದ್ದೇನೆ. ದಯವಿಟ್ಟು ಪ್ರತಿಕ್ರಿಯಿಸಿ."},
                .hinglish = {"Koi update? Abhi tak kisi ne reply nahi kiya.",
                             "Reminder bhej rahe hain, please reply karo."}},
      .thanks = {.en = {"Received it, thank you so much for the help!",
                        "Thanks, that works for me.", "Great, thanks {agent}."},
                 .hi = {"मिल गया, मदद के लिए बहुत-बहुत धन्यवाद!", "धन्यवाद, यह ठीक है।",
                        "बहुत बढ़िया, धन्यवाद {agent} जी।"},
                 .kn = {"ಸಿಕ್ಕಿತು, ಸಹಾಯಕ್ಕೆ ತುಂಬಾ ಧನ್ಯವಾದಗಳು!", "ಧನ್ಯವಾದಗಳು, ಇದು ಸರಿಯಾಗಿದೆ.",
                        "ತುಂಬಾ ಒಳ್ಳೆಯದು, ಧನ್ಯವಾದಗಳು {agent} ಅವರೇ."},
                 .hinglish = {"Mil gaya, thank you so much!", "Thanks, ye theek hai.",
                              "Badhiya, thanks {agent} ji."}},
      .agent_greet = {.en = {"Hi {first},", "Dear {first},", "Hello {first},"},
                      .hi = {"नमस्ते {first} जी,", "प्रिय {first} जी,"},
                      .kn = {"ನಮಸ್ಕಾರ {first} ಅವರೇ,", "ಪ್ರಿಯ {first} ಅವರೇ,"},
                      .hinglish = {"Hi {first} ji,", "Hello {first},"}},
      .agent_chat_greet = {.en = {"Hi {first}!", "Thanks for waiting, {first}."},
                           .hi = {"नमस्ते {first} जी!"},
                           .kn = {"ನಮಸ್ಕಾರ {first} ಅವರೇ!"},
                           .hinglish = {"Hi {first} ji!", "Hello {first}!"}},
      .agent_followup = {.en = {"Thanks for the details. I have passed them on to the team "
                                "and will update you as soon as I hear back.",
                                "Thank you. I have added this to your case; we are waiting for "
                                "the hub's confirmation and will write again within a day."},
                         .hi = {"जानकारी के लिए धन्यवाद। हमने इसे टीम तक पहुँचा दिया है, जवाब "
                                "मिलते ही आपको बताएँगे।"},
                         .kn = {"ವಿವರಗಳಿಗೆ ಧನ್ಯವಾದಗಳು. ತಂಡಕ್ಕೆ ತಲುಪಿಸಿದ್ದೇವೆ; ಉತ್ತರ ಬಂದ ತಕ್ಷಣ "
                                "ನಿಮಗೆ ತಿಳಿಸುತ್ತೇವೆ."},
                         .hinglish = {"Details ke liye thanks. Team ko forward kar diya hai, "
                                      "jaise hi update aata hai batate hain."}},
      .agent_closing = {.en = {"Let us know if there is anything else we can help with.",
                               "Thank you for your patience."},
                        .hi = {"और कोई सहायता चाहिए तो बताइए।", "धैर्य रखने के लिए धन्यवाद।"},
                        .kn = {"ಇನ್ನೇನಾದರೂ ಸಹಾಯ ಬೇಕಿದ್ದರೆ ತಿಳಿಸಿ.", "ನಿಮ್ಮ ತಾಳ್ಮೆಗೆ ಧನ್ಯವಾದಗಳು."},
                        .hinglish = {"Aur koi help chahiye to batayiye.",
                                     "Patience rakhne ke liye thank you."}},
      .agent_signoff = {.en = {"Regards,\n{agent}\nSahayak Express Support",
                               "Warm regards,\n{agent}\nCustomer Care, Sahayak Express"},
                        .hi = {"धन्यवाद,\n{agent}\nसहायक एक्सप्रेस ग्राहक सेवा"},
                        .kn = {"ವಂದನೆಗಳೊಂದಿಗೆ,\n{agent}\nಸಹಾಯಕ ಎಕ್ಸ್ಪ್ರೆಸ್ ಗ್ರಾಹಕ ಸೇವೆ"},
                        .hinglish = {"Thanks,\n{agent}\nSahayak Express Support"}},
      .notes = {"Called the customer, no answer. Will try again after 5 pm.",
                "Customer se phone pe baat hui, details confirm ho gayi.",
                "Escalated to the team lead as per SOP.",
                "Repeat contact: the customer has raised this earlier as well.",
                "Customer bahut upset hai, politely handle karna."},
      .auto_closed = {"Ticket closed automatically 4 days after it was solved.",
                      "Ticket closed by automation: no reply from the customer after the "
                      "resolution."},
  };
  return kShared;
}

const std::vector<const char*>& In(const Texts& t, int variety) {
  switch (variety) {
    case kHi:
      return t.hi;
    case kKn:
      return t.kn;
    case kHinglish:
      return t.hinglish;
    default:
      return t.en;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The generator.

namespace {

constexpr int kContactCount = 2000;
constexpr int64_t kMinutesPerDay = int64_t{24} * 60;
constexpr int64_t kSpanMinutes = 730 * kMinutesPerDay;  // two years
// A ticket at position p in [0, 1) is (1 - p)^1.5 of the span old: more tickets lately, as a
// growing business has. Computed with sqrt, which IEEE 754 rounds exactly (pow may differ
// between C libraries), so ages are the same on every platform.

enum Style { kEmailStyle, kChatStyle, kSocialStyle };
constexpr const char* kChannels[] = {"email", "chat", "phone", "social", "web", "portal"};
enum ChannelIndex { kEmail, kChat, kPhone, kSocial, kWeb, kPortal };
constexpr const char* kStatuses[] = {"new", "open", "pending", "on_hold", "solved", "closed"};
enum StatusIndex { kNew, kOpen, kPending, kOnHold, kSolved, kClosed };
// Status shares (in kStatuses order) by the ticket's age.
constexpr std::array<int, 6> kStatusWeightsFirstDay = {30, 35, 15, 3, 17, 0};
constexpr std::array<int, 6> kStatusWeightsFirstWeek = {4, 18, 20, 7, 46, 5};
constexpr std::array<int, 6> kStatusWeightsFirstMonth = {0, 4, 5, 4, 40, 47};
constexpr std::array<int, 6> kStatusWeightsOlder = {0, 1, 1, 1, 7, 90};
// Priority shares (kPriorities order); some scenarios run hotter.
constexpr std::array<int, 4> kPriorityWeights = {12, 66, 18, 4};
constexpr std::array<int, 4> kPriorityWeightsUrgent = {5, 55, 30, 10};
// Channel shares (kChannels order); businesses mostly e-mail and use the portal.
constexpr std::array<int, 6> kChannelWeights = {30, 25, 14, 9, 12, 10};
constexpr std::array<int, 6> kChannelWeightsB2b = {50, 5, 15, 0, 5, 25};
constexpr const char* kPriorities[] = {"low", "normal", "high", "urgent"};

std::string AsciiLowerAlnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    out += p;
  }
  return out;
}

// A GSTIN: state code, PAN-shaped ten characters, entity number, 'Z', check character.
std::string MakeGstin(Rng& rng, const char* state, const char* org_name, bool firm) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string g = state;
  for (int i = 0; i < 3; ++i) {
    g += static_cast<char>('A' + rng.Below(26));
  }
  g += firm ? 'F' : 'C';
  g += org_name[0];
  for (int i = 0; i < 4; ++i) {
    g += static_cast<char>('0' + rng.Below(10));
  }
  g += static_cast<char>('A' + rng.Below(26));
  g += '1';
  g += 'Z';
  int sum = 0;
  for (int i = 0; i < 14; ++i) {
    int value = static_cast<int>(std::string_view(kAlphabet).find(g[i]));
    int product = value * (i % 2 == 0 ? 1 : 2);
    sum += product / 36 + product % 36;
  }
  g += kAlphabet[(36 - sum % 36) % 36];
  return g;
}

struct CompiledScenario {
  const ScenarioSpec* spec = nullptr;
  std::array<Pool, kVarietyCount> subjects, openings, replies, resolutions;
  Pool notes;
  std::vector<int> items;  // kItems indices this scenario may mention
};

std::array<Pool, kVarietyCount> CompileTexts(const Texts& t) {
  std::array<Pool, kVarietyCount> out;
  for (int v = 0; v < kVarietyCount; ++v) {
    out[v] = CompileAll(In(t, v));
    if (out[v].empty()) {
      Die("empty text pool", kVarietyNames[v]);
    }
  }
  return out;
}

// Templates only use the slots that are filled where they are used.
void Check(const std::array<Pool, kVarietyCount>& pools, uint32_t forbidden, const char* what) {
  for (const Pool& pool : pools) {
    for (const Template& t : pool) {
      if ((t.slots & forbidden) != 0) {
        Die("placeholder not allowed here", what);
      }
    }
  }
}

// Everything precomputed for one Corpus; immutable once built.
struct World {
  std::vector<DemoGroup> groups;
  std::vector<DemoAgent> agents;
  std::vector<unsigned> agent_speaks;
  std::vector<std::string> agent_first;
  // candidates[group][variety]: agents of the group who write that variety; [group][4]: all.
  std::array<std::array<std::vector<int>, kVarietyCount + 1>, 5> candidates;

  std::vector<DemoOrganisation> organisations;
  std::vector<bool> organisation_vip;

  std::vector<DemoContact> contacts;
  std::vector<std::string> contact_first;
  std::vector<int> contact_city;
  std::vector<int> contact_hinglish;  // percent of an English speaker's tickets in Hinglish
  std::vector<int> individuals;       // contacts without an organisation
  std::vector<int> members;           // contacts with one

  std::vector<CompiledScenario> scenarios;
  std::vector<int> scenario_weights;
  int scenario_total = 0;

  std::array<Pool, kVarietyCount> greet, signoff, signoff_b2b, short_signoff, urgency, follow,
      chase, thanks, agent_greet, agent_chat_greet, agent_followup, agent_closing, agent_signoff;
  Pool notes, auto_closed;
};

void BuildStaff(World* t) {
  t->groups = GroupList();
  const std::vector<AgentSpec>& specs = AgentSpecs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const AgentSpec& s = specs[i];
    DemoAgent a;
    a.name = s.name;
    a.email = s.email;
    a.role = i == 0 ? "admin" : "agent";
    a.language = s.language;
    a.time_zone = "Asia/Kolkata";
    a.groups = s.groups;
    t->agents.push_back(a);
    t->agent_speaks.push_back(s.speaks);
    t->agent_first.push_back(a.name.substr(0, a.name.find(' ')));
    if (i == 0) {
      continue;  // the admin is never assigned demo tickets
    }
    for (int g : s.groups) {
      t->candidates[g][kVarietyCount].push_back(static_cast<int>(i));
      const unsigned bits[kVarietyCount] = {kSpeaksEn, kSpeaksHi, kSpeaksKn, kSpeaksHinglish};
      for (int v = 0; v < kVarietyCount; ++v) {
        if ((s.speaks & bits[v]) != 0) {
          t->candidates[g][v].push_back(static_cast<int>(i));
        }
      }
    }
  }
}

void BuildOrganisations(World* t) {
  Rng rng(Mix(0x0E6A715A7105ull));  // fixed: organisations do not depend on the seed
  for (const OrgSpec& s : kOrgs) {
    DemoOrganisation o;
    o.name = s.name;
    o.domains.push_back(std::string(s.slug) + ".example");
    if (s.second_slug != nullptr) {
      o.domains.push_back(std::string(s.second_slug) + ".example");
    }
    o.tier = s.tier;
    o.city = kCities[s.city].name.en;
    bool firm = std::string_view(s.name).find("LLP") != std::string_view::npos;
    o.gstin = MakeGstin(rng, kCities[s.city].gst_state, s.name, firm);
    t->organisation_vip.push_back(o.tier == "premium" || o.tier == "enterprise");
    t->organisations.push_back(std::move(o));
  }
}

void BuildContacts(uint64_t seed, World* t) {
  Rng rng(Mix(seed ^ 0xC0A7AC75C0A7AC75ull));
  const std::vector<Region>& regions = Regions();
  std::vector<int> region_weights;
  int region_total = 0;
  for (const Region& r : regions) {
    region_weights.push_back(r.weight);
    region_total += r.weight;
  }
  std::vector<int> org_weights;
  int org_total = 0;
  for (const DemoOrganisation& o : t->organisations) {
    int w = o.tier == "enterprise" ? 6 : o.tier == "premium" ? 4 : o.tier == "standard" ? 2 : 1;
    org_weights.push_back(w);
    org_total += w;
  }
  std::unordered_set<std::string> emails, phones, handles;
  for (int i = 0; i < kContactCount; ++i) {
    const Region& region = regions[PickWeighted(rng, region_weights, region_total)];
    const Name& first = rng.Pick(region.first);
    const Name& last = rng.Pick(region.last);
    DemoContact c;
    int city = rng.Pick(region.cities);
    c.language = rng.Percent(region.native_percent) ? kVarietyNames[region.native_language]
                                                    : std::string_view("en");
    bool native_script =
        c.language != "en" && first.native != nullptr && last.native != nullptr && rng.Percent(15);
    if (native_script) {
      c.name = std::string(first.native) + " " + last.native;
      t->contact_first.push_back(first.native);
    } else {
      c.name = std::string(first.latin) + " " + last.latin;
      t->contact_first.push_back(first.latin);
    }
    if (rng.Percent(25)) {
      c.organisation = PickWeighted(rng, org_weights, org_total);
      city = kOrgs[c.organisation].city;
    }
    c.city = kCities[city].name.en;
    c.time_zone = "Asia/Kolkata";
    if (c.organisation < 0 && rng.Percent(3)) {
      c.time_zone = kAbroadZones[rng.Below(std::size(kAbroadZones))];
    }

    std::string f = AsciiLowerAlnum(first.latin);
    std::string l = AsciiLowerAlnum(last.latin);
    std::string local;
    switch (c.organisation >= 0 ? rng.Below(2) * 3 : rng.Below(5)) {
      case 0:
        local = Concat({f, ".", l});
        break;
      case 1:
        local = Concat({f, l});
        break;
      case 2:
        local = Concat({f, ".", l, std::to_string(10 + rng.Below(90))});
        break;
      case 3:
        local = Concat({f.substr(0, 1), l});
        break;
      default:
        local = Concat({f, std::to_string(1970 + rng.Below(36))});
        break;
    }
    std::string_view domain = kFreeMailDomains[rng.Below(std::size(kFreeMailDomains))];
    if (c.organisation >= 0) {
      domain = rng.Pick(t->organisations[c.organisation].domains);
    }
    c.email = Concat({local, "@", domain});
    for (int n = 2; !emails.insert(c.email).second; ++n) {
      c.email = Concat({local, std::to_string(n), "@", domain});
    }

    do {
      char buf[16] = "+91";
      buf[3] = static_cast<char>('6' + rng.Below(4));
      WriteRandomDigits(buf + 4, rng, 9);
      c.phone.assign(buf, 13);
    } while (!phones.insert(c.phone).second);

    if (rng.Percent(45)) {
      std::string handle = Concat({"@", f, rng.Percent(50) ? Concat({"_", l}) : std::string(),
                                   std::to_string(rng.Below(100))});
      if (handles.insert(handle).second) {
        c.social = handle;
      }
    }

    t->contact_city.push_back(city);
    t->contact_hinglish.push_back(region.hinglish_percent);
    (c.organisation >= 0 ? t->members : t->individuals).push_back(i);
    t->contacts.push_back(std::move(c));
  }
}

void BuildTexts(World* t) {
  const uint32_t kB2bOnly = (1u << kOrg) | (1u << kGstin);
  for (const ScenarioSpec& spec : ScenarioSpecs()) {
    CompiledScenario cs;
    cs.spec = &spec;
    cs.subjects = CompileTexts(spec.subjects);
    cs.openings = CompileTexts(spec.openings);
    cs.replies = CompileTexts(spec.replies);
    cs.resolutions = CompileTexts(spec.resolutions);
    cs.notes = CompileAll(spec.notes);
    uint32_t forbidden = spec.b2b ? 0 : kB2bOnly;
    Check(cs.subjects, forbidden | (1u << kAgent), spec.key);
    Check(cs.openings, forbidden | (1u << kAgent), spec.key);
    Check(cs.replies, forbidden, spec.key);
    Check(cs.resolutions, forbidden, spec.key);
    Check({cs.notes}, forbidden, spec.key);
    for (int v = 0; v < kVarietyCount; ++v) {
      if (cs.openings[v].size() != 3) {
        Die("scenarios have three openings per variety", spec.key);
      }
      for (const std::array<int, 3>& f : spec.flow) {
        if (f[0] >= static_cast<int>(cs.subjects[v].size()) ||
            f[1] >= static_cast<int>(cs.replies[v].size()) ||
            f[2] >= static_cast<int>(cs.resolutions[v].size())) {
          Die("flow index out of range", spec.key);
        }
      }
    }
    for (int i = 0; i < kItemCount; ++i) {
      if (spec.items == kAnyItem || (spec.items == kRepairableItems && kItems[i].repairable) ||
          (spec.items == kHardItems && kItems[i].hard)) {
        cs.items.push_back(i);
      }
    }
    t->scenario_weights.push_back(spec.weight);
    t->scenario_total += spec.weight;
    t->scenarios.push_back(std::move(cs));
  }
  const SharedTexts& s = Shared();
  t->greet = CompileTexts(s.greet);
  t->signoff = CompileTexts(s.signoff);
  t->signoff_b2b = CompileTexts(s.signoff_b2b);
  t->short_signoff = CompileTexts(s.short_signoff);
  t->urgency = CompileTexts(s.urgency);
  t->follow = CompileTexts(s.follow);
  t->chase = CompileTexts(s.chase);
  t->thanks = CompileTexts(s.thanks);
  t->agent_greet = CompileTexts(s.agent_greet);
  t->agent_chat_greet = CompileTexts(s.agent_chat_greet);
  t->agent_followup = CompileTexts(s.agent_followup);
  t->agent_closing = CompileTexts(s.agent_closing);
  t->agent_signoff = CompileTexts(s.agent_signoff);
  t->notes = CompileAll(s.notes);
  t->auto_closed = CompileAll(s.auto_closed);
  const uint32_t kCustomerForbidden = kB2bOnly | (1u << kAgent);
  for (const auto* pools :
       {&t->greet, &t->signoff, &t->short_signoff, &t->urgency, &t->follow, &t->chase}) {
    Check(*pools, kCustomerForbidden, "shared customer text");
  }
  Check({t->notes}, kB2bOnly, "shared notes");
}

// The moves of one conversation, in order. Customers open, chase, follow up and thank; agents
// note, reply and resolve; the system closes.
enum Move { kOpening, kChase, kNote, kReply, kFollow, kResolve, kThanks, kAutoClose };
constexpr int kMaxMessages = 6;

// Fills plan[0..n) with moves that fit `status` and times[0..n) with minutes after creation,
// all within `age`; returns n (1..kMaxMessages).
int PlanConversation(Rng& rng, int status, bool assigned, int channel, int64_t age, Move* plan,
                     int64_t* times) {
  int n = 0;
  plan[n++] = kOpening;
  switch (status) {
    case kNew:
      if (rng.Percent(25)) {
        plan[n++] = kChase;
      }
      break;
    case kOpen:
      if (assigned && rng.Percent(35)) {
        plan[n++] = kNote;
      }
      if (assigned && rng.Percent(80)) {
        plan[n++] = kReply;
        if (rng.Percent(75)) {
          plan[n++] = kFollow;
        }
      } else if (rng.Percent(40)) {
        plan[n++] = kChase;
      }
      break;
    case kPending:
      if (rng.Percent(30)) {
        plan[n++] = kNote;
      }
      plan[n++] = kReply;
      if (rng.Percent(15)) {
        plan[n++] = kFollow;
        plan[n++] = kReply;
      }
      break;
    case kOnHold:
      plan[n++] = kReply;
      plan[n++] = kNote;
      break;
    default:  // solved, closed
      if (rng.Percent(25)) {
        plan[n++] = kNote;
      }
      if (rng.Percent(35)) {
        plan[n++] = kReply;
        if (rng.Percent(75)) {
          plan[n++] = kFollow;
        }
      }
      plan[n++] = kResolve;
      if (rng.Percent(15)) {
        plan[n++] = kThanks;
      }
      if (status == kClosed && n < 6 && rng.Percent(25)) {
        plan[n++] = kAutoClose;
      }
      break;
  }

  int64_t now = 0;
  const bool live = channel == kChat;
  bool replied = false;
  times[0] = 0;
  for (int i = 1; i < n; ++i) {
    switch (plan[i]) {
      case kChase:
        now += live ? rng.Range(2, 10) : rng.Range(120, 2880);
        break;
      case kNote:
        now += live ? rng.Range(1, 5) : rng.Range(5, 240);
        break;
      case kReply:
        if (!replied) {
          now += live                 ? rng.Range(0, 4)
                 : channel == kPhone  ? rng.Range(0, 2)
                 : channel == kSocial ? rng.Range(15, 240)
                                      : rng.Range(20, 720);
        } else {
          now += live ? rng.Range(1, 5) : rng.Range(30, 1440);
        }
        replied = true;
        break;
      case kFollow:
        now += live ? rng.Range(1, 6) : rng.Range(30, 1440);
        break;
      case kResolve:
        now += live ? rng.Range(2, 20) : rng.Range(60, 4320);
        break;
      case kThanks:
        now += live ? rng.Range(0, 2) : rng.Range(5, 600);
        break;
      default:
        now += 4 * kMinutesPerDay;
        break;
    }
    times[i] = now;
  }
  // Nothing may lie in the future: squeeze the thread into the ticket's age.
  if (now > age - 1) {
    for (int i = 1; i < n; ++i) {
      times[i] = times[i] * (age - 1) / now;
    }
  }
  return n;
}

// Per-ticket values behind the placeholders. The string_views point into this object or at
// static text, so it is neither copied nor moved.
struct TicketVars {
  TicketVars() = default;
  TicketVars(const TicketVars&) = delete;
  TicketVars& operator=(const TicketVars&) = delete;

  // Points the localised slots (city, date, item ...) at `variety`'s wording.
  void Localise(int variety) {
    vars.value[kCity] = kCities[city].name.In(variety);
    vars.value[kOrigin] = kCities[origin].name.In(variety);
    vars.value[kItem] = kItems[item].name.In(variety);
    int d = variety == kHi ? 1 : variety == kKn ? 2 : 0;
    vars.value[kDate] = std::string_view(date[d], date_len[d]);
    vars.value[kWindow] =
        variety == kHinglish ? kHinglishWindows[window] : kWindows[window].In(variety);
    vars.value[kCountry] =
        variety == kHinglish ? kHinglishCountries[country] : kCountries[country].In(variety);
  }

  // Draws every placeholder value for one ticket. `items` are the products the scenario may
  // name; `home` is the customer's city.
  void Fill(Rng& rng, const ScenarioSpec& spec, const std::vector<int>& items, int home) {
    city = home;
    {
      char* p = awb;
      *p++ = 'S';
      *p++ = 'H';
      *p++ = 'Y';
      p = WriteRandomDigits(p, rng, 9);
      *p++ = 'I';
      *p++ = 'N';
      vars.value[kAwb] = std::string_view(awb, p - awb);
    }
    {
      char* p = order;
      *p++ = 'O';
      *p++ = 'D';
      p = WriteRandomDigits(p, rng, 10);
      vars.value[kOrder] = std::string_view(order, p - order);
    }
    {
      if (spec.amount_max > 0) {
        rupees = rng.Range(spec.amount_min, spec.amount_max);
        if (!spec.b2b) {
          rupees = std::max<int64_t>(spec.amount_min, rupees - rupees % 50 + 49);
        }
      } else {
        rupees = rng.Range(299, 4999);
      }
      char* p = WriteRupees(amount, rupees);
      vars.value[kAmount] = std::string_view(amount, p - amount);
    }
    {
      static constexpr const char* kYears[] = {"23-24", "24-25", "25-26"};
      char* p = invoice;
      for (const char* s = "SXP/"; *s != '\0'; ++s) {
        *p++ = *s;
      }
      for (const char* s = kYears[rng.Below(3)]; *s != '\0'; ++s) {
        *p++ = *s;
      }
      *p++ = '/';
      p = WriteRandomDigits(p, rng, 5);
      vars.value[kInvoice] = std::string_view(invoice, p - invoice);
    }
    {
      char* p = pincode;
      for (const char* s = kCities[city].pin_prefix; *s != '\0'; ++s) {
        *p++ = *s;
      }
      int tail = 1 + static_cast<int>(rng.Below(99));
      *p++ = '0';
      *p++ = static_cast<char>('0' + tail / 10);
      *p++ = static_cast<char>('0' + tail % 10);
      vars.value[kPincode] = std::string_view(pincode, p - pincode);
    }
    {
      char* p = WriteDigits(days, 2 + rng.Below(8));
      vars.value[kDays] = std::string_view(days, p - days);
    }
    {
      char* p = WriteDigits(count, 5 + rng.Below(146));
      vars.value[kCount] = std::string_view(count, p - count);
    }
    {
      char* p = ref;
      *p++ = static_cast<char>('1' + rng.Below(9));
      p = WriteRandomDigits(p, rng, 11);
      vars.value[kRef] = std::string_view(ref, p - ref);
    }
    {
      char* p = WriteDigits(weight, 2 + rng.Below(399));
      *p++ = ' ';
      *p++ = 'k';
      *p++ = 'g';
      vars.value[kWeight] = std::string_view(weight, p - weight);
    }
    {
      int day = 1 + static_cast<int>(rng.Below(28));
      int month = static_cast<int>(rng.Below(12));
      for (int d = 0; d < 3; ++d) {
        char* p = WriteDigits(date[d], static_cast<uint64_t>(day));
        *p++ = ' ';
        const char* name = d == 0   ? kMonths[month].en
                           : d == 1 ? kMonths[month].hi
                                    : kMonths[month].kn;
        while (*name != '\0') {
          *p++ = *name++;
        }
        date_len[d] = static_cast<size_t>(p - date[d]);
      }
    }
    do {
      origin = kOriginHubs[rng.Below(std::size(kOriginHubs))];
    } while (origin == city);
    item = items[rng.Below(static_cast<uint32_t>(items.size()))];
    window = static_cast<int>(rng.Below(kWindowCount));
    country = static_cast<int>(rng.Below(kCountryCount));
  }

  Vars vars;
  int city = 0, origin = 0, item = 0, window = 0, country = 0;
  int64_t rupees = 0;
  char awb[16], order[16], amount[32], pincode[8], invoice[24], days[4], count[8], ref[16],
      weight[16];
  char date[3][48];
  size_t date_len[3];
};

}  // namespace

struct Corpus::Tables : World {};

Corpus::Corpus(uint64_t seed, int64_t ticket_count)
    : seed_(seed), ticket_count_(ticket_count < 1 ? 1 : ticket_count) {
  auto t = std::make_shared<Tables>();
  BuildStaff(t.get());
  BuildOrganisations(t.get());
  BuildContacts(seed, t.get());
  BuildTexts(t.get());
  tables_ = std::move(t);
}

const std::vector<DemoGroup>& Corpus::groups() const {
  return tables_->groups;
}
const std::vector<DemoAgent>& Corpus::agents() const {
  return tables_->agents;
}
const std::vector<DemoOrganisation>& Corpus::organisations() const {
  return tables_->organisations;
}
const std::vector<DemoContact>& Corpus::contacts() const {
  return tables_->contacts;
}

const std::vector<std::string_view>& Corpus::ScenarioNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const ScenarioSpec& s : ScenarioSpecs()) {
      names.push_back(s.key);
    }
    return names;
  }();
  return kNames;
}

DemoTicket Corpus::Ticket(int64_t index) const {
  const Tables& t = *tables_;
  Rng rng(Mix(seed_ ^ Mix(static_cast<uint64_t>(index) + 0x7A3D1C5B9E2F4086ull)));
  DemoTicket out;

  const CompiledScenario& cs = t.scenarios[PickWeighted(rng, t.scenario_weights, t.scenario_total)];
  const ScenarioSpec& spec = *cs.spec;
  out.scenario = spec.key;

  // Requester: B2B scenarios come from organisations; a quarter of the rest do too. A few
  // customers write far more often than others.
  bool from_member = spec.b2b || rng.Percent(25);
  const std::vector<int>& pool = from_member ? t.members : t.individuals;
  uint32_t span = static_cast<uint32_t>(pool.size());
  int contact = pool[rng.Percent(25) ? rng.Below((span + 9) / 10) : rng.Below(span)];
  const DemoContact& c = t.contacts[contact];
  out.contact = contact;
  out.organisation = c.organisation;
  bool vip = c.organisation >= 0 && t.organisation_vip[c.organisation];

  int variety = kEn;
  if (c.language == "kn") {
    variety = rng.Percent(80) ? kKn : kEn;
  } else if (c.language == "hi") {
    variety = rng.Percent(55) ? kHi : kHinglish;
  } else if (rng.Percent(static_cast<uint32_t>(t.contact_hinglish[contact]))) {
    variety = kHinglish;
  }
  out.variety = kVarietyNames[variety];
  out.language = kVarietyLanguage[variety];

  // Age, then the status that age makes likely.
  double position = index < ticket_count_ ? (static_cast<double>(index) + rng.Unit()) /
                                                static_cast<double>(ticket_count_)
                                          : 1.0;
  const double remaining = 1.0 - position;
  int64_t age = 1 + static_cast<int64_t>(static_cast<double>(kSpanMinutes) * remaining *
                                         std::sqrt(remaining));
  out.created_minutes_ago = age;
  int64_t age_days = age / kMinutesPerDay;
  int status;
  if (age_days < 1) {
    status = PickWeighted(rng, kStatusWeightsFirstDay);
  } else if (age_days < 7) {
    status = PickWeighted(rng, kStatusWeightsFirstWeek);
  } else if (age_days < 30) {
    status = PickWeighted(rng, kStatusWeightsFirstMonth);
  } else {
    status = PickWeighted(rng, kStatusWeightsOlder);
  }
  out.status = kStatuses[status];

  int priority = PickWeighted(rng, spec.urgency != 0 ? kPriorityWeightsUrgent : kPriorityWeights);
  if (vip && priority < 3 && rng.Percent(30)) {
    ++priority;
  }
  out.priority = kPriorities[priority];
  out.type = kTypes[rng.Percent(spec.type_a_percent) ? spec.type_a : spec.type_b];

  int channel = PickWeighted(rng, spec.b2b ? kChannelWeightsB2b : kChannelWeights);
  if (channel == kSocial && c.social.empty()) {
    channel = kChat;
  }
  out.channel = kChannels[channel];
  Style style = channel == kChat || channel == kPhone ? kChatStyle
                : channel == kSocial                  ? kSocialStyle
                                                      : kEmailStyle;

  out.group = spec.alt_group >= 0 && rng.Percent(spec.alt_percent) ? spec.alt_group : spec.group;

  bool assigned = status != kNew && !(status == kOpen && rng.Percent(25));
  int reply_variety = variety;
  if (assigned) {
    const std::vector<int>& fluent = t.candidates[out.group][variety];
    const std::vector<int>& anyone = t.candidates[out.group][kVarietyCount];
    out.assignee = !fluent.empty() && rng.Percent(85) ? rng.Pick(fluent) : rng.Pick(anyone);
    const unsigned bits[kVarietyCount] = {kSpeaksEn, kSpeaksHi, kSpeaksKn, kSpeaksHinglish};
    if ((t.agent_speaks[out.assignee] & bits[variety]) == 0 ||
        (variety == kHinglish && rng.Percent(25))) {
      reply_variety = kEn;
    }
  }

  // Tags and custom fields.
  out.tags.reserve(spec.tags.size() + 2);
  for (const char* tag : spec.tags) {
    out.tags.emplace_back(tag);
  }
  if (vip) {
    out.tags.emplace_back("vip");
  }
  if (priority == 3 && rng.Percent(50)) {
    out.tags.emplace_back("escalated");
  }
  std::sort(out.tags.begin(), out.tags.end());

  // Placeholder values.
  TicketVars tv;
  Vars& v = tv.vars;
  v.value[kName] = c.name;
  v.value[kFirst] = t.contact_first[contact];
  v.value[kAgent] =
      out.assignee >= 0 ? std::string_view(t.agent_first[out.assignee]) : std::string_view();
  v.value[kOrg] = c.organisation >= 0 ? std::string_view(t.organisations[c.organisation].name)
                                      : std::string_view();
  v.value[kGstin] = c.organisation >= 0 ? std::string_view(t.organisations[c.organisation].gstin)
                                        : std::string_view();
  tv.Fill(rng, spec, cs.items, t.contact_city[contact]);
  const int64_t rupees = tv.rupees;

  if ((spec.fields & kFieldAwb) != 0) {
    out.custom_fields.emplace_back("awb_number", v.value[kAwb]);
  }
  if ((spec.fields & kFieldOrder) != 0) {
    out.custom_fields.emplace_back("order_id", v.value[kOrder]);
  }
  if ((spec.fields & kFieldInvoice) != 0) {
    out.custom_fields.emplace_back("invoice_number", v.value[kInvoice]);
  }
  if ((spec.fields & kFieldAmount) != 0) {
    out.custom_fields.emplace_back("amount_inr", std::to_string(rupees));
  }
  if ((spec.fields & kFieldGstin) != 0) {
    out.custom_fields.emplace_back("gstin", v.value[kGstin]);
  }

  // The opening decides which subject, reply and resolution fit the story.
  const uint32_t opening = rng.Below(3);
  const std::array<int, 3>& flow = spec.flow[opening];
  auto choose = [&rng](int fixed, const Pool& pool) -> const Template& {
    return pool[fixed >= 0 ? static_cast<uint32_t>(fixed)
                           : rng.Below(static_cast<uint32_t>(pool.size()))];
  };
  tv.Localise(variety);
  out.subject.reserve(96);
  Append(choose(flow[0], cs.subjects[variety]), v, &out.subject);

  // The conversation: a plan of moves that fits the status and its timing; then the text.
  Move plan[kMaxMessages];
  int64_t times[kMaxMessages];
  const int n = PlanConversation(rng, status, assigned, channel, age, plan, times);

  const bool live = channel == kChat;
  const int cv = variety;
  const int rv = reply_variety;
  auto pick = [&rng](const Pool& p) -> const Template& {
    return p[rng.Below(static_cast<uint32_t>(p.size()))];
  };
  out.messages.resize(static_cast<size_t>(n));
  int current = variety;  // variety the localised slots hold
  bool replied_before = false;
  for (int i = 0; i < n; ++i) {
    DemoMessage& m = out.messages[i];
    m.minutes_after_creation = times[i];
    std::string& body = m.body;
    bool from_customer =
        plan[i] == kOpening || plan[i] == kChase || plan[i] == kFollow || plan[i] == kThanks;
    int want = from_customer ? cv : rv;
    if (plan[i] == kNote || plan[i] == kAutoClose) {
      want = kEn;
    }
    if (want != current) {
      tv.Localise(want);
      current = want;
    }
    switch (plan[i]) {
      case kOpening: {
        const Template& core = cs.openings[cv][opening];
        body.reserve(core.literal_bytes + 256);
        if (style == kEmailStyle) {
          Append(pick(t.greet[cv]), v, &body);
          body += "\n\n";
        } else if (style == kSocialStyle) {
          body += "@SahayakExpress ";
        }
        Append(core, v, &body);
        if (style != kSocialStyle && rng.Percent(20)) {
          body += ' ';
          Append(pick(t.urgency[cv]), v, &body);
        }
        if (style == kEmailStyle) {
          body += "\n\n";
          Append(pick(c.organisation >= 0 ? t.signoff_b2b[cv] : t.signoff[cv]), v, &body);
        }
        break;
      }
      case kChase:
      case kFollow: {
        if (plan[i] == kChase) {
          Append(pick(t.chase[cv]), v, &body);
        } else {
          // In a live chat nobody writes "it has been 3 days": only the first two fit.
          const Pool& follow = t.follow[cv];
          Append(follow[rng.Below(live ? 2 : static_cast<uint32_t>(follow.size()))], v, &body);
        }
        if (style == kEmailStyle) {
          body += "\n\n";
          Append(pick(t.short_signoff[cv]), v, &body);
        }
        break;
      }
      case kThanks:
        Append(pick(t.thanks[cv]), v, &body);
        break;
      case kReply:
      case kResolve: {
        m.author = DemoMessage::Author::kAgent;
        const Template& core = plan[i] == kResolve ? choose(flow[2], cs.resolutions[rv])
                               : replied_before    ? pick(t.agent_followup[rv])
                                                   : choose(flow[1], cs.replies[rv]);
        replied_before = replied_before || plan[i] == kReply;
        body.reserve(core.literal_bytes + 256);
        if (style == kEmailStyle) {
          Append(pick(t.agent_greet[rv]), v, &body);
          body += "\n\n";
          Append(core, v, &body);
          if (plan[i] == kResolve && rng.Percent(60)) {
            body += "\n\n";
            Append(pick(t.agent_closing[rv]), v, &body);
          }
          body += "\n\n";
          Append(pick(t.agent_signoff[rv]), v, &body);
        } else {
          Append(pick(t.agent_chat_greet[rv]), v, &body);
          body += ' ';
          Append(core, v, &body);
        }
        break;
      }
      case kNote:
        m.author = DemoMessage::Author::kAgent;
        m.is_public = false;
        Append(rng.Percent(70) ? pick(cs.notes) : pick(t.notes), v, &body);
        break;
      case kAutoClose:
        m.author = DemoMessage::Author::kSystem;
        m.is_public = false;
        Append(pick(t.auto_closed), v, &body);
        break;
    }
  }
  return out;
}

}  // namespace sahayak::demo
