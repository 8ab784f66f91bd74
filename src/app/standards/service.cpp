#include "app/standards/service.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "app/standards/codec.hpp"
#include "app/stats/repo.hpp"
#include "app/time_util.hpp"
#include "core/dates.hpp"
#include "core/embedded.hpp"
#include "domain/registry/rules.hpp"
#include "domain/standards/evaluate.hpp"
#include "domain/standards/loader.hpp"
#include "domain/standards/shipped.hpp"
#include "domain/standards/tax.hpp"

namespace incunet::app::standards {
namespace {

namespace reg = domain::registry;
using core::ErrorCode;
using core::Fail;

core::Error Forbidden() {
  return core::Error{ErrorCode::kForbidden, "forbidden", "无权执行此操作",
                     "you are not allowed to do this", {}};
}

core::Error RuleSetNotFound(const std::string& id, int version = 0) {
  std::string v = version ? " v" + std::to_string(version) : "";
  return core::NotFound("规则集 " + id + v, "rule set " + id + v);
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

core::Status CheckDate(const std::string& d, const char* field) {
  if (core::Date::Parse(d)) return {};
  return Fail(core::InvalidField("invalid_date", field, std::string(field) + " 应为 YYYY-MM-DD 日期",
                                 std::string(field) + " must be a YYYY-MM-DD date"));
}

RuleSetVersionRow RowOf(const st::RuleSet& rs, std::string origin, std::string toml) {
  RuleSetVersionRow r;
  r.rule_set_id = rs.id;
  r.version = rs.version;
  r.name_zh = rs.name_zh;
  r.name_en = rs.name_en;
  r.subject = st::SubjectName(rs.subject);
  r.kind = st::RuleKindName(rs.kind);
  r.level = st::LevelName(rs.level);
  r.jurisdiction = rs.jurisdiction;
  if (rs.effective_from) r.effective_from = st::ToString(*rs.effective_from);
  if (rs.effective_to) r.effective_to = st::ToString(*rs.effective_to);
  r.provisional = rs.provisional;
  r.origin = std::move(origin);
  r.file_name = rs.file_name;
  r.toml = std::move(toml);
  return r;
}

std::map<std::string, double> ParseOverrides(const std::string& text) {
  std::map<std::string, double> out;
  if (text.empty()) return out;
  Json j = Json::parse(text);
  for (auto it = j.begin(); it != j.end(); ++it)
    out[it.key()] = it->is_boolean() ? (it->get<bool>() ? 1.0 : 0.0) : it->get<double>();
  return out;
}

bool CanManageCarrier(const Actor& a, const reg::Carrier& c) {
  if ((a.role == Role::kNationalAdmin || a.role == Role::kRegionAdmin) &&
      ScopeCoversRegion(a.scope, c.region_code))
    return true;
  return a.role == Role::kCarrierOperator && a.scope.kind == Scope::Kind::kCarriers &&
         std::find(a.scope.carrier_ids.begin(), a.scope.carrier_ids.end(), c.id) !=
             a.scope.carrier_ids.end();
}

// The narrower of the requested region and the scope's region; nullopt when they do not meet.
std::optional<std::string> EffectiveRegion(const Scope& s, const std::string& region) {
  if (s.kind != Scope::Kind::kRegion) return region;
  const std::string& p = s.region_prefix;
  if (region.empty() || p.starts_with(region)) return p;
  if (region.starts_with(p)) return region;
  return std::nullopt;
}

st::CivilDate Civil(const std::string& d) { return *st::ParseCivilDate(d); }

// The latest rule set of `kind` and `subject` in force on `on` (latest effective_from, then
// version); nullptr when none.
const st::RuleSet* InForce(const std::vector<RuleSetPtr>& sets, st::RuleKind kind,
                           st::Subject subject, const st::CivilDate& on) {
  const st::RuleSet* best = nullptr;
  for (const auto& p : sets) {
    if (p->kind != kind || p->subject != subject || !p->EffectiveOn(on)) continue;
    auto key = [](const st::RuleSet* r) {
      return std::make_pair(r->effective_from.value_or(st::CivilDate{}), r->version);
    };
    if (!best || key(p.get()) > key(best)) best = p.get();
  }
  return best;
}

std::string Province(const std::string& region) { return region.substr(0, 2); }

// What a cultivation list depends on besides the request: the caller's scope, with the account
// (grants made to a person widen what it sees).
std::string ScopeKey(const Scope& s) {
  std::string k = std::to_string(static_cast<int>(s.kind)) + ":" + std::to_string(s.user_id) +
                  ":" + s.region_prefix + ":";
  for (auto id : s.carrier_ids) k += std::to_string(id) + ",";
  k += ":";
  for (auto id : s.enterprise_ids) k += std::to_string(id) + ",";
  return k;
}

}  // namespace

template <class T>
std::shared_ptr<const std::vector<T>> StandardsService::CachedList(ListCache<T>& cache,
                                                                   std::int64_t generation,
                                                                   const std::string& key) {
  std::lock_guard<std::mutex> lock(lists_mu_);
  if (generation != lists_generation_) {
    candidate_lists_.clear();
    alert_lists_.clear();
    lists_generation_ = generation;
    return nullptr;
  }
  auto it = cache.find(key);
  return it == cache.end() ? nullptr : it->second;
}

template <class T>
void StandardsService::StoreList(ListCache<T>& cache, std::int64_t generation,
                                 const std::string& key,
                                 std::shared_ptr<const std::vector<T>> list) {
  std::lock_guard<std::mutex> lock(lists_mu_);
  if (generation != lists_generation_) return;  // a newer write was seen meanwhile
  if (cache.size() >= kMaxCachedLists) cache.erase(cache.begin());
  cache[key] = std::move(list);
}

st::Level LevelOfTier(const std::string& tier) {
  return st::ParseLevel(tier).value_or(st::Level::kNone);
}

StandardsService::StandardsService(Store& store, NowFn now,
                                   std::vector<std::unique_ptr<IndicatorSource>> sources)
    : store_(store), now_(std::move(now)), sources_(std::move(sources)) {}

std::string StandardsService::Today() const { return CivilDateCst(now_()); }
std::string StandardsService::NowText() const { return Rfc3339(now_()); }

// ---------------- rule sets ----------------

core::Result<RuleSetPtr> StandardsService::Load(const RuleSetVersionRow& row) {
  auto key = std::make_pair(row.rule_set_id, row.version);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto rs = st::ParseRuleSet(row.toml, row.file_name);
  if (!rs) return tl::unexpected(rs.error());
  auto overrides = ParseOverrides(row.overrides_json);
  if (!overrides.empty()) {
    auto o = st::OverrideParameters(*rs, overrides);
    if (!o) return tl::unexpected(o.error());
    rs = std::move(o);
  }
  rs->version = row.version;  // the database numbers versions
  auto ptr = std::make_shared<const st::RuleSet>(std::move(*rs));
  std::lock_guard<std::mutex> lock(cache_mu_);
  cache_[key] = ptr;
  return ptr;
}

std::shared_ptr<const st::CompiledRuleSet> StandardsService::Compiled(const RuleSetPtr& rs) {
  auto key = std::make_pair(rs->id, rs->version);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    if (auto it = compiled_.find(key); it != compiled_.end() && &it->second->rule_set() == rs.get())
      return it->second;
  }
  auto c = std::make_shared<const st::CompiledRuleSet>(rs);
  std::lock_guard<std::mutex> lock(cache_mu_);
  compiled_[key] = c;
  return c;
}

core::Result<int> StandardsService::SeedShipped() {
  std::vector<std::pair<st::RuleSet, std::string>> files;
  for (const core::EmbeddedFile* f : core::EmbeddedFilesUnder(st::kShippedRuleSetDir)) {
    if (!f->path.ends_with(".toml")) continue;
    auto rs = st::ParseRuleSet(f->content, f->path);
    if (!rs) return tl::unexpected(rs.error());
    files.emplace_back(std::move(*rs), f->content);
  }
  int written = 0;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    Json names = Json::array();
    for (auto& [rs, text] : files) {
      if (tx.standards().HasShippedFile(rs.file_name)) continue;
      RuleSetVersionRow row = RowOf(rs, "shipped", text);
      // A version number an upload already took moves the shipped file after it.
      if (tx.standards().FindVersion(rs.id, rs.version))
        row.version = tx.standards().MaxVersion(rs.id) + 1;
      row.created_at = NowText();
      row.created_by = "system";
      tx.standards().InsertVersion(row);
      names.push_back(rs.id + " v" + std::to_string(row.version));
      ++written;
    }
    if (written)
      tx.audit().Append({"system", 0, "rule_set.seed", "rule_set", "shipped", "",
                         Dump(Json{{"versions", names}}), ""},
                        NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return written;
}

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
      core::Error e{ErrorCode::kConflict, "stale_version", "规则集已有更新的版本，请刷新后重试",
                    "the rule set has a newer version; reload and try again", {}};
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
            "parameter " + pid + " comes from an official text, not a provisional value; upload a "
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
        return Fail(core::InvalidField("not_county_level", field,
                                       r->name + " 不是县级行政区",
                                       r->name_en + " is not a county-level unit"));
      if (h.note.size() > 500)
        return Fail(core::InvalidField("note_too_long",
                                       "counties[" + std::to_string(i) + "].note",
                                       "备注过长（最多 500 字节）",
                                       "the note is too long (at most 500 bytes)"));
    }
    auto before = tx.standards().ListHardshipCounties();
    tx.standards().ReplaceHardshipCounties(rows);
    after = tx.standards().ListHardshipCounties();
    Json jb = Json::array(), ja = Json::array();
    for (const auto& h : before) jb.push_back(HardshipJson(h));
    for (const auto& h : after) ja.push_back(HardshipJson(h));
    tx.audit().Append({a.login, a.user_id, "standards.hardship_counties", "hardship_counties",
                       "", Dump(jb), Dump(ja), request_id},
                      NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return after;
}
// ---------------- facts ----------------

core::Result<std::vector<CarrierFact>> StandardsService::GetFacts(const Actor& a, Id carrier_id) {
  std::optional<reg::Carrier> c;
  std::vector<CarrierFact> facts;
  store_.Read([&](Tx& tx) {
    c = tx.carriers().Find(Scope::National(), carrier_id);
    if (c && ScopeCoversCarrier(a.scope, c->id, c->region_code))
      facts = tx.standards().Facts({carrier_id}, "");
  });
  if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
  if (!ScopeCoversCarrier(a.scope, c->id, c->region_code)) return Fail(Forbidden());
  return facts;
}

core::Result<std::vector<CarrierFact>> StandardsService::PutFacts(const Actor& a, Id carrier_id,
                                                                  std::vector<CarrierFact> facts,
                                                                  const std::string& request_id) {
  for (std::size_t i = 0; i < facts.size(); ++i) {
    auto& f = facts[i];
    std::string field = "facts[" + std::to_string(i) + "]";
    const st::Indicator* ind = st::FindIndicator(f.indicator);
    if (!ind || ind->subject != st::Subject::kCarrier)
      return Fail(core::InvalidField("unknown_indicator", field + ".indicator",
                                     "未知的载体指标 " + f.indicator,
                                     "unknown carrier indicator " + f.indicator));
    if (auto s = CheckDate(f.as_of, "as_of"); !s) {
      auto e = s.error();
      e.details["field"] = field + ".as_of";
      return Fail(e);
    }
    if (!std::isnan(f.value) &&
        (!std::isfinite(f.value) || (ind->unit.is_bool && f.value != 0 && f.value != 1)))
      return Fail(core::InvalidField("invalid_value", field + ".value",
                                     "指标 " + f.indicator + " 的取值无效",
                                     "invalid value for indicator " + f.indicator));
    // Every quantity of the catalogue (areas, money, counts, people, time) is non-negative, and
    // counts and people are whole.
    if (!std::isnan(f.value) && f.value < 0)
      return Fail(core::InvalidField("negative_value", field + ".value",
                                     ind->name_zh + " 不能为负数",
                                     ind->name_en + " cannot be negative"));
    auto base = ind->unit.Base();
    if (!std::isnan(f.value) && base &&
        (*base == st::Dimension::kCount || *base == st::Dimension::kPersons) &&
        f.value != std::floor(f.value))
      return Fail(core::InvalidField("not_whole_number", field + ".value",
                                     ind->name_zh + " 应为整数",
                                     ind->name_en + " must be a whole number"));
    f.carrier_id = carrier_id;
  }
  std::vector<CarrierFact> after;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    auto c = tx.carriers().Find(Scope::National(), carrier_id);
    if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
    if (!CanManageCarrier(a, *c)) return Fail(Forbidden());
    auto before = tx.standards().Facts({carrier_id}, "");
    for (auto& f : facts) {
      if (std::isnan(f.value)) {
        tx.standards().DeleteFact(carrier_id, f.indicator, f.as_of);
        continue;
      }
      f.updated_at = NowText();
      f.updated_by = a.login;
      tx.standards().UpsertFact(f);
    }
    after = tx.standards().Facts({carrier_id}, "");
    Json jb = Json::array(), ja = Json::array();
    for (const auto& f : before) jb.push_back(FactJson(f));
    for (const auto& f : after) ja.push_back(FactJson(f));
    tx.audit().Append({a.login, a.user_id, "carrier.facts", "carrier", std::to_string(carrier_id),
                       Dump(jb), Dump(ja), request_id},
                      NowText());
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return after;
}

// ---------------- values ----------------

std::vector<st::IndicatorValues> StandardsService::CarrierValues(
    Tx& tx, const std::vector<reg::Carrier>& cs, const std::string& as_of) {
  std::vector<st::IndicatorValues> out(cs.size());
  for (auto& src : sources_) src->FillCarriers(tx, cs, as_of, out);
  return out;
}

std::vector<st::IndicatorValues> StandardsService::IncubateeValues(
    Tx& tx, const std::vector<IncubateeRecord>& rs, const std::string& as_of) {
  std::vector<st::IndicatorValues> out(rs.size());
  for (auto& src : sources_) src->FillIncubatees(tx, rs, as_of, out);
  return out;
}

std::vector<reg::Carrier> StandardsService::VisibleCarriers(Tx& tx, const Actor& a,
                                                            const std::string& region) {
  std::vector<reg::Carrier> out;
  switch (a.scope.kind) {
    case Scope::Kind::kNone:
    case Scope::Kind::kPublic:
    case Scope::Kind::kEnterprises:
      return out;
    case Scope::Kind::kCarriers:
      for (Id id : a.scope.carrier_ids)
        if (auto c = tx.carriers().Find(a.scope, id); c && c->region_code.starts_with(region))
          out.push_back(std::move(*c));
      return out;
    case Scope::Kind::kNational:
    case Scope::Kind::kRegion:
      break;
  }
  auto eff = EffectiveRegion(a.scope, region);
  if (!eff) return out;
  CarrierQuery q;
  q.region = *eff;
  PageRequest p{200, ""};
  for (;;) {
    auto page = tx.carriers().List(a.scope, q, p);
    for (auto& c : page.items)
      if (ScopeCoversCarrier(a.scope, c.id, c.region_code)) out.push_back(std::move(c));
    if (!page.next_cursor) break;
    p.cursor = *page.next_cursor;
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  return out;
}

core::Result<std::vector<RuleSetPtr>> StandardsService::LatestRuleSets(Tx& tx) {
  std::vector<RuleSetPtr> out;
  auto rows = tx.standards().ListVersions("");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i + 1 < rows.size() && rows[i + 1].rule_set_id == rows[i].rule_set_id) continue;
    auto rs = Load(rows[i]);
    if (!rs) return tl::unexpected(rs.error());
    out.push_back(*rs);
  }
  return out;
}

