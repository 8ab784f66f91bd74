#include "storage/registry/registry_repos.hpp"

#include <fmt/format.h>

#include <map>
#include <random>

#include "core/text.hpp"
#include "storage/bulk_writer.hpp"
#include "storage/registry/rows.hpp"
#include "storage/registry/scope_sql.hpp"

namespace incunet::storage {

namespace reg = domain::registry;
using app::Page;
using app::PageRequest;
using domain::registry::Id;

namespace {

// Adds the keyset condition for `sort_col` (then id) and returns the ORDER BY clause.
// Returns false when the cursor cannot be decoded.
bool Keyset(Where& w, Dialect d, const std::string& sort_col, const std::string& id_col, bool desc,
            const std::string& cursor, std::string* order_by) {
  std::string col = SortCol(d, sort_col);
  const char* cmp = desc ? "<" : ">";
  if (!cursor.empty()) {
    std::string key;
    std::int64_t id = 0;
    if (!DecodeCursor(cursor, &key, &id)) return false;
    w.Add(fmt::format("{0} {1} ? OR ({0} = ? AND {2} {1} {3})", col, cmp, id_col, id), {key, key});
  }
  *order_by = fmt::format(" ORDER BY {0} {1}, {2} {1}", col, desc ? "DESC" : "ASC", id_col);
  return true;
}

template <typename T, typename KeyFn>
void FinishPage(Page<T>& page, int limit, KeyFn key_of) {
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    const T& last = page.items.back();
    page.next_cursor = EncodeCursor(key_of(last), last.id);
  }
}

void AddTextFilter(Where& w, Dialect d, const std::string& q, const std::string& alias,
                   const std::string& fts_table, std::initializer_list<const char*> cols) {
  if (q.empty()) return;
  if (d == Dialect::kSqlite && Utf8Length(q) >= 3) {
    std::string phrase = "\"";
    for (char c : q) phrase += (c == '"') ? std::string("\"\"") : std::string(1, c);
    phrase += "\"";
    w.Add(alias + ".id IN (SELECT rowid FROM " + fts_table + " WHERE " + fts_table + " MATCH ?)",
          {phrase});
    return;
  }
  std::string expr;
  std::vector<std::string> params;
  for (const char* c : cols) {
    if (!expr.empty()) expr += " OR ";
    if (d == Dialect::kSqlite) {
      // instr(), not LIKE: SQLite 3.40 returns no rows for LIKE '%海淀%' on a trigram-indexed
      // column (tests/regression in storage tests).
      expr += "instr(" + alias + "." + c + ", ?) > 0";
      params.push_back(q);
    } else {
      expr += alias + "." + c + " LIKE ? ESCAPE '\\'";
      params.push_back("%" + LikeEscape(q) + "%");
    }
  }
  w.Add(expr, params);
}

std::string RandomSuffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

}  // namespace

std::string JoinDomains(const std::vector<std::string>& ds) {
  if (ds.empty()) return "";
  std::string s = ",";
  for (const auto& d : ds) s += d + ",";
  return s;
}

