#pragma once

#include <string>
#include <string_view>

namespace sahayak {

// The language of a piece of customer text, as an ISO 639-1 code: "en", "hi", "kn", another
// code CLD2 knows, or "" when nothing can be said. CLD2 decides when the text has enough
// letters for it to be reliable (about 40); shorter text goes by its majority script
// (Devanagari → "hi", Kannada → "kn"). Romanised Hindi ("mera parcel kab aayega") is Latin
// script and comes out as "en" unless CLD2 is sure otherwise. Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace sahayak
