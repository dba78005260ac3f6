// libFuzzer target for RenderMarkdown, MarkdownToText and DiffLines. Beyond "no crash, no leak,
// no undefined behaviour" it checks what the help centre relies on: the HTML is valid UTF-8,
// never holds "<script" in any case, and what a browser builds from it has only allowed
// elements, no event handlers or styles, and only allowed or site-relative URLs; and a diff of
// the two halves of the input rebuilds both halves.

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/markdown.h"
#include "base/text.h"
#include "domain/text_diff.h"
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

bool AllowedUrl(std::string_view v, bool image) {
  const bool site = StartsWith(v, "/") && !StartsWith(v, "//") && !StartsWith(v, "/\\");
  if (image) {
    return site || StartsWith(v, "http:") || StartsWith(v, "https:") || StartsWith(v, "cid:") ||
           StartsWith(v, "data:image/png") || StartsWith(v, "data:image/jpeg") ||
           StartsWith(v, "data:image/gif") || StartsWith(v, "data:image/webp");
  }
  return site || StartsWith(v, "http:") || StartsWith(v, "https:") || StartsWith(v, "mailto:") ||
         StartsWith(v, "tel:") || StartsWith(v, "#");
}

void CheckTree(const std::string& html) {
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
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<const GumboNode*> stack = {out->document};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_DOCUMENT) {
      for (unsigned i = 0; i < node->v.document.children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(node->v.document.children.data[i]));
      }
      continue;
    }
    if (node->type == GUMBO_NODE_COMMENT || node->type == GUMBO_NODE_TEMPLATE) {
      FUZZ_ASSERT_FAIL("comment or template in output", html);
    }
    if (node->type != GUMBO_NODE_ELEMENT) {
      continue;
    }
    const GumboElement& e = node->v.element;
    const std::string name = gumbo_normalized_tagname(e.tag);
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML || !kAllowed.count(name)) {
      FUZZ_ASSERT_FAIL("element not allowed", name + " in " + html);
    }
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      const std::string attr = Lower(a->name);
      const std::string value = Lower(a->value);
      if (StartsWith(attr, "on") || attr == "style" || attr == "srcset" || attr == "class" ||
          attr == "id" || attr == "action" || attr == "formaction" ||
          attr.find(':') != std::string::npos) {
        FUZZ_ASSERT_FAIL("attribute not allowed", attr + " in " + html);
      }
      if ((attr == "href" && !AllowedUrl(value, false)) ||
          (attr == "src" && !AllowedUrl(value, true))) {
        FUZZ_ASSERT_FAIL("URL not allowed", html);
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
}

// The lines DiffLines promises to keep: split at \r\n, \n, \r; no line after a final break.
std::vector<std::string> Lines(std::string_view s) {
  std::vector<std::string> lines;
  std::string line;
  bool open = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' || s[i] == '\n') {
      lines.push_back(line);
      line.clear();
      open = false;
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
      }
    } else {
      line.push_back(s[i]);
      open = true;
    }
  }
  if (open) {
    lines.push_back(line);
  }
  return lines;
}

void CheckDiff(std::string_view from, std::string_view to) {
  using Op = sahayak::domain::DiffLine::Op;
  const auto diff = sahayak::domain::DiffLines(from, to);
  std::vector<std::string> old_side;
  std::vector<std::string> new_side;
  for (const auto& line : diff) {
    if (line.op != Op::kInsert) {
      old_side.push_back(line.text);
    }
    if (line.op != Op::kDelete) {
      new_side.push_back(line.text);
    }
  }
  if (old_side != Lines(from) || new_side != Lines(to)) {
    FUZZ_ASSERT_FAIL("diff does not rebuild both texts", from);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string html = sahayak::RenderMarkdown(input);
  if (!sahayak::IsValidUtf8(html)) {
    FUZZ_ASSERT_FAIL("RenderMarkdown output is not UTF-8", html);
  }
  if (Lower(html).find("<script") != std::string::npos) {
    FUZZ_ASSERT_FAIL("<script in RenderMarkdown output", html);
  }
  CheckTree(html);

  const std::string text = sahayak::MarkdownToText(input);
  if (!sahayak::IsValidUtf8(text)) {
    FUZZ_ASSERT_FAIL("MarkdownToText output is not UTF-8", text);
  }

  CheckDiff(input.substr(0, size / 2), input.substr(size / 2));
  return 0;
}
