#include "base/csv.h"

#include <unordered_set>
#include <utility>

#include "base/text.h"

namespace sahayak {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

bool IsBlankField(std::string_view field) {
  for (const char c : field) {
    if (!IsBlank(c)) {
      return false;
    }
  }
  return true;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && IsBlank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

Status LineError(size_t line, std::string_view what) {
  return InvalidArgument("line " + std::to_string(line) + ": " + std::string(what));
}

std::string Count(size_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " " + std::string(noun);
  if (n != 1) {
    out += "s";
  }
  return out;
}

// Refuses what is not UTF-8 text before the structure is looked at, so that a file saved in
// the wrong encoding gets one clear message instead of a confusing one about quotes or fields.
Status CheckEncoding(std::string_view text) {
  size_t line = 1;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == 0) {
        return LineError(line, "the file holds a NUL byte (save it as CSV UTF-8)");
      }
      if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        ++line;
      }
      ++i;
      continue;
    }
    size_t bad = 0;
    const size_t n = Utf8SequenceLength(text.substr(i), &bad);
    if (n == 0) {
      return InvalidArgument("the file is not UTF-8 (line " + std::to_string(line) + ")");
    }
    i += n;
  }
  return Status::Ok();
}

// How many fields a record had (some may not have been kept) and whether all were blank.
struct RecordShape {
  size_t count = 0;
  bool blank = true;
};

// A cursor over the text that reads records and keeps the physical line number. Every method
// moves forward only, which keeps the parse linear.
class Reader {
 public:
  Reader(std::string_view text, const CsvOptions& options) : text_(text), options_(options) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  size_t line() const { return line_; }

  // Skips lines made only of ',', ';', spaces and tabs: spreadsheets write empty rows above a
  // table that way, and whatever the delimiter turns out to be, they hold no names.
  void SkipLinesBeforeHeader() {
    while (pos_ < text_.size()) {
      size_t end = pos_;
      while (end < text_.size() &&
             (text_[end] == ',' || text_[end] == ';' || IsBlank(text_[end]))) {
        ++end;
      }
      if (end == text_.size()) {
        pos_ = end;
        return;
      }
      if (text_[end] != '\r' && text_[end] != '\n') {
        return;
      }
      pos_ = end;
      EndLine();
    }
  }

  // The delimiter of the record at the cursor, without moving it. Quotes are only toggled, not
  // checked: the real read that follows reports malformed ones.
  char DetectDelimiter() const {
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (size_t i = pos_; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (quoted) {
        continue;
      } else if (c == '\r' || c == '\n') {
        break;
      } else if (c == ',') {
        ++commas;
      } else if (c == ';') {
        ++semicolons;
      } else if (c == '\t') {
        ++tabs;
      }
    }
    if (commas > 0 || (semicolons == 0 && tabs == 0)) {
      return ',';
    }
    return semicolons >= tabs ? ';' : '\t';
  }

