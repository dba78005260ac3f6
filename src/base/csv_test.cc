#include "base/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sahayak {
namespace {

using Fields = std::vector<std::string>;

CsvTable Parse(std::string_view text, const CsvOptions& options = {}) {
  Result<CsvTable> table = ParseCsv(text, options);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : CsvTable{};
}

std::string Error(std::string_view text, const CsvOptions& options = {}) {
  Result<CsvTable> table = ParseCsv(text, options);
  if (table.ok()) {
    return "(parsed)";
  }
  EXPECT_EQ(table.status().code(), Code::kInvalidArgument);
  return table.status().message();
}

std::vector<size_t> Lines(const CsvTable& table) {
  std::vector<size_t> lines;
  for (const CsvRow& row : table.rows) {
    lines.push_back(row.line);
  }
  return lines;
}

TEST(CsvParse, ReadsHeaderAndRows) {
  const CsvTable t = Parse("sku,name,qty\r\nA-1,Kettle,2\r\nB-2,Mug,10\r\n");
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.header, (Fields{"sku", "name", "qty"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"A-1", "Kettle", "2"}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"B-2", "Mug", "10"}));
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 3}));
}

TEST(CsvParse, TrimsHeaderNamesButNotFields) {
  const CsvTable t = Parse(" sku \t, name\n  A-1 ,\tKettle\t\n");
  EXPECT_EQ(t.header, (Fields{"sku", "name"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"  A-1 ", "\tKettle\t"}));
}

TEST(CsvParse, SkipsByteOrderMark) {
  const CsvTable t = Parse("\xEF\xBB\xBFsku,qty\nA,1\n");
  EXPECT_EQ(t.header, (Fields{"sku", "qty"}));
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2}));
  // Only one: a second mark belongs to the first name.
  EXPECT_EQ(Parse("\xEF\xBB\xBF\xEF\xBB\xBFsku\nA\n").header, (Fields{"\xEF\xBB\xBFsku"}));
}

TEST(CsvParse, AcceptsEveryLineEnd) {
  for (const std::string eol : {"\r\n", "\n", "\r"}) {
    const CsvTable t = Parse("a,b" + eol + "1,2" + eol + "3,4" + eol);
    EXPECT_EQ(t.header, (Fields{"a", "b"})) << "eol " << eol.size();
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[1].fields, (Fields{"3", "4"}));
    EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 3}));
  }
  const CsvTable mixed = Parse("a,b\r1,2\n3,4\r\n5,6");
  EXPECT_EQ(Lines(mixed), (std::vector<size_t>{2, 3, 4}));
  EXPECT_EQ(mixed.rows[2].fields, (Fields{"5", "6"}));
}

TEST(CsvParse, LastRecordNeedsNoLineEnd) {
  const CsvTable t = Parse("a,b\n1,2");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"1", "2"}));
}

TEST(CsvParse, EmptyFieldsAndTrailingDelimiter) {
  const CsvTable t = Parse("a,b,c\n,2,\n1,,\n\"\",x,\"\"\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"", "2", ""}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"1", "", ""}));
  EXPECT_EQ(t.rows[2].fields, (Fields{"", "x", ""}));
}

TEST(CsvParse, SingleColumn) {
  const CsvTable t = Parse("tracking_number\nAWB1\n\nAWB2\n");
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.header, (Fields{"tracking_number"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields, (Fields{"AWB2"}));
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 4}));
}

TEST(CsvQuoted, HoldsDelimitersQuotesAndLineBreaks) {
  const CsvTable t = Parse(
      "name,note\n"
      "\"Rao, Asha\",\"say \"\"hi\"\"\"\n"
      "\"\"\"\",\"a;b\tc\"\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"Rao, Asha", "say \"hi\""}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"\"", "a;b\tc"}));
}

