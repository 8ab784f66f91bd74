#include "app/io/entities.hpp"

#include <algorithm>
#include <set>

#include "app/store.hpp"
#include "domain/io/records.hpp"
#include "domain/registry/authority.hpp"
#include "domain/registry/rules.hpp"

namespace incunet::app::io {
namespace {

namespace dio = domain::io;
namespace reg = domain::registry;

void Fail(const dio::EntitySpec& s, Row& row, std::string_view key, std::string code,
          std::string zh, std::string en, std::vector<RowError>* errors) {
  std::string value;
  if (!key.empty()) value = row.values[s.At(key)];
  errors->push_back(dio::MakeRowError(s, row.rec, key, std::move(value), std::move(code),
                                      std::move(zh), std::move(en)));
  row.bad = true;
}

bool CheckRegion(const dio::EntitySpec& s, const RowContext& ctx, Row& row, std::string_view key,
                 const std::string& code, std::initializer_list<const char*> levels,
                 std::vector<RowError>* errors) {
  auto it = ctx.region_levels.find(code);
  if (it == ctx.region_levels.end() || !reg::IsKnown(it->second, levels)) {
    std::string want;
    for (const char* l : levels) want += (want.empty() ? "" : "/") + std::string(l);
    Fail(s, row, key, "unknown_region",
         it == ctx.region_levels.end() ? "未知的行政区划代码 " + code
                                       : "行政区划 " + code + " 的级别不对（应为 " + want + "）",
         it == ctx.region_levels.end()
             ? "unknown region code " + code
             : "region " + code + " is a " + it->second + ", expected " + want,
         errors);
    return false;
  }
  return true;
}

bool CheckScope(const dio::EntitySpec& s, const RowContext& ctx, Row& row, std::string_view key,
                const std::string& region, std::vector<RowError>* errors) {
  if (ScopeCoversRegion(ctx.actor.scope, region)) return true;
  // The message names no region: for a stored record that would describe what the caller may
  // not see.
  Fail(s, row, key, "out_of_scope", "不在您的管辖范围内", "outside your scope", errors);
  return false;
}

UniqueKey NaturalKey(std::string key, const char* column) {
  return {std::move(key), column, "duplicate_key", "与第 {row} 行重复（同一记录在文件中出现两次）",
          "duplicates row {row} (the same record appears twice in the file)"};
}

// Fills the columns the file left out from the stored record's values; true when any was.
bool MergeAbsent(const RowContext& ctx, Row& row, const dio::Values& stored) {
  bool any = false;
  for (std::size_t c = 0; c < ctx.present.size() && c < stored.size(); ++c)
    if (!ctx.present[c]) {
      row.values[c] = stored[c];
      any = true;
    }
  return any;
}

template <typename T>
T& Rec(Row* r) {
  return *std::any_cast<T>(&r->record);
}

std::string UsccKey(const std::string& uscc) { return "U:" + uscc; }
std::string TeamKeyText(const TeamKey& k) { return "T:" + k.first + "\x1f" + k.second; }

// ---------------- carriers ----------------

class CarrierImporter : public EntityImporter {
 public:
  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec("carriers"); }

