#pragma once

#include <optional>
#include <string_view>

#include "base/clock.h"

namespace sahayak::channels {

// An RFC 5322 date ("Tue, 1 Dec 2026 10:15:00 +0530", with or without the weekday, seconds,
// zone; obsolete zone names such as EST; two-digit years; comments), the asctime form
// ("Wed Dec  2 15:37:05 2026") or an RFC 3339 one, as UTC milliseconds; nullopt for anything
// else, including impossible dates. Thread-safe.
std::optional<Millis> ParseMailDate(std::string_view raw);

}  // namespace sahayak::channels
