#pragma once
// The storage port of bulk import/export (storage/io implements it for SQLite and PostgreSQL) and
// the import job record. Lookups by natural key take a whole batch so a 400,000-row file costs
// a few hundred queries, not a million. Lookups are unscoped: the importer checks the caller's
// scope against what it finds; exports read through the scoped registry repositories.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/io/spec.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::io {

using domain::registry::Id;
using TeamKey = std::pair<std::string, std::string>;  // carrier code, team name

struct ImportCounts {
  std::int64_t rows = 0;  // data rows read (blank lines excluded)
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;  // matched by natural key and identical: not written
  std::int64_t rejected = 0;   // bad rows (skipped with --skip-bad, otherwise the job failed)
};

struct ImportJob {
  Id id = 0;
  std::string entity;
  std::string status = "queued";  // queued | importing | succeeded | failed
  bool skip_bad = false;
  std::string actor_login;
  std::int64_t actor_id = 0;
  std::string scope_region;  // the submitting actor's region prefix ("" = national)
  std::string file_name;
  std::string file_sha256;
  std::string encoding;  // utf-8 | gb18030 (| ascii)
  std::int64_t bytes_total = 0;
  std::int64_t bytes_done = 0;  // of the current pass
  ImportCounts counts;
  std::int64_t errors_total = 0;    // problems that reject a row or the file
  std::int64_t warnings_total = 0;  // findings on imported rows (codes warning_…)
  std::string message_zh;           // outcome in words
  std::string message_en;
  std::string created_at;
  std::string finished_at;
  // The server instance that runs the job and when it last said it is alive: several servers
  // may share one database, and a job whose owner stopped beating is failed by any live one.
  std::string owner;
  std::string heartbeat_at;
};

struct IncubationRefs {
  std::string carrier_code;
  std::string carrier_region;
  std::string uscc;       // "" for a team
  std::string team_name;  // the enterprise's name when it is a team
  std::string team_carrier_code;
  std::string enterprise_region;
};

struct IncubationExportRow {
  domain::registry::Incubation incubation;
  IncubationRefs refs;
};

class IoRepo {
 public:
  virtual ~IoRepo() = default;

  // ---- lookups for validation and upsert ----
  // code → level ("province", "city", "county", "zone", "country") of every region.
  virtual std::unordered_map<std::string, std::string> RegionLevels() = 0;
  // Carriers (with overseas sites, without recognitions) by code.
  virtual std::unordered_map<std::string, domain::registry::Carrier> CarriersByCode(
      const std::vector<std::string>& codes) = 0;
  // Enterprises (without qualifications and listings) by USCC.
  virtual std::unordered_map<std::string, domain::registry::Enterprise> EnterprisesByUscc(
      const std::vector<std::string>& usccs) = 0;
  // Teams by carrier code + name: registered by an import, or with a stay at that carrier.
  virtual std::map<TeamKey, domain::registry::Enterprise> TeamsByKey(
      const std::vector<TeamKey>& keys) = 0;
  // Every stay of these enterprises.
  virtual std::vector<domain::registry::Incubation> IncubationsOf(
      const std::vector<Id>& enterprise_ids) = 0;
  virtual std::vector<std::pair<Id, domain::registry::Qualification>> QualificationsOf(
      const std::vector<Id>& enterprise_ids) = 0;
  virtual std::vector<std::pair<Id, domain::registry::Listing>> ListingsOf(
      const std::vector<Id>& enterprise_ids) = 0;
  virtual std::vector<domain::registry::Recognition> RecognitionsOf(
      const std::vector<Id>& carrier_ids) = 0;