// ---------------- verdicts ----------------

namespace {

StoredVerdict MakeStored(const st::RuleSet& rs, const st::Verdict& v,
                         const std::string& subject_type, Id subject_id,
                         const std::string& as_of, const std::string& region,
                         std::optional<Id> carrier_id) {
  StoredVerdict s;
  s.rule_set_id = rs.id;
  s.rule_set_version = rs.version;
  s.rule_set_kind = st::RuleKindName(rs.kind);
  s.subject_type = subject_type;
  s.subject_id = subject_id;
  s.as_of = as_of;
  s.region_code = region;
  s.carrier_id = carrier_id;
  s.outcome = st::OutcomeName(v.outcome);
  s.grade = v.grade;
  s.score = v.score;
  s.provisional = v.provisional;
  s.result_json = VerdictText(v);  // the bytes of Dump(VerdictJson(v))
  return s;
}

// Inserts or updates the verdict under its key; an identical stored verdict is left alone.
// Returns true when a row was written.
bool Upsert(Tx& tx, StoredVerdict& v, const std::string& now) {
  auto old = tx.standards().FindVerdictByKey(v.rule_set_id, v.rule_set_version, v.subject_type,
                                             v.subject_id, v.as_of);
  if (old && old->result_json == v.result_json && old->region_code == v.region_code &&
      old->carrier_id == v.carrier_id) {
    v = *old;
    return false;
  }
  v.evaluated_at = now;
  if (old) {
    v.id = old->id;
    tx.standards().UpdateVerdict(v);
  } else {
    v.id = tx.standards().InsertVerdict(v);
  }
  return true;
}

// An enterprise without an active stay is evaluated from its own records.
IncubateeRecord RecordOf(const reg::Enterprise& e) {
  IncubateeRecord r;
  r.enterprise_id = e.id;
  r.enterprise_name = e.name;
  r.enterprise_region = e.region_code;
  r.founded_on = e.founded_on;
  r.is_team = e.is_team;
  r.domains = e.domains;
  r.qualifications = e.qualifications;
  r.listings = e.listings;
  return r;
}

}  // namespace

