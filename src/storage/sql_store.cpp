#include "storage/sql_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/audit/audit_repo.hpp"
#include "storage/identity/user_repo.hpp"
#include "storage/registry/registry_repos.hpp"

namespace incunet::storage {
namespace {

class SqlTx : public app::Tx {
 public:
  SqlTx(soci::session& s, Dialect d)
      : regions_(s, d), carriers_(s, d), clusters_(s, d), enterprises_(s, d),
        incubations_(s, d), users_(s, d), audit_(s, d) {}
  app::RegionRepo& regions() override { return regions_; }
  app::CarrierRepo& carriers() override { return carriers_; }
  app::ClusterRepo& clusters() override { return clusters_; }
  app::EnterpriseRepo& enterprises() override { return enterprises_; }
  app::IncubationRepo& incubations() override { return incubations_; }
  app::UserRepo& users() override { return users_; }
  app::AuditRepo& audit() override { return audit_; }

 private:
  SqlRegionRepo regions_;
  SqlCarrierRepo carriers_;
  SqlClusterRepo clusters_;
  SqlEnterpriseRepo enterprises_;
  SqlIncubationRepo incubations_;
  SqlUserRepo users_;
  SqlAuditRepo audit_;
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
  return core::Error{core::ErrorCode::kConflict, "constraint_violation",
                     "数据与已有记录冲突（重复或引用不存在）",
                     "the data conflicts with existing records (duplicate or dangling reference)",
                     {}};
}

}  // namespace

void SqlStore::Read(const std::function<void(app::Tx&)>& fn) {
  soci::session s(db_.pool());
  SqlTx tx(s, db_.dialect());
  fn(tx);
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
