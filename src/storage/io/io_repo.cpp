#include "storage/io/io_repo.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "core/text.hpp"
#include "storage/bulk_writer.hpp"
#include "storage/registry/registry_repos.hpp"
#include "storage/registry/rows.hpp"
#include "storage/registry/scope_sql.hpp"
#include "storage/sql_util.hpp"
#include "storage/sqlite_stmt.hpp"

namespace incunet::storage {

namespace reg = domain::registry;
using domain::registry::Id;

namespace {

constexpr std::size_t kInChunk = 500;
constexpr std::int64_t kAnalyzeAfterRows = 10000;

template <typename T, typename Fn>
void InChunks(const std::vector<T>& all, Fn fn) {
  for (std::size_t i = 0; i < all.size(); i += kInChunk)
    fn(std::vector<T>(all.begin() + i, all.begin() + std::min(all.size(), i + kInChunk)));
}

// A batch names the same carrier many times; each is asked for once.
std::vector<std::string> Distinct(const std::vector<std::string>& v) {
  std::set<std::string> seen(v.begin(), v.end());
  return {seen.begin(), seen.end()};
}

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

const char* kCarrierCols =
    "c.id, c.code, c.kind, c.name, c.operator_uscc, c.region_code, c.zone_code, c.address, "
    "c.founded_on, c.closed_on, c.specialization, c.industry, c.area_total_m2, "
    "c.area_self_controlled_m2, c.area_incubatee_m2, c.area_public_service_m2, c.tier, c.version";

const char* kEnterpriseCols =
    "e.id, e.name, e.uscc, e.is_team, e.founded_on, e.region_code, e.industry, e.domains, "
    "e.employees, e.version";

Param Opt(const std::optional<std::string>& v) { return v ? Param(*v) : Param(); }

}  // namespace

std::unordered_map<std::string, std::string> SqlIoRepo::RegionLevels() {
  std::unordered_map<std::string, std::string> out;
  ForEachRow(s_, "SELECT code, level FROM regions", Where(),
             [&](const soci::row& r) { out[GetStr(r, "code")] = GetStr(r, "level"); });
  return out;
}

// On SQLite every lookup is a point query on an index through a statement prepared once per
// transaction (an import job is one): cheaper than building and preparing IN lists per batch.
// PostgreSQL keeps the IN lists, one round trip per 500 keys.

// A batch names the same carrier or enterprise many times; each is looked up once.
template <typename Fn>
void ForEachDistinct(const std::vector<std::string>& keys, Fn fn) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(keys.size());
  for (const auto& k : keys)
    if (seen.insert(k).second) fn(k);
}

std::unordered_map<std::string, reg::Carrier> SqlIoRepo::CarriersByCode(
    const std::vector<std::string>& codes) {
  std::unordered_map<std::string, reg::Carrier> out;
  if (d_ == Dialect::kSqlite) {
    auto& q = sq_.Get(std::string("SELECT ") + kCarrierCols + " FROM carriers c WHERE c.code = ?1");
    auto& sites =
        sq_.Get("SELECT country_code, city FROM overseas_sites WHERE carrier_id = ?1 ORDER BY id");
    ForEachDistinct(codes, [&](const std::string& code) {
      q.Bind(1, code);
      while (q.Step()) {
        auto c = CarrierCoreFromRow(q);
        out[c.code] = std::move(c);
      }
    });
    for (auto& [code, c] : out) {
      sites.BindInt(1, c.id);
      while (sites.Step())
        c.overseas_sites.push_back({GetStr(sites, "country_code"), GetStr(sites, "city")});
    }
    return out;
  }
  std::vector<Id> ids;
  InChunks(Distinct(codes), [&](const std::vector<std::string>& part) {
    Where w;
    w.Add("c.code IN (" + Placeholders(part.size()) + ")", part);
    ForEachRow(s_, std::string("SELECT ") + kCarrierCols + " FROM carriers c" + w.Sql(), w,
               [&](const soci::row& r) {
                 auto c = CarrierCoreFromRow(r);
                 ids.push_back(c.id);
                 out[c.code] = std::move(c);
               });
  });
  if (ids.empty()) return out;
  std::unordered_map<Id, reg::Carrier*> by_id;
  for (auto& [code, c] : out) by_id[c.id] = &c;
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_,
               "SELECT carrier_id, country_code, city FROM overseas_sites WHERE carrier_id IN (" +
                   JoinIds(part) + ") ORDER BY id",
               Where(), [&](const soci::row& r) {
                 by_id[GetInt(r, "carrier_id")]->overseas_sites.push_back(
                     {GetStr(r, "country_code"), GetStr(r, "city")});
               });
  });
  return out;
}

std::unordered_map<std::string, reg::Enterprise> SqlIoRepo::EnterprisesByUscc(
    const std::vector<std::string>& usccs) {
  std::unordered_map<std::string, reg::Enterprise> out;
  if (d_ == Dialect::kSqlite) {
    auto& q =
        sq_.Get(std::string("SELECT ") + kEnterpriseCols + " FROM enterprises e WHERE e.uscc = ?1");
    ForEachDistinct(usccs, [&](const std::string& uscc) {
      q.Bind(1, uscc);
      while (q.Step()) out[uscc] = EnterpriseCoreFromRow(q);
    });
    return out;
  }
  InChunks(Distinct(usccs), [&](const std::vector<std::string>& part) {
    Where w;
    w.Add("e.uscc IN (" + Placeholders(part.size()) + ")", part);
    ForEachRow(s_, std::string("SELECT ") + kEnterpriseCols + " FROM enterprises e" + w.Sql(), w,
               [&](const soci::row& r) {
                 auto e = EnterpriseCoreFromRow(r);
                 out[*e.uscc] = std::move(e);
               });
  });
  return out;
}

