#include "storage/audit/audit_repo.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include "storage/sql_util.hpp"

namespace incunet::storage {

std::string AuditRowHash(const app::audit::AuditRecord& r) { return domain::audit::RowHash(r); }

void SqlAuditRepo::Append(const app::audit::AuditEntry& e, const std::string& at) {
  Exec(s_, "UPDATE audit_head SET last_id = last_id WHERE id = 1", {});  // takes the row lock
  std::int64_t last_id = 0;
  std::string last_hash;
  ForEachRow(s_, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", Where(),
             [&](const soci::row& row) {
               last_id = GetInt(row, "last_id");
               last_hash = GetStr(row, "last_hash");
             });
  app::audit::AuditRecord r = domain::audit::Link(e, at, last_id, std::move(last_hash));
  Exec(s_,
       fmt::format("INSERT INTO audit_log(id, at, actor_id, actor_login, action, subject_type, "
                   "subject_id, before_json, after_json, request_id, prev_hash, hash) VALUES "
                   "({}, :p0, {}, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9)",
                   r.id, r.actor_id),
       {r.at, r.actor_login, r.action, r.subject_type, r.subject_id, r.before_json, r.after_json,
        r.request_id, r.prev_hash, r.hash});
  Exec(s_, fmt::format("UPDATE audit_head SET last_id = {}, last_hash = :p0 WHERE id = 1", r.id),
       {r.hash});
}

namespace {
const char* kAuditSelect =
    "SELECT id, at, actor_id, actor_login, action, subject_type, subject_id, before_json, "
    "after_json, request_id, prev_hash, hash FROM audit_log";

app::audit::AuditRecord AuditFromRow(const soci::row& row) {
  app::audit::AuditRecord r;
  r.id = GetInt(row, "id");
  r.at = GetStr(row, "at");
  r.actor_id = GetInt(row, "actor_id");
  r.actor_login = GetStr(row, "actor_login");
  r.action = GetStr(row, "action");
  r.subject_type = GetStr(row, "subject_type");
  r.subject_id = GetStr(row, "subject_id");
  r.before_json = GetStr(row, "before_json");
  r.after_json = GetStr(row, "after_json");
  r.request_id = GetStr(row, "request_id");
  r.prev_hash = GetStr(row, "prev_hash");
  r.hash = GetStr(row, "hash");
  return r;
}
}  // namespace

app::Page<app::audit::AuditRecord> SqlAuditRepo::List(const app::audit::AuditQuery& q,
                                                      const app::PageRequest& p) {
  app::Page<app::audit::AuditRecord> page;
  Where w;
  if (!q.actor.empty()) w.Add("actor_login = ?", {q.actor});
  if (!q.action.empty()) w.Add("action LIKE ? ESCAPE '\\'", {LikeEscape(q.action) + "%"});
  if (!q.subject_type.empty()) w.Add("subject_type = ?", {q.subject_type});
  if (!q.subject_id.empty()) w.Add("subject_id = ?", {q.subject_id});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM audit_log" + w.Sql(), w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("id < {}", id));
  }
  ForEachRow(
      s_,
      std::string(kAuditSelect) + w.Sql() + fmt::format(" ORDER BY id DESC LIMIT {}", p.limit + 1),
      w, [&](const soci::row& row) { page.items.push_back(AuditFromRow(row)); });
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

std::optional<app::audit::AuditBreak> SqlAuditRepo::Verify() {
  // The head and the rows come from one statement, so on PostgreSQL (read committed) they are one
  // snapshot and rows appended meanwhile by other servers cannot look like a mismatched head.
  domain::audit::ChainCheck check;
  std::int64_t head_id = 0;
  std::string head_hash;
  ForEachRow(s_,
             "SELECT h.last_id AS head_id, h.last_hash AS head_hash, l.id, l.at, l.actor_id, "
             "l.actor_login, l.action, l.subject_type, l.subject_id, l.before_json, l.after_json, "
             "l.request_id, l.prev_hash, l.hash FROM audit_head h LEFT JOIN audit_log l ON 1 = 1 "
             "WHERE h.id = 1 ORDER BY l.id",
             Where(), [&](const soci::row& row) {
               head_id = GetInt(row, "head_id");
               head_hash = GetStr(row, "head_hash");
               if (row.get_indicator("id") == soci::i_null) return;  // an empty log
               check.Feed(AuditFromRow(row));
             });
  return check.Finish(head_id, head_hash);
}

app::audit::AuditHead SqlAuditRepo::Head() {
  app::audit::AuditHead h;
  ForEachRow(s_,
             "SELECT h.last_id, h.last_hash, (SELECT COUNT(*) FROM audit_log) AS n, "
             "(SELECT l.hash FROM audit_log l WHERE l.id = h.last_id) AS row_hash "
             "FROM audit_head h WHERE h.id = 1",
             Where(), [&](const soci::row& row) {
               h.last_id = GetInt(row, "last_id");
               h.last_hash = GetStr(row, "last_hash");
               h.rows = GetInt(row, "n");
               h.row_hash = GetOptStr(row, "row_hash");
             });
  return h;
}

std::map<std::int64_t, std::string> SqlAuditRepo::HashesOf(const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> out;
  constexpr std::size_t kChunk = 500;
  for (std::size_t i = 0; i < ids.size(); i += kChunk) {
    std::vector<std::int64_t> part(ids.begin() + i, ids.begin() + std::min(ids.size(), i + kChunk));
    ForEachRow(s_, "SELECT id, hash FROM audit_log WHERE id IN (" + JoinIds(part) + ")", Where(),
               [&](const soci::row& row) { out[GetInt(row, "id")] = GetStr(row, "hash"); });
  }
  return out;
}

}  // namespace incunet::storage
