#include "domain/import.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

CsvTable Parse(std::string_view text) {
  auto t = ParseCsv(text);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : CsvTable{};
}

TEST(ImportHeader, NamesUnknownAndMissingColumns) {
  Status st = CheckImportHeader(ImportKind::kOrders, Parse("number,colour\nOD1,red\n"));
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("\"colour\""), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("items.quantity"), std::string::npos) << st.message();

  st = CheckImportHeader(ImportKind::kShipments, Parse("carrier,service\nbluedart,x\n"));
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("\"tracking_number\""), std::string::npos) << st.message();

  st = CheckImportHeader(ImportKind::kOrders, Parse("number,Status,status\nOD1,placed,placed\n"));
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  // Header names are matched without case, spaces as '_'.
  EXPECT_TRUE(CheckImportHeader(ImportKind::kShipments,
                                Parse("Carrier,Tracking Number\nbluedart,1\n")).ok());
}

TEST(ImportRecords, GroupsTheRowsOfAnOrderIntoItsItems) {
  const CsvTable t = Parse(
      "number,contact.email,status,items.name,items.quantity,items.unit_price\n"
      "OD1,a@example.in,placed,Kurta,2,499.00\n"
      "OD2,b@example.in,,साड़ी,1,1200.00\n"
      "od 1,,placed,Dupatta,1,250.00\n");
  std::vector<ImportError> errors;
  auto records = BuildImportRecords(ImportKind::kOrders, t, &errors);
  ASSERT_TRUE(errors.empty()) << errors[0].message;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].body["number"], "OD1");
  EXPECT_EQ(records[0].body["contact"]["email"], "a@example.in");
  ASSERT_EQ(records[0].body["items"].size(), 2u);
  EXPECT_EQ(records[0].body["items"][0]["quantity"], 2);
  EXPECT_EQ(records[0].body["items"][1]["name"], "Dupatta");
  EXPECT_EQ(records[0].group_lines, (std::vector<int64_t>{2, 4}));
  EXPECT_FALSE(records[1].body.contains("status"));  // an empty cell leaves the member out
  EXPECT_EQ(records[1].body["items"][0]["name"], "साड़ी");

  // A located service error points at the item's own row.
  ImportError e = LocateImportError(ImportSpec(ImportKind::kOrders), records[0],
                                    "items[1].quantity", "must be at least 1");
  EXPECT_EQ(e.row, 4);
  EXPECT_EQ(e.column, "items.quantity");
  e = LocateImportError(ImportSpec(ImportKind::kOrders), records[0], "contact.email", "bad");
  EXPECT_EQ(e.row, 2);
  EXPECT_EQ(e.column, "contact.email");
}

TEST(ImportRecords, ReportsBadCellsAndDifferingValuesByRow) {
  const CsvTable t = Parse(
      "number,status,items.name,items.quantity,items.unit_price\n"
      "OD1,placed,Kurta,two,499.00\n"
      ",placed,Kurta,1,499.00\n"
      "OD2,placed,Kurta,1,499.00\n"
      "OD2,shipped,Kurta,1,499.00\n");
  std::vector<ImportError> errors;
  auto records = BuildImportRecords(ImportKind::kOrders, t, &errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], (ImportError{2, "items.quantity", "must be a whole number, not \"two\""}));
  EXPECT_EQ(errors[1].row, 3);
  EXPECT_EQ(errors[1].column, "number");
  EXPECT_EQ(errors[2].row, 5);
  EXPECT_EQ(errors[2].column, "status");
}

TEST(ImportRecords, ShipmentsAreOneRowEach) {
  const CsvTable t = Parse(
      "carrier,tracking_number,destination.pin,weight_grams\n"
      "bluedart,111,560001,1200\n"
      "bluedart,222,,\n");
  std::vector<ImportError> errors;
  auto records = BuildImportRecords(ImportKind::kShipments, t, &errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].body["destination"]["pin"], "560001");
  EXPECT_EQ(records[0].body["weight_grams"], 1200);
  EXPECT_EQ(records[1].key, (std::vector<std::string>{"bluedart", "222"}));
  EXPECT_FALSE(records[1].body.contains("destination"));
}

TEST(ImportTemplate, IsTheHeaderAndAnExampleThatPassTheHeaderCheck) {
  for (ImportKind k : AllImportKinds()) {
    auto t = ParseCsv(ImportTemplateCsv(k));
    ASSERT_TRUE(t.ok()) << ImportKindName(k) << ": " << t.status().ToString();
    EXPECT_EQ(t->rows.size(), 1u);
    EXPECT_TRUE(CheckImportHeader(k, *t).ok()) << ImportKindName(k);
    std::vector<ImportError> errors;
    EXPECT_EQ(BuildImportRecords(k, *t, &errors).size(), 1u);
    EXPECT_TRUE(errors.empty()) << ImportKindName(k);
  }
  // The phone of the shipments' example starts with '+': written with CsvRecord's formula
  // guard, it comes back as the number, not as '+91….
  auto t = ParseCsv(ImportTemplateCsv(ImportKind::kShipments));
  std::vector<ImportError> errors;
  auto r = BuildImportRecords(ImportKind::kShipments, *t, &errors);
  EXPECT_EQ(r.at(0).body["contact"]["phone"], "+919845012345");
}

TEST(ImportErrors, RoundTripThroughJson) {
  std::vector<ImportError> e = {{3, "destination.pin", "must be a postal code"},
                                {7, std::nullopt, "gone"}};
  EXPECT_EQ(ParseImportErrorsJson(ImportErrorsJson(e)), e);
  EXPECT_TRUE(ParseImportErrorsJson("not json").empty());
}

}  // namespace
}  // namespace sahayak::domain
