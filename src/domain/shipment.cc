#include "domain/shipment.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sahayak::domain {

namespace {

constexpr std::array<std::pair<ShipmentStatus, const char*>, 9> kStatuses = {{
    {ShipmentStatus::kBooked, "booked"},
    {ShipmentStatus::kPickedUp, "picked_up"},
    {ShipmentStatus::kInTransit, "in_transit"},
    {ShipmentStatus::kOutForDelivery, "out_for_delivery"},
    {ShipmentStatus::kDelivered, "delivered"},
    {ShipmentStatus::kDeliveryFailed, "delivery_failed"},
    {ShipmentStatus::kReturnedToOrigin, "returned_to_origin"},
    {ShipmentStatus::kLost, "lost"},
    {ShipmentStatus::kDamaged, "damaged"},
}};

constexpr size_t kMinTrackingChars = 4;
constexpr size_t kMaxTrackingChars = 40;
constexpr int64_t kMaxMoneyMinor = 10'000'000'000'000;  // 10^13

}  // namespace

const char* ShipmentStatusName(ShipmentStatus s) {
  for (const auto& [v, name] : kStatuses) {
    if (v == s) return name;
  }
  return "booked";
}

std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name) {
  for (const auto& [v, n] : kStatuses) {
    if (name == n) return v;
  }
  return std::nullopt;
}

bool IsFinal(ShipmentStatus s) {
  return s == ShipmentStatus::kDelivered || s == ShipmentStatus::kReturnedToOrigin ||
         s == ShipmentStatus::kLost || s == ShipmentStatus::kDamaged;
}

Result<std::string> NormaliseTrackingNumber(std::string_view text) {
  std::string out;
  bool digit = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) {
      return InvalidArgument("a tracking number has only letters A-Z, digits and '-'")
          .WithField("tracking_number", "has a character other than A-Z, 0-9 and '-'");
    }
    digit = digit || (c >= '0' && c <= '9');
    out += c;
    if (out.size() > kMaxTrackingChars) {
      return InvalidArgument("a tracking number has at most 40 characters")
          .WithField("tracking_number", "is longer than 40 characters");
    }
  }
  if (out.size() < kMinTrackingChars || !digit) {
    return InvalidArgument("a tracking number has at least 4 characters and a digit")
        .WithField("tracking_number", out.empty() ? "is required" : "is too short");
  }
  return out;
}

bool IsValidCarrierCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

std::optional<int64_t> ParseMoneyMinor(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
    if (whole * 100 >= kMaxMoneyMinor) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  int64_t cents = 0;
  if (i < text.size()) {
    const size_t decimals = text.size() - i - 1;
    if (decimals == 0 || decimals > 2) return std::nullopt;
    for (size_t j = i + 1; j < text.size(); ++j) {
      if (text[j] < '0' || text[j] > '9') return std::nullopt;
      cents = cents * 10 + (text[j] - '0');
    }
    if (decimals == 1) cents *= 10;
  }
  return whole * 100 + cents;
}

std::string FormatMoneyMinor(int64_t minor) {
  const bool negative = minor < 0;
  const uint64_t v = negative ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

std::optional<std::string> DueDate(const Shipment& s) {
  // "YYYY-MM-DD" strings order as the dates do.
  if (!s.delivery.date) return s.promised_date;
  if (!s.promised_date) return s.delivery.date;
  return std::max(*s.promised_date, *s.delivery.date);
}

bool IsLate(const Shipment& s, const std::string& today) {
  const std::optional<std::string> due = DueDate(s);
  if (!due) return false;
  if (s.status == ShipmentStatus::kDelivered || s.status == ShipmentStatus::kReturnedToOrigin) {
    return false;
  }
  if (s.eta && *s.eta > *due) return true;
  return today > *due;
}

std::string TrackingUrl(const std::string& url_template, const std::string& number) {
  if (url_template.empty()) return "";
  std::string out = url_template;
  const std::string key = "{number}";
  for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at)) {
    out.replace(at, key.size(), number);
    at += number.size();
  }
  return out;
}

}  // namespace sahayak::domain
