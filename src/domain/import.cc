#include "domain/import.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "base/text.h"
#include "domain/commerce.h"

namespace sahayak::domain {

using nlohmann::json;

const char* ImportKindName(ImportKind k) {
  switch (k) {
    case ImportKind::kShipments: return "shipments";
    case ImportKind::kOrders: return "orders";
    case ImportKind::kInvoices: return "invoices";
  }
  return "shipments";
}

std::optional<ImportKind> ParseImportKind(std::string_view name) {
  for (ImportKind k : AllImportKinds()) {
    if (name == ImportKindName(k)) return k;
  }
  return std::nullopt;
}

const char* ImportStatusName(ImportStatus s) {
  switch (s) {
    case ImportStatus::kQueued: return "queued";
    case ImportStatus::kRunning: return "running";
    case ImportStatus::kSucceeded: return "succeeded";
    case ImportStatus::kFailed: return "failed";
  }
  return "queued";
}

std::optional<ImportStatus> ParseImportStatus(std::string_view name) {
  for (ImportStatus s : {ImportStatus::kQueued, ImportStatus::kRunning, ImportStatus::kSucceeded,
                         ImportStatus::kFailed}) {
    if (name == ImportStatusName(s)) return s;
  }
  return std::nullopt;
}

std::string ImportErrorsJson(const std::vector<ImportError>& errors) {
  json a = json::array();
  for (const ImportError& e : errors) {
    a.push_back({{"row", e.row},
                 {"column", e.column ? json(*e.column) : json(nullptr)},
                 {"message", e.message}});
  }
  return a.dump();
}

std::vector<ImportError> ParseImportErrorsJson(std::string_view text) {
  std::vector<ImportError> out;
  json a = json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const json& e : a) {
    if (!e.is_object()) continue;
    ImportError x;
    x.row = e.value("row", int64_t{0});
    if (e.contains("column") && e["column"].is_string()) x.column = e["column"].get<std::string>();
    x.message = e.value("message", std::string());
    out.push_back(std::move(x));
  }
  return out;
}

