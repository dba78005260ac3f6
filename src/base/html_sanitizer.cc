#include "base/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace sahayak {
namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8 repair.

bool IsDroppedControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// `s` with ill-formed sequences replaced and, with `drop_controls`, the C0 controls other than
// tab, CR, LF (and form feed, which HTML treats as white space) and DEL removed; gumbo would
// turn those into U+FFFD.
std::string ValidUtf8(std::string_view s, bool drop_controls) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 0;
    const size_t n = Utf8SequenceLength(s.substr(i), &bad);
    if (n == 1 && drop_controls && s[i] != '\f' &&
        IsDroppedControl(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (n > 0) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      i += bad;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Escaping.

void AppendEscaped(std::string_view s, bool attribute, std::string* out) {
  for (const char ch : s) {
    switch (ch) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append(attribute ? "&quot;" : "\"");
        break;
      default:
        if (!IsDroppedControl(static_cast<unsigned char>(ch))) {
          out->push_back(ch);
        }
    }
  }
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(s[i]) != prefix[i]) {
      return false;
    }
  }
  return true;
}

bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithNoCase(s, lower);
}

template <size_t N>
bool IsOneOf(std::string_view name, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

// ---------------------------------------------------------------------------------------------
// Limits on nesting and attributes.
//
// gumbo's tree builder walks the stack of open elements for many tokens (the "has an element in
// scope" checks), so N nested <div>s cost O(N^2): 20,000 take half a second, 200,000 (1 MB)
// about a minute. Its tokenizer looks for a duplicate among all earlier attributes of a tag, so
// one tag with 150,000 attributes takes over a minute. Browsers cap the tree depth; gumbo 0.10
// cannot, so before parsing we model the open elements from the tags alone and hide start tags
// once the model holds kMaxOpenElements, and hide any tag with over kMaxAttributes attributes.
// Even at that depth a flood of tags that each walk the whole stack (</x>, <li>) costs gumbo
// ~20 ns per element walked, so the model also sums its depth over the tags it lets through
// and hides every tag after kMaxTagWork: real mail stays far below (30,000 tags at depth 100 is
// 3 million), a crafted megabyte ends as text after a fraction of a second.
// A tag is hidden by turning "<x" into "<!x", a bogus comment that ends at the first ">":
// gumbo ignores it, and no bytes around it change, so no new tag or attribute can appear.
//
// The model must never hold fewer elements than gumbo's stack plus its list of formatting
// elements to reopen, or the quadratic case comes back. So it looks at every "<" followed by a
// letter, even inside comments, scripts and attribute values (that overcounts, which only
// flattens absurd input), skips a tag up to its first ">" (gumbo's tag ends there or later, so
// nothing skipped is a tag to gumbo), and pops an element only when gumbo surely pops it too:
// an end tag closes the nearest match when no element between them could stop the parser, and
// a formatting element closed by another element's end tag stays counted as long as gumbo may
// reopen it. Elements that the parser closes on its own when a sibling starts (p, li, td ...)
// and void elements are not counted. Attributes are counted as the tokenizer reads them, quoted
// values and all, capped so that no byte is read more than a bounded number of times.

constexpr size_t kMaxOpenElements = 256;
constexpr size_t kMaxAttributes = 100;
constexpr size_t kMaxTagWork = size_t{1} << 24;

constexpr std::string_view kUncountedTags[] = {
    "area",  "base",     "basefont", "bgsound", "br",     "col",   "embed",  "frame",   "hr",
    "image", "img",      "input",    "keygen",  "link",   "meta",  "param",  "source",  "track",
    "wbr",   "menuitem", "isindex",  "nextid",  "spacer", "p",     "li",     "dt",      "dd",
    "td",    "th",       "tr",       "tbody",   "thead",  "tfoot", "option", "optgroup"};

constexpr std::string_view kFormattingTags[] = {"a",      "b",      "big",  "code", "em",
                                                "font",   "i",      "nobr", "s",    "small",
                                                "strike", "strong", "tt",   "u"};

// Phrasing elements that the parser's "any other end tag" steps walk past; every other counted
// element stops them, as the spec's "special" elements do.
constexpr std::string_view kNonSpecialTags[] = {
    "span", "abbr", "cite", "dfn",    "kbd",      "samp",  "var",   "sub",    "sup",  "q",
    "ins",  "del",  "mark", "label",  "time",     "data",  "bdi",   "bdo",    "ruby", "rb",
    "rt",   "rtc",  "rp",   "output", "progress", "meter", "blink", "acronym"};

// Elements that end the parser's "in scope" searches.
constexpr std::string_view kScopeBoundaryTags[] = {"applet",  "caption",      "html",     "table",
                                                   "marquee", "object",       "template", "svg",
                                                   "math",    "foreignobject"};

bool IsKnownHtmlTag(const std::string& lower_name) {
  return gumbo_tag_enum(lower_name.c_str()) != GUMBO_TAG_UNKNOWN;
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The number of attributes, at most `limit`, of a tag whose name ends at `pos`, read as the
// HTML tokenizer reads them.
size_t CountAttributes(std::string_view in, size_t pos, size_t limit) {
  size_t count = 0;
  while (count < limit) {
    while (pos < in.size() && (IsHtmlSpace(in[pos]) || in[pos] == '/')) {
      ++pos;
    }
    if (pos >= in.size() || in[pos] == '>') {
      break;
    }
    ++count;
    ++pos;  // The first character belongs to the name, even "=".
    while (pos < in.size() && !IsHtmlSpace(in[pos]) && in[pos] != '/' && in[pos] != '>' &&
           in[pos] != '=') {
      ++pos;
    }
    while (pos < in.size() && IsHtmlSpace(in[pos])) {
      ++pos;
    }
    if (pos >= in.size() || in[pos] != '=') {
      continue;
    }
    ++pos;
    while (pos < in.size() && IsHtmlSpace(in[pos])) {
      ++pos;
    }
    if (pos < in.size() && (in[pos] == '"' || in[pos] == '\'')) {
      const size_t close = in.find(in[pos], pos + 1);
      if (close == std::string_view::npos) {
        break;
      }
      pos = close + 1;
    } else {
      while (pos < in.size() && !IsHtmlSpace(in[pos]) && in[pos] != '>') {
        ++pos;
      }
    }
  }
  return count;
}

uint64_t HashName(std::string_view lower_name) {
  uint64_t h = 14695981039346656037ull;
  for (const char c : lower_name) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  return h;
}

class TagLimiter {
 public:
  std::string Run(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    size_t i = 0;
    while (i < in.size()) {
      const size_t lt = in.find('<', i);
      if (lt == std::string_view::npos) {
        out.append(in.substr(i));
        break;
      }
      out.append(in.substr(i, lt - i));
      const bool end_tag = lt + 1 < in.size() && in[lt + 1] == '/';
      const size_t name_begin = lt + (end_tag ? 2 : 1);
      if (name_begin >= in.size() || !IsAsciiAlpha(in[name_begin])) {
        out.push_back('<');
        i = lt + 1;
        continue;
      }
      size_t name_end = name_begin;
      while (name_end < in.size() && !IsTagNameEnd(in[name_end])) {
        ++name_end;
      }
      const size_t gt = in.find('>', name_end);
      const size_t tag_end = gt == std::string_view::npos ? in.size() : gt + 1;
      std::string name(in.substr(name_begin, name_end - name_begin));
      std::transform(name.begin(), name.end(), name.begin(), LowerAscii);
      const bool counted = !end_tag && !IsOneOf(name, kUncountedTags);
      const size_t depth = open_.size() + leaked_;
      if (work_ > kMaxTagWork || (counted && depth >= kMaxOpenElements) ||
          CountAttributes(in, name_end, kMaxAttributes + 1) > kMaxAttributes) {
        out.append("<!");
        out.append(in.substr(lt + 1, tag_end - lt - 1));
      } else {
        work_ += depth + 1;
        if (end_tag) {
          Close(name);
        } else if (counted) {
          Open(name);
        }
        out.append(in.substr(lt, tag_end - lt));
      }
      i = tag_end;
    }
    return out;
  }

 private:
  struct Element {
    uint64_t name;
    bool formatting;
    bool special;
    bool boundary;
  };

  static bool IsTagNameEnd(char c) { return IsHtmlSpace(c) || c == '/' || c == '>'; }

  void Open(const std::string& name) {
    const bool formatting = IsOneOf(name, kFormattingTags);
    const bool special = !formatting && IsKnownHtmlTag(name) && !IsOneOf(name, kNonSpecialTags);
    open_.push_back({HashName(name), formatting, special, IsOneOf(name, kScopeBoundaryTags)});
  }

  void Close(const std::string& name) {
    const uint64_t hash = HashName(name);
    const bool formatting = IsOneOf(name, kFormattingTags);
    const bool special_end = !formatting && IsKnownHtmlTag(name) && !IsOneOf(name, kNonSpecialTags);
    for (size_t k = open_.size(); k-- > 0;) {
      if (open_[k].name == hash) {
        for (size_t j = k + 1; j < open_.size(); ++j) {
          if (open_[j].formatting) {
            ++leaked_;
          }
        }
        open_.resize(k);
        return;
      }
      if (special_end ? open_[k].boundary : (open_[k].special || open_[k].boundary)) {
        return;
      }
    }
  }

  std::vector<Element> open_;
  size_t leaked_ = 0;
  size_t work_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Parsing under a memory budget.
//
// The HTML tree builder reopens formatting elements (with copies of their attributes) for every
// new paragraph, so a few kilobytes of crafted markup can make gumbo allocate gigabytes. gumbo
// takes an allocator but cannot fail an allocation, so the allocator owns every block and, past
// the budget, longjmps out of gumbo; the arena then frees everything gumbo had allocated. Only
// gumbo's C frames and frames without destructors lie between setjmp and longjmp.

constexpr size_t kBudgetBase = 16u << 20;
constexpr size_t kBudgetPerInputByte = 64;

class Arena {
 public:
  explicit Arena(size_t budget) : budget_(budget) {
    sentinel_.prev = &sentinel_;
    sentinel_.next = &sentinel_;
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    Block* b = sentinel_.next;
    while (b != &sentinel_) {
      Block* next = b->next;
      std::free(b);
      b = next;
    }
  }

  static void* Allocate(void* userdata, size_t size) {
    auto* arena = static_cast<Arena*>(userdata);
    if (size > arena->budget_ || sizeof(Block) + size > arena->budget_ - arena->used_) {
      std::longjmp(*arena->escape_, 1);
    }
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (b == nullptr) {
      std::longjmp(*arena->escape_, 1);
    }
    b->size = size;
    b->prev = &arena->sentinel_;
    b->next = arena->sentinel_.next;
    b->next->prev = b;
    arena->sentinel_.next = b;
    arena->used_ += sizeof(Block) + size;
    return b + 1;
  }

  static void Deallocate(void* userdata, void* ptr) {
    if (ptr == nullptr) {
      return;
    }
    auto* arena = static_cast<Arena*>(userdata);
    Block* b = static_cast<Block*>(ptr) - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    arena->used_ -= sizeof(Block) + b->size;
    std::free(b);
  }

  void set_escape(std::jmp_buf* escape) { escape_ = escape; }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
    size_t size;
  };

  Block sentinel_{};
  size_t budget_;
  size_t used_ = 0;
  std::jmp_buf* escape_ = nullptr;
};

// Null when the parse ran over the arena's budget. The tree lives as long as the arena.
const GumboOutput* ParseInArena(Arena* arena, const std::string& html) {
  std::jmp_buf escape;
  arena->set_escape(&escape);
  if (setjmp(escape) != 0) {
    return nullptr;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = arena;
  // Each recorded parse error copies the stack of open elements; nobody reads them.
  options.max_errors = 0;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

// The text of the input with anything that looks like a tag cut out, for when the parse ran
// over budget. Entities stay as written.
std::string CrudeText(std::string_view html) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, lt - i));
    const char next = lt + 1 < html.size() ? html[lt + 1] : ' ';
    if (!IsAsciiAlpha(next) && next != '/' && next != '!' && next != '?') {
      out.push_back('<');
      i = lt + 1;
      continue;
    }
    const size_t gt = html.find('>', lt);
    i = gt == std::string_view::npos ? html.size() : gt + 1;
    out.push_back(' ');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tree walking without recursion (the tree can be deep).

const GumboVector* ChildrenOf(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

// Calls visitor.Enter(node) for every node in document order; when it returns true the node's
// children follow and then visitor.Exit(node).
template <typename Visitor>
void Walk(const GumboNode* root, Visitor* visitor) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!visitor->Enter(root)) {
    return;
  }
  stack.push_back({root, 0});
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector* children = ChildrenOf(node);
    if (children == nullptr || stack.back().next >= children->length) {
      visitor->Exit(node);
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[stack.back().next++]);
    if (visitor->Enter(child)) {
      stack.push_back({child, 0});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Element and attribute policy.

enum class Policy { kUnwrap, kKeep, kDrop };

using PolicyTable = std::array<Policy, GUMBO_TAG_LAST + 1>;

PolicyTable MakePolicyTable() {
  PolicyTable table;
  table.fill(Policy::kUnwrap);
  for (const GumboTag tag :
       {GUMBO_TAG_P,      GUMBO_TAG_BR,         GUMBO_TAG_DIV,    GUMBO_TAG_SPAN,
        GUMBO_TAG_B,      GUMBO_TAG_STRONG,     GUMBO_TAG_I,      GUMBO_TAG_EM,
        GUMBO_TAG_U,      GUMBO_TAG_S,          GUMBO_TAG_STRIKE, GUMBO_TAG_DEL,
        GUMBO_TAG_INS,    GUMBO_TAG_MARK,       GUMBO_TAG_SMALL,  GUMBO_TAG_BIG,
        GUMBO_TAG_SUB,    GUMBO_TAG_SUP,        GUMBO_TAG_TT,     GUMBO_TAG_BLOCKQUOTE,
        GUMBO_TAG_Q,      GUMBO_TAG_CITE,       GUMBO_TAG_PRE,    GUMBO_TAG_CODE,
        GUMBO_TAG_KBD,    GUMBO_TAG_SAMP,       GUMBO_TAG_VAR,    GUMBO_TAG_DFN,
        GUMBO_TAG_ABBR,   GUMBO_TAG_ADDRESS,    GUMBO_TAG_UL,     GUMBO_TAG_OL,
        GUMBO_TAG_LI,     GUMBO_TAG_DL,         GUMBO_TAG_DT,     GUMBO_TAG_DD,
        GUMBO_TAG_H1,     GUMBO_TAG_H2,         GUMBO_TAG_H3,     GUMBO_TAG_H4,
        GUMBO_TAG_H5,     GUMBO_TAG_H6,         GUMBO_TAG_TABLE,  GUMBO_TAG_CAPTION,
        GUMBO_TAG_THEAD,  GUMBO_TAG_TBODY,      GUMBO_TAG_TFOOT,  GUMBO_TAG_TR,
        GUMBO_TAG_TD,     GUMBO_TAG_TH,         GUMBO_TAG_COL,    GUMBO_TAG_COLGROUP,
        GUMBO_TAG_A,      GUMBO_TAG_IMG,        GUMBO_TAG_HR,     GUMBO_TAG_WBR,
        GUMBO_TAG_FIGURE, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_RUBY,   GUMBO_TAG_RT,
        GUMBO_TAG_RP,     GUMBO_TAG_TIME,       GUMBO_TAG_BDI,    GUMBO_TAG_BDO}) {
    table[tag] = Policy::kKeep;
  }
  for (const GumboTag tag :
       {GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_IFRAME,   GUMBO_TAG_OBJECT,
        GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,   GUMBO_TAG_PARAM,    GUMBO_TAG_FORM,
        GUMBO_TAG_INPUT,    GUMBO_TAG_BUTTON,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT,
        GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP, GUMBO_TAG_DATALIST, GUMBO_TAG_KEYGEN,
        GUMBO_TAG_META,     GUMBO_TAG_LINK,     GUMBO_TAG_BASE,     GUMBO_TAG_HEAD,
        GUMBO_TAG_TITLE,    GUMBO_TAG_SVG,      GUMBO_TAG_MATH,     GUMBO_TAG_NOSCRIPT,
        GUMBO_TAG_TEMPLATE, GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET, GUMBO_TAG_NOFRAMES,
        GUMBO_TAG_NOEMBED,  GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,    GUMBO_TAG_SOURCE,
        GUMBO_TAG_TRACK,    GUMBO_TAG_CANVAS,   GUMBO_TAG_MAP,      GUMBO_TAG_AREA,
        GUMBO_TAG_BGSOUND,  GUMBO_TAG_ISINDEX,  GUMBO_TAG_MENUITEM}) {
    table[tag] = Policy::kDrop;
  }
  return table;
}

Policy PolicyFor(const GumboElement& element) {
  static const PolicyTable kTable = MakePolicyTable();
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) {
    return Policy::kDrop;
  }
  return kTable[std::min<unsigned>(element.tag, GUMBO_TAG_LAST)];
}

bool IsVoid(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG ||
         tag == GUMBO_TAG_WBR || tag == GUMBO_TAG_COL;
}

// A URL as the browser will read it: tab, CR and LF removed anywhere, and control characters
// and spaces removed at both ends (URL Standard, basic URL parser).
std::string BrowserUrl(std::string_view value) {
  std::string url;
  for (const char c : value) {
    if (c != '\t' && c != '\n' && c != '\r') {
      url.push_back(c);
    }
  }
  const auto is_trimmed = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  const auto first = std::find_if_not(url.begin(), url.end(), is_trimmed);
  const auto last = std::find_if_not(url.rbegin(), url.rend(), is_trimmed).base();
  return first < last ? std::string(first, last) : std::string();
}

bool IsSafeHref(std::string_view url) {
  return StartsWithNoCase(url, "http:") || StartsWithNoCase(url, "https:") ||
         StartsWithNoCase(url, "mailto:") || StartsWithNoCase(url, "tel:") ||
         (!url.empty() && url[0] == '#');
}

// "/help/files/3", not "//host/..." (and not "/\\host", which browsers read the same way).
bool IsSiteRelative(std::string_view url) {
  return !url.empty() && url[0] == '/' && (url.size() == 1 || (url[1] != '/' && url[1] != '\\'));
}

bool IsRemoteUrl(std::string_view url) {
  return StartsWithNoCase(url, "https:") || StartsWithNoCase(url, "http:");
}

bool IsSafeImageSrc(std::string_view url) {
  if (StartsWithNoCase(url, "https:") || StartsWithNoCase(url, "http:") ||
      StartsWithNoCase(url, "cid:")) {
    return true;
  }
  for (const std::string_view type :
       {"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"}) {
    if (StartsWithNoCase(url, type) && url.size() > type.size() &&
        (url[type.size()] == ';' || url[type.size()] == ',')) {
      return true;
    }
  }
  return false;
}

bool IsDimension(std::string_view v) {
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') {
    ++digits;
  }
  const std::string_view rest = v.substr(digits);
  return digits > 0 && digits <= 5 && (rest.empty() || rest == "%" || EqualsNoCase(rest, "px"));
}

bool IsSmallNumber(std::string_view v) {
  return !v.empty() && v.size() <= 4 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsLanguageTag(std::string_view v) {
  return !v.empty() && v.size() <= 35 && std::all_of(v.begin(), v.end(), [](char c) {
    return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsWordIn(std::string_view v, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [v](std::string_view w) { return EqualsNoCase(v, w); });
}

bool IsTableCell(GumboTag t) { return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH; }

// The value to write for attribute `name` of a `tag` element, or "" to drop the attribute.
// `site_urls`: site-relative URLs are allowed too (SanitizeSiteHtml).
std::string AllowedAttribute(GumboTag tag, std::string_view name, std::string_view value,
                             bool site_urls = false) {
  if (name == "title") {
    return std::string(value);
  }
  if (name == "dir") {
    return IsWordIn(value, {"ltr", "rtl", "auto"}) ? std::string(value) : "";
  }
  if (name == "lang") {
    return IsLanguageTag(value) ? std::string(value) : "";
  }
  if (tag == GUMBO_TAG_A && name == "href") {
    const std::string url = BrowserUrl(value);
    return IsSafeHref(url) || (site_urls && IsSiteRelative(url)) ? url : "";
  }
  if (tag == GUMBO_TAG_IMG && name == "src") {
    const std::string url = BrowserUrl(value);
    return IsSafeImageSrc(url) || (site_urls && IsSiteRelative(url)) ? url : "";
  }
  if (tag == GUMBO_TAG_IMG && name == kRemoteImageAttribute) {
    const std::string url = BrowserUrl(value);
    return IsRemoteUrl(url) ? url : "";
  }
  if (tag == GUMBO_TAG_IMG && name == "alt") {
    return std::string(value);
  }
  const bool sized = tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_TABLE || IsTableCell(tag) ||
                     tag == GUMBO_TAG_COL || tag == GUMBO_TAG_COLGROUP;
  if (sized && (name == "width" || name == "height")) {
    return IsDimension(value) ? std::string(value) : "";
  }
  if ((IsTableCell(tag) && (name == "colspan" || name == "rowspan")) ||
      ((tag == GUMBO_TAG_COL || tag == GUMBO_TAG_COLGROUP) && name == "span") ||
      (tag == GUMBO_TAG_OL && name == "start") ||
      (tag == GUMBO_TAG_TABLE &&
       (name == "border" || name == "cellpadding" || name == "cellspacing"))) {
    return IsSmallNumber(value) ? std::string(value) : "";
  }
  if (name == "align") {
    return IsWordIn(value, {"left", "right", "center", "justify", "top", "middle", "bottom"})
               ? std::string(value)
               : "";
  }
  if (name == "valign" && (IsTableCell(tag) || tag == GUMBO_TAG_TR)) {
    return IsWordIn(value, {"top", "middle", "bottom", "baseline"}) ? std::string(value) : "";
  }
  return "";
}

const GumboAttribute* FindAttribute(const GumboElement& element, std::string_view name) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (name == attr->name) {
      return attr;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Quoted history, signatures and remote images.

bool HasClass(const GumboElement& element, std::string_view wanted) {
  const GumboAttribute* attr = FindAttribute(element, "class");
  if (attr == nullptr) {
    return false;
  }
  const std::string_view classes = attr->value;
  size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && IsHtmlSpace(classes[i])) {
      ++i;
    }
    size_t end = i;
    while (end < classes.size() && !IsHtmlSpace(classes[end])) {
      ++end;
    }
    if (end > i && EqualsNoCase(classes.substr(i, end - i), wanted)) {
      return true;
    }
    i = end;
  }
  return false;
}

bool HasId(const GumboElement& element, std::string_view wanted) {
  const GumboAttribute* attr = FindAttribute(element, "id");
  return attr != nullptr && EqualsNoCase(attr->value, wanted);
}

// The data-sahayak-quote value of a kept element, or null. Only these mail clients' own markers
// are read; class and id themselves are still dropped, so a sender cannot reach the console's
// styles or scripts through them (the worst a fake marker can do is fold text behind a toggle).
const char* QuoteMarker(const GumboElement& element) {
  if (const GumboAttribute* own = FindAttribute(element, kQuoteAttribute)) {
    for (const char* marker : {kQuoteMarkerBlock, kQuoteMarkerRest, kQuoteMarkerSignature}) {
      if (std::string_view(own->value) == marker) {
        return marker;
      }
    }
  }
  if (element.tag == GUMBO_TAG_BLOCKQUOTE) {
    const GumboAttribute* type = FindAttribute(element, "type");
    if (type != nullptr && EqualsNoCase(type->value, "cite")) {
      return kQuoteMarkerBlock;  // Apple Mail, Thunderbird
    }
  }
  if (element.tag != GUMBO_TAG_DIV && element.tag != GUMBO_TAG_BLOCKQUOTE &&
      element.tag != GUMBO_TAG_PRE && element.tag != GUMBO_TAG_SPAN &&
      element.tag != GUMBO_TAG_P) {
    return nullptr;
  }
  if (HasId(element, "divrplyfwdmsg") || HasId(element, "appendonsend")) {
    return kQuoteMarkerRest;  // Outlook: the header block of the quoted mail, then the mail
  }
  if (HasClass(element, "gmail_quote") || HasClass(element, "yahoo_quoted") ||
      HasClass(element, "moz-cite-prefix")) {
    return kQuoteMarkerBlock;
  }
  if (HasClass(element, "gmail_signature") || HasClass(element, "moz-signature")) {
    return kQuoteMarkerSignature;
  }
  return nullptr;
}

// A number in a width or height attribute (digits, maybe "px"); -1 when there is none.
long PixelSize(const GumboElement& element, std::string_view name) {
  const GumboAttribute* attr = FindAttribute(element, name);
  if (attr == nullptr) {
    return -1;
  }
  const std::string_view v = attr->value;
  if (!IsDimension(v) || v.back() == '%') {
    return -1;
  }
  long n = 0;
  for (const char c : v) {
    if (c < '0' || c > '9') {
      break;
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

// A remote image of at most 1x1 pixels shows nothing; it is there to tell the sender that and
// when the mail was read (a tracking pixel), so it is dropped rather than offered for loading.
bool IsTrackingPixel(const GumboElement& element) {
  const long width = PixelSize(element, "width");
  const long height = PixelSize(element, "height");
  return width >= 0 && height >= 0 && width <= 1 && height <= 1;
}

// ---------------------------------------------------------------------------------------------
// Serialisation through the allowlist.

class SanitizingWriter {
 public:
  // `site_html`: HTML the workspace wrote itself (SanitizeSiteHtml).
  explicit SanitizingWriter(bool site_html = false) : site_html_(site_html) {}

  bool Enter(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        closers_.push_back(nullptr);
        return true;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        AppendEscaped(node->v.text.text, /*attribute=*/false, &out_);
        return false;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        return EnterElement(node->v.element);
      default:
        return false;
    }
  }

  void Exit(const GumboNode* /*node*/) {
    const char* closer = closers_.back();
    closers_.pop_back();
    if (closer != nullptr) {
      out_.append("</").append(closer).append(">");
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  bool EnterElement(const GumboElement& element) {
    Policy policy = PolicyFor(element);
    // An <img> this sanitiser blocked before (HTML sanitised again) stays blocked.
    bool remote_image = false;
    const GumboAttribute* src = nullptr;
    if (policy == Policy::kKeep && element.tag == GUMBO_TAG_IMG) {
      src = FindAttribute(element, "src");
      const GumboAttribute* blocked = FindAttribute(element, kRemoteImageAttribute);
      const std::string url =
          src != nullptr ? AllowedAttribute(GUMBO_TAG_IMG, "src", src->value, site_html_)
          : blocked != nullptr ? AllowedAttribute(GUMBO_TAG_IMG, blocked->name, blocked->value)
                               : std::string();
      remote_image = !site_html_ && IsRemoteUrl(url);
      if (url.empty() || (remote_image && IsTrackingPixel(element))) {
        policy = Policy::kDrop;
      }
    }
    bool is_link = false;
    bool site_link = false;
    if (policy == Policy::kKeep && element.tag == GUMBO_TAG_A) {
      const GumboAttribute* href = FindAttribute(element, "href");
      const std::string url =
          href != nullptr ? AllowedAttribute(GUMBO_TAG_A, "href", href->value, site_html_) : "";
      is_link = !url.empty();
      site_link = IsSiteRelative(url);
      if (!is_link) {
        policy = Policy::kUnwrap;
      }
    }
    if (policy == Policy::kDrop) {
      return false;
    }
    if (policy == Policy::kUnwrap) {
      closers_.push_back(nullptr);
      return true;
    }
    const char* name = gumbo_normalized_tagname(element.tag);
    out_.append("<").append(name);
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      if (attr->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE ||
          (src != nullptr && std::string_view(attr->name) == kRemoteImageAttribute)) {
        continue;
      }
      const std::string value =
          AllowedAttribute(element.tag, attr->name, attr->value, site_html_);
      if (value.empty()) {
        continue;
      }
      const bool blocked_src = remote_image && std::string_view(attr->name) == "src";
      out_.append(" ").append(blocked_src ? kRemoteImageAttribute : attr->name).append("=\"");
      AppendEscaped(value, /*attribute=*/true, &out_);
      out_.append("\"");
    }
    if (const char* marker = QuoteMarker(element)) {
      out_.append(" ").append(kQuoteAttribute).append("=\"").append(marker).append("\"");
    }
    if (is_link && !site_link) {
      out_.append(" rel=\"noopener noreferrer nofollow\" target=\"_blank\"");
    }
    out_.append(">");
    if (IsVoid(element.tag)) {
      return false;
    }
    // A browser drops a newline right after <pre>; write one more so the text's own survives.
    if (element.tag == GUMBO_TAG_PRE && element.children.length > 0) {
      const auto* first = static_cast<const GumboNode*>(element.children.data[0]);
      if ((first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) &&
          first->v.text.text[0] == '\n') {
        out_.push_back('\n');
      }
    }
    closers_.push_back(name);
    return true;
  }

  const bool site_html_;
  std::string out_;
  std::vector<const char*> closers_;
};

// ---------------------------------------------------------------------------------------------
// Plain text.

int BreaksAround(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HR:
      return 2;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_BODY:
      return 1;
    default:
      return 0;
  }
}

class TextWriter {
 public:
  bool Enter(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        return true;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        AddText(node->v.text.text);
        return false;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = node->v.element;
        if (PolicyFor(element) == Policy::kDrop) {
          return false;
        }
        if (element.tag == GUMBO_TAG_BR) {
          newlines_ = std::min(newlines_ + 1, 2);
          return false;
        }
        Break(BreaksAround(element.tag));
        if (element.tag == GUMBO_TAG_TD || element.tag == GUMBO_TAG_TH) {
          space_ = true;
        }
        if (element.tag == GUMBO_TAG_PRE || element.tag == GUMBO_TAG_LISTING ||
            element.tag == GUMBO_TAG_XMP || element.tag == GUMBO_TAG_PLAINTEXT) {
          ++pre_depth_;
        }
        return true;
      }
      default:
        return false;
    }
  }

  void Exit(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      return;
    }
    const GumboTag tag = node->v.element.tag;
    Break(BreaksAround(tag));
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      space_ = true;
    }
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP ||
        tag == GUMBO_TAG_PLAINTEXT) {
      --pre_depth_;
    }
  }

  // <pre> text can leave white space at the ends.
  std::string Take() {
    const size_t first = out_.find_first_not_of(" \t\n");
    if (first == std::string::npos) {
      return "";
    }
    return out_.substr(first, out_.find_last_not_of(" \t\n") + 1 - first);
  }

 private:
  void Break(int n) { newlines_ = std::max(newlines_, n); }

  void AddText(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
      const size_t width = nbsp ? 2 : 1;
      if (pre_depth_ > 0 && c == '\n') {
        newlines_ = std::min(newlines_ + 1, 2);
      } else if (pre_depth_ > 0 && (c == ' ' || c == '\t' || nbsp)) {
        Flush();
        out_.push_back(c == '\t' ? '\t' : ' ');
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
        space_ = true;
      } else if (!IsDroppedControl(static_cast<unsigned char>(c))) {
        Flush();
        out_.push_back(c);
      }
      i += width;
    }
  }

  // Writes the line breaks or the space owed before the next visible character.
  void Flush() {
    if (!out_.empty()) {
      if (newlines_ > 0) {
        out_.append(static_cast<size_t>(newlines_), '\n');
      } else if (space_) {
        out_.push_back(' ');
      }
    }
    newlines_ = 0;
    space_ = false;
  }

  std::string out_;
  int newlines_ = 0;
  bool space_ = false;
  int pre_depth_ = 0;
};