std::map<app::io::TeamKey, reg::Enterprise> SqlIoRepo::TeamsByKey(
    const std::vector<app::io::TeamKey>& keys) {
  std::map<app::io::TeamKey, reg::Enterprise> out;
  std::set<app::io::TeamKey> wanted(keys.begin(), keys.end());
  if (wanted.empty()) return out;
  if (d_ == Dialect::kSqlite) {
    for (const auto& k : wanted) {
      const auto& teams = TeamsAt(k.first);
      if (auto it = teams.find(k.second); it != teams.end()) out[k] = it->second;
    }
    return out;
  }
  // 1. Teams an import registered: the key table (one indexed lookup per carrier code).
  // 2. Teams that only have a stay at the carrier (created through the API or the demo): asked
  //    only for the carriers whose keys step 1 did not find.
  std::map<Id, app::io::TeamKey> candidates;
  auto codes_of = [&](bool only_missing) {
    std::set<std::string> cs;
    for (const auto& k : wanted)
      if (!only_missing || !out.count(k)) cs.insert(k.first);
    return std::vector<std::string>(cs.begin(), cs.end());
  };
  auto fetch = [&] {
    std::vector<Id> ids;
    for (const auto& [id, k] : candidates) ids.push_back(id);
    InChunks(ids, [&](const std::vector<Id>& part) {
      ForEachRow(s_,
                 std::string("SELECT ") + kEnterpriseCols +
                     " FROM enterprises e WHERE e.is_team = 1 "
                     "AND e.id IN (" +
                     JoinIds(part) + ")",
                 Where(), [&](const soci::row& r) {
                   auto e = EnterpriseCoreFromRow(r);
                   app::io::TeamKey k{candidates[e.id].first, e.name};
                   if (wanted.count(k) && !out.count(k)) out[k] = std::move(e);
                 });
    });
    candidates.clear();
  };
  InChunks(codes_of(false), [&](const std::vector<std::string>& part) {
    Where w;
    w.Add("carrier_code IN (" + Placeholders(part.size()) + ")", part);
    ForEachRow(s_, "SELECT enterprise_id, carrier_code, name FROM enterprise_team_keys" + w.Sql(),
               w, [&](const soci::row& r) {
                 app::io::TeamKey k{GetStr(r, "carrier_code"), GetStr(r, "name")};
                 if (wanted.count(k)) candidates[GetInt(r, "enterprise_id")] = k;
               });
  });
  fetch();
  InChunks(codes_of(true), [&](const std::vector<std::string>& part) {
    Where w;
    w.Add("c.code IN (" + Placeholders(part.size()) + ")", part);
    ForEachRow(s_,
               "SELECT i.enterprise_id, c.code FROM carriers c JOIN incubations i ON i.carrier_id "
               "= c.id" +
                   w.Sql(),
               w, [&](const soci::row& r) {
                 candidates[GetInt(r, "enterprise_id")] = {GetStr(r, "code"), ""};
               });
  });
  fetch();
  return out;
}

const std::unordered_map<std::string, reg::Enterprise>& SqlIoRepo::TeamsAt(
    const std::string& carrier_code) {
  // The same two sources as TeamsByKey's IN-list path, by the team's current name: the
  // import's key table first, then the teams with a stay at the carrier. An import names one
  // carrier's teams row after row, so each carrier is read once; the cache lives as long as the
  // transaction (rows it writes later are new keys, which the file's own duplicate check
  // covers) and is dropped past 4,096 carriers (some 50,000 teams) to stay bounded.
  auto it = teams_.find(carrier_code);
  if (it != teams_.end()) return it->second;
  if (teams_.size() >= 4096) teams_.clear();
  auto& teams = teams_[carrier_code];
  auto& by_key =
      sq_.Get(std::string("SELECT ") + kEnterpriseCols +
              " FROM enterprise_team_keys k JOIN enterprises e ON e.id = "
              "k.enterprise_id WHERE k.carrier_code = ?1 AND e.is_team = 1 ORDER BY e.id");
  auto& by_stay = sq_.Get(std::string("SELECT ") + kEnterpriseCols +
                          " FROM carriers c JOIN incubations i ON i.carrier_id = c.id JOIN "
                          "enterprises e ON e.id = i.enterprise_id WHERE c.code = ?1 AND "
                          "e.is_team = 1 ORDER BY e.id");
  for (auto* q : {&by_key, &by_stay}) {
    q->Bind(1, carrier_code);
    while (q->Step()) {
      auto e = EnterpriseCoreFromRow(*q);
      teams.try_emplace(e.name, std::move(e));
    }
  }
  return teams;
}

namespace {
template <typename RowT>
reg::Incubation IncubationFrom(const RowT& r) {
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
  i.version = GetInt(r, "version");
  i.carrier_name = GetStr(r, "carrier_name");
  return i;
}

// The carrier's name (for messages) by a subquery per stay found: a join let PostgreSQL hash the
// whole carriers table for every batch.
const char* kStaySelect =
    "SELECT i.id, i.enterprise_id, i.carrier_id, i.state, i.applied_on, i.admitted_on, "
    "i.started_on, i.ended_on, i.end_reason, i.space_m2, i.version, (SELECT c.name FROM "
    "carriers c WHERE c.id = i.carrier_id) AS carrier_name FROM incubations i WHERE "
    "i.enterprise_id ";
}  // namespace