core::Result<StoredVerdict> StandardsService::EvaluateSubject(const Actor& a,
                                                              const EvaluateRequest& req,
                                                              const std::string& request_id) {
  std::string as_of = req.as_of.empty() ? Today() : req.as_of;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  if (req.subject_type != "carrier" && req.subject_type != "enterprise")
    return Fail(core::InvalidField("invalid_subject_type", "subject_type",
                                   "subject_type 应为 carrier 或 enterprise",
                                   "subject_type must be carrier or enterprise"));
  if (a.role == Role::kPublic) return Fail(Forbidden());
  std::optional<StoredVerdict> result;
  bool written = false;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    int version = req.version.value_or(tx.standards().MaxVersion(req.rule_set_id));
    auto row = tx.standards().FindVersion(req.rule_set_id, version);
    if (!row) return Fail(RuleSetNotFound(req.rule_set_id, req.version.value_or(0)));
    auto rs = Load(*row);
    if (!rs) return tl::unexpected(rs.error());
    if (st::SubjectName((*rs)->subject) != req.subject_type)
      return Fail(core::InvalidField(
          "subject_mismatch", "subject_type",
          "规则集 " + req.rule_set_id + " 适用于 " + st::SubjectName((*rs)->subject),
          "rule set " + req.rule_set_id + " applies to a " + st::SubjectName((*rs)->subject)));
    st::Verdict v;
    std::string region;
    std::optional<Id> carrier_id;
    if (req.subject_type == "carrier") {
      auto c = tx.carriers().Find(Scope::National(), req.subject_id);
      if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
      if (!CanManageCarrier(a, *c)) return Fail(Forbidden());
      auto values = CarrierValues(tx, {*c}, as_of);
      v = st::Evaluate(**rs, values[0]);
      region = c->region_code;
      carrier_id = c->id;
    } else {
      auto e = tx.enterprises().Find(a.scope.Managing(), req.subject_id);
      if (!e) return Fail(core::NotFound("企业", "enterprise"));
      bool allowed = a.IsAdmin() || a.role == Role::kCarrierOperator ||
                     (a.role == Role::kEnterpriseMember &&
                      std::find(a.scope.enterprise_ids.begin(), a.scope.enterprise_ids.end(),
                                e->id) != a.scope.enterprise_ids.end());
      if (!allowed) return Fail(Forbidden());
      IncubateeQuery q;
      q.enterprise_id = e->id;
      auto stays = tx.standards().Incubatees(Scope::National(), q, as_of);
      IncubateeRecord rec = stays.empty() ? RecordOf(*e) : stays.front();
      auto values = IncubateeValues(tx, {rec}, as_of);
      v = st::Evaluate(**rs, values[0]);
      region = e->region_code;
      if (rec.carrier_id) carrier_id = rec.carrier_id;
    }
    StoredVerdict sv =
        MakeStored(**rs, v, req.subject_type, req.subject_id, as_of, region, carrier_id);
    written = Upsert(tx, sv, NowText());
    if (written)
      tx.audit().Append({a.login, a.user_id, "verdict.evaluate", "verdict",
                         std::to_string(sv.id), "",
                         Dump(Json{{"rule_set_id", sv.rule_set_id},
                                   {"rule_set_version", sv.rule_set_version},
                                   {"subject_type", sv.subject_type},
                                   {"subject_id", sv.subject_id},
                                   {"as_of", sv.as_of},
                                   {"outcome", sv.outcome},
                                   {"grade", sv.grade}}),
                         request_id},
                        NowText());
    result = sv;
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return *result;
}

