#pragma once
// Writes a generated network (app/demo/ports.hpp): on SQLite through reused prepared INSERTs with
// the secondary indexes built after the rows, on PostgreSQL through COPY.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "app/demo/ports.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlDemoBulkRepo : public app::demo::DemoBulkRepo {
 public:
  SqlDemoBulkRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  app::demo::IdBases NextIds() override;
  void WriteCarriers(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                     const std::string& today, const std::string& now,
                     const app::demo::RowsFn& rows) override;
  void WriteEnterprises(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                        const std::string& now, const app::demo::RowsFn& rows) override;
  void WriteIncubations(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                        const app::demo::RowsFn& rows) override;
  void WriteEventsAndFinancings(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                                const app::demo::RowsFn& rows) override;
  std::size_t WriteReturns(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                           const app::demo::RowsFn& rows) override;
  void FinishIds() override;

 private:
  struct Deferred {
    std::string type;  // index | trigger
    std::string name;
    std::string sql;
  };
  void DeferIndexes();
  void RestoreIndexes();

  soci::session& s_;
  Dialect d_;
  std::vector<Deferred> deferred_;         // dropped for the load, recreated by FinishIds
  std::vector<std::string> deferred_fts_;  // full-text tables rebuilt by FinishIds
  bool stats_deferred_ = false;            // SQLite statistics change-log triggers among deferred_
};

// For one bulk load into SQLite: a rollback journal instead of WAL while it lasts, so each new page
// is written once, to the database file (WAL writes it to the log and then again at the
// checkpoint). WAL is back when this ends. No effect on PostgreSQL, nor when another connection
// has the file open (SQLite refuses to leave WAL then, and the load goes through WAL).
class BulkJournalMode {
 public:
  explicit BulkJournalMode(Database& db);
  ~BulkJournalMode();
  BulkJournalMode(const BulkJournalMode&) = delete;
  BulkJournalMode& operator=(const BulkJournalMode&) = delete;

 private:
  Database& db_;
  bool switched_ = false;
};

}  // namespace incunet::storage