std::vector<reg::Incubation> SqlIoRepo::IncubationsOf(const std::vector<Id>& ids) {
  std::vector<reg::Incubation> out;
  if (d_ == Dialect::kSqlite) {
    auto& q = sq_.Get(std::string(kStaySelect) + "= ?1");
    for (Id id : ids) {
      q.BindInt(1, id);
      while (q.Step()) out.push_back(IncubationFrom(q));
    }
    return out;
  }
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_, std::string(kStaySelect) + "IN (" + JoinIds(part) + ")", Where(),
               [&](const soci::row& r) { out.push_back(IncubationFrom(r)); });
  });
  return out;
}

std::vector<std::pair<Id, reg::Qualification>> SqlIoRepo::QualificationsOf(
    const std::vector<Id>& ids) {
  std::vector<std::pair<Id, reg::Qualification>> out;
  if (d_ == Dialect::kSqlite) {
    auto& q =
        sq_.Get("SELECT kind, valid_from, valid_to FROM qualifications WHERE enterprise_id = ?1");
    for (Id id : ids) {
      q.BindInt(1, id);
      while (q.Step())
        out.push_back({id, {GetStr(q, "kind"), GetStr(q, "valid_from"), GetOptStr(q, "valid_to")}});
    }
    return out;
  }
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(
        s_,
        "SELECT enterprise_id, kind, valid_from, valid_to FROM qualifications WHERE "
        "enterprise_id IN (" +
            JoinIds(part) + ")",
        Where(), [&](const soci::row& r) {
          out.push_back({GetInt(r, "enterprise_id"),
                         {GetStr(r, "kind"), GetStr(r, "valid_from"), GetOptStr(r, "valid_to")}});
        });
  });
  return out;
}

std::vector<std::pair<Id, reg::Listing>> SqlIoRepo::ListingsOf(const std::vector<Id>& ids) {
  std::vector<std::pair<Id, reg::Listing>> out;
  if (d_ == Dialect::kSqlite) {
    auto& q = sq_.Get("SELECT board, code, listed_on FROM listings WHERE enterprise_id = ?1");
    for (Id id : ids) {
      q.BindInt(1, id);
      while (q.Step())
        out.push_back({id, {GetStr(q, "board"), GetStr(q, "code"), GetStr(q, "listed_on")}});
    }
    return out;
  }
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_,
               "SELECT enterprise_id, board, code, listed_on FROM listings WHERE enterprise_id "
               "IN (" +
                   JoinIds(part) + ")",
               Where(), [&](const soci::row& r) {
                 out.push_back({GetInt(r, "enterprise_id"),
                                {GetStr(r, "board"), GetStr(r, "code"), GetStr(r, "listed_on")}});
               });
  });
  return out;
}

std::vector<reg::Recognition> SqlIoRepo::RecognitionsOf(const std::vector<Id>& ids) {
  std::vector<reg::Recognition> out;
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_,
               "SELECT id, carrier_id, authority, level, valid_from, valid_to, document_no FROM "
               "recognitions WHERE carrier_id IN (" +
                   JoinIds(part) + ")",
               Where(), [&](const soci::row& r) {
                 reg::Recognition x;
                 x.id = GetInt(r, "id");
                 x.carrier_id = GetInt(r, "carrier_id");
                 x.authority = GetStr(r, "authority");
                 x.level = GetStr(r, "level");
                 x.valid_from = GetStr(r, "valid_from");
                 x.valid_to = GetOptStr(r, "valid_to");
                 x.document_no = GetStr(r, "document_no");
                 out.push_back(std::move(x));
               });
  });
  return out;
}

// ---------------- writes ----------------

void SqlIoRepo::BulkPragmas() {
  // A 64 MiB page cache for this connection keeps the indexes of a big load in memory (the
  // default 2 MiB thrashes); it stays bounded and outlives the job harmlessly.
  if (d_ != Dialect::kSqlite || bulk_pragmas_) return;
  bulk_pragmas_ = true;
  s_ << "PRAGMA cache_size = -65536";
}

namespace {
// The tables an import of `entity` writes that feed the statistics change log
// (migration 0008), with the log's kind and the column naming the changed carrier/enterprise.
struct StatsFeed {
  const char* table;
  const char* kind;
  const char* ref;
};
std::vector<StatsFeed> StatsFeedsOf(const std::string& entity) {
  if (entity == "carriers") return {{"carriers", "c", "id"}, {"overseas_sites", "c", "carrier_id"}};
  if (entity == "recognitions") return {{"recognitions", "c", "carrier_id"}};
  if (entity == "enterprises") return {{"enterprises", "e", "id"}};
  if (entity == "incubations") return {{"incubations", "e", "enterprise_id"}};
  if (entity == "qualifications") return {{"qualifications", "e", "enterprise_id"}};
  if (entity == "listings") return {{"listings", "e", "enterprise_id"}};
  return {};
}
}  // namespace

void SqlIoRepo::Touched(char kind, Id ref) {
  if (!stats_feeds_.empty()) stats_touched_.insert({kind, ref});
}

