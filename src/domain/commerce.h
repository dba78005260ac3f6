#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/people.h"
#include "domain/types.h"

// Orders, invoices and contracts (docs/commerce.md): what a business customer buys, is billed
// and has agreed to, shown beside their tickets and in the portal. The entities and the pure
// rules — reference numbers, amounts that add up, and the states derived from today's date.
// Amounts are integers in minor units (paise) of the document's currency.
namespace sahayak::domain {

enum class OrderStatus { kPlaced, kConfirmed, kShipped, kDelivered, kCancelled, kReturned };
inline constexpr const char* kOrderStatusNames =
    "placed, confirmed, shipped, delivered, cancelled, returned";
const char* OrderStatusName(OrderStatus s);
std::optional<OrderStatus> ParseOrderStatus(std::string_view name);

enum class PaymentStatus { kPending, kPaid, kCashOnDelivery, kPartiallyRefunded, kRefunded, kFailed };
inline constexpr const char* kPaymentStatusNames =
    "pending, paid, cod, partially_refunded, refunded, failed";
const char* PaymentStatusName(PaymentStatus s);
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name);

struct OrderItem {
  std::string sku;        // may be ""
  std::string name;
  int64_t quantity = 1;
  int64_t unit_price = 0;  // minor units
  int64_t amount = 0;      // quantity × unit_price
  bool operator==(const OrderItem&) const = default;
};

struct Order {
  Id id = 0;
  Id workspace_id = 0;
  std::string number;  // NormaliseReference; unique in the workspace
  std::optional<Id> contact_id;
  std::optional<Id> organisation_id;
  OrderStatus status = OrderStatus::kPlaced;
  PaymentStatus payment_status = PaymentStatus::kPending;
  std::string currency = "INR";
  std::vector<OrderItem> items;
  int64_t subtotal = 0;  // Σ items
  int64_t shipping = 0;
  int64_t discount = 0;
  int64_t tax = 0;
  int64_t total = 0;     // subtotal + shipping + tax − discount
  Millis placed_at = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// Stored: issued, paid or void. Shown: "open" (issued, not yet due), "overdue", "paid", "void".
enum class InvoiceStatus { kIssued, kPaid, kVoid };
inline constexpr const char* kInvoiceStatusNames = "issued, paid, void";
const char* InvoiceStatusName(InvoiceStatus s);
std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view name);

struct InvoiceLine {
  std::string description;
  std::string hsn;            // HSN/SAC code, may be ""
  int64_t quantity = 1;
  int64_t unit_price = 0;     // minor units
  int64_t tax_rate_bp = 0;    // basis points: 1800 = 18 %
  int64_t amount = 0;         // quantity × unit_price, before tax
  bool operator==(const InvoiceLine&) const = default;
};

struct Invoice {
  Id id = 0;
  Id workspace_id = 0;
  std::string number;  // NormaliseReference; unique in the workspace
  std::optional<Id> contact_id;
  std::optional<Id> organisation_id;
  std::string order_number;  // the order it bills, or ""
  std::string currency = "INR";
  std::string bill_to;       // name and address as printed, lines separated by '\n'
  std::string tax_id;        // the customer's GSTIN or other tax number, or ""
  std::vector<InvoiceLine> lines;
  int64_t subtotal = 0;      // Σ lines
  int64_t tax = 0;
  int64_t total = 0;         // subtotal + tax
  int64_t amount_paid = 0;
  std::string issued_on;     // "YYYY-MM-DD"
  std::string due_on;        // "YYYY-MM-DD", not before issued_on
  InvoiceStatus status = InvoiceStatus::kIssued;
  std::string pdf_sha256;    // the business's own PDF (a blob), or "": Sahayak renders one
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// "open" | "overdue" | "paid" | "void", `today` being "YYYY-MM-DD" where the workspace is.
std::string InvoiceState(const Invoice& i, std::string_view today);

struct Contract {
  Id id = 0;
  Id workspace_id = 0;
  std::string number;  // NormaliseReference; unique in the workspace
  Id organisation_id = 0;
  std::string plan;    // "Business Annual"
  Tier tier = Tier::kStandard;      // the account's tier: the organisation takes it while current
  Tier sla_tier = Tier::kStandard;  // the service level promised
  std::string start_on;             // "YYYY-MM-DD"
  std::optional<std::string> end_on;      // nullopt: open-ended
  std::optional<std::string> renewal_on;  // when it renews or must be renewed
  std::optional<Id> account_manager_id;   // an agent
  std::string notes;
  std::string document_sha256;  // the signed copy (a blob), or ""
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// "upcoming" (starts after today) | "active" | "expired" (ended before today).
std::string ContractState(const Contract& c, std::string_view today);

// An order, invoice or contract number as stored and matched: trimmed, a leading '#' and
// spaces dropped, ASCII letters upper-cased; then 1-40 characters of A-Z, 0-9 and - / _ .
// with at least one digit or letter. InvalidArgument naming the rule otherwise.
Result<std::string> NormaliseReference(std::string_view text);

// Amounts parse and format with domain::ParseMoneyMinor / FormatMoneyMinor (shipment.h).
// Tax rates: "18" or "18.5" (%) → basis points 1800 / 1850; 0-100 %.
std::optional<int64_t> ParseRatePercent(std::string_view text);
std::string FormatRatePercent(int64_t bp);  // 1800 → "18", 1850 → "18.5"

// Σ items' amounts, and the total; false when an amount overflows.
bool ComputeOrderTotals(Order* o);
// Σ lines' amounts, tax Σ amount × rate (rounded half up per line), and the total.
bool ComputeInvoiceTotals(Invoice* i);

// Items and lines as stored with their document: JSON arrays with amounts in minor units.
// Reading skips what is malformed (the store wrote it).
std::string ItemsToJsonText(const std::vector<OrderItem>& items);
std::vector<OrderItem> ItemsFromJsonText(std::string_view text);
std::string LinesToJsonText(const std::vector<InvoiceLine>& lines);
std::vector<InvoiceLine> LinesFromJsonText(std::string_view text);

}  // namespace sahayak::domain
