// Bulk import of annual returns (火炬统计年报) through the generic pipeline: the carrier form
// ("returns", one row per carrier × year) and the per-incubatee form ("return_incubatees", one
// row per enterprise or team of a return). See domain/io/return_spec.hpp for the columns.
//
// Rules: an import writes draft or returned returns only (a missing return is created as a
// draft, without the registry prefill of the console); a row that would change a submitted or
// accepted return is rejected, an identical one counts as unchanged so an export re-imports
// cleanly. The return's cross-field checks run on the row merged with the stored values: errors
// reject the row against the column they name, warnings are reported (code warning_<check>)
// without rejecting it. Completeness (the "required" checks) is left to submission, since a
// draft may be filled in several files. Every changed value gets a history row whose source is
// "import:<job id>"; the job's single audit row is the pipeline's.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "app/io/entities.hpp"
#include "app/store.hpp"
#include "domain/io/return_spec.hpp"
#include "domain/returns/checks.hpp"
#include "domain/returns/workflow.hpp"

namespace incunet::app::io {
namespace {

namespace dio = domain::io;
namespace reg = domain::registry;
namespace ret = domain::returns;

constexpr int kFirstYear = 1987;  // as the returns service: the first incubator opened in 1987
using CarrierYear = std::pair<Id, int>;

struct ReturnRow {
  std::string carrier_code;
  int year = 0;
  std::string uscc;       // return_incubatees: a registered enterprise …
  std::string team_name;  // … or a team of the carrier
  dio::ItemValues items;
  // Resolved by CheckBatch for WriteBatch.
  Id carrier_id = 0;
  std::string kind;
  Id row_id = 0;  // the enterprise (incubatee form); 0 for the carrier form
  std::map<std::string, std::optional<std::string>> changes;  // code → new value
  ret::Values stored;                                         // the row's values before
  bool row_existed = false;
};

ReturnRow& Rec(Row* r) { return *std::any_cast<ReturnRow>(&r->record); }

// The same rule as the returns repository's scope (storage AddReturnScope): national; a region
// admin's prefix covering the carrier's site or zone; a carrier operator's own carriers. Any
// other scope covers nothing.
bool CoversCarrier(const Scope& s, const reg::Carrier& c) {
  switch (s.kind) {
    case Scope::Kind::kNational:
      return true;
    case Scope::Kind::kRegion:
      return !s.region_prefix.empty() &&
             (c.region_code.starts_with(s.region_prefix) ||
              (c.zone_code && c.zone_code->starts_with(s.region_prefix)));
    case Scope::Kind::kCarriers:
      return std::find(s.carrier_ids.begin(), s.carrier_ids.end(), c.id) != s.carrier_ids.end();
    default:
      return false;
  }
}

std::string StatusZh(const ret::AnnualReturn& r) {
  if (r.status == ret::kStatusAccepted) return "已受理";
  if (r.status == ret::kStatusSubmitted) {
    static const std::map<std::string, std::string> kLevel = {{ret::kLevelCounty, "县级"},
                                                              {ret::kLevelCity, "市级"},
                                                              {ret::kLevelProvince, "省级"},
                                                              {ret::kLevelNational, "国家级"}};
    auto it = kLevel.find(r.pending_level);
    return "已提交，待" + (it == kLevel.end() ? r.pending_level : it->second) + "审核";
  }
  return r.status;
}

bool IsCompletenessCheck(std::string_view check_id) {
  for (const auto& c : ret::Checks())
    if (c.id == check_id)
      return c.op == ret::CheckOp::kRequired || c.op == ret::CheckOp::kRowRequired;
  return false;
}

class ReturnImporter : public EntityImporter {
 public:
  explicit ReturnImporter(const char* entity)
      : entity_(entity), incubatee_(std::string_view(entity) == dio::kReturnIncubateesEntity) {}

  const dio::EntitySpec& Spec() const override { return *dio::FindEntitySpec(entity_); }

