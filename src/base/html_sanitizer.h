#pragma once

#include <string>
#include <string_view>

namespace sahayak {

// HTML from outside (customer e-mail, agent replies typed in a rich editor) made safe to put
// into a page of the agent console or the customer portal.
//
// The input is parsed as an HTML5 document (gumbo, the same tree a browser builds) and the
// body is written out again through an allowlist:
//  - Kept: p br div span b strong i em u s strike del ins mark small big sub sup tt blockquote
//    q cite pre code kbd samp var dfn abbr address ul ol li dl dt dd h1-h6 table caption
//    thead tbody tfoot tr td th col colgroup a img hr wbr figure figcaption ruby rt rp time
//    bdi bdo.
//  - Removed together with their content: script style iframe object embed applet param form
//    input button textarea select option optgroup datalist keygen meta link base head title
//    svg math noscript template frame frameset noframes noembed audio video source track
//    canvas map area.
//  - Any other element (font, center, html, body, unknown tags ...) is unwrapped: its tag is
//    dropped and its content kept. Comments, doctypes and processing instructions are dropped.
//  - Attributes: title, dir, lang everywhere; a[href] only with an http:, https:, mailto: or
//    tel: URL or a "#fragment" (an <a> without one is unwrapped), and every kept link gets
//    rel="noopener noreferrer nofollow" target="_blank"; img[src] only https:, http:, cid: or
//    data:image/(png|jpeg|gif|webp) (an <img> without one is removed); alt, width, height,
//    align, valign, colspan, rowspan, span, start, border, cellpadding, cellspacing where
//    they belong, each with a checked value. Everything else (on*, style, class, id, srcset,
//    background, ...) is dropped.
//  - Remote images are blocked: an http: or https: <img src> is written as data-remote-src
//    (kRemoteImageAttribute) with no src, so nothing is fetched (fetching tells the sender
//    that, when and from where the mail was read) until the console copies it back on an
//    agent's click. A remote image of at most 1x1 pixels (a tracking pixel) is removed.
//    cid: and data: images keep their src. The console's CSP allows https: images only
//    because of this.
//  - Quoted history and signatures are marked for the console to fold, from the markers mail
//    clients write (class and id themselves are still dropped): data-sahayak-quote="1"
//    (kQuoteMarkerBlock) on <blockquote type="cite"> (Apple Mail, Thunderbird) and on
//    div/blockquote/p/span/pre of class gmail_quote, yahoo_quoted or moz-cite-prefix;
//    "rest" (kQuoteMarkerRest: this element and everything after it) on id divRplyFwdMsg or
//    appendonsend (Outlook); "sig" (kQuoteMarkerSignature) on class gmail_signature or
//    moz-signature.
//  - URLs are judged after entity decoding and after removing what browsers ignore (tab and
//    newline anywhere, control characters and spaces at the ends), so "jav&#x09;ascript:"
//    and "  JaVaScRiPt:" are caught.
//  - The style attribute is dropped entirely, not filtered: CSS can lay a fake login form
//    over the console (position:fixed), fetch tracking URLs (url()), and hide or reorder text
//    so an agent reads something the customer did not write. Filtering it safely needs a CSS
//    parser; mail stays readable without it.
//
// The output is well-formed, valid UTF-8: invalid input sequences become U+FFFD, control
// characters other than tab, CR and LF are dropped, text and attribute values are escaped
// (&, <, > and, in attributes, "). Text in any script (Hindi, Kannada ...) passes through byte
// for byte.
//
// Cost is bounded for hostile input (gumbo alone is quadratic on deep nesting and on many
// attributes, and the HTML5 tree builder can multiply memory): tags that would nest deeper than
// 256 elements, tags with over 100 attributes, and all tags once a document has made the parser
// do an absurd amount of stack walking are dropped (their text is kept); if parsing would still
// need more memory than 16 MiB plus 64 times the input, the input's text is shown escaped, as
// plain text. A megabyte of crafted markup takes well under a second; ordinary mail is far from
// every limit. Callers should still cap the input size (a few MiB).
// Thread-safe; no shared state.
std::string SanitizeHtml(std::string_view html);

// SanitizeHtml for HTML the workspace wrote itself (knowledge-base articles rendered from
// Markdown, src/base/markdown.h), with the same allowlist except that:
//  - site-relative URLs ("/help/files/3", not "//host" or "/\\host") are kept in a[href] and
//    img[src], and such links open in the same tab (no rel/target);
//  - remote images keep their src (not blocked), tracking-pixel sized ones included.
std::string SanitizeSiteHtml(std::string_view html);

// The attribute and values SanitizeHtml writes for blocked images and quote markers.
inline constexpr char kRemoteImageAttribute[] = "data-remote-src";
inline constexpr char kQuoteAttribute[] = "data-sahayak-quote";
inline constexpr char kQuoteMarkerBlock[] = "1";
inline constexpr char kQuoteMarkerRest[] = "rest";
inline constexpr char kQuoteMarkerSignature[] = "sig";

// SanitizeHtml's output with its blocked remote images given their src back, for HTML that
// leaves Sahayak (an agent's reply sent as mail), where the reader's own mail client decides.
// Only attributes inside tags change (SanitizeHtml escapes "<" and ">" everywhere else).
std::string UnblockRemoteImages(std::string_view sanitized_html);

// Plain text (a customer's text/plain mail, a chat message) as HTML: escaped, paragraphs
// separated by blank lines become <p> elements (joined by "\n"), single line breaks inside a
// paragraph become <br>. CRLF and CR count as line breaks; invalid UTF-8 becomes U+FFFD;
// control characters other than tab are dropped. Empty or blank text gives "".
std::string PlainTextToHtml(std::string_view text);

// The text a reader sees in `html`, for the plain-text copy of a message (search, previews,
// text/plain mail parts). Uses the same parse and the same removed elements as SanitizeHtml.
// Runs of white space collapse to one space; block elements (div, li, tr, ...) and <br> start
// a new line, paragraph-like ones (p, h1-h6, blockquote, pre, table, hr) leave a blank line;
// table cells are separated by a space; <pre> keeps its spacing. At most one blank line in a
// row, no white space at either end. Valid UTF-8 out, whatever comes in.
std::string HtmlToPlainText(std::string_view html);

}  // namespace sahayak
