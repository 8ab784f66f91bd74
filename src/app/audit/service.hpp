#pragma once
// The audit use cases: reading the log, signing the chain's head into a checkpoint file outside
// the database, and verifying the chain against such a file. The rules live in domain/audit.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit/ports.hpp"
#include "app/store.hpp"
#include "core/dates.hpp"
#include "domain/audit/checkpoint.hpp"

namespace incunet::app::audit {

struct Verification {
  std::int64_t rows = 0;                  // rows in the log
  std::optional<AuditBreak> chain_break;  // the hash chain itself, as `audit verify` always did
  // Set when a checkpoint file was given.
  std::optional<domain::audit::Assessment> checkpoints;
  bool ok() const {
    return !chain_break &&
           (!checkpoints || checkpoints->verdict == domain::audit::Verdict::kIntact);
  }
};

class AuditService {
 public:
  AuditService(Store& store, const core::Clock& now) : store_(store), now_(now) {}

  // The log, newest first, filtered by `q`. National admins only: anyone else gets Forbidden,
  // so a route that forgot its access check still shows nothing.
  core::Result<Page<AuditRecord>> List(const Actor& a, const AuditQuery& q, const PageRequest& p);

  // Reads the head, row count and head row's hash in one statement and appends a checkpoint of
  // them, signed with `secret_key`, to `log`. Refuses (writing nothing) when the head does not
  // match the log (Error "audit_head_mismatch"), when the file's last line is not a valid
  // checkpoint under this key, or when the log is behind or has rewritten that last checkpoint
  // (the errors of domain::audit::Assess). Any of several servers may run it at any time.
  core::Result<domain::audit::Checkpoint> Checkpoint(CheckpointLog& log,
                                                     std::string_view secret_key);

  // The chain check, then, when `checkpoint_lines` is given, every line's signature under
  // `public_key` and whether the log still holds it.
  Verification Verify(const std::vector<std::string>* checkpoint_lines,
                      std::string_view public_key);

 private:
  Store& store_;
  const core::Clock& now_;
};

}  // namespace incunet::app::audit
