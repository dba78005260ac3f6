#pragma once

#include <cstddef>
#include <string>

#include "base/status.h"
#include "services/commerce/invoice_renderer.h"

namespace sahayak::render {

// Lays an invoice out on A4 pages (40 pt margins) with Cairo's PDF surface and Pango, so
// HarfBuzz shapes Devanagari and Kannada with the Noto fonts (Debian's fonts-noto-core).
//
// Every text is UTF-8 set as plain text, never as Pango markup; ill-formed bytes become
// U+FFFD. The table's first column takes the spare width and wraps; columns after the second
// are numeric and right-aligned; when the rows overflow a page the table continues on the next
// one under repeated headings. A cell shows at most 12 lines and ends in "…" beyond that.
// Every page carries the footer and "page / pages". The PDF is version 1.4 with title
// "<title> <number>" and creator "Sahayak".
//
// Errors: InvalidArgument for more than 2,000 rows; Internal with Cairo's message when the
// surface fails.
//
// Thread-safe: Render keeps no state between calls; each call has its own surface, context
// and layouts, and Pango's default font map is per thread.
class PangoInvoiceRenderer final : public services::InvoiceRenderer {
 public:
  static constexpr size_t kMaxRows = 2000;

  Result<std::string> Render(const services::InvoiceDocument& doc) const override;
};

}  // namespace sahayak::render
