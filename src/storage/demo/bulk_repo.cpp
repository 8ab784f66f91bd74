#include "storage/demo/bulk_repo.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "core/text.hpp"
#include "domain/demo/returns.hpp"
#include "domain/registry/rules.hpp"
#include "domain/returns/workflow.hpp"
#include "storage/bulk_writer.hpp"
#include "storage/registry/rows.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {
namespace {

const app::demo::RowsFn kNoRows;

}  // namespace

app::demo::IdBases SqlDemoBulkRepo::NextIds() {
  auto next = [&](const char* table) {
    long long v = 0;
    s_ << fmt::format("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table), soci::into(v);
    return static_cast<std::int64_t>(v);
  };
  if (d_ == Dialect::kSqlite)
    s_ << "PRAGMA cache_size = -262144";  // 256 MiB for the indexes
  else
    s_ << "SET LOCAL maintenance_work_mem = '256MB'";  // for the index builds at the end
  DeferIndexes();
  return {next("carriers"), next("enterprises"), next("incubations")};
}

// Tables the load writes. Those that start empty have their secondary indexes (and on SQLite the
// full-text triggers) dropped for the load and built once at the end (a sort of the loaded rows
// instead of an index insert per row), all inside the caller's transaction: a failed load
// restores them.
void SqlDemoBulkRepo::DeferIndexes() {
  static const char* const kTables[] = {
      "carriers",       "recognitions",  "overseas_sites", "cluster_members", "enterprises",
      "qualifications", "listings",      "incubations",    "events",          "financings",
      "annual_returns", "return_values", "return_reviews"};
  std::vector<std::pair<std::string, std::string>> fts;  // (fts table, content table)
  if (d_ == Dialect::kSqlite) {
    soci::rowset<soci::row> rs =
        (s_.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                       "'CREATE VIRTUAL TABLE%fts5%'");
    for (const auto& r : rs) {
      std::string sql = r.get<std::string>(1);
      auto at = sql.find("content='");
      if (at == std::string::npos) continue;
      at += 9;
      fts.emplace_back(r.get<std::string>(0), sql.substr(at, sql.find('\'', at) - at));
    }
  }
  for (const char* t : kTables) {
    long long any = 0;
    s_ << fmt::format("SELECT EXISTS (SELECT 1 FROM {})", t), soci::into(any);
    if (any) continue;
    // Named indexes only: those of PRIMARY KEY and UNIQUE constraints stay (SQLite: no sql;
    // PostgreSQL: the constraint owns the index). PostgreSQL's trigram search is GIN indexes.
    soci::rowset<soci::row> rs =
        d_ == Dialect::kSqlite
            ? (s_.prepare << "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = :t AND "
                             "type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
               soci::use(std::string(t)))
            : (s_.prepare << "SELECT 'index'::text AS type, i.relname::text AS name, "
                             "pg_get_indexdef(i.oid) AS sql FROM pg_index x JOIN pg_class i ON "
                             "i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid WHERE "
                             "c.relname = :t AND c.relnamespace = current_schema()::regnamespace "
                             "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
                             "x.indexrelid) ORDER BY i.relname",
               soci::use(std::string(t)));
    for (const auto& r : rs) {
      std::string type = r.get<std::string>(0), name = r.get<std::string>(1),
                  sql = r.get<std::string>(2);
      if (type == "trigger") {
        // The triggers that keep a full-text index of this table in step, and those that feed
        // the statistics change log (one upsert per row; the whole load is logged as one change
        // at the end instead).
        bool fts_trigger = false;
        for (const auto& [f, content] : fts)
          fts_trigger |= content == t && sql.find(f) != std::string::npos;
        bool stats_trigger = name.rfind("stats_", 0) == 0;
        if (!fts_trigger && !stats_trigger) continue;
        stats_deferred_ |= stats_trigger;
      }
      deferred_.push_back({type, name, sql});
    }
    for (const auto& [f, content] : fts)
      if (content == t) deferred_fts_.push_back(f);
  }
  for (const auto& d : deferred_)
    s_ << fmt::format("DROP {} {}", d.type == "index" ? "INDEX" : "TRIGGER", d.name);
}

void SqlDemoBulkRepo::RestoreIndexes() {
  for (const auto& d : deferred_) s_ << d.sql;
  for (const auto& f : deferred_fts_)
    s_ << fmt::format("INSERT INTO {0}({0}) VALUES ('rebuild')", f);
  if (stats_deferred_)
    // A change of kind 'r' makes every statistics cache read all rows again, as after a change
    // of the region tree: right for a load of a whole network.
    s_ << "INSERT INTO stats_changes(kind, ref, seq) VALUES ('r', 0, (SELECT COALESCE(MAX(seq), "
          "0) + 1 FROM stats_changes)) ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq";
  stats_deferred_ = false;
  deferred_.clear();
  deferred_fts_.clear();
}

void SqlDemoBulkRepo::WriteCarriers(const domain::demo::DemoNetwork& net,
                                    const app::demo::IdBases& ids, const std::string& today,
                                    const std::string& now, const app::demo::RowsFn& rows) {
  {
    BulkWriter w(s_, d_, "carriers", WithId(kCarrierColumns), rows);
    BulkWriter recognitions(s_, d_, "recognitions", kRecognitionColumns, kNoRows);
    BulkWriter sites(s_, d_, "overseas_sites", kOverseasSiteColumns, kNoRows);
    recognitions.After(&w);
    sites.After(&w);
    domain::registry::Carrier row;
    for (std::size_t i = 0; i < net.carriers.size(); ++i) {
      const auto& c = net.carriers[i];
      std::int64_t id = ids.carrier + static_cast<std::int64_t>(i);
      row = c;
      row.code = fmt::format("{}-{:06d}", c.region_code, id);
      row.tier = domain::registry::CurrentTier(c.recognitions, today);
      row.version = 1;
      row.created_at = row.updated_at = now;
      w.Int(id);
      PutCarrier(w, row).End();
      for (auto r : c.recognitions) {
        r.carrier_id = id;
        PutRecognition(recognitions, r).End();
      }
      for (const auto& o : c.overseas_sites) PutOverseasSite(sites, id, o).End();
    }
    w.Flush();
    recognitions.Flush();
    sites.Flush();
  }
  for (const auto& dc : net.clusters) {
    long long cid = 0;
    s_ << "INSERT INTO clusters(name, region_code, description) VALUES (:n, :r, :d) RETURNING id",
        soci::use(dc.cluster.name), soci::use(dc.cluster.region_code),
        soci::use(dc.cluster.description), soci::into(cid);
    BulkWriter w(s_, d_, "cluster_members", {"cluster_id", "carrier_id"}, kNoRows);
    for (auto i : dc.carrier_indexes)
      w.Int(cid).Int(ids.carrier + static_cast<std::int64_t>(i)).End();
    w.Flush();
  }
}

void SqlDemoBulkRepo::WriteEnterprises(const domain::demo::DemoNetwork& net,
                                       const app::demo::IdBases& ids, const std::string& now,
                                       const app::demo::RowsFn& rows) {
  {
    BulkWriter w(s_, d_, "enterprises", WithId(kEnterpriseColumns), rows);
    domain::registry::Enterprise row;
    for (std::size_t i = 0; i < net.enterprises.size(); ++i) {
      row = net.enterprises[i];
      row.version = 1;
      row.created_at = row.updated_at = now;
      w.Int(ids.enterprise + static_cast<std::int64_t>(i));
      PutEnterprise(w, row).End();
    }
    w.Flush();
  }
  // Children after every parent row is in (foreign keys are checked per statement).
  BulkWriter q(s_, d_, "qualifications", kQualificationColumns, kNoRows);
  BulkWriter l(s_, d_, "listings", kListingColumns, kNoRows);
  for (std::size_t i = 0; i < net.enterprises.size(); ++i) {
    const auto& x = net.enterprises[i];
    std::int64_t id = ids.enterprise + static_cast<std::int64_t>(i);
    for (const auto& k : x.qualifications) PutQualification(q, id, k).End();
    for (const auto& k : x.listings) PutListing(l, id, k).End();
  }
  q.Flush();
  l.Flush();
}

void SqlDemoBulkRepo::WriteIncubations(const domain::demo::DemoNetwork& net,
                                       const app::demo::IdBases& ids,
                                       const app::demo::RowsFn& rows) {
  BulkWriter w(s_, d_, "incubations", WithId(kIncubationColumns), rows);
  domain::registry::Incubation row;
  for (std::size_t i = 0; i < net.incubations.size(); ++i) {
    const auto& di = net.incubations[i];
    row = di.incubation;
    row.enterprise_id = ids.enterprise + static_cast<std::int64_t>(di.enterprise_index);
    row.carrier_id = ids.carrier + static_cast<std::int64_t>(di.carrier_index);
    row.version = 1;
    w.Int(ids.incubation + static_cast<std::int64_t>(i));
    PutIncubation(w, row).End();
  }
  w.Flush();
}

void SqlDemoBulkRepo::WriteEventsAndFinancings(const domain::demo::DemoNetwork& net,
                                               const app::demo::IdBases& ids,
                                               const app::demo::RowsFn& rows) {
  {
    BulkWriter w(s_, d_, "events", {"carrier_id", "held_on", "title", "kind", "is_public"}, rows);
    for (const auto& e : net.events)
      w.Int(ids.carrier + static_cast<std::int64_t>(e.carrier_index))
          .Text(e.held_on)
          .Text(e.title)
          .Text(e.kind)
          .Int(e.is_public ? 1 : 0)
          .End();
    w.Flush();
  }
  BulkWriter w(s_, d_, "financings",
               {"enterprise_id", "round", "amount_fen", "financed_on", "investor"}, rows);
  for (const auto& f : net.financings)
    w.Int(ids.enterprise + static_cast<std::int64_t>(f.enterprise_index))
        .Text(f.round)
        .Int(f.amount_fen)
        .Text(f.financed_on)
        .Text(f.investor)
        .End();
  w.Flush();
}

std::size_t SqlDemoBulkRepo::WriteReturns(const domain::demo::DemoNetwork& net,
                                          const app::demo::IdBases& ids,
                                          const app::demo::RowsFn& rows) {
  long long next = 0;
  s_ << "SELECT COALESCE(MAX(id), 0) + 1 FROM annual_returns", soci::into(next);
  BulkWriter headers(
      s_, d_, "annual_returns",
      {"id", "carrier_id", "year", "kind", "status", "pending_level", "pending_prefix",
       "review_path", "version", "created_at", "updated_at", "submitted_at", "accepted_at"},
      rows);
  BulkWriter values(s_, d_, "return_values", {"return_id", "row_id", "code", "value"}, kNoRows);
  BulkWriter reviews(s_, d_, "return_reviews",
                     {"return_id", "decision", "level", "region_prefix", "reason", "actor_id",
                      "actor_login", "at"},
                     kNoRows);
  values.After(&headers);
  reviews.After(&headers);
  std::size_t n = 0;
  domain::demo::ForEachReturn(net, [&](const domain::demo::DemoReturn& d) {
    const auto& r = d.ret;
    std::int64_t id = next + static_cast<std::int64_t>(n++);
    headers.Int(id)
        .Int(ids.carrier + static_cast<std::int64_t>(d.carrier_index))
        .Int(r.year)
        .Text(r.kind)
        .Text(r.status)
        .Text(r.pending_level)
        .Text(r.pending_prefix)
        .Text(domain::returns::EncodePath(r.review_path))
        .Int(r.version)
        .Text(r.created_at)
        .Text(r.updated_at)
        .Text(r.submitted_at)
        .Text(r.accepted_at)
        .End();
    for (const auto& [code, v] : r.values) values.Int(id).Int(0).Text(code).Text(v).End();
    for (const auto& row : r.incubatees) {
      std::int64_t row_id = ids.enterprise + row.row_id;  // row_id is the enterprise index
      for (const auto& [code, v] : row.values) values.Int(id).Int(row_id).Text(code).Text(v).End();
    }
    for (const auto& e : d.reviews)
      reviews.Int(id)
          .Text(e.decision)
          .Text(e.level)
          .Text(e.region_prefix)
          .Text(e.reason)
          .Int(0)
          .Text(e.actor_login)
          .Text(e.at)
          .End();
  });
  headers.Flush();
  values.Flush();
  reviews.Flush();
  return n;
}

BulkJournalMode::BulkJournalMode(Database& db) : db_(db) {
  if (db_.dialect() != Dialect::kSqlite) return;
  soci::session s(db_.pool());
  std::string mode;
  try {
    s << "PRAGMA journal_mode=DELETE", soci::into(mode);
  } catch (const soci::soci_error&) {
    // Another connection has the file open (SQLITE_BUSY at once): load through WAL.
    return;
  }
  switched_ = mode == "delete";
}

BulkJournalMode::~BulkJournalMode() {
  if (!switched_) return;
  try {
    soci::session s(db_.pool());
    s << "PRAGMA journal_mode=WAL";
  } catch (...) {
    // Every connection sets WAL again when it opens the file.
  }
}

void SqlDemoBulkRepo::FinishIds() {
  RestoreIndexes();
  if (d_ == Dialect::kSqlite) {
    s_ << "PRAGMA cache_size = -2000";
    return;
  }
  for (const char* t : {"carriers", "enterprises", "incubations", "annual_returns"}) {
    long long v = 0;
    s_ << fmt::format(
        "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 "
        "FROM {0}), false)",
        t),
        soci::into(v);
  }
}

}  // namespace incunet::storage
