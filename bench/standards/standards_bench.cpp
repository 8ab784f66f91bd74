// P5: evaluate every carrier of the national demo against every carrier rule set in memory (goal
// ≤ 1 s on 2 cores), and the incubatee eligibility and graduation sets over every active
// incubatee (goal ≤ 5 s). Storing one rule set's verdicts in SQLite is timed separately.
//
// The network is the national demo generated in memory (the same generator `incunet demo
// --scale national` loads). Registry-derived indicators come from the same pure derivation the
// server uses; the figures only carriers declare (staff, mentors, funds, income split …) are
// synthetic, drawn from a fixed seed, so that every criterion is actually computed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "app/standards/codec.hpp"
#include "app/standards/indicator_source.hpp"
#include "core/regions.hpp"
#include "domain/demo/generator.hpp"
#include "domain/standards/compiled.hpp"
#include "domain/standards/evaluate.hpp"
#include "domain/standards/shipped.hpp"
#include "storage/database.hpp"
#include "storage/sql_store.hpp"

namespace {

using namespace incunet;
namespace st = domain::standards;
namespace sa = app::standards;
namespace reg = domain::registry;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

bool Active(const reg::Incubation& i, const std::string& d) {
  std::string start = i.started_on ? *i.started_on : i.admitted_on.value_or("");
  return i.state != "applied" && !start.empty() && start <= d && (!i.ended_on || *i.ended_on > d);
}

bool Holds(const reg::Enterprise& e, const char* kind, const std::string& d) {
  for (const auto& q : e.qualifications)
    if (q.kind == kind && q.valid_from <= d && (!q.valid_to || *q.valid_to >= d)) return true;
  return false;
}

// Runs fn(begin, end) over [0, n) on `threads` threads.
template <typename Fn>
void Parallel(std::size_t n, int threads, Fn fn) {
  std::vector<std::thread> pool;
  std::size_t step = (n + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    std::size_t b = t * step, e = std::min(n, b + step);
    if (b < e) pool.emplace_back([=] { fn(b, e); });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string as_of = "2025-12-31";
  const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  auto t0 = Clock::now();
  auto net = domain::demo::GenerateDemo({"national", 1, as_of}, core::BuiltinRegions());
  std::printf(
      "national demo generated in memory: %zu carriers, %zu enterprises, %zu stays (%.1f s)\n",
      net.carriers.size(), net.enterprises.size(), net.incubations.size(), Since(t0));

  auto sets = st::LoadShippedRuleSets();
  if (!sets) {
    std::fprintf(stderr, "rule sets: %s\n", sets.error().message_en.c_str());
    return 1;
  }
  std::vector<const st::RuleSet*> carrier_sets, enterprise_sets;
  for (const auto& rs : *sets) {
    if (rs.subject == st::Subject::kCarrier) carrier_sets.push_back(&rs);
    if (rs.subject == st::Subject::kEnterprise &&
        (rs.kind == st::RuleKind::kEligibility || rs.kind == st::RuleKind::kGraduation))
      enterprise_sets.push_back(&rs);
  }

  // ---- indicator values (derivation timed on its own) ----
  t0 = Clock::now();
  const std::size_t nc = net.carriers.size();
  std::vector<sa::CarrierAggregates> aggs(nc);
  std::vector<std::map<std::string, long>> industries(nc);
  std::vector<sa::IncubateeRecord> incubatees;
  for (const auto& di : net.incubations) {
    const auto& i = di.incubation;
    const auto& e = net.enterprises[di.enterprise_index];
    auto& a = aggs[di.carrier_index];
    if (Active(i, as_of)) {
      ++a.incubatees;
      bool ht = Holds(e, "high_tech", as_of), sme = Holds(e, "tech_sme", as_of);
      a.high_tech += ht;
      a.tech_sme += sme;
      a.high_tech_or_tech_sme += ht || sme;
      a.employees += e.employees;
      if (e.industry) ++industries[di.carrier_index][*e.industry];
      sa::IncubateeRecord r;
      r.incubation_id = static_cast<reg::Id>(incubatees.size() + 1);
      r.carrier_id = static_cast<reg::Id>(di.carrier_index + 1);
      r.enterprise_id = static_cast<reg::Id>(di.enterprise_index + 1);
      r.state = i.state;
      r.founded_on = e.founded_on;
      r.admitted_on = i.admitted_on.value_or("");
      r.started_on = i.started_on.value_or("");
      r.is_team = e.is_team;
      r.domains = e.domains;
      r.qualifications = e.qualifications;
      r.listings = e.listings;
      incubatees.push_back(std::move(r));
    }
    if (i.state == "graduated" && i.ended_on && *i.ended_on <= as_of) {
      ++a.graduates_cumulative;
      a.graduates_year += i.ended_on->starts_with(as_of.substr(0, 4));
      a.graduates_listed += !e.listings.empty();
    }
  }
  std::mt19937_64 rng(5);
  auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng); };
  double records_s = Since(t0);
  t0 = Clock::now();
  std::vector<st::IndicatorValues> carrier_values(nc);
  const std::set<std::string> hardship;  // the shipped list is empty
  for (std::size_t k = 0; k < nc; ++k) {
    for (const auto& [ind, n] : industries[k])
      aggs[k].incubatees_same_industry =
          std::max<std::int64_t>(aggs[k].incubatees_same_industry, n);
    auto& v = carrier_values[k];
    // Synthetic declared facts (see the file comment).
    const std::string d = "declared:synthetic";
    double inc = static_cast<double>(aggs[k].incubatees);
    v.SetBool("operator_is_independent_legal_person", uni(0, 1) < 0.95, d);
    v.Set("torch_stats_consecutive_years", std::floor(uni(0, 8)), d);
    v.SetBool("torch_stats_true_complete", uni(0, 1) < 0.9, d);
    v.Set("seed_fund_cny", std::floor(uni(0, 2e7)), d);
    v.Set("fund_use_cases", std::floor(uni(0, 10)), d);
    v.Set("incubatees_financed", std::floor(inc * uni(0, 0.3)), d);
    v.Set("incubatees_financed_last_year", std::floor(inc * uni(0, 0.3)), d);
    v.Set("incubatees_equity_invested_last_year", std::floor(inc * uni(0, 0.2)), d);
    v.Set("incubatees_growth_over_20pct_last_year", std::floor(inc * uni(0, 0.5)), d);
    v.Set("incubatees_with_patent_application", std::floor(inc * uni(0, 0.8)), d);
    v.Set("incubatees_with_valid_ip", std::floor(inc * uni(0, 0.6)), d);
    v.Set("incubatees_with_mentor", std::floor(inc * uni(0, 0.9)), d);
    double staff = std::floor(uni(3, 60));
    v.Set("total_staff", staff, d);
    v.Set("professional_staff", std::floor(staff * uni(0.4, 1)), d);
    v.Set("mentors", std::floor(uni(0, 40)), d);
    v.SetBool("precise_industry_services", uni(0, 1) < 0.3, d);
    v.SetBool("own_public_service_platform", uni(0, 1) < 0.3, d);
    v.SetBool("service_income_separately_accounted", uni(0, 1) < 0.8, d);
    double income = std::floor(uni(1e6, 5e7));
    v.Set("total_income_last_year_cny", income, d);
    v.Set("total_income_prev_year_cny", std::floor(income * uni(0.7, 1.2)), d);
    v.Set("rent_income_last_year_cny", std::floor(income * uni(0.1, 0.6)), d);
    v.Set("property_fee_income_last_year_cny", std::floor(income * uni(0, 0.1)), d);
    v.Set("events_year", std::floor(uni(0, 60)), d);
    sa::DeriveCarrierIndicators(net.carriers[k], aggs[k], hardship, as_of, v);
  }
  std::vector<st::IndicatorValues> incubatee_values(incubatees.size());
  for (std::size_t k = 0; k < incubatees.size(); ++k)
    sa::DeriveIncubateeIndicators(incubatees[k], as_of, incubatee_values[k]);
  std::printf(
      "indicator values derived from records: %zu carriers, %zu active incubatees "
      "(aggregating the records %.2f s, deriving the values %.2f s)\n",
      nc, incubatees.size(), records_s, Since(t0));

