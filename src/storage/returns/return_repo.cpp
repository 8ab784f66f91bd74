#include "storage/returns/return_repo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "domain/returns/workflow.hpp"
#include "storage/registry/scope_sql.hpp"

namespace incunet::storage {

namespace ret = domain::returns;
using Kind = app::Scope::Kind;

void AddReturnScope(Where& w, const app::Scope& s, const std::string& c) {
  switch (s.kind) {
    case Kind::kNational:
      return;
    case Kind::kRegion: {
      if (s.region_prefix.empty()) {
        w.Never();
        return;
      }
      std::string like = LikeEscape(s.region_prefix) + "%";
      w.Add(c + ".region_code LIKE ? ESCAPE '\\' OR " + c + ".zone_code LIKE ? ESCAPE '\\'",
            {like, like});
      return;
    }
    case Kind::kCarriers:
      w.Add(c + ".id IN (" + JoinIds(s.carrier_ids) + ")");
      return;
    case Kind::kEnterprises:
    case Kind::kPublic:
    case Kind::kNone:
      w.Never();
      return;
  }
}

namespace {

const char* kSelect =
    "SELECT r.id, r.carrier_id, r.year, r.kind, r.status, r.pending_level, r.pending_prefix, "
    "r.review_path, r.reopened_until, r.version, r.created_at, r.updated_at, r.submitted_at, "
    "r.accepted_at, c.name AS carrier_name, c.region_code AS region_code FROM annual_returns r "
    "JOIN carriers c ON c.id = r.carrier_id";

ret::AnnualReturn FromRow(const soci::row& row) {
  ret::AnnualReturn r;
  r.id = GetInt(row, "id");
  r.carrier_id = GetInt(row, "carrier_id");
  r.year = static_cast<int>(GetInt(row, "year"));
  r.kind = GetStr(row, "kind");
  r.status = GetStr(row, "status");
  r.pending_level = GetStr(row, "pending_level");
  r.pending_prefix = GetStr(row, "pending_prefix");
  r.review_path = ret::DecodePath(GetStr(row, "review_path"));
  r.reopened_until = GetOptStr(row, "reopened_until");
  r.version = GetInt(row, "version");
  r.created_at = GetStr(row, "created_at");
  r.updated_at = GetStr(row, "updated_at");
  r.submitted_at = GetStr(row, "submitted_at");
  r.accepted_at = GetStr(row, "accepted_at");
  r.carrier_name = GetStr(row, "carrier_name");
  r.region_code = GetStr(row, "region_code");
  return r;
}

std::string YearEnd(int year) { return fmt::format("{:04}-12-31", year); }
std::string YearStart(int year) { return fmt::format("{:04}-01-01", year); }

// Incubations of a carrier open at the end of the year (started, not ended by then). The dates
// are built from the year number, never from user text, so they are inlined as literals.
std::string OpenAtYearEnd(std::int64_t carrier_id, const std::string& end) {
  return fmt::format(
      "i.carrier_id = {0} AND i.started_on IS NOT NULL AND i.started_on <= '{1}' AND "
      "(i.ended_on IS NULL OR i.ended_on > '{1}')",
      carrier_id, end);
}

// A qualification of `kind` in force on `date` for enterprise alias e.
std::string Holds(const char* kind, const std::string& date) {
  return fmt::format(
      "EXISTS (SELECT 1 FROM qualifications q WHERE q.enterprise_id = e.id AND q.kind = '{0}' "
      "AND q.valid_from <= '{1}' AND (q.valid_to IS NULL OR q.valid_to >= '{1}'))",
      kind, date);
}

constexpr std::size_t kInChunk = 500;

// A statement prepared once and executed per row with new values (bulk writes of an import).
class Prepared {
 public:
  Prepared(soci::session& s, const std::string& sql, std::size_t n)
      : st_(s), vals_(n), inds_(n, soci::i_null) {
    st_.alloc();
    for (std::size_t i = 0; i < n; ++i) st_.exchange(soci::use(vals_[i], inds_[i]));
    st_.prepare(sql);
    st_.define_and_bind();
  }
  Prepared& Set(std::size_t i, const Param& p) {
    inds_[i] = p ? soci::i_ok : soci::i_null;
    vals_[i] = p ? *p : std::string();
    return *this;
  }
  void Run() { st_.execute(true); }

