#include "app/standards/internal.hpp"
#include "app/standards/service.hpp"
#include "domain/standards/loader.hpp"

namespace incunet::app::standards {
using namespace internal;

std::vector<RuleSetVersionRow> StandardsService::ListRuleSets() {
  std::vector<RuleSetVersionRow> all, latest;
  store_.Read([&](Tx& tx) { all = tx.standards().ListVersions(""); });
  for (auto& r : all) {
    if (!latest.empty() && latest.back().rule_set_id == r.rule_set_id)
      latest.back() = std::move(r);
    else
      latest.push_back(std::move(r));
  }
  for (auto& r : latest) r.toml.clear();
  return latest;
}

core::Result<RuleSetDetail> StandardsService::GetRuleSet(const std::string& id) {
  std::vector<RuleSetVersionRow> versions;
  store_.Read([&](Tx& tx) { versions = tx.standards().ListVersions(id); });
  if (versions.empty()) return Fail(RuleSetNotFound(id));
  RuleSetDetail d;
  d.latest.row = versions.back();
  auto rs = Load(d.latest.row);
  if (!rs) return tl::unexpected(rs.error());
  d.latest.rule_set = *rs;
  for (auto& v : versions) v.toml.clear();
  d.versions = std::move(versions);
  return d;
}

core::Result<RuleSetEntry> StandardsService::GetVersion(const std::string& id, int version) {
  std::optional<RuleSetVersionRow> row;
  store_.Read([&](Tx& tx) { row = tx.standards().FindVersion(id, version); });
  if (!row) return Fail(RuleSetNotFound(id, version));
  auto rs = Load(*row);
  if (!rs) return tl::unexpected(rs.error());
  return RuleSetEntry{*row, *rs};
}

core::Result<RuleSetEntry> StandardsService::Upload(const Actor& a, const std::string& toml,
                                                    const std::string& file_name,
                                                    const std::string& request_id) {
  if (a.role != Role::kNationalAdmin || a.scope.kind != Scope::Kind::kNational)
    return Fail(Forbidden());
  // The whole file is checked before anything is written.
  auto rs = st::ParseRuleSet(toml, file_name);
  if (!rs) return tl::unexpected(rs.error());
  RuleSetVersionRow row = RowOf(*rs, "upload", toml);
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    row.version = tx.standards().MaxVersion(rs->id) + 1;
    row.created_at = NowText();
    row.created_by = a.login;
    row.row_id = tx.standards().InsertVersion(row);
    tx.audit().Append({a.login, a.user_id, "rule_set.upload", "rule_set",
                       rs->id + " v" + std::to_string(row.version), "",
                       Dump(VersionSummaryJson(row)), request_id},
                      NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  auto loaded = Load(row);
  if (!loaded) return tl::unexpected(loaded.error());
  return RuleSetEntry{row, *loaded};
}

core::Result<RuleSetEntry> StandardsService::EditParameters(
    const Actor& a, const std::string& id, const std::map<std::string, double>& values,
    std::optional<int> expected_version, const std::string& request_id) {
  if (a.role != Role::kNationalAdmin || a.scope.kind != Scope::Kind::kNational)
    return Fail(Forbidden());
  if (values.empty())
    return Fail(core::InvalidField("required", "parameters", "至少需要修改一个参数",
                                   "give at least one parameter value"));
  std::optional<RuleSetVersionRow> created;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    int latest = tx.standards().MaxVersion(id);
    if (!latest) return Fail(RuleSetNotFound(id));
    if (expected_version && *expected_version != latest) {
      core::Error e{ErrorCode::kConflict,
                    "stale_version",
                    "规则集已有更新的版本，请刷新后重试",
                    "the rule set has a newer version; reload and try again",
                    {}};
      e.details["current_version"] = std::to_string(latest);
      return Fail(std::move(e));
    }
    auto base = *tx.standards().FindVersion(id, latest);
    auto rs = Load(base);
    if (!rs) return tl::unexpected(rs.error());
    for (const auto& [pid, v] : values) {
      const st::Parameter* p = (*rs)->FindParameter(pid);
      if (!p)
        return Fail(core::InvalidField("unknown_parameter", "parameters." + pid,
                                       "规则集 " + id + " 没有参数 " + pid,
                                       "rule set " + id + " has no parameter " + pid));
      // Values the official texts fix are changed by uploading a new file, not edited here.
      if (!p->provisional && !(*rs)->provisional)
        return Fail(core::InvalidField(
            "parameter_not_provisional", "parameters." + pid,
            "参数 " + pid + " 来自正式文件，不是暂定值，只能通过上传新版本修改",
            "parameter " + pid +
                " comes from an official text, not a provisional value; upload a "
                "new version to change it"));
    }
    auto edited = st::OverrideParameters(**rs, values);
    if (!edited) return tl::unexpected(edited.error());
    auto merged = ParseOverrides(base.overrides_json);
    for (const auto& [pid, v] : values) merged[pid] = v;
    Json ov = Json::object();
    for (const auto& [pid, v] : merged) {
      const st::Parameter* p = edited->FindParameter(pid);
      ov[pid] = p && p->unit.is_bool ? Json(v != 0) : Json(v);
    }
    RuleSetVersionRow row = base;
    row.version = latest + 1;
    row.origin = "parameters";
    row.overrides_json = Dump(ov);
    row.based_on_version = latest;
    row.created_at = NowText();
    row.created_by = a.login;
    row.row_id = tx.standards().InsertVersion(row);
    Json changes = Json::object();
    for (const auto& [pid, v] : values) changes[pid] = v;
    tx.audit().Append({a.login, a.user_id, "rule_set.parameters", "rule_set",
                       id + " v" + std::to_string(row.version), Dump(VersionSummaryJson(base)),
                       Dump(Json{{"version", row.version}, {"changed", changes}}), request_id},
                      NowText());
    created = row;
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  auto loaded = Load(*created);
  if (!loaded) return tl::unexpected(loaded.error());
  return RuleSetEntry{*created, *loaded};
}

core::Result<DiffResult> StandardsService::Diff(const std::string& id, int from, int to) {
  auto a = GetVersion(id, from);
  if (!a) return tl::unexpected(a.error());
  auto b = GetVersion(id, to);
  if (!b) return tl::unexpected(b.error());
  DiffResult d{a->row, b->row, st::DiffRuleSets(*a->rule_set, *b->rule_set)};
  d.from.toml.clear();
  d.to.toml.clear();
  return d;
}

// ---------------- hardship-area county list ----------------

std::vector<HardshipCounty> StandardsService::HardshipCounties() {
  std::vector<HardshipCounty> out;
  store_.Read([&](Tx& tx) { out = tx.standards().ListHardshipCounties(); });
  return out;
}

core::Result<std::vector<HardshipCounty>> StandardsService::PutHardshipCounties(
    const Actor& a, std::vector<HardshipCounty> rows, const std::string& request_id) {
  if (a.role != Role::kNationalAdmin || a.scope.kind != Scope::Kind::kNational)
    return Fail(Forbidden());
  constexpr std::size_t kMaxCounties = 5000;  // more than China has county-level units
  if (rows.size() > kMaxCounties)
    return Fail(core::InvalidField("too_many_counties", "counties", "名单过长（最多 5000 个）",
                                   "the list is too long (at most 5,000)"));
  std::vector<HardshipCounty> after;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto& h = rows[i];
      std::string field = "counties[" + std::to_string(i) + "].region_code";
      if (!seen.insert(h.region_code).second)
        return Fail(core::InvalidField("duplicate_region", field,
                                       "行政区划代码重复：" + h.region_code,
                                       "the division code appears twice: " + h.region_code));
      auto r = tx.regions().Find(h.region_code);
      if (!r)
        return Fail(core::InvalidField("unknown_region", field,
                                       "未知的行政区划代码：" + h.region_code,
                                       "unknown division code: " + h.region_code));
      // 艰苦边远地区 are named by county-level unit; a city without counties stands for itself.
      if (!(r->level == "county" || (r->level == "city" && !r->has_children)))
        return Fail(core::InvalidField("not_county_level", field, r->name + " 不是县级行政区",
                                       r->name_en + " is not a county-level unit"));
      if (h.note.size() > 500)
        return Fail(core::InvalidField("note_too_long", "counties[" + std::to_string(i) + "].note",
                                       "备注过长（最多 500 字节）",
                                       "the note is too long (at most 500 bytes)"));
    }
    auto before = tx.standards().ListHardshipCounties();
    tx.standards().ReplaceHardshipCounties(rows);
    after = tx.standards().ListHardshipCounties();
    Json jb = Json::array(), ja = Json::array();
    for (const auto& h : before) jb.push_back(HardshipJson(h));
    for (const auto& h : after) ja.push_back(HardshipJson(h));
    tx.audit().Append({a.login, a.user_id, "standards.hardship_counties", "hardship_counties", "",
                       Dump(jb), Dump(ja), request_id},
                      NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return after;
}

}  // namespace incunet::app::standards