  bool CheckRow(const RowContext&, Row& row, std::vector<RowError>* errors) override {
    reg::Carrier c;
    if (!dio::ToCarrier(Spec(), row.values, row.rec, &c, errors)) return false;
    row.keys.push_back(NaturalKey(c.code, "code"));
    row.record = std::move(c);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> codes;
    for (Row* r : rows) codes.push_back(Rec<reg::Carrier>(r).code);
    existing_ = repo.CarriersByCode(codes);
    for (Row* r : rows) {
      auto& c = Rec<reg::Carrier>(r);
      bool ok = CheckRegion(s, ctx, *r, "region_code", c.region_code, {"county", "city"}, errors);
      if (c.zone_code) ok &= CheckRegion(s, ctx, *r, "zone_code", *c.zone_code, {"zone"}, errors);
      for (const auto& o : c.overseas_sites)
        if (!CheckRegion(s, ctx, *r, "overseas_countries", o.country_code, {"country"}, errors)) {
          ok = false;
          break;
        }
      if (ok) ok = CheckScope(s, ctx, *r, "region_code", c.region_code, errors);
      if (ok && c.zone_code && c.zone_code->substr(0, 2) != c.region_code.substr(0, 2)) {
        Fail(s, *r, "zone_code", "zone_outside_province",
             "功能区 " + *c.zone_code + " 不在载体所在省份",
             "zone " + *c.zone_code + " is not in the carrier's province", errors);
        ok = false;
      }
      if (ok && c.zone_code) ok = CheckScope(s, ctx, *r, "zone_code", *c.zone_code, errors);
      auto it = existing_.find(c.code);
      if (!ok || it == existing_.end()) continue;
      if (!CheckScope(s, ctx, *r, "code", it->second.region_code, errors)) continue;
      if (MergeAbsent(ctx, *r, dio::FromCarrier(s, it->second))) {
        reg::Carrier merged;
        if (!dio::ToCarrier(s, r->values, r->rec, &merged, errors)) {
          r->bad = true;
          continue;
        }
        c = std::move(merged);
      }
    }
  }

  static bool Same(const reg::Carrier& a, const reg::Carrier& b) {
    auto sites = [](const reg::Carrier& c) {
      std::vector<std::string> v;
      for (const auto& o : c.overseas_sites) v.push_back(o.country_code);
      std::sort(v.begin(), v.end());
      return v;
    };
    return a.kind == b.kind && a.name == b.name && a.operator_uscc == b.operator_uscc &&
           a.region_code == b.region_code && a.zone_code == b.zone_code && a.address == b.address &&
           a.founded_on == b.founded_on && a.closed_on == b.closed_on &&
           a.specialization == b.specialization && a.industry == b.industry &&
           a.area_total_m2 == b.area_total_m2 &&
           a.area_self_controlled_m2 == b.area_self_controlled_m2 &&
           a.area_incubatee_m2 == b.area_incubatee_m2 &&
           a.area_public_service_m2 == b.area_public_service_m2 && sites(a) == sites(b);
  }

  void WriteBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    std::vector<reg::Carrier> fresh;
    for (Row* r : rows) {
      auto& c = Rec<reg::Carrier>(r);
      auto it = existing_.find(c.code);
      if (it == existing_.end()) {
        c.created_at = c.updated_at = ctx.now;
        fresh.push_back(std::move(c));
      } else if (Same(c, it->second)) {
        ++counts->unchanged;
      } else {
        c.id = it->second.id;
        c.updated_at = ctx.now;
        repo.UpdateCarrier(c);
        ++counts->updated;
      }
    }
    repo.InsertCarriers(fresh);
    counts->inserted += static_cast<std::int64_t>(fresh.size());
  }

 private:
  std::unordered_map<std::string, reg::Carrier> existing_;
};

// ---------------- recognitions ----------------

