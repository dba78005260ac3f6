#include "base/html_sanitizer.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// What a browser would build from the sanitiser's output, checked independently of the
// sanitiser's own tables: every problem found, empty when the output is safe.
std::vector<std::string> Violations(const std::string& html) {
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
  std::vector<std::string> problems;
  GumboOutput* out = gumbo_parse(html.c_str());
  std::vector<const GumboNode*> stack = {out->document};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_COMMENT) {
      problems.push_back("comment");
    }
    if (node->type == GUMBO_NODE_TEMPLATE) {
      problems.push_back("template");
    }
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      children = &node->v.document.children;
    } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = node->v.element;
      children = &e.children;
      const std::string name = gumbo_normalized_tagname(e.tag);
      if (e.tag_namespace != GUMBO_NAMESPACE_HTML) {
        problems.push_back("foreign element " + name);
      }
      if (!kAllowed.count(name)) {
        problems.push_back("element <" + name + ">");
      }
      for (unsigned i = 0; i < e.attributes.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
        const std::string attr = Lower(a->name);
        const std::string value = Lower(a->value);
        if (StartsWith(attr, "on") || attr == "style" || attr == "srcset" || attr == "background" ||
            attr == "action" || attr == "formaction" || attr == "xlink:href" || attr == "id" ||
            attr == "class") {
          problems.push_back("attribute " + attr);
        }
        if (attr == "href" && !(StartsWith(value, "http:") || StartsWith(value, "https:") ||
                                StartsWith(value, "mailto:") || StartsWith(value, "tel:") ||
                                StartsWith(value, "#"))) {
          problems.push_back("href " + value);
        }
        if (attr == "src" &&
            !(StartsWith(value, "http:") || StartsWith(value, "https:") ||
              StartsWith(value, "cid:") || StartsWith(value, "data:image/png") ||
              StartsWith(value, "data:image/jpeg") || StartsWith(value, "data:image/gif") ||
              StartsWith(value, "data:image/webp"))) {
          problems.push_back("src " + value);
        }
        if (attr == "data-remote-src" &&
            !(StartsWith(value, "http:") || StartsWith(value, "https:"))) {
          problems.push_back("data-remote-src " + value);
        }
        if (attr == "src" && e.tag == GUMBO_TAG_IMG &&
            (StartsWith(value, "http:") || StartsWith(value, "https:"))) {
          problems.push_back("remote image not blocked " + value);
        }
        if (attr == "data-sahayak-quote" && value != "1" && value != "rest" && value != "sig") {
          problems.push_back("data-sahayak-quote " + value);
        }
      }
    }
    if (children != nullptr) {
      for (unsigned i = 0; i < children->length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children->data[i]));
      }
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return problems;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) {
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    const auto c1 = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F)) {
      return false;
    }
    i += n;
  }
  return true;
}

const char* const kXssVectors[] = {
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
    "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
    "<a href=\"jav\tascript:alert(1)\">x</a>",
    "<a href=\" &#14;  javascript:alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<img src=x onerror=alert(1)>",
    "<img src=\"https://ok.example/a.png\" onerror=alert(1) srcset=\"javascript:alert(1)\">",
    "<body onload=alert(1)>text",
    "<svg/onload=alert(1)>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<template><script>alert(1)</script></template>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<xmp><script>alert(1)</script></xmp>",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title></title><script>alert(1)</script>",
    "<a href=\"javas\xC2\xAD"
    "cript:alert(1)\">soft hyphen</a>",
    "<a href=\"//evil.example/\">protocol-relative</a>",
    "<isindex action=javascript:alert(1) type=image>",
    "<frameset onload=alert(1)>",
    "<table><tr><td><plaintext><script>alert(1)</script>",
};

TEST(HtmlSanitizer, ClassicXssVectorsAreNeutralised) {
  for (const char* vector : kXssVectors) {
    const std::string out = SanitizeHtml(vector);
    EXPECT_EQ(Violations(out), std::vector<std::string>()) << vector << "\n=> " << out;
    const std::string lower = Lower(out);
    EXPECT_EQ(lower.find("<script"), std::string::npos) << vector << "\n=> " << out;
    EXPECT_EQ(lower.find("javascript:\""), std::string::npos) << vector << "\n=> " << out;
  }
}

