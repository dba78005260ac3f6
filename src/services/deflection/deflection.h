#pragma once

#include <cstdint>
#include <string_view>

namespace sahayak::services {

// Article deflection: while a customer types the subject of a new request (portal or web
// form), matching help-centre articles are suggested. Each suggestion session is one
// "attempt", named by an opaque public token that the page carries in a hidden field
// `deflection`. Whether the customer then opened an article and whether they still submitted
// the request is recorded here, so analytics can report how many requests articles deflected.
class DeflectionService {
 public:
  virtual ~DeflectionService() = default;

  // Records that the attempt `token` ended in ticket `ticket_id` being submitted anyway.
  // Called after the ticket's transaction committed. An empty, unknown, malformed or
  // other-workspace token is ignored: a request is never refused because of this field.
  virtual void RecordSubmitted(int64_t workspace_id, std::string_view token,
                               int64_t ticket_id) = 0;
};

}  // namespace sahayak::services
