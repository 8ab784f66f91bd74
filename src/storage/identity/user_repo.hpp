#pragma once
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

class SqlUserRepo : public app::identity::UserRepo {
 public:
  SqlUserRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<app::identity::UserRecord> FindByLogin(const std::string& login) override;
  std::optional<app::identity::UserRecord> Find(domain::registry::Id id) override;
  app::Page<app::identity::UserRecord> List(const app::Scope& sc,
                                            const app::PageRequest& p) override;
  std::int64_t Count() override;
  domain::registry::Id Insert(app::identity::UserRecord& u) override;
  void Update(const app::identity::UserRecord& u) override;
  void InsertSession(const app::identity::SessionRecord& s) override;
  std::optional<app::identity::SessionRecord> FindSession(const std::string& token_hash) override;
  void RevokeSession(const std::string& token_hash, const std::string& at) override;
  void RevokeUserSessions(domain::registry::Id user_id, const std::string& at) override;

 private:
  std::optional<app::identity::UserRecord> FindWhere(const Where& w);
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
