#pragma once

// Pure helpers for threading inbound mail: subject normalisation, ticket tokens in subjects and
// plus-addresses, Message-ID cleaning, a script-based language guess and cid: image links.
// All take outside input of any shape (invalid UTF-8 included) and never fail. Thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak::services {

// The subject as threading compares it: case-folded NFC, reply and forward prefixes removed
// however often they repeat ("Re:", "RE :", "Fwd:", "Fw:", "AW:", "WG:", "SV:", "Re[2]:",
// "उत्तर:", "जवाब:", "ಉತ್ತರ:" …), every "[#123]" ticket token removed, white space collapsed.
// "Re: AW: [#12] Parcel   LATE" and "parcel late" normalise alike.
std::string NormaliseSubject(std::string_view subject);

// The ticket numbers of every "[#123]" token in the subject, in order (at most 10).
std::vector<int64_t> SubjectTicketNumbers(std::string_view subject);

// The ticket number of a plus-address "local+t123@domain" (the t is case-insensitive), or
// nullopt. When `mailbox_address` is not empty, "local@domain" must be that address
// (case-insensitive), so someone else's plus-address in Cc does not count.
std::optional<int64_t> PlusAddressTicketNumber(std::string_view address,
                                               std::string_view mailbox_address);

// A Message-ID as stored: white space and one pair of <> removed; empty when nothing is left
// or it is longer than 998 bytes or holds control characters or spaces.
std::string CleanMessageId(std::string_view id);

// The Message-ID given to mail that has none: derived from the SHA-256 of the raw bytes, so
// the same bytes delivered twice get the same id.
std::string SyntheticMessageId(std::string_view raw);

// "hi" when most letters of the text are Devanagari, "kn" when most are Kannada, else "".
// Looks at the first 64 KiB; digits, punctuation and spaces do not count.
std::string GuessLanguageByScript(std::string_view text);

// `html` (as SanitizeHtml writes it) with each <img src="cid:X"> whose X is a key of
// `urls` (compared case-insensitively, after percent-decoding) pointing at urls[X] instead.
// Other cid: references stay as they are.
std::string RewriteCidImages(std::string_view html, const std::map<std::string, std::string>& urls);

}  // namespace sahayak::services
