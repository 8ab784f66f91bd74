#pragma once
// The one bulk row writer of storage: the importer, the demo loader and any other path that
// writes many rows of a table go through it (docs/adr/0004-raw-sqlite-and-libpq-for-bulk.md).
#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"
#include "storage/sql_util.hpp"
#include "storage/sqlite_stmt.hpp"

namespace incunet::storage {

// Told how many rows were written since it was last told (progress bars).
using RowsDone = std::function<void(std::size_t)>;
inline const RowsDone kNoProgress;

// Rows of one table. SQLite: one INSERT prepared once and reused with raw binds (parsing a
// multi-row VALUES text cost more than writing the rows). PostgreSQL: COPY … FROM STDIN in text
// format, one COPY command per MiB of rows. Values are given in column order, then End().
class BulkWriter {
 public:
  BulkWriter(soci::session& s, Dialect d, const std::string& table,
             const std::vector<std::string_view>& cols, const RowsDone& rows)
      : d_(d), rows_(rows) {
    std::string list;
    for (auto c : cols) {
      if (!list.empty()) list += ", ";
      list += c;
    }
    if (d_ == Dialect::kSqlite) {
      std::string sql = "INSERT INTO " + table + "(" + list + ") VALUES (";
      for (std::size_t i = 0; i < cols.size(); ++i) sql += i ? ",?" : "?";
      sql += ")";
      st_ = std::make_unique<SqliteStmt>(s, sql);
    } else {
      pg_ = static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
      copy_ = "COPY " + table + "(" + list + ") FROM STDIN";
    }
  }
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // `b` is written out before this writer's rows (rows here refer to rows there).
  void After(BulkWriter* b) { before_ = b; }

  BulkWriter& Int(std::int64_t v) {
    if (st_) {
      st_->BindInt(++col_, v);
    } else {
      Sep();
      fmt::format_to(std::back_inserter(buf_), "{}", v);
    }
    return *this;
  }
  BulkWriter& Int(const std::optional<std::int64_t>& v) { return v ? Int(*v) : Null(); }
  BulkWriter& Null() {
    if (st_) {
      st_->BindNull(++col_);
    } else {
      Sep();
      buf_ += "\\N";
    }
    return *this;
  }
  BulkWriter& Real(double v) {
    if (st_) {
      st_->BindDouble(++col_, v);
    } else {
      Sep();
      fmt::format_to(std::back_inserter(buf_), "{}", v);  // shortest exact text
    }
    return *this;
  }
  BulkWriter& Text(std::string_view v) {
    if (st_) {
      st_->Bind(++col_, v);
    } else {
      Sep();
      AppendCopyText(&buf_, v);
    }
    return *this;
  }
  BulkWriter& Text(const std::optional<std::string>& v) {
    if (v) return Text(std::string_view(*v));
    if (st_) {
      st_->BindNull(++col_);
    } else {
      Sep();
      buf_ += "\\N";
    }
    return *this;
  }
  BulkWriter& Text(const std::string& v) { return Text(std::string_view(v)); }
  BulkWriter& Text(const char* v) { return Text(std::string_view(v)); }

  void End() {
    if (st_) {
      st_->Run();
      col_ = 0;
      if (++n_ >= 1000) Report();
    } else {
      buf_ += '\n';
      first_ = true;
      ++n_;
      if (buf_.size() >= (1u << 20)) Flush();
    }
  }
  // Writes what is pending.
  void Flush() {
    if (st_) return Report();
    if (!n_) return;
    if (before_) before_->Flush();
    Copy();
    Report();
  }

 private:
  void Report() {
    if (rows_ && n_) rows_(n_);
    n_ = 0;
  }
  void Sep() {
    if (!first_) buf_ += '\t';
    first_ = false;
  }
  void Copy() {
    PGresult* r = PQexec(pg_, copy_.c_str());
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) Fail(PQerrorMessage(pg_));
    if (PQputCopyData(pg_, buf_.data(), static_cast<int>(buf_.size())) != 1) {
      std::string msg = PQerrorMessage(pg_);
      PQputCopyEnd(pg_, "aborted");
      Drain();
      Fail(msg);
    }
    buf_.clear();
    if (PQputCopyEnd(pg_, nullptr) != 1) Fail(PQerrorMessage(pg_));
    Drain();
  }
  // Reads the COPY's results so the connection is ready for the next command; throws the first
  // error with its SQLSTATE (a constraint violation maps to a conflict like any insert's).
  void Drain() {
    std::optional<std::pair<std::string, std::string>> err;
    while (PGresult* r = PQgetResult(pg_)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK && !err) {
        const char* st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        err.emplace(PQresultErrorMessage(r), st && std::strlen(st) == 5 ? st : "XX000");
      }
      PQclear(r);
    }
    if (err) throw soci::postgresql_soci_error("COPY failed: " + err->first, err->second.c_str());
  }
  [[noreturn]] void Fail(const std::string& msg) {
    throw soci::postgresql_soci_error("COPY failed: " + msg, "XX000");
  }

  Dialect d_;
  const RowsDone& rows_;
  std::unique_ptr<SqliteStmt> st_;  // SQLite
  int col_ = 0;
  PGconn* pg_ = nullptr;
  std::string copy_;
  std::string buf_;
  bool first_ = true;
  std::size_t n_ = 0;
  BulkWriter* before_ = nullptr;
};

// `n` fresh ids for rows of `table` that a BulkWriter writes with their id (so child rows can
// name them): PostgreSQL takes them from the table's identity sequence; SQLite continues after
// the largest id, as its own rowid assignment would (inside the write transaction, which SQLite
// serializes, no other writer can take them).
std::vector<std::int64_t> ReserveIds(soci::session& s, Dialect d, const std::string& table,
                                     std::size_t n);

// The same values for one row, collected as parameters of a single INSERT, so one-row writes
// (the registry's) share the row mappings of the bulk paths (storage/registry/rows.hpp).
class ParamRow {
 public:
  ParamRow& Int(std::int64_t v) { return Put(std::to_string(v)); }
  ParamRow& Int(const std::optional<std::int64_t>& v) { return v ? Int(*v) : Null(); }
  ParamRow& Null() { return Put(std::nullopt); }
  ParamRow& Real(double v) { return Put(Num(v)); }
  ParamRow& Text(std::string_view v) { return Put(std::string(v)); }
  ParamRow& Text(const std::string& v) { return Put(v); }
  ParamRow& Text(const char* v) { return Put(std::string(v)); }
  ParamRow& Text(const std::optional<std::string>& v) { return Put(v); }
  void End() {}
  // "INSERT INTO table(cols…) VALUES (:p0, …)" for the values put so far.
  std::string InsertSql(std::string_view table, const std::vector<std::string_view>& cols) const;
  const std::vector<Param>& params() const { return params_; }

 private:
  ParamRow& Put(Param v) {
    params_.push_back(std::move(v));
    return *this;
  }
  std::vector<Param> params_;
};

}  // namespace incunet::storage
