// libFuzzer target for what a billing or shop system sends about orders, invoices and
// contracts (docs/commerce.md): the bodies read by services/commerce/commerce_input.h.
//
// The input is one JSON document, read as each of the three. Beyond "no crash, no leak, no
// undefined behaviour" it checks the contracts:
//  - a refusal names at least one member;
//  - an accepted order's numbers add up (each item is quantity × unit price, the total is
//    subtotal + shipping + tax − discount and not negative), its number is normalised, and
//    shown back (amounts as decimal strings) and read again it is the same order;
//  - an accepted invoice is due no earlier than issued, is paid no more than its total, and its
//    tax is what the lines' rates make when any line has one;
//  - an accepted contract does not end before it starts.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "domain/commerce.h"
#include "domain/json_input.h"
#include "domain/shipment.h"
#include "fuzz_assert.h"
#include "services/commerce/commerce_input.h"

namespace {

namespace in = sahayak::services::commerce_input;
using nlohmann::json;

void CheckRefusal(const sahayak::domain::JsonInput& input_reader, std::string_view input) {
  const sahayak::Status st = input_reader.status();
  FUZZ_ASSERT_FALSE(st.fields().empty(), "a refusal that names no member", input);
}

void CheckNumber(const std::string& number, std::string_view input) {
  auto again = sahayak::domain::NormaliseReference(number);
  FUZZ_ASSERT_FALSE(!again.ok() || *again != number, "a number not in its normal form", input);
}

json OrderMembers(const sahayak::domain::Order& o) {
  json items = json::array();
  for (const auto& it : o.items) {
    items.push_back({{"sku", it.sku},
                     {"name", it.name},
                     {"quantity", it.quantity},
                     {"unit_price", sahayak::domain::FormatMoneyMinor(it.unit_price)}});
  }
  return {{"number", o.number},
          {"status", sahayak::domain::OrderStatusName(o.status)},
          {"payment_status", sahayak::domain::PaymentStatusName(o.payment_status)},
          {"currency", o.currency},
          {"items", items},
          {"shipping", sahayak::domain::FormatMoneyMinor(o.shipping)},
          {"discount", sahayak::domain::FormatMoneyMinor(o.discount)},
          {"tax", sahayak::domain::FormatMoneyMinor(o.tax)},
          {"total", sahayak::domain::FormatMoneyMinor(o.total)}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const json doc = json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return 0;

  {
    sahayak::domain::Order o;
    sahayak::domain::JsonInput r(doc);
    in::ReadOrder(doc, true, 1'796'000'000'000, &r, &o);
    if (!r.ok()) {
      CheckRefusal(r, input);
    } else {
      CheckNumber(o.number, input);
      int64_t subtotal = 0;
      for (const auto& it : o.items) {
        FUZZ_ASSERT_FALSE(it.quantity < 1 || it.amount != it.quantity * it.unit_price,
                          "an item that does not add up", input);
        FUZZ_ASSERT_FALSE(sahayak::ToNfc(it.name) != it.name, "an item name not in NFC", input);
        subtotal += it.amount;
      }
      FUZZ_ASSERT_FALSE(subtotal != o.subtotal, "a subtotal that is not the items'", input);
      FUZZ_ASSERT_FALSE(o.total != o.subtotal + o.shipping + o.tax - o.discount || o.total < 0,
                        "a total that does not add up", input);
      const json shown = OrderMembers(o);
      sahayak::domain::Order again;
      sahayak::domain::JsonInput r2(shown);
      in::ReadOrder(shown, true, 1'796'000'000'000, &r2, &again);
      FUZZ_ASSERT_FALSE(!r2.ok(), "an order shown back is refused", input);
      FUZZ_ASSERT_FALSE(again.items != o.items || again.total != o.total ||
                            again.number != o.number,
                        "an order changes when shown back and read again", input);
    }
  }
  {
    sahayak::domain::Invoice i;
    sahayak::domain::JsonInput r(doc);
    in::ReadInvoice(doc, true, &r, &i);
    if (!r.ok()) {
      CheckRefusal(r, input);
    } else {
      CheckNumber(i.number, input);
      FUZZ_ASSERT_FALSE(i.due_on < i.issued_on, "due before issued", input);
      FUZZ_ASSERT_FALSE(i.amount_paid > i.total, "paid more than the total", input);
      FUZZ_ASSERT_FALSE(i.total != i.subtotal + i.tax, "a total that is not subtotal + tax",
                        input);
      sahayak::domain::Invoice recomputed = i;
      FUZZ_ASSERT_FALSE(!sahayak::domain::ComputeInvoiceTotals(&recomputed) ||
                            recomputed.tax != i.tax,
                        "tax that is not what the lines make", input);
    }
  }
  {
    sahayak::domain::Contract k;
    std::optional<int64_t> org;
    std::optional<std::optional<int64_t>> manager;
    sahayak::domain::JsonInput r(doc);
    in::ReadContract(doc, true, &r, &k, &org, &manager);
    if (!r.ok()) {
      CheckRefusal(r, input);
    } else {
      CheckNumber(k.number, input);
      FUZZ_ASSERT_FALSE(!org, "a contract without its organisation", input);
      FUZZ_ASSERT_FALSE(k.end_on && *k.end_on < k.start_on, "a contract ending before it starts",
                        input);
    }
  }
  return 0;
}
