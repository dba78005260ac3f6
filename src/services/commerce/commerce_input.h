#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/commerce.h"
#include "domain/json_input.h"

// The input rules of orders, invoices and contracts (docs/commerce.md) that need no storage:
// members, amounts, items and lines, dates and the sums they must make. Pure functions, so
// tests/fuzz/fuzz_commerce_input.cc can feed them anything. Customer and account-manager ids
// are checked by CommerceService, which has the transaction.
namespace sahayak::services::commerce_input {

inline constexpr size_t kMaxItems = 200;
inline constexpr size_t kMaxTextChars = 500;
inline constexpr size_t kMaxBillToChars = 1000;
inline constexpr size_t kMaxNotesChars = 5000;
inline constexpr int64_t kMaxQuantity = 1000000;

// Reads the order members of `body` into `o` (creating: `number` required and the defaults
// apply; otherwise `number` may not change), noting every bad member in `in`, then computes
// the totals. A given `total` must equal them.
void ReadOrder(const nlohmann::json& body, bool creating, Millis now, domain::JsonInput* in,
               domain::Order* o);

// The same for invoices: dates, lines, tax (given or from the lines' rates), amount paid.
void ReadInvoice(const nlohmann::json& body, bool creating, domain::JsonInput* in,
                 domain::Invoice* i);

// The same for contracts, except organisation_id and account_manager_id (ids the service
// checks): `*organisation_id` / `*account_manager_id` are set when present (inner nullopt:
// null).
void ReadContract(const nlohmann::json& body, bool creating, domain::JsonInput* in,
                  domain::Contract* c, std::optional<int64_t>* organisation_id,
                  std::optional<std::optional<int64_t>>* account_manager_id);

// {"order_pattern", "invoice_pattern"}: ICU regular expressions of at most 200 characters that
// compile, or "".
void ReadPatterns(const nlohmann::json& body, domain::JsonInput* in, std::string* order_pattern,
                  std::string* invoice_pattern);

// The member `key` as a number (NormaliseReference) or the error.
bool ReadNumber(domain::JsonInput* in, const char* key, std::string* out, bool required);

}  // namespace sahayak::services::commerce_input