void SqlIoRepo::BeginBulk(const std::string& entity) {
  BulkPragmas();
  bulk_entity_ = entity;
  if (d_ != Dialect::kSqlite) return;
  // The statistics change log is fed by row triggers (one upsert per written row, as costly as
  // the row itself). For the job they are dropped and the log gets one set-based statement at
  // FinishBulk: the carriers/enterprises of the rows inserted since BeginBulk, plus the ones
  // Update* touched. Same transaction, so a rollback restores the triggers.
  for (const auto& f : StatsFeedsOf(entity))
    if (DeferTriggers(f.table, "stats\\_%"))
      stats_feeds_.push_back({f.table, f.kind, f.ref, MaxId(f.table)});
  // FTS5 flushes its pending terms into a new segment at the end of every statement that
  // touches it, so a trigger-fed index costs a segment write (and later merges) per inserted
  // row. Dropping the insert trigger for the job and indexing the new rows with one
  // INSERT … SELECT at the end builds the same index in one pass. Readers on other
  // connections keep seeing the committed schema (with its trigger) throughout.
  const char* cols = entity == "enterprises" ? "name" : entity == "carriers" ? "name, address" : "";
  if (!*cols || !DeferTriggers(entity, entity + "\\_fts\\_ai")) return;
  fts_after_ = MaxId(entity);
  fts_table_ = entity;
  fts_cols_ = cols;
}

bool SqlIoRepo::DeferTriggers(const std::string& table, const std::string& pattern) {
  Where w;
  w.Add("type = 'trigger' AND tbl_name = ? AND name LIKE ? ESCAPE '\\'", {table, pattern});
  std::vector<std::pair<std::string, std::string>> found;
  ForEachRow(s_, "SELECT name, sql FROM sqlite_master" + w.Sql(), w, [&](const soci::row& r) {
    found.push_back({GetStr(r, "name"), GetStr(r, "sql")});
  });
  for (auto& [name, sql] : found) {
    s_ << ("DROP TRIGGER " + name);
    deferred_triggers_.push_back(std::move(sql));
  }
  return !found.empty();
}

std::int64_t SqlIoRepo::MaxId(const std::string& table) {
  return QueryCount(s_, "SELECT COALESCE(MAX(id), 0) FROM " + table, Where());
}

void SqlIoRepo::FinishBulk(std::int64_t rows_written) {
  if (d_ == Dialect::kPostgres && rows_written >= kAnalyzeAfterRows) {
    // The next job looks rows up by natural key in what this one wrote: fresh statistics (taken
    // inside this transaction, so they see its rows) keep those lookups on the indexes instead
    // of waiting for autovacuum.
    static const std::map<std::string, std::vector<std::string>> kTables = {
        {"carriers", {"carriers", "overseas_sites"}},
        {"recognitions", {"recognitions"}},
        {"enterprises", {"enterprises", "enterprise_team_keys"}},
        {"incubations", {"incubations"}},
        {"qualifications", {"qualifications"}},
        {"listings", {"listings"}}};
    if (auto it = kTables.find(bulk_entity_); it != kTables.end())
      for (const auto& t : it->second) s_ << ("ANALYZE " + t);
  }
  for (const auto& sql : deferred_triggers_) s_ << sql;
  deferred_triggers_.clear();
  if (!stats_feeds_.empty()) {
    std::string news;
    for (const auto& f : stats_feeds_)
      news += fmt::format("{}SELECT '{}' AS kind, {} AS ref FROM {} WHERE id > {}",
                          news.empty() ? "" : " UNION ", f.kind, f.ref, f.table, f.after);
    // Numbered after the newest change, as the triggers would have done row by row.
    s_
        << ("INSERT INTO stats_changes(kind, ref, seq) SELECT kind, ref, (SELECT "
            "COALESCE(MAX(seq), "
            "0) FROM stats_changes) + ROW_NUMBER() OVER (ORDER BY kind, ref) FROM (" +
            news + ") WHERE true ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq");
    auto& up = sq_.Get(
        "INSERT INTO stats_changes(kind, ref, seq) VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + "
        "1 FROM stats_changes)) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq");
    for (const auto& [kind, ref] : stats_touched_)
      up.Bind(1, std::string(1, kind)).BindInt(2, ref).Run();
    stats_feeds_.clear();
    stats_touched_.clear();
  }
  if (fts_table_.empty()) return;
  s_ << fmt::format("INSERT INTO {0}_fts(rowid, {1}) SELECT id, {1} FROM {0} WHERE id > {2}",
                    fts_table_, fts_cols_, fts_after_);
  fts_table_.clear();
}

void SqlIoRepo::InsertCarriers(std::vector<reg::Carrier>& cs) {
  if (cs.empty()) return;
  BulkPragmas();
  auto ids = ReserveIds(s_, d_, "carriers", cs.size());
  BulkWriter w(s_, d_, "carriers", WithId(kCarrierColumns), kNoProgress);
  BulkWriter sites(s_, d_, "overseas_sites", kOverseasSiteColumns, kNoProgress);
  sites.After(&w);
  for (std::size_t k = 0; k < cs.size(); ++k) {
    auto& c = cs[k];
    c.id = ids[k];
    c.tier = "none";  // RefreshTiers sets it once the recognitions are in
    c.version = 1;
    w.Int(c.id);
    PutCarrier(w, c).End();
    for (const auto& o : c.overseas_sites) PutOverseasSite(sites, c.id, o).End();
  }
  w.Flush();
  sites.Flush();
}