  bool CheckRow(const RowContext& ctx, Row& row, std::vector<RowError>* errors) override {
    const auto& s = Spec();
    ReturnRow r;
    r.carrier_code = row.values[s.At("carrier_code")];
    r.year = std::stoi(row.values[s.At("year")]);
    int this_year = std::stoi(ctx.today.substr(0, 4));
    bool ok = true;
    if (r.year < kFirstYear || r.year > this_year) {
      Fail(s, row, "year", "invalid_year",
           fmt::format("统计年度应在 {} 至 {} 之间", kFirstYear, this_year),
           fmt::format("the statistical year must be between {} and {}", kFirstYear, this_year),
           errors);
      ok = false;
    }
    std::string key = r.carrier_code + "\x1f" + std::to_string(r.year);
    const char* key_column = "year";
    if (incubatee_) {
      r.uscc = row.values[s.At("uscc")];
      r.team_name = row.values[s.At("team_name")];
      if (r.uscc.empty() == r.team_name.empty()) {
        Fail(s, row, r.uscc.empty() ? "uscc" : "team_name", "enterprise_key",
             "须填写「企业统一社会信用代码」或「团队名称」之一（只填一个）",
             "give either the enterprise's USCC or the team's name (exactly one)", errors);
        ok = false;
      }
      key += r.uscc.empty() ? "\x1fT:" + r.team_name : "\x1fU:" + r.uscc;
      key_column = r.uscc.empty() ? "team_name" : "uscc";
    }
    if (!dio::ToReturnItems(s, row.values, ctx.present, row.rec, &r.items, errors)) {
      row.bad = true;
      ok = false;
    }
    if (!ok) return false;
    row.keys.push_back({key, key_column, "duplicate_key",
                        "与第 {row} 行重复（同一报表行在文件中出现两次）",
                        "duplicates row {row} (the same return row appears twice in the file)"});
    row.record = std::move(r);
    return true;
  }