class RecognitionImporter : public EntityImporter {
 public:
  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec("recognitions"); }

  bool CheckRow(const RowContext&, Row& row, std::vector<RowError>* errors) override {
    dio::RecognitionRecord r;
    if (!dio::ToRecognition(Spec(), row.values, row.rec, &r, errors)) return false;
    row.keys.push_back(NaturalKey(
        r.carrier_code + "\x1f" + r.recognition.level + "\x1f" + r.recognition.valid_from,
        "valid_from"));
    row.record = std::move(r);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> codes;
    for (Row* r : rows) codes.push_back(Rec<dio::RecognitionRecord>(r).carrier_code);
    carriers_ = repo.CarriersByCode(codes);
    std::vector<Id> ids;
    for (const auto& [code, c] : carriers_) ids.push_back(c.id);
    existing_.clear();
    for (auto& rec : repo.RecognitionsOf(ids))
      existing_[Key(rec.carrier_id, rec.level, rec.valid_from)] = rec;
    for (Row* r : rows) {
      auto& rr = Rec<dio::RecognitionRecord>(r);
      auto it = carriers_.find(rr.carrier_code);
      if (it == carriers_.end()) {
        Fail(s, *r, "carrier_code", "unknown_carrier", "未知的载体编码 " + rr.carrier_code,
             "unknown carrier code " + rr.carrier_code, errors);
        continue;
      }
      if (!CheckScope(s, ctx, *r, "carrier_code", it->second.region_code, errors)) continue;
      // The same rule as the API: who may record which authority and level.
      reg::Recorder who = ctx.actor.role == Role::kNationalAdmin ? reg::Recorder::National()
                          : ctx.actor.role == Role::kRegionAdmin
                              ? reg::Recorder::Office(ctx.actor.scope.region_prefix)
                              : reg::Recorder::None();
      if (auto st = reg::MayRecordRecognition(who, rr.recognition, it->second.region_code); !st) {
        const core::Error& e = st.error();
        bool authority = e.details.count("field") && e.details.at("field") == "authority";
        Fail(s, *r, authority ? "authority" : "level", e.id, e.message_zh, e.message_en, errors);
      }
    }
  }

  static std::string Key(Id carrier, const std::string& level, const std::string& from) {
    return std::to_string(carrier) + "\x1f" + level + "\x1f" + from;
  }

  void WriteBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    std::vector<reg::Recognition> fresh;
    std::set<Id> touched;
    for (Row* r : rows) {
      auto& rr = Rec<dio::RecognitionRecord>(r);
      auto& rec = rr.recognition;
      rec.carrier_id = carriers_.at(rr.carrier_code).id;
      auto it = existing_.find(Key(rec.carrier_id, rec.level, rec.valid_from));
      if (it == existing_.end()) {
        fresh.push_back(rec);
        touched.insert(rec.carrier_id);
      } else if (it->second.authority == rec.authority && it->second.valid_to == rec.valid_to &&
                 it->second.document_no == rec.document_no) {
        ++counts->unchanged;
      } else {
        rec.id = it->second.id;
        repo.UpdateRecognition(rec);
        touched.insert(rec.carrier_id);
        ++counts->updated;
      }
    }
    repo.InsertRecognitions(fresh);
    counts->inserted += static_cast<std::int64_t>(fresh.size());
    if (!touched.empty()) repo.RefreshTiers({touched.begin(), touched.end()}, ctx.today);
  }

 private:
  std::unordered_map<std::string, reg::Carrier> carriers_;
  std::unordered_map<std::string, reg::Recognition> existing_;
};

// ---------------- enterprises ----------------