void SqlIoRepo::UpdateCarrier(const reg::Carrier& c) {
  Touched('c', c.id);
  Exec(s_,
       fmt::format("UPDATE carriers SET code = :p0, kind = :p1, name = :p2, name_sort = :p3, "
                   "operator_uscc = :p4, region_code = :p5, zone_code = :p6, address = :p7, "
                   "founded_on = :p8, closed_on = :p9, specialization = :p10, industry = "
                   ":p11, area_total_m2 = :p12, area_self_controlled_m2 = :p13, "
                   "area_incubatee_m2 = :p14, area_public_service_m2 = :p15, updated_at = "
                   ":p16, version = version + 1 WHERE id = {}",
                   c.id),
       {c.code, c.kind, c.name, core::SortKey(c.name), c.operator_uscc, c.region_code, c.zone_code,
        c.address, c.founded_on, c.closed_on, c.specialization, c.industry, Num(c.area_total_m2),
        Num(c.area_self_controlled_m2), Num(c.area_incubatee_m2), Num(c.area_public_service_m2),
        c.updated_at});
  Exec(s_, fmt::format("DELETE FROM overseas_sites WHERE carrier_id = {}", c.id), {});
  for (const auto& o : c.overseas_sites) {
    ParamRow row;
    PutOverseasSite(row, c.id, o);
    Exec(s_, row.InsertSql("overseas_sites", kOverseasSiteColumns), row.params());
  }
}

void SqlIoRepo::InsertEnterprises(std::vector<reg::Enterprise>& es) {
  if (es.empty()) return;
  BulkPragmas();
  auto ids = ReserveIds(s_, d_, "enterprises", es.size());
  BulkWriter w(s_, d_, "enterprises", WithId(kEnterpriseColumns), kNoProgress);
  for (std::size_t k = 0; k < es.size(); ++k) {
    auto& e = es[k];
    e.id = ids[k];
    e.version = 1;
    w.Int(e.id);
    PutEnterprise(w, e).End();
  }
  w.Flush();
}

void SqlIoRepo::UpdateEnterprise(const reg::Enterprise& e) {
  Touched('e', e.id);
  Exec(s_,
       fmt::format("UPDATE enterprises SET name = :p0, name_sort = :p1, is_team = :p2, founded_on "
                   "= :p3, region_code = :p4, industry = :p5, domains = :p6, employees = :p7, "
                   "updated_at = :p8, version = version + 1 WHERE id = {}",
                   e.id),
       {e.name, core::SortKey(e.name), e.is_team ? "1" : "0", e.founded_on, e.region_code,
        e.industry, JoinDomains(e.domains), std::to_string(e.employees), e.updated_at});
}

void SqlIoRepo::PutTeamKeys(const std::vector<std::pair<Id, app::io::TeamKey>>& keys) {
  const char* upsert =
      " ON CONFLICT (enterprise_id) DO UPDATE SET carrier_code = excluded.carrier_code, name = "
      "excluded.name";
  if (d_ == Dialect::kSqlite) {
    auto& st = sq_.Get(
        std::string("INSERT INTO enterprise_team_keys(enterprise_id, carrier_code, name) VALUES "
                    "(?1, ?2, ?3)") +
        upsert);
    for (const auto& [id, key] : keys)
      st.BindInt(1, id).Bind(2, key.first).Bind(3, key.second).Run();
    return;
  }
  // Multi-row upserts: one statement (one round trip on PostgreSQL) per 300 keys, not per key.
  constexpr std::size_t kRowsPerStatement = 300;
  for (std::size_t i = 0; i < keys.size(); i += kRowsPerStatement) {
    std::size_t n = std::min(kRowsPerStatement, keys.size() - i);
    std::string sql = "INSERT INTO enterprise_team_keys(enterprise_id, carrier_code, name) VALUES ";
    std::vector<Param> params;
    params.reserve(2 * n);
    for (std::size_t k = 0; k < n; ++k) {
      const auto& [id, key] = keys[i + k];
      sql += fmt::format("{}({}, :p{}, :p{})", k ? ", " : "", id, 2 * k, 2 * k + 1);
      params.emplace_back(key.first);
      params.emplace_back(key.second);
    }
    Exec(s_, sql + upsert, params);
  }
}

void SqlIoRepo::InsertIncubations(std::vector<reg::Incubation>& is) {
  if (is.empty()) return;
  BulkPragmas();
  BulkWriter w(s_, d_, "incubations", kIncubationColumns, kNoProgress);
  for (auto& i : is) {
    i.version = 1;
    PutIncubation(w, i).End();
  }
  w.Flush();
}

void SqlIoRepo::UpdateIncubation(const reg::Incubation& i) {
  Touched('e', i.enterprise_id);
  Exec(s_,
       fmt::format("UPDATE incubations SET state = :p0, admitted_on = :p1, started_on = :p2, "
                   "ended_on = :p3, end_reason = :p4, space_m2 = :p5, version = version + 1 "
                   "WHERE id = {}",
                   i.id),
       {i.state, i.admitted_on, i.started_on, i.ended_on, i.end_reason, Num(i.space_m2)});
}

