#pragma once
// SQL implementation of app::io::IoRepo: natural-key lookups (SQLite: point queries through
// statements prepared once per transaction; PostgreSQL: IN lists of at most 500 values), bulk
// inserts (SQLite: reused prepared statements; PostgreSQL: COPY), and the import job tables.
#include <soci/soci.h>

#include <set>

#include "app/store.hpp"
#include "storage/database.hpp"
#include "storage/sqlite_stmt.hpp"

namespace incunet::storage {

class SqlIoRepo : public app::io::IoRepo {
 public:
  SqlIoRepo(soci::session& s, Dialect d) : s_(s), d_(d), sq_(s) {}

  std::unordered_map<std::string, std::string> RegionLevels() override;
  std::unordered_map<std::string, domain::registry::Carrier> CarriersByCode(
      const std::vector<std::string>& codes) override;
  std::unordered_map<std::string, domain::registry::Enterprise> EnterprisesByUscc(
      const std::vector<std::string>& usccs) override;
  std::map<app::io::TeamKey, domain::registry::Enterprise> TeamsByKey(
      const std::vector<app::io::TeamKey>& keys) override;
  std::vector<domain::registry::Incubation> IncubationsOf(
      const std::vector<domain::registry::Id>& ids) override;
  std::vector<std::pair<domain::registry::Id, domain::registry::Qualification>> QualificationsOf(
      const std::vector<domain::registry::Id>& ids) override;
  std::vector<std::pair<domain::registry::Id, domain::registry::Listing>> ListingsOf(
      const std::vector<domain::registry::Id>& ids) override;
  std::vector<domain::registry::Recognition> RecognitionsOf(
      const std::vector<domain::registry::Id>& carrier_ids) override;

  void BeginBulk(const std::string& entity) override;
  void FinishBulk(std::int64_t rows_written) override;
  void InsertCarriers(std::vector<domain::registry::Carrier>& cs) override;
  void UpdateCarrier(const domain::registry::Carrier& c) override;
  void InsertEnterprises(std::vector<domain::registry::Enterprise>& es) override;
  void UpdateEnterprise(const domain::registry::Enterprise& e) override;
  void PutTeamKeys(
      const std::vector<std::pair<domain::registry::Id, app::io::TeamKey>>& keys) override;
  void InsertIncubations(std::vector<domain::registry::Incubation>& is) override;
  void UpdateIncubation(const domain::registry::Incubation& i) override;
  void InsertQualifications(
      const std::vector<std::pair<domain::registry::Id, domain::registry::Qualification>>& qs)
      override;
  void UpdateQualification(domain::registry::Id enterprise_id,
                           const domain::registry::Qualification& q) override;
  void InsertListings(
      const std::vector<std::pair<domain::registry::Id, domain::registry::Listing>>& ls) override;
  void UpdateListing(domain::registry::Id enterprise_id,
                     const domain::registry::Listing& l) override;
  void InsertRecognitions(std::vector<domain::registry::Recognition>& rs) override;
  void UpdateRecognition(const domain::registry::Recognition& r) override;
  void RefreshTiers(const std::vector<domain::registry::Id>& carrier_ids,
                    const std::string& today) override;

  std::unordered_map<domain::registry::Id, std::string> TeamCarrierCodes(
      const std::vector<domain::registry::Id>& enterprise_ids) override;
  std::unordered_map<domain::registry::Id, app::io::IncubationRefs> IncubationRefsOf(
      const std::vector<domain::registry::Id>& incubation_ids) override;
  std::unordered_map<domain::registry::Id, std::string> CarrierCodes(
      const std::vector<domain::registry::Id>& carrier_ids) override;
  std::vector<app::io::IncubationExportRow> IncubationsPage(const app::Scope& scope,
                                                            domain::registry::Id after_id,
                                                            int limit) override;

  domain::registry::Id InsertJob(const app::io::ImportJob& j) override;
  void UpdateJob(const app::io::ImportJob& j) override;
  std::optional<app::io::ImportJob> FindJob(domain::registry::Id id) override;
  void TouchJobs(const std::string& owner, const std::string& now) override;
  std::vector<app::io::ImportJob> StaleJobs(const std::string& owner,
                                            const std::string& before) override;
  app::Page<app::io::ImportJob> ListJobs(const app::Actor& actor,
                                         const app::PageRequest& p) override;
  void AppendErrors(domain::registry::Id job_id, std::int64_t first_seq,
                    const std::vector<domain::io::RowError>& errors) override;
  app::Page<domain::io::RowError> ListErrors(domain::registry::Id job_id,
                                             const app::PageRequest& p) override;

 private:
  void BulkPragmas();
  // SQLite: the teams known at a carrier, by name (see TeamsByKey).
  const std::unordered_map<std::string, domain::registry::Enterprise>& TeamsAt(
      const std::string& carrier_code);
  soci::session& s_;
  Dialect d_;
  SqliteStmtCache sq_;  // SQLite only: statements reused for the whole transaction
  std::unordered_map<std::string, std::unordered_map<std::string, domain::registry::Enterprise>>
      teams_;
  bool bulk_pragmas_ = false;
  std::string bulk_entity_;
  // SQLite statistics change log deferred by BeginBulk (see there).
  struct DeferredFeed {
    std::string table, kind, ref;
    std::int64_t after;  // rows with a greater id are the job's
  };
  void Touched(char kind, domain::registry::Id ref);
  std::vector<DeferredFeed> stats_feeds_;  // non-empty: the log is deferred
  std::set<std::pair<char, domain::registry::Id>> stats_touched_;
  // Drops the triggers of `table` whose name is LIKE `pattern` (backslash escapes) until
  // FinishBulk recreates them; true when there were any.
  bool DeferTriggers(const std::string& table, const std::string& pattern);
  std::int64_t MaxId(const std::string& table);
  std::vector<std::string> deferred_triggers_;  // their SQL
  // SQLite search index deferred by BeginBulk: rows with id > fts_after_ of fts_table_ are
  // indexed at FinishBulk.
  std::string fts_table_;
  std::string fts_cols_;
  std::int64_t fts_after_ = 0;
};

}  // namespace incunet::storage