core::Result<EvaluateAllReport> StandardsService::EvaluateAll(
    const Actor& a, const std::string& rule_set_id, const std::string& as_of_in,
    const std::string& region, const std::function<void(std::size_t, std::size_t)>& progress,
    const std::string& request_id) {
  std::string as_of = as_of_in.empty() ? Today() : as_of_in;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  if (!a.IsAdmin()) return Fail(Forbidden());
  std::optional<RuleSetVersionRow> row;
  store_.Read([&](Tx& tx) {
    int v = tx.standards().MaxVersion(rule_set_id);
    if (v) row = tx.standards().FindVersion(rule_set_id, v);
  });
  if (!row) return Fail(RuleSetNotFound(rule_set_id));
  auto rs = Load(*row);
  if (!rs) return tl::unexpected(rs.error());
  const st::RuleSet& set = **rs;

  EvaluateAllReport rep;
  rep.rule_set_id = set.id;
  rep.version = set.version;
  rep.subject_type = st::SubjectName(set.subject);
  rep.as_of = as_of;
  std::vector<StoredVerdict> verdicts;
  auto tally = [&](const st::Verdict& v) {
    ++rep.outcomes[st::OutcomeName(v.outcome)];
    if (!v.grade.empty()) ++rep.grades[v.grade];
  };
  store_.Read([&](Tx& tx) {
    if (set.subject == st::Subject::kCarrier) {
      auto carriers = VisibleCarriers(tx, a, region);
      auto values = CarrierValues(tx, carriers, as_of);
      for (std::size_t i = 0; i < carriers.size(); ++i) {
        auto v = st::Evaluate(set, values[i]);
        tally(v);
        verdicts.push_back(MakeStored(set, v, "carrier", carriers[i].id, as_of,
                                      carriers[i].region_code, carriers[i].id));
        if (progress && (i % 256 == 0)) progress(i, carriers.size() * 2);
      }
    } else {
      IncubateeQuery q;
      auto eff = EffectiveRegion(a.scope, region);
      if (!eff) return;
      q.region = *eff;
      auto recs = tx.standards().Incubatees(a.scope, q, as_of);
      auto values = IncubateeValues(tx, recs, as_of);
      for (std::size_t i = 0; i < recs.size(); ++i) {
        auto v = st::Evaluate(set, values[i]);
        tally(v);
        verdicts.push_back(MakeStored(set, v, "enterprise", recs[i].enterprise_id, as_of,
                                      recs[i].enterprise_region, recs[i].carrier_id));
        if (progress && (i % 256 == 0)) progress(i, recs.size() * 2);
      }
    }
  });
  rep.subjects = verdicts.size();
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    std::string now = NowText();
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      if (Upsert(tx, verdicts[i], now)) ++rep.written;
      if (progress && (i % 256 == 0)) progress(verdicts.size() + i, verdicts.size() * 2);
    }
    Json outcomes = rep.outcomes, grades = rep.grades;
    // One audit row for the whole job.
    tx.audit().Append({a.login, a.user_id, "verdict.evaluate_all", "rule_set",
                       set.id + " v" + std::to_string(set.version), "",
                       Dump(Json{{"as_of", as_of},
                                 {"region", region},
                                 {"subjects", rep.subjects},
                                 {"written", rep.written},
                                 {"outcomes", outcomes},
                                 {"grades", grades}}),
                       request_id},
                      now);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  if (progress) progress(verdicts.size() * 2, verdicts.size() * 2);
  return rep;
}