class EnterpriseImporter : public EntityImporter {
 public:
  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec("enterprises"); }

  bool CheckRow(const RowContext&, Row& row, std::vector<RowError>* errors) override {
    dio::EnterpriseRecord r;
    if (!dio::ToEnterprise(Spec(), row.values, row.rec, &r, errors)) return false;
    if (r.enterprise.is_team)
      row.keys.push_back(NaturalKey(TeamKeyText({r.team_carrier_code, r.enterprise.name}), "name"));
    else
      row.keys.push_back(NaturalKey(UsccKey(*r.enterprise.uscc), "uscc"));
    row.record = std::move(r);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> usccs, codes;
    std::vector<TeamKey> teams;
    for (Row* r : rows) {
      auto& e = Rec<dio::EnterpriseRecord>(r);
      if (e.enterprise.is_team) {
        teams.push_back({e.team_carrier_code, e.enterprise.name});
        codes.push_back(e.team_carrier_code);
      } else {
        usccs.push_back(*e.enterprise.uscc);
      }
    }
    by_uscc_ = repo.EnterprisesByUscc(usccs);
    by_team_ = repo.TeamsByKey(teams);
    carriers_ = codes.empty() ? decltype(carriers_){} : repo.CarriersByCode(codes);
    for (Row* r : rows) {
      auto& rec = Rec<dio::EnterpriseRecord>(r);
      auto& e = rec.enterprise;
      if (!CheckRegion(s, ctx, *r, "region_code", e.region_code, {"county", "city", "zone"},
                       errors))
        continue;
      if (!CheckScope(s, ctx, *r, "region_code", e.region_code, errors)) continue;
      if (e.is_team && !carriers_.count(rec.team_carrier_code)) {
        Fail(s, *r, "team_carrier_code", "unknown_carrier",
             "未知的载体编码 " + rec.team_carrier_code,
             "unknown carrier code " + rec.team_carrier_code, errors);
        continue;
      }
      const auto* old = Existing(rec);
      if (!old || !CheckScope(s, ctx, *r, e.is_team ? "name" : "uscc", old->region_code, errors))
        continue;
      if (MergeAbsent(ctx, *r, dio::FromEnterprise(s, *old, rec.team_carrier_code))) {
        dio::EnterpriseRecord merged;
        if (!dio::ToEnterprise(s, r->values, r->rec, &merged, errors)) {
          r->bad = true;
          continue;
        }
        rec = std::move(merged);
      }
    }
  }

  const reg::Enterprise* Existing(const dio::EnterpriseRecord& r) const {
    if (r.enterprise.is_team) {
      auto it = by_team_.find({r.team_carrier_code, r.enterprise.name});
      return it == by_team_.end() ? nullptr : &it->second;
    }
    auto it = by_uscc_.find(*r.enterprise.uscc);
    return it == by_uscc_.end() ? nullptr : &it->second;
  }

  void WriteBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    std::vector<reg::Enterprise> fresh;
    std::vector<TeamKey> fresh_keys;
    std::vector<std::pair<Id, TeamKey>> keys;
    for (Row* r : rows) {
      auto& rec = Rec<dio::EnterpriseRecord>(r);
      auto& e = rec.enterprise;
      if (const auto* old = Existing(rec)) {
        if (e.is_team) keys.push_back({old->id, {rec.team_carrier_code, e.name}});
        if (old->name == e.name && old->is_team == e.is_team && old->founded_on == e.founded_on &&
            old->region_code == e.region_code && old->industry == e.industry &&
            old->domains == e.domains && old->employees == e.employees) {
          ++counts->unchanged;
        } else {
          e.id = old->id;
          e.updated_at = ctx.now;
          repo.UpdateEnterprise(e);
          ++counts->updated;
        }
        continue;
      }
      e.created_at = e.updated_at = ctx.now;
      fresh_keys.push_back({rec.team_carrier_code, e.name});
      fresh.push_back(std::move(e));
    }
    repo.InsertEnterprises(fresh);
    for (std::size_t i = 0; i < fresh.size(); ++i)
      if (fresh[i].is_team) keys.push_back({fresh[i].id, fresh_keys[i]});
    if (!keys.empty()) repo.PutTeamKeys(keys);
    counts->inserted += static_cast<std::int64_t>(fresh.size());
  }

 private:
  std::unordered_map<std::string, reg::Enterprise> by_uscc_;
  std::map<TeamKey, reg::Enterprise> by_team_;
  std::unordered_map<std::string, reg::Carrier> carriers_;
};

// ---------------- incubations ----------------

bool IsActive(const std::string& state) {
  return state == "applied" || state == "admitted" || state == "incubating";
}

