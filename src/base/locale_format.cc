#include "base/locale_format.h"

#include <memory>

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/simpletz.h>
#include <unicode/unistr.h>

#include "base/clock.h"

namespace sahayak {

namespace {

icu::Locale LocaleOf(std::string_view language) {
  if (language == "hi") return icu::Locale("hi_IN");
  if (language == "kn") return icu::Locale("kn_IN");
  return icu::Locale("en_IN");
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string FormatDateSkeleton(int64_t at, int offset_minutes, std::string_view language,
                               const char* skeleton) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> f(icu::DateFormat::createInstanceForSkeleton(
      icu::UnicodeString(skeleton), LocaleOf(language), err));
  if (U_FAILURE(err) || f == nullptr) return FormatRfc3339Zoned(at, offset_minutes);
  f->adoptTimeZone(new icu::SimpleTimeZone(offset_minutes * 60 * 1000, "local"));
  icu::UnicodeString text;
  f->format(static_cast<UDate>(at), text);
  return Utf8(text);
}

std::string FormatDay(const std::string& date, std::string_view language, const char* skeleton) {
  int64_t days = 0;
  if (!DayNumber(date, &days)) return date;
  return FormatDateSkeleton(days * 86400000 + 12 * 3600000, 0, language, skeleton);
}

std::string FormatCurrency(int64_t minor, std::string_view currency, std::string_view language) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> f(
      icu::NumberFormat::createCurrencyInstance(LocaleOf(language), err));
  const std::string plain = std::to_string(minor / 100) + "." +
                            (minor % 100 < 10 ? "0" : "") + std::to_string(minor % 100);
  if (U_FAILURE(err) || f == nullptr || currency.size() != 3) {
    return std::string(currency) + " " + plain;
  }
  icu::UnicodeString code = icu::UnicodeString::fromUTF8(
      icu::StringPiece(currency.data(), static_cast<int32_t>(currency.size())));
  f->setCurrency(code.getTerminatedBuffer(), err);
  if (U_FAILURE(err)) return std::string(currency) + " " + plain;
  // Two decimals whatever the currency's own: amounts are stored in hundredths.
  f->setMinimumFractionDigits(2);
  f->setMaximumFractionDigits(2);
  icu::UnicodeString text;
  f->format(static_cast<double>(minor) / 100.0, text);
  return Utf8(text);
}

}  // namespace sahayak
