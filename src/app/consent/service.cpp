#include "app/consent/service.hpp"

#include <algorithm>

#include "app/json_codec.hpp"
#include "core/dates.hpp"

namespace incunet::app::consent {
namespace {

using domain::consent::Grant;

bool IsMemberOf(const Actor& a, std::int64_t enterprise_id) {
  return a.role == Role::kEnterpriseMember &&
         std::find(a.scope.enterprise_ids.begin(), a.scope.enterprise_ids.end(), enterprise_id) !=
             a.scope.enterprise_ids.end();
}

core::Error OnlyTheEnterprise() {
  return core::Error{core::ErrorCode::kForbidden,
                     "forbidden",
                     "只有企业本身可以授权或撤销其数据共享",
                     "only the enterprise itself may grant or revoke access to its data",
                     {}};
}

std::string GrantJson(const Grant& g) {
  return Json{{"id", g.id},
              {"enterprise_id", g.enterprise_id},
              {"grantee_kind", g.grantee_kind},
              {"grantee", g.grantee},
              {"parts", g.parts},
              {"valid_from", g.valid_from},
              {"valid_to", g.valid_to},
              {"revoked_at", g.revoked_at}}
      .dump();
}

}  // namespace

core::Result<Grant> ConsentService::Grant(const Actor& a, domain::consent::Grant g,
                                          const std::string& request_id) {
  if (auto s = domain::consent::Validate(g); !s) return tl::unexpected(s.error());
  if (!IsMemberOf(a, g.enterprise_id)) return core::Fail(OnlyTheEnterprise());
  std::string now = core::Rfc3339(now_.Now());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    bool exists = false;
    if (g.grantee_kind == "user") exists = tx.users().Find(std::stoll(g.grantee)).has_value();
    if (g.grantee_kind == "carrier")
      exists = tx.carriers().Find(Scope::National(), std::stoll(g.grantee)).has_value();
    if (g.grantee_kind == "region") {
      std::string code = g.grantee;
      while (code.size() < 6) code += '0';
      exists = tx.regions().Find(code).has_value();
    }
    if (!exists)
      return core::Fail(core::InvalidField("unknown_grantee", "grantee", "授权对象不存在",
                                           "the grantee does not exist"));
    g.created_by = a.login;
    g.created_at = now;
    tx.consents().Insert(g);
    tx.audit().Append({a.login, a.user_id, "consent.grant", "enterprise",
                       std::to_string(g.enterprise_id), "", GrantJson(g), request_id},
                      now);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return g;
}

core::Result<Grant> ConsentService::Revoke(const Actor& a, std::int64_t id,
                                           const std::string& request_id) {
  std::string now = core::Rfc3339(now_.Now());
  domain::consent::Grant out;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto g = tx.consents().Find(id);
    // Existence of other enterprises' grants stays private.
    if (!g || !IsMemberOf(a, g->enterprise_id))
      return core::Fail(core::NotFound("授权", "consent grant"));
    if (!g->revoked_at.empty())
      return core::Fail(core::ErrorCode::kConflict, "already_revoked", "该授权已撤销",
                        "the grant is already revoked");
    tx.consents().Revoke(id, now);
    out = *g;
    out.revoked_at = now;
    tx.audit().Append({a.login, a.user_id, "consent.revoke", "enterprise",
                       std::to_string(g->enterprise_id), GrantJson(*g), GrantJson(out), request_id},
                      now);
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return out;
}

core::Result<Page<domain::consent::Grant>> ConsentService::List(const Actor& a, ConsentQuery q,
                                                                const PageRequest& p) {
  if (a.role == Role::kNationalAdmin) {
    // sees everything
  } else if (a.role == Role::kEnterpriseMember) {
    if (!q.enterprise_id) {
      if (a.scope.enterprise_ids.empty()) return Page<domain::consent::Grant>{};
      q.enterprise_id = a.scope.enterprise_ids.front();
    }
    if (!IsMemberOf(a, *q.enterprise_id)) return Page<domain::consent::Grant>{};
  } else if (a.user_id != 0) {
    q.grantee_user_id = a.user_id;  // what was granted to me
  } else {
    return Page<domain::consent::Grant>{};
  }
  Page<domain::consent::Grant> page;
  store_.Read([&](Tx& tx) { page = tx.consents().List(q, p); });
  return page;
}

}  // namespace incunet::app::consent