class IncubationImporter : public EntityImporter {
 public:
  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec("incubations"); }

  static std::string EnterpriseKey(const dio::IncubationRecord& r) {
    return r.uscc.empty() ? TeamKeyText({r.team_carrier_code, r.team_name}) : UsccKey(r.uscc);
  }

  bool CheckRow(const RowContext&, Row& row, std::vector<RowError>* errors) override {
    dio::IncubationRecord r;
    if (!dio::ToIncubation(Spec(), row.values, row.rec, &r, errors)) return false;
    std::string ek = EnterpriseKey(r);
    row.keys.push_back(
        NaturalKey(ek + "\x1f" + r.carrier_code + "\x1f" + r.incubation.applied_on, "applied_on"));
    if (IsActive(r.incubation.state))
      row.keys.push_back({"A:" + ek, "state", "already_incubating",
                          "同一企业在文件中有两段进行中的孵化关系（另见第 {row} 行）",
                          "the enterprise has two active stays in the file (see row {row})"});
    row.record = std::move(r);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> codes, usccs;
    std::vector<TeamKey> teams;
    for (Row* r : rows) {
      auto& rec = Rec<dio::IncubationRecord>(r);
      codes.push_back(rec.carrier_code);
      if (rec.uscc.empty())
        teams.push_back({rec.team_carrier_code, rec.team_name});
      else
        usccs.push_back(rec.uscc);
    }
    carriers_ = repo.CarriersByCode(codes);
    by_uscc_ = repo.EnterprisesByUscc(usccs);
    by_team_ = repo.TeamsByKey(teams);
    std::vector<Id> eids;
    for (const auto& [k, e] : by_uscc_) eids.push_back(e.id);
    for (const auto& [k, e] : by_team_) eids.push_back(e.id);
    // A row is checked like a body: the enterprise must be one the caller manages, or the file
    // would take another region's enterprise into the caller's scope.
    managed_.clear();
    if (ctx.tx && !eids.empty())
      for (Id id : ctx.tx->enterprises().Managed(ctx.actor.scope, eids)) managed_.insert(id);
    stays_.clear();
    active_.clear();
    for (auto& i : repo.IncubationsOf(eids)) {
      if (IsActive(i.state)) active_[i.enterprise_id] = i;
      stays_[StayKey(i.enterprise_id, i.carrier_id, i.applied_on)] = std::move(i);
    }
    for (Row* r : rows) {
      auto& rec = Rec<dio::IncubationRecord>(r);
      auto c = carriers_.find(rec.carrier_code);
      if (c == carriers_.end()) {
        Fail(s, *r, "carrier_code", "unknown_carrier", "未知的载体编码 " + rec.carrier_code,
             "unknown carrier code " + rec.carrier_code, errors);
        continue;
      }
      const reg::Enterprise* e = Enterprise(rec);
      // Unknown and outside the caller's scope answer alike.
      if (!e || !managed_.count(e->id)) {
        if (rec.uscc.empty())
          Fail(s, *r, "team_name", "unknown_enterprise",
               "载体 " + rec.team_carrier_code + " 下没有您管辖范围内名为「" + rec.team_name +
                   "」的创业团队（请先导入企业）",
               "no team \"" + rec.team_name + "\" at carrier " + rec.team_carrier_code +
                   " within your scope (import enterprises first)",
               errors);
        else
          Fail(s, *r, "uscc", "unknown_enterprise",
               "未找到您管辖范围内统一社会信用代码为 " + rec.uscc + " 的企业（请先导入企业）",
               "no enterprise with USCC " + rec.uscc +
                   " within your scope (import enterprises first)",
               errors);
        continue;
      }
      if (!CheckScope(s, ctx, *r, "carrier_code", c->second.region_code, errors)) continue;
      if (auto st = stays_.find(StayKey(e->id, c->second.id, rec.incubation.applied_on));
          st != stays_.end()) {
        dio::IncubationRecord stored = rec;
        stored.incubation = st->second;
        if (MergeAbsent(ctx, *r, dio::FromIncubation(s, stored))) {
          dio::IncubationRecord merged;
          if (!dio::ToIncubation(s, r->values, r->rec, &merged, errors)) {
            r->bad = true;
            continue;
          }
          rec = std::move(merged);
        }
      }
      rec.incubation.enterprise_id = e->id;
      rec.incubation.carrier_id = c->second.id;
      if (IsActive(rec.incubation.state)) {
        auto a = active_.find(e->id);
        if (a != active_.end() &&
            StayKey(a->second.enterprise_id, a->second.carrier_id, a->second.applied_on) !=
                StayKey(e->id, c->second.id, rec.incubation.applied_on))
          Fail(s, *r, "state", "already_incubating", "该企业已有进行中的孵化关系",
               "the enterprise already has an active stay", errors);
      }
    }
  }

  const reg::Enterprise* Enterprise(const dio::IncubationRecord& r) const {
    if (r.uscc.empty()) {
      auto it = by_team_.find({r.team_carrier_code, r.team_name});
      return it == by_team_.end() ? nullptr : &it->second;
    }
    auto it = by_uscc_.find(r.uscc);
    return it == by_uscc_.end() ? nullptr : &it->second;
  }

  static std::string StayKey(Id e, Id c, const std::string& applied) {
    return std::to_string(e) + "\x1f" + std::to_string(c) + "\x1f" + applied;
  }

  void WriteBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    std::vector<reg::Incubation> fresh;
    for (Row* r : rows) {
      auto& i = Rec<dio::IncubationRecord>(r).incubation;
      auto it = stays_.find(StayKey(i.enterprise_id, i.carrier_id, i.applied_on));
      if (it == stays_.end()) {
        fresh.push_back(i);
        continue;
      }
      const auto& o = it->second;
      if (o.state == i.state && o.admitted_on == i.admitted_on && o.started_on == i.started_on &&
          o.ended_on == i.ended_on && o.end_reason == i.end_reason && o.space_m2 == i.space_m2) {
        ++counts->unchanged;
      } else {
        i.id = o.id;
        repo.UpdateIncubation(i);
        ++counts->updated;
      }
    }
    repo.InsertIncubations(fresh);
    counts->inserted += static_cast<std::int64_t>(fresh.size());
  }

 private:
  std::unordered_map<std::string, reg::Carrier> carriers_;
  std::unordered_map<std::string, reg::Enterprise> by_uscc_;
  std::map<TeamKey, reg::Enterprise> by_team_;
  std::unordered_map<std::string, reg::Incubation> stays_;
  std::unordered_map<Id, reg::Incubation> active_;
  std::set<Id> managed_;
};