std::vector<std::string> SplitDomains(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// ---------------- regions ----------------

namespace {
const char* kRegionCols =
    "r.code, r.parent_code, r.level, r.name, r.name_en, r.flags, r.name_sort, "
    "EXISTS (SELECT 1 FROM regions k WHERE k.parent_code = r.code) AS has_children";

reg::Region RegionFromRow(const soci::row& r) {
  reg::Region g;
  g.code = GetStr(r, "code");
  g.parent_code = GetStr(r, "parent_code");
  g.level = GetStr(r, "level");
  g.name = GetStr(r, "name");
  g.name_en = GetStr(r, "name_en");
  g.flags = GetStr(r, "flags");
  g.has_children = GetInt(r, "has_children") != 0;
  return g;
}
}  // namespace

std::optional<reg::Region> SqlRegionRepo::Find(const std::string& code) {
  std::optional<reg::Region> out;
  Where w;
  w.Add("r.code = ?", {code});
  ForEachRow(s_, std::string("SELECT ") + kRegionCols + " FROM regions r" + w.Sql(), w,
             [&](const soci::row& r) { out = RegionFromRow(r); });
  return out;
}

Page<reg::Region> SqlRegionRepo::List(const app::registry::RegionQuery& q, const PageRequest& p) {
  Page<reg::Region> page;
  Where w;
  if (q.parent) w.Add("r.parent_code = ?", {*q.parent});
  if (q.level) w.Add("r.level = ?", {*q.level});
  if (!q.parent && !q.level && q.q.empty()) w.Add("r.level = 'province'");
  if (!q.q.empty()) {
    if (d_ == Dialect::kSqlite)
      w.Add("instr(r.name, ?) > 0 OR r.code = ?", {q.q, q.q});
    else
      w.Add("r.name LIKE ? ESCAPE '\\' OR r.code = ?", {"%" + LikeEscape(q.q) + "%", q.q});
  }
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM regions r" + w.Sql(), w);
  // Regions page by code, which is also their natural order within a parent.
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(SortCol(d_, "r.code") + " > ?", {key});
  }
  ForEachRow(s_,
             std::string("SELECT ") + kRegionCols + " FROM regions r" + w.Sql() + " ORDER BY " +
                 SortCol(d_, "r.code") + fmt::format(" LIMIT {}", p.limit + 1),
             w, [&](const soci::row& r) { page.items.push_back(RegionFromRow(r)); });
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor(page.items.back().code, 0);
  }
  return page;
}

std::vector<reg::Region> SqlRegionRepo::Ancestors(const std::string& code) {
  std::vector<reg::Region> out;
  auto cur = Find(code);
  while (cur && !cur->parent_code.empty() && out.size() < 6) {
    cur = Find(cur->parent_code);
    if (cur) out.insert(out.begin(), *cur);
  }
  return out;
}

std::int64_t SqlRegionRepo::Count() {
  return QueryCount(s_, "SELECT COUNT(*) FROM regions", Where());
}

void SqlRegionRepo::Upsert(const std::vector<reg::Region>& rows) {
  const std::string sql =
      "INSERT INTO regions(code, parent_code, level, name, name_en, flags, name_sort) VALUES "
      "(:p0, :p1, :p2, :p3, :p4, :p5, :p6) ON CONFLICT (code) DO UPDATE SET parent_code = "
      "excluded.parent_code, level = excluded.level, name = excluded.name, name_en = "
      "excluded.name_en, flags = excluded.flags, name_sort = excluded.name_sort";
  for (const auto& r : rows) {
    Param parent = r.parent_code.empty() ? Param() : Param(r.parent_code);
    Exec(s_, sql, {r.code, parent, r.level, r.name, r.name_en, r.flags, core::SortKey(r.name)});
  }
}

// ---------------- carriers ----------------

namespace {
const char* kCarrierSelect =
    "SELECT c.id, c.code, c.kind, c.name, c.name_sort, c.operator_uscc, c.region_code, "
    "c.zone_code, c.address, c.founded_on, c.closed_on, c.specialization, c.industry, "
    "c.area_total_m2, c.area_self_controlled_m2, c.area_incubatee_m2, c.area_public_service_m2, "
    "c.tier, c.version, c.created_at, c.updated_at, g.name AS region_name FROM carriers c "
    "LEFT JOIN regions g ON g.code = c.region_code";

reg::Carrier CarrierFromRow(const soci::row& r) {
  reg::Carrier c = CarrierCoreFromRow(r);
  c.created_at = GetStr(r, "created_at");
  c.updated_at = GetStr(r, "updated_at");
  c.region_name = GetStr(r, "region_name");
  return c;
}
}  // namespace

std::vector<reg::Carrier> SqlCarrierRepo::Select(const std::string& tail, const Where& w) {
  std::vector<reg::Carrier> out;
  ForEachRow(s_, std::string(kCarrierSelect) + w.Sql() + tail, w,
             [&](const soci::row& r) { out.push_back(CarrierFromRow(r)); });
  LoadChildren(out);
  return out;
}

