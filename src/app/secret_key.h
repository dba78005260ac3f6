#pragma once

#include <string>

#include "app/config.h"
#include "base/status.h"

namespace sahayak::app {

// The key that seals secrets in the database (mail server passwords): config.secret_key when
// set, else the data folder's secret.key, created (mode 0600, fsynced) on first use. Losing
// the key means re-entering those passwords; the database alone never reveals them.
Result<std::string> LoadSecretKey(const Config& config);

}  // namespace sahayak::app