  // ---- compiled forms (once per rule-set version) ----
  t0 = Clock::now();
  std::vector<st::CompiledRuleSet> carrier_compiled, enterprise_compiled;
  for (const auto* rs : carrier_sets) carrier_compiled.emplace_back(*rs);
  for (const auto* rs : enterprise_sets) enterprise_compiled.emplace_back(*rs);
  std::printf("compiled %zu rule sets (%.4f s)\n", carrier_sets.size() + enterprise_sets.size(),
              Since(t0));

  auto best_of = [](int runs, auto fn) {
    double best = 1e9;
    for (int r = 0; r < runs; ++r) {
      auto t = Clock::now();
      fn();
      best = std::min(best, Since(t));
    }
    return best;
  };
  // Runs `subjects` x `sets` on the threads and returns {seconds, passes per set}. Compiled: each
  // subject's values are bound once and decided against every set; interpreted: the reference
  // evaluator, full explanation included, as before the compiled form.
  auto run = [&](const std::vector<st::IndicatorValues>& values,
                 const std::vector<const st::RuleSet*>& sets,
                 const std::vector<st::CompiledRuleSet>& compiled, bool use_compiled, int runs) {
    const std::size_t n = values.size(), m = sets.size();
    std::vector<std::size_t> passes(m * threads, 0);
    double s = best_of(runs, [&] {
      std::fill(passes.begin(), passes.end(), 0);
      Parallel(n, threads, [&](std::size_t b, std::size_t e) {
        std::vector<std::size_t> p(m, 0);  // local: no cache line shared between threads
        for (std::size_t k = b; k < e; ++k) {
          if (use_compiled) {
            st::BoundValues bound(values[k]);
            for (std::size_t j = 0; j < m; ++j)
              p[j] += compiled[j].Decide(bound).outcome == st::Outcome::kPass;
          } else {
            for (std::size_t j = 0; j < m; ++j)
              p[j] += st::Evaluate(*sets[j], values[k]).outcome == st::Outcome::kPass;
          }
        }
        std::copy(p.begin(), p.end(), passes.begin() + (b / ((n + threads - 1) / threads)) * m);
      });
    });
    std::vector<std::size_t> total(m, 0);
    for (int t = 0; t < threads; ++t)
      for (std::size_t j = 0; j < m; ++j) total[j] += passes[t * m + j];
    return std::pair{s, total};
  };
  bool same = true;
  auto report = [&](const char* what, const std::vector<const st::RuleSet*>& sets,
                    const std::vector<st::IndicatorValues>& values,
                    const std::vector<st::CompiledRuleSet>& compiled, double goal) {
    auto [fast_s, fast] = run(values, sets, compiled, true, 3);
    auto [ref_s, ref] = run(values, sets, compiled, false, 1);
    std::printf(
        "%s: %zu x %zu = %zu verdicts in %.3f s on %d threads (goal <= %.0f s); "
        "interpreted %.3f s (%.1fx)\n",
        what, values.size(), sets.size(), values.size() * sets.size(), fast_s, threads, goal, ref_s,
        ref_s / fast_s);
    for (std::size_t j = 0; j < sets.size(); ++j) {
      std::printf("    %-26s pass %zu%s\n", sets[j]->id.c_str(), fast[j],
                  fast[j] == ref[j] ? "" : "  DIFFERS from the interpreter");
      same = same && fast[j] == ref[j];
    }
    return fast_s;
  };
  double carriers_s =
      report("P5a carriers x carrier rule sets", carrier_sets, carrier_values, carrier_compiled, 1);
  double incubatees_s = report("P5b incubatees x eligibility/graduation sets", enterprise_sets,
                               incubatee_values, enterprise_compiled, 5);

