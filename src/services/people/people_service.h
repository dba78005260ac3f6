#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

// Create and update contacts, organisations, agents, groups, custom-field definitions and the
// workspace from JSON bodies (the API's shapes, docs/api/README.md). Each call runs in the
// caller's write transaction and records audit events there. Thread-safe.
class PeopleService {
 public:
  explicit PeopleService(const Clock& clock) : clock_(clock) {}

  Result<domain::Contact> CreateContact(WriteTx& tx, const Principal& who,
                                        const nlohmann::json& body);
  Result<domain::Contact> UpdateContact(WriteTx& tx, const Principal& who, Id id,
                                        const nlohmann::json& body,
                                        std::optional<int64_t> if_match);

  Result<domain::Organisation> CreateOrganisation(WriteTx& tx, const Principal& who,
                                                  const nlohmann::json& body);
  Result<domain::Organisation> UpdateOrganisation(WriteTx& tx, const Principal& who, Id id,
                                                  const nlohmann::json& body,
                                                  std::optional<int64_t> if_match);

  // `password_hash` was computed by the caller (argon2id is slow; never on the writer thread);
  // empty leaves the agent without a password (they cannot log in until one is set).
  Result<domain::Agent> CreateAgent(WriteTx& tx, const Principal& who, const nlohmann::json& body,
                                    const std::string& password_hash);
  Result<domain::Agent> UpdateAgent(WriteTx& tx, const Principal& who, Id id,
                                    const nlohmann::json& body, std::optional<int64_t> if_match,
                                    const std::string& new_password_hash);

  // The caller changes their own name, language or time zone (PATCH /api/v1/auth/me). Any
  // other member is InvalidArgument naming it (role, active and email are the admins' to set).
  Result<domain::Agent> UpdateProfile(WriteTx& tx, const Principal& who,
                                      const nlohmann::json& body);

  Result<domain::Group> CreateGroup(WriteTx& tx, const Principal& who,
                                    const nlohmann::json& body);
  Result<domain::Group> UpdateGroup(WriteTx& tx, const Principal& who, Id id,
                                    const nlohmann::json& body, std::optional<int64_t> if_match);
  Status DeleteGroup(WriteTx& tx, const Principal& who, Id id);

  Result<domain::CustomFieldDef> CreateCustomField(WriteTx& tx, const Principal& who,
                                                   const nlohmann::json& body);
  Result<domain::CustomFieldDef> UpdateCustomField(WriteTx& tx, const Principal& who, Id id,
                                                   const nlohmann::json& body,
                                                   std::optional<int64_t> if_match);
  // Deactivates: existing values stay on tickets, the field leaves forms.
  Status DeleteCustomField(WriteTx& tx, const Principal& who, Id id);

  Result<Workspace> UpdateWorkspace(WriteTx& tx, const Principal& who,
                                    const nlohmann::json& body, std::optional<int64_t> if_match);

 private:
  const Clock& clock_;
};

// Password rules: 8 to 256 characters. Names the field "password".
Status CheckPassword(const std::string& password);

}  // namespace sahayak::services