  void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                  std::vector<RowError>* errors) override {
    const auto& s = Spec();
    std::vector<std::string> codes, usccs;
    std::vector<TeamKey> teams;
    for (Row* r : rows) {
      auto& rr = Rec(r);
      codes.push_back(rr.carrier_code);
      if (!rr.uscc.empty()) usccs.push_back(rr.uscc);
      if (!rr.team_name.empty()) teams.push_back({rr.carrier_code, rr.team_name});
    }
    auto carriers = repo.CarriersByCode(codes);
    std::unordered_map<std::string, reg::Enterprise> by_uscc;
    std::map<TeamKey, reg::Enterprise> by_team;
    if (!usccs.empty()) by_uscc = repo.EnterprisesByUscc(usccs);
    if (!teams.empty()) by_team = repo.TeamsByKey(teams);

    // Scope first: a carrier outside the caller's scope is reported as such and nothing about
    // its returns is read.
    std::vector<CarrierYear> keys;
    for (Row* r : rows) {
      auto& rr = Rec(r);
      auto c = carriers.find(rr.carrier_code);
      if (c == carriers.end()) {
        Fail(s, *r, "carrier_code", "unknown_carrier", "未知的载体编码 " + rr.carrier_code,
             "unknown carrier code " + rr.carrier_code, errors);
        continue;
      }
      if (!CoversCarrier(ctx.actor.scope, c->second)) {
        Fail(s, *r, "carrier_code", "out_of_scope",
             "载体 " + rr.carrier_code + " 不在您的管辖范围内，不能导入其统计报表",
             "carrier " + rr.carrier_code + " is outside your scope; you cannot import its return",
             errors);
        continue;
      }
      rr.carrier_id = c->second.id;
      rr.kind = c->second.kind;
      keys.push_back({rr.carrier_id, rr.year});
      if (!incubatee_) keys.push_back({rr.carrier_id, rr.year - 1});
    }
    returns_.clear();
    if (!keys.empty())
      for (auto& x : ctx.tx->returns().FindByCarrierYears(ctx.actor.scope, keys))
        returns_[{x.carrier_id, x.year}] = std::move(x);

    // The enterprises each (carrier, year) of the batch may hold rows for, one query per pair.
    std::map<CarrierYear, std::set<Id>> incubatees_of;
    if (incubatee_) {
      std::map<CarrierYear, std::vector<Id>> named;
      for (Row* r : rows) {
        if (r->bad) continue;
        auto& rr = Rec(r);
        const reg::Enterprise* e = nullptr;
        if (!rr.uscc.empty()) {
          auto it = by_uscc.find(rr.uscc);
          if (it != by_uscc.end()) e = &it->second;
        } else if (auto it = by_team.find({rr.carrier_code, rr.team_name}); it != by_team.end()) {
          e = &it->second;
        }
        if (e) named[{rr.carrier_id, rr.year}].push_back(e->id);
      }
      for (const auto& [key, ids] : named)
        incubatees_of[key] = ctx.tx->returns().IncubateesInYear(key.first, key.second, ids);
    }
    for (Row* r : rows) {
      if (r->bad) continue;
      auto& rr = Rec(r);
      const ret::AnnualReturn* existing = Find({rr.carrier_id, rr.year});
      ret::AnnualReturn merged;
      if (existing) merged = *existing;
      merged.carrier_id = rr.carrier_id;
      merged.year = rr.year;
      merged.kind = rr.kind;

      if (incubatee_) {
        const reg::Enterprise* e = nullptr;
        if (!rr.uscc.empty()) {
          auto it = by_uscc.find(rr.uscc);
          if (it != by_uscc.end()) e = &it->second;
        } else {
          auto it = by_team.find({rr.carrier_code, rr.team_name});
          if (it != by_team.end()) e = &it->second;
        }
        // An unknown enterprise and one that was no incubatee of the carrier that year answer
        // alike, so the file is no oracle for who is registered.
        if (!e || !incubatees_of[{rr.carrier_id, rr.year}].count(e->id)) {
          if (rr.uscc.empty())
            Fail(s, *r, "team_name", "not_an_incubatee",
                 "「" + rr.team_name + "」不是载体 " + rr.carrier_code + " 该年度的在孵团队",
                 "\"" + rr.team_name + "\" is not an incubated team of carrier " + rr.carrier_code +
                     " in that year",
                 errors);
          else
            Fail(s, *r, "uscc", "not_an_incubatee",
                 "统一社会信用代码为 " + rr.uscc + " 的企业不是载体 " + rr.carrier_code +
                     " 该年度的在孵企业",
                 "the enterprise with USCC " + rr.uscc + " is not an incubatee of carrier " +
                     rr.carrier_code + " in that year",
                 errors);
          continue;
        }
        rr.row_id = e->id;
        for (const auto& row : merged.incubatees)
          if (row.row_id == rr.row_id) {
            rr.stored = row.values;
            rr.row_existed = true;
          }
        ret::Values next = rr.stored;
        Apply(rr.items, &next);
        // The form's identity items follow the enterprise: its USCC, and its name unless the
        // file gives one.
        if (!rr.uscc.empty()) next["I02"] = rr.uscc;
        if (!next.count("I01")) next["I01"] = e->name;
        Diff(rr.stored, next, &rr.changes);
        // Per-row checks: on this row, placed among the return's rows as the console shows them
        // (by enterprise id), so "row N" in a message means the same there.
        merged.values.clear();
        auto pos =
            std::lower_bound(merged.incubatees.begin(), merged.incubatees.end(), rr.row_id,
                             [](const ret::IncubateeRow& x, Id id) { return x.row_id < id; });
        if (pos != merged.incubatees.end() && pos->row_id == rr.row_id)
          pos->values = next;
        else
          merged.incubatees.insert(pos, {rr.row_id, next});
      } else {
        rr.stored = merged.values;
        ret::Values next = rr.stored;
        Apply(rr.items, &next);
        Diff(rr.stored, next, &rr.changes);
        merged.values = next;
      }
      if (rr.changes.empty()) continue;  // unchanged: nothing is written, nothing to check
      if (existing && !ret::IsEditable(*existing)) {
        Fail(s, *r, "year", "return_not_editable",
             fmt::format("载体 {} {} 年度的统计报表{}，只有草稿或被退回的报表可以通过导入修改",
                         rr.carrier_code, rr.year, StatusZh(*existing)),
             fmt::format("the {} return of carrier {} is {}{}; an import may change only draft or "
                         "returned returns",
                         rr.year, rr.carrier_code, existing->status,
                         existing->pending_level.empty() ? "" : " at " + existing->pending_level),
             errors);
        continue;
      }
      const ret::AnnualReturn* last = incubatee_ ? nullptr : Find({rr.carrier_id, rr.year - 1});
      bool use_last = last && last->status != ret::kStatusDraft;
      for (const auto& f : ret::RunChecks(merged, use_last ? &last->values : nullptr)) {
        if (IsCompletenessCheck(f.check_id)) continue;
        // Each entity answers for its own form, an incubatee row for itself.
        if (incubatee_ ? f.row_id != rr.row_id : f.row_id != 0) continue;
        std::string column = s.index.count(f.field) ? f.field : "";
        std::string value = column.empty() ? "" : r->values[s.At(column)];
        if (f.severity == ret::Severity::kError) {
          errors->push_back(
              dio::MakeRowError(s, r->rec, column, value, f.check_id, f.message_zh, f.message_en));
          r->bad = true;
        } else {
          errors->push_back(dio::MakeRowError(
              s, r->rec, column, value, "warning_" + f.check_id,
              "提示（不影响导入，提交前须填写说明）：" + f.message_zh,
              "warning (imported; explain it before submitting): " + f.message_en));
        }
      }
    }
  }

