#pragma once
// SQL implementation of the standards port (app/standards/ports.hpp) for SQLite and PostgreSQL.
// Id lists are processed in chunks so IN lists stay small on both backends.
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlStandardsRepo : public app::standards::StandardsRepo {
 public:
  SqlStandardsRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}

  std::vector<app::standards::RuleSetVersionRow> ListVersions(
      const std::string& rule_set_id) override;
  std::optional<app::standards::RuleSetVersionRow> FindVersion(const std::string& rule_set_id,
                                                               int version) override;
  int MaxVersion(const std::string& rule_set_id) override;
  bool HasShippedFile(const std::string& file_name) override;
  domain::registry::Id InsertVersion(const app::standards::RuleSetVersionRow& row) override;

  std::vector<app::standards::CarrierFact> Facts(
      const std::vector<domain::registry::Id>& carrier_ids, const std::string& as_of) override;
  void UpsertFact(const app::standards::CarrierFact& f) override;
  bool DeleteFact(domain::registry::Id carrier_id, const std::string& indicator,
                  const std::string& as_of) override;

  std::set<std::string> HardshipCounties() override;
  std::vector<app::standards::HardshipCounty> ListHardshipCounties() override;
  void ReplaceHardshipCounties(const std::vector<app::standards::HardshipCounty>& rows) override;
  std::map<domain::registry::Id, app::standards::CarrierAggregates> Aggregates(
      const std::vector<domain::registry::Id>& carrier_ids, const std::string& as_of) override;
  std::vector<app::standards::IncubateeRecord> Incubatees(const app::Scope& s,
                                                          const app::standards::IncubateeQuery& q,
                                                          const std::string& as_of) override;

  std::optional<app::standards::StoredVerdict> FindVerdictByKey(const std::string& rule_set_id,
                                                                int version,
                                                                const std::string& subject_type,
                                                                domain::registry::Id subject_id,
                                                                const std::string& as_of) override;
  std::optional<app::standards::StoredVerdict> FindVerdict(const app::Scope& s,
                                                           domain::registry::Id id) override;
  domain::registry::Id InsertVerdict(const app::standards::StoredVerdict& v) override;
  void UpdateVerdict(const app::standards::StoredVerdict& v) override;
  app::Page<app::standards::StoredVerdict> ListVerdicts(const app::Scope& s,
                                                        const app::standards::VerdictQuery& q,
                                                        const app::PageRequest& p) override;
  std::vector<app::standards::StoredVerdict> EvaluationHistory(
      const std::vector<domain::registry::Id>& carrier_ids) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
