#include "base/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "base/html_sanitizer.h"
#include "base/text.h"

namespace sahayak {
namespace {

// Raw HTML is let through cmark (CMARK_OPT_UNSAFE) because the allowlist sanitiser, not cmark's
// all-or-nothing "safe" mode, decides what survives: <kbd>, <br>, <sub> in an article are fine.
constexpr int kOptions = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

void RegisterExtensionsOnce() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// At most `limit` bytes of `s`, not cutting a UTF-8 sequence in two.
std::string_view CutAtCharBoundary(std::string_view s, size_t limit) {
  if (s.size() <= limit) {
    return s;
  }
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  return s.substr(0, end);
}

// "☑ " / "☐ " at the start of every task-list item, since the sanitiser drops the <input>.
void MarkTaskItems(cmark_node* document) {
  std::vector<cmark_node*> items;
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const char* type = cmark_node_get_type_string(node);
    if (ev == CMARK_EVENT_ENTER && type != nullptr && std::strcmp(type, "tasklist") == 0) {
      items.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* item : items) {
    cmark_node* target = cmark_node_first_child(item);
    if (target == nullptr || cmark_node_get_type(target) != CMARK_NODE_PARAGRAPH) {
      continue;
    }
    cmark_node* mark = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(
        mark, cmark_gfm_extensions_get_tasklist_item_checked(item) ? "\u2611 " : "\u2610 ");
    if (!cmark_node_prepend_child(target, mark)) {
      cmark_node_free(mark);
    }
  }
}

std::string RenderUnsanitized(std::string_view markdown) {
  RegisterExtensionsOnce();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  if (document == nullptr) {
    return std::string();
  }
  MarkTaskItems(document.get());
  char* html =
      cmark_render_html(document.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  if (html == nullptr) {
    return std::string();
  }
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  const std::string input = RepairUtf8(CutAtCharBoundary(markdown, kMaxMarkdownBytes));
  return SanitizeSiteHtml(RenderUnsanitized(input));
}

std::string MarkdownToText(std::string_view markdown) {
  return HtmlToPlainText(RenderMarkdown(markdown));
}

}  // namespace sahayak