// ---------------- qualifications and listings ----------------

// Children of a registered enterprise, matched by (USCC, two more columns).
template <typename Record, typename Child>
class EnterpriseChildImporter : public EntityImporter {
 public:
  using ToFn = bool (*)(const dio::EntitySpec&, const dio::Values&, const dio::CsvRecord&, Record*,
                        std::vector<RowError>*);
  EnterpriseChildImporter(const char* entity, ToFn to) : entity_(entity), to_(to) {}
  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec(entity_); }

  virtual const Child& ChildOf(const Record& r) const = 0;
  virtual std::string ChildKey(const Child& c) const = 0;  // the two matching columns
  virtual bool SameChild(const Child& a, const Child& b) const = 0;
  virtual std::vector<std::pair<Id, Child>> Load(IoRepo& repo, const std::vector<Id>& ids) = 0;
  virtual void Insert(IoRepo& repo, const std::vector<std::pair<Id, Child>>& v) = 0;
  virtual void Update(IoRepo& repo, Id enterprise_id, const Child& c) = 0;

  bool CheckRow(const RowContext&, Row& row, std::vector<RowError>* errors) override {
    Record r;
    if (!to_(Spec(), row.values, row.rec, &r, errors)) return false;
    row.keys.push_back(NaturalKey(r.uscc + "\x1f" + ChildKey(ChildOf(r)), "uscc"));
    row.record = std::move(r);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> usccs;
    for (Row* r : rows) usccs.push_back(Rec<Record>(r).uscc);
    by_uscc_ = repo.EnterprisesByUscc(usccs);
    std::vector<Id> ids;
    for (const auto& [k, e] : by_uscc_) ids.push_back(e.id);
    existing_.clear();
    for (auto& [id, c] : Load(repo, ids)) existing_[std::to_string(id) + "\x1f" + ChildKey(c)] = c;
    for (Row* r : rows) {
      auto& rec = Rec<Record>(r);
      auto it = by_uscc_.find(rec.uscc);
      if (it == by_uscc_.end()) {
        Fail(s, *r, "uscc", "unknown_enterprise",
             "未找到统一社会信用代码为 " + rec.uscc + " 的企业（请先导入企业）",
             "no enterprise with USCC " + rec.uscc + " (import enterprises first)", errors);
        continue;
      }
      CheckScope(s, ctx, *r, "uscc", it->second.region_code, errors);
    }
  }

  void WriteBatch(IoRepo& repo, const RowContext&, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    std::vector<std::pair<Id, Child>> fresh;
    for (Row* r : rows) {
      auto& rec = Rec<Record>(r);
      Id id = by_uscc_.at(rec.uscc).id;
      const Child& c = ChildOf(rec);
      auto it = existing_.find(std::to_string(id) + "\x1f" + ChildKey(c));
      if (it == existing_.end()) {
        fresh.push_back({id, c});
      } else if (SameChild(it->second, c)) {
        ++counts->unchanged;
      } else {
        Update(repo, id, c);
        ++counts->updated;
      }
    }
    Insert(repo, fresh);
    counts->inserted += static_cast<std::int64_t>(fresh.size());
  }

 private:
  const char* entity_;
  ToFn to_;
  std::unordered_map<std::string, reg::Enterprise> by_uscc_;
  std::unordered_map<std::string, Child> existing_;
};