TEST(CsvQuoted, EmbeddedLineBreaksKeepTheStartLineAndCountOn) {
  const CsvTable t = Parse(
      "number,bill_to\r\n"                                 // line 1
      "INV-1,\"Asha Rao\r\n12 MG Road\r\nBengaluru\"\r\n"  // lines 2-4
      "INV-2,\"one\ntwo\"\r\n"                             // lines 5-6
      "INV-3,\"cr\ronly\"\r\n"                             // lines 7-8
      "INV-4,plain\r\n");                                  // line 9
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 5, 7, 9}));
  EXPECT_EQ(t.rows[0].fields[1], "Asha Rao\r\n12 MG Road\r\nBengaluru") << "kept as written";
  EXPECT_EQ(t.rows[1].fields[1], "one\ntwo");
  EXPECT_EQ(t.rows[2].fields[1], "cr\ronly");
}

TEST(CsvQuoted, ErrorsAfterEmbeddedLineBreaksNameTheRightLine) {
  EXPECT_EQ(Error("a,b\n\"x\ny\",1\n1,2,3\n"), "line 4: has 3 fields but the header has 2");
  EXPECT_EQ(Error("a,b\n1,\"x\ny\"z\n"),
            "line 3: text after a closing quote (write \"\" for a quote inside a quoted field)");
  EXPECT_EQ(Error("a,b\r\n\"x\r\ny\",1\r\n\xC3\x28,2\r\n"), "the file is not UTF-8 (line 4)");
}

TEST(CsvQuoted, HeaderNamesMayBeQuoted) {
  const CsvTable t = Parse("\"order, number\",\" qty \"\nA,1\n");
  EXPECT_EQ(t.header, (Fields{"order, number", "qty"}));
}

TEST(CsvDelimiter, SemicolonWhenTheHeaderHasNoComma) {
  const CsvTable t = Parse("sku;price;note\nA;12,50;\"x;y\"\n");
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_EQ(t.header, (Fields{"sku", "price", "note"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"A", "12,50", "x;y"}));
}

TEST(CsvDelimiter, TabWhenTheHeaderHasNoComma) {
  const CsvTable t = Parse("sku\tname\nA\tKettle, steel\n");
  EXPECT_EQ(t.delimiter, '\t');
  EXPECT_EQ(t.rows[0].fields, (Fields{"A", "Kettle, steel"}));
}

TEST(CsvDelimiter, CommaWinsAndQuotedDelimitersDoNotCount) {
  EXPECT_EQ(Parse("a;b,c\n1,2\n").delimiter, ',');
  EXPECT_EQ(Parse("a\tb,c\n1,2\n").delimiter, ',');
  EXPECT_EQ(Parse("\"a;b\",c\n1,2\n").delimiter, ',');
  EXPECT_EQ(Parse("\"a,b\";c\n1;2\n").delimiter, ';');
  EXPECT_EQ(Parse("\"a;b\"\n1\n").delimiter, ',');
  EXPECT_EQ(Parse("\"a\tb\"\n1\n").delimiter, ',');
  const CsvTable one = Parse("\"a;b\"\n1;2\n");
  EXPECT_EQ(one.header, (Fields{"a;b"}));
  EXPECT_EQ(one.rows[0].fields, (Fields{"1;2"}));
}

TEST(CsvDelimiter, MoreFrequentOfSemicolonAndTab) {
  EXPECT_EQ(Parse("a;b;c\td\n1;2;3\td\n").delimiter, ';');
  EXPECT_EQ(Parse("a\tb\tc;d\n1\t2\t3;d\n").delimiter, '\t');
  EXPECT_EQ(Parse("a;b\tc\n1;2\tc\n").delimiter, ';') << "a tie goes to ';'";
}

TEST(CsvBlank, SkipsBlankLinesAndEmptyRowsAnywhere) {
  const CsvTable t = Parse(
      "\n"                // 1
      ",,\n"              // 2: an empty spreadsheet row above the table
      " ; \n"             // 3
      "a,b,c\n"           // 4: header
      "\n"                // 5
      ",,\n"              // 6
      "1,2,3\n"           // 7
      " ,\t,\n"           // 8: only spaces and tabs
      "\"\",\"\",\"\"\n"  // 9
      ",\n"               // 10: empty, even with the wrong number of fields
      "4,5,6\r\n"         // 11
      "\r\n\r\n\n\n");
  EXPECT_EQ(t.header, (Fields{"a", "b", "c"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Lines(t), (std::vector<size_t>{7, 11}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"4", "5", "6"}));
}

TEST(CsvBlank, SemicolonFileWithEmptyRows) {
  const CsvTable t = Parse(";;\nsku;qty\n;\nA;1\n;;;\n");
  EXPECT_EQ(t.delimiter, ';');
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 4u);
}

