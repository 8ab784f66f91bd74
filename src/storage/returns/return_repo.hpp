#pragma once
// SQL implementation of app::returns::ReturnRepo on SQLite and PostgreSQL (shared DML). Runs inside
// the caller's session/transaction; scope becomes SQL through AddReturnScope.
#include <soci/soci.h>

#include "app/returns/ports.hpp"
#include "storage/database.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

// National: everything; region: returns of carriers whose site or zone code starts with the
// prefix; carriers: those carriers; anything else: nothing. `alias` is the carriers alias.
void AddReturnScope(Where& w, const app::Scope& s, const std::string& carrier_alias);

class SqlReturnRepo : public app::returns::ReturnRepo {
 public:
  SqlReturnRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}

  std::optional<domain::returns::AnnualReturn> Find(const app::Scope& sc, std::int64_t id) override;
  std::optional<domain::returns::AnnualReturn> FindByCarrierYear(const app::Scope& sc,
                                                                 std::int64_t carrier_id,
                                                                 int year) override;
  app::Page<domain::returns::AnnualReturn> List(const app::Scope& sc,
                                                const app::returns::ReturnQuery& q,
                                                const app::PageRequest& p) override;
  std::int64_t Insert(domain::returns::AnnualReturn& r) override;
  bool UpdateHeader(const domain::returns::AnnualReturn& r, std::int64_t expected_version) override;
  void SetValue(std::int64_t return_id, std::int64_t row_id, const std::string& code,
                const std::optional<std::string>& value) override;
  void RemoveRow(std::int64_t return_id, std::int64_t row_id) override;
  void SetExplanation(std::int64_t return_id, const std::string& key,
                      const std::optional<std::string>& text) override;
  void AppendChange(const domain::returns::ValueChange& c) override;
  std::vector<domain::returns::ValueChange> Changes(std::int64_t return_id,
                                                    const std::string& code) override;
  void AppendReview(domain::returns::ReviewEvent& e) override;
  std::vector<domain::returns::ReviewEvent> Reviews(std::int64_t return_id) override;
  app::returns::ReturnFacts Facts(std::int64_t carrier_id, int year) override;
  std::vector<app::returns::IncubateeFacts> Incubatees(std::int64_t carrier_id, int year) override;
  std::set<std::int64_t> IncubateesInYear(std::int64_t carrier_id, int year,
                                          const std::vector<std::int64_t>& enterprise_ids) override;
  std::vector<domain::returns::AnnualReturn> FindByCarrierYears(
      const app::Scope& sc, const std::vector<std::pair<std::int64_t, int>>& keys) override;
  std::vector<domain::returns::AnnualReturn> FindMany(
      const app::Scope& sc, const std::vector<std::int64_t>& ids) override;
  void ApplyChanges(const std::vector<domain::returns::ValueChange>& changes) override;
  std::unordered_map<std::int64_t, std::pair<std::string, std::string>> EnterpriseKeys(
      const std::vector<std::int64_t>& enterprise_ids) override;
  std::vector<domain::returns::AnnualReturn> AcceptedHeaders(
      const std::vector<std::int64_t>& carrier_ids, int max_year) override;
  std::map<std::int64_t, domain::returns::AnnualReturn> ValuesOf(
      const std::vector<std::int64_t>& return_ids, const std::vector<std::string>& codes) override;
  std::optional<domain::returns::Deadline> FindDeadline(int year, const std::string& kind) override;
  std::vector<domain::returns::Deadline> Deadlines(std::optional<int> year) override;
  void UpsertDeadline(const domain::returns::Deadline& d) override;

 private:
  std::vector<domain::returns::AnnualReturn> Select(const Where& w, const std::string& tail);
  void LoadValues(domain::returns::AnnualReturn& r);
  // Values and incubatee rows of many returns in one query per chunk.
  void LoadValuesOf(std::vector<domain::returns::AnnualReturn>& rs);

  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
