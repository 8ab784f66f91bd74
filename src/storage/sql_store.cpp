#include "storage/sql_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/audit/audit_repo.hpp"
#include "storage/consent/consent_repo.hpp"
#include "storage/demo/bulk_repo.hpp"
#include "storage/identity/user_repo.hpp"
#include "storage/io/io_repo.hpp"
#include "storage/registry/registry_repos.hpp"
#include "storage/returns/return_repo.hpp"
#include "storage/standards/standards_repo.hpp"
#include "storage/stats/stats_repo.hpp"

namespace incunet::storage {
namespace {

class SqlTx : public app::Tx {
 public:
  SqlTx(soci::session& s, Dialect d)
      : regions_(s, d),
        carriers_(s, d),
        clusters_(s, d),
        enterprises_(s, d),
        incubations_(s, d),
        users_(s, d),
        audit_(s, d),
        consents_(s, d),
        stats_(s, d),
        demo_bulk_(s, d),
        standards_(s, d),
        io_(s, d),
        returns_(s, d) {}
  app::registry::RegionRepo& regions() override { return regions_; }
  app::registry::CarrierRepo& carriers() override { return carriers_; }
  app::registry::ClusterRepo& clusters() override { return clusters_; }
  app::registry::EnterpriseRepo& enterprises() override { return enterprises_; }
  app::registry::IncubationRepo& incubations() override { return incubations_; }
  app::identity::UserRepo& users() override { return users_; }
  app::audit::AuditRepo& audit() override { return audit_; }
  app::consent::ConsentRepo& consents() override { return consents_; }
  app::stats::StatsRepo& stats() override { return stats_; }
  app::demo::DemoBulkRepo& demo_bulk() override { return demo_bulk_; }
  app::standards::StandardsRepo& standards() override { return standards_; }
  app::io::IoRepo& io() override { return io_; }
  app::returns::ReturnRepo& returns() override { return returns_; }

 private:
  SqlRegionRepo regions_;
  SqlCarrierRepo carriers_;
  SqlClusterRepo clusters_;
  SqlEnterpriseRepo enterprises_;
  SqlIncubationRepo incubations_;
  SqlUserRepo users_;
  SqlAuditRepo audit_;
  SqlConsentRepo consents_;
  SqlStatsRepo stats_;
  SqlDemoBulkRepo demo_bulk_;
  SqlStandardsRepo standards_;
  SqlIoRepo io_;
  SqlReturnRepo returns_;
};

std::optional<core::Error> MapConstraint(const std::exception& ex) {
  bool conflict = false;
  if (auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&ex)) {
    std::string st = pe->sqlstate();
    conflict = st.starts_with("23");  // integrity constraint violation class
  } else if (auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&ex)) {
    conflict = (se->result() & 0xff) == 19;  // SQLITE_CONSTRAINT
  }
  if (!conflict) return std::nullopt;
  return core::Error{core::ErrorCode::kConflict,
                     "constraint_violation",
                     "数据与已有记录冲突（重复或引用不存在）",
                     "the data conflicts with existing records (duplicate or dangling reference)",
                     {}};
}

}  // namespace

void SqlStore::Read(const std::function<void(app::Tx&)>& fn) {
  soci::session s(db_.pool());
  // One read transaction: a consistent snapshot (a page and its total agree), and on SQLite one
  // lock acquisition instead of one per statement.
  s << "BEGIN";
  try {
    SqlTx tx(s, db_.dialect());
    fn(tx);
    s << "COMMIT";
  } catch (...) {
    try {
      s << "ROLLBACK";
    } catch (...) {
    }
    throw;
  }
}

core::Status SqlStore::Write(const std::function<core::Status(app::Tx&)>& fn) {
  std::unique_lock<std::mutex> lock(db_.write_mutex(), std::defer_lock);
  if (db_.dialect() == Dialect::kSqlite) lock.lock();
  soci::session s(db_.pool());
  s << (db_.dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  try {
    SqlTx tx(s, db_.dialect());
    core::Status st = fn(tx);
    s << (st ? "COMMIT" : "ROLLBACK");
    if (st) generation_.fetch_add(1);
    return st;
  } catch (const std::exception& ex) {
    try {
      s << "ROLLBACK";
    } catch (...) {
    }
    if (auto e = MapConstraint(ex)) return tl::unexpected(*e);
    throw;
  }
}

}  // namespace incunet::storage
