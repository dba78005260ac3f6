#include "domain/commerce.h"

#include <array>
#include <limits>

#include <nlohmann/json.hpp>

namespace sahayak::domain {

namespace {

template <typename E, size_t N>
std::optional<E> ParseName(std::string_view name, const std::array<E, N>& all,
                           const char* (*name_of)(E)) {
  for (E e : all) {
    if (name == name_of(e)) return e;
  }
  return std::nullopt;
}

bool AddChecked(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }
bool MulChecked(int64_t a, int64_t b, int64_t* out) { return !__builtin_mul_overflow(a, b, out); }

}  // namespace

const char* OrderStatusName(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPlaced: return "placed";
    case OrderStatus::kConfirmed: return "confirmed";
    case OrderStatus::kShipped: return "shipped";
    case OrderStatus::kDelivered: return "delivered";
    case OrderStatus::kCancelled: return "cancelled";
    case OrderStatus::kReturned: return "returned";
  }
  return "placed";
}

std::optional<OrderStatus> ParseOrderStatus(std::string_view name) {
  static constexpr std::array kAll = {OrderStatus::kPlaced,    OrderStatus::kConfirmed,
                                      OrderStatus::kShipped,   OrderStatus::kDelivered,
                                      OrderStatus::kCancelled, OrderStatus::kReturned};
  return ParseName(name, kAll, OrderStatusName);
}

const char* PaymentStatusName(PaymentStatus s) {
  switch (s) {
    case PaymentStatus::kPending: return "pending";
    case PaymentStatus::kPaid: return "paid";
    case PaymentStatus::kCashOnDelivery: return "cod";
    case PaymentStatus::kPartiallyRefunded: return "partially_refunded";
    case PaymentStatus::kRefunded: return "refunded";
    case PaymentStatus::kFailed: return "failed";
  }
  return "pending";
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name) {
  static constexpr std::array kAll = {PaymentStatus::kPending,  PaymentStatus::kPaid,
                                      PaymentStatus::kCashOnDelivery,
                                      PaymentStatus::kPartiallyRefunded,
                                      PaymentStatus::kRefunded, PaymentStatus::kFailed};
  return ParseName(name, kAll, PaymentStatusName);
}

const char* InvoiceStatusName(InvoiceStatus s) {
  switch (s) {
    case InvoiceStatus::kIssued: return "issued";
    case InvoiceStatus::kPaid: return "paid";
    case InvoiceStatus::kVoid: return "void";
  }
  return "issued";
}

std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view name) {
  static constexpr std::array kAll = {InvoiceStatus::kIssued, InvoiceStatus::kPaid,
                                      InvoiceStatus::kVoid};
  return ParseName(name, kAll, InvoiceStatusName);
}

std::string InvoiceState(const Invoice& i, std::string_view today) {
  switch (i.status) {
    case InvoiceStatus::kPaid: return "paid";
    case InvoiceStatus::kVoid: return "void";
    case InvoiceStatus::kIssued: break;
  }
  // A fully paid invoice the billing system has not marked yet is not overdue.
  if (i.amount_paid >= i.total) return "paid";
  // "YYYY-MM-DD" strings order as the dates do.
  return today > i.due_on ? "overdue" : "open";
}

std::string ContractState(const Contract& c, std::string_view today) {
  if (today < c.start_on) return "upcoming";
  if (c.end_on && today > *c.end_on) return "expired";
  return "active";
}

Result<std::string> NormaliseReference(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/' ||
                    c == '_' || c == '.';
    if (!ok) {
      return InvalidArgument("must be letters A-Z, digits and - / _ . only");
    }
    out.push_back(c);
  }
  if (out.empty() || out.size() > 40) {
    return InvalidArgument("must be 1-40 characters");
  }
  bool alnum = false;
  for (char c : out) alnum |= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (!alnum) return InvalidArgument("must have a letter or a digit");
  return out;
}

