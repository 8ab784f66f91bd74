#include "storage/identity/user_repo.hpp"

#include <fmt/format.h>

#include "storage/sql_util.hpp"

namespace incunet::storage {

using domain::registry::Id;

namespace {
const char* kUserSelect =
    "SELECT id, login, display_name, password_hash, role, scope_region, status, failed_logins, "
    "locked_until, created_at FROM users";

app::identity::UserRecord UserFromRow(const soci::row& r) {
  app::identity::UserRecord u;
  u.id = GetInt(r, "id");
  u.login = GetStr(r, "login");
  u.display_name = GetStr(r, "display_name");
  u.password_hash = GetStr(r, "password_hash");
  u.role = GetStr(r, "role");
  u.scope_region = GetStr(r, "scope_region");
  u.status = GetStr(r, "status");
  u.failed_logins = GetInt(r, "failed_logins");
  u.locked_until = GetStr(r, "locked_until");
  u.created_at = GetStr(r, "created_at");
  return u;
}
}  // namespace

std::optional<app::identity::UserRecord> SqlUserRepo::FindWhere(const Where& w) {
  std::optional<app::identity::UserRecord> out;
  ForEachRow(s_, std::string(kUserSelect) + w.Sql(), w,
             [&](const soci::row& r) { out = UserFromRow(r); });
  if (out) {
    ForEachRow(
        s_,
        fmt::format("SELECT carrier_id FROM user_carriers WHERE user_id = {} ORDER BY carrier_id",
                    out->id),
        Where(), [&](const soci::row& r) { out->carrier_ids.push_back(GetInt(r, "carrier_id")); });
    ForEachRow(
        s_,
        fmt::format(
            "SELECT enterprise_id FROM user_enterprises WHERE user_id = {} ORDER BY enterprise_id",
            out->id),
        Where(),
        [&](const soci::row& r) { out->enterprise_ids.push_back(GetInt(r, "enterprise_id")); });
  }
  return out;
}

std::optional<app::identity::UserRecord> SqlUserRepo::FindByLogin(const std::string& login) {
  Where w;
  w.Add("login = ?", {login});
  return FindWhere(w);
}

std::optional<app::identity::UserRecord> SqlUserRepo::Find(Id id) {
  Where w;
  w.Add(fmt::format("id = {}", id));
  return FindWhere(w);
}

app::Page<app::identity::UserRecord> SqlUserRepo::List(const app::Scope& sc,
                                                       const app::PageRequest& p) {
  app::Page<app::identity::UserRecord> page;
  Where w;
  using K = app::Scope::Kind;
  if (sc.kind == K::kRegion)
    w.Add("scope_region LIKE ? ESCAPE '\\' AND scope_region <> ''",
          {LikeEscape(sc.region_prefix) + "%"});
  else if (sc.kind != K::kNational)
    w.Never();
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM users" + w.Sql(), w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("id > {}", id));
  }
  std::vector<Id> ids;
  ForEachRow(s_,
             "SELECT id FROM users" + w.Sql() + fmt::format(" ORDER BY id LIMIT {}", p.limit + 1),
             w, [&](const soci::row& r) { ids.push_back(GetInt(r, "id")); });
  for (Id id : ids)
    if (auto u = Find(id)) page.items.push_back(*u);
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

std::int64_t SqlUserRepo::Count() { return QueryCount(s_, "SELECT COUNT(*) FROM users", Where()); }

Id SqlUserRepo::Insert(app::identity::UserRecord& u) {
  u.id = InsertReturningId(
      s_,
      "INSERT INTO users(login, display_name, password_hash, role, scope_region, status, "
      "failed_logins, locked_until, created_at) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, 0, '', "
      ":p6)",
      {u.login, u.display_name, u.password_hash, u.role, u.scope_region, u.status, u.created_at});
  Update(u);
  return u.id;
}

void SqlUserRepo::Update(const app::identity::UserRecord& u) {
  Exec(s_,
       fmt::format("UPDATE users SET display_name = :p0, password_hash = :p1, role = :p2, "
                   "scope_region = :p3, status = :p4, failed_logins = {}, locked_until = :p5 "
                   "WHERE id = {}",
                   u.failed_logins, u.id),
       {u.display_name, u.password_hash, u.role, u.scope_region, u.status, u.locked_until});
  Exec(s_, fmt::format("DELETE FROM user_carriers WHERE user_id = {}", u.id), {});
  Exec(s_, fmt::format("DELETE FROM user_enterprises WHERE user_id = {}", u.id), {});
  for (Id c : u.carrier_ids)
    Exec(s_, fmt::format("INSERT INTO user_carriers(user_id, carrier_id) VALUES ({}, {})", u.id, c),
         {});
  for (Id e : u.enterprise_ids)
    Exec(s_,
         fmt::format("INSERT INTO user_enterprises(user_id, enterprise_id) VALUES ({}, {})", u.id,
                     e),
         {});
}

void SqlUserRepo::InsertSession(const app::identity::SessionRecord& s) {
  Exec(s_,
       fmt::format("INSERT INTO sessions(token_hash, user_id, kind, csrf_token, label, "
                   "created_at, expires_at, revoked_at) VALUES (:p0, {}, :p1, :p2, :p3, :p4, "
                   ":p5, '')",
                   s.user_id),
       {s.token_hash, s.kind, s.csrf_token, s.label, s.created_at, s.expires_at});
}

std::optional<app::identity::SessionRecord> SqlUserRepo::FindSession(
    const std::string& token_hash) {
  std::optional<app::identity::SessionRecord> out;
  Where w;
  w.Add("token_hash = ?", {token_hash});
  ForEachRow(s_,
             "SELECT token_hash, user_id, kind, csrf_token, label, created_at, expires_at, "
             "revoked_at FROM sessions" +
                 w.Sql(),
             w, [&](const soci::row& r) {
               app::identity::SessionRecord s;
               s.token_hash = GetStr(r, "token_hash");
               s.user_id = GetInt(r, "user_id");
               s.kind = GetStr(r, "kind");
               s.csrf_token = GetStr(r, "csrf_token");
               s.label = GetStr(r, "label");
               s.created_at = GetStr(r, "created_at");
               s.expires_at = GetStr(r, "expires_at");
               s.revoked_at = GetStr(r, "revoked_at");
               out = s;
             });
  return out;
}

void SqlUserRepo::RevokeSession(const std::string& token_hash, const std::string& at) {
  Exec(s_, "UPDATE sessions SET revoked_at = :p0 WHERE token_hash = :p1 AND revoked_at = ''",
       {at, token_hash});
}

void SqlUserRepo::RevokeUserSessions(Id user_id, const std::string& at) {
  Exec(s_,
       fmt::format("UPDATE sessions SET revoked_at = :p0 WHERE user_id = {} AND revoked_at = ''",
                   user_id),
       {at});
}

}  // namespace incunet::storage
