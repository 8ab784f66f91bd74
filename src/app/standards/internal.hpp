#pragma once
// Helpers shared by the standards use cases (service.cpp, rule_sets.cpp, facts.cpp,
// evaluation.cpp, cultivation.cpp); not part of the module's interface.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "app/standards/codec.hpp"
#include "app/standards/service.hpp"
#include "app/stats/ports.hpp"
#include "core/dates.hpp"
#include "domain/registry/rules.hpp"
#include "domain/standards/evaluate.hpp"

namespace incunet::app::standards::internal {

namespace reg = domain::registry;
using core::ErrorCode;
using core::Fail;

inline core::Error Forbidden() {
  return core::Error{
      ErrorCode::kForbidden, "forbidden", "无权执行此操作", "you are not allowed to do this", {}};
}

inline core::Error RuleSetNotFound(const std::string& id, int version = 0) {
  std::string v = version ? " v" + std::to_string(version) : "";
  return core::NotFound("规则集 " + id + v, "rule set " + id + v);
}

inline std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

inline core::Status CheckDate(const std::string& d, const char* field) {
  if (core::Date::Parse(d)) return {};
  return Fail(core::InvalidField("invalid_date", field,
                                 std::string(field) + " 应为 YYYY-MM-DD 日期",
                                 std::string(field) + " must be a YYYY-MM-DD date"));
}

inline RuleSetVersionRow RowOf(const st::RuleSet& rs, std::string origin, std::string toml) {
  RuleSetVersionRow r;
  r.rule_set_id = rs.id;
  r.version = rs.version;
  r.name_zh = rs.name_zh;
  r.name_en = rs.name_en;
  r.subject = st::SubjectName(rs.subject);
  r.kind = st::RuleKindName(rs.kind);
  r.level = st::LevelName(rs.level);
  r.jurisdiction = rs.jurisdiction;
  if (rs.effective_from) r.effective_from = rs.effective_from->ToString();
  if (rs.effective_to) r.effective_to = rs.effective_to->ToString();
  r.provisional = rs.provisional;
  r.origin = std::move(origin);
  r.file_name = rs.file_name;
  r.toml = std::move(toml);
  return r;
}

inline std::map<std::string, double> ParseOverrides(const std::string& text) {
  std::map<std::string, double> out;
  if (text.empty()) return out;
  Json j = Json::parse(text);
  for (auto it = j.begin(); it != j.end(); ++it)
    out[it.key()] = it->is_boolean() ? (it->get<bool>() ? 1.0 : 0.0) : it->get<double>();
  return out;
}

inline bool CanManageCarrier(const Actor& a, const reg::Carrier& c) {
  if ((a.role == Role::kNationalAdmin || a.role == Role::kRegionAdmin) &&
      ScopeCoversRegion(a.scope, c.region_code))
    return true;
  return a.role == Role::kCarrierOperator && a.scope.kind == Scope::Kind::kCarriers &&
         std::find(a.scope.carrier_ids.begin(), a.scope.carrier_ids.end(), c.id) !=
             a.scope.carrier_ids.end();
}

// The narrower of the requested region and the scope's region; nullopt when they do not meet.
inline std::optional<std::string> EffectiveRegion(const Scope& s, const std::string& region) {
  if (s.kind != Scope::Kind::kRegion) return region;
  const std::string& p = s.region_prefix;
  if (region.empty() || p.starts_with(region)) return p;
  if (region.starts_with(p)) return region;
  return std::nullopt;
}

inline core::Date Civil(const std::string& d) { return core::Date::Parse(d).value(); }

// The latest rule set of `kind` and `subject` in force on `on` (latest effective_from, then
// version); nullptr when none.
inline const st::RuleSet* InForce(const std::vector<RuleSetPtr>& sets, st::RuleKind kind,
                                  st::Subject subject, const core::Date& on) {
  const st::RuleSet* best = nullptr;
  for (const auto& p : sets) {
    if (p->kind != kind || p->subject != subject || !p->EffectiveOn(on)) continue;
    auto key = [](const st::RuleSet* r) {
      return std::make_pair(r->effective_from.value_or(core::Date::Of(1, 1, 1)), r->version);
    };
    if (!best || key(p.get()) > key(best)) best = p.get();
  }
  return best;
}

inline std::string Province(const std::string& region) { return region.substr(0, 2); }

// What a cultivation list depends on besides the request: the caller's scope, with the account
// (grants made to a person widen what it sees).
inline std::string ScopeKey(const Scope& s) {
  std::string k = std::to_string(static_cast<int>(s.kind)) + ":" + std::to_string(s.user_id) + ":" +
                  s.region_prefix + ":";
  for (auto id : s.carrier_ids) k += std::to_string(id) + ",";
  k += ":";
  for (auto id : s.enterprise_ids) k += std::to_string(id) + ",";
  return k;
}

}  // namespace incunet::app::standards::internal
