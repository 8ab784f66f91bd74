#include "storage/database.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>

#include "core/embedded.hpp"
#include "storage/sqlite_stmt.hpp"

namespace incunet::storage {
namespace {

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// libpq keyword/value form of a postgresql:// URL (SOCI mangles URLs passed through as-is).
std::string PgConnString(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string user, password, host, port, db;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = cred.find(':');
    user = cred.substr(0, colon);
    if (colon != std::string::npos) password = cred.substr(colon + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    port = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  host = rest;
  auto quote = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    return out + "'";
  };
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += std::string(k) + "=" + quote(v) + " ";
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", db);
  out += "options='-c client_min_messages=warning' ";
  // Extra URL parameters (sslmode=require&…) pass through as keywords.
  std::size_t pos = 0;
  while (pos < query.size()) {
    auto amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    auto kv = query.substr(pos, amp - pos);
    if (auto eq = kv.find('='); eq != std::string::npos)
      add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
    pos = amp + 1;
  }
  return out;
}

struct Migration {
  int version;
  std::string name;
  const std::string* sql;
};

std::vector<Migration> KnownMigrations(Dialect d) {
  std::string dir =
      d == Dialect::kSqlite ? "src/storage/migrations/sqlite/" : "src/storage/migrations/postgres/";
  std::vector<Migration> out;
  for (const auto* f : core::EmbeddedFilesUnder(dir)) {
    std::string name = f->path.substr(dir.size());
    out.push_back({std::stoi(name.substr(0, 4)), name, &f->content});
  }
  return out;
}

}  // namespace

std::unique_ptr<Database> Database::Open(const DbOptions& opts) {
  std::unique_ptr<Database> db(new Database());
  db->dialect_ = IsPostgresUrl(opts.url) ? Dialect::kPostgres : Dialect::kSqlite;
  db->pool_size_ = std::max(1, opts.pool_size);
  db->pool_ = std::make_unique<soci::connection_pool>(db->pool_size_);
  if (db->dialect_ == Dialect::kSqlite) ConfigureSqliteLibrary();
  for (std::size_t i = 0; i < db->pool_size_; ++i) {
    soci::session& s = db->pool_->at(i);
    if (db->dialect_ == Dialect::kPostgres) {
      s.open(soci::postgresql, PgConnString(opts.url));
    } else {
      s.open(soci::sqlite3, "db=" + opts.url + " timeout=30 shared_cache=false");
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA foreign_keys=ON";
      s << "PRAGMA synchronous=NORMAL";
      s << "PRAGMA busy_timeout=30000";
      // Statement journals (one per INSERT inside a long transaction) stay in memory: on disk
      // they cost a pwrite per touched page, several per row of a bulk import.
      s << "PRAGMA temp_store=MEMORY";
    }
  }
  return db;
}

Database::~Database() = default;

std::vector<std::string> SplitSqlStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::string cur;
  bool in_trigger = false;  // a SQLite trigger body: its statements end at END;
  bool in_dollar = false;   // a PostgreSQL $$ … $$ function body
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t nl = sql.find('\n', pos);
    if (nl == std::string::npos) nl = sql.size();
    std::string line = sql.substr(pos, nl - pos);
    pos = nl + 1;
    std::string trimmed = line;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
      trimmed.pop_back();
    if (trimmed.starts_with("--") || trimmed.empty()) continue;
    cur += line + "\n";
    if (trimmed.starts_with("CREATE TRIGGER") && trimmed.ends_with("BEGIN")) in_trigger = true;
    for (std::size_t at = line.find("$$"); at != std::string::npos; at = line.find("$$", at + 2))
      in_dollar = !in_dollar;
    if (trimmed.ends_with(";") && !in_dollar) {
      if (in_trigger && trimmed != "END;") continue;
      in_trigger = false;
      out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
  return out;
}

int KnownSchemaVersion(Dialect d) {
  int v = 0;
  for (const auto& m : KnownMigrations(d)) v = std::max(v, m.version);
  return v;
}

int AppliedSchemaVersion(Database& db) {
  soci::session s(db.pool());
  s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
       "NOT NULL, applied_at TEXT NOT NULL)";
  int v = 0;
  soci::indicator ind;
  s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
  return ind == soci::i_ok ? v : 0;
}

core::Status Migrate(Database& db, std::string* report) {
  int applied = AppliedSchemaVersion(db);
  int known = KnownSchemaVersion(db.dialect());
  if (applied > known)
    return core::Fail(
        core::ErrorCode::kInvalid, "schema_too_new",
        fmt::format("数据库结构版本 {} 高于本程序支持的版本 {}，请升级程序", applied, known),
        fmt::format("the database schema version {} is newer than this binary "
                    "supports ({}); upgrade the binary",
                    applied, known));
  soci::session s(db.pool());
  for (const auto& m : KnownMigrations(db.dialect())) {
    if (m.version <= applied) continue;
    soci::transaction tr(s);
    for (const auto& stmt : SplitSqlStatements(*m.sql)) s << stmt;
    std::string name = m.name;
    s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES (:v, :n, "
         "CURRENT_TIMESTAMP)",
        soci::use(m.version), soci::use(name);
    tr.commit();
    if (report) *report += "applied " + m.name + "\n";
  }
  return {};
}

}  // namespace incunet::storage
