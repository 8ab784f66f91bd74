#include "app/registry/service.hpp"

#include <algorithm>

#include "app/registry/codec.hpp"
#include "core/dates.hpp"
#include "core/limits.hpp"
#include "core/regions.hpp"
#include "domain/registry/authority.hpp"
#include "domain/registry/rules.hpp"

namespace incunet::app::registry {
namespace {

using core::ErrorCode;
using core::Fail;

core::Error Forbidden() {
  return core::Error{
      ErrorCode::kForbidden, "forbidden", "无权执行此操作", "you are not allowed to do this", {}};
}

core::Error StaleVersion(bool if_match, std::int64_t current) {
  core::Error e{if_match ? ErrorCode::kPreconditionFailed : ErrorCode::kConflict,
                "stale_version",
                "数据已被他人修改，请刷新后重试",
                "the record was changed by someone else; reload and try again",
                {}};
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

core::Error OutOfScope(const char* field, const std::string& zh, const std::string& en) {
  core::Error e{ErrorCode::kForbidden, "out_of_scope", zh, en, {}};
  e.details["field"] = field;
  return e;
}

// A region or zone code in a body must lie inside the caller's own region, as a path id must:
// otherwise a record could be handed to (or its review routed to) another office.
core::Status CheckRegionInScope(const Actor& a, const std::string& code, const char* field) {
  if (CanManageRegion(a, code)) return {};
  return Fail(OutOfScope(field, std::string("所填区划不在您的管辖范围内（") + field + "）",
                         std::string("the region given is outside your scope (") + field + ")"));
}

bool SameRecognitions(const std::vector<reg::Recognition>& a,
                      const std::vector<reg::Recognition>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].authority != b[i].authority || a[i].level != b[i].level ||
        a[i].valid_from != b[i].valid_from || a[i].valid_to != b[i].valid_to ||
        a[i].document_no != b[i].document_no)
      return false;
  return true;
}

core::Status CheckRegion(Tx& tx, const std::string& code, const char* field,
                         std::initializer_list<const char*> levels) {
  auto r = tx.regions().Find(code);
  if (!r || !reg::IsKnown(r->level, levels)) {
    core::Error e{ErrorCode::kInvalid,
                  "unknown_region",
                  "未知的行政区划代码 " + code + "（" + field + "）",
                  "unknown region code " + code + " (" + field + ")",
                  {}};
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
    // A functional zone lies in one province; its review goes to that province.
    if (c.zone_code->substr(0, 2) != c.region_code.substr(0, 2))
      return Fail(core::InvalidField("zone_outside_province", "zone_code",
                                     "功能区 " + *c.zone_code + " 不在载体所在省份",
                                     "zone " + *c.zone_code + " is not in the carrier's province"));
  }
  for (const auto& o : c.overseas_sites)
    if (auto s = CheckRegion(tx, o.country_code, "overseas_sites.country_code", {"country"}); !s)
      return s;
  return {};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

// The recorder of a recognition, as the domain rule sees it.
reg::Recorder RegistryService::Recorder(const Actor& a) {
  if (a.role == Role::kNationalAdmin) return reg::Recorder::National();
  if (a.role == Role::kRegionAdmin) return reg::Recorder::Office(a.scope.region_prefix);
  return reg::Recorder::None();
}

std::string RegistryService::Today() const { return core::CivilDateCst(now_.Now()); }
std::string RegistryService::NowText() const { return core::Rfc3339(now_.Now()); }

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
  if (c.zone_code)
    if (auto s = CheckRegionInScope(a, *c.zone_code, "zone_code"); !s)
      return tl::unexpected(s.error());
  for (const auto& r : c.recognitions)
    if (auto s = reg::MayRecordRecognition(Recorder(a), r, c.region_code); !s)
      return tl::unexpected(s.error());
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
    if (!SameRecognitions(next.recognitions, before->recognitions))
      return Fail(core::InvalidField(
          "recognitions_read_only", "recognitions",
          "认定记录不能通过修改载体更改，请使用“登记认定”（POST /carriers/{id}/recognitions）",
          "recognitions are not changed by editing the carrier; record one with POST "
          "/carriers/{id}/recognitions"));
    if (auto s = reg::ValidateCarrier(next); !s) return s;
    // Moving a carrier out of the caller's region, or into another region's zone, would hand
    // it (and its annual return's review) to someone else.
    if (next.region_code != before->region_code)
      if (auto s = CheckRegionInScope(a, next.region_code, "region_code"); !s) return s;
    if (next.zone_code != before->zone_code && next.zone_code)
      if (auto s = CheckRegionInScope(a, *next.zone_code, "zone_code"); !s) return s;
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
    if (auto s = reg::MayRecordRecognition(Recorder(a), r, c->region_code); !s) return s;
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

Page<reg::Cluster> RegistryService::ListClusters(const std::string& region, const PageRequest& p) {
  Page<reg::Cluster> page;
  store_.Read([&](Tx& tx) { page = tx.clusters().List(region, p); });
  return page;
}

core::Result<reg::Cluster> RegistryService::CreateCluster(const Actor& a, reg::Cluster c,
                                                          const std::string& request_id) {
  if (c.name.empty())
    return Fail(core::InvalidField("required", "name", "缺少名称", "name is required"));
  if (auto s = core::limits::CheckText(c.name, "name", core::limits::kNameChars); !s)
    return Fail(s.error());
  if (!CanManageRegion(a, c.region_code)) return Fail(Forbidden());
  auto st = store_.Write([&](Tx& tx) -> core::Status {
    if (auto s = CheckRegion(tx, c.region_code, "region_code", {"province", "city", "county"}); !s)
      return s;
    // A cluster groups carriers of its own region, and only ones the caller manages.
    auto known = tx.carriers().Managed(Scope::National(), c.carrier_ids);
    auto mine = tx.carriers().Managed(a.scope.Managing(), c.carrier_ids);
    for (Id cid : c.carrier_ids) {
      auto carrier = std::binary_search(known.begin(), known.end(), cid)
                         ? tx.carriers().Find(Scope::National(), cid)
                         : std::nullopt;
      if (!carrier)
        return Fail(core::InvalidField("unknown_carrier", "carrier_ids",
                                       "未知的孵化载体 " + std::to_string(cid),
                                       "unknown carrier " + std::to_string(cid)));
      if (!std::binary_search(mine.begin(), mine.end(), cid))
        return Fail(OutOfScope("carrier_ids",
                               "孵化载体 " + std::to_string(cid) + " 不在您的管辖范围内",
                               "carrier " + std::to_string(cid) + " is outside your scope"));
      if (!carrier->region_code.starts_with(core::RegionCodePrefix(c.region_code)))
        return Fail(core::InvalidField(
            "carrier_outside_cluster", "carrier_ids",
            "孵化载体 " + std::to_string(cid) + " 不在本集群所在区划内",
            "carrier " + std::to_string(cid) + " is not seated in the cluster's region"));
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

core::Status CheckEnterpriseRefs(Tx& tx, const Actor& a, const reg::Enterprise& e, Id self) {
  if (auto s = CheckRegion(tx, e.region_code, "region_code", {"county", "city", "zone"}); !s)
    return s;
  if (e.uscc) {
    auto other = tx.enterprises().FindIdByUscc(*e.uscc);
    if (other && *other != self) {
      // The code is unique, so the refusal cannot be avoided; it names the record only to
      // someone who may see it.
      bool visible = tx.enterprises().Find(a.scope, *other).has_value();
      core::Error err{
          ErrorCode::kConflict,
          "duplicate_uscc",
          visible ? "统一社会信用代码 " + *e.uscc + " 已被登记"
                  : "该统一社会信用代码无法登记；如该企业已在平台登记，请联系其所在地主管部门",
          visible ? "unified social credit code " + *e.uscc + " is already registered"
                  : "this unified social credit code cannot be registered; if the "
                    "enterprise is already on the platform, ask its local office",
          {}};
      err.details["field"] = "uscc";
      if (visible) err.details["enterprise_id"] = std::to_string(*other);
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
    if (auto s = CheckEnterpriseRefs(tx, a, e, 0); !s) return s;
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
    // Consent lets a grantee read, never change: the record is looked up in the managed scope.
    auto before = tx.enterprises().Find(a.scope.Managing(), id);
    if (!before) return Fail(core::NotFound("企业", "enterprise"));
    if (!CanManageEnterprise(tx, a, *before)) return Fail(Forbidden());
    if (before->version != version) return Fail(StaleVersion(from_if_match, before->version));
    reg::Enterprise next = *before;
    if (auto s = apply(next); !s) return s;
    next.id = id;
    if (next.uscc && next.uscc->empty()) next.uscc.reset();
    if (auto s = reg::ValidateEnterprise(next); !s) return s;
    if (next.region_code != before->region_code)
      if (auto s = CheckRegionInScope(a, next.region_code, "region_code"); !s) return s;
    if (auto s = CheckEnterpriseRefs(tx, a, next, id); !s) return s;
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
      return Fail(
          core::InvalidField("unknown_carrier", "carrier_id", "未知的孵化载体", "unknown carrier"));
    // Applying changes the enterprise's record, so consent grants do not reach this far.
    auto ent = tx.enterprises().Find(a.scope.Managing(), i.enterprise_id);
    if (!ent)
      return Fail(core::InvalidField("unknown_enterprise", "enterprise_id", "未知的企业",
                                     "unknown enterprise"));
    bool allowed =
        CanManageCarrier(a, *carrier) ||
        (a.role == Role::kEnterpriseMember && ContainsId(a.scope.enterprise_ids, i.enterprise_id));
    if (!allowed) return Fail(Forbidden());
    if (auto active = tx.incubations().FindActive(i.enterprise_id)) {
      // Where the stay is, and its id, only for a caller who may see that stay.
      bool visible = tx.incubations().Find(a.scope, active->id).has_value();
      core::Error e{ErrorCode::kConflict,
                    "already_incubating",
                    visible ? "该企业已有进行中的孵化关系（" + active->carrier_name + "）"
                            : "该企业已有进行中的孵化关系",
                    visible ? "the enterprise already has an active stay at " + active->carrier_name
                            : "the enterprise already has an active stay",
                    {}};
      if (visible) e.details["incubation_id"] = std::to_string(active->id);
      return Fail(std::move(e));
    }
    i.state = "applied";
    i.version = 1;
    Id id = tx.incubations().Insert(i);
    created = tx.incubations().Find(Scope::National(), id);
    tx.audit().Append({a.login, a.user_id, "incubation.apply", "incubation", std::to_string(id), "",
                       Dump(ToJson(*created)), request_id},
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
    auto cur = tx.incubations().Find(a.scope.Managing(), id);
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
    if (!tx.incubations().Update(*next, cur->version))
      return Fail(StaleVersion(false, cur->version));
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
    auto cur = tx.incubations().Find(a.scope.Managing(), id);
    if (!cur) return Fail(core::NotFound("孵化关系", "incubation"));
    auto from = tx.carriers().Find(Scope::National(), cur->carrier_id);
    if (!from || !CanManageCarrier(a, *from)) return Fail(Forbidden());
    if (cur->state != "incubating" && cur->state != "admitted") {
      core::Error e{
          ErrorCode::kInvalid,
          "illegal_transition",
          "只有已入驻或在孵的企业可以转移（当前：" + cur->state + "）",
          "only an admitted or incubating stay can be transferred (now " + cur->state + ")",
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
    // A transfer opens a stay at the destination without its application and admission, so
    // the caller must manage the destination too; otherwise the enterprise applies there.
    if (tx.carriers().Managed(a.scope.Managing(), {carrier_id}).empty())
      return Fail(OutOfScope("carrier_id",
                             "目标孵化载体不在您的管辖范围内；请由企业向目标载体申请入孵",
                             "the destination carrier is outside your scope; the enterprise "
                             "applies there instead"));
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
    tx.audit().Append({a.login, a.user_id, "incubation.transfer", "incubation", std::to_string(nid),
                       Dump(ToJson(*cur)), Dump(ToJson(*created)), request_id},
                      NowText());
    return {};
  });
  if (!st) return tl::unexpected(st.error());
  return *created;
}

}  // namespace incunet::app::registry