void SqlCarrierRepo::LoadChildren(std::vector<reg::Carrier>& cs) {
  if (cs.empty()) return;
  std::map<Id, reg::Carrier*> by_id;
  std::vector<Id> ids;
  for (auto& c : cs) {
    by_id[c.id] = &c;
    ids.push_back(c.id);
  }
  std::string in = "(" + JoinIds(ids) + ")";
  // One statement for the three child tables (a page is one round trip, not three): `part`
  // tells the rows apart, and the ORDER BY keeps each part in its own documented order.
  Where none;
  ForEachRow(
      s_,
      "SELECT 0 AS part, carrier_id, id, authority, level, valid_from, valid_to, document_no, "
      "NULL AS country_code, NULL AS city FROM recognitions WHERE carrier_id IN " +
          in +
          " UNION ALL SELECT 1, carrier_id, id, NULL, NULL, NULL, NULL, NULL, country_code, city "
          "FROM overseas_sites WHERE carrier_id IN " +
          in +
          " UNION ALL SELECT 2, carrier_id, cluster_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
          "FROM cluster_members WHERE carrier_id IN " +
          in + " ORDER BY 1, 6, 3",
      none, [&](const soci::row& r) {
        reg::Carrier& c = *by_id[GetInt(r, "carrier_id")];
        switch (GetInt(r, "part")) {
          case 0: {
            reg::Recognition rec;
            rec.id = GetInt(r, "id");
            rec.carrier_id = c.id;
            rec.authority = GetStr(r, "authority");
            rec.level = GetStr(r, "level");
            rec.valid_from = GetStr(r, "valid_from");
            rec.valid_to = GetOptStr(r, "valid_to");
            rec.document_no = GetStr(r, "document_no");
            c.recognitions.push_back(std::move(rec));
            break;
          }
          case 1:
            c.overseas_sites.push_back({GetStr(r, "country_code"), GetStr(r, "city")});
            break;
          default:
            c.cluster_ids.push_back(GetInt(r, "id"));
        }
      });
}

