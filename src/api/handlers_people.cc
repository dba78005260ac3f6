// Contacts, organisations, agents, groups, tags and custom fields.
#include "api/crud.h"
#include "api/handlers.h"
#include "api/views.h"
#include "base/text.h"
#include "services/people/people_service.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::PageRequest;
using services::ReadTx;
using services::WriteTx;

// --- contacts -----------------------------------------------------------------------------

Response ListContacts(ApiContext& ctx, Call& call) {
  services::ContactFilter f;
  if (auto e = call.req.Query("email"); e && !e->empty()) f.email = FoldCase(Trim(*e));
  auto org = QueryId(call.req, "organisation");
  if (!org.ok()) return ProblemResponse(org.status());
  f.organisation_id = *org;
  return ListPaged<domain::Contact>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) { return tx.ListContacts(call.who.workspace_id, f, p); },
      ContactJson);
}

Response CreateContact(ApiContext& ctx, Call& call) {
  return CreateOne<domain::Contact>(
      ctx, call, "/api/v1/contacts",
      [&](WriteTx& tx) { return ctx.people.CreateContact(tx, call.who, call.body); }, ContactJson);
}

Response GetContact(ApiContext& ctx, Call& call) {
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Contact c, tx.GetContact(call.who.workspace_id, call.id()));
    json body = ContactJson(c);
    // Addresses whose mail bounced, by address: {"status", "diagnostic", "bounced_at"}.
    json bouncing = json::object();
    for (const auto& i : c.identities) {
      if (i.kind != domain::Identity::Kind::kEmail) continue;
      ASSIGN_OR_RETURN(auto b, tx.GetMailBounce(call.who.workspace_id, FoldCase(i.value)));
      if (b) {
        bouncing[i.value] = {{"status", b->status},
                             {"diagnostic", b->diagnostic},
                             {"bounced_at", FormatRfc3339(b->bounced_at)}};
      }
    }
    if (!bouncing.empty()) body["email_bouncing"] = bouncing;
    out = JsonResponse(200, body);
    SetEtag(&out, c.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchContact(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::Contact>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.people.UpdateContact(tx, call.who, call.id(), call.body, if_match);
      },
      ContactJson);
}

Response ContactTickets(ApiContext& ctx, Call& call) {
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJsonText(ctx, [&](ReadTx& tx) -> Result<std::string> {
    ASSIGN_OR_RETURN(services::ContactSummary c,
                     tx.GetContactSummary(call.who.workspace_id, call.id()));
    services::TicketFilter f;
    f.requester_id = c.id;
    ASSIGN_OR_RETURN(auto result, tx.ListTickets(call.who.workspace_id, f, *page));
    std::vector<std::string> data;
    for (const auto& t : result.items) data.push_back(TicketJson(t, &c));
    return ListBodyText(data, result.next);
  });
}

// --- organisations ------------------------------------------------------------------------

Response ListOrganisations(ApiContext& ctx, Call& call) {
  return ListPaged<domain::Organisation>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) { return tx.ListOrganisations(call.who.workspace_id, p); },
      OrganisationJson);
}

Response CreateOrganisation(ApiContext& ctx, Call& call) {
  return CreateOne<domain::Organisation>(
      ctx, call, "/api/v1/organisations",
      [&](WriteTx& tx) { return ctx.people.CreateOrganisation(tx, call.who, call.body); },
      OrganisationJson);
}

Response GetOrganisation(ApiContext& ctx, Call& call) {
  return GetOne<domain::Organisation>(
      ctx, [&](ReadTx& tx) { return tx.GetOrganisation(call.who.workspace_id, call.id()); },
      OrganisationJson);
}

Response PatchOrganisation(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::Organisation>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.people.UpdateOrganisation(tx, call.who, call.id(), call.body, if_match);
      },
      OrganisationJson);
}

// --- agents -------------------------------------------------------------------------------

namespace {

// Hashes a password from the body (slow: argon2id), before any write transaction.
Status HashPasswordFromBody(ApiContext& ctx, const json& body, bool required, std::string* hash) {
  if (!body.contains("password") || body["password"].is_null()) {
    if (required) {
      return InvalidArgument("a new agent needs a password").WithField("password", "is required");
    }
    return Status::Ok();
  }
  if (!body["password"].is_string()) {
    return InvalidArgument("password must be a string").WithField("password", "must be a string");
  }
  std::string password = body["password"].get<std::string>();
  RETURN_IF_ERROR(services::CheckPassword(password));
  ASSIGN_OR_RETURN(*hash, ctx.auth.HashNewPassword(password));
  return Status::Ok();
}

}  // namespace

Response ListAgents(ApiContext& ctx, Call& call) {
  return ListPaged<domain::Agent>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) { return tx.ListAgents(call.who.workspace_id, p); },
      AgentJson);
}

