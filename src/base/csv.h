#pragma once

// An RFC 4180 CSV reader and record writer for spreadsheet imports and exports (shipments,
// orders, invoices). Pure functions over strings: no I/O, safe to call from any thread.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sahayak {

struct CsvOptions {
  size_t max_rows = 50000;  // data rows, header not counted
  size_t max_columns = 100;
  size_t max_field_bytes = 10000;
};

struct CsvRow {
  size_t line = 0;  // 1-based physical line where the record starts (the header is line 1 normally)
  std::vector<std::string> fields;  // exactly as written, not trimmed
};

struct CsvTable {
  std::vector<std::string> header;  // names trimmed of ASCII spaces and tabs, non-empty, unique
  std::vector<CsvRow> rows;         // data rows; every one has header.size() fields
  char delimiter = ',';             // ',', ';' or '\t'
};

// Parses `text`, which must be UTF-8, as a table whose first record names the columns.
//
// - A UTF-8 byte order mark at the start is skipped. Lines end in CRLF, LF or a lone CR.
// - Fields are separated by the delimiter, found on the header line: ';' or '\t' when the header
//   holds one of them outside quotes and no ',' (spreadsheets in some locales write ';'; when it
//   holds both, the more frequent wins, ';' on a tie), else ','.
// - A field that starts with '"' is quoted: it may hold delimiters, line breaks and "" for a
//   quote, and must be followed by a delimiter or a line end. A quote anywhere else in a field is
//   an error (RFC 4180; it is usually a quoted field with a space before it).
// - Blank lines, and records whose fields are all empty or only ASCII spaces and tabs (",,,"
//   as spreadsheets write empty rows), are skipped wherever they are; before the header, so are
//   lines made only of ',', ';', spaces and tabs.
// - Fields are returned as written (the caller trims); a row's `line` is the line where its
//   record starts, even when a quoted field spans lines.
//
// Errors are InvalidArgument with a message for the person who made the file, naming the line:
// "line 7: a quoted field is not closed", "line 12: has 9 fields but the header has 8",
// "the file is not UTF-8 (line 4)", "the file has more than 50000 rows", and so on. A file that
// is not UTF-8 or holds a NUL byte is refused before its structure is looked at.
//
// Linear in text.size(); memory is bounded by a small multiple of it.
Result<CsvTable> ParseCsv(std::string_view text, const CsvOptions& options = {});

// One record for a CSV file: the fields joined by ',' and ended by "\r\n". A field is quoted,
// with quotes doubled, when it holds ',', ';', a tab, '"', CR or LF (';' and tab too, so that a
// reader that guesses the delimiter, ParseCsv included, still reads one column).
//
// Against formula injection (OWASP), a field that starts with '=', '+', '-', '@', a tab or CR,
// which a spreadsheet would run as a formula, is written quoted with a "'" in front: "-5" is
// written "'-5" and reads back from ParseCsv as '-5.
std::string CsvRecord(const std::vector<std::string>& fields);

}  // namespace sahayak