 private:
  soci::statement st_;
  std::vector<std::string> vals_;
  std::vector<soci::indicator> inds_;
};

template <typename T, typename Fn>
void Chunks(const std::vector<T>& v, Fn fn) {
  for (std::size_t i = 0; i < v.size(); i += kInChunk)
    fn(std::vector<T>(v.begin() + i, v.begin() + std::min(v.size(), i + kInChunk)));
}

}  // namespace

std::vector<ret::AnnualReturn> SqlReturnRepo::Select(const Where& w, const std::string& tail) {
  std::vector<ret::AnnualReturn> out;
  ForEachRow(s_, std::string(kSelect) + w.Sql() + tail, w,
             [&](const soci::row& row) { out.push_back(FromRow(row)); });
  return out;
}

void SqlReturnRepo::LoadValues(ret::AnnualReturn& r) {
  std::map<std::int64_t, ret::Values> rows;
  Where w;
  w.Add(fmt::format("return_id = {}", r.id));
  ForEachRow(s_,
             "SELECT row_id, code, value FROM return_values" + w.Sql() + " ORDER BY row_id, " +
                 SortCol(d_, "code"),
             w, [&](const soci::row& row) {
               std::int64_t id = GetInt(row, "row_id");
               if (id == 0)
                 r.values[GetStr(row, "code")] = GetStr(row, "value");
               else
                 rows[id][GetStr(row, "code")] = GetStr(row, "value");
             });
  for (auto& [id, values] : rows) r.incubatees.push_back({id, std::move(values)});
  ForEachRow(s_, "SELECT warning_key, explanation FROM return_explanations" + w.Sql(), w,
             [&](const soci::row& row) {
               r.explanations[GetStr(row, "warning_key")] = GetStr(row, "explanation");
             });
}

void SqlReturnRepo::LoadValuesOf(std::vector<ret::AnnualReturn>& rs) {
  std::unordered_map<std::int64_t, std::size_t> at;
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    at[rs[i].id] = i;
    ids.push_back(rs[i].id);
  }
  std::unordered_map<std::int64_t, std::map<std::int64_t, ret::Values>> rows;
  Chunks(ids, [&](const std::vector<std::int64_t>& part) {
    Where w;
    w.Add("return_id IN (" + JoinIds(part) + ")");
    ForEachRow(s_, "SELECT return_id, row_id, code, value FROM return_values" + w.Sql(), w,
               [&](const soci::row& row) {
                 std::int64_t rid = GetInt(row, "return_id"), id = GetInt(row, "row_id");
                 if (id == 0)
                   rs[at.at(rid)].values[GetStr(row, "code")] = GetStr(row, "value");
                 else
                   rows[rid][id][GetStr(row, "code")] = GetStr(row, "value");
               });
  });
  for (auto& [rid, by_row] : rows)
    for (auto& [id, values] : by_row) rs[at.at(rid)].incubatees.push_back({id, std::move(values)});
}

std::vector<ret::AnnualReturn> SqlReturnRepo::FindByCarrierYears(
    const app::Scope& sc, const std::vector<std::pair<std::int64_t, int>>& keys) {
  std::set<std::pair<std::int64_t, int>> wanted(keys.begin(), keys.end());
  std::set<std::int64_t> carriers;
  std::set<int> years;
  for (const auto& [c, y] : wanted) {
    carriers.insert(c);
    years.insert(y);
  }
  std::vector<ret::AnnualReturn> out;
  std::string year_list;
  for (int y : years) year_list += (year_list.empty() ? "" : ",") + std::to_string(y);
  Chunks(std::vector<std::int64_t>(carriers.begin(), carriers.end()),
         [&](const std::vector<std::int64_t>& part) {
           Where w;
           AddReturnScope(w, sc, "c");
           w.Add("r.carrier_id IN (" + JoinIds(part) + ") AND r.year IN (" + year_list + ")");
           for (auto& r : Select(w, ""))
             if (wanted.count({r.carrier_id, r.year})) out.push_back(std::move(r));
         });
  LoadValuesOf(out);
  return out;
}

