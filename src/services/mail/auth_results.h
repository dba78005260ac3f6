#pragma once

// What the receiving mail server found when it checked who sent a mail (SPF, DKIM, DMARC, from
// its Authentication-Results header, RFC 8601), and the warnings an agent should see before
// trusting the mail: failed authentication and the usual tricks of a spoofed sender.
//
// Which header to trust: every mail server on the way may add an Authentication-Results
// header, and a sender can write any number of them into the mail itself. Headers are added at
// the top, so the topmost one is the one the last server (ours, the one that handed the mail to
// Sahayak) wrote; anything below it was there before our server saw the mail and proves
// nothing. So only the topmost header is read, plus, for servers that check with separate
// milters (opendkim, opendmarc and policyd-spf each add a header of their own), the headers
// right below it that name the same authserv-id. This is only sound when the receiving server
// does add a header (Postfix with opendkim/opendmarc, Gmail, Microsoft 365 all do) and removes
// forged ones carrying its own authserv-id (RFC 8601 section 5; opendmarc and Microsoft 365
// do): a mail that reached Sahayak through a server that adds none shows the sender's own
// claims (the console still shows them, so an administrator should make sure it does).
//
// Pure functions, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "domain/mail.h"

namespace sahayak::services {

// One method's verdict: "pass", "fail", "softfail", "neutral", "none", "temperror" or
// "permerror"; empty when the header had no result for the method.
struct AuthVerdict {
  std::string result;
  std::string domain;  // lower case; the SPF MAIL FROM domain, DKIM d=, DMARC header.from
};

struct AuthResults {
  std::string authserv_id;  // the server that checked, e.g. "mx.google.com"; may be empty
  AuthVerdict spf;
  AuthVerdict dkim;  // the passing signature when any passed, else the first
  AuthVerdict dmarc;
  // True when the header named at least one of spf, dkim, dmarc.
  bool any() const { return !spf.result.empty() || !dkim.result.empty() || !dmarc.result.empty(); }
};

// The verdicts of `headers`, the Authentication-Results header values of one mail, topmost
// first (see above for which are read). Unknown methods (arc, compauth, iprev, …) are skipped;
// results outside the list above are mapped to it ("hardfail", "policy" to "fail";
// Microsoft's "bestguesspass" to "none") or skipped. Never fails: what cannot be read is left
// out.
AuthResults ParseAuthenticationResults(const std::vector<std::string>& headers);
// The same for a single header value.
AuthResults ParseAuthenticationResults(std::string_view header);

// Warning codes, as stored in channel_meta.email.warnings and translated by the console.
inline constexpr char kWarnDmarcFail[] = "dmarc_fail";
inline constexpr char kWarnDisplayNameAddress[] = "display_name_address";
inline constexpr char kWarnReplyToDomain[] = "reply_to_domain";
inline constexpr char kWarnLookalikeOwnDomain[] = "lookalike_own_domain";

// The warnings about `mail`, in the order above, each at most once:
//  - dmarc_fail: DMARC failed, or there is no DMARC verdict (absent or none), SPF failed
//    (fail, not softfail) and no DKIM signature passed.
//  - display_name_address: the From display name contains an e-mail address other than the
//    From address ("support@bank.in" <x@evil.test>).
//  - reply_to_domain: the Reply-To domain is neither the From domain nor a parent or subdomain
//    of it.
//  - lookalike_own_domain: the From domain is not one of `own_domains` (lower case; Sahayak's
//    own mail domains, and not a subdomain of one) but one letter away from one (two for
//    names of 8 characters or more), or the same once look-alike characters are read alike
//    (rn as m, vv as w, 0 1 i 3 4 5 as o l l e a s): acrne.in, 4cme.in or acme.io for acme.in.
std::vector<std::string> MailWarnings(const domain::InboundMail& mail, const AuthResults& auth,
                                      const std::vector<std::string>& own_domains);

// The domain of an address, lower case ("" when there is no "@").
std::string AddressDomain(std::string_view address);

}  // namespace sahayak::services
