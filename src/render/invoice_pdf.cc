#include "render/invoice_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace sahayak::render {
namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 40;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterReserve = 24;  // kept free above the bottom margin for the footer
constexpr double kContentBottom = kPageHeight - kMargin - kFooterReserve;

constexpr double kTitleSize = 20;
constexpr double kSellerSize = 12;
constexpr double kBodySize = 9.5;
constexpr double kFooterSize = 7.5;
constexpr double kPadX = 4;
constexpr double kPadY = 3;
constexpr int kMaxCellLines = 12;  // so that no single row can be taller than a page

template <auto Fn>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_destroy>>;
using LayoutPtr = std::unique_ptr<PangoLayout, Deleter<g_object_unref>>;
using FontPtr = std::unique_ptr<PangoFontDescription, Deleter<pango_font_description_free>>;

// The document's language decides which font answers first for characters that several cover
// (digits, punctuation, Latin), so that a Hindi invoice keeps one design throughout.
const char* Families(const std::string& language) {
  if (language == "hi") return "Noto Sans Devanagari, Noto Sans, Noto Sans Kannada";
  if (language == "kn") return "Noto Sans Kannada, Noto Sans, Noto Sans Devanagari";
  return "Noto Sans, Noto Sans Devanagari, Noto Sans Kannada";
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  // Called from C: an exception must not cross it.
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

Status CairoError(cairo_status_t status) {
  return Internal(std::string("invoice PDF: ") + cairo_status_to_string(status));
}

struct Style {
  double size = kBodySize;
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  int max_lines = 0;  // 0: as many as the text needs
};

struct Extent {
  double width = 0;
  double height = 0;
};

// One reused layout; sizes are absolute so that one Pango unit is one PDF point, whatever
// resolution PangoCairo assumes.
class Typesetter {
 public:
  Typesetter(cairo_t* cr, const std::string& language)
      : cr_(cr), layout_(pango_cairo_create_layout(cr)), font_(pango_font_description_new()) {
    pango_context_set_language(pango_layout_get_context(layout_.get()),
                               pango_language_from_string(language.c_str()));
    pango_layout_context_changed(layout_.get());
    pango_font_description_set_family(font_.get(), Families(language));
  }

  // `width` <= 0 sets the text on unwrapped lines.
  Extent Measure(std::string_view text, double width, const Style& style) {
    Prepare(text, width, style);
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
  }

  double Draw(std::string_view text, double x, double y, double width, const Style& style,
              bool paint) {
    const double height = Measure(text, width, style).height;
    if (paint) {
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout_.get());
    }
    return height;
  }

 private:
  void Prepare(std::string_view text, double width, const Style& style) {
    if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
      pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
    } else {
      gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
      pango_layout_set_text(layout_.get(), valid, -1);
      g_free(valid);
    }
    pango_font_description_set_absolute_size(font_.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font_.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_.get(), font_.get());
    pango_layout_set_alignment(layout_.get(), style.align);
    pango_layout_set_width(layout_.get(), width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(layout_.get(),
                               style.max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(layout_.get(), style.max_lines > 0 ? -style.max_lines : -1);
  }

  cairo_t* cr_;
  LayoutPtr layout_;
  FontPtr font_;
};

// Lays the whole document out once. With `paint` false it only counts the pages, so the
// painting pass can print "page N / M".
class Composer {
 public:
  Composer(cairo_t* cr, Typesetter& ts, const services::InvoiceDocument& doc,
           const std::vector<double>& widths, bool paint, int pages)
      : cr_(cr), ts_(ts), doc_(doc), widths_(widths), paint_(paint), pages_(pages) {}

  int Run() {
    y_ = kMargin;
    Header();
    if (!widths_.empty()) {
      TableHeadings();
      for (const auto& row : doc_.rows) Row(row);
    }
    Totals();
    if (!doc_.status_line.empty()) {
      const Style style{.size = kSellerSize, .bold = true};
      const double h = ts_.Measure(doc_.status_line, kContentWidth, style).height;
      EnsureSpace(kPadY * 3 + h, false);
      y_ += kPadY * 3;
      y_ += ts_.Draw(doc_.status_line, kMargin, y_, kContentWidth, style, paint_);
    }
    Footer();
    if (paint_) cairo_show_page(cr_);
    return page_;
  }

 private:
  void Header() {
    y_ += ts_.Draw(doc_.title, kMargin, y_, kContentWidth,
                   {.size = kTitleSize, .bold = true, .max_lines = 2}, paint_);
    y_ += ts_.Draw(doc_.seller, kMargin, y_, kContentWidth, {.size = kSellerSize, .max_lines = 2},
                   paint_);
    y_ += 14;

    std::vector<std::pair<const std::string*, const std::string*>> facts = {
        {&doc_.number_label, &doc_.number},
        {&doc_.issued_label, &doc_.issued_on},
        {&doc_.due_label, &doc_.due_on}};
    if (!doc_.order_number.empty()) facts.push_back({&doc_.order_label, &doc_.order_number});
    if (!doc_.tax_id.empty()) facts.push_back({&doc_.tax_id_label, &doc_.tax_id});

    const double half = kContentWidth / 2 - 10;
    const Style label{.bold = true, .max_lines = 2};
    const Style value{.max_lines = 2};
    double label_width = 0;
    for (const auto& [l, v] : facts) {
      label_width = std::max(label_width, ts_.Measure(*l, 0, label).width);
    }
    label_width = std::min(label_width + 8, half / 2);
    double left = y_;
    for (const auto& [l, v] : facts) {
      const double lh = ts_.Draw(*l, kMargin, left, label_width - 8, label, paint_);
      const double vh =
          ts_.Draw(*v, kMargin + label_width, left, half - label_width, value, paint_);
      left += std::max(lh, vh) + 2;
    }

    const double right_x = kMargin + kContentWidth / 2 + 10;
    double right = y_;
    right += ts_.Draw(doc_.bill_to_label, right_x, right, half, label, paint_) + 2;
    right += ts_.Draw(doc_.bill_to, right_x, right, half, {.max_lines = 8}, paint_);
    y_ = std::max(left, right) + 18;
  }

  double X(size_t column) const {
    double x = kMargin;
    for (size_t i = 0; i < column; ++i) x += widths_[i];
    return x;
  }

  static PangoAlignment Align(size_t column) {
    return column >= 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  }

  // Draws one table line (headings or a row) and a rule under it, starting a page first when
  // it would not fit.
  void Line(const std::vector<std::string>& cells, bool bold, bool headings) {
    static const std::string kEmpty;
    auto cell = [&](size_t i) -> const std::string& {
      return i < cells.size() ? cells[i] : kEmpty;
    };
    double height = 0;
    for (size_t i = 0; i < widths_.size(); ++i) {
      const Style style{.bold = bold, .align = Align(i), .max_lines = kMaxCellLines};
      height = std::max(height, ts_.Measure(cell(i), widths_[i] - 2 * kPadX, style).height);
    }
    height += 2 * kPadY;
    if (!headings) EnsureSpace(height, true);
    for (size_t i = 0; i < widths_.size(); ++i) {
      const Style style{.bold = bold, .align = Align(i), .max_lines = kMaxCellLines};
      ts_.Draw(cell(i), X(i) + kPadX, y_ + kPadY, widths_[i] - 2 * kPadX, style, paint_);
    }
    y_ += height;
    Rule(headings ? 0.8 : 0.3, headings ? 0.0 : 0.75);
  }

  void TableHeadings() { Line(doc_.columns, true, true); }
  void Row(const std::vector<std::string>& row) { Line(row, false, false); }

  void Totals() {
    if (doc_.totals.empty()) return;
    y_ += kPadY * 2;
    const double amount_width = widths_.size() >= 2 ? std::max(widths_.back(), 90.0) : 120.0;
    const double amount_x = kMargin + kContentWidth - amount_width;
    const double label_width = kContentWidth / 2 - amount_width;
    for (size_t i = 0; i < doc_.totals.size(); ++i) {
      const bool last = i + 1 == doc_.totals.size();
      const Style style{.bold = last, .align = PANGO_ALIGN_RIGHT, .max_lines = 2};
      const auto& [label, amount] = doc_.totals[i];
      const double h = std::max(ts_.Measure(label, label_width - kPadX, style).height,
                                ts_.Measure(amount, amount_width - kPadX, style).height);
      EnsureSpace(h + 2 * kPadY, false);
      if (last && paint_) {
        cairo_set_line_width(cr_, 0.8);
        cairo_move_to(cr_, amount_x - label_width, y_);
        cairo_line_to(cr_, kMargin + kContentWidth, y_);
        cairo_stroke(cr_);
      }
      ts_.Draw(label, amount_x - label_width, y_ + kPadY, label_width - kPadX, style, paint_);
      ts_.Draw(amount, amount_x, y_ + kPadY, amount_width - kPadX, style, paint_);
      y_ += h + 2 * kPadY;
    }
  }

  void Rule(double line_width, double gray) {
    if (!paint_) return;
    cairo_set_source_rgb(cr_, gray, gray, gray);
    cairo_set_line_width(cr_, line_width);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kMargin + kContentWidth, y_);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void EnsureSpace(double height, bool in_table) {
    if (y_ + height <= kContentBottom) return;
    Footer();
    if (paint_) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
    if (in_table) TableHeadings();
  }

  void Footer() {
    const Style style{.size = kFooterSize, .max_lines = 2};
    const std::string number = std::to_string(page_) + " / " + std::to_string(pages_);
    const double y = kPageHeight - kMargin - kFooterReserve + 8;
    ts_.Draw(doc_.footer, kMargin, y, kContentWidth - 60, style, paint_);
    ts_.Draw(number, kMargin + kContentWidth - 60, y, 60,
             {.size = kFooterSize, .align = PANGO_ALIGN_RIGHT}, paint_);
  }

  cairo_t* cr_;
  Typesetter& ts_;
  const services::InvoiceDocument& doc_;
  const std::vector<double>& widths_;
  const bool paint_;
  const int pages_;
  int page_ = 1;
  double y_ = kMargin;
};

// The first column takes what the others leave; those get their widest cell, within limits.
std::vector<double> ColumnWidths(Typesetter& ts, const services::InvoiceDocument& doc) {
  size_t columns = doc.columns.size();
  for (const auto& row : doc.rows) columns = std::max(columns, row.size());
  std::vector<double> widths(columns, 0);
  if (columns == 0) return widths;
  for (size_t i = 1; i < columns; ++i) {
    double natural =
        i < doc.columns.size() ? ts.Measure(doc.columns[i], 0, {.bold = true}).width : 0;
    for (const auto& row : doc.rows) {
      if (i < row.size()) natural = std::max(natural, ts.Measure(row[i], 0, {}).width);
    }
    widths[i] = std::min(natural + 2 * kPadX, kContentWidth * 0.22);
  }
  double others = 0;
  for (size_t i = 1; i < columns; ++i) others += widths[i];
  const double limit = kContentWidth * 0.65;
  if (others > limit) {
    for (size_t i = 1; i < columns; ++i) widths[i] *= limit / others;
    others = limit;
  }
  widths[0] = kContentWidth - others;
  return widths;
}

}  // namespace

