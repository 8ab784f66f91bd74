#pragma once
// app::Store over a Database: leases a pooled session per unit of work and hands the use case a
// Tx whose repositories share that session (and its transaction).
#include <atomic>
#include <memory>

#include "app/store.hpp"
#include "storage/database.hpp"

namespace incunet::storage {

class SqlStore : public app::Store {
 public:
  explicit SqlStore(Database& db) : db_(db) {}
  const char* DialectName() const override { return db_.DialectName(); }
  void Read(const std::function<void(app::Tx&)>& fn) override;
  // Backend constraint violations (unique, foreign key) thrown inside become kConflict errors
  // after rollback; other exceptions propagate after rollback.
  core::Status Write(const std::function<core::Status(app::Tx&)>& fn) override;
  Database& db() { return db_; }
  std::uint64_t Generation() const override { return generation_.load(); }

 private:
  Database& db_;
  std::atomic<std::uint64_t> generation_{1};
};

}  // namespace incunet::storage