TEST(CsvIndic, DevanagariAndKannadaFields) {
  const CsvTable t = Parse(
      "नाम,ಊರು,टिप्पणी\r\n"
      "आशा राव,ಬೆಂಗಳೂರು,\"पार्सल, कल\"\r\n"
      "ರವಿ,ಮೈಸೂರು,\"ನನ್ನ ಪಾರ್ಸೆಲ್\nಎಲ್ಲಿದೆ?\"\r\n"
      "x,y,z\r\n");
  EXPECT_EQ(t.header, (Fields{"नाम", "ಊರು", "टिप्पणी"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"आशा राव", "ಬೆಂಗಳೂರು", "पार्सल, कल"}));
  EXPECT_EQ(t.rows[1].fields[2], "ನನ್ನ ಪಾರ್ಸೆಲ್\nಎಲ್ಲಿದೆ?");
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 3, 5}));
  EXPECT_EQ(Parse("नाम;₹\nआशा;४९९\n").delimiter, ';');
}

TEST(CsvErrors, QuotedFieldNotClosedNamesWhereItOpened) {
  EXPECT_EQ(Error("a,b\n1,2\n3,4\n5,6\n7,8\n9,0\n1,\"open\nnever\nclosed\n"),
            "line 7: a quoted field is not closed");
  EXPECT_EQ(Error("\"a,b\n"), "line 1: a quoted field is not closed");
}

TEST(CsvErrors, TextAfterClosingQuote) {
  EXPECT_EQ(Error("a,b\n1,2\n\"5\" pipe\",x\n"),
            "line 3: text after a closing quote (write \"\" for a quote inside a quoted field)");
  EXPECT_EQ(Error("\"a\"b\n"),
            "line 1: text after a closing quote (write \"\" for a quote inside a quoted field)");
}

TEST(CsvErrors, QuoteInsideUnquotedField) {
  const std::string message =
      "line 2: a quote in a field that does not start with one (put the whole field in quotes "
      "and write \"\" for each quote inside it)";
  EXPECT_EQ(Error("item,size\nTV,55\"\n"), message);
  EXPECT_EQ(Error("a,b\n1, \"x,y\"\n"), message) << "a space before the opening quote";
}

TEST(CsvErrors, WrongNumberOfFields) {
  std::string text = "c1,c2,c3,c4,c5,c6,c7,c8\n";
  for (int line = 2; line < 12; ++line) {
    text += "1,2,3,4,5,6,7,8\n";
  }
  EXPECT_EQ(Error(text + "1,2,3,4,5,6,7,8,9\n"), "line 12: has 9 fields but the header has 8");
  EXPECT_EQ(Error(text + "1,2,3,4,5,6,7\n"), "line 12: has 7 fields but the header has 8");
  EXPECT_EQ(Error("a,b\nx\n"), "line 2: has 1 field but the header has 2");
  EXPECT_EQ(Error("a\nx,y\n"), "line 2: has 2 fields but the header has 1");
}

TEST(CsvErrors, RunawayRowIsCountedNotStored) {
  const std::string row(1000000, ',');
  EXPECT_EQ(Error("a,b\n" + row + "x\n"), "line 2: has 1000001 fields but the header has 2");
}

TEST(CsvErrors, NotUtf8NamesTheLine) {
  EXPECT_EQ(Error("a,b\n1,2\n3,4\n\xE9t\xE9,5\n"), "the file is not UTF-8 (line 4)");  // Latin-1
  EXPECT_EQ(Error("a\n\xC0\xAF\n"), "the file is not UTF-8 (line 2)");                 // overlong
  EXPECT_EQ(Error("a\n\xED\xA0\x80\n"), "the file is not UTF-8 (line 2)");             // surrogate
  EXPECT_EQ(Error("a\r\rb\n\xE0\xA4"), "the file is not UTF-8 (line 4)");  // truncated at end
  EXPECT_EQ(Error(std::string("\xFF\xFEs\0k\0u\0", 8)), "the file is not UTF-8 (line 1)");
}

