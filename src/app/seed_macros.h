#pragma once

#include "app/app.h"
#include "services/principal.h"

namespace sahayak::app {

// The demo's shared macros (docs/macros.md) for a courier and online-shop team, each with an
// English, Hindi and Kannada reply, created through MacroService in one write.
Status SeedMacros(App& app, const services::Principal& who);

}  // namespace sahayak::app