std::optional<reg::Carrier> SqlCarrierRepo::Find(const app::Scope& sc, Id id) {
  Where w;
  AddCarrierScope(w, sc, "c");
  w.Add(fmt::format("c.id = {}", id));
  auto v = Select("", w);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Id> SqlCarrierRepo::Managed(const app::Scope& sc, const std::vector<Id>& ids) {
  std::vector<Id> out;
  if (ids.empty()) return out;
  Where w;
  AddManagedCarrierScope(w, sc, "c");
  w.Add("c.id IN (" + JoinIds(ids) + ")");
  ForEachRow(s_, "SELECT c.id AS id FROM carriers c" + w.Sql() + " ORDER BY c.id", w,
             [&](const soci::row& r) { out.push_back(GetInt(r, "id")); });
  return out;
}

std::optional<reg::Carrier> SqlCarrierRepo::FindByCode(const app::Scope& sc,
                                                       const std::string& code) {
  Where w;
  AddCarrierScope(w, sc, "c");
  w.Add("c.code = ?", {code});
  auto v = Select("", w);
  if (v.empty()) return std::nullopt;
  return v.front();
}

Page<reg::Carrier> SqlCarrierRepo::List(const app::Scope& sc, const app::registry::CarrierQuery& q,
                                        const PageRequest& p) {
  Page<reg::Carrier> page;
  Where w;
  AddCarrierScope(w, sc, "c");
  if (!q.region.empty()) {
    std::string like = LikeEscape(q.region) + "%";
    w.Add("c.region_code LIKE ? ESCAPE '\\' OR c.zone_code LIKE ? ESCAPE '\\'", {like, like});
  }
  if (!q.kind.empty()) w.Add("c.kind = ?", {q.kind});
  if (!q.tier.empty()) w.Add("c.tier = ?", {q.tier});
  AddTextFilter(w, d_, q.q, "c", "carriers_fts", {"name", "address"});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM carriers c" + w.Sql(), w);
  bool desc = q.sort.starts_with("-");
  bool by_date = q.sort == "founded_on" || q.sort == "-founded_on";
  std::string order;
  if (!Keyset(w, d_, by_date ? "c.founded_on" : "c.name_sort", "c.id", desc, p.cursor, &order))
    return page;
  page.items = Select(order + fmt::format(" LIMIT {}", p.limit + 1), w);
  FinishPage(page, p.limit,
             [&](const reg::Carrier& c) { return by_date ? c.founded_on : core::SortKey(c.name); });
  return page;
}

Id SqlCarrierRepo::Insert(reg::Carrier& c) {
  bool assign_code = c.code.empty();
  if (assign_code) c.code = "tmp-" + RandomSuffix();
  c.tier = "none";  // RefreshTier sets it from the recognitions
  c.version = 1;
  ParamRow row;
  PutCarrier(row, c);
  c.id = InsertReturningId(s_, row.InsertSql("carriers", kCarrierColumns), row.params());
  if (assign_code) {
    // Platform codes: the county code and a serial, stable and readable ("440305-000123").
    c.code = fmt::format("{}-{:06d}", c.region_code, c.id);
    Exec(s_, fmt::format("UPDATE carriers SET code = :p0 WHERE id = {}", c.id), {c.code});
  }
  for (auto& r : c.recognitions) {
    r.carrier_id = c.id;
    AddRecognition(r);
  }
  WriteSites(c);
  return c.id;
}

void SqlCarrierRepo::WriteSites(const reg::Carrier& c) {
  Exec(s_, fmt::format("DELETE FROM overseas_sites WHERE carrier_id = {}", c.id), {});
  for (const auto& o : c.overseas_sites) {
    ParamRow row;
    PutOverseasSite(row, c.id, o);
    Exec(s_, row.InsertSql("overseas_sites", kOverseasSiteColumns), row.params());
  }
}

bool SqlCarrierRepo::Update(const reg::Carrier& c, std::int64_t expected_version) {
  long long n = Exec(
      s_,
      fmt::format("UPDATE carriers SET code = :p0, kind = :p1, name = :p2, name_sort = :p3, "
                  "operator_uscc = :p4, region_code = :p5, zone_code = :p6, address = :p7, "
                  "founded_on = :p8, closed_on = :p9, specialization = :p10, industry = :p11, "
                  "area_total_m2 = :p12, area_self_controlled_m2 = :p13, area_incubatee_m2 = :p14, "
                  "area_public_service_m2 = :p15, updated_at = :p16, version = version + 1 "
                  "WHERE id = {} AND version = {}",
                  c.id, expected_version),
      {c.code, c.kind, c.name, core::SortKey(c.name), c.operator_uscc, c.region_code, c.zone_code,
       c.address, c.founded_on, c.closed_on, c.specialization, c.industry, Num(c.area_total_m2),
       Num(c.area_self_controlled_m2), Num(c.area_incubatee_m2), Num(c.area_public_service_m2),
       c.updated_at});
  if (n != 1) return false;
  WriteSites(c);
  return true;
}

Id SqlCarrierRepo::AddRecognition(reg::Recognition& r) {
  ParamRow row;
  PutRecognition(row, r);
  r.id = InsertReturningId(s_, row.InsertSql("recognitions", kRecognitionColumns), row.params());
  return r.id;
}

void SqlCarrierRepo::RefreshTier(Id carrier_id, const std::string& today) {
  // Same precedence as domain::registry::CurrentTier, evaluated in SQL so bulk loads can reuse it.
  Exec(s_,
       fmt::format(
           "UPDATE carriers SET tier = COALESCE((SELECT level FROM recognitions r WHERE "
           "r.carrier_id = carriers.id AND r.valid_from <= :p0 AND (r.valid_to IS NULL OR "
           "r.valid_to >= :p1) AND r.level IN ('provincial','national','standard','excellence') "
           "ORDER BY CASE r.level WHEN 'excellence' THEN 4 WHEN 'standard' THEN 3 WHEN "
           "'national' THEN 2 ELSE 1 END DESC LIMIT 1), 'none') WHERE id = {}",
           carrier_id),
       {today, today});
}

// ---------------- clusters ----------------

std::optional<reg::Cluster> SqlClusterRepo::Find(Id id) {
  std::optional<reg::Cluster> out;
  Where w;
  w.Add(fmt::format("id = {}", id));
  ForEachRow(s_, "SELECT id, name, region_code, description FROM clusters" + w.Sql(), w,
             [&](const soci::row& r) {
               out = reg::Cluster{GetInt(r, "id"),
                                  GetStr(r, "name"),
                                  GetStr(r, "region_code"),
                                  GetStr(r, "description"),
                                  {}};
             });
  if (out)
    ForEachRow(s_,
               fmt::format("SELECT carrier_id FROM cluster_members WHERE cluster_id = {} ORDER "
                           "BY carrier_id",
                           id),
               Where(),
               [&](const soci::row& r) { out->carrier_ids.push_back(GetInt(r, "carrier_id")); });
  return out;
}

Page<reg::Cluster> SqlClusterRepo::List(const std::string& region, const PageRequest& p) {
  Page<reg::Cluster> page;
  Where w;
  if (!region.empty()) w.Add("region_code LIKE ? ESCAPE '\\'", {LikeEscape(region) + "%"});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM clusters" + w.Sql(), w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("id > {}", id));
  }
  std::vector<Id> ids;
  ForEachRow(
      s_, "SELECT id FROM clusters" + w.Sql() + fmt::format(" ORDER BY id LIMIT {}", p.limit + 1),
      w, [&](const soci::row& r) { ids.push_back(GetInt(r, "id")); });
  for (Id id : ids)
    if (auto c = Find(id)) page.items.push_back(*c);
  FinishPage(page, p.limit, [](const reg::Cluster&) { return std::string(); });
  return page;
}

