#pragma once
// The audit ports: the hash-chained log in the database (storage/audit/audit_repo.cpp) and the
// append-only checkpoint file kept outside it (storage/audit/checkpoint_file.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/paging.hpp"
#include "core/error.hpp"
#include "domain/audit/chain.hpp"

namespace incunet::app::audit {

// The chain's rows and breaks are the audit domain's (domain/audit/chain.hpp).
using AuditEntry = domain::audit::Entry;
using AuditRecord = domain::audit::Record;
using AuditBreak = domain::audit::Break;

struct AuditQuery {
  std::string actor;
  std::string action;
  std::string subject_type;
  std::string subject_id;
};

struct AuditHead {
  std::int64_t rows = 0;     // rows in audit_log
  std::int64_t last_id = 0;  // what audit_head says
  std::string last_hash;
  std::optional<std::string> row_hash;  // the hash stored on row last_id, nullopt when absent
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  // Appends one row to the hash chain; serialised through the chain-head row, which it locks
  // for the rest of the transaction.
  virtual void Append(const AuditEntry& e, const std::string& at) = 0;
  virtual Page<AuditRecord> List(const AuditQuery& q, const PageRequest& p) = 0;
  // Recomputes the chain; nullopt when intact.
  virtual std::optional<AuditBreak> Verify() = 0;
  // The chain head, the row count and the stored hash of the head's row, read in one statement
  // so they agree even while other servers append.
  virtual AuditHead Head() = 0;
  // Stored hashes of the rows with these ids; ids the log does not hold are absent.
  virtual std::map<std::int64_t, std::string> HashesOf(const std::vector<std::int64_t>& ids) = 0;
};

// An opened checkpoint log. The implementation holds an exclusive lock on it for its lifetime,
// so reading the last line and appending the next cannot interleave with another writer.
class CheckpointLog {
 public:
  virtual ~CheckpointLog() = default;
  // Every line so far without its newline; a partial last line (no newline) is included as is.
  virtual core::Result<std::vector<std::string>> Lines() = 0;
  // Appends one line and its newline and makes them durable.
  virtual core::Status Append(const std::string& line) = 0;
};

}  // namespace incunet::app::audit