  void WriteBatch(IoRepo&, const RowContext& ctx, const std::vector<Row*>& rows,
                  ImportCounts* counts) override {
    returns::ReturnRepo& repo = ctx.tx->returns();
    std::map<CarrierYear, Id> created;
    std::set<CarrierYear> touched;
    std::vector<ret::ValueChange> changes;
    std::string source = "import:" + std::to_string(ctx.job_id);
    for (Row* r : rows) {
      auto& rr = Rec(r);
      CarrierYear key{rr.carrier_id, rr.year};
      const ret::AnnualReturn* existing = Find(key);
      if (rr.changes.empty() && existing) {
        ++counts->unchanged;
        continue;
      }
      Id id = 0;
      if (existing) {
        id = existing->id;
        touched.insert(key);
      } else if (auto it = created.find(key); it != created.end()) {
        id = it->second;
      } else {
        ret::AnnualReturn fresh;
        fresh.carrier_id = rr.carrier_id;
        fresh.year = rr.year;
        fresh.kind = rr.kind;
        fresh.created_at = fresh.updated_at = ctx.now;
        id = created[key] = repo.Insert(fresh);
      }
      bool is_new = incubatee_ ? !rr.row_existed : !existing;
      ++(is_new ? counts->inserted : counts->updated);
      for (const auto& [code, value] : rr.changes) {
        auto old = rr.stored.find(code);
        changes.push_back(
            {id, rr.row_id, code,
             old == rr.stored.end() ? std::nullopt : std::optional<std::string>(old->second), value,
             ctx.actor.user_id, ctx.actor.login, ctx.now, "", source});
      }
    }
    repo.ApplyChanges(changes);
    // A changed return gets a new version, so a console edit based on the old one is refused.
    for (const auto& key : touched) {
      ret::AnnualReturn next = *Find(key);
      next.updated_at = ctx.now;
      if (!repo.UpdateHeader(next, next.version))
        throw std::runtime_error(
            fmt::format("annual return {} changed during the import", next.id));
    }
  }

 private:
  static void Fail(const dio::EntitySpec& s, Row& row, std::string_view key, std::string code,
                   std::string zh, std::string en, std::vector<RowError>* errors) {
    std::string value = key.empty() ? "" : row.values[s.At(key)];
    errors->push_back(dio::MakeRowError(s, row.rec, key, std::move(value), std::move(code),
                                        std::move(zh), std::move(en)));
    row.bad = true;
  }

  static void Apply(const dio::ItemValues& items, ret::Values* v) {
    for (const auto& [code, value] : items)
      if (value)
        (*v)[code] = *value;
      else
        v->erase(code);
  }

  static void Diff(const ret::Values& before, const ret::Values& after,
                   std::map<std::string, std::optional<std::string>>* out) {
    out->clear();
    for (const auto& [code, value] : after)
      if (auto it = before.find(code); it == before.end() || it->second != value)
        (*out)[code] = value;
    for (const auto& [code, value] : before)
      if (!after.count(code)) (*out)[code] = std::nullopt;
  }

  const ret::AnnualReturn* Find(const CarrierYear& k) const {
    auto it = returns_.find(k);
    return it == returns_.end() ? nullptr : &it->second;
  }

  const char* entity_;
  bool incubatee_;
  std::map<CarrierYear, ret::AnnualReturn> returns_;
};

}  // namespace

std::unique_ptr<EntityImporter> MakeReturnImporter(std::string_view entity) {
  if (entity == dio::kReturnsEntity) return std::make_unique<ReturnImporter>(dio::kReturnsEntity);
  if (entity == dio::kReturnIncubateesEntity)
    return std::make_unique<ReturnImporter>(dio::kReturnIncubateesEntity);
  return nullptr;
}

}  // namespace incunet::app::io