void SqlIoRepo::InsertQualifications(const std::vector<std::pair<Id, reg::Qualification>>& qs) {
  if (qs.empty()) return;
  BulkPragmas();
  BulkWriter w(s_, d_, "qualifications", kQualificationColumns, kNoProgress);
  for (const auto& [id, q] : qs) PutQualification(w, id, q).End();
  w.Flush();
}

void SqlIoRepo::UpdateQualification(Id id, const reg::Qualification& q) {
  Touched('e', id);
  Exec(s_,
       fmt::format("UPDATE qualifications SET valid_to = :p0 WHERE enterprise_id = {} AND kind = "
                   ":p1 AND valid_from = :p2",
                   id),
       {q.valid_to, q.kind, q.valid_from});
}

void SqlIoRepo::InsertListings(const std::vector<std::pair<Id, reg::Listing>>& ls) {
  if (ls.empty()) return;
  BulkWriter w(s_, d_, "listings", kListingColumns, kNoProgress);
  for (const auto& [id, l] : ls) PutListing(w, id, l).End();
  w.Flush();
}

void SqlIoRepo::UpdateListing(Id id, const reg::Listing& l) {
  Touched('e', id);
  Exec(s_,
       fmt::format("UPDATE listings SET code = :p0 WHERE enterprise_id = {} AND board = :p1 AND "
                   "listed_on = :p2",
                   id),
       {l.code, l.board, l.listed_on});
}

void SqlIoRepo::InsertRecognitions(std::vector<reg::Recognition>& rs) {
  if (rs.empty()) return;
  auto ids = ReserveIds(s_, d_, "recognitions", rs.size());
  BulkWriter w(s_, d_, "recognitions", WithId(kRecognitionColumns), kNoProgress);
  for (std::size_t k = 0; k < rs.size(); ++k) {
    rs[k].id = ids[k];
    w.Int(rs[k].id);
    PutRecognition(w, rs[k]).End();
  }
  w.Flush();
}

void SqlIoRepo::UpdateRecognition(const reg::Recognition& r) {
  Touched('c', r.carrier_id);
  Exec(s_,
       fmt::format("UPDATE recognitions SET authority = :p0, valid_to = :p1, document_no = :p2 "
                   "WHERE id = {}",
                   r.id),
       {r.authority, r.valid_to, r.document_no});
}

void SqlIoRepo::RefreshTiers(const std::vector<Id>& carrier_ids, const std::string& today) {
  InChunks(carrier_ids, [&](const std::vector<Id>& part) {
    Exec(s_,
         "UPDATE carriers SET tier = COALESCE((SELECT level FROM recognitions r WHERE "
         "r.carrier_id = carriers.id AND r.valid_from <= :p0 AND (r.valid_to IS NULL OR "
         "r.valid_to >= :p1) AND r.level IN ('provincial','national','standard','excellence') "
         "ORDER BY CASE r.level WHEN 'excellence' THEN 4 WHEN 'standard' THEN 3 WHEN "
         "'national' THEN 2 ELSE 1 END DESC LIMIT 1), 'none') WHERE id IN (" +
             JoinIds(part) + ")",
         {today, today});
  });
}

// ---------------- export helpers ----------------

std::unordered_map<Id, std::string> SqlIoRepo::TeamCarrierCodes(const std::vector<Id>& ids) {
  std::unordered_map<Id, std::string> out;
  InChunks(ids, [&](const std::vector<Id>& part) {
    std::string in = JoinIds(part);
    // The import's own key first; otherwise the carrier of the team's first stay.
    ForEachRow(s_,
               "SELECT i.enterprise_id, c.code FROM incubations i JOIN carriers c ON c.id = "
               "i.carrier_id WHERE i.enterprise_id IN (" +
                   in + ") ORDER BY i.applied_on DESC, i.id DESC",
               Where(),
               [&](const soci::row& r) { out[GetInt(r, "enterprise_id")] = GetStr(r, "code"); });
    ForEachRow(s_,
               "SELECT enterprise_id, carrier_code FROM enterprise_team_keys WHERE enterprise_id "
               "IN (" +
                   in + ")",
               Where(), [&](const soci::row& r) {
                 out[GetInt(r, "enterprise_id")] = GetStr(r, "carrier_code");
               });
  });
  return out;
}

std::unordered_map<Id, app::io::IncubationRefs> SqlIoRepo::IncubationRefsOf(
    const std::vector<Id>& ids) {
  std::unordered_map<Id, app::io::IncubationRefs> out;
  std::vector<Id> team_ids;
  std::unordered_map<Id, std::vector<Id>> stays_of_team;
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_,
               "SELECT i.id, i.enterprise_id, c.code, c.region_code AS carrier_region, e.uscc, "
               "e.is_team, e.name, e.region_code AS enterprise_region FROM incubations i JOIN "
               "carriers c ON c.id = i.carrier_id JOIN enterprises e ON e.id = i.enterprise_id "
               "WHERE i.id IN (" +
                   JoinIds(part) + ")",
               Where(), [&](const soci::row& r) {
                 app::io::IncubationRefs x;
                 x.carrier_code = GetStr(r, "code");
                 x.carrier_region = GetStr(r, "carrier_region");
                 x.enterprise_region = GetStr(r, "enterprise_region");
                 Id id = GetInt(r, "id");
                 if (GetInt(r, "is_team") != 0) {
                   x.team_name = GetStr(r, "name");
                   Id eid = GetInt(r, "enterprise_id");
                   team_ids.push_back(eid);
                   stays_of_team[eid].push_back(id);
                 } else {
                   x.uscc = GetStr(r, "uscc");
                 }
                 out[id] = std::move(x);
               });
  });
  if (!team_ids.empty()) {
    auto codes = TeamCarrierCodes(team_ids);
    for (auto& [eid, stays] : stays_of_team)
      for (Id sid : stays) out[sid].team_carrier_code = codes[eid];
  }
  return out;
}

