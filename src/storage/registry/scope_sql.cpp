#include "storage/registry/scope_sql.hpp"

#include <chrono>

#include "core/dates.hpp"

namespace incunet::storage {

using Kind = app::Scope::Kind;

void AddCarrierScope(Where& w, const app::Scope& s, const std::string& alias) {
  if (s.kind == Kind::kNone) w.Never();
}

void AddManagedCarrierScope(Where& w, const app::Scope& s, const std::string& a) {
  switch (s.kind) {
    case Kind::kNational:
      return;
    case Kind::kRegion:
      if (s.region_prefix.empty()) break;
      w.Add(a + ".region_code LIKE ? ESCAPE '\\'", {LikeEscape(s.region_prefix) + "%"});
      return;
    case Kind::kCarriers:
      w.Add(a + ".id IN (" + JoinIds(s.carrier_ids) + ")");
      return;
    default:
      break;
  }
  w.Never();
}

namespace {

// "grants in force on `date` that give this scope `part`", as one condition over
// consent_grants with '?' placeholders; empty when the scope has no identity to grant to or
// no date to judge grants on.
std::string ConsentExpr(const app::Scope& s, const std::string& part, const std::string& date,
                        std::vector<std::string>& params) {
  if (!s.via_consent || date.empty()) return "";  // no date, no grant: fails closed
  std::string who;
  std::vector<std::string> who_params;
  if (s.user_id != 0) {
    who = "(grantee_kind = 'user' AND grantee = ?)";
    who_params.push_back(std::to_string(s.user_id));
  }
  if (s.kind == Kind::kCarriers && !s.carrier_ids.empty()) {
    std::string ids;
    for (auto id : s.carrier_ids) ids += (ids.empty() ? "'" : ",'") + std::to_string(id) + "'";
    who += std::string(who.empty() ? "" : " OR ") + "(grantee_kind = 'carrier' AND grantee IN (" +
           ids + "))";
  }
  if (s.kind == Kind::kRegion && !s.region_prefix.empty()) {
    // A grant to "44" covers the offices of Guangdong and of every city and county in it.
    who += std::string(who.empty() ? "" : " OR ") +
           "(grantee_kind = 'region' AND ? LIKE grantee || '%')";
    who_params.push_back(s.region_prefix);
  }
  if (who.empty()) return "";
  params.push_back("%," + part + ",%");
  params.push_back(date);
  params.push_back(date);
  for (auto& p : who_params) params.push_back(std::move(p));
  return "revoked_at = '' AND parts LIKE ? AND valid_from <= ? AND valid_to >= ? AND (" + who + ")";
}

}  // namespace

void AddConsentCondition(Where& w, const app::Scope& s, const std::string& part,
                         const std::string& date) {
  std::vector<std::string> params;
  std::string expr = ConsentExpr(s, part, date, params);
  if (expr.empty())
    w.Never();
  else
    w.Add(expr, params);
}

void AddEnterpriseScope(Where& w, const app::Scope& s, const std::string& a) {
  std::string expr;
  std::vector<std::string> params;
  switch (s.kind) {
    case Kind::kNational:
      return;
    case Kind::kNone:
      w.Never();
      return;
    case Kind::kRegion: {
      std::string like = LikeEscape(s.region_prefix) + "%";
      expr = a + ".region_code LIKE ? ESCAPE '\\' OR " + a +
             ".id IN (SELECT i.enterprise_id FROM incubations i JOIN carriers c ON "
             "c.id = i.carrier_id WHERE c.region_code LIKE ? ESCAPE '\\')";
      params = {like, like};
      break;
    }
    case Kind::kCarriers:
      expr = a + ".id IN (SELECT enterprise_id FROM incubations WHERE carrier_id IN (" +
             JoinIds(s.carrier_ids) + "))";
      break;
    case Kind::kEnterprises:
      expr = a + ".id IN (" + JoinIds(s.enterprise_ids) + ")";
      break;
    case Kind::kPublic:
      break;  // visitors and investors: consent grants only
  }
  std::string consent = ConsentExpr(s, "profile", s.consent_date, params);
  if (!consent.empty())
    expr += (expr.empty() ? "" : " OR ") + a +
            ".id IN (SELECT enterprise_id FROM consent_grants WHERE " + consent + ")";
  if (expr.empty())
    w.Never();
  else
    w.Add(expr, params);
}

void AddIncubationScope(Where& w, const app::Scope& s, const std::string& a) {
  switch (s.kind) {
    case Kind::kNational:
      return;
    case Kind::kRegion: {
      std::string like = LikeEscape(s.region_prefix) + "%";
      w.Add(a +
                ".carrier_id IN (SELECT id FROM carriers WHERE region_code LIKE ? ESCAPE '\\') "
                "OR " +
                a +
                ".enterprise_id IN (SELECT id FROM enterprises WHERE region_code "
                "LIKE ? ESCAPE '\\')",
            {like, like});
      return;
    }
    case Kind::kCarriers:
      w.Add(a + ".carrier_id IN (" + JoinIds(s.carrier_ids) + ")");
      return;
    case Kind::kEnterprises:
      w.Add(a + ".enterprise_id IN (" + JoinIds(s.enterprise_ids) + ")");
      return;
    case Kind::kPublic:
    case Kind::kNone:
      w.Never();
      return;
  }
}

std::string SortCol(Dialect d, const std::string& col) {
  return d == Dialect::kPostgres ? col + " COLLATE \"C\"" : col;
}

}  // namespace incunet::storage
