#pragma once

#include <string>

#include "base/status.h"

// For tests of input checks. In namespace sahayak, beside Status, so that a test in any
// namespace finds it by its argument.
namespace sahayak {

// True when `st` names `field` among its field errors.
inline bool HasField(const Status& st, const std::string& field) {
  for (const auto& f : st.fields()) {
    if (f.field == field) return true;
  }
  return false;
}

}  // namespace sahayak