template <typename Writer>
bool WriteParsed(std::string_view html, Writer* writer) {
  const std::string input = TagLimiter().Run(ValidUtf8(html, /*drop_controls=*/true));
  Arena arena(kBudgetBase + kBudgetPerInputByte * input.size());
  const GumboOutput* output = ParseInArena(&arena, input);
  if (output == nullptr) {
    return false;
  }
  Walk(output->document, writer);
  return true;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) {
        out.push_back(' ');
      }
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

// gumbo 0.10 decodes an out-of-range numeric character reference such as &#x2cccccccccccc; to a
// truncated code point, sometimes a lone byte that is not UTF-8, so its output is checked again.

std::string SanitizeHtml(std::string_view html) {
  SanitizingWriter writer;
  if (!WriteParsed(html, &writer)) {
    return PlainTextToHtml(CollapseWhitespace(CrudeText(ValidUtf8(html, /*drop_controls=*/true))));
  }
  return ValidUtf8(writer.Take(), /*drop_controls=*/false);
}

std::string SanitizeSiteHtml(std::string_view html) {
  SanitizingWriter writer(/*site_html=*/true);
  if (!WriteParsed(html, &writer)) {
    return PlainTextToHtml(CollapseWhitespace(CrudeText(ValidUtf8(html, /*drop_controls=*/true))));
  }
  return ValidUtf8(writer.Take(), /*drop_controls=*/false);
}

