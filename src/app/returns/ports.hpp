#pragma once
// The storage port of the annual returns (implemented in storage/returns). Reads take the
// caller's Scope: national sees all, a region admin the returns of carriers whose site or zone
// lies in its region, a carrier operator its carriers' returns, anyone else nothing.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::app::returns {

struct ReturnQuery {
  std::optional<int> year;
  std::string status;
  std::string region;  // carrier site code prefix
  std::optional<std::int64_t> carrier_id;
  // The reviewer's queue: returns submitted and waiting at this level and prefix.
  std::string pending_level;
  std::string pending_prefix;
};

// Figures the draft is prefilled with, from the registry at the end of the year.
struct ReturnFacts {
  std::int64_t incubatees = 0;  // registered firms in an incubation open at year end
  std::int64_t incubatee_employees = 0;
  std::int64_t teams = 0;  // unregistered teams in an incubation open at year end
  std::int64_t team_members = 0;
  std::int64_t graduated_in_year = 0;
  std::int64_t high_tech = 0;  // incubatees holding a high-tech qualification at year end
};

// One incubatee row's prefill: incubating at year end or graduated during the year.
struct IncubateeFacts {
  std::int64_t enterprise_id = 0;
  std::string name;
  std::string uscc;
  std::string founded_on;
  std::string entered_on;
  std::string industry;
  std::string domains;  // comma-separated
  bool graduated = false;
  std::string graduated_on;
  bool high_tech = false;
  bool tech_sme = false;
  double space_m2 = 0;
  std::int64_t employees = 0;
};

class ReturnRepo {
 public:
  virtual ~ReturnRepo() = default;
  // With values, incubatee rows and explanations.
  virtual std::optional<domain::returns::AnnualReturn> Find(const Scope& s, std::int64_t id) = 0;
  virtual std::optional<domain::returns::AnnualReturn> FindByCarrierYear(const Scope& s,
                                                                         std::int64_t carrier_id,
                                                                         int year) = 0;
  // Headers only (no values), ordered by id.
  virtual Page<domain::returns::AnnualReturn> List(const Scope& s, const ReturnQuery& q,
                                                   const PageRequest& p) = 0;
  // Inserts the header and assigns id; (carrier_id, year) is unique (kConflict otherwise).
  virtual std::int64_t Insert(domain::returns::AnnualReturn& r) = 0;
  // Writes status, pending stop, path, reopened_until, timestamps and version + 1; false when
  // `expected_version` is stale.
  virtual bool UpdateHeader(const domain::returns::AnnualReturn& r,
                            std::int64_t expected_version) = 0;
  // Sets (or with nullopt removes) one value; row 0 is the carrier form.
  virtual void SetValue(std::int64_t return_id, std::int64_t row_id, const std::string& code,
                        const std::optional<std::string>& value) = 0;
  // Removes an incubatee row and its values.
  virtual void RemoveRow(std::int64_t return_id, std::int64_t row_id) = 0;
  virtual void SetExplanation(std::int64_t return_id, const std::string& key,
                              const std::optional<std::string>& text) = 0;

  virtual void AppendChange(const domain::returns::ValueChange& c) = 0;
  // Oldest first; `code` filters when not empty.
  virtual std::vector<domain::returns::ValueChange> Changes(std::int64_t return_id,
                                                            const std::string& code) = 0;
  virtual void AppendReview(domain::returns::ReviewEvent& e) = 0;
  virtual std::vector<domain::returns::ReviewEvent> Reviews(std::int64_t return_id) = 0;

  virtual ReturnFacts Facts(std::int64_t carrier_id, int year) = 0;
  virtual std::vector<IncubateeFacts> Incubatees(std::int64_t carrier_id, int year) = 0;
  // Of `enterprise_ids`, those with a stay at the carrier that was open (admitted or later) at
  // some time in `year`: the only enterprises its return for that year may hold rows for.
  virtual std::set<std::int64_t> IncubateesInYear(
      std::int64_t carrier_id, int year, const std::vector<std::int64_t>& enterprise_ids) = 0;

  // ---- bulk import and export (app/io/return_entities) ----
  // The returns of these (carrier id, year) pairs visible in `s`, with values and incubatee
  // rows (no explanations).
  virtual std::vector<domain::returns::AnnualReturn> FindByCarrierYears(
      const Scope& s, const std::vector<std::pair<std::int64_t, int>>& keys) = 0;
  // The returns with these ids visible in `s`, with values and incubatee rows, ordered by id.
  virtual std::vector<domain::returns::AnnualReturn> FindMany(
      const Scope& s, const std::vector<std::int64_t>& ids) = 0;
  // Applies each change (sets or clears the value) and appends its history row, with
  // statements prepared once for the batch.
  virtual void ApplyChanges(const std::vector<domain::returns::ValueChange>& changes) = 0;
  // The natural key of incubatee rows: enterprise id → (USCC or "" for a team, name).
  virtual std::unordered_map<std::int64_t, std::pair<std::string, std::string>> EnterpriseKeys(
      const std::vector<std::int64_t>& enterprise_ids) = 0;
  // For the standards engine. Headers (id, carrier_id, year, accepted_at) of the accepted returns
  // of these carriers for `max_year` or earlier, by carrier then year. The ids come from a
  // scoped read of the carriers, as with the standards facts; no ids, nothing.
  virtual std::vector<domain::returns::AnnualReturn> AcceptedHeaders(
      const std::vector<std::int64_t>& carrier_ids, int max_year) = 0;
  // The values with one of `codes` of these returns, by return id (row 0 into `values`, the
  // incubatee rows into `incubatees`).
  virtual std::map<std::int64_t, domain::returns::AnnualReturn> ValuesOf(
      const std::vector<std::int64_t>& return_ids, const std::vector<std::string>& codes) = 0;

  virtual std::optional<domain::returns::Deadline> FindDeadline(int year,
                                                                const std::string& kind) = 0;
  virtual std::vector<domain::returns::Deadline> Deadlines(std::optional<int> year) = 0;
  virtual void UpsertDeadline(const domain::returns::Deadline& d) = 0;
};

}  // namespace incunet::app::returns