std::unordered_map<Id, std::string> SqlIoRepo::CarrierCodes(const std::vector<Id>& ids) {
  std::unordered_map<Id, std::string> out;
  InChunks(ids, [&](const std::vector<Id>& part) {
    ForEachRow(s_, "SELECT id, code FROM carriers WHERE id IN (" + JoinIds(part) + ")", Where(),
               [&](const soci::row& r) { out[GetInt(r, "id")] = GetStr(r, "code"); });
  });
  return out;
}

std::vector<app::io::IncubationExportRow> SqlIoRepo::IncubationsPage(const app::Scope& scope,
                                                                     Id after_id, int limit) {
  std::vector<app::io::IncubationExportRow> out;
  Where w;
  AddIncubationScope(w, scope, "i");
  w.Add(fmt::format("i.id > {}", after_id));
  std::vector<Id> teams;
  ForEachRow(s_,
             "SELECT i.id, i.enterprise_id, i.carrier_id, i.state, i.applied_on, i.admitted_on, "
             "i.started_on, i.ended_on, i.end_reason, i.space_m2, i.version, c.code, "
             "c.region_code AS carrier_region, e.uscc, e.is_team, e.name, e.region_code AS "
             "enterprise_region FROM incubations i JOIN carriers c ON c.id = i.carrier_id JOIN "
             "enterprises e ON e.id = i.enterprise_id" +
                 w.Sql() + fmt::format(" ORDER BY i.id LIMIT {}", limit),
             w, [&](const soci::row& r) {
               app::io::IncubationExportRow x;
               auto& i = x.incubation;
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
               i.version = GetInt(r, "version");
               x.refs.carrier_code = GetStr(r, "code");
               x.refs.carrier_region = GetStr(r, "carrier_region");
               x.refs.enterprise_region = GetStr(r, "enterprise_region");
               if (GetInt(r, "is_team") != 0) {
                 x.refs.team_name = GetStr(r, "name");
                 teams.push_back(i.enterprise_id);
               } else {
                 x.refs.uscc = GetStr(r, "uscc");
               }
               out.push_back(std::move(x));
             });
  if (!teams.empty()) {
    auto codes = TeamCarrierCodes(teams);
    for (auto& x : out)
      if (!x.refs.team_name.empty()) x.refs.team_carrier_code = codes[x.incubation.enterprise_id];
  }
  return out;
}

// ---------------- jobs ----------------

namespace {
std::vector<Param> JobParams(const app::io::ImportJob& j) {
  return {j.entity,
          j.status,
          j.skip_bad ? "1" : "0",
          j.actor_login,
          std::to_string(j.actor_id),
          j.scope_region,
          j.file_name,
          j.file_sha256,
          j.encoding,
          std::to_string(j.bytes_total),
          std::to_string(j.counts.rows),
          std::to_string(j.counts.inserted),
          std::to_string(j.counts.updated),
          std::to_string(j.counts.unchanged),
          std::to_string(j.counts.rejected),
          std::to_string(j.errors_total),
          std::to_string(j.warnings_total),
          j.message_zh,
          j.message_en,
          j.created_at,
          j.finished_at,
          j.owner,
          j.heartbeat_at};
}
}  // namespace

Id SqlIoRepo::InsertJob(const app::io::ImportJob& j) {
  return InsertReturningId(
      s_,
      "INSERT INTO import_jobs(entity, status, skip_bad, actor_login, actor_id, scope_region, "
      "file_name, file_sha256, encoding, bytes_total, rows_total, inserted, updated, unchanged, "
      "rejected, errors_total, warnings_total, message_zh, message_en, created_at, finished_at, "
      "owner, heartbeat_at) "
      "VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, "
      ":p15, :p16, :p17, :p18, :p19, :p20, :p21, :p22)",
      JobParams(j));
}

void SqlIoRepo::UpdateJob(const app::io::ImportJob& j) {
  Exec(s_,
       fmt::format("UPDATE import_jobs SET entity = :p0, status = :p1, skip_bad = :p2, "
                   "actor_login = :p3, actor_id = :p4, scope_region = :p5, file_name = :p6, "
                   "file_sha256 = :p7, encoding = :p8, bytes_total = :p9, rows_total = :p10, "
                   "inserted = :p11, updated = :p12, unchanged = :p13, rejected = :p14, "
                   "errors_total = :p15, warnings_total = :p16, message_zh = :p17, message_en = "
                   ":p18, created_at = :p19, finished_at = :p20, owner = :p21, heartbeat_at = :p22 "
                   "WHERE id = {}",
                   j.id),
       JobParams(j));
}

