#include "services/commerce/commerce_input.h"

#include <algorithm>
#include <memory>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "base/clock.h"
#include "base/text.h"
#include "domain/shipment.h"

namespace sahayak::services::commerce_input {

namespace {

using nlohmann::json;

constexpr const char* kAmountRule = "must be an amount like \"499.00\" (at most two decimals)";

// Trimmed NFC text of at most `max` characters; line breaks only where `lines` allows.
bool Text(domain::JsonInput* in, const char* key, std::string* out, size_t max,
          bool required = false, bool lines = false) {
  std::string s;
  if (!in->Str(key, &s, required, 100000)) return false;
  s = ToNfc(Trim(s));
  if (required && s.empty()) {
    in->Error(key, "must not be empty");
    return false;
  }
  std::string check = s;
  if (lines) {
    std::erase(check, '\r');
    std::replace(check.begin(), check.end(), '\n', ' ');
  }
  if (HasControlChars(check)) {
    in->Error(key, "may not hold control characters");
    return false;
  }
  if (CodePointCount(s) > max) {
    in->Error(key, "is longer than " + std::to_string(max) + " characters");
    return false;
  }
  if (lines) std::erase(s, '\r');
  *out = std::move(s);
  return true;
}

// An amount given as "499.00" or 499.5; false (with the error) when present and bad.
bool Amount(domain::JsonInput* in, const json& obj, const char* key, int64_t* out) {
  if (!obj.contains(key)) return false;
  const json& v = obj[key];
  std::optional<int64_t> minor;
  if (v.is_string()) {
    minor = domain::ParseMoneyMinor(Trim(v.get<std::string>()));
  } else if (v.is_number_unsigned() || v.is_number_integer()) {
    minor = domain::ParseMoneyMinor(v.dump());
  } else if (v.is_number_float()) {
    // 499.5 → "499.5"; more than two decimals or an exponent is refused below.
    minor = domain::ParseMoneyMinor(v.dump());
  }
  if (!minor) {
    in->Error(key, kAmountRule);
    return false;
  }
  *out = *minor;
  return true;
}

bool Currency(domain::JsonInput* in, std::string* out) {
  std::string c;
  if (!in->Str("currency", &c, false, 16)) return false;
  c = Trim(c);
  std::transform(c.begin(), c.end(), c.begin(),
                 [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch; });
  if (c.size() != 3 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
    in->Error("currency", "must be an ISO 4217 code such as INR");
    return false;
  }
  *out = c;
  return true;
}

bool Date(domain::JsonInput* in, const char* key, std::string* out, bool required) {
  std::string d;
  if (!in->Str(key, &d, required, 100)) return false;
  d = Trim(d);
  if (!IsValidDate(d)) {
    in->Error(key, "must be a date like 2026-12-31");
    return false;
  }
  *out = d;
  return true;
}

// A date or null; `*out` engaged when the member is present.
void NullableDate(domain::JsonInput* in, const char* key,
                  std::optional<std::optional<std::string>>* out) {
  if (!in->Has(key)) return;
  if (in->IsNull(key)) {
    *out = std::optional<std::string>();
    return;
  }
  std::string d;
  if (Date(in, key, &d, false)) *out = std::optional<std::string>(d);
}

bool Quantity(domain::JsonInput* in, int64_t* out) {
  if (!in->Has("quantity")) return true;
  int64_t q = 0;
  if (!in->Int("quantity", &q)) return false;
  if (q < 1 || q > kMaxQuantity) {
    in->Error("quantity", "must be 1 to " + std::to_string(kMaxQuantity));
    return false;
  }
  *out = q;
  return true;
}

// Checks a given "amount" of an item or line against quantity × unit price.
void CheckLineAmount(domain::JsonInput* sub, const json& e, int64_t quantity, int64_t unit) {
  int64_t given = 0;
  if (!e.contains("amount") || !Amount(sub, e, "amount", &given)) return;
  int64_t want = 0;
  if (__builtin_mul_overflow(quantity, unit, &want) || want != given) {
    sub->Error("amount", "must be quantity × unit_price");
  }
}

// Moves a sub-input's errors into `in`.
void Merge(const domain::JsonInput& sub, domain::JsonInput* in) {
  if (sub.ok()) return;
  const Status bad = sub.status();  // by value: keep it alive for the loop
  for (const auto& f : bad.fields()) in->Error(f.field, f.message);
}

// `key` as an array of objects of at most kMaxItems; false (with the error) otherwise.
const json* ObjectArray(domain::JsonInput* in, const json& body, const char* key) {
  if (!body.contains(key)) return nullptr;
  const json& a = body[key];
  if (!a.is_array()) {
    in->Error(key, "must be an array");
    return nullptr;
  }
  if (a.size() > kMaxItems) {
    in->Error(key, "may hold at most " + std::to_string(kMaxItems) + " entries");
    return nullptr;
  }
  return &a;
}

void ReadItems(const json& body, domain::JsonInput* in, std::vector<domain::OrderItem>* out) {
  const json* a = ObjectArray(in, body, "items");
  if (a == nullptr) return;
  std::vector<domain::OrderItem> items;
  bool ok = true;
  for (size_t i = 0; i < a->size(); ++i) {
    const json& e = (*a)[i];
    const std::string name = "items[" + std::to_string(i) + "]";
    if (!e.is_object()) {
      in->Error(name, "must be {\"name\", \"quantity\", \"unit_price\"}");
      ok = false;
      continue;
    }
    domain::JsonInput sub(e, name);
    domain::OnlyMembers(e, {"sku", "name", "quantity", "unit_price", "amount"}, "an item", &sub);
    domain::OrderItem it;
    Text(&sub, "sku", &it.sku, 100);
    Text(&sub, "name", &it.name, kMaxTextChars, true);
    Quantity(&sub, &it.quantity);
    if (!e.contains("unit_price")) {
      sub.Error("unit_price", "is required");
    } else {
      Amount(&sub, e, "unit_price", &it.unit_price);
    }
    CheckLineAmount(&sub, e, it.quantity, it.unit_price);
    ok = ok && sub.ok();
    Merge(sub, in);
    items.push_back(std::move(it));
  }
  if (ok) *out = std::move(items);
}

void ReadLines(const json& body, domain::JsonInput* in, std::vector<domain::InvoiceLine>* out) {
  const json* a = ObjectArray(in, body, "lines");
  if (a == nullptr) return;
  std::vector<domain::InvoiceLine> lines;
  bool ok = true;
  for (size_t i = 0; i < a->size(); ++i) {
    const json& e = (*a)[i];
    const std::string name = "lines[" + std::to_string(i) + "]";
    if (!e.is_object()) {
      in->Error(name, "must be {\"description\", \"quantity\", \"unit_price\", \"tax_rate\"}");
      ok = false;
      continue;
    }
    domain::JsonInput sub(e, name);
    domain::OnlyMembers(e, {"description", "hsn", "quantity", "unit_price", "tax_rate", "amount"},
                        "a line", &sub);
    domain::InvoiceLine l;
    Text(&sub, "description", &l.description, kMaxTextChars, true);
    Text(&sub, "hsn", &l.hsn, 20);
    Quantity(&sub, &l.quantity);
    if (!e.contains("unit_price")) {
      sub.Error("unit_price", "is required");
    } else {
      Amount(&sub, e, "unit_price", &l.unit_price);
    }
    if (e.contains("tax_rate") && !e["tax_rate"].is_null()) {
      const json& r = e["tax_rate"];
      std::optional<int64_t> bp;
      if (r.is_string()) bp = domain::ParseRatePercent(Trim(r.get<std::string>()));
      if (r.is_number()) bp = domain::ParseRatePercent(r.dump());
      if (!bp) {
        sub.Error("tax_rate", "must be a percentage from 0 to 100, like \"18\"");
      } else {
        l.tax_rate_bp = *bp;
      }
    }
    CheckLineAmount(&sub, e, l.quantity, l.unit_price);
    ok = ok && sub.ok();
    Merge(sub, in);
    lines.push_back(std::move(l));
  }
  if (ok) *out = std::move(lines);
}

void ReadNumberMember(domain::JsonInput* in, const char* key, bool creating, std::string* number) {
  if (creating) {
    ReadNumber(in, key, number, true);
  } else if (in->Has(key)) {
    std::string n;
    if (ReadNumber(in, key, &n, false) && n != *number) {
      in->Error(key, "cannot change; create a new one instead");
    }
  }
}

bool PatternCompiles(const std::string& p) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  std::unique_ptr<icu::RegexPattern> r(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p), 0, pe, status));
  return U_SUCCESS(status) && r != nullptr;
}

}  // namespace