class QualificationImporter
    : public EnterpriseChildImporter<dio::QualificationRecord, reg::Qualification> {
 public:
  QualificationImporter() : EnterpriseChildImporter("qualifications", &dio::ToQualification) {}
  const reg::Qualification& ChildOf(const dio::QualificationRecord& r) const override {
    return r.qualification;
  }
  std::string ChildKey(const reg::Qualification& q) const override {
    return q.kind + "\x1f" + q.valid_from;
  }
  bool SameChild(const reg::Qualification& a, const reg::Qualification& b) const override {
    return a.valid_to == b.valid_to;
  }
  std::vector<std::pair<Id, reg::Qualification>> Load(IoRepo& repo,
                                                      const std::vector<Id>& ids) override {
    return repo.QualificationsOf(ids);
  }
  void Insert(IoRepo& repo, const std::vector<std::pair<Id, reg::Qualification>>& v) override {
    repo.InsertQualifications(v);
  }
  void Update(IoRepo& repo, Id id, const reg::Qualification& q) override {
    repo.UpdateQualification(id, q);
  }
};

class ListingImporter : public EnterpriseChildImporter<dio::ListingRecord, reg::Listing> {
 public:
  ListingImporter() : EnterpriseChildImporter("listings", &dio::ToListing) {}
  const reg::Listing& ChildOf(const dio::ListingRecord& r) const override { return r.listing; }
  std::string ChildKey(const reg::Listing& l) const override {
    return l.board + "\x1f" + l.listed_on;
  }
  bool SameChild(const reg::Listing& a, const reg::Listing& b) const override {
    return a.code == b.code;
  }
  std::vector<std::pair<Id, reg::Listing>> Load(IoRepo& repo, const std::vector<Id>& ids) override {
    return repo.ListingsOf(ids);
  }
  void Insert(IoRepo& repo, const std::vector<std::pair<Id, reg::Listing>>& v) override {
    repo.InsertListings(v);
  }
  void Update(IoRepo& repo, Id id, const reg::Listing& l) override { repo.UpdateListing(id, l); }
};

}  // namespace

std::unique_ptr<EntityImporter> MakeImporter(std::string_view entity) {
  if (entity == "carriers") return std::make_unique<CarrierImporter>();
  if (entity == "recognitions") return std::make_unique<RecognitionImporter>();
  if (entity == "enterprises") return std::make_unique<EnterpriseImporter>();
  if (entity == "incubations") return std::make_unique<IncubationImporter>();
  if (entity == "qualifications") return std::make_unique<QualificationImporter>();
  if (entity == "listings") return std::make_unique<ListingImporter>();
  return MakeReturnImporter(entity);
}

}  // namespace incunet::app::io
