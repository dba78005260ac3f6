#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/csv.h"
#include "base/status.h"
#include "domain/types.h"

// CSV imports of shipments, orders and invoices (docs/imports.md): the kinds and their columns,
// the job an upload becomes, and the pure step from a parsed file to the request bodies the
// services take — one body per record, each remembering the file lines it came from so an error
// the service names ("items[1].quantity") points back at a row and column of the file.
namespace sahayak::domain {

enum class ImportKind { kShipments, kOrders, kInvoices };
inline constexpr const char* kImportKindNames = "shipments, orders, invoices";
const char* ImportKindName(ImportKind k);
std::optional<ImportKind> ParseImportKind(std::string_view name);

enum class ImportStatus { kQueued, kRunning, kSucceeded, kFailed };
const char* ImportStatusName(ImportStatus s);
std::optional<ImportStatus> ParseImportStatus(std::string_view name);

inline constexpr size_t kMaxImportRows = 50000;
inline constexpr size_t kMaxImportErrorsKept = 1000;
inline constexpr int kMaxImportAttempts = 3;

// One problem of a record: the file's line (the header is line 1), the column (none when the
// problem is the record's as a whole) and what is wrong.
struct ImportError {
  int64_t row = 0;
  std::optional<std::string> column;
  std::string message;
  bool operator==(const ImportError&) const = default;
};

struct ImportJob {
  Id id = 0;
  Id workspace_id = 0;
  ImportKind kind = ImportKind::kShipments;
  std::string file_name;
  std::string file_sha256;  // the uploaded file in the blob store
  bool dry_run = false;
  ImportStatus status = ImportStatus::kQueued;
  int64_t rows = 0;     // data rows in the file
  int64_t records = 0;  // records they make (an order's items are rows of one record)
  int64_t created = 0;
  int64_t updated = 0;
  int64_t error_count = 0;
  std::vector<ImportError> errors;  // the first kMaxImportErrorsKept, by row
  std::optional<Id> created_by;     // the admin who uploaded it
  int attempts = 0;                 // runs started (a crash mid-run leaves it "running")
  Millis created_at = 0;
  std::optional<Millis> started_at;
  std::optional<Millis> finished_at;
};

std::string ImportErrorsJson(const std::vector<ImportError>& errors);
std::vector<ImportError> ParseImportErrorsJson(std::string_view text);

enum class ImportColumnType { kText, kInteger };

struct ImportColumn {
  std::string name;  // "destination.pin": the body member, dotted into objects
  ImportColumnType type = ImportColumnType::kText;
  bool required = false;  // the header must have it
};

struct ImportKindSpec {
  ImportKind kind;
  std::vector<std::string> key;  // the columns that name a record
  // Orders and invoices: the array whose entries are one per row ("items", "lines"); columns
  // "items.name" fill it. Empty for shipments (one row, one record).
  std::string group;
  std::vector<ImportColumn> columns;
  std::vector<std::string> example;  // one example row, in the order of `columns`
};

const ImportKindSpec& ImportSpec(ImportKind kind);
const std::vector<ImportKind>& AllImportKinds();

// The header and one example row: the template offered for download.
std::string ImportTemplateCsv(ImportKind kind);

// A record read from the file: the body for the service's create (or, without its key members,
// update), the key's values as written, and the lines it came from — `lines[0]` its first row,
// `group_lines[i]` the row of the i-th entry of the group array.
struct ImportRecord {
  std::vector<std::string> key;
  nlohmann::json body = nlohmann::json::object();
  int64_t line = 0;
  std::vector<int64_t> group_lines;
};

// The file's header against the kind's columns: InvalidArgument naming "file" for a column the
// kind does not have (with the ones it has) or a required one missing.
Status CheckImportHeader(ImportKind kind, const CsvTable& table);

// Rows to records: rows with the same key make one record (orders and invoices: one row per
// item or line; a record's own columns may repeat on every row, but must not differ). Cells are
// trimmed; an empty cell leaves the member out (an update keeps what the record had). A cell
// that cannot be its column's type, or a row without its key, is an error of that row; such
// rows make no record. Call CheckImportHeader first.
std::vector<ImportRecord> BuildImportRecords(ImportKind kind, const CsvTable& table,
                                             std::vector<ImportError>* errors);

// An error a service named by body member ("items[1].quantity", "destination.pin", "cod") on
// `r`, as a row and column of the file.
ImportError LocateImportError(const ImportKindSpec& spec, const ImportRecord& r,
                              std::string_view field, std::string message);

}  // namespace sahayak::domain
