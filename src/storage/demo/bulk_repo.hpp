#pragma once
// Multi-row INSERTs of a generated network (app/demo/bulk.hpp) on SQLite and PostgreSQL.
#include <soci/soci.h>

#include "app/demo/bulk.hpp"
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
  void WriteEventsAndFinancings(const domain::demo::DemoNetwork& net,
                                const app::demo::IdBases& ids,
                                const app::demo::RowsFn& rows) override;
  std::size_t WriteReturns(const domain::demo::DemoNetwork& net, const app::demo::IdBases& ids,
                           const app::demo::RowsFn& rows) override;
  void FinishIds() override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
