// Localised dates for the help centre's pages (ICU).
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

#include "api/help.h"

namespace sahayak::api::help {

std::string FormatDate(Millis at, std::string_view lang, std::string_view time_zone) {
  std::string locale_id = lang == "hi" ? "hi_IN" : lang == "kn" ? "kn_IN" : "en_IN";
  icu::Locale locale(locale_id.c_str());
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (format == nullptr) return "";
  // createTimeZone answers an unknown id with the "Etc/Unknown" zone, which behaves as UTC.
  format->adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(time_zone.data(), time_zone.size()))));
  icu::UnicodeString text;
  format->format(static_cast<UDate>(at), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace sahayak::api::help
