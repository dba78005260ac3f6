#pragma once

#include <string>
#include <string_view>

namespace sahayak {

// Knowledge-base article Markdown (CommonMark + GitHub extensions) rendered to safe HTML.
//
// - Syntax: CommonMark with the GFM extensions table, strikethrough (~~x~~), autolink
//   (bare www. and http(s):// URLs become links) and, where the library has it, tasklist.
// - Raw HTML inside the Markdown is kept only as far as the allowlist sanitiser keeps it:
//   the rendered HTML always goes through SanitizeHtml-style allowlisting, so the result
//   never contains <script>, <style>, on* event handlers, style attributes or javascript:
//   URLs, whatever the input.
// - Unlike mail, article HTML may use site-relative URLs: <a href="/help/..."> and
//   <img src="/help/files/..."> (a path starting with a single "/") are kept as they are,
//   and images are shown (not blocked). External links get rel="noopener noreferrer
//   nofollow" target="_blank".
// - Text in any script passes through byte for byte; input that is NFC UTF-8 comes out NFC.
//   Invalid UTF-8 becomes U+FFFD. Never fails: the worst input gives escaped text.
// - Task-list items ("- [x] done") show ☑ / ☐ (the sanitiser removes form controls).
// - Cost is bounded: input beyond kMaxMarkdownBytes is cut off at a character boundary
//   (callers should already enforce the article body limit, domain::kMaxKbBodyBytes).
// Thread-safe; no shared state.
std::string RenderMarkdown(std::string_view markdown);

// The text a reader sees in RenderMarkdown(markdown) (HtmlToPlainText of it): no markup,
// entities decoded, block elements on their own lines; for search indexing and snippets.
std::string MarkdownToText(std::string_view markdown);

inline constexpr size_t kMaxMarkdownBytes = 512 * 1024;

}  // namespace sahayak