  // ---- bulk writes (inside the caller's transaction) ----
  // Brackets the write pass of a job of `entity`: BeginBulk may defer index maintenance (the
  // search index is filled once at FinishBulk instead of per row), FinishBulk (told how many rows
  // were written) brings every index up to date. Both run in the write transaction, so a
  // rollback in between undoes the deferral with the rows.
  virtual void BeginBulk(const std::string& entity) = 0;
  virtual void FinishBulk(std::int64_t rows_written) = 0;
  // Inserts assign ids; carriers' overseas sites are written too.
  virtual void InsertCarriers(std::vector<domain::registry::Carrier>& cs) = 0;
  // Replaces the row's fields and overseas sites, bumps version; recognitions untouched.
  virtual void UpdateCarrier(const domain::registry::Carrier& c) = 0;
  virtual void InsertEnterprises(std::vector<domain::registry::Enterprise>& es) = 0;
  // Replaces the row's fields, bumps version; qualifications and listings untouched.
  virtual void UpdateEnterprise(const domain::registry::Enterprise& e) = 0;
  virtual void PutTeamKeys(const std::vector<std::pair<Id, TeamKey>>& keys) = 0;
  virtual void InsertIncubations(std::vector<domain::registry::Incubation>& is) = 0;
  virtual void UpdateIncubation(const domain::registry::Incubation& i) = 0;
  virtual void InsertQualifications(
      const std::vector<std::pair<Id, domain::registry::Qualification>>& qs) = 0;
  // Matched by (enterprise, kind, valid_from): sets valid_to.
  virtual void UpdateQualification(Id enterprise_id, const domain::registry::Qualification& q) = 0;
  virtual void InsertListings(const std::vector<std::pair<Id, domain::registry::Listing>>& ls) = 0;
  // Matched by (enterprise, board, listed_on): sets code.
  virtual void UpdateListing(Id enterprise_id, const domain::registry::Listing& l) = 0;
  virtual void InsertRecognitions(std::vector<domain::registry::Recognition>& rs) = 0;
  virtual void UpdateRecognition(const domain::registry::Recognition& r) = 0;  // by id
  // Recomputes the cached tier of these carriers (as CarrierRepo::RefreshTier).
  virtual void RefreshTiers(const std::vector<Id>& carrier_ids, const std::string& today) = 0;

  // ---- export helpers (ids come from scoped lists) ----
  virtual std::unordered_map<Id, std::string> TeamCarrierCodes(
      const std::vector<Id>& enterprise_ids) = 0;
  virtual std::unordered_map<Id, IncubationRefs> IncubationRefsOf(
      const std::vector<Id>& incubation_ids) = 0;
  virtual std::unordered_map<Id, std::string> CarrierCodes(const std::vector<Id>& carrier_ids) = 0;
  // Stays visible in `scope` (the same rule as IncubationRepo::List) with id > after_id, in id
  // order, with their natural-key references: the export walks the primary key, which stays
  // fast at a million stays where the list's applied_on order has no index.
  virtual std::vector<IncubationExportRow> IncubationsPage(const Scope& scope, Id after_id,
                                                           int limit) = 0;

  // ---- jobs ----
  virtual Id InsertJob(const ImportJob& j) = 0;
  virtual void UpdateJob(const ImportJob& j) = 0;
  virtual std::optional<ImportJob> FindJob(Id id) = 0;
  // Refreshes heartbeat_at of `owner`'s unfinished jobs.
  virtual void TouchJobs(const std::string& owner, const std::string& now) = 0;
  // Unfinished jobs of owners other than `owner` whose heartbeat is older than `before`.
  virtual std::vector<ImportJob> StaleJobs(const std::string& owner, const std::string& before) = 0;
  // Jobs newest first (the cursor is the last id seen): all of them for the national admin,
  // otherwise only those `actor` submitted; an actor without an account sees none.
  virtual Page<ImportJob> ListJobs(const Actor& actor, const PageRequest& p) = 0;
  // Stores errors numbered from `first_seq` (1-based, in report order).
  virtual void AppendErrors(Id job_id, std::int64_t first_seq,
                            const std::vector<domain::io::RowError>& errors) = 0;
  // Errors in report order; the cursor is the last seq seen.
  virtual Page<domain::io::RowError> ListErrors(Id job_id, const PageRequest& p) = 0;
};

}  // namespace incunet::app::io
