#pragma once
// The identity storage port (implemented in storage/identity): accounts and their sessions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::identity {

using domain::registry::Id;

struct UserRecord {
  Id id = 0;
  std::string login;
  std::string display_name;
  std::string role;
  std::string scope_region;
  std::vector<Id> carrier_ids;
  std::vector<Id> enterprise_ids;
  std::string password_hash;
  std::string status = "active";  // active | disabled
  std::int64_t failed_logins = 0;
  std::string locked_until;  // RFC 3339 or ""
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash;
  Id user_id = 0;
  std::string kind = "session";  // session | api
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
  std::string label;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  virtual std::optional<UserRecord> FindByLogin(const std::string& login) = 0;
  virtual std::optional<UserRecord> Find(Id id) = 0;
  virtual Page<UserRecord> List(const Scope& s, const PageRequest& p) = 0;
  virtual std::int64_t Count() = 0;
  virtual Id Insert(UserRecord& u) = 0;
  virtual void Update(const UserRecord& u) = 0;
  virtual void InsertSession(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> FindSession(const std::string& token_hash) = 0;
  virtual void RevokeSession(const std::string& token_hash, const std::string& at) = 0;
  virtual void RevokeUserSessions(Id user_id, const std::string& at) = 0;
};

}  // namespace incunet::app::identity
