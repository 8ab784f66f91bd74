#pragma once
// What the audit checkpoint use cases need beside the database: the append-only checkpoint file
// (kept outside the database, storage/audit/checkpoint_file.hpp).
#include <string>
#include <vector>

#include "core/error.hpp"

namespace incunet::app::audit {

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
