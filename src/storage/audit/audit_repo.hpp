#pragma once
// The append-only, hash-chained audit trail. Each row stores SHA-256 over its content and the
// previous row's hash; appends first update the single audit_head row, which locks it for the
// rest of the transaction, so concurrent servers on one PostgreSQL still build one chain.
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlAuditRepo : public app::audit::AuditRepo {
 public:
  SqlAuditRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void Append(const app::audit::AuditEntry& e, const std::string& at) override;
  app::Page<app::audit::AuditRecord> List(const app::audit::AuditQuery& q,
                                          const app::PageRequest& p) override;
  std::optional<app::audit::AuditBreak> Verify() override;
  app::audit::AuditHead Head() override;
  std::map<std::int64_t, std::string> HashesOf(const std::vector<std::int64_t>& ids) override;

 private:
  soci::session& s_;
  Dialect d_;
};

// The hash of one row: hex SHA-256 over the previous hash and the row's fields.
std::string AuditRowHash(const app::audit::AuditRecord& r);

}  // namespace incunet::storage
