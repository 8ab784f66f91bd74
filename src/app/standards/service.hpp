#pragma once
// Standards use cases: rule sets stored as versions (seeded from the shipped files, uploaded by a
// national admin, parameter edits), declared carrier facts, verdicts (single and bulk, stored
// idempotently with the rule-set version) and tiered cultivation (next tier with gaps, ranked
// candidates, alerts). Reads are scoped by the actor; mutations are audited in their transaction.
// One class, its use cases in one file per family: service.cpp (loading, values), rule_sets.cpp,
// facts.cpp, evaluation.cpp, cultivation.cpp; the rules they apply live in domain/standards.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/standards/indicator_source.hpp"
#include "app/standards/ports.hpp"
#include "app/store.hpp"
#include "core/dates.hpp"
#include "domain/standards/compiled.hpp"
#include "domain/standards/diff.hpp"
#include "domain/standards/rule_set.hpp"
#include "domain/standards/tiers.hpp"

namespace incunet::app::standards {
using RuleSetPtr = std::shared_ptr<const st::RuleSet>;

struct RuleSetEntry {
  RuleSetVersionRow row;
  RuleSetPtr rule_set;
};

struct RuleSetDetail {
  RuleSetEntry latest;
  std::vector<RuleSetVersionRow> versions;  // oldest first, without file text
};

struct DiffResult {
  RuleSetVersionRow from;
  RuleSetVersionRow to;
  st::RuleSetDiff diff;
};

struct EvaluateRequest {
  std::string rule_set_id;
  std::optional<int> version;  // latest when absent
  std::string subject_type;    // carrier | enterprise
  Id subject_id = 0;
  std::string as_of;  // YYYY-MM-DD; today when empty
};

struct EvaluateAllReport {
  std::string rule_set_id;
  int version = 0;
  std::string subject_type;
  std::string as_of;
  std::size_t subjects = 0;
  std::map<std::string, std::size_t> outcomes;  // pass / fail / unknown …
  std::map<std::string, std::size_t> grades;    // score mode
  std::size_t written = 0;                      // new or changed stored verdicts
};

struct ExcellenceRank {
  int rank = 0;
  int candidates = 0;
  int quota = 0;
  bool within_quota = false;
  bool qualifies = false;
  double merit = 0;
};

struct NextTierReport {
  Id carrier_id = 0;
  std::string carrier_name;
  std::string province;
  std::string as_of;
  st::Level current = st::Level::kNone;
  std::optional<st::Level> next;
  std::optional<st::Distance> distance;  // absent above 卓越级
  RuleSetVersionRow rule_set;            // the next tier's rule set
  std::optional<ExcellenceRank> rank;    // when the next tier is 卓越级
};

struct Candidate {
  Id carrier_id = 0;
  std::string carrier_name;
  std::string region_code;
  std::string province;
  st::Level current = st::Level::kNone;
  st::Level next = st::Level::kNone;
  std::string rule_set_id;
  int rule_set_version = 0;
  bool provincial_default = false;
  st::Outcome outcome = st::Outcome::kUnknown;
  double merit = 0;
  int rank = 0;
  int quota = 0;  // 卓越级 only
  bool within_quota = false;
  std::vector<st::Gap> gaps;
};

struct Alert {
  std::string
      kind;  // revocation_warning | incubation_over_limit | graduation_due | tax_benefit_ending
  Id carrier_id = 0;
  std::string carrier_name;
  std::string region_code;
  std::optional<Id> enterprise_id;
  std::string enterprise_name;
  std::optional<Id> incubation_id;
  std::string detail_zh;
  std::string detail_en;
  std::map<std::string, std::string> data;
};

class StandardsService {
 public:
  StandardsService(
      Store& store, const core::Clock& now,
      std::vector<std::unique_ptr<IndicatorSource>> sources = DefaultIndicatorSources());

  // Loads the shipped rule files as versions when absent (by file name); idempotent. Returns the
  // number of versions written; one audit row when any.
  core::Result<int> SeedShipped();

  // ---- rule sets (published: anyone may read) ----
  std::vector<RuleSetVersionRow> ListRuleSets();  // latest version of each
  core::Result<RuleSetDetail> GetRuleSet(const std::string& id);
  core::Result<RuleSetEntry> GetVersion(const std::string& id, int version);
  // National admin: a new version from TOML text (numbered by the database); a refused file
  // writes nothing and returns invalid_rule_set with file, line and reason.
  core::Result<RuleSetEntry> Upload(const Actor& a, const std::string& toml,
                                    const std::string& file_name, const std::string& request_id);
  // National admin: new provisional parameter values on top of the latest version (or
  // `expected_version`, which must be the latest) as a new version.
  core::Result<RuleSetEntry> EditParameters(const Actor& a, const std::string& id,
                                            const std::map<std::string, double>& values,
                                            std::optional<int> expected_version,
                                            const std::string& request_id);
  core::Result<DiffResult> Diff(const std::string& id, int from, int to);