Page<StoredVerdict> StandardsService::ListVerdicts(const Actor& a, const VerdictQuery& q,
                                                   const PageRequest& p) {
  Page<StoredVerdict> page;
  store_.Read([&](Tx& tx) { page = tx.standards().ListVerdicts(a.scope, q, p); });
  return page;
}

core::Result<StoredVerdict> StandardsService::GetVerdict(const Actor& a, Id id) {
  std::optional<StoredVerdict> v;
  store_.Read([&](Tx& tx) { v = tx.standards().FindVerdict(a.scope, id); });
  if (!v) return Fail(core::NotFound("评价结果", "verdict"));
  return *v;
}

// ---------------- tiered cultivation ----------------

core::Result<NextTierReport> StandardsService::NextTier(const Actor& a, Id carrier_id,
                                                        const std::string& as_of_in) {
  std::string as_of = as_of_in.empty() ? Today() : as_of_in;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  NextTierReport rep;
  core::Status status;
  store_.Read([&](Tx& tx) {
    auto c = tx.carriers().Find(Scope::National(), carrier_id);
    if (!c) {
      status = Fail(core::NotFound("孵化载体", "carrier"));
      return;
    }
    if (!ScopeCoversCarrier(a.scope, c->id, c->region_code)) {
      status = Fail(Forbidden());
      return;
    }
    auto sets = LatestRuleSets(tx);
    if (!sets) {
      status = tl::unexpected(sets.error());
      return;
    }
    std::vector<st::RuleSet> copies;
    for (const auto& p : *sets) copies.push_back(*p);
    rep.carrier_id = c->id;
    rep.carrier_name = c->name;
    rep.province = Province(c->region_code);
    rep.as_of = as_of;
    rep.current = LevelOfTier(reg::CurrentTier(c->recognitions, as_of));
    rep.next = st::NextLevel(rep.current);
    if (!rep.next) return;
    auto values = CarrierValues(tx, {*c}, as_of);
    auto d = st::DistanceToNextTier(copies, rep.current, rep.province, Civil(as_of), values[0]);
    if (!d) {
      status = tl::unexpected(d.error());
      return;
    }
    const st::RuleSet& target = *d->tier.rule_set;
    rep.rule_set = *tx.standards().FindVersion(target.id, target.version);
    rep.rule_set.toml.clear();
    rep.next = d->tier.level;
    d->tier.rule_set = nullptr;  // points into `copies`
    rep.distance = std::move(*d);
    if (*rep.next != st::Level::kExcellence) return;

    // Rank among the province's 卓越级 candidates (every 标准级 / 国家级 carrier there).
    std::vector<reg::Carrier> province;
    CarrierQuery q;
    q.region = rep.province;
    PageRequest p{200, ""};
    int recommendations = 0;
    for (;;) {
      auto page = tx.carriers().List(Scope::National(), q, p);
      for (auto& pc : page.items) {
        auto lvl = LevelOfTier(reg::CurrentTier(pc.recognitions, as_of));
        if (lvl == st::Level::kStandard || lvl == st::Level::kNational ||
            lvl == st::Level::kExcellence)
          ++recommendations;
        if (lvl == st::Level::kStandard || lvl == st::Level::kNational || pc.id == c->id)
          province.push_back(std::move(pc));
      }
      if (!page.next_cursor) break;
      p.cursor = *page.next_cursor;
    }
    auto pv = CarrierValues(tx, province, as_of);
    std::vector<st::ExcellenceCandidate> cands;
    for (std::size_t i = 0; i < province.size(); ++i) {
      auto v = st::Evaluate(target, pv[i]);
      cands.push_back({province[i].id, rep.province, v.outcome == st::Outcome::kPass,
                       st::Attainment(v)});
    }
    const st::Parameter* share = target.FindParameter("quota_share");
    auto ranked = st::RankExcellenceCandidates(cands, {{rep.province, recommendations}},
                                               share ? share->value : 0.10);
    for (const auto& r : ranked)
      if (r.candidate.carrier_id == c->id)
        rep.rank = ExcellenceRank{r.rank, static_cast<int>(cands.size()), r.quota,
                                  r.within_quota, r.candidate.qualifies, r.candidate.merit};
  });
  if (!status) return tl::unexpected(status.error());
  return rep;
}

