#include "domain/standards/cultivation.hpp"

#include "app/standards/internal.hpp"
#include "app/standards/service.hpp"
#include "domain/standards/tax.hpp"

namespace incunet::app::standards {
using namespace internal;

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
    registry::CarrierQuery q;
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
      cands.push_back(
          {province[i].id, rep.province, v.outcome == st::Outcome::kPass, st::Attainment(v)});
    }
    const st::Parameter* share = target.FindParameter("quota_share");
    auto ranked = st::RankExcellenceCandidates(cands, {{rep.province, recommendations}},
                                               share ? share->value : 0.10);
    for (const auto& r : ranked)
      if (r.candidate.carrier_id == c->id)
        rep.rank =
            ExcellenceRank{r.rank,         static_cast<int>(cands.size()), r.quota,
                           r.within_quota, r.candidate.qualifies,          r.candidate.merit};
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
      if (want &&
          !(*next == *want || (*want == st::Level::kNational && *next == st::Level::kStandard)))
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
    std::map<Id, st::RankedCandidate> ranked;
    for (auto& r : st::RankExcellenceCandidates(excellence, recommendations,
                                                st::ExcellenceQuotaShare(copies)))
      ranked[r.candidate.carrier_id] = r;
    auto order = [](const Candidate& x) {
      return st::CandidateOrder{x.province, static_cast<int>(x.next),
                                x.outcome == st::Outcome::kPass, x.merit, x.carrier_id};
    };
    std::sort(out.begin(), out.end(), [&](const Candidate& x, const Candidate& y) {
      return st::RanksBefore(order(x), order(y));
    });
    std::vector<st::CandidateOrder> sorted;
    for (const auto& x : out) sorted.push_back(order(x));
    auto ranks = st::RanksWithinGroups(sorted);
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].rank = ranks[i];
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
    std::map<Id, std::vector<st::GradeOn>> grades;  // oldest first
    for (const auto& v : tx.standards().EvaluationHistory(ids))
      grades[v.subject_id].push_back({v.as_of, v.grade});
    for (const auto& [cid, g] : grades) {
      auto w = st::RevocationWarningOf(g, as_of);
      if (!w) continue;
      Alert al = carrier_alert(*by_id[cid], "revocation_warning");
      al.detail_zh =
          "连续两次评价为 D（" + w->first + "、" + w->second + "），应予预警并可能撤销资格";
      al.detail_en =
          "graded D twice in a row (" + w->first + ", " + w->second + "): revocation warning";
      al.data = {{"first", w->first}, {"second", w->second}};
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
      for (std::size_t i = 0; i < carriers.size(); ++i) {
        const auto& c = carriers[i];
        if (tax_c->Decide(values[i]).outcome != st::Outcome::kPass) continue;
        std::vector<st::RecognitionPeriod> periods;
        for (const auto& r : c.recognitions) {
          auto from = core::Date::Parse(r.valid_from);
          if (!from) continue;
          std::optional<core::Date> to;
          if (r.valid_to)
            if (auto t = core::Date::Parse(*r.valid_to)) to = *t;
          periods.push_back({*from, to});
        }
        auto last = st::TaxBenefitEndingSoon(*tax, periods, on);
        if (!last) continue;
        Alert al = carrier_alert(c, "tax_benefit_ending");
        al.detail_zh = "税收优惠（" + tax->document + "）将于 " + core::ToString(*last) + " 结束";
        al.detail_en = "tax benefit (" + tax->document + ") ends with " + core::ToString(*last);
        al.data = {{"last_month", core::ToString(*last)}, {"rule_set_id", tax->id}};
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
          al.detail_zh = "孵化时间 " + months + " 个月，超过上限 " + limit + " 个月（" + elig->id +
                         " " + c.id + "）";
          al.detail_en = "in incubation for " + months + " months, over the limit of " + limit +
                         " months (" + elig->id + " " + c.id + ")";
          al.data = {{"months", months},
                     {"limit", limit},
                     {"rule_set_id", elig->id},
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
