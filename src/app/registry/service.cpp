#include "app/registry/service.hpp"

#include <algorithm>

#include "app/registry/codec.hpp"
#include "app/time_util.hpp"
#include "domain/registry/rules.hpp"

namespace incunet::app::registry {
namespace {

using core::ErrorCode;
using core::Fail;

core::Error Forbidden() {
  return core::Error{ErrorCode::kForbidden, "forbidden", "无权执行此操作",
                     "you are not allowed to do this", {}};
}

core::Error StaleVersion(bool if_match, std::int64_t current) {
  core::Error e{if_match ? ErrorCode::kPreconditionFailed : ErrorCode::kConflict,
                "stale_version", "数据已被他人修改，请刷新后重试",
                "the record was changed by someone else; reload and try again", {}};
  e.details["current_version"] = std::to_string(current);
  return e;
}

bool ContainsId(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool CanManageRegion(const Actor& a, const std::string& region_code) {
  return (a.role == Role::kNationalAdmin || a.role == Role::kRegionAdmin) &&
         ScopeCoversRegion(a.scope, region_code);
}

bool CanManageCarrier(const Actor& a, const reg::Carrier& c) {
  if (CanManageRegion(a, c.region_code)) return true;
  return a.role == Role::kCarrierOperator && a.scope.kind == Scope::Kind::kCarriers &&
         ContainsId(a.scope.carrier_ids, c.id);
}

core::Status CheckRegion(Tx& tx, const std::string& code, const char* field,
                         std::initializer_list<const char*> levels) {
  auto r = tx.regions().Find(code);
  if (!r || !reg::IsKnown(r->level, levels)) {
    core::Error e{ErrorCode::kInvalid, "unknown_region",
                  "未知的行政区划代码 " + code + "（" + field + "）",
                  "unknown region code " + code + " (" + field + ")", {}};
    e.details["field"] = field;
    return Fail(std::move(e));
  }
  return {};
}

core::Status CheckCarrierRegions(Tx& tx, const reg::Carrier& c) {
  // The site is in a county-level unit, or in a prefecture city that has no counties.
  if (auto s = CheckRegion(tx, c.region_code, "region_code", {"county", "city"}); !s) return s;
  if (c.zone_code) {
    if (auto s = CheckRegion(tx, *c.zone_code, "zone_code", {"zone"}); !s) return s;
  }
  for (const auto& o : c.overseas_sites)
    if (auto s = CheckRegion(tx, o.country_code, "overseas_sites.country_code", {"country"}); !s)
      return s;
  return {};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

std::string RegistryService::Today() const { return CivilDateCst(now_()); }
std::string RegistryService::NowText() const { return Rfc3339(now_()); }

// ---- regions ----

core::Result<RegionDetail> RegistryService::GetRegion(const std::string& code) {
  RegionDetail d;
  bool found = false;
  store_.Read([&](Tx& tx) {
    if (auto r = tx.regions().Find(code)) {
      found = true;
      d.region = *r;
      d.ancestors = tx.regions().Ancestors(code);
    }
  });
  if (!found) return Fail(core::NotFound("行政区划 " + code, "region " + code));
  return d;
}

Page<reg::Region> RegistryService::ListRegions(const RegionQuery& q, const PageRequest& p) {
  Page<reg::Region> page;
  store_.Read([&](Tx& tx) { page = tx.regions().List(q, p); });
  return page;
}

// ---- carriers ----

core::Result<reg::Carrier> RegistryService::GetCarrier(const Actor& a, Id id) {
  std::optional<reg::Carrier> c;
  store_.Read([&](Tx& tx) { c = tx.carriers().Find(a.scope, id); });
  if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
  return *c;
}

Page<reg::Carrier> RegistryService::ListCarriers(const Actor& a, const CarrierQuery& q,
                                                 const PageRequest& p) {
  Page<reg::Carrier> page;
  store_.Read([&](Tx& tx) { page = tx.carriers().List(a.scope, q, p); });
  return page;
}

core::Result<reg::Carrier> RegistryService::CreateCarrier(const Actor& a, reg::Carrier c,
                                                          const std::string& request_id) {
  if (auto s = reg::ValidateCarrier(c); !s) return tl::unexpected(s.error());
  if (!CanManageRegion(a, c.region_code)) return Fail(Forbidden());
  std::optional<reg::Carrier> created;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    if (auto s = CheckCarrierRegions(tx, c); !s) return s;
    c.created_at = c.updated_at = NowText();
    c.version = 1;
    Id id = tx.carriers().Insert(c);
    tx.carriers().RefreshTier(id, Today());
    created = tx.carriers().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "carrier.create", "carrier", std::to_string(id), "",
                       Dump(ToJson(*created)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *created;
}

core::Result<reg::Carrier> RegistryService::UpdateCarrier(
    const Actor& a, Id id, std::int64_t version, bool from_if_match,
    const std::function<core::Status(reg::Carrier&)>& apply, const std::string& request_id) {
  std::optional<reg::Carrier> updated;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto before = tx.carriers().Find(a.scope, id);
    if (!before) return Fail(core::NotFound("孵化载体", "carrier"));
    if (!CanManageCarrier(a, *before)) return Fail(Forbidden());
    if (before->version != version) return Fail(StaleVersion(from_if_match, before->version));
    reg::Carrier next = *before;
    if (auto s = apply(next); !s) return s;
    next.id = id;
    if (auto s = reg::ValidateCarrier(next); !s) return s;
    // Moving a carrier out of the caller's region would hand it to someone else.
    if (next.region_code != before->region_code && !CanManageRegion(a, next.region_code))
      return Fail(Forbidden());
    if (auto s = CheckCarrierRegions(tx, next); !s) return s;
    next.updated_at = NowText();
    if (!tx.carriers().Update(next, version)) return Fail(StaleVersion(from_if_match, version + 1));
    tx.carriers().RefreshTier(id, Today());
    updated = tx.carriers().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "carrier.update", "carrier", std::to_string(id),
                       Dump(ToJson(*before)), Dump(ToJson(*updated)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *updated;
}

core::Result<reg::Recognition> RegistryService::AddRecognition(const Actor& a, Id carrier_id,
                                                               reg::Recognition r,
                                                               const std::string& request_id) {
  if (auto s = reg::ValidateRecognition(r); !s) return tl::unexpected(s.error());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto c = tx.carriers().Find(a.scope, carrier_id);
    if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
    if (!CanManageRegion(a, c->region_code)) return Fail(Forbidden());
    r.carrier_id = carrier_id;
    tx.carriers().AddRecognition(r);
    tx.carriers().RefreshTier(carrier_id, Today());
    tx.audit().Append({a.login, a.user_id, "carrier.recognition.add", "carrier",
                       std::to_string(carrier_id), "", Dump(ToJson(r)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return r;
}

// ---- clusters ----

core::Result<reg::Cluster> RegistryService::GetCluster(Id id) {
  std::optional<reg::Cluster> c;
  store_.Read([&](Tx& tx) { c = tx.clusters().Find(id); });
  if (!c) return Fail(core::NotFound("园区集群", "cluster"));
  return *c;
}

Page<reg::Cluster> RegistryService::ListClusters(const std::string& region,
                                                 const PageRequest& p) {
  Page<reg::Cluster> page;
  store_.Read([&](Tx& tx) { page = tx.clusters().List(region, p); });
  return page;
}

core::Result<reg::Cluster> RegistryService::CreateCluster(const Actor& a, reg::Cluster c,
                                                          const std::string& request_id) {
  if (c.name.empty())
    return Fail(core::InvalidField("required", "name", "缺少名称", "name is required"));
  if (!CanManageRegion(a, c.region_code)) return Fail(Forbidden());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    if (auto s = CheckRegion(tx, c.region_code, "region_code", {"province", "city", "county"}); !s)
      return s;
    for (Id cid : c.carrier_ids) {
      auto carrier = tx.carriers().Find(a.scope, cid);
      if (!carrier)
        return Fail(core::InvalidField("unknown_carrier", "carrier_ids",
                                       "未知的孵化载体 " + std::to_string(cid),
                                       "unknown carrier " + std::to_string(cid)));
    }
    tx.clusters().Insert(c);
    tx.audit().Append({a.login, a.user_id, "cluster.create", "cluster", std::to_string(c.id), "",
                       Dump(ToJson(c)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return c;
}

// ---- enterprises ----

namespace {

bool CanManageEnterprise(Tx& tx, const Actor& a, const reg::Enterprise& e) {
  if (CanManageRegion(a, e.region_code)) return true;
  if (a.role == Role::kEnterpriseMember) return ContainsId(a.scope.enterprise_ids, e.id);
  if (a.role == Role::kCarrierOperator) {
    // An operator maintains the records of enterprises it currently incubates.
    auto active = tx.incubations().FindActive(e.id);
    return active && ContainsId(a.scope.carrier_ids, active->carrier_id);
  }
  return false;
}

core::Status CheckEnterpriseRefs(Tx& tx, const reg::Enterprise& e, Id self) {
  if (auto s = CheckRegion(tx, e.region_code, "region_code", {"county", "city", "zone"}); !s)
    return s;
  if (e.uscc) {
    auto other = tx.enterprises().FindIdByUscc(*e.uscc);
    if (other && *other != self) {
      core::Error err{ErrorCode::kConflict, "duplicate_uscc",
                      "统一社会信用代码 " + *e.uscc + " 已被登记",
                      "unified social credit code " + *e.uscc + " is already registered", {}};
      err.details["field"] = "uscc";
      return Fail(std::move(err));
    }
  }
  return {};
}

}  // namespace

core::Result<reg::Enterprise> RegistryService::GetEnterprise(const Actor& a, Id id) {
  std::optional<reg::Enterprise> e;
  store_.Read([&](Tx& tx) { e = tx.enterprises().Find(a.scope, id); });
  if (!e) return Fail(core::NotFound("企业", "enterprise"));
  return *e;
}

Page<reg::Enterprise> RegistryService::ListEnterprises(const Actor& a, const EnterpriseQuery& q,
                                                       const PageRequest& p) {
  Page<reg::Enterprise> page;
  store_.Read([&](Tx& tx) { page = tx.enterprises().List(a.scope, q, p); });
  return page;
}

core::Result<reg::Enterprise> RegistryService::CreateEnterprise(const Actor& a, reg::Enterprise e,
                                                                const std::string& request_id) {
  if (e.uscc && e.uscc->empty()) e.uscc.reset();
  if (auto s = reg::ValidateEnterprise(e); !s) return tl::unexpected(s.error());
  bool allowed = CanManageRegion(a, e.region_code) || a.role == Role::kCarrierOperator;
  if (!allowed) return Fail(Forbidden());
  std::optional<reg::Enterprise> created;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    if (auto s = CheckEnterpriseRefs(tx, e, 0); !s) return s;
    e.created_at = e.updated_at = NowText();
    e.version = 1;
    Id id = tx.enterprises().Insert(e);
    created = e;
    created->id = id;
    tx.audit().Append({a.login, a.user_id, "enterprise.create", "enterprise", std::to_string(id),
                       "", Dump(ToJson(*created)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *created;
}

core::Result<reg::Enterprise> RegistryService::UpdateEnterprise(
    const Actor& a, Id id, std::int64_t version, bool from_if_match,
    const std::function<core::Status(reg::Enterprise&)>& apply, const std::string& request_id) {
  std::optional<reg::Enterprise> updated;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto before = tx.enterprises().Find(a.scope, id);
    if (!before) return Fail(core::NotFound("企业", "enterprise"));
    if (!CanManageEnterprise(tx, a, *before)) return Fail(Forbidden());
    if (before->version != version) return Fail(StaleVersion(from_if_match, before->version));
    reg::Enterprise next = *before;
    if (auto s = apply(next); !s) return s;
    next.id = id;
    if (next.uscc && next.uscc->empty()) next.uscc.reset();
    if (auto s = reg::ValidateEnterprise(next); !s) return s;
    if (auto s = CheckEnterpriseRefs(tx, next, id); !s) return s;
    next.updated_at = NowText();
    if (!tx.enterprises().Update(next, version))
      return Fail(StaleVersion(from_if_match, version + 1));
    updated = tx.enterprises().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "enterprise.update", "enterprise", std::to_string(id),
                       Dump(ToJson(*before)), Dump(ToJson(*updated)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *updated;
}

// ---- incubations ----

core::Result<reg::Incubation> RegistryService::GetIncubation(const Actor& a, Id id) {
  std::optional<reg::Incubation> i;
  store_.Read([&](Tx& tx) { i = tx.incubations().Find(a.scope, id); });
  if (!i) return Fail(core::NotFound("孵化关系", "incubation"));
  return *i;
}

Page<reg::Incubation> RegistryService::ListIncubations(const Actor& a, const IncubationQuery& q,
                                                       const PageRequest& p) {
  Page<reg::Incubation> page;
  store_.Read([&](Tx& tx) { page = tx.incubations().List(a.scope, q, p); });
  return page;
}

core::Result<reg::Incubation> RegistryService::Apply(const Actor& a, reg::Incubation i,
                                                     const std::string& request_id) {
  if (i.applied_on.empty()) i.applied_on = Today();
  if (!std::isfinite(i.space_m2) || i.space_m2 < 0)
    return Fail(core::InvalidField("invalid_area", "space_m2", "占用面积必须是非负数",
                                   "space_m2 must be a non-negative number"));
  std::optional<reg::Incubation> created;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto carrier = tx.carriers().Find(Scope::National(), i.carrier_id);
    if (!carrier)
      return Fail(core::InvalidField("unknown_carrier", "carrier_id", "未知的孵化载体",
                                     "unknown carrier"));
    auto ent = tx.enterprises().Find(a.scope, i.enterprise_id);
    if (!ent)
      return Fail(core::InvalidField("unknown_enterprise", "enterprise_id", "未知的企业",
                                     "unknown enterprise"));
    bool allowed = CanManageCarrier(a, *carrier) ||
                   (a.role == Role::kEnterpriseMember &&
                    ContainsId(a.scope.enterprise_ids, i.enterprise_id));
    if (!allowed) return Fail(Forbidden());
    if (auto active = tx.incubations().FindActive(i.enterprise_id)) {
      core::Error e{ErrorCode::kConflict, "already_incubating",
                    "该企业已有进行中的孵化关系（" + active->carrier_name + "）",
                    "the enterprise already has an active stay at " + active->carrier_name, {}};
      e.details["incubation_id"] = std::to_string(active->id);
      return Fail(std::move(e));
    }
    i.state = "applied";
    i.version = 1;
    Id id = tx.incubations().Insert(i);
    created = tx.incubations().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "incubation.apply", "incubation", std::to_string(id),
                       "", Dump(ToJson(*created)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *created;
}

core::Result<reg::Incubation> RegistryService::Transition(const Actor& a, Id id,
                                                          const std::string& to,
                                                          const std::string& on,
                                                          const std::string& request_id) {
  std::optional<reg::Incubation> updated;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto cur = tx.incubations().Find(a.scope, id);
    if (!cur) return Fail(core::NotFound("孵化关系", "incubation"));
    auto carrier = tx.carriers().Find(Scope::National(), cur->carrier_id);
    bool allowed = carrier && CanManageCarrier(a, *carrier);
    // An applicant may withdraw its own application.
    if (!allowed && to == "exited" && cur->state == "applied" &&
        a.role == Role::kEnterpriseMember && ContainsId(a.scope.enterprise_ids, cur->enterprise_id))
      allowed = true;
    if (!allowed) return Fail(Forbidden());
    auto next = reg::Transition(*cur, to, on.empty() ? Today() : on);
    if (!next) return tl::unexpected(next.error());
    if (!tx.incubations().Update(*next, cur->version)) return Fail(StaleVersion(false, cur->version));
    updated = tx.incubations().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "incubation." + to, "incubation", std::to_string(id),
                       Dump(ToJson(*cur)), Dump(ToJson(*updated)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *updated;
}

core::Result<reg::Incubation> RegistryService::Transfer(const Actor& a, Id id, Id carrier_id,
                                                        const std::string& on_in,
                                                        const std::string& request_id) {
  std::string on = on_in.empty() ? Today() : on_in;
  std::optional<reg::Incubation> created;
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    auto cur = tx.incubations().Find(a.scope, id);
    if (!cur) return Fail(core::NotFound("孵化关系", "incubation"));
    auto from = tx.carriers().Find(Scope::National(), cur->carrier_id);
    if (!from || !CanManageCarrier(a, *from)) return Fail(Forbidden());
    if (cur->state != "incubating" && cur->state != "admitted") {
      core::Error e{ErrorCode::kInvalid, "illegal_transition",
                    "只有已入驻或在孵的企业可以转移（当前：" + cur->state + "）",
                    "only an admitted or incubating stay can be transferred (now " + cur->state +
                        ")",
                    {}};
      e.details["from"] = cur->state;
      e.details["to"] = "transferred";
      return Fail(std::move(e));
    }
    if (carrier_id == cur->carrier_id)
      return Fail(core::InvalidField("same_carrier", "carrier_id", "不能转移到同一孵化载体",
                                     "cannot transfer to the same carrier"));
    auto to = tx.carriers().Find(Scope::National(), carrier_id);
    if (!to)
      return Fail(core::InvalidField("unknown_carrier", "carrier_id", "未知的目标孵化载体",
                                     "unknown target carrier"));
    auto ended = reg::Transition(*cur, "exited", on);
    if (!ended) return tl::unexpected(ended.error());
    ended->end_reason = "transferred";
    if (!tx.incubations().Update(*ended, cur->version))
      return Fail(StaleVersion(false, cur->version));
    reg::Incubation next;
    next.enterprise_id = cur->enterprise_id;
    next.carrier_id = carrier_id;
    next.state = cur->state;
    next.applied_on = on;
    next.admitted_on = on;
    if (cur->state == "incubating") next.started_on = on;
    next.space_m2 = cur->space_m2;
    next.transferred_from_id = cur->id;
    Id nid = tx.incubations().Insert(next);
    created = tx.incubations().Find(Scope::National(), nid);
    tx.audit().Append({a.login, a.user_id, "incubation.transfer", "incubation",
                       std::to_string(nid), Dump(ToJson(*cur)), Dump(ToJson(*created)),
                       request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *created;
}

}  // namespace incunet::app::registry
