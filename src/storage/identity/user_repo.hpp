#pragma once
#include <soci/soci.h>

#include "app/store.hpp"
#include "storage/database.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

class SqlUserRepo : public app::UserRepo {
 public:
  SqlUserRepo(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<app::UserRecord> FindByLogin(const std::string& login) override;
  std::optional<app::UserRecord> Find(app::Id id) override;
  app::Page<app::UserRecord> List(const app::Scope& sc, const app::PageRequest& p) override;
  std::int64_t Count() override;
  app::Id Insert(app::UserRecord& u) override;
  void Update(const app::UserRecord& u) override;
  void InsertSession(const app::SessionRecord& s) override;
  std::optional<app::SessionRecord> FindSession(const std::string& token_hash) override;
  void RevokeSession(const std::string& token_hash, const std::string& at) override;
  void RevokeUserSessions(app::Id user_id, const std::string& at) override;

 private:
  std::optional<app::UserRecord> FindWhere(const Where& w);
  soci::session& s_;
  Dialect d_;
};

}  // namespace incunet::storage