TEST(HtmlSanitizer, DangerousLinksLoseTheirLinkButKeepTheirText) {
  EXPECT_EQ(SanitizeHtml("<a href=\"jav&#x09;ascript:alert(1)\">click</a>"), "click");
  EXPECT_EQ(SanitizeHtml("<a href=\"JAVASCRIPT:alert(1)\" onclick=x>click</a>"), "click");
  EXPECT_EQ(SanitizeHtml("<a name=\"top\">anchor</a>"), "anchor");
  EXPECT_EQ(SanitizeHtml("<img src=\"javascript:alert(1)\" alt=\"x\">after"), "after");
}

TEST(HtmlSanitizer, ScriptLikeContentIsRemovedWithItsText) {
  EXPECT_EQ(SanitizeHtml("a<script>var x = 1;</script>b"), "ab");
  EXPECT_EQ(SanitizeHtml("a<style>p { color: red }</style>b"), "ab");
  EXPECT_EQ(SanitizeHtml("a<form><label>Name</label><input value=v><button>Go</button></form>b"),
            "ab");
  EXPECT_EQ(SanitizeHtml("a<svg><text>svg text</text></svg>b"), "ab");
  EXPECT_EQ(SanitizeHtml("a<select><option>one</option></select>b"), "ab");
}

TEST(HtmlSanitizer, CommonFormattingSurvives) {
  const char* const kSame[] = {
      "<p>Hello <b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <u>u</u> <s>s</s></p>",
      "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>4</h4><h5>5</h5><h6>6</h6>",
      "<ul><li>a</li><li>b</li></ul><ol start=\"3\"><li>c</li></ol>",
      "<blockquote>quoted <code>x = 1</code></blockquote><pre>  indented\n    more</pre>",
      "<p>H<sub>2</sub>O and x<sup>2</sup><br>next line</p><hr>",
      "<table border=\"1\"><thead><tr><th colspan=\"2\">Head</th></tr></thead>"
      "<tbody><tr><td rowspan=\"2\" align=\"left\">a</td><td width=\"50%\">b</td></tr>"
      "</tbody></table>",
      "<div dir=\"rtl\" lang=\"ur\"><span title=\"t\">text</span></div>",
      "<dl><dt>term</dt><dd>definition</dd></dl>",
  };
  for (const char* html : kSame) {
    EXPECT_EQ(SanitizeHtml(html), html);
  }
}

TEST(HtmlSanitizer, LinksGetSafeRelAndTarget) {
  EXPECT_EQ(SanitizeHtml("<a href=\"https://example.com/a?b=1&amp;c=2\" title=\"t\" "
                         "target=\"_self\" rel=\"opener\">x</a>"),
            "<a href=\"https://example.com/a?b=1&amp;c=2\" title=\"t\" "
            "rel=\"noopener noreferrer nofollow\" target=\"_blank\">x</a>");
  for (const char* href : {"http://example.com", "mailto:help@example.com", "tel:+918012345678",
                           "#section-2", "HTTPS://EXAMPLE.COM"}) {
    const std::string out = SanitizeHtml(std::string("<a href=\"") + href + "\">x</a>");
    EXPECT_NE(out.find(std::string("href=\"") + href + "\""), std::string::npos) << out;
  }
  EXPECT_EQ(SanitizeHtml("<a href=\" https://example.com \">x</a>"),
            "<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\" "
            "target=\"_blank\">x</a>");
}