TEST(CsvErrors, NulByte) {
  EXPECT_EQ(Error(std::string("a,b\n1,\0\n", 8)),
            "line 2: the file holds a NUL byte (save it as CSV UTF-8)");
  EXPECT_EQ(Error(std::string("a\n\"x\n\0\"\n", 8)),
            "line 3: the file holds a NUL byte (save it as CSV UTF-8)");
}

TEST(CsvErrors, NoHeaderRow) {
  EXPECT_EQ(Error(""), "the file has no header row");
  EXPECT_EQ(Error("\xEF\xBB\xBF"), "the file has no header row");
  EXPECT_EQ(Error("\r\n\n\r"), "the file has no header row");
  EXPECT_EQ(Error(",,,\n;;\n \t\n"), "the file has no header row");
}

TEST(CsvErrors, HeaderWithoutRowsIsAnEmptyTable) {
  const CsvTable t = Parse("sku,qty\r\n\r\n,\r\n");
  EXPECT_EQ(t.header, (Fields{"sku", "qty"}));
  EXPECT_TRUE(t.rows.empty());
}

TEST(CsvErrors, TooManyRows) {
  std::string text = "n\n";
  for (int i = 0; i < 50000; ++i) {
    text += "1\n";
  }
  EXPECT_EQ(Parse(text).rows.size(), 50000u);
  EXPECT_EQ(Error(text + "1\n"), "the file has more than 50000 rows");
  CsvOptions three;
  three.max_rows = 3;
  EXPECT_EQ(Parse("n\n1\n\n2\n,\n3\n\n", three).rows.size(), 3u) << "blank rows do not count";
  EXPECT_EQ(Error("n\n1\n2\n3\n4\n", three), "the file has more than 3 rows");
}

TEST(CsvErrors, FieldTooLong) {
  const std::string limit(10000, 'x');
  EXPECT_EQ(Parse("a,b\n1," + limit + "\n").rows[0].fields[1].size(), 10000u);
  EXPECT_EQ(Error("a,b\n1," + limit + "x\n"), "line 2: a field is longer than 10000 bytes");
  EXPECT_EQ(Error("a,b\n1,\"\n" + limit + "\"\n"), "line 2: a field is longer than 10000 bytes")
      << "named by the line where the field starts";
  CsvOptions small;
  small.max_field_bytes = 3;
  EXPECT_EQ(Parse("a\n\"\"\"\"\"\"\"\"\n", small).rows[0].fields[0], "\"\"\"")
      << "the limit counts bytes as read, not as written";
  EXPECT_EQ(Error("abcd\n1\n", small), "line 1: a field is longer than 3 bytes");
  EXPECT_EQ(Error("a\n1\n\"ab\nc\"\n", small), "line 3: a field is longer than 3 bytes");
}

TEST(CsvErrors, DuplicateHeaderName) {
  EXPECT_EQ(Error("sku,name, sku \nA,B,C\n"), "the header names \"sku\" twice");
  EXPECT_EQ(Parse("sku,SKU\n1,2\n").header, (Fields{"sku", "SKU"})) << "names are case-sensitive";
}

TEST(CsvErrors, EmptyHeaderName) {
  EXPECT_EQ(Error("sku,name,,qty\n"), "the header has an empty column name (column 3)");
  EXPECT_EQ(Error("sku,name, \t\n"), "the header has an empty column name (column 3)");
  EXPECT_EQ(Error("\"\",x\n"), "the header has an empty column name (column 1)");
}