namespace {
app::io::ImportJob JobFromRow(const soci::row& r) {
  app::io::ImportJob j;
  j.id = GetInt(r, "id");
  j.entity = GetStr(r, "entity");
  j.status = GetStr(r, "status");
  j.skip_bad = GetInt(r, "skip_bad") != 0;
  j.actor_login = GetStr(r, "actor_login");
  j.actor_id = GetInt(r, "actor_id");
  j.scope_region = GetStr(r, "scope_region");
  j.file_name = GetStr(r, "file_name");
  j.file_sha256 = GetStr(r, "file_sha256");
  j.encoding = GetStr(r, "encoding");
  j.bytes_total = GetInt(r, "bytes_total");
  j.bytes_done = j.status == "succeeded" || j.status == "failed" ? j.bytes_total : 0;
  j.counts.rows = GetInt(r, "rows_total");
  j.counts.inserted = GetInt(r, "inserted");
  j.counts.updated = GetInt(r, "updated");
  j.counts.unchanged = GetInt(r, "unchanged");
  j.counts.rejected = GetInt(r, "rejected");
  j.errors_total = GetInt(r, "errors_total");
  j.warnings_total = GetInt(r, "warnings_total");
  j.message_zh = GetStr(r, "message_zh");
  j.message_en = GetStr(r, "message_en");
  j.created_at = GetStr(r, "created_at");
  j.finished_at = GetStr(r, "finished_at");
  j.owner = GetStr(r, "owner");
  j.heartbeat_at = GetStr(r, "heartbeat_at");
  return j;
}
}  // namespace

std::optional<app::io::ImportJob> SqlIoRepo::FindJob(Id id) {
  std::optional<app::io::ImportJob> out;
  ForEachRow(s_, fmt::format("SELECT * FROM import_jobs WHERE id = {}", id), Where(),
             [&](const soci::row& r) { out = JobFromRow(r); });
  return out;
}

void SqlIoRepo::TouchJobs(const std::string& owner, const std::string& now) {
  Exec(s_,
       "UPDATE import_jobs SET heartbeat_at = :p0 WHERE owner = :p1 AND status IN ('queued', "
       "'importing')",
       {now, owner});
}

std::vector<app::io::ImportJob> SqlIoRepo::StaleJobs(const std::string& owner,
                                                     const std::string& before) {
  // RFC 3339 UTC strings of one width order like the times they name; a job from before owners
  // existed has owner and heartbeat '' and is stale at once.
  Where w;
  w.Add("status IN ('queued', 'importing')");
  w.Add("owner <> ?", {owner});
  w.Add("heartbeat_at < ?", {before});
  std::vector<app::io::ImportJob> out;
  ForEachRow(s_, "SELECT * FROM import_jobs" + w.Sql() + " ORDER BY id", w,
             [&](const soci::row& r) { out.push_back(JobFromRow(r)); });
  return out;
}

app::Page<app::io::ImportJob> SqlIoRepo::ListJobs(const app::Actor& actor,
                                                  const app::PageRequest& p) {
  app::Page<app::io::ImportJob> page;
  Where w;
  // Fail closed: only the national admin sees everyone's jobs; an actor without an account
  // (public, CLI) matches no submitter.
  if (actor.role != app::Role::kNationalAdmin) {
    if (actor.user_id == 0)
      w.Never();
    else
      w.Add("actor_id = ?", {std::to_string(actor.user_id)});
  }
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM import_jobs" + w.Sql(), w);
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id = 0;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add(fmt::format("id < {}", id));
  }
  ForEachRow(s_,
             "SELECT * FROM import_jobs" + w.Sql() +
                 fmt::format(" ORDER BY id DESC LIMIT {}", p.limit + 1),
             w, [&](const soci::row& r) { page.items.push_back(JobFromRow(r)); });
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

void SqlIoRepo::AppendErrors(Id job_id, std::int64_t first_seq,
                             const std::vector<domain::io::RowError>& errors) {
  if (errors.empty()) return;
  BulkWriter w(s_, d_, "import_errors",
               {"job_id", "seq", "row_no", "line_no", "column_name", "value", "code", "message_zh",
                "message_en"},
               kNoProgress);
  std::int64_t seq = first_seq;
  for (const auto& e : errors) {
    w.Int(job_id).Int(seq++).Int(e.row).Int(e.line).Text(e.column).Text(e.value).Text(e.code);
    w.Text(e.message_zh).Text(e.message_en).End();
  }
  w.Flush();
}

app::Page<domain::io::RowError> SqlIoRepo::ListErrors(Id job_id, const app::PageRequest& p) {
  app::Page<domain::io::RowError> page;
  page.total = QueryCount(
      s_, fmt::format("SELECT COUNT(*) FROM import_errors WHERE job_id = {}", job_id), Where());
  std::int64_t after = 0;
  if (!p.cursor.empty()) {
    std::string key;
    if (!DecodeCursor(p.cursor, &key, &after)) return page;
  }
  std::int64_t last = 0;
  ForEachRow(
      s_,
      fmt::format("SELECT * FROM import_errors WHERE job_id = {} AND seq > {} ORDER BY seq "
                  "LIMIT {}",
                  job_id, after, p.limit + 1),
      Where(), [&](const soci::row& r) {
        if (static_cast<int>(page.items.size()) == p.limit) {
          page.next_cursor = EncodeCursor("", last);
          return;
        }
        last = GetInt(r, "seq");
        page.items.push_back({GetInt(r, "row_no"), GetInt(r, "line_no"), GetStr(r, "column_name"),
                              GetStr(r, "value"), GetStr(r, "code"), GetStr(r, "message_zh"),
                              GetStr(r, "message_en")});
      });
  return page;
}

}  // namespace incunet::storage