core::Result<std::shared_ptr<const std::vector<Candidate>>> StandardsService::Candidates(
    const Actor& a, const std::string& region, const std::string& level,
    const std::string& as_of_in) {
  std::string as_of = as_of_in.empty() ? Today() : as_of_in;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  std::optional<st::Level> want;
  if (!level.empty()) {
    want = st::ParseLevel(level);
    if (!want || *want == st::Level::kNone || *want == st::Level::kMakerspaceFiling)
      return Fail(core::InvalidField("invalid_level", "level",
                                     "level 应为 provincial、standard 或 excellence",
                                     "level must be provincial, standard or excellence"));
  }
  std::string key = ScopeKey(a.scope) + "|" + region + "|" + level + "|" + as_of;
  std::vector<Candidate> out;
  std::shared_ptr<const std::vector<Candidate>> hit;
  std::int64_t generation = 0;
  core::Status status;
  store_.Read([&](Tx& tx) {
    // Read before the rows: a write in between only makes the list newer than its generation.
    generation = tx.stats().Generation();
    if ((hit = CachedList(candidate_lists_, generation, key))) return;
    ++list_computations_;
    auto sets = LatestRuleSets(tx);
    if (!sets) {
      status = tl::unexpected(sets.error());
      return;
    }
    std::vector<st::RuleSet> copies;
    for (const auto& p : *sets) copies.push_back(*p);
    auto carriers = VisibleCarriers(tx, a, region);
    std::map<std::string, int> recommendations;  // province → 标准级 + 卓越级 carriers
    std::vector<reg::Carrier> chosen;
    std::vector<st::Level> current;
    for (auto& c : carriers) {
      auto lvl = LevelOfTier(reg::CurrentTier(c.recognitions, as_of));
      if (lvl == st::Level::kStandard || lvl == st::Level::kNational ||
          lvl == st::Level::kExcellence)
        ++recommendations[Province(c.region_code)];
      auto next = st::NextLevel(lvl);
      if (!next) continue;
      // Before MIIT's rules the tier above 省级 is 国家级; compare by the tier's name.
      if (want && !(*next == *want || (*want == st::Level::kNational && *next == st::Level::kStandard)))
        continue;
      chosen.push_back(std::move(c));
      current.push_back(lvl);
    }
    auto values = CarrierValues(tx, chosen, as_of);
    std::vector<st::ExcellenceCandidate> excellence;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const auto& c = chosen[i];
      auto d = st::DistanceToNextTier(copies, current[i], Province(c.region_code), Civil(as_of),
                                      values[i]);
      if (!d) continue;  // no rule set in force for that tier
      Candidate k;
      k.carrier_id = c.id;
      k.carrier_name = c.name;
      k.region_code = c.region_code;
      k.province = Province(c.region_code);
      k.current = current[i];
      k.next = d->tier.level;
      k.rule_set_id = d->tier.rule_set->id;
      k.rule_set_version = d->tier.rule_set->version;
      k.provincial_default = d->tier.provincial_default;
      k.outcome = d->verdict.outcome;
      k.merit = st::Attainment(d->verdict);
      k.gaps = std::move(d->gaps);
      if (k.next == st::Level::kExcellence)
        excellence.push_back({c.id, k.province, k.outcome == st::Outcome::kPass, k.merit});
      out.push_back(std::move(k));
    }
    // 卓越级: the quota ranking of tiers.hpp; other tiers: qualifying first, then merit.
    double share = 0.10;
    for (const auto& s : copies)
      if (s.level == st::Level::kExcellence)
        if (const auto* p = s.FindParameter("quota_share")) share = p->value;
    std::map<Id, st::RankedCandidate> ranked;
    for (auto& r : st::RankExcellenceCandidates(excellence, recommendations, share))
      ranked[r.candidate.carrier_id] = r;
    auto rank_key = [](const Candidate& x) {
      return std::make_tuple(x.province, static_cast<int>(x.next));
    };
    std::sort(out.begin(), out.end(), [&](const Candidate& x, const Candidate& y) {
      if (rank_key(x) != rank_key(y)) return rank_key(x) < rank_key(y);
      bool px = x.outcome == st::Outcome::kPass, py = y.outcome == st::Outcome::kPass;
      if (px != py) return px;
      if (x.merit != y.merit) return x.merit > y.merit;
      return x.carrier_id < y.carrier_id;
    });
    int rank = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      rank = (i > 0 && rank_key(out[i]) == rank_key(out[i - 1])) ? rank + 1 : 1;
      out[i].rank = rank;
      if (auto it = ranked.find(out[i].carrier_id); it != ranked.end()) {
        out[i].rank = it->second.rank;
        out[i].quota = it->second.quota;
        out[i].within_quota = it->second.within_quota;
      }
    }
  });
  if (!status) return tl::unexpected(status.error());
  if (hit) return hit;
  auto list = std::make_shared<const std::vector<Candidate>>(std::move(out));
  StoreList(candidate_lists_, generation, key, list);
  return list;
}