  // Reads the record at the cursor and its line end. Keeps the first `keep` fields in `fields`
  // and only counts the others, so a runaway row cannot cost more than its text.
  Status ReadRecord(char delimiter, size_t keep, std::vector<std::string>* fields,
                    RecordShape* shape) {
    fields->clear();
    *shape = {};
    while (true) {
      const size_t field_line = line_;
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        RETURN_IF_ERROR(ReadQuoted(delimiter, &field));
      } else {
        RETURN_IF_ERROR(ReadUnquoted(delimiter, &field));
      }
      if (field.size() > options_.max_field_bytes) {
        return LineError(field_line, "a field is longer than " +
                                         std::to_string(options_.max_field_bytes) + " bytes");
      }
      ++shape->count;
      if (shape->blank && !IsBlankField(field)) {
        shape->blank = false;
      }
      if (fields->size() < keep) {
        fields->push_back(std::move(field));
      }
      if (pos_ == text_.size()) {
        return Status::Ok();
      }
      if (text_[pos_] != delimiter) {
        EndLine();  // the field readers stop only at the delimiter or a line end
        return Status::Ok();
      }
      ++pos_;
    }
  }

 private:
  // REQUIRES: the cursor is on CR or LF. A CRLF pair is one line end.
  void EndLine() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      ++pos_;
    }
    ++pos_;
    ++line_;
  }

  Status ReadUnquoted(char delimiter, std::string* field) {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == delimiter || c == '\r' || c == '\n') {
        break;
      }
      if (c == '"') {
        return LineError(line_,
                         "a quote in a field that does not start with one (put the whole field "
                         "in quotes and write \"\" for each quote inside it)");
      }
      ++pos_;
    }
    field->assign(text_.substr(start, pos_ - start));
    return Status::Ok();
  }

  // REQUIRES: the cursor is on the opening quote.
  Status ReadQuoted(char delimiter, std::string* field) {
    const size_t open_line = line_;
    ++pos_;
    size_t run = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        field->append(text_.substr(run, pos_ - run));
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field->push_back('"');
          pos_ += 2;
          run = pos_;
          continue;
        }
        ++pos_;
        if (pos_ < text_.size() && text_[pos_] != delimiter && text_[pos_] != '\r' &&
            text_[pos_] != '\n') {
          return LineError(
              line_, "text after a closing quote (write \"\" for a quote inside a quoted field)");
        }
        return Status::Ok();
      }
      if (c == '\r' || c == '\n') {
        EndLine();
      } else {
        ++pos_;
      }
    }
    return LineError(open_line, "a quoted field is not closed");
  }

  std::string_view text_;
  const CsvOptions& options_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

Result<std::vector<std::string>> HeaderNames(std::vector<std::string> fields) {
  for (std::string& name : fields) {
    name = std::string(TrimBlanks(name));
  }
  std::unordered_set<std::string_view> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].empty()) {
      return InvalidArgument("the header has an empty column name (column " +
                             std::to_string(i + 1) + ")");
    }
    if (!seen.insert(fields[i]).second) {
      return InvalidArgument("the header names \"" + fields[i] + "\" twice");
    }
  }
  return fields;
}

// A spreadsheet evaluates a cell that starts with one of these as a formula (OWASP, "CSV
// Injection"); tab and CR because some spreadsheets skip them before looking.
bool StartsLikeFormula(std::string_view field) {
  if (field.empty()) {
    return false;
  }
  const char c = field.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, const CsvOptions& options) {
  if (text.substr(0, kBom.size()) == kBom) {
    text.remove_prefix(kBom.size());
  }
  RETURN_IF_ERROR(CheckEncoding(text));

  Reader reader(text, options);
  reader.SkipLinesBeforeHeader();
  if (reader.AtEnd()) {
    return InvalidArgument("the file has no header row");
  }
  CsvTable table;
  table.delimiter = reader.DetectDelimiter();
  std::vector<std::string> fields;
  RecordShape shape;
  RETURN_IF_ERROR(reader.ReadRecord(table.delimiter, options.max_columns, &fields, &shape));
  if (shape.count > options.max_columns) {
    return InvalidArgument("the header has more than " + Count(options.max_columns, "column"));
  }
  ASSIGN_OR_RETURN(table.header, HeaderNames(std::move(fields)));

  const size_t columns = table.header.size();
  while (!reader.AtEnd()) {
    const size_t line = reader.line();
    RETURN_IF_ERROR(reader.ReadRecord(table.delimiter, columns, &fields, &shape));
    if (shape.blank) {
      continue;
    }
    if (shape.count != columns) {
      return LineError(line, "has " + Count(shape.count, "field") + " but the header has " +
                                 std::to_string(columns));
    }
    if (table.rows.size() == options.max_rows) {
      return InvalidArgument("the file has more than " + std::to_string(options.max_rows) +
                             " rows");
    }
    table.rows.push_back(CsvRow{line, std::move(fields)});
    fields = {};
  }
  return table;
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    const std::string& field = fields[i];
    const bool formula = StartsLikeFormula(field);
    if (!formula && field.find_first_of(",;\t\"\r\n") == std::string::npos) {
      out += field;
      continue;
    }
    out.push_back('"');
    if (formula) {
      out.push_back('\'');
    }
    for (const char c : field) {
      if (c == '"') {
        out.push_back('"');
      }
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

}  // namespace sahayak
