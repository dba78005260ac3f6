#include "base/markdown.h"

#include <gtest/gtest.h>

#include <string>

#include "base/text.h"

namespace sahayak {
namespace {

bool Contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

TEST(Markdown, HeadingsParagraphsAndEmphasis) {
  const std::string html = RenderMarkdown("# Track\n\n## Steps\n\nSome **bold**, *em* and ~~old~~.\n");
  EXPECT_TRUE(Contains(html, "<h1>Track</h1>")) << html;
  EXPECT_TRUE(Contains(html, "<h2>Steps</h2>")) << html;
  EXPECT_TRUE(Contains(html, "<strong>bold</strong>")) << html;
  EXPECT_TRUE(Contains(html, "<em>em</em>")) << html;
  EXPECT_TRUE(Contains(html, "<del>old</del>")) << html;
}

TEST(Markdown, ListsQuotesAndCode) {
  const std::string html =
      RenderMarkdown("- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nx < y\n```\n");
  EXPECT_TRUE(Contains(html, "<ul>")) << html;
  EXPECT_TRUE(Contains(html, "<li>one</li>")) << html;
  EXPECT_TRUE(Contains(html, "<ol>")) << html;
  EXPECT_TRUE(Contains(html, "<blockquote>")) << html;
  EXPECT_TRUE(Contains(html, "<pre><code>x &lt; y")) << html;
}

TEST(Markdown, GfmTable) {
  const std::string html =
      RenderMarkdown("| Zone | Days |\n|:-----|-----:|\n| Metro | 1-2 |\n| Rural | 4-6 |\n");
  EXPECT_TRUE(Contains(html, "<table>")) << html;
  EXPECT_TRUE(Contains(html, "<thead>")) << html;
  EXPECT_TRUE(Contains(html, "<tbody>")) << html;
  EXPECT_TRUE(Contains(html, "<th align=\"left\">Zone</th>")) << html;
  EXPECT_TRUE(Contains(html, "<td align=\"right\">1-2</td>")) << html;
}

TEST(Markdown, AutolinkAndExternalLinks) {
  const std::string html = RenderMarkdown("See https://example.com/track and [us](https://x.in).");
  EXPECT_TRUE(Contains(html, "<a href=\"https://example.com/track\" rel=\"noopener noreferrer "
                             "nofollow\" target=\"_blank\">https://example.com/track</a>"))
      << html;
  EXPECT_TRUE(Contains(html, "href=\"https://x.in\"")) << html;
}

TEST(Markdown, SiteRelativeLinksAndImagesAreKept) {
  const std::string html = RenderMarkdown(
      "[Returns](/help/en/articles/4)\n\n![Label on the box](/help/files/12/label.png)\n");
  EXPECT_TRUE(Contains(html, "<a href=\"/help/en/articles/4\">Returns</a>")) << html;
  EXPECT_TRUE(Contains(html, "<img src=\"/help/files/12/label.png\" alt=\"Label on the box\">"))
      << html;
  // Protocol-relative URLs are other sites: not treated as site-relative.
  const std::string other = RenderMarkdown("[x](//evil.example/a) ![y](//evil.example/p.png)");
  EXPECT_FALSE(Contains(other, "evil.example")) << other;
}

TEST(Markdown, RemoteImagesAreShown) {
  const std::string html = RenderMarkdown("![map](https://maps.example.com/a.png)");
  EXPECT_TRUE(Contains(html, "<img src=\"https://maps.example.com/a.png\"")) << html;
}

TEST(Markdown, RawHtmlIsSanitised) {
  const std::string html = RenderMarkdown(
      "Hello <script>alert(1)</script> <b onclick=\"x()\">b</b>\n\n"
      "<div style=\"position:fixed\">d</div>\n\n<style>p{}</style>\n\n"
      "<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) "
      "<a href=\"jav&#x09;ascript:alert(1)\">j</a>\n\n<iframe src=\"https://e.com\"></iframe>"
      "<form><input name=a></form><kbd>Ctrl</kbd>");
  EXPECT_FALSE(Contains(html, "<script")) << html;
  EXPECT_FALSE(Contains(html, "alert")) << html;
  EXPECT_FALSE(Contains(html, "onclick")) << html;
  EXPECT_FALSE(Contains(html, "onerror")) << html;
  EXPECT_FALSE(Contains(html, "style")) << html;
  EXPECT_FALSE(Contains(html, "javascript")) << html;
  EXPECT_FALSE(Contains(html, "<iframe")) << html;
  EXPECT_FALSE(Contains(html, "<form")) << html;
  EXPECT_FALSE(Contains(html, "<input")) << html;
  EXPECT_TRUE(Contains(html, "<b>b</b>")) << html;
  EXPECT_TRUE(Contains(html, "<kbd>Ctrl</kbd>")) << html;
}

TEST(Markdown, HindiAndKannadaPassThroughByteForByte) {
  const std::string hi = ToNfc("पार्सल कहाँ है? क़ीमत और ज़रूरी दस्तावेज़");
  const std::string kn = ToNfc("ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ? ಕ್ಷಮಿಸಿ");
  const std::string html = RenderMarkdown("# " + hi + "\n\n" + kn + "\n");
  EXPECT_EQ(html, "<h1>" + hi + "</h1>\n<p>" + kn + "</p>\n");
  EXPECT_EQ(ToNfc(html), html);
}

TEST(Markdown, TaskListItemsShowTheirState) {
  const std::string html = RenderMarkdown("- [x] Print the label\n- [ ] Book a pickup\n");
  EXPECT_TRUE(Contains(html, "\u2611 Print the label")) << html;
  EXPECT_TRUE(Contains(html, "\u2610 Book a pickup")) << html;
  EXPECT_FALSE(Contains(html, "<input")) << html;
}

TEST(Markdown, InvalidUtf8AndEmptyInput) {
  EXPECT_EQ(RenderMarkdown(""), "");
  const std::string html = RenderMarkdown("a\xff\xfe b");
  EXPECT_TRUE(IsValidUtf8(html));
  EXPECT_TRUE(Contains(html, "\uFFFD")) << html;
}

TEST(Markdown, HugeInputIsCutAtACharacterBoundary) {
  std::string big;
  while (big.size() < kMaxMarkdownBytes + 10) {
    big += "क";  // three bytes, so the cut falls inside a character unless it backs off
  }
  const std::string html = RenderMarkdown(big);
  EXPECT_TRUE(IsValidUtf8(html));
  EXPECT_FALSE(Contains(html, "\uFFFD"));
  EXPECT_LT(html.size(), kMaxMarkdownBytes + 100);
}

TEST(Markdown, ToTextDropsMarkup) {
  const std::string text =
      MarkdownToText("# कस्टम्स\n\nYou need **an invoice** and [the form](https://x.in).\n");
  EXPECT_TRUE(Contains(text, "कस्टम्स")) << text;
  EXPECT_TRUE(Contains(text, "You need an invoice and the form.")) << text;
  EXPECT_FALSE(Contains(text, "<")) << text;
  EXPECT_FALSE(Contains(text, "**")) << text;
  EXPECT_FALSE(Contains(text, "#")) << text;
}

}  // namespace
}  // namespace sahayak
