// libFuzzer target for SanitizeHtml, HtmlToPlainText and PlainTextToHtml. Beyond "no crash, no
// leak, no undefined behaviour" it checks what callers rely on: every output is valid UTF-8,
// and what a browser would build from SanitizeHtml's output holds only allowed elements and
// attributes with allowed URLs.

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/html_sanitizer.h"
#include "base/text.h"
#include "fuzz_assert.h"

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Parses `html` as a browser would and aborts on anything the sanitiser must not let through.
// With `only_paragraphs`, only <p> and <br> may appear (PlainTextToHtml's output).
void CheckTree(const std::string& html, bool only_paragraphs) {
  static const std::set<std::string> kAllowed = {
      "html",    "head",  "body", "p",      "br",         "div",    "span",       "b",
      "strong",  "i",     "em",   "u",      "s",          "strike", "del",        "ins",
      "mark",    "small", "big",  "sub",    "sup",        "tt",     "blockquote", "q",
      "cite",    "pre",   "code", "kbd",    "samp",       "var",    "dfn",        "abbr",
      "address", "ul",    "ol",   "li",     "dl",         "dt",     "dd",         "h1",
      "h2",      "h3",    "h4",   "h5",     "h6",         "table",  "caption",    "thead",
      "tbody",   "tfoot", "tr",   "td",     "th",         "col",    "colgroup",   "a",
      "img",     "hr",    "wbr",  "figure", "figcaption", "ruby",   "rt",         "rp",
      "time",    "bdi",   "bdo"};
  static const std::set<std::string> kParagraphs = {"html", "head", "body", "p", "br"};
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<const GumboNode*> stack = {out->document};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_COMMENT || node->type == GUMBO_NODE_TEMPLATE ||
        node->type == GUMBO_NODE_CDATA) {
      FUZZ_ASSERT_FAIL("comment, template or CDATA in output", html);
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      for (unsigned i = 0; i < node->v.document.children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(node->v.document.children.data[i]));
      }
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) {
      continue;
    }
    const GumboElement& e = node->v.element;
    const std::string name = gumbo_normalized_tagname(e.tag);
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML ||
        !(only_paragraphs ? kParagraphs : kAllowed).count(name)) {
      FUZZ_ASSERT_FAIL("element not allowed", name + " in " + html);
    }
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      const std::string attr = Lower(a->name);
      const std::string value = Lower(a->value);
      if (only_paragraphs || StartsWith(attr, "on") || attr == "style" || attr == "srcset" ||
          attr == "id" || attr == "class" || attr == "background" || attr == "action" ||
          attr == "formaction" || attr == "xmlns" || attr.find(':') != std::string::npos) {
        FUZZ_ASSERT_FAIL("attribute not allowed", attr + " in " + html);
      }
      if (attr == "href" &&
          !(StartsWith(value, "http:") || StartsWith(value, "https:") ||
            StartsWith(value, "mailto:") || StartsWith(value, "tel:") || StartsWith(value, "#"))) {
        FUZZ_ASSERT_FAIL("href not allowed", html);
      }
      if (attr == "src" &&
          !(StartsWith(value, "http:") || StartsWith(value, "https:") ||
            StartsWith(value, "cid:") || StartsWith(value, "data:image/png") ||
            StartsWith(value, "data:image/jpeg") || StartsWith(value, "data:image/gif") ||
            StartsWith(value, "data:image/webp"))) {
        FUZZ_ASSERT_FAIL("src not allowed", html);
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string safe = sahayak::SanitizeHtml(input);
  if (!sahayak::IsValidUtf8(safe)) {
    FUZZ_ASSERT_FAIL("SanitizeHtml output is not UTF-8", safe);
  }
  CheckTree(safe, /*only_paragraphs=*/false);

  const std::string text = sahayak::HtmlToPlainText(input);
  if (!sahayak::IsValidUtf8(text)) {
    FUZZ_ASSERT_FAIL("HtmlToPlainText output is not UTF-8", text);
  }
  if (!text.empty() && (IsAsciiSpace(text.front()) || IsAsciiSpace(text.back()))) {
    FUZZ_ASSERT_FAIL("HtmlToPlainText output has white space at an end", text);
  }
  if (text.find("\n\n\n") != std::string::npos) {
    FUZZ_ASSERT_FAIL("HtmlToPlainText output has more than one blank line", text);
  }

  const std::string html = sahayak::PlainTextToHtml(input);
  if (!sahayak::IsValidUtf8(html)) {
    FUZZ_ASSERT_FAIL("PlainTextToHtml output is not UTF-8", html);
  }
  CheckTree(html, /*only_paragraphs=*/true);
  return 0;
}
