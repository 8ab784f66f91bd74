#pragma once
// SQL implementations of the registry ports (app/store.hpp), one class per repository. They run
// inside the caller's session/transaction and translate the caller's Scope into SQL.
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

// Row mapping shared with other modules that read registry tables (import/export). The "core"
// mappers read the columns every query selects; the repositories add timestamps and names.
domain::registry::Carrier CarrierCoreFromRow(const soci::row& r);
domain::registry::Enterprise EnterpriseCoreFromRow(const soci::row& r);
// Technology domains are stored as ",a,b," so one instr()/LIKE filters on both databases.
std::string JoinDomains(const std::vector<std::string>& ds);
std::vector<std::string> SplitDomains(const std::string& s);

class SqlRegionRepo : public app::RegionRepo {
 public:
  SqlRegionRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Region> Find(const std::string& code) override;
  app::Page<domain::registry::Region> List(const app::RegionQuery& q,
                                           const app::PageRequest& p) override;
  std::vector<domain::registry::Region> Ancestors(const std::string& code) override;
  std::int64_t Count() override;
  void Upsert(const std::vector<domain::registry::Region>& rows) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlCarrierRepo : public app::CarrierRepo {
 public:
  SqlCarrierRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Carrier> Find(const app::Scope& sc, app::Id id) override;
  std::optional<domain::registry::Carrier> FindByCode(const app::Scope& sc,
                                                      const std::string& code) override;
  app::Page<domain::registry::Carrier> List(const app::Scope& sc, const app::CarrierQuery& q,
                                            const app::PageRequest& p) override;
  app::Id Insert(domain::registry::Carrier& c) override;
  bool Update(const domain::registry::Carrier& c, std::int64_t expected_version) override;
  app::Id AddRecognition(domain::registry::Recognition& r) override;
  void RefreshTier(app::Id carrier_id, const std::string& today) override;

 private:
  std::vector<domain::registry::Carrier> Select(const std::string& tail, const Where& w);
  void LoadChildren(std::vector<domain::registry::Carrier>& cs);
  void WriteSites(const domain::registry::Carrier& c);
  soci::session& s_;
  Dialect d_;
};

class SqlClusterRepo : public app::ClusterRepo {
 public:
  SqlClusterRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Cluster> Find(app::Id id) override;
  app::Page<domain::registry::Cluster> List(const std::string& region,
                                            const app::PageRequest& p) override;
  app::Id Insert(domain::registry::Cluster& c) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlEnterpriseRepo : public app::EnterpriseRepo {
 public:
  SqlEnterpriseRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Enterprise> Find(const app::Scope& sc, app::Id id) override;
  std::optional<app::Id> FindIdByUscc(const std::string& uscc) override;
  app::Page<domain::registry::Enterprise> List(const app::Scope& sc,
                                               const app::EnterpriseQuery& q,
                                               const app::PageRequest& p) override;
  app::Id Insert(domain::registry::Enterprise& e) override;
  bool Update(const domain::registry::Enterprise& e, std::int64_t expected_version) override;

 private:
  void LoadChildren(std::vector<domain::registry::Enterprise>& es);
  void WriteChildren(const domain::registry::Enterprise& e);
  soci::session& s_;
  Dialect d_;
};

class SqlIncubationRepo : public app::IncubationRepo {
 public:
  SqlIncubationRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Incubation> Find(const app::Scope& sc, app::Id id) override;
  app::Page<domain::registry::Incubation> List(const app::Scope& sc,
                                               const app::IncubationQuery& q,
                                               const app::PageRequest& p) override;
  std::optional<domain::registry::Incubation> FindActive(app::Id enterprise_id) override;
  app::Id Insert(domain::registry::Incubation& i) override;
  bool Update(const domain::registry::Incubation& i, std::int64_t expected_version) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
