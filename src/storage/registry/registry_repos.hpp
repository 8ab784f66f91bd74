#pragma once
// SQL implementations of the registry ports (app/registry/ports.hpp), one class per repository.
// They run inside the caller's session/transaction and translate the caller's Scope into SQL.
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"
#include "storage/registry/rows.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

// Row mapping shared with other modules that read registry tables (import/export), for a
// soci::row or a SqliteStmt (sqlite_stmt.hpp). The "core" mappers read the columns every query
// selects; the repositories add timestamps and names.
template <typename RowT>
domain::registry::Carrier CarrierCoreFromRow(const RowT& r) {
  namespace reg = domain::registry;
  reg::Carrier c;
  c.id = GetInt(r, "id");
  c.code = GetStr(r, "code");
  c.kind = GetStr(r, "kind");
  c.name = GetStr(r, "name");
  c.operator_uscc = GetStr(r, "operator_uscc");
  c.region_code = GetStr(r, "region_code");
  c.zone_code = GetOptStr(r, "zone_code");
  c.address = GetStr(r, "address");
  c.founded_on = GetStr(r, "founded_on");
  c.closed_on = GetOptStr(r, "closed_on");
  c.specialization = GetStr(r, "specialization");
  c.industry = GetOptStr(r, "industry");
  c.area_total_m2 = GetDouble(r, "area_total_m2");
  c.area_self_controlled_m2 = GetDouble(r, "area_self_controlled_m2");
  c.area_incubatee_m2 = GetDouble(r, "area_incubatee_m2");
  c.area_public_service_m2 = GetDouble(r, "area_public_service_m2");
  c.tier = GetStr(r, "tier");
  c.version = GetInt(r, "version");
  return c;
}

template <typename RowT>
domain::registry::Enterprise EnterpriseCoreFromRow(const RowT& r) {
  namespace reg = domain::registry;
  reg::Enterprise e;
  e.id = GetInt(r, "id");
  e.name = GetStr(r, "name");
  e.uscc = GetOptStr(r, "uscc");
  e.is_team = GetInt(r, "is_team") != 0;
  e.founded_on = GetStr(r, "founded_on");
  e.region_code = GetStr(r, "region_code");
  e.industry = GetOptStr(r, "industry");
  e.domains = SplitDomains(GetStr(r, "domains"));
  e.employees = GetInt(r, "employees");
  e.version = GetInt(r, "version");
  return e;
}

class SqlRegionRepo : public app::registry::RegionRepo {
 public:
  SqlRegionRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Region> Find(const std::string& code) override;
  app::Page<domain::registry::Region> List(const app::registry::RegionQuery& q,
                                           const app::PageRequest& p) override;
  std::vector<domain::registry::Region> Ancestors(const std::string& code) override;
  std::int64_t Count() override;
  void Upsert(const std::vector<domain::registry::Region>& rows) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlCarrierRepo : public app::registry::CarrierRepo {
 public:
  SqlCarrierRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Carrier> Find(const app::Scope& sc,
                                                domain::registry::Id id) override;
  std::optional<domain::registry::Carrier> FindByCode(const app::Scope& sc,
                                                      const std::string& code) override;
  app::Page<domain::registry::Carrier> List(const app::Scope& sc,
                                            const app::registry::CarrierQuery& q,
                                            const app::PageRequest& p) override;
  domain::registry::Id Insert(domain::registry::Carrier& c) override;
  bool Update(const domain::registry::Carrier& c, std::int64_t expected_version) override;
  domain::registry::Id AddRecognition(domain::registry::Recognition& r) override;
  std::vector<domain::registry::Id> Managed(const app::Scope& sc,
                                            const std::vector<domain::registry::Id>& ids) override;
  void RefreshTier(domain::registry::Id carrier_id, const std::string& today) override;

 private:
  std::vector<domain::registry::Carrier> Select(const std::string& tail, const Where& w);
  void LoadChildren(std::vector<domain::registry::Carrier>& cs);
  void WriteSites(const domain::registry::Carrier& c);
  soci::session& s_;
  Dialect d_;
};

class SqlClusterRepo : public app::registry::ClusterRepo {
 public:
  SqlClusterRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Cluster> Find(domain::registry::Id id) override;
  app::Page<domain::registry::Cluster> List(const std::string& region,
                                            const app::PageRequest& p) override;
  domain::registry::Id Insert(domain::registry::Cluster& c) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlEnterpriseRepo : public app::registry::EnterpriseRepo {
 public:
  SqlEnterpriseRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Enterprise> Find(const app::Scope& sc,
                                                   domain::registry::Id id) override;
  std::optional<domain::registry::Id> FindIdByUscc(const std::string& uscc) override;
  app::Page<domain::registry::Enterprise> List(const app::Scope& sc,
                                               const app::registry::EnterpriseQuery& q,
                                               const app::PageRequest& p) override;
  domain::registry::Id Insert(domain::registry::Enterprise& e) override;
  bool Update(const domain::registry::Enterprise& e, std::int64_t expected_version) override;
  std::vector<domain::registry::Id> Managed(const app::Scope& sc,
                                            const std::vector<domain::registry::Id>& ids) override;

 private:
  void LoadChildren(std::vector<domain::registry::Enterprise>& es);
  void WriteChildren(const domain::registry::Enterprise& e);
  soci::session& s_;
  Dialect d_;
};

class SqlIncubationRepo : public app::registry::IncubationRepo {
 public:
  SqlIncubationRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<domain::registry::Incubation> Find(const app::Scope& sc,
                                                   domain::registry::Id id) override;
  app::Page<domain::registry::Incubation> List(const app::Scope& sc,
                                               const app::registry::IncubationQuery& q,
                                               const app::PageRequest& p) override;
  std::optional<domain::registry::Incubation> FindActive(
      domain::registry::Id enterprise_id) override;
  domain::registry::Id Insert(domain::registry::Incubation& i) override;
  bool Update(const domain::registry::Incubation& i, std::int64_t expected_version) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