TEST(CsvErrors, TooManyColumns) {
  std::string header = "c0";
  for (int i = 1; i < 100; ++i) {
    header += ",c" + std::to_string(i);
  }
  EXPECT_EQ(Parse(header + "\n").header.size(), 100u);
  EXPECT_EQ(Error(header + ",c100\n"), "the header has more than 100 columns");
  CsvOptions one;
  one.max_columns = 1;
  EXPECT_EQ(Error("a,b\n", one), "the header has more than 1 column");
}

TEST(CsvRecordTest, PlainFieldsAreNotQuoted) {
  EXPECT_EQ(CsvRecord({"A-1", "Kettle", "2"}), "A-1,Kettle,2\r\n");
  EXPECT_EQ(CsvRecord({"", "x", ""}), ",x,\r\n");
  EXPECT_EQ(CsvRecord({}), "\r\n");
  EXPECT_EQ(CsvRecord({"आशा राव", "ಬೆಂಗಳೂರು"}), "आशा राव,ಬೆಂಗಳೂರು\r\n");
  EXPECT_EQ(CsvRecord({" padded ", "1-2", "a=b"}), " padded ,1-2,a=b\r\n");
}

TEST(CsvRecordTest, QuotesWhatNeedsIt) {
  EXPECT_EQ(CsvRecord({"Rao, Asha"}), "\"Rao, Asha\"\r\n");
  EXPECT_EQ(CsvRecord({"say \"hi\""}), "\"say \"\"hi\"\"\"\r\n");
  EXPECT_EQ(CsvRecord({"a\r\nb", "c\nd", "e\rf"}), "\"a\r\nb\",\"c\nd\",\"e\rf\"\r\n");
  EXPECT_EQ(CsvRecord({"a;b", "c\td"}), "\"a;b\",\"c\td\"\r\n");
}

TEST(CsvRecordTest, FormulaInjectionPrefix) {
  EXPECT_EQ(CsvRecord({"=SUM(A1:A9)"}), "\"'=SUM(A1:A9)\"\r\n");
  EXPECT_EQ(CsvRecord({"+91 98450 12345"}), "\"'+91 98450 12345\"\r\n");
  EXPECT_EQ(CsvRecord({"-5"}), "\"'-5\"\r\n");
  EXPECT_EQ(CsvRecord({"@cmd"}), "\"'@cmd\"\r\n");
  EXPECT_EQ(CsvRecord({"\t=1"}), "\"'\t=1\"\r\n");
  EXPECT_EQ(CsvRecord({"\r=1"}), "\"'\r=1\"\r\n");
  EXPECT_EQ(CsvRecord({"=HYPERLINK(\"http://x\",\"y\")"}),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
}

TEST(CsvRecordTest, RoundTripsThroughParseCsv) {
  const std::vector<Fields> rows = {
      {"INV-1", "Asha Rao\r\n12 MG Road\nBengaluru", "say \"hi\", then go", "1,180.00"},
      {"INV-2", "आशा राव; ಬೆಂಗಳೂರು", "\"\"", "a\tb"},
      {"INV-3", "", "x", "a\r"},
      {"=1+2", "+91", "-5", "@SUM(A1)"},
  };
  const Fields header = {"number", "bill to", "note", "total"};
  std::string text = CsvRecord(header);
  for (const Fields& row : rows) {
    text += CsvRecord(row);
  }
  const CsvTable t = Parse(text);
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.header, header);
  ASSERT_EQ(t.rows.size(), rows.size());
  for (size_t i = 0; i + 1 < rows.size(); ++i) {
    EXPECT_EQ(t.rows[i].fields, rows[i]) << "row " << i;
  }
  EXPECT_EQ(t.rows[3].fields, (Fields{"'=1+2", "'+91", "'-5", "'@SUM(A1)"}));
  EXPECT_EQ(Lines(t), (std::vector<size_t>{2, 5, 6, 8}));
}

TEST(CsvRecordTest, SingleColumnWithSemicolonStaysOneColumn) {
  const CsvTable t = Parse(CsvRecord({"a;b"}) + CsvRecord({"x\ty"}));
  EXPECT_EQ(t.header, (Fields{"a;b"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"x\ty"}));
}

}  // namespace
}  // namespace sahayak
