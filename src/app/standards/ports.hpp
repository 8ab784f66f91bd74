#pragma once
// The storage port of the standards module: rule-set versions, declared carrier facts, the
// hardship-area county list, registry aggregates the indicators are derived from, and stored
// verdicts. storage/standards implements it for SQLite and PostgreSQL; reads that expose records
// to a caller take the caller's Scope and fail closed.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::standards {

using domain::registry::Id;

// One stored version of a rule set. The rule set itself is ParseRuleSet(toml) with `overrides`
// applied (parameter edits), numbered `version` by the database.
struct RuleSetVersionRow {
  Id row_id = 0;
  std::string rule_set_id;
  int version = 0;
  std::string name_zh;
  std::string name_en;
  std::string subject;  // carrier | enterprise
  std::string kind;
  std::string level;
  std::string jurisdiction;
  std::optional<std::string> effective_from;
  std::optional<std::string> effective_to;
  bool provisional = false;
  std::string status = "published";
  std::string origin;  // shipped | upload | parameters
  std::string file_name;
  std::string toml;
  std::string overrides_json = "{}";  // {"parameter": value} applied on top of the file
  int based_on_version = 0;           // for parameter edits: the version edited
  std::string created_at;
  std::string created_by;
};

struct CarrierFact {
  Id carrier_id = 0;
  std::string indicator;
  std::string as_of;  // YYYY-MM-DD: the date the value describes
  double value = 0;   // booleans 1 / 0; money in yuan
  std::string source_note;
  std::string updated_at;
  std::string updated_by;
};

// Counts over a carrier's incubations on a date, from the registry.
// One entry of the 艰苦边远地区 list (a county-level unit). Provisional until the official list is
// entered by a national admin.
struct HardshipCounty {
  std::string region_code;
  std::string name;  // the region's name, filled on read
  std::string note;
  bool provisional = true;
};

struct CarrierAggregates {
  std::int64_t incubatees = 0;  // stays started on or before the date and not ended by it
  std::int64_t incubatees_same_industry = 0;  // the largest group of incubatees by industry
  std::int64_t graduates_cumulative = 0;      // stays ended as graduated on or before the date
  std::int64_t graduates_year = 0;            // … in the date's calendar year
  std::int64_t graduates_listed = 0;          // graduates listed or quoted by the date
  std::int64_t high_tech = 0;                 // incubatees holding the qualification then
  std::int64_t tech_sme = 0;
  std::int64_t high_tech_or_tech_sme = 0;
  std::int64_t employees = 0;  // incubatees' employees
};

// An enterprise in an active stay, with what its eligibility and graduation need.
struct IncubateeRecord {
  Id incubation_id = 0;
  Id enterprise_id = 0;
  Id carrier_id = 0;
  std::string enterprise_name;
  std::string carrier_name;
  std::string carrier_region;
  std::string enterprise_region;
  std::string state;
  std::string founded_on;
  std::string admitted_on;  // "" when absent
  std::string started_on;
  bool is_team = false;
  std::vector<std::string> domains;
  std::vector<domain::registry::Qualification> qualifications;
  std::vector<domain::registry::Listing> listings;
};

struct IncubateeQuery {
  std::string region;  // carrier region prefix
  std::optional<Id> carrier_id;
  std::optional<Id> enterprise_id;
};

struct StoredVerdict {
  Id id = 0;
  std::string rule_set_id;
  int rule_set_version = 0;
  std::string rule_set_kind;
  std::string subject_type;  // carrier | enterprise
  Id subject_id = 0;
  std::string as_of;
  std::string region_code;       // the subject's region (for scope)
  std::optional<Id> carrier_id;  // the carrier, or the enterprise's carrier at the date
  std::string outcome;
  std::string grade;
  double score = 0;
  bool provisional = false;
  std::string result_json;
  std::string evaluated_at;
};

struct VerdictQuery {
  std::string subject_type;
  std::optional<Id> subject_id;
  std::string rule_set_id;
  std::string region;
};

class StandardsRepo {
 public:
  virtual ~StandardsRepo() = default;

  // ---- rule sets (published to everyone; no scope) ----
  // Every version, by rule-set id then version; `rule_set_id` "" lists all.
  virtual std::vector<RuleSetVersionRow> ListVersions(const std::string& rule_set_id) = 0;
  virtual std::optional<RuleSetVersionRow> FindVersion(const std::string& rule_set_id,
                                                       int version) = 0;
  virtual int MaxVersion(const std::string& rule_set_id) = 0;  // 0 when none
  virtual bool HasShippedFile(const std::string& file_name) = 0;
  virtual Id InsertVersion(const RuleSetVersionRow& row) = 0;

  // ---- declared facts ----
  // Facts of the carriers with as_of on or before `as_of` ("" = all), oldest first.
  virtual std::vector<CarrierFact> Facts(const std::vector<Id>& carrier_ids,
                                         const std::string& as_of) = 0;
  virtual void UpsertFact(const CarrierFact& f) = 0;
  // Removes one fact; false when there was none.
  virtual bool DeleteFact(Id carrier_id, const std::string& indicator,
                          const std::string& as_of) = 0;

  // ---- registry records ----
  virtual std::set<std::string> HardshipCounties() = 0;
  // The list with region names, by code; and its replacement (the caller validated the codes).
  virtual std::vector<HardshipCounty> ListHardshipCounties() = 0;
  virtual void ReplaceHardshipCounties(const std::vector<HardshipCounty>& rows) = 0;
  virtual std::map<Id, CarrierAggregates> Aggregates(const std::vector<Id>& carrier_ids,
                                                     const std::string& as_of) = 0;
  // Stays active on `as_of` (admitted or incubating then), visible in the scope, by incubation id.
  virtual std::vector<IncubateeRecord> Incubatees(const Scope& s, const IncubateeQuery& q,
                                                  const std::string& as_of) = 0;

  // ---- verdicts ----
  virtual std::optional<StoredVerdict> FindVerdictByKey(const std::string& rule_set_id, int version,
                                                        const std::string& subject_type,
                                                        Id subject_id,
                                                        const std::string& as_of) = 0;
  virtual std::optional<StoredVerdict> FindVerdict(const Scope& s, Id id) = 0;
  virtual Id InsertVerdict(const StoredVerdict& v) = 0;
  virtual void UpdateVerdict(const StoredVerdict& v) = 0;  // by id
  virtual Page<StoredVerdict> ListVerdicts(const Scope& s, const VerdictQuery& q,
                                           const PageRequest& p) = 0;
  // Evaluation-kind verdicts of the carriers (without result_json), by carrier then as_of.
  virtual std::vector<StoredVerdict> EvaluationHistory(const std::vector<Id>& carrier_ids) = 0;
};

}  // namespace incunet::app::standards