std::optional<int64_t> ParseRatePercent(std::string_view text) {
  if (text.empty() || text.size() > 8) return std::nullopt;
  int64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  int64_t hundredths = 0;
  if (i < text.size()) {
    const size_t decimals = text.size() - i - 1;
    if (decimals == 0 || decimals > 2) return std::nullopt;
    for (size_t j = i + 1; j < text.size(); ++j) {
      if (text[j] < '0' || text[j] > '9') return std::nullopt;
      hundredths = hundredths * 10 + (text[j] - '0');
    }
    if (decimals == 1) hundredths *= 10;
  }
  const int64_t bp = whole * 100 + hundredths;
  if (bp > 10000) return std::nullopt;
  return bp;
}

std::string FormatRatePercent(int64_t bp) {
  std::string out = std::to_string(bp / 100);
  const int64_t frac = bp % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

bool ComputeOrderTotals(Order* o) {
  int64_t subtotal = 0;
  for (OrderItem& it : o->items) {
    if (!MulChecked(it.quantity, it.unit_price, &it.amount)) return false;
    if (!AddChecked(subtotal, it.amount, &subtotal)) return false;
  }
  o->subtotal = subtotal;
  int64_t total = 0;
  if (!AddChecked(subtotal, o->shipping, &total) || !AddChecked(total, o->tax, &total)) {
    return false;
  }
  o->total = total - o->discount;
  return true;
}

bool ComputeInvoiceTotals(Invoice* i) {
  int64_t subtotal = 0;
  int64_t tax = 0;
  bool any_rate = false;
  for (InvoiceLine& l : i->lines) {
    if (!MulChecked(l.quantity, l.unit_price, &l.amount)) return false;
    if (!AddChecked(subtotal, l.amount, &subtotal)) return false;
    if (l.tax_rate_bp > 0) {
      any_rate = true;
      // amount × bp / 10000, rounded half up; amounts are below 10^13 and rates ≤ 10^4.
      const __int128 t = (static_cast<__int128>(l.amount) * l.tax_rate_bp + 5000) / 10000;
      if (t > std::numeric_limits<int64_t>::max() / 2) return false;
      if (!AddChecked(tax, static_cast<int64_t>(t), &tax)) return false;
    }
  }
  i->subtotal = subtotal;
  if (any_rate) i->tax = tax;
  return AddChecked(subtotal, i->tax, &i->total);
}

std::string ItemsToJsonText(const std::vector<OrderItem>& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const OrderItem& it : items) {
    a.push_back({{"sku", it.sku}, {"name", it.name}, {"quantity", it.quantity},
                 {"unit_price", it.unit_price}, {"amount", it.amount}});
  }
  return a.dump();
}

std::vector<OrderItem> ItemsFromJsonText(std::string_view text) {
  std::vector<OrderItem> out;
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& j : a) {
    if (!j.is_object()) continue;
    OrderItem it;
    it.sku = j.value("sku", "");
    it.name = j.value("name", "");
    it.quantity = j.value("quantity", int64_t{1});
    it.unit_price = j.value("unit_price", int64_t{0});
    it.amount = j.value("amount", int64_t{0});
    out.push_back(std::move(it));
  }
  return out;
}

std::string LinesToJsonText(const std::vector<InvoiceLine>& lines) {
  nlohmann::json a = nlohmann::json::array();
  for (const InvoiceLine& l : lines) {
    a.push_back({{"description", l.description}, {"hsn", l.hsn}, {"quantity", l.quantity},
                 {"unit_price", l.unit_price}, {"tax_rate_bp", l.tax_rate_bp},
                 {"amount", l.amount}});
  }
  return a.dump();
}

std::vector<InvoiceLine> LinesFromJsonText(std::string_view text) {
  std::vector<InvoiceLine> out;
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& j : a) {
    if (!j.is_object()) continue;
    InvoiceLine l;
    l.description = j.value("description", "");
    l.hsn = j.value("hsn", "");
    l.quantity = j.value("quantity", int64_t{1});
    l.unit_price = j.value("unit_price", int64_t{0});
    l.tax_rate_bp = j.value("tax_rate_bp", int64_t{0});
    l.amount = j.value("amount", int64_t{0});
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace sahayak::domain