std::string HtmlToPlainText(std::string_view html) {
  TextWriter writer;
  if (!WriteParsed(html, &writer)) {
    return CollapseWhitespace(CrudeText(ValidUtf8(html, /*drop_controls=*/true)));
  }
  return ValidUtf8(writer.Take(), /*drop_controls=*/false);
}

std::string UnblockRemoteImages(std::string_view html) {
  const std::string blocked = std::string(" ") + kRemoteImageAttribute + "=\"";
  std::string out;
  out.reserve(html.size());
  bool in_tag = false;
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (in_tag && c == ' ' && html.substr(i, blocked.size()) == blocked) {
      out.append(" src=\"");
      i += blocked.size();
      continue;
    }
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string PlainTextToHtml(std::string_view text) {
  const std::string valid = ValidUtf8(text, /*drop_controls=*/false);
  std::string out;
  std::string paragraph;
  const auto end_paragraph = [&] {
    if (paragraph.empty()) {
      return;
    }
    if (!out.empty()) {
      out.push_back('\n');
    }
    out.append("<p>").append(paragraph).append("</p>");
    paragraph.clear();
  };
  size_t i = 0;
  while (i <= valid.size()) {
    size_t eol = valid.find_first_of("\r\n", i);
    if (eol == std::string::npos) {
      eol = valid.size();
    }
    const std::string_view line = std::string_view(valid).substr(i, eol - i);
    const bool blank = std::all_of(line.begin(), line.end(), [](char c) {
      return c == ' ' || c == '\t' || IsDroppedControl(static_cast<unsigned char>(c));
    });
    if (blank) {
      end_paragraph();
    } else {
      if (!paragraph.empty()) {
        paragraph.append("<br>");
      }
      AppendEscaped(line, /*attribute=*/false, &paragraph);
    }
    if (eol + 1 < valid.size() && valid[eol] == '\r' && valid[eol + 1] == '\n') {
      ++eol;
    }
    i = eol + 1;
  }
  end_paragraph();
  return out;
}

}  // namespace sahayak