std::vector<ret::AnnualReturn> SqlReturnRepo::FindMany(const app::Scope& sc,
                                                       const std::vector<std::int64_t>& ids) {
  std::vector<ret::AnnualReturn> out;
  Chunks(ids, [&](const std::vector<std::int64_t>& part) {
    Where w;
    AddReturnScope(w, sc, "c");
    w.Add("r.id IN (" + JoinIds(part) + ")");
    for (auto& r : Select(w, " ORDER BY r.id")) out.push_back(std::move(r));
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  LoadValuesOf(out);
  return out;
}

void SqlReturnRepo::ApplyChanges(const std::vector<ret::ValueChange>& changes) {
  if (changes.empty()) return;
  if (d_ == Dialect::kSqlite) {
    // In-process: statements prepared once are cheapest (multi-row statements cost more CPU
    // to bind than they save).
    Prepared put(s_,
                 "INSERT INTO return_values(return_id, row_id, code, value) VALUES (:p0, :p1, "
                 ":p2, :p3) ON CONFLICT (return_id, row_id, code) DO UPDATE SET value = "
                 "excluded.value",
                 4);
    Prepared drop(s_,
                  "DELETE FROM return_values WHERE return_id = :p0 AND row_id = :p1 AND code = "
                  ":p2",
                  3);
    Prepared hist(s_,
                  "INSERT INTO return_values_history(return_id, row_id, code, old_value, "
                  "new_value, actor_id, actor_login, at, request_id, source) VALUES (:p0, :p1, "
                  ":p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9)",
                  10);
    for (const auto& c : changes) {
      std::string rid = std::to_string(c.return_id), row = std::to_string(c.row_id);
      if (c.new_value)
        put.Set(0, rid).Set(1, row).Set(2, c.code).Set(3, *c.new_value).Run();
      else
        drop.Set(0, rid).Set(1, row).Set(2, c.code).Run();
      hist.Set(0, rid).Set(1, row).Set(2, c.code).Set(3, c.old_value).Set(4, c.new_value);
      hist.Set(5, std::to_string(c.actor_id)).Set(6, c.actor_login).Set(7, c.at);
      hist.Set(8, c.request_id).Set(9, c.source).Run();
    }
    return;
  }
  // PostgreSQL: multi-row statements, one round trip per kRows changes instead of two per
  // change (an import of many values is bound by round trips).
  constexpr std::size_t kRows = 90;
  std::vector<Param> put, hist;
  std::string put_sql, hist_sql;
  std::set<std::tuple<std::int64_t, std::int64_t, std::string>> in_put;
  auto placeholders = [](std::size_t first, std::size_t n) {
    std::string t = "(";
    for (std::size_t i = 0; i < n; ++i) t += fmt::format("{}:p{}", i ? ", " : "", first + i);
    return t + ")";
  };
  auto flush = [&] {
    if (!put.empty())
      Exec(s_,
           "INSERT INTO return_values(return_id, row_id, code, value) VALUES " + put_sql +
               " ON CONFLICT (return_id, row_id, code) DO UPDATE SET value = excluded.value",
           put);
    if (!hist.empty())
      Exec(s_,
           "INSERT INTO return_values_history(return_id, row_id, code, old_value, new_value, "
           "actor_id, actor_login, at, request_id, source) VALUES " +
               hist_sql,
           hist);
    put.clear();
    hist.clear();
    put_sql.clear();
    hist_sql.clear();
    in_put.clear();
  };
  Prepared drop(
      s_, "DELETE FROM return_values WHERE return_id = :p0 AND row_id = :p1 AND code = :p2", 3);
  for (const auto& c : changes) {
    std::string rid = std::to_string(c.return_id), row = std::to_string(c.row_id);
    // One statement may not upsert the same key twice (PostgreSQL refuses it), and a delete
    // must not overtake a pending upsert of its key.
    if (in_put.count({c.return_id, c.row_id, c.code})) flush();
    if (c.new_value) {
      put_sql += (put_sql.empty() ? "" : ", ") + placeholders(put.size(), 4);
      put.insert(put.end(), {rid, row, c.code, *c.new_value});
      in_put.insert({c.return_id, c.row_id, c.code});
    } else {
      drop.Set(0, rid).Set(1, row).Set(2, c.code).Run();
    }
    hist_sql += (hist_sql.empty() ? "" : ", ") + placeholders(hist.size(), 10);
    hist.insert(hist.end(), {rid, row, c.code, c.old_value, c.new_value, std::to_string(c.actor_id),
                             c.actor_login, c.at, c.request_id, c.source});
    if (hist.size() >= kRows * 10) flush();
  }
  flush();
}

std::unordered_map<std::int64_t, std::pair<std::string, std::string>> SqlReturnRepo::EnterpriseKeys(
    const std::vector<std::int64_t>& enterprise_ids) {
  std::unordered_map<std::int64_t, std::pair<std::string, std::string>> out;
  Chunks(enterprise_ids, [&](const std::vector<std::int64_t>& part) {
    Where w;
    w.Add("id IN (" + JoinIds(part) + ")");
    ForEachRow(s_, "SELECT id, uscc, name, is_team FROM enterprises" + w.Sql(), w,
               [&](const soci::row& row) {
                 out[GetInt(row, "id")] = {GetInt(row, "is_team") != 0 ? "" : GetStr(row, "uscc"),
                                           GetStr(row, "name")};
               });
  });
  return out;
}

std::optional<ret::AnnualReturn> SqlReturnRepo::Find(const app::Scope& sc, std::int64_t id) {
  Where w;
  AddReturnScope(w, sc, "c");
  w.Add(fmt::format("r.id = {}", id));
  auto v = Select(w, "");
  if (v.empty()) return std::nullopt;
  LoadValues(v.front());
  return std::move(v.front());
}

std::optional<ret::AnnualReturn> SqlReturnRepo::FindByCarrierYear(const app::Scope& sc,
                                                                  std::int64_t carrier_id,
                                                                  int year) {
  Where w;
  AddReturnScope(w, sc, "c");
  w.Add(fmt::format("r.carrier_id = {} AND r.year = {}", carrier_id, year));
  auto v = Select(w, "");
  if (v.empty()) return std::nullopt;
  LoadValues(v.front());
  return std::move(v.front());
}

app::Page<ret::AnnualReturn> SqlReturnRepo::List(const app::Scope& sc,
                                                 const app::returns::ReturnQuery& q,
                                                 const app::PageRequest& p) {
  app::Page<ret::AnnualReturn> page;
  Where w;
  AddReturnScope(w, sc, "c");
  if (q.year) w.Add(fmt::format("r.year = {}", *q.year));
  if (!q.status.empty()) w.Add("r.status = ?", {q.status});
  if (q.carrier_id) w.Add(fmt::format("r.carrier_id = {}", *q.carrier_id));
  if (!q.region.empty()) w.Add("c.region_code LIKE ? ESCAPE '\\'", {LikeEscape(q.region) + "%"});
  if (!q.pending_level.empty())
    w.Add("r.pending_level = ? AND r.pending_prefix = ?", {q.pending_level, q.pending_prefix});
  page.total = QueryCount(
      s_, "SELECT COUNT(*) FROM annual_returns r JOIN carriers c ON c.id = r.carrier_id" + w.Sql(),
      w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id = 0;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("r.id > {}", id));
  }
  page.items = Select(w, fmt::format(" ORDER BY r.id LIMIT {}", p.limit + 1));
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

std::int64_t SqlReturnRepo::Insert(ret::AnnualReturn& r) {
  r.id = InsertReturningId(
      s_,
      fmt::format("INSERT INTO annual_returns(carrier_id, year, kind, status, version, "
                  "created_at, updated_at) VALUES ({}, {}, :p0, :p1, {}, :p2, :p3)",
                  r.carrier_id, r.year, r.version),
      {r.kind, r.status, r.created_at, r.updated_at});
  return r.id;
}

bool SqlReturnRepo::UpdateHeader(const ret::AnnualReturn& r, std::int64_t expected_version) {
  Param reopened = r.reopened_until ? Param(*r.reopened_until) : Param();
  return Exec(s_,
              fmt::format("UPDATE annual_returns SET status = :p0, pending_level = :p1, "
                          "pending_prefix = :p2, review_path = :p3, reopened_until = :p4, "
                          "updated_at = :p5, submitted_at = :p6, accepted_at = :p7, version = "
                          "version + 1 WHERE id = {} AND version = {}",
                          r.id, expected_version),
              {r.status, r.pending_level, r.pending_prefix, ret::EncodePath(r.review_path),
               reopened, r.updated_at, r.submitted_at, r.accepted_at}) == 1;
}

void SqlReturnRepo::SetValue(std::int64_t return_id, std::int64_t row_id, const std::string& code,
                             const std::optional<std::string>& value) {
  if (!value) {
    Exec(s_,
         fmt::format("DELETE FROM return_values WHERE return_id = {} AND row_id = {} AND code = "
                     ":p0",
                     return_id, row_id),
         {code});
    return;
  }
  Exec(s_,
       fmt::format("INSERT INTO return_values(return_id, row_id, code, value) VALUES ({}, {}, "
                   ":p0, :p1) ON CONFLICT (return_id, row_id, code) DO UPDATE SET value = "
                   "excluded.value",
                   return_id, row_id),
       {code, *value});
}

void SqlReturnRepo::RemoveRow(std::int64_t return_id, std::int64_t row_id) {
  Exec(s_,
       fmt::format("DELETE FROM return_values WHERE return_id = {} AND row_id = {}", return_id,
                   row_id),
       {});
}

void SqlReturnRepo::SetExplanation(std::int64_t return_id, const std::string& key,
                                   const std::optional<std::string>& text) {
  if (!text) {
    Exec(s_,
         fmt::format("DELETE FROM return_explanations WHERE return_id = {} AND warning_key = :p0",
                     return_id),
         {key});
    return;
  }
  Exec(s_,
       fmt::format("INSERT INTO return_explanations(return_id, warning_key, explanation) VALUES "
                   "({}, :p0, :p1) ON CONFLICT (return_id, warning_key) DO UPDATE SET "
                   "explanation = excluded.explanation",
                   return_id),
       {key, *text});
}

void SqlReturnRepo::AppendChange(const ret::ValueChange& c) {
  auto opt = [](const std::optional<std::string>& v) { return v ? Param(*v) : Param(); };
  Exec(s_,
       fmt::format("INSERT INTO return_values_history(return_id, row_id, code, old_value, "
                   "new_value, actor_id, actor_login, at, request_id, source) VALUES ({}, {}, :p0, "
                   ":p1, :p2, {}, :p3, :p4, :p5, :p6)",
                   c.return_id, c.row_id, c.actor_id),
       {c.code, opt(c.old_value), opt(c.new_value), c.actor_login, c.at, c.request_id, c.source});
}

std::vector<ret::ValueChange> SqlReturnRepo::Changes(std::int64_t return_id,
                                                     const std::string& code) {
  std::vector<ret::ValueChange> out;
  Where w;
  w.Add(fmt::format("return_id = {}", return_id));
  if (!code.empty()) w.Add("code = ?", {code});
  ForEachRow(s_,
             "SELECT return_id, row_id, code, old_value, new_value, actor_id, actor_login, at, "
             "request_id, source FROM return_values_history" +
                 w.Sql() + " ORDER BY id",
             w, [&](const soci::row& row) {
               ret::ValueChange c;
               c.return_id = GetInt(row, "return_id");
               c.row_id = GetInt(row, "row_id");
               c.code = GetStr(row, "code");
               c.old_value = GetOptStr(row, "old_value");
               c.new_value = GetOptStr(row, "new_value");
               c.actor_id = GetInt(row, "actor_id");
               c.actor_login = GetStr(row, "actor_login");
               c.at = GetStr(row, "at");
               c.request_id = GetStr(row, "request_id");
               c.source = GetStr(row, "source");
               out.push_back(std::move(c));
             });
  return out;
}

void SqlReturnRepo::AppendReview(ret::ReviewEvent& e) {
  e.id = InsertReturningId(
      s_,
      fmt::format("INSERT INTO return_reviews(return_id, decision, level, region_prefix, reason, "
                  "actor_id, actor_login, at) VALUES ({}, :p0, :p1, :p2, :p3, {}, :p4, :p5)",
                  e.return_id, e.actor_id),
      {e.decision, e.level, e.region_prefix, e.reason, e.actor_login, e.at});
}

std::vector<ret::ReviewEvent> SqlReturnRepo::Reviews(std::int64_t return_id) {
  std::vector<ret::ReviewEvent> out;
  Where w;
  w.Add(fmt::format("return_id = {}", return_id));
  ForEachRow(s_,
             "SELECT id, return_id, decision, level, region_prefix, reason, actor_id, "
             "actor_login, at FROM return_reviews" +
                 w.Sql() + " ORDER BY id",
             w, [&](const soci::row& row) {
               ret::ReviewEvent e;
               e.id = GetInt(row, "id");
               e.return_id = GetInt(row, "return_id");
               e.decision = GetStr(row, "decision");
               e.level = GetStr(row, "level");
               e.region_prefix = GetStr(row, "region_prefix");
               e.reason = GetStr(row, "reason");
               e.actor_id = GetInt(row, "actor_id");
               e.actor_login = GetStr(row, "actor_login");
               e.at = GetStr(row, "at");
               out.push_back(std::move(e));
             });
  return out;
}

app::returns::ReturnFacts SqlReturnRepo::Facts(std::int64_t carrier_id, int year) {
  app::returns::ReturnFacts f;
  std::string end = YearEnd(year);
  Where none;
  ForEachRow(s_,
             "SELECT e.is_team AS is_team, COUNT(*) AS n, CAST(SUM(e.employees) AS BIGINT) AS "
             "people, CAST(SUM(CASE WHEN " +
                 Holds("high_tech", end) +
                 " THEN 1 ELSE 0 END) AS BIGINT) AS high_tech FROM incubations i JOIN "
                 "enterprises e ON e.id = i.enterprise_id WHERE " +
                 OpenAtYearEnd(carrier_id, end) + " GROUP BY e.is_team",
             none, [&](const soci::row& row) {
               if (GetInt(row, "is_team") != 0) {
                 f.teams = GetInt(row, "n");
                 f.team_members = GetInt(row, "people");
               } else {
                 f.incubatees = GetInt(row, "n");
                 f.incubatee_employees = GetInt(row, "people");
                 f.high_tech = GetInt(row, "high_tech");
               }
             });
  f.graduated_in_year = QueryCount(
      s_,
      fmt::format("SELECT COUNT(*) FROM incubations i WHERE i.carrier_id = {} AND i.end_reason = "
                  "'graduated' AND i.ended_on >= '{}' AND i.ended_on <= '{}'",
                  carrier_id, YearStart(year), end),
      none);
  return f;
}

std::vector<app::returns::IncubateeFacts> SqlReturnRepo::Incubatees(std::int64_t carrier_id,
                                                                    int year) {
  std::vector<app::returns::IncubateeFacts> out;
  std::string end = YearEnd(year);
  Where none;
  // Registered firms (not teams) incubating at year end or graduated during the year; a firm
  // that came back after graduating shows once, with its latest stay.
  ForEachRow(s_,
             fmt::format(
                 "SELECT e.id AS id, e.name AS name, e.uscc AS uscc, e.founded_on AS founded_on, "
                 "e.industry AS industry, e.domains AS domains, e.employees AS employees, "
                 "i.started_on AS started_on, i.ended_on AS ended_on, i.end_reason AS end_reason, "
                 "i.space_m2 AS space_m2, CASE WHEN {2} THEN 1 ELSE 0 END AS high_tech, "
                 "CASE WHEN {3} THEN 1 ELSE 0 END AS tech_sme "
                 "FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id "
                 "WHERE i.carrier_id = {0} AND e.is_team = 0 AND i.started_on IS NOT NULL AND "
                 "i.started_on <= '{1}' AND ((i.ended_on IS NULL OR i.ended_on > '{1}') OR "
                 "(i.end_reason = 'graduated' AND i.ended_on >= '{4}' AND i.ended_on <= '{1}')) "
                 "ORDER BY e.id, i.started_on",
                 carrier_id, end, Holds("high_tech", end), Holds("tech_sme", end), YearStart(year)),
             none, [&](const soci::row& row) {
               app::returns::IncubateeFacts f;
               f.enterprise_id = GetInt(row, "id");
               f.name = GetStr(row, "name");
               f.uscc = GetStr(row, "uscc");
               f.founded_on = GetStr(row, "founded_on");
               f.entered_on = GetStr(row, "started_on");
               f.industry = GetStr(row, "industry");
               // ",a,b," → "a、b"
               std::string joined;
               std::size_t pos = 0;
               std::string raw = GetStr(row, "domains");
               while (pos < raw.size()) {
                 auto next = raw.find(',', pos);
                 if (next == std::string::npos) next = raw.size();
                 if (next > pos)
                   joined += (joined.empty() ? "" : "、") + raw.substr(pos, next - pos);
                 pos = next + 1;
               }
               f.domains = joined;
               f.employees = GetInt(row, "employees");
               f.space_m2 = GetDouble(row, "space_m2");
               f.high_tech = GetInt(row, "high_tech") > 0;
               f.tech_sme = GetInt(row, "tech_sme") > 0;
               auto ended = GetOptStr(row, "ended_on");
               if (GetStr(row, "end_reason") == "graduated" && ended && *ended <= YearEnd(year)) {
                 f.graduated = true;
                 f.graduated_on = *ended;
               }
               if (!out.empty() && out.back().enterprise_id == f.enterprise_id)
                 out.back() = std::move(f);
               else
                 out.push_back(std::move(f));
             });
  return out;
}

std::set<std::int64_t> SqlReturnRepo::IncubateesInYear(
    std::int64_t carrier_id, int year, const std::vector<std::int64_t>& enterprise_ids) {
  std::set<std::int64_t> out;
  Chunks(enterprise_ids, [&](const std::vector<std::int64_t>& part) {
    Where w;
    w.Add(fmt::format("carrier_id = {}", carrier_id));
    w.Add("enterprise_id IN (" + JoinIds(part) + ")");
    w.Add(fmt::format("COALESCE(admitted_on, started_on) <= '{}'", YearEnd(year)));
    w.Add(fmt::format("(ended_on IS NULL OR ended_on >= '{}')", YearStart(year)));
    ForEachRow(s_, "SELECT DISTINCT enterprise_id FROM incubations" + w.Sql(), w,
               [&](const soci::row& r) { out.insert(GetInt(r, "enterprise_id")); });
  });
  return out;
}

std::optional<ret::Deadline> SqlReturnRepo::FindDeadline(int year, const std::string& kind) {
  std::optional<ret::Deadline> out;
  Where w;
  w.Add(fmt::format("year = {}", year));
  w.Add("kind = ?", {kind});
  ForEachRow(s_, "SELECT year, kind, opens_on, closes_on FROM return_deadlines" + w.Sql(), w,
             [&](const soci::row& row) {
               out = ret::Deadline{static_cast<int>(GetInt(row, "year")), GetStr(row, "kind"),
                                   GetStr(row, "opens_on"), GetStr(row, "closes_on")};
             });
  return out;
}

std::vector<ret::Deadline> SqlReturnRepo::Deadlines(std::optional<int> year) {
  std::vector<ret::Deadline> out;
  Where w;
  if (year) w.Add(fmt::format("year = {}", *year));
  ForEachRow(s_,
             "SELECT year, kind, opens_on, closes_on FROM return_deadlines" + w.Sql() +
                 " ORDER BY year DESC, " + SortCol(d_, "kind"),
             w, [&](const soci::row& row) {
               out.push_back({static_cast<int>(GetInt(row, "year")), GetStr(row, "kind"),
                              GetStr(row, "opens_on"), GetStr(row, "closes_on")});
             });
  return out;
}

void SqlReturnRepo::UpsertDeadline(const ret::Deadline& d) {
  Exec(s_,
       fmt::format("INSERT INTO return_deadlines(year, kind, opens_on, closes_on) VALUES ({}, "
                   ":p0, :p1, :p2) ON CONFLICT (year, kind) DO UPDATE SET opens_on = "
                   "excluded.opens_on, closes_on = excluded.closes_on",
                   d.year),
       {d.kind, d.opens_on, d.closes_on});
}

}  // namespace incunet::storage