namespace {

constexpr ImportColumnType kText = ImportColumnType::kText;
constexpr ImportColumnType kInteger = ImportColumnType::kInteger;

// The customer columns every kind has.
void AddCustomer(std::vector<ImportColumn>* c) {
  c->push_back({"contact_id", kInteger});
  c->push_back({"contact.email", kText});
  c->push_back({"contact.phone", kText});
  c->push_back({"contact.name", kText});
  c->push_back({"organisation_id", kInteger});
}

ImportKindSpec ShipmentsSpec() {
  ImportKindSpec s{ImportKind::kShipments, {"carrier", "tracking_number"}, "", {}, {}};
  s.columns = {{"carrier", kText, true},
               {"tracking_number", kText, true},
               {"service", kText},
               {"order_ref", kText},
               {"origin.city", kText},
               {"origin.pin", kText},
               {"origin.country", kText},
               {"destination.city", kText},
               {"destination.pin", kText},
               {"destination.country", kText},
               {"weight_grams", kInteger},
               {"cod.amount", kText},
               {"cod.currency", kText},
               {"promised_date", kText},
               {"eta", kText}};
  AddCustomer(&s.columns);
  s.example = {"bluedart", "12345678901", "Express", "OD1001", "Mumbai", "400001", "IN",
               "Bengaluru", "560001", "IN", "1200", "499.00", "INR", "2026-12-10", "",
               "", "ravi@example.in", "+919845012345", "Ravi Kumar", ""};
  return s;
}

ImportKindSpec OrdersSpec() {
  ImportKindSpec s{ImportKind::kOrders, {"number"}, "items", {}, {}};
  s.columns = {{"number", kText, true}};
  AddCustomer(&s.columns);
  for (const char* c : {"status", "payment_status", "currency", "placed_at", "shipping",
                        "discount", "tax", "total"}) {
    s.columns.push_back({c, kText});
  }
  s.columns.push_back({"items.sku", kText});
  s.columns.push_back({"items.name", kText});
  s.columns.push_back({"items.quantity", kInteger});
  s.columns.push_back({"items.unit_price", kText});
  s.example = {"OD1001", "", "ravi@example.in", "+919845012345", "Ravi Kumar", "",
               "shipped", "cod", "INR", "2026-12-01T10:00:00+05:30", "50.00", "0.00", "0.00",
               "", "TSHIRT-M", "T-shirt, medium", "2", "499.00"};
  return s;
}

ImportKindSpec InvoicesSpec() {
  ImportKindSpec s{ImportKind::kInvoices, {"number"}, "lines", {}, {}};
  s.columns = {{"number", kText, true}};
  AddCustomer(&s.columns);
  for (const char* c : {"order_number", "currency", "bill_to", "tax_id", "issued_on", "due_on",
                        "status", "amount_paid", "tax", "total"}) {
    s.columns.push_back({c, kText});
  }
  s.columns.push_back({"lines.description", kText});
  s.columns.push_back({"lines.hsn", kText});
  s.columns.push_back({"lines.quantity", kInteger});
  s.columns.push_back({"lines.unit_price", kText});
  s.columns.push_back({"lines.tax_rate", kText});
  s.example = {"INV/2026-27/0042", "", "accounts@kaveri.example", "", "Kaveri Textiles", "",
               "OD1001", "INR", "Kaveri Textiles, 12 MG Road, Bengaluru 560001",
               "29ABCDE1234F1Z5", "2026-12-01", "2026-12-15", "issued", "0.00", "", "",
               "Express delivery, November", "996812", "1", "10000.00", "18"};
  return s;
}

const std::vector<ImportKindSpec>& Specs() {
  static const std::vector<ImportKindSpec> specs = {ShipmentsSpec(), OrdersSpec(),
                                                    InvoicesSpec()};
  return specs;
}

const ImportColumn* FindColumn(const ImportKindSpec& spec, std::string_view name) {
  for (const ImportColumn& c : spec.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Header names as the file wrote them, compared without case and with spaces as '_'.
std::string ColumnKey(std::string_view name) {
  std::string out = AsciiLower(Trim(name));
  std::replace(out.begin(), out.end(), ' ', '_');
  return out;
}

std::optional<int64_t> WholeNumber(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// Sets `path` ("a.b") of `obj` to `value`.
void SetPath(json* obj, std::string_view path, json value) {
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos) {
    (*obj)[std::string(path)] = std::move(value);
    return;
  }
  json& sub = (*obj)[std::string(path.substr(0, dot))];
  if (!sub.is_object()) sub = json::object();
  SetPath(&sub, path.substr(dot + 1), std::move(value));
}

const json* GetPath(const json& obj, std::string_view path) {
  const size_t dot = path.find('.');
  const std::string head(path.substr(0, dot));
  if (!obj.is_object() || !obj.contains(head)) return nullptr;
  if (dot == std::string_view::npos) return &obj[head];
  return GetPath(obj[head], path.substr(dot + 1));
}

}  // namespace

const std::vector<ImportKind>& AllImportKinds() {
  static const std::vector<ImportKind> kinds = {ImportKind::kShipments, ImportKind::kOrders,
                                                ImportKind::kInvoices};
  return kinds;
}

const ImportKindSpec& ImportSpec(ImportKind kind) {
  for (const ImportKindSpec& s : Specs()) {
    if (s.kind == kind) return s;
  }
  return Specs().front();
}

std::string ImportTemplateCsv(ImportKind kind) {
  const ImportKindSpec& spec = ImportSpec(kind);
  std::vector<std::string> header;
  for (const ImportColumn& c : spec.columns) header.push_back(c.name);
  return CsvRecord(header) + CsvRecord(spec.example);
}

Status CheckImportHeader(ImportKind kind, const CsvTable& table) {
  const ImportKindSpec& spec = ImportSpec(kind);
  std::vector<std::string> unknown;
  for (const std::string& h : table.header) {
    if (FindColumn(spec, ColumnKey(h)) == nullptr) unknown.push_back("\"" + h + "\"");
  }
  if (!unknown.empty()) {
    std::string names;
    for (const ImportColumn& c : spec.columns) names += (names.empty() ? "" : ", ") + c.name;
    std::string list;
    for (const std::string& u : unknown) list += (list.empty() ? "" : ", ") + u;
    std::string msg = (unknown.size() == 1 ? "the column " : "the columns ") + list +
                      (unknown.size() == 1 ? " is" : " are") + " not one of the " +
                      ImportKindName(kind) + " columns: " + names;
    return InvalidArgument(msg).WithField("file", msg);
  }
  for (size_t i = 0; i < table.header.size(); ++i) {
    for (size_t k = 0; k < i; ++k) {
      if (ColumnKey(table.header[i]) == ColumnKey(table.header[k])) {
        std::string msg = "the columns \"" + table.header[k] + "\" and \"" + table.header[i] +
                          "\" are the same column";
        return InvalidArgument(msg).WithField("file", msg);
      }
    }
  }
  for (const ImportColumn& c : spec.columns) {
    if (!c.required) continue;
    bool found = std::any_of(table.header.begin(), table.header.end(),
                             [&](const std::string& h) { return ColumnKey(h) == c.name; });
    if (!found) {
      std::string msg = "the file has no column \"" + c.name + "\", which " +
                        ImportKindName(kind) + " need";
      return InvalidArgument(msg).WithField("file", msg);
    }
  }
  return Status::Ok();
}

std::vector<ImportRecord> BuildImportRecords(ImportKind kind, const CsvTable& table,
                                             std::vector<ImportError>* errors) {
  const ImportKindSpec& spec = ImportSpec(kind);
  std::vector<const ImportColumn*> cols;
  std::vector<int> key_index(spec.key.size(), -1);
  for (size_t i = 0; i < table.header.size(); ++i) {
    cols.push_back(FindColumn(spec, ColumnKey(table.header[i])));
    for (size_t k = 0; k < spec.key.size(); ++k) {
      if (cols.back() != nullptr && cols.back()->name == spec.key[k]) key_index[k] = int(i);
    }
  }
  const std::string group_prefix = spec.group.empty() ? "" : spec.group + ".";

  std::vector<ImportRecord> records;
  std::map<std::vector<std::string>, size_t> by_key;  // grouped kinds only
  for (const CsvRow& row : table.rows) {
    const int64_t line = static_cast<int64_t>(row.line);
    std::vector<std::string> key;
    bool key_missing = false;
    for (size_t k = 0; k < spec.key.size(); ++k) {
      std::string v = key_index[k] < 0 ? "" : std::string(Trim(row.fields[key_index[k]]));
      if (v.empty()) {
        errors->push_back({line, spec.key[k], "is required"});
        key_missing = true;
      }
      key.push_back(std::move(v));
    }
    // Values of the record's own columns and of this row's group entry.
    json own = json::object();
    json entry = json::object();
    bool bad = key_missing;
    for (size_t i = 0; i < cols.size() && i < row.fields.size(); ++i) {
      if (cols[i] == nullptr) continue;
      std::string cell(Trim(row.fields[i]));
      // A cell a spreadsheet (or CsvRecord) kept from being a formula: '+91…, '-5, '=…, '@…
      if (cell.size() > 1 && cell[0] == '\'' &&
          std::string_view("=+-@").find(cell[1]) != std::string_view::npos) {
        cell.erase(0, 1);
      }
      if (cell.empty()) continue;
      json value = cell;
      if (cols[i]->type == ImportColumnType::kInteger) {
        auto n = WholeNumber(cell);
        if (!n) {
          errors->push_back({line, cols[i]->name, "must be a whole number, not \"" + cell + "\""});
          bad = true;
          continue;
        }
        value = *n;
      }
      if (!group_prefix.empty() && cols[i]->name.rfind(group_prefix, 0) == 0) {
        SetPath(&entry, std::string_view(cols[i]->name).substr(group_prefix.size()),
                std::move(value));
      } else {
        SetPath(&own, cols[i]->name, std::move(value));
      }
    }
    if (bad) continue;

    if (spec.group.empty()) {
      ImportRecord r;
      r.key = std::move(key);
      r.body = std::move(own);
      r.line = line;
      records.push_back(std::move(r));
      continue;
    }
    // Orders and invoices: the number as the service will store it, so "od 1001" and "OD1001"
    // on two rows are one record.
    std::vector<std::string> group_key = key;
    if (auto n = NormaliseReference(key[0]); n.ok()) group_key[0] = *n;
    auto [it, fresh] = by_key.emplace(group_key, records.size());
    if (fresh) {
      ImportRecord r;
      r.key = std::move(key);
      r.body = std::move(own);
      r.line = line;
      records.push_back(std::move(r));
    } else {
      ImportRecord& r = records[it->second];
      // A later row may repeat the record's values or leave them empty, not change them.
      bool differs = false;
      for (size_t i = 0; i < cols.size(); ++i) {
        if (cols[i] == nullptr) continue;
        const std::string& name = cols[i]->name;
        if (!group_prefix.empty() && name.rfind(group_prefix, 0) == 0) continue;
        if (std::find(spec.key.begin(), spec.key.end(), name) != spec.key.end()) continue;
        const json* now = GetPath(own, name);
        if (now == nullptr) continue;
        const json* before = GetPath(r.body, name);
        if (before == nullptr) {
          SetPath(&r.body, name, *now);
        } else if (*before != *now) {
          errors->push_back({line, name,
                             "differs from row " + std::to_string(r.line) + " of the same " +
                                 (kind == ImportKind::kOrders ? "order" : "invoice") +
                                 " (each row of a record repeats its values or leaves them "
                                 "empty)"});
          differs = true;
        }
      }
      if (differs) continue;
    }
    ImportRecord& r = records[it->second];
    if (!entry.empty()) {
      if (!r.body.contains(spec.group)) r.body[spec.group] = json::array();
      r.body[spec.group].push_back(std::move(entry));
      r.group_lines.push_back(line);
    }
  }
  return records;
}

ImportError LocateImportError(const ImportKindSpec& spec, const ImportRecord& r,
                              std::string_view field, std::string message) {
  ImportError e{r.line, std::nullopt, std::move(message)};
  if (field.empty()) return e;
  if (!spec.group.empty() && field.rfind(spec.group + "[", 0) == 0) {
    const size_t open = spec.group.size() + 1;
    const size_t close = field.find(']', open);
    if (close != std::string_view::npos) {
      auto index = WholeNumber(field.substr(open, close - open));
      if (index && *index >= 0 && static_cast<size_t>(*index) < r.group_lines.size()) {
        e.row = r.group_lines[static_cast<size_t>(*index)];
      }
      std::string_view rest = field.substr(close + 1);
      if (rest.size() > 1 && rest[0] == '.') {
        e.column = spec.group + "." + std::string(rest.substr(1));
      } else {
        e.column = spec.group;
      }
      return e;
    }
  }
  e.column = std::string(field);
  return e;
}

}  // namespace sahayak::domain