bool ReadNumber(domain::JsonInput* in, const char* key, std::string* out, bool required) {
  std::string raw;
  if (!in->Str(key, &raw, required, 200)) return false;
  auto n = domain::NormaliseReference(raw);
  if (!n.ok()) {
    in->Error(key, n.status().message());
    return false;
  }
  *out = *n;
  return true;
}

void ReadOrder(const json& body, bool creating, Millis now, domain::JsonInput* in,
               domain::Order* o) {
  domain::OnlyMembers(
      body,
      {"number", "contact_id", "contact", "organisation_id", "status", "payment_status", "currency",
       "items", "subtotal", "shipping", "discount", "tax", "total", "placed_at", "shipments", "id",
       "created_at", "updated_at", "version"},
      "an order", in);
  ReadNumberMember(in, "number", creating, &o->number);
  std::optional<domain::OrderStatus> status;
  if (in->Enum("status", &status, domain::ParseOrderStatus, domain::kOrderStatusNames)) {
    o->status = *status;
  }
  std::optional<domain::PaymentStatus> pay;
  if (in->Enum("payment_status", &pay, domain::ParsePaymentStatus, domain::kPaymentStatusNames)) {
    o->payment_status = *pay;
  }
  Currency(in, &o->currency);
  ReadItems(body, in, &o->items);
  Amount(in, body, "shipping", &o->shipping);
  Amount(in, body, "discount", &o->discount);
  Amount(in, body, "tax", &o->tax);
  if (creating) o->placed_at = now;
  std::string placed;
  if (in->Str("placed_at", &placed, false, 100)) {
    Millis at = 0;
    if (!ParseRfc3339(placed, &at)) {
      in->Error("placed_at", "must be a time like 2026-12-01T10:00:00+05:30");
    } else {
      o->placed_at = at;
    }
  }
  if (!in->ok()) return;
  if (!domain::ComputeOrderTotals(o)) {
    in->Error("items", "add up to more than an amount can hold");
    return;
  }
  if (o->total < 0) {
    in->Error("discount", "is more than the order's amount");
    return;
  }
  int64_t given = 0;
  if (Amount(in, body, "subtotal", &given) && given != o->subtotal) {
    in->Error("subtotal", "is " + domain::FormatMoneyMinor(given) + " but the items make " +
                              domain::FormatMoneyMinor(o->subtotal));
  }
  if (Amount(in, body, "total", &given) && given != o->total) {
    in->Error("total", "is " + domain::FormatMoneyMinor(given) +
                           " but items, shipping and tax less the discount make " +
                           domain::FormatMoneyMinor(o->total));
  }
}