core::Result<std::shared_ptr<const std::vector<Alert>>> StandardsService::Alerts(
    const Actor& a, const std::string& region, const std::string& as_of_in) {
  std::string as_of = as_of_in.empty() ? Today() : as_of_in;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  std::string key = ScopeKey(a.scope) + "|" + region + "||" + as_of;
  std::vector<Alert> out;
  std::shared_ptr<const std::vector<Alert>> hit;
  std::int64_t generation = 0;
  core::Status status;
  store_.Read([&](Tx& tx) {
    generation = tx.stats().Generation();
    if ((hit = CachedList(alert_lists_, generation, key))) return;
    ++list_computations_;
    auto sets = LatestRuleSets(tx);
    if (!sets) {
      status = tl::unexpected(sets.error());
      return;
    }
    auto on = Civil(as_of);
    auto carriers = VisibleCarriers(tx, a, region);
    std::map<Id, const reg::Carrier*> by_id;
    std::vector<Id> ids;
    for (const auto& c : carriers) {
      by_id[c.id] = &c;
      ids.push_back(c.id);
    }
    auto carrier_alert = [&](const reg::Carrier& c, std::string kind) {
      Alert al;
      al.kind = std::move(kind);
      al.carrier_id = c.id;
      al.carrier_name = c.name;
      al.region_code = c.region_code;
      return al;
    };

    // Two consecutive D grades → revocation warning.
    std::map<Id, std::vector<std::pair<std::string, std::string>>> grades;  // as_of, grade
    for (const auto& v : tx.standards().EvaluationHistory(ids)) {
      if (v.as_of > as_of) continue;
      auto& g = grades[v.subject_id];
      if (!g.empty() && g.back().first == v.as_of)
        g.back().second = v.grade;  // the later version's verdict for the same date
      else
        g.emplace_back(v.as_of, v.grade);
    }
    for (const auto& [cid, g] : grades) {
      if (g.size() < 2 || g[g.size() - 1].second != "D" || g[g.size() - 2].second != "D")
        continue;
      Alert al = carrier_alert(*by_id[cid], "revocation_warning");
      al.detail_zh = "连续两次评价为 D（" + g[g.size() - 2].first + "、" + g.back().first +
                     "），应予预警并可能撤销资格";
      al.detail_en = "graded D twice in a row (" + g[g.size() - 2].first + ", " +
                     g.back().first + "): revocation warning";
      al.data = {{"first", g[g.size() - 2].first}, {"second", g.back().first}};
      out.push_back(std::move(al));
    }

    // Tax benefit ending within 12 months.
    // Decisions only need the compiled form; an explanation is built where one is shown.
    auto compiled = [&](const st::RuleSet* rs) -> std::shared_ptr<const st::CompiledRuleSet> {
      for (const auto& p : *sets)
        if (p.get() == rs) return Compiled(p);
      return nullptr;
    };
    if (const st::RuleSet* tax = InForce(*sets, st::RuleKind::kTax, st::Subject::kCarrier, on)) {
      auto values = CarrierValues(tx, carriers, as_of);
      auto tax_c = compiled(tax);
      st::YearMonth now = st::MonthOf(on), horizon{now.year + 1, now.month};
      for (std::size_t i = 0; i < carriers.size(); ++i) {
        const auto& c = carriers[i];
        if (tax_c->Decide(values[i]).outcome != st::Outcome::kPass) continue;
        // The recognition in force that lasts longest carries the benefit.
        std::optional<st::TaxBenefit> best;
        for (const auto& r : c.recognitions) {
          if (!(r.valid_from <= as_of && (!r.valid_to || as_of <= *r.valid_to))) continue;
          auto from = st::ParseCivilDate(r.valid_from);
          if (!from) continue;
          std::optional<st::CivilDate> to;
          if (r.valid_to) to = st::ParseCivilDate(*r.valid_to);
          auto b = st::TaxBenefitMonths(*tax, *from, to);
          if (b && (!best || best->last < b->last)) best = b;
        }
        if (!best || best->last < now || !(best->last < horizon)) continue;
        Alert al = carrier_alert(c, "tax_benefit_ending");
        al.detail_zh = "税收优惠（" + tax->document + "）将于 " + st::ToString(best->last) + " 结束";
        al.detail_en = "tax benefit (" + tax->document + ") ends with " + st::ToString(best->last);
        al.data = {{"last_month", st::ToString(best->last)}, {"rule_set_id", tax->id}};
        out.push_back(std::move(al));
      }
    }

    // Incubatees past their month limit, and those that meet graduation but are not graduated.
    const st::RuleSet* elig =
        InForce(*sets, st::RuleKind::kEligibility, st::Subject::kEnterprise, on);
    const st::RuleSet* grad =
        InForce(*sets, st::RuleKind::kGraduation, st::Subject::kEnterprise, on);
    if (a.scope.kind == Scope::Kind::kPublic || a.scope.kind == Scope::Kind::kEnterprises ||
        (!elig && !grad))
      return;
    auto eff = EffectiveRegion(a.scope, region);
    if (!eff) return;
    IncubateeQuery q;
    q.region = *eff;
    auto recs = tx.standards().Incubatees(a.scope, q, as_of);
    auto values = IncubateeValues(tx, recs, as_of);
    auto elig_c = elig ? compiled(elig) : nullptr;
    auto grad_c = grad ? compiled(grad) : nullptr;
    for (std::size_t i = 0; i < recs.size(); ++i) {
      const auto& r = recs[i];
      st::BoundValues bound(values[i]);
      auto base = [&](std::string kind) {
        Alert al;
        al.kind = std::move(kind);
        al.carrier_id = r.carrier_id;
        al.carrier_name = r.carrier_name;
        al.region_code = r.carrier_region;
        al.enterprise_id = r.enterprise_id;
        al.enterprise_name = r.enterprise_name;
        al.incubation_id = r.incubation_id;
        return al;
      };
      // Under "all" a failing criterion fails the verdict, so a verdict that does not fail
      // has none to report.
      if (elig && (elig->combine != st::CombineMode::kAll ||
                   elig_c->Decide(bound).outcome == st::Outcome::kFail)) {
        auto v = elig_c->Explain(values[i]);
        for (const auto& c : v.criteria) {
          const st::Criterion* def = elig->FindCriterion(c.id);
          const auto& reads = def->indicators;
          if (c.outcome != st::Outcome::kFail ||
              std::find(reads.begin(), reads.end(), "months_in_incubation") == reads.end())
            continue;
          Alert al = base("incubation_over_limit");
          std::string months = c.value ? std::to_string(static_cast<long>(*c.value)) : "?";
          std::string limit = c.threshold ? std::to_string(static_cast<long>(*c.threshold)) : "?";
          al.detail_zh = "孵化时间 " + months + " 个月，超过上限 " + limit + " 个月（" +
                         elig->id + " " + c.id + "）";
          al.detail_en = "in incubation for " + months + " months, over the limit of " + limit +
                         " months (" + elig->id + " " + c.id + ")";
          al.data = {{"months", months}, {"limit", limit}, {"rule_set_id", elig->id},
                     {"criterion_id", c.id}};
          out.push_back(std::move(al));
        }
      }
      if (grad && grad_c->Decide(bound).outcome == st::Outcome::kPass) {
        Alert al = base("graduation_due");
        al.detail_zh = "已满足毕业条件（" + grad->id + "）但尚未毕业";
        al.detail_en = "meets the graduation conditions (" + grad->id + ") but is not graduated";
        al.data = {{"rule_set_id", grad->id}};
        out.push_back(std::move(al));
      }
    }
  });
  if (!status) return tl::unexpected(status.error());
  if (hit) return hit;
  std::stable_sort(out.begin(), out.end(), [](const Alert& x, const Alert& y) {
    return std::tie(x.kind, x.region_code, x.carrier_id) <
           std::tie(y.kind, y.region_code, y.carrier_id);
  });
  auto list = std::make_shared<const std::vector<Alert>>(std::move(out));
  StoreList(alert_lists_, generation, key, list);
  return list;
}

}  // namespace incunet::app::standards