Id SqlClusterRepo::Insert(reg::Cluster& c) {
  c.id = InsertReturningId(
      s_, "INSERT INTO clusters(name, region_code, description) VALUES (:p0, :p1, :p2)",
      {c.name, c.region_code, c.description});
  for (Id cid : c.carrier_ids)
    Exec(s_,
         fmt::format("INSERT INTO cluster_members(cluster_id, carrier_id) VALUES ({}, {})", c.id,
                     cid),
         {});
  return c.id;
}

// ---------------- enterprises ----------------

namespace {
const char* kEnterpriseSelect =
    "SELECT e.id, e.name, e.uscc, e.is_team, e.founded_on, e.region_code, e.industry, "
    "e.domains, e.employees, e.version, e.created_at, e.updated_at FROM enterprises e";

reg::Enterprise EnterpriseFromRow(const soci::row& r) {
  reg::Enterprise e = EnterpriseCoreFromRow(r);
  e.created_at = GetStr(r, "created_at");
  e.updated_at = GetStr(r, "updated_at");
  return e;
}
}  // namespace

void SqlEnterpriseRepo::LoadChildren(std::vector<reg::Enterprise>& es) {
  if (es.empty()) return;
  std::map<Id, reg::Enterprise*> by_id;
  std::vector<Id> ids;
  for (auto& e : es) {
    by_id[e.id] = &e;
    ids.push_back(e.id);
  }
  std::string in = "(" + JoinIds(ids) + ")";
  ForEachRow(s_,
             "SELECT enterprise_id, kind, valid_from, valid_to FROM qualifications WHERE "
             "enterprise_id IN " +
                 in + " ORDER BY valid_from, id",
             Where(), [&](const soci::row& r) {
               by_id[GetInt(r, "enterprise_id")]->qualifications.push_back(
                   {GetStr(r, "kind"), GetStr(r, "valid_from"), GetOptStr(r, "valid_to")});
             });
  ForEachRow(s_,
             "SELECT enterprise_id, board, code, listed_on FROM listings WHERE enterprise_id IN " +
                 in + " ORDER BY listed_on, id",
             Where(), [&](const soci::row& r) {
               by_id[GetInt(r, "enterprise_id")]->listings.push_back(
                   {GetStr(r, "board"), GetStr(r, "code"), GetStr(r, "listed_on")});
             });
}