  // ---- declared facts ----
  core::Result<std::vector<CarrierFact>> GetFacts(const Actor& a, Id carrier_id);
  // Upserts the given facts (carrier's operator or an admin over its region); value NaN deletes.
  core::Result<std::vector<CarrierFact>> PutFacts(const Actor& a, Id carrier_id,
                                                  std::vector<CarrierFact> facts,
                                                  const std::string& request_id);

  // ---- hardship-area county list (provisional; the relaxation criteria read it) ----
  std::vector<HardshipCounty> HardshipCounties();
  // Replaces the whole list (national admin only); every code must be a county-level unit, or a
  // city without counties, and appear once. Audited.
  core::Result<std::vector<HardshipCounty>> PutHardshipCounties(const Actor& a,
                                                                std::vector<HardshipCounty> rows,
                                                                const std::string& request_id);

  // ---- verdicts ----
  core::Result<StoredVerdict> EvaluateSubject(const Actor& a, const EvaluateRequest& r,
                                              const std::string& request_id);
  // Every subject of the rule set's kind in the actor's scope (and `region` prefix), one audit
  // row for the job. progress(done, total).
  core::Result<EvaluateAllReport> EvaluateAll(
      const Actor& a, const std::string& rule_set_id, const std::string& as_of,
      const std::string& region, const std::function<void(std::size_t, std::size_t)>& progress,
      const std::string& request_id);
  Page<StoredVerdict> ListVerdicts(const Actor& a, const VerdictQuery& q, const PageRequest& p);
  core::Result<StoredVerdict> GetVerdict(const Actor& a, Id id);

  // ---- tiered cultivation ----
  core::Result<NextTierReport> NextTier(const Actor& a, Id carrier_id, const std::string& as_of);
  // Ranked upgrade candidates per province; `level` "" = every next level.
  //
  // Both lists are ranked over the whole scope, so they are cached per (scope, region, level,
  // date) for the current write generation (the newest audit row id, as the statistics cache
  // does): paging through a national list computes it once, and the first read after any audited
  // write on any server sharing the database computes it again. The lists are shared, read-only.
  core::Result<std::shared_ptr<const std::vector<Candidate>>> Candidates(const Actor& a,
                                                                         const std::string& region,
                                                                         const std::string& level,
                                                                         const std::string& as_of);
  core::Result<std::shared_ptr<const std::vector<Alert>>> Alerts(const Actor& a,
                                                                 const std::string& region,
                                                                 const std::string& as_of);
  // How many times a cultivation list was computed rather than taken from the cache (for tests).
  std::int64_t list_computations() const { return list_computations_; }

  // Loads a stored version into a rule set (cached; versions never change).
  core::Result<RuleSetPtr> Load(const RuleSetVersionRow& row);
  // The compiled form of a loaded rule set, for bulk decisions (cached per version).
  std::shared_ptr<const st::CompiledRuleSet> Compiled(const RuleSetPtr& rs);
  std::string Today() const;

 private:
  struct Subjects;
  core::Result<std::vector<RuleSetPtr>> LatestRuleSets(Tx& tx);
  std::vector<st::IndicatorValues> CarrierValues(Tx& tx,
                                                 const std::vector<domain::registry::Carrier>& cs,
                                                 const std::string& as_of);
  std::vector<st::IndicatorValues> IncubateeValues(Tx& tx, const std::vector<IncubateeRecord>& rs,
                                                   const std::string& as_of);
  std::vector<domain::registry::Carrier> VisibleCarriers(Tx& tx, const Actor& a,
                                                         const std::string& region);
  std::string NowText() const;

  Store& store_;
  const core::Clock& now_;
  std::vector<std::unique_ptr<IndicatorSource>> sources_;
  std::mutex cache_mu_;
  std::map<std::pair<std::string, int>, RuleSetPtr> cache_;
  std::map<std::pair<std::string, int>, std::shared_ptr<const st::CompiledRuleSet>> compiled_;

  // Cultivation lists of generation `lists_generation_`, by "scope|region|level|as_of"; a newer
  // generation empties them. Bounded: a list is a few MiB nationally.
  template <class T>
  using ListCache = std::map<std::string, std::shared_ptr<const std::vector<T>>>;
  static constexpr std::size_t kMaxCachedLists = 32;
  std::mutex lists_mu_;
  std::int64_t lists_generation_ = -1;
  ListCache<Candidate> candidate_lists_;
  ListCache<Alert> alert_lists_;
  std::atomic<std::int64_t> list_computations_{0};
  template <class T>
  std::shared_ptr<const std::vector<T>> CachedList(ListCache<T>& cache, std::int64_t generation,
                                                   const std::string& key);
  template <class T>
  void StoreList(ListCache<T>& cache, std::int64_t generation, const std::string& key,
                 std::shared_ptr<const std::vector<T>> list);
};

// "carrier" tier names ↔ levels.
st::Level LevelOfTier(const std::string& tier);

}  // namespace incunet::app::standards