TEST(HtmlSanitizer, ImagesOnlyFromAllowedSources) {
  EXPECT_EQ(SanitizeHtml("<img src=\"cid:logo@x\" alt=\"Logo\" width=\"120\" height=\"40\">"),
            "<img src=\"cid:logo@x\" alt=\"Logo\" width=\"120\" height=\"40\">");
  EXPECT_EQ(SanitizeHtml("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"),
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
  EXPECT_EQ(SanitizeHtml("<img src=\"https://cdn.example/p.jpg\" width=\"100px\">"),
            "<img data-remote-src=\"https://cdn.example/p.jpg\" width=\"100px\">");
  EXPECT_EQ(SanitizeHtml("<img src=\"data:image/svg+xml,<svg/>\">"), "");
  EXPECT_EQ(SanitizeHtml("<img src=\"data:image/pngx,abc\">"), "");
  EXPECT_EQ(SanitizeHtml("<img src=\"file:///etc/passwd\">"), "");
  EXPECT_EQ(SanitizeHtml("<img src=\"https://x/a.png\" width=\"100;evil\">"),
            "<img data-remote-src=\"https://x/a.png\">");
}

TEST(HtmlSanitizer, UnknownAndPresentationalTagsKeepTheirText) {
  EXPECT_EQ(SanitizeHtml("<font color=red face=Arial>red</font>"), "red");
  EXPECT_EQ(SanitizeHtml("<center>mid</center>"), "mid");
  EXPECT_EQ(SanitizeHtml("<o:p>office</o:p><custom-tag x=1>custom</custom-tag>"), "officecustom");
  EXPECT_EQ(SanitizeHtml("<p class=\"MsoNormal\" id=\"x\" style=\"color:red\">text</p>"),
            "<p>text</p>");
  EXPECT_EQ(SanitizeHtml("<!DOCTYPE html><html><head><title>Subject</title></head>"
                         "<body><p>Body</p><!-- comment --></body></html>"),
            "<p>Body</p>");
}

TEST(HtmlSanitizer, EscapesTextAndAttributes) {
  EXPECT_EQ(SanitizeHtml("a &lt; b &amp;&amp; c &gt; d \"quoted\" 'single'"),
            "a &lt; b &amp;&amp; c &gt; d \"quoted\" 'single'");
  EXPECT_EQ(SanitizeHtml("<span title='say \"hi\" &amp; <go>'>x</span>"),
            "<span title=\"say &quot;hi&quot; &amp; &lt;go&gt;\">x</span>");
  EXPECT_EQ(SanitizeHtml("5 < 6 & 7 > 3"), "5 &lt; 6 &amp; 7 &gt; 3");
  EXPECT_EQ(SanitizeHtml("a\x01\x02\x7F"
                         "b"),
            "ab");
}

TEST(HtmlSanitizer, IndianScriptsPassThroughByteForByte) {
  const std::string hindi =
      "मेरा पार्सल कब आएगा? क्‍ष — ₹1,250.00";
  const std::string kannada = "ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ? ದಯವಿಟ್ಟು ತಿಳಿಸಿ";
  const std::string mixed = "mera parcel kab aayega? ಧನ್ಯವಾದ 🙏";
  for (const std::string& text : {hindi, kannada, mixed}) {
    EXPECT_EQ(SanitizeHtml("<p>" + text + "</p>"), "<p>" + text + "</p>");
    EXPECT_EQ(SanitizeHtml("<span title=\"" + text + "\">x</span>"),
              "<span title=\"" + text + "\">x</span>");
    EXPECT_EQ(HtmlToPlainText("<div>" + text + "</div>"), text);
    EXPECT_EQ(PlainTextToHtml(text), "<p>" + text + "</p>");
  }
}

TEST(HtmlSanitizer, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(SanitizeHtml("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(SanitizeHtml("truncated \xE0\xA4"), "truncated \xEF\xBF\xBD");
  EXPECT_EQ(SanitizeHtml("overlong \xC0\xAF"), "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeHtml("surrogate \xED\xA0\x80"),
            "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeHtml("<span title=\"\xFE\">x</span>"), "<span title=\"\xEF\xBF\xBD\">x</span>");
  EXPECT_EQ(PlainTextToHtml("a\x80"
                            "b"),
            "<p>a\xEF\xBF\xBD"
            "b</p>");
  EXPECT_EQ(HtmlToPlainText("<p>a\xC3</p>"), "a\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(SanitizeHtml("&#xD800; &#x110000; &#0; \xF4\x90\x80\x80")));
  // Found by fuzzing: gumbo decodes huge numeric references to truncated code points.
  for (const char* html : {"a&#x2cccccccccccc;b", "<p title='&#x2cccccccccccc;'>x</p>",
                           "&#x10000003C;script&#x10000003E;", "&#99999999999999999999;"}) {
    const std::string out = SanitizeHtml(html);
    EXPECT_TRUE(IsValidUtf8(out)) << html;
    EXPECT_EQ(out.find("<script"), std::string::npos) << html;
    EXPECT_TRUE(IsValidUtf8(HtmlToPlainText(html))) << html;
  }
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out.append(s);
  }
  return out;
}

size_t Count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(HtmlSanitizer, DeepNestingDoesNotCrashAndIsFlattened) {
  for (const char* open : {"<div>", "<b>", "<span>", "<blockquote>", "<ul><li>", "<table><tr><td>",
                           "<a href=\"https://x\">", "<font>", "<svg>", "<b><div></b>",
                           "<b id=1><object></b></object>"}) {
    const std::string html = Repeat(open, 10000) + "deep text" + Repeat("</div>", 100);
    const std::string out = SanitizeHtml(html);
    const bool dropped = std::string(open) == "<svg>";
    EXPECT_EQ(out.find("deep text") != std::string::npos, !dropped) << open;
    EXPECT_LE(Count(out, "<div>"), 300u) << open;
    EXPECT_TRUE(IsValidUtf8(out)) << open;
    EXPECT_EQ(Violations(out), std::vector<std::string>()) << open;
    EXPECT_EQ(HtmlToPlainText(html), dropped ? "" : "deep text") << open;
  }
}

TEST(HtmlSanitizer, TagsWithAbsurdlyManyAttributesAreDropped) {
  std::string many = "<div";
  for (int i = 0; i < 5000; ++i) {
    many += " a" + std::to_string(i) + "=\"v\"";
  }
  std::string fifty = "<p";
  for (int i = 0; i < 50; ++i) {
    fifty += " b" + std::to_string(i);
  }
  EXPECT_TRUE(SanitizeHtml(many + ">text</div>" + fifty + ">kept</p>") == "text<p>kept</p>");
  // A quoted ">" does not hide attributes from the count; the dropped tag's tail shows as text.
  const std::string out = SanitizeHtml("<span title=\">\"" + many.substr(4) + ">x</span>");
  EXPECT_EQ(out.find("<span"), std::string::npos);
  EXPECT_TRUE(out.find("a4999=\"v\"&gt;x") != std::string::npos);
}

TEST(HtmlSanitizer, ReopenedFormattingBombFallsBackToText) {
  std::string html = "<p>";
  for (int i = 0; i < 500; ++i) {
    html += "<b title=\"" + std::to_string(i) + std::string(100, 'x') + "\">";
  }
  html += "</p>" + Repeat("<p>x</p>", 20000);
  const std::string out = SanitizeHtml(html);
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(Violations(out), std::vector<std::string>());
  EXPECT_EQ(out.find("<b"), std::string::npos);
  EXPECT_NE(out.find("x x x"), std::string::npos);
}

TEST(HtmlSanitizer, PlainTextToHtmlMakesParagraphsAndBreaks) {
  EXPECT_EQ(PlainTextToHtml("Hi <team> & co,\r\n\r\nline one\nline two\r\n\n \n\nBye"),
            "<p>Hi &lt;team&gt; &amp; co,</p>\n<p>line one<br>line two</p>\n<p>Bye</p>");
  EXPECT_EQ(PlainTextToHtml("old\rmac"), "<p>old<br>mac</p>");
  EXPECT_EQ(PlainTextToHtml(""), "");
  EXPECT_EQ(PlainTextToHtml(" \n\t\n"), "");
  EXPECT_EQ(PlainTextToHtml("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

TEST(HtmlSanitizer, HtmlToPlainTextFollowsBlocksAndCollapsesSpace) {
  EXPECT_EQ(HtmlToPlainText("<p>Hello   <b>world</b>\n  again</p><p>Second &amp; last</p>"),
            "Hello world again\n\nSecond & last");
  EXPECT_EQ(HtmlToPlainText("<div>one</div><div>two</div>three<br>four<br><br><br>five"),
            "one\ntwo\nthree\nfour\n\nfive");
  EXPECT_EQ(HtmlToPlainText("<ul><li>a</li><li>b</li></ul>after"), "a\nb\nafter");
  EXPECT_EQ(HtmlToPlainText("<table><tr><td>Item</td><td>Qty</td></tr>"
                            "<tr><td>Box</td><td>2</td></tr></table>"),
            "Item Qty\nBox 2");
  EXPECT_EQ(HtmlToPlainText("<head><title>T</title><style>x{}</style></head>"
                            "<script>s()</script>  visible&nbsp;text  "),
            "visible text");
  EXPECT_EQ(HtmlToPlainText("<p>code:</p><pre>  a\n    b  </pre>"), "code:\n\n  a\n    b");
  EXPECT_EQ(HtmlToPlainText(""), "");
}

TEST(HtmlSanitizer, PlainTextSurvivesARoundTrip) {
  const std::string text =
      "Namaste,\n\nmera parcel kab aayega?\nTracking: DL-123 & more\n\n"
      "ನನ್ನ ಪಾರ್ಸೆಲ್ <ಎಲ್ಲಿದೆ>?";
  EXPECT_EQ(HtmlToPlainText(PlainTextToHtml(text)), text);
}

TEST(HtmlSanitizer, OutputIsStableWhenSanitisedAgain) {
  const std::string html = SanitizeHtml(
      "<div><p>a <b>b <i>c</b> d</i></p><table><tr><td>x<td>y</table><a href=https://e>l</a>"
      "<img src=cid:x alt='\"'><pre>\n\nz</pre></div>");
  EXPECT_EQ(SanitizeHtml(html), html);
}

TEST(HtmlSanitizer, RemoteImagesAreBlockedUntilTheConsoleLoadsThem) {
  // Nothing to fetch: no src, the URL kept aside, alt and size kept for the placeholder.
  EXPECT_EQ(SanitizeHtml("<p>Photo:<img src=\"https://shop.example/p/1.jpg\" alt=\"Box\" "
                         "width=\"300\" height=\"200\"></p>"),
            "<p>Photo:<img data-remote-src=\"https://shop.example/p/1.jpg\" alt=\"Box\" "
            "width=\"300\" height=\"200\"></p>");
  EXPECT_EQ(SanitizeHtml("<IMG SRC=\" HTTP://x.example/a.gif \">"),
            "<img data-remote-src=\"HTTP://x.example/a.gif\">");
  // Tracking pixels go altogether; a 1x1 inline (cid:) or data: image is not remote.
  EXPECT_EQ(SanitizeHtml("Hi<img src=\"https://t.example/o.gif?u=42\" width=\"1\" height=\"1\">"),
            "Hi");
  EXPECT_EQ(SanitizeHtml("Hi<img src=\"https://t.example/o.gif\" width=\"0\" height=\"0px\">"),
            "Hi");
  EXPECT_EQ(SanitizeHtml("<img src=\"https://t.example/o.gif\" width=\"1\">"),
            "<img data-remote-src=\"https://t.example/o.gif\" width=\"1\">");
  EXPECT_EQ(SanitizeHtml("<img src=\"cid:dot\" width=\"1\" height=\"1\">"),
            "<img src=\"cid:dot\" width=\"1\" height=\"1\">");
  // A sender cannot smuggle a src in through the attribute the console reads.
  EXPECT_EQ(SanitizeHtml("<img data-remote-src=\"javascript:alert(1)\">"), "");
  EXPECT_EQ(SanitizeHtml("<img src=\"cid:a\" data-remote-src=\"https://x.example/b.png\">"),
            "<img src=\"cid:a\">");
  EXPECT_EQ(SanitizeHtml("<img src=\"https://a.example/1.png\" "
                         "data-remote-src=\"https://b.example/2.png\">"),
            "<img data-remote-src=\"https://a.example/1.png\">");
  for (const char* html : kXssVectors) {
    EXPECT_EQ(Violations(SanitizeHtml(html)), std::vector<std::string>()) << html;
  }
}

TEST(HtmlSanitizer, UnblockRemoteImagesGivesTheSrcBackInTagsOnly) {
  const std::string html = SanitizeHtml(
      "<p>x data-remote-src=\"y\" <img src=\"https://a.example/1.png\" alt=\"a\"></p>");
  EXPECT_EQ(UnblockRemoteImages(html),
            "<p>x data-remote-src=\"y\" <img src=\"https://a.example/1.png\" alt=\"a\"></p>");
  EXPECT_EQ(UnblockRemoteImages("<p>plain</p>"), "<p>plain</p>");
}

TEST(HtmlSanitizer, QuotedHistoryAndSignaturesAreMarked) {
  // Gmail: the attribution line sits inside div.gmail_quote, with the quote itself.
  EXPECT_EQ(SanitizeHtml("<div dir=\"ltr\">Still waiting.</div><br><div class=\"gmail_quote "
                         "gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, "
                         "3 Jun 2024 at 10:15, Acme Support &lt;support@acme.in&gt; wrote:<br></div>"
                         "<blockquote class=\"gmail_quote\" style=\"margin:0\">Old text</blockquote>"
                         "</div>"),
            "<div dir=\"ltr\">Still waiting.</div><br><div data-sahayak-quote=\"1\"><div "
            "dir=\"ltr\">On Mon, 3 Jun 2024 at 10:15, Acme Support &lt;support@acme.in&gt; "
            "wrote:<br></div><blockquote data-sahayak-quote=\"1\">Old text</blockquote></div>");
  // Thunderbird and Apple Mail.
  EXPECT_EQ(SanitizeHtml("<p>Thanks</p><div class=\"moz-cite-prefix\">On 3/6/24 Ravi wrote:<br>"
                         "</div><blockquote type=\"cite\" cite=\"mid:a@b\">q</blockquote>"),
            "<p>Thanks</p><div data-sahayak-quote=\"1\">On 3/6/24 Ravi wrote:<br></div>"
            "<blockquote data-sahayak-quote=\"1\">q</blockquote>");
  EXPECT_EQ(SanitizeHtml("<blockquote type=\"CITE\">q</blockquote><blockquote>not mail</blockquote>"),
            "<blockquote data-sahayak-quote=\"1\">q</blockquote><blockquote>not mail</blockquote>");
  // Outlook: everything from the marker on.
  EXPECT_EQ(SanitizeHtml("<div>Reply</div><div id=\"appendonsend\"></div><hr>"
                         "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> x</div><div>old</div>"),
            "<div>Reply</div><div data-sahayak-quote=\"rest\"></div><hr>"
            "<div dir=\"ltr\" data-sahayak-quote=\"rest\"><b>From:</b> x</div><div>old</div>");
  // Yahoo, and signatures.
  EXPECT_EQ(SanitizeHtml("<div class=\"yahoo_quoted\">q</div>"),
            "<div data-sahayak-quote=\"1\">q</div>");
  EXPECT_EQ(SanitizeHtml("<div class=\"gmail_signature\" data-smartmail=\"gmail_signature\">"
                         "Ravi</div><pre class=\"moz-signature\">-- \nR</pre>"),
            "<div data-sahayak-quote=\"sig\">Ravi</div><pre data-sahayak-quote=\"sig\">-- \nR</pre>");
  // Other classes, ids and marker values are dropped; markers only on block-ish elements.
  EXPECT_EQ(SanitizeHtml("<div class=\"gmail_quotex quote\" id=\"main\">a</div>"
                         "<div data-sahayak-quote=\"evil\">b</div><b class=\"gmail_quote\">c</b>"),
            "<div>a</div><div>b</div><b>c</b>");
}

TEST(HtmlSanitizer, MarkedOutputIsStableWhenSanitisedAgain) {
  const std::string html = SanitizeHtml(
      "<p>Hi<img src=\"https://a.example/1.png\" alt=\"x\"></p><div class=\"gmail_quote\">q"
      "</div><div id=\"divRplyFwdMsg\">r</div><div class=\"gmail_signature\">s</div>");
  EXPECT_EQ(SanitizeHtml(html), html);
}

}  // namespace
}  // namespace sahayak