std::optional<reg::Enterprise> SqlEnterpriseRepo::Find(const app::Scope& sc, Id id) {
  Where w;
  AddEnterpriseScope(w, sc, "e");
  w.Add(fmt::format("e.id = {}", id));
  std::vector<reg::Enterprise> v;
  ForEachRow(s_, std::string(kEnterpriseSelect) + w.Sql(), w,
             [&](const soci::row& r) { v.push_back(EnterpriseFromRow(r)); });
  LoadChildren(v);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Id> SqlEnterpriseRepo::Managed(const app::Scope& sc, const std::vector<Id>& ids) {
  std::vector<Id> out;
  if (ids.empty()) return out;
  Where w;
  AddEnterpriseScope(w, sc.Managing(), "e");
  w.Add("e.id IN (" + JoinIds(ids) + ")");
  ForEachRow(s_, "SELECT e.id AS id FROM enterprises e" + w.Sql() + " ORDER BY e.id", w,
             [&](const soci::row& r) { out.push_back(GetInt(r, "id")); });
  return out;
}

std::optional<Id> SqlEnterpriseRepo::FindIdByUscc(const std::string& uscc) {
  std::optional<Id> out;
  Where w;
  w.Add("uscc = ?", {uscc});
  ForEachRow(s_, "SELECT id FROM enterprises" + w.Sql(), w,
             [&](const soci::row& r) { out = GetInt(r, "id"); });
  return out;
}

Page<reg::Enterprise> SqlEnterpriseRepo::List(const app::Scope& sc,
                                              const app::registry::EnterpriseQuery& q,
                                              const PageRequest& p) {
  Page<reg::Enterprise> page;
  Where w;
  AddEnterpriseScope(w, sc, "e");
  if (!q.region.empty()) w.Add("e.region_code LIKE ? ESCAPE '\\'", {LikeEscape(q.region) + "%"});
  if (!q.domain.empty()) {
    if (d_ == Dialect::kSqlite)
      w.Add("instr(e.domains, ?) > 0", {"," + q.domain + ","});
    else
      w.Add("e.domains LIKE ? ESCAPE '\\'", {"%," + LikeEscape(q.domain) + ",%"});
  }
  if (q.carrier_id)
    w.Add(fmt::format("e.id IN (SELECT enterprise_id FROM incubations WHERE carrier_id = {})",
                      *q.carrier_id));
  AddTextFilter(w, d_, q.q, "e", "enterprises_fts", {"name"});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM enterprises e" + w.Sql(), w);
  std::string order;
  if (!Keyset(w, d_, "e.name_sort", "e.id", false, p.cursor, &order)) return page;
  ForEachRow(
      s_, std::string(kEnterpriseSelect) + w.Sql() + order + fmt::format(" LIMIT {}", p.limit + 1),
      w, [&](const soci::row& r) { page.items.push_back(EnterpriseFromRow(r)); });
  FinishPage(page, p.limit, [](const reg::Enterprise& e) { return core::SortKey(e.name); });
  LoadChildren(page.items);
  return page;
}

void SqlEnterpriseRepo::WriteChildren(const reg::Enterprise& e) {
  Exec(s_, fmt::format("DELETE FROM qualifications WHERE enterprise_id = {}", e.id), {});
  Exec(s_, fmt::format("DELETE FROM listings WHERE enterprise_id = {}", e.id), {});
  for (const auto& q : e.qualifications) {
    ParamRow row;
    PutQualification(row, e.id, q);
    Exec(s_, row.InsertSql("qualifications", kQualificationColumns), row.params());
  }
  for (const auto& l : e.listings) {
    ParamRow row;
    PutListing(row, e.id, l);
    Exec(s_, row.InsertSql("listings", kListingColumns), row.params());
  }
}

Id SqlEnterpriseRepo::Insert(reg::Enterprise& e) {
  e.version = 1;
  ParamRow row;
  PutEnterprise(row, e);
  e.id = InsertReturningId(s_, row.InsertSql("enterprises", kEnterpriseColumns), row.params());
  WriteChildren(e);
  return e.id;
}

bool SqlEnterpriseRepo::Update(const reg::Enterprise& e, std::int64_t expected_version) {
  long long n = Exec(
      s_,
      fmt::format("UPDATE enterprises SET name = :p0, name_sort = :p1, uscc = :p2, is_team = "
                  ":p3, founded_on = :p4, region_code = :p5, industry = :p6, domains = :p7, "
                  "employees = :p8, updated_at = :p9, version = version + 1 WHERE id = {} AND "
                  "version = {}",
                  e.id, expected_version),
      {e.name, core::SortKey(e.name), e.uscc, e.is_team ? "1" : "0", e.founded_on, e.region_code,
       e.industry, JoinDomains(e.domains), std::to_string(e.employees), e.updated_at});
  if (n != 1) return false;
  WriteChildren(e);
  return true;
}

// ---------------- incubations ----------------

namespace {
const char* kIncubationSelect =
    "SELECT i.id, i.enterprise_id, i.carrier_id, i.state, i.applied_on, i.admitted_on, "
    "i.started_on, i.ended_on, i.end_reason, i.space_m2, i.transferred_from_id, i.version, "
    "e.name AS enterprise_name, c.name AS carrier_name FROM incubations i JOIN enterprises e ON "
    "e.id = i.enterprise_id JOIN carriers c ON c.id = i.carrier_id";

reg::Incubation IncubationFromRow(const soci::row& r) {
  reg::Incubation i;
  i.id = GetInt(r, "id");
  i.enterprise_id = GetInt(r, "enterprise_id");
  i.carrier_id = GetInt(r, "carrier_id");
  i.state = GetStr(r, "state");
  i.applied_on = GetStr(r, "applied_on");
  i.admitted_on = GetOptStr(r, "admitted_on");
  i.started_on = GetOptStr(r, "started_on");
  i.ended_on = GetOptStr(r, "ended_on");
  i.end_reason = GetOptStr(r, "end_reason");
  i.space_m2 = GetDouble(r, "space_m2");
  if (r.get_indicator("transferred_from_id") != soci::i_null)
    i.transferred_from_id = GetInt(r, "transferred_from_id");
  i.version = GetInt(r, "version");
  i.enterprise_name = GetStr(r, "enterprise_name");
  i.carrier_name = GetStr(r, "carrier_name");
  return i;
}
}  // namespace

std::optional<reg::Incubation> SqlIncubationRepo::Find(const app::Scope& sc, Id id) {
  std::optional<reg::Incubation> out;
  Where w;
  AddIncubationScope(w, sc, "i");
  w.Add(fmt::format("i.id = {}", id));
  ForEachRow(s_, std::string(kIncubationSelect) + w.Sql(), w,
             [&](const soci::row& r) { out = IncubationFromRow(r); });
  return out;
}

Page<reg::Incubation> SqlIncubationRepo::List(const app::Scope& sc,
                                              const app::registry::IncubationQuery& q,
                                              const PageRequest& p) {
  Page<reg::Incubation> page;
  Where w;
  AddIncubationScope(w, sc, "i");
  if (q.enterprise_id) w.Add(fmt::format("i.enterprise_id = {}", *q.enterprise_id));
  if (q.carrier_id) w.Add(fmt::format("i.carrier_id = {}", *q.carrier_id));
  if (!q.state.empty()) w.Add("i.state = ?", {q.state});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM incubations i" + w.Sql(), w);
  std::string order;
  if (!Keyset(w, d_, "i.applied_on", "i.id", false, p.cursor, &order)) return page;
  ForEachRow(
      s_, std::string(kIncubationSelect) + w.Sql() + order + fmt::format(" LIMIT {}", p.limit + 1),
      w, [&](const soci::row& r) { page.items.push_back(IncubationFromRow(r)); });
  FinishPage(page, p.limit, [](const reg::Incubation& i) { return i.applied_on; });
  return page;
}

std::optional<reg::Incubation> SqlIncubationRepo::FindActive(Id enterprise_id) {
  std::optional<reg::Incubation> out;
  Where w;
  w.Add(fmt::format("i.enterprise_id = {} AND i.state IN ('applied','admitted','incubating')",
                    enterprise_id));
  ForEachRow(s_, std::string(kIncubationSelect) + w.Sql(), w,
             [&](const soci::row& r) { out = IncubationFromRow(r); });
  return out;
}

Id SqlIncubationRepo::Insert(reg::Incubation& i) {
  i.version = 1;
  ParamRow row;
  PutIncubation(row, i);
  i.id = InsertReturningId(s_, row.InsertSql("incubations", kIncubationColumns), row.params());
  return i.id;
}

bool SqlIncubationRepo::Update(const reg::Incubation& i, std::int64_t expected_version) {
  return Exec(s_,
              fmt::format("UPDATE incubations SET state = :p0, admitted_on = :p1, started_on = "
                          ":p2, ended_on = :p3, end_reason = :p4, space_m2 = :p5, version = "
                          "version + 1 WHERE id = {} AND version = {}",
                          i.id, expected_version),
              {i.state, i.admitted_on, i.started_on, i.ended_on, i.end_reason, Num(i.space_m2)}) ==
         1;
}

}  // namespace incunet::storage