Response CreateAgent(ApiContext& ctx, Call& call) {
  std::string hash;
  // Without a password the agent is invited: they cannot log in until one is set.
  if (Status st = HashPasswordFromBody(ctx, call.body, false, &hash); !st.ok()) {
    return ProblemResponse(st);
  }
  return CreateOne<domain::Agent>(
      ctx, call, "/api/v1/agents",
      [&](WriteTx& tx) { return ctx.people.CreateAgent(tx, call.who, call.body, hash); },
      AgentJson);
}

Response GetAgent(ApiContext& ctx, Call& call) {
  return GetOne<domain::Agent>(
      ctx, [&](ReadTx& tx) { return tx.GetAgent(call.who.workspace_id, call.id()); }, AgentJson);
}

Response PatchAgent(ApiContext& ctx, Call& call) {
  std::string hash;
  if (Status st = HashPasswordFromBody(ctx, call.body, false, &hash); !st.ok()) {
    return ProblemResponse(st);
  }
  auto if_match = IfMatch(call.req);
  Response r = UpdateOne<domain::Agent>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.people.UpdateAgent(tx, call.who, call.id(), call.body, if_match, hash);
      },
      AgentJson);
  // A deactivation, a new role or a new password must reach requests already authenticated.
  if (r.status == 200) ctx.auth.ForgetCachedPrincipals();
  return r;
}

// --- groups -------------------------------------------------------------------------------

Response ListGroups(ApiContext& ctx, Call& call) {
  return ListPaged<domain::Group>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) { return tx.ListGroups(call.who.workspace_id, p); },
      GroupJson);
}

Response CreateGroup(ApiContext& ctx, Call& call) {
  return CreateOne<domain::Group>(
      ctx, call, "/api/v1/groups",
      [&](WriteTx& tx) { return ctx.people.CreateGroup(tx, call.who, call.body); }, GroupJson);
}

Response GetGroup(ApiContext& ctx, Call& call) {
  return GetOne<domain::Group>(
      ctx, [&](ReadTx& tx) { return tx.GetGroup(call.who.workspace_id, call.id()); }, GroupJson);
}

Response PatchGroup(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::Group>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.people.UpdateGroup(tx, call.who, call.id(), call.body, if_match);
      },
      GroupJson);
}

Response DeleteGroup(ApiContext& ctx, Call& call) {
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.people.DeleteGroup(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

// --- tags ---------------------------------------------------------------------------------

Response ListTags(ApiContext& ctx, Call& call) {
  auto page = ReadPage(call.req, 100);
  if (!page.ok()) return ProblemResponse(page.status());
  std::string after;
  if (auto c = call.req.Query("cursor"); c && !c->empty()) {
    if (!Base64UrlDecode(*c, &after) || after.rfind("t:", 0) != 0) {
      return ProblemResponse(InvalidArgument("the cursor is not one this server gave out")
                                 .WithField("cursor", "is not valid"));
    }
    after = after.substr(2);
  }
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto tags, tx.ListTags(call.who.workspace_id, after, page->limit + 1));
    json data = json::array();
    json next = nullptr;
    if (static_cast<int>(tags.size()) > page->limit) {
      tags.resize(page->limit);
      next = Base64UrlEncode("t:" + tags.back().name);
    }
    for (const auto& t : tags) data.push_back({{"name", t.name}, {"ticket_count", t.ticket_count}});
    return json{{"data", data}, {"next_cursor", next}};
  });
}

// --- custom fields ------------------------------------------------------------------------

Response ListCustomFields(ApiContext& ctx, Call& call) {
  // A workspace has tens of field definitions, so they are paged in memory.
  return ListPaged<domain::CustomFieldDef>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) -> Result<services::Page<domain::CustomFieldDef>> {
        ASSIGN_OR_RETURN(auto fields, tx.ListCustomFields(call.who.workspace_id));
        services::Page<domain::CustomFieldDef> page;
        for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
          if (p.cursor && it->id >= *p.cursor) continue;
          if (static_cast<int>(page.items.size()) == p.limit) {
            page.next = page.items.back().id;
            break;
          }
          page.items.push_back(*it);
        }
        return page;
      },
      CustomFieldJson);
}

Response CreateCustomField(ApiContext& ctx, Call& call) {
  return CreateOne<domain::CustomFieldDef>(
      ctx, call, "/api/v1/custom-fields",
      [&](WriteTx& tx) { return ctx.people.CreateCustomField(tx, call.who, call.body); },
      CustomFieldJson);
}

Response GetCustomField(ApiContext& ctx, Call& call) {
  return GetOne<domain::CustomFieldDef>(
      ctx, [&](ReadTx& tx) { return tx.GetCustomField(call.who.workspace_id, call.id()); },
      CustomFieldJson);
}

Response PatchCustomField(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<domain::CustomFieldDef>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.people.UpdateCustomField(tx, call.who, call.id(), call.body, if_match);
      },
      CustomFieldJson);
}

Response DeleteCustomField(ApiContext& ctx, Call& call) {
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.people.DeleteCustomField(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

}  // namespace sahayak::api::handlers
