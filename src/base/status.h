#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sahayak {

// Canonical error codes, after absl::StatusCode. The API maps each code to one HTTP status in
// api/problem.cc; nothing else should switch on codes to pick a status.
enum class Code {
  kOk = 0,
  kInvalidArgument,     // the caller sent something malformed or invalid (400/422)
  kNotFound,            // the entity does not exist in this workspace (404)
  kAlreadyExists,       // a unique value is taken (409)
  kFailedPrecondition,  // the state forbids the change, e.g. an invalid transition (422)
  kAborted,             // a concurrent change won, e.g. a stale ETag (412)
  kPermissionDenied,    // authenticated, but the role may not do this (403)
  kUnauthenticated,     // no valid credentials (401)
  kResourceExhausted,   // too large or too many (413/429)
  kUnavailable,         // transient: retry later (503)
  kInternal,            // a bug or an unexpected library failure (500)
};

const char* CodeName(Code code);

// One invalid input field, so the API can name every offending field at once.
struct FieldError {
  std::string field;
  std::string message;
};

// An error value, or OK. Cheap to copy when OK.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // A machine-readable kind within the code, e.g. "invalid-transition"; the API turns it into
  // the problem+json `type`. Empty means the code's default kind.
  const std::string& kind() const { return kind_; }
  Status& WithKind(std::string kind) {
    kind_ = std::move(kind);
    return *this;
  }

  const std::vector<FieldError>& fields() const { return fields_; }
  Status& WithField(std::string field, std::string message) {
    fields_.push_back({std::move(field), std::move(message)});
    return *this;
  }

  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string kind_;
  std::vector<FieldError> fields_;
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {Code::kFailedPrecondition, std::move(m)};
}
inline Status Aborted(std::string m) { return {Code::kAborted, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {Code::kUnauthenticated, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {Code::kResourceExhausted, std::move(m)}; }
inline Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

// A value or an error, after absl::StatusOr.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace sahayak

#define SAHAYAK_CONCAT_INNER(a, b) a##b
#define SAHAYAK_CONCAT(a, b) SAHAYAK_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::sahayak::Status _st = (expr);           \
    if (!_st.ok()) return _st;                \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(SAHAYAK_CONCAT(_result_, __LINE__), lhs, expr)
