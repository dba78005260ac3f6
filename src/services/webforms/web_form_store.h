#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"

// Web forms (docs/web-forms.md, migration 0009): the entity and its storage, reached through
// ReadTx::web_forms() and WriteTx::web_forms() (services/store.h); store/sqlite implements it
// in tx_web_forms.cc over the same connection and transaction as the rest of the store.
namespace sahayak::services {

using domain::Id;

// One ticket custom field a form asks for.
struct WebFormField {
  std::string key;  // a custom field's key
  bool required = false;
};

struct WebForm {
  Id id = 0;
  Id workspace_id = 0;
  std::string public_key;  // random, URL-safe; names the form in /forms/{key}
  std::string name;
  std::optional<Id> group_id;
  bool enabled = true;
  std::vector<std::string> allowed_origins;  // "https://shop.example.in", lower-case
  std::vector<WebFormField> fields;
  int64_t min_fill_seconds = 3;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// Every method takes the workspace and answers NotFound for ids outside it.
class WebFormReadTx {
 public:
  virtual ~WebFormReadTx() = default;
  // By id.
  virtual Result<std::vector<WebForm>> ListWebForms(Id ws) = 0;
  virtual Result<WebForm> GetWebForm(Id ws, Id id) = 0;
  // Across workspaces: the public key is unique everywhere. NotFound when none.
  virtual Result<WebForm> FindWebFormByKey(std::string_view public_key) = 0;
};

class WebFormWriteTx : public virtual WebFormReadTx {
 public:
  // Fills in the id.
  virtual Status InsertWebForm(WebForm* f) = 0;
  virtual Status UpdateWebForm(const WebForm& f) = 0;
  virtual Status DeleteWebForm(Id ws, Id id) = 0;
};

}  // namespace sahayak::services
