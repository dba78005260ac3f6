#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sahayak::api {

// An HTTP request as the API sees it, free of any networking library. Header names are
// lower-case.
struct Request {
  std::string method;  // "GET", "POST" …
  std::string target;  // path and query as sent
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names
  std::string body;
  std::string remote_ip;

  // The first header of that (lower-case) name, or empty.
  std::string_view Header(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Splits "a=1&b=%E0%A4%95" into decoded pairs ('+' is a space). Invalid escapes are kept as
// they are.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);
// Percent-decodes a path or query component.
std::string PercentDecode(std::string_view s, bool plus_is_space);
// Fills path and query from target.
void SplitTarget(Request* req);

}  // namespace sahayak::api