Result<std::string> PangoInvoiceRenderer::Render(const services::InvoiceDocument& doc) const {
  if (doc.rows.size() > kMaxRows) {
    return InvalidArgument("an invoice has at most " + std::to_string(kMaxRows) + " rows, not " +
                           std::to_string(doc.rows.size()));
  }
  std::string pdf;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
  // 1.4 keeps the dictionaries out of the compressed object streams newer Cairo writes for
  // 1.5 and later, so archivers and tests can read font names and metadata; an invoice needs
  // nothing newer.
  cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_4);
  std::string title = doc.title;
  if (!doc.number.empty()) title += (title.empty() ? "" : " ") + doc.number;
  gchar* valid_title = g_utf8_make_valid(title.data(), static_cast<gssize>(title.size()));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, valid_title);
  g_free(valid_title);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Sahayak");

  {
    CairoPtr cr(cairo_create(surface.get()));
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return CairoError(cairo_status(cr.get()));
    Typesetter ts(cr.get(), doc.language);
    const std::vector<double> widths = ColumnWidths(ts, doc);
    const int pages = Composer(cr.get(), ts, doc, widths, false, 0).Run();
    Composer(cr.get(), ts, doc, widths, true, pages).Run();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return CairoError(cairo_status(cr.get()));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return CairoError(cairo_surface_status(surface.get()));
  }
  return pdf;
}

}  // namespace sahayak::render