  // ---- storing one rule set's verdicts (separately timed) ----
  std::string path = (std::filesystem::temp_directory_path() / "incunet-p5-bench.db").string();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto db = storage::Database::Open({path, 2});
  if (auto m = storage::Migrate(*db); !m) {
    std::fprintf(stderr, "migrate: %s\n", m.error().message_en.c_str());
    return 1;
  }
  storage::SqlStore store(*db);
  const st::RuleSet& standard = *carrier_sets.front();
  const st::CompiledRuleSet& standard_compiled = carrier_compiled.front();
  auto t1 = Clock::now();
  std::vector<st::Verdict> verdicts(nc);
  for (std::size_t k = 0; k < nc; ++k) verdicts[k] = standard_compiled.Explain(carrier_values[k]);
  double explain_s = Since(t1);
  t1 = Clock::now();
  std::vector<sa::StoredVerdict> rows(nc);
  for (std::size_t k = 0; k < nc; ++k) {
    const auto& v = verdicts[k];
    auto& r = rows[k];
    r.rule_set_id = standard.id;
    r.rule_set_version = standard.version;
    r.rule_set_kind = st::RuleKindName(standard.kind);
    r.subject_type = "carrier";
    r.subject_id = static_cast<reg::Id>(k + 1);
    r.as_of = as_of;
    r.region_code = net.carriers[k].region_code;
    r.outcome = st::OutcomeName(v.outcome);
    r.grade = v.grade;
    r.score = v.score;
    r.provisional = v.provisional;
    r.result_json = sa::VerdictText(v);
    r.evaluated_at = "2026-11-27T00:00:00Z";
  }
  double json_s = Since(t1);
  // The same verdicts through the JSON tree, as before VerdictText, for the ratio.
  t1 = Clock::now();
  std::size_t tree_differs = 0;
  for (std::size_t k = 0; k < nc; ++k)
    tree_differs += sa::VerdictJson(verdicts[k]).dump() != rows[k].result_json;
  double tree_s = Since(t1);
  same = same && tree_differs == 0;
  t1 = Clock::now();
  auto w = store.Write([&](app::Tx& tx) -> core::Status {
    for (auto& r : rows) r.id = tx.standards().InsertVerdict(r);
    return {};
  });
  double store_s = Since(t1);
  if (!w) {
    std::fprintf(stderr, "store: %s\n", w.error().message_en.c_str());
    return 1;
  }
  std::printf(
      "storing %zu verdicts of %s (SQLite, one transaction): explanation %.2f s + JSON "
      "text %.2f s (through the JSON tree %.2f s) + insert %.2f s\n",
      nc, standard.id.c_str(), explain_s, json_s, tree_s, store_s);
  db.reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  std::printf("RESULT P5a %.3f s (goal 1 s, ratio %.2f); P5b %.3f s (goal 5 s, ratio %.2f)\n",
              carriers_s, carriers_s / 1.0, incubatees_s, incubatees_s / 5.0);
  if (!same) {
    std::fprintf(stderr, "the compiled form disagrees with the interpreter\n");
    return 1;
  }
  return 0;
}
