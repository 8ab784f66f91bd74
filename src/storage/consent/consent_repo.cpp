#include "storage/consent/consent_repo.hpp"

#include <fmt/format.h>

#include "storage/registry/scope_sql.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {
namespace {

const char* kSelect =
    "SELECT id, enterprise_id, grantee_kind, grantee, parts, valid_from, valid_to, revoked_at, "
    "created_by, created_at FROM consent_grants";

domain::consent::Grant FromRow(const soci::row& r) {
  domain::consent::Grant g;
  g.id = GetInt(r, "id");
  g.enterprise_id = GetInt(r, "enterprise_id");
  g.grantee_kind = GetStr(r, "grantee_kind");
  g.grantee = GetStr(r, "grantee");
  std::string parts = GetStr(r, "parts"), cur;
  for (char c : parts) {
    if (c == ',') {
      if (!cur.empty()) g.parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  g.valid_from = GetStr(r, "valid_from");
  g.valid_to = GetStr(r, "valid_to");
  g.revoked_at = GetStr(r, "revoked_at");
  g.created_by = GetStr(r, "created_by");
  g.created_at = GetStr(r, "created_at");
  return g;
}

}  // namespace

std::int64_t SqlConsentRepo::Insert(domain::consent::Grant& g) {
  std::string parts = ",";
  for (const auto& p : g.parts) parts += p + ",";
  g.id = InsertReturningId(
      s_,
      fmt::format("INSERT INTO consent_grants(enterprise_id, grantee_kind, grantee, parts, "
                  "valid_from, valid_to, revoked_at, created_by, created_at) VALUES ({}, :p0, "
                  ":p1, :p2, :p3, :p4, '', :p5, :p6)",
                  g.enterprise_id),
      {g.grantee_kind, g.grantee, parts, g.valid_from, g.valid_to, g.created_by, g.created_at});
  return g.id;
}

std::optional<domain::consent::Grant> SqlConsentRepo::Find(std::int64_t id) {
  std::optional<domain::consent::Grant> out;
  Where w;
  w.Add(fmt::format("id = {}", id));
  ForEachRow(s_, std::string(kSelect) + w.Sql(), w, [&](const soci::row& r) { out = FromRow(r); });
  return out;
}

app::Page<domain::consent::Grant> SqlConsentRepo::List(const app::consent::ConsentQuery& q,
                                                       const app::PageRequest& p) {
  app::Page<domain::consent::Grant> page;
  Where w;
  if (q.enterprise_id) w.Add(fmt::format("enterprise_id = {}", *q.enterprise_id));
  if (q.grantee_user_id)
    w.Add("grantee_kind = 'user' AND grantee = ?", {std::to_string(*q.grantee_user_id)});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM consent_grants" + w.Sql(), w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("id < {}", id));
  }
  ForEachRow(
      s_, std::string(kSelect) + w.Sql() + fmt::format(" ORDER BY id DESC LIMIT {}", p.limit + 1),
      w, [&](const soci::row& r) { page.items.push_back(FromRow(r)); });
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

bool SqlConsentRepo::Revoke(std::int64_t id, const std::string& at) {
  return Exec(s_,
              fmt::format("UPDATE consent_grants SET revoked_at = :p0 WHERE id = {} AND "
                          "revoked_at = ''",
                          id),
              {at}) == 1;
}

bool SqlConsentRepo::Covers(const app::Scope& s, std::int64_t enterprise_id,
                            const std::string& part, const std::string& date) {
  Where w;
  w.Add(fmt::format("enterprise_id = {}", enterprise_id));
  AddConsentCondition(w, s, part, date);
  return QueryCount(s_, "SELECT COUNT(*) FROM consent_grants" + w.Sql(), w) > 0;
}

}  // namespace incunet::storage
