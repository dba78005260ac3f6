#include "api/html.h"

#include <gtest/gtest.h>

namespace sahayak::api::html {
namespace {

TEST(HtmlEscape, NeutralisesMarkupAndQuotes) {
  EXPECT_EQ(Escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(Escape("Tom & \"Jerry\""), "Tom &amp; &quot;Jerry&quot;");
  EXPECT_EQ(Attr("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
}

TEST(HtmlEscape, KeepsEveryScriptAndRepairsBadBytes) {
  EXPECT_EQ(Escape("मेरा पार्सल कहाँ है? ನನ್ನ ಪಾರ್ಸೆಲ್"), "मेरा पार्सल कहाँ है? ನನ್ನ ಪಾರ್ಸೆಲ್");
  std::string bad = "a\xff<b";
  EXPECT_EQ(Escape(bad), "a\xEF\xBF\xBD&lt;b");
}

TEST(HtmlUrlEncode, EncodesAllButUnreserved) {
  EXPECT_EQ(UrlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(UrlEncode("AZaz09-._~"), "AZaz09-._~");
}

TEST(HtmlRenderPage, HasLandmarksLanguageAndEscapedTitle) {
  Page p;
  p.lang = "hi";
  p.title = "<script>x</script>";
  p.site_name = "Acme & Co";
  p.home_url = "/help/hi";
  p.css_url = "/help/assets/help.css?v=1";
  p.skip_label = "मुख्य सामग्री पर जाएँ";
  p.main_html = "<h1>ok</h1>";
  p.footer_html = "<p>f</p>";
  std::string out = RenderPage(p);
  EXPECT_NE(out.find("<html lang=\"hi\">"), std::string::npos);
  EXPECT_NE(out.find("<title>&lt;script&gt;x&lt;/script&gt; · Acme &amp; Co</title>"),
            std::string::npos);
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_NE(out.find("<a class=\"skip\" href=\"#content\">मुख्य सामग्री पर जाएँ</a>"),
            std::string::npos);
  EXPECT_NE(out.find("<main id=\"content\""), std::string::npos);
  EXPECT_NE(out.find("<header"), std::string::npos);
  EXPECT_NE(out.find("<footer"), std::string::npos);
  EXPECT_NE(out.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(out.find("href=\"/help/assets/help.css?v=1\""), std::string::npos);
  EXPECT_NE(out.find("<h1>ok</h1>"), std::string::npos);
}

}  // namespace
}  // namespace sahayak::api::html