void ReadInvoice(const json& body, bool creating, domain::JsonInput* in, domain::Invoice* i) {
  domain::OnlyMembers(
      body,
      {"number",      "contact_id", "contact",    "organisation_id", "order_number", "currency",
       "bill_to",     "tax_id",     "lines",      "subtotal",        "tax",          "total",
       "amount_paid", "balance",    "issued_on",  "due_on",          "status",       "state",
       "pdf",         "id",         "created_at", "updated_at",      "version"},
      "an invoice", in);
  ReadNumberMember(in, "number", creating, &i->number);
  if (in->Has("order_number")) {
    if (in->IsNull("order_number")) {
      i->order_number.clear();
    } else {
      std::string raw;
      if (in->Str("order_number", &raw, false, 200)) {
        if (Trim(raw).empty()) {
          i->order_number.clear();
        } else {
          ReadNumber(in, "order_number", &i->order_number, false);
        }
      }
    }
  }
  Currency(in, &i->currency);
  Text(in, "bill_to", &i->bill_to, kMaxBillToChars, false, true);
  if (Text(in, "tax_id", &i->tax_id, 30)) {
    std::transform(i->tax_id.begin(), i->tax_id.end(), i->tax_id.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  }
  ReadLines(body, in, &i->lines);
  const bool issued = Date(in, "issued_on", &i->issued_on, creating);
  const bool due = Date(in, "due_on", &i->due_on, false);
  if (creating && issued && !due) i->due_on = i->issued_on;
  std::optional<domain::InvoiceStatus> status;
  if (in->Enum("status", &status, domain::ParseInvoiceStatus, domain::kInvoiceStatusNames)) {
    i->status = *status;
  }
  const bool tax_given = Amount(in, body, "tax", &i->tax);
  Amount(in, body, "amount_paid", &i->amount_paid);
  if (!in->ok()) return;
  const int64_t given_tax = i->tax;
  if (!domain::ComputeInvoiceTotals(i)) {
    in->Error("lines", "add up to more than an amount can hold");
    return;
  }
  if (tax_given && given_tax != i->tax) {
    in->Error("tax", "is " + domain::FormatMoneyMinor(given_tax) + " but the lines' rates make " +
                         domain::FormatMoneyMinor(i->tax));
  }
  int64_t given = 0;
  if (Amount(in, body, "subtotal", &given) && given != i->subtotal) {
    in->Error("subtotal", "is " + domain::FormatMoneyMinor(given) + " but the lines make " +
                              domain::FormatMoneyMinor(i->subtotal));
  }
  if (Amount(in, body, "total", &given) && given != i->total) {
    in->Error("total", "is " + domain::FormatMoneyMinor(given) +
                           " but the lines and tax make " + domain::FormatMoneyMinor(i->total));
  }
  if (i->due_on < i->issued_on) in->Error("due_on", "is before issued_on");
  if (i->amount_paid > i->total) in->Error("amount_paid", "is more than the total");
}

void ReadContract(const json& body, bool creating, domain::JsonInput* in, domain::Contract* c,
                  std::optional<int64_t>* organisation_id,
                  std::optional<std::optional<int64_t>>* account_manager_id) {
  domain::OnlyMembers(
      body,
      {"number", "organisation_id", "plan", "tier", "sla_tier", "start_on", "end_on", "renewal_on",
       "account_manager_id", "notes", "id", "organisation_name", "state", "account_manager",
       "document", "created_at", "updated_at", "version"},
      "a contract", in);
  ReadNumberMember(in, "number", creating, &c->number);
  int64_t org = 0;
  if (in->Int("organisation_id", &org, creating)) *organisation_id = org;
  Text(in, "plan", &c->plan, 200);
  std::optional<domain::Tier> tier;
  if (in->Enum("tier", &tier, domain::ParseTier, "basic, standard, premium, enterprise")) {
    c->tier = *tier;
    if (creating && !in->Has("sla_tier")) c->sla_tier = *tier;
  }
  tier.reset();
  if (in->Enum("sla_tier", &tier, domain::ParseTier, "basic, standard, premium, enterprise")) {
    c->sla_tier = *tier;
  }
  Date(in, "start_on", &c->start_on, creating);
  std::optional<std::optional<std::string>> d;
  NullableDate(in, "end_on", &d);
  if (d) c->end_on = *d;
  d.reset();
  NullableDate(in, "renewal_on", &d);
  if (d) c->renewal_on = *d;
  std::optional<std::optional<domain::Id>> manager;
  if (in->NullableId("account_manager_id", &manager)) *account_manager_id = *manager;
  Text(in, "notes", &c->notes, kMaxNotesChars, false, true);
  if (in->ok() && c->end_on && *c->end_on < c->start_on) {
    in->Error("end_on", "is before start_on");
  }
}

void ReadPatterns(const json& body, domain::JsonInput* in, std::string* order_pattern,
                  std::string* invoice_pattern) {
  domain::OnlyMembers(body, {"order_pattern", "invoice_pattern", "version"}, "commerce settings",
                      in);
  for (auto [key, out] : {std::pair{"order_pattern", order_pattern},
                          std::pair{"invoice_pattern", invoice_pattern}}) {
    std::string p;
    if (!in->Str(key, &p, false, 200)) continue;
    if (!p.empty() && !PatternCompiles(p)) {
      in->Error(key, "is not a regular expression ICU can compile");
      continue;
    }
    *out = p;
  }
}

}  // namespace sahayak::services::commerce_input
