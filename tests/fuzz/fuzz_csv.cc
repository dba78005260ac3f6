// libFuzzer target for ParseCsv and CsvRecord. The input is a CSV file, parsed with small limits
// so that they are reached. Beyond "no crash, no leak, no undefined behaviour" it checks the
// contract: errors are InvalidArgument with a UTF-8 message; a table has unique, trimmed,
// non-empty names, header.size() fields in every row, no blank row, rows in line order within
// the limits; and writing the table back with CsvRecord reads back the same table, a field
// that starts like a formula gaining its "'". The input split at '|' also goes through
// CsvRecord and back as one row, to test the writer on any text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/csv.h"
#include "base/status.h"
#include "base/text.h"
#include "fuzz_assert.h"

namespace {

using Fields = std::vector<std::string>;

bool StartsLikeFormula(std::string_view s) {
  return !s.empty() &&
         (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

// What ParseCsv reads back from CsvRecord(fields).
Fields AsWritten(const Fields& fields) {
  Fields out;
  for (const std::string& f : fields) {
    out.push_back(StartsLikeFormula(f) ? "'" + f : f);
  }
  return out;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::string Join(const Fields& fields) {
  std::string out;
  for (const std::string& f : fields) {
    out += "[" + f + "]";
  }
  return out;
}

size_t PhysicalLines(std::string_view s) {
  size_t lines = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) {
      ++lines;
    }
  }
  return lines;
}

void CheckError(const sahayak::Status& status) {
  if (status.code() != sahayak::Code::kInvalidArgument) {
    FUZZ_ASSERT_FAIL("error is not InvalidArgument", status.ToString());
  }
  if (status.message().empty() || !sahayak::IsValidUtf8(status.message())) {
    FUZZ_ASSERT_FAIL("error message empty or not UTF-8", status.message());
  }
}

void CheckTable(const sahayak::CsvTable& table, const sahayak::CsvOptions& options,
                std::string_view input) {
  const char d = table.delimiter;
  if (d != ',' && d != ';' && d != '\t') {
    FUZZ_ASSERT_FAIL("unknown delimiter", std::string_view(&table.delimiter, 1));
  }
  if (table.header.empty() || table.header.size() > options.max_columns) {
    FUZZ_ASSERT_FAIL("header empty or too wide", Join(table.header));
  }
  std::unordered_set<std::string> seen;
  for (const std::string& name : table.header) {
    if (name.empty() || name.front() == ' ' || name.front() == '\t' || name.back() == ' ' ||
        name.back() == '\t' || !seen.insert(name).second) {
      FUZZ_ASSERT_FAIL("header name empty, untrimmed or repeated", Join(table.header));
    }
  }
  if (table.rows.size() > options.max_rows) {
    FUZZ_ASSERT_FAIL("more rows than allowed", input);
  }
  const size_t last_line = PhysicalLines(input);
  size_t previous_line = 1;
  for (const sahayak::CsvRow& row : table.rows) {
    if (row.fields.size() != table.header.size()) {
      FUZZ_ASSERT_FAIL("row does not have header.size() fields", Join(row.fields));
    }
    if (row.line <= previous_line || row.line > last_line) {
      FUZZ_ASSERT_FAIL("row line out of order or past the end", Join(row.fields));
    }
    previous_line = row.line;
    bool blank = true;
    for (const std::string& field : row.fields) {
      if (field.size() > options.max_field_bytes || !sahayak::IsValidUtf8(field) ||
          field.find('\0') != std::string::npos) {
        FUZZ_ASSERT_FAIL("field too long, not UTF-8 or holding NUL", field);
      }
      blank = blank && IsBlank(field);
    }
    if (blank) {
      FUZZ_ASSERT_FAIL("blank row kept", Join(row.fields));
    }
  }
}

// Writes the table with CsvRecord, after a byte order mark so that a first name that itself
// starts with one survives, and reads it back.
void CheckRoundTrip(const sahayak::CsvTable& table, sahayak::CsvOptions options) {
  std::string text = "\xEF\xBB\xBF" + sahayak::CsvRecord(table.header);
  for (const sahayak::CsvRow& row : table.rows) {
    text += sahayak::CsvRecord(row.fields);
  }
  ++options.max_field_bytes;  // room for the "'" before a formula
  const Fields header = AsWritten(table.header);
  const auto again = sahayak::ParseCsv(text, options);
  if (std::unordered_set<std::string>(header.begin(), header.end()).size() < header.size()) {
    // "-a" and "'-a" are both written '-a: the prefix can make names collide, and the parser
    // must then say so.
    if (again.ok()) {
      FUZZ_ASSERT_FAIL("a header whose names collide when written parsed", text);
    }
    return;
  }
  if (!again.ok()) {
    FUZZ_ASSERT_FAIL("CsvRecord output does not parse", again.status().message() + "\n" + text);
  }
  if (again->delimiter != ',' || again->header != header ||
      again->rows.size() != table.rows.size()) {
    FUZZ_ASSERT_FAIL("round trip changed the header or the number of rows", text);
  }
  for (size_t i = 0; i < table.rows.size(); ++i) {
    if (again->rows[i].fields != AsWritten(table.rows[i].fields)) {
      FUZZ_ASSERT_FAIL("round trip changed a row", Join(table.rows[i].fields) + "\n" + text);
    }
  }
}

// Any text split at '|' is one record; CsvRecord must write it so that it reads back.
void CheckRecord(std::string_view input) {
  if (!sahayak::IsValidUtf8(input) || input.find('\0') != std::string_view::npos) {
    return;
  }
  Fields fields;
  size_t start = 0;
  while (true) {
    const size_t bar = input.find('|', start);
    fields.emplace_back(input.substr(start, bar - start));
    if (bar == std::string_view::npos) {
      break;
    }
    start = bar + 1;
  }
  const Fields written = AsWritten(fields);
  Fields header;
  bool blank = true;  // then ParseCsv skips the row
  for (size_t i = 0; i < fields.size(); ++i) {
    header.push_back("c" + std::to_string(i));
    blank = blank && IsBlank(written[i]);
  }
  sahayak::CsvOptions options;
  options.max_columns = fields.size();
  options.max_field_bytes = input.size() + 32;  // the names c0, c1, … and a "'" prefix fit
  const std::string text = sahayak::CsvRecord(header) + sahayak::CsvRecord(fields);
  const auto table = sahayak::ParseCsv(text, options);
  if (!table.ok()) {
    FUZZ_ASSERT_FAIL("CsvRecord of one record does not parse", table.status().message());
  }
  const size_t expected_rows = blank ? 0 : 1;
  if (table->header != header || table->rows.size() != expected_rows ||
      (expected_rows == 1 && table->rows[0].fields != written)) {
    FUZZ_ASSERT_FAIL("CsvRecord of one record does not read back", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  sahayak::CsvOptions options;
  options.max_rows = 64;
  options.max_columns = 16;
  options.max_field_bytes = 256;

  const auto table = sahayak::ParseCsv(input, options);
  if (!table.ok()) {
    CheckError(table.status());
  } else {
    CheckTable(*table, options, input);
    CheckRoundTrip(*table, options);
  }
  CheckRecord(input);
  return 0;
}
