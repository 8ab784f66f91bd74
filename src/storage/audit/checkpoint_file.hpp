#pragma once
// The files of the audit checkpoints, outside the database: the append-only checkpoint file and
// the Ed25519 key files (formats in domain/audit/checkpoint.hpp, docs/operations.md).
#include <memory>
#include <string>
#include <vector>

#include "app/audit/ports.hpp"
#include "core/error.hpp"

namespace incunet::storage {

// The checkpoint file opened for appending: created (mode 0644) when absent and locked with
// flock(LOCK_EX) until destroyed, so checkpoint runs on one machine take turns. Each line is
// written with one write() on an O_APPEND descriptor and fsync'd. A file whose last line lacks
// its newline (an interrupted write) gets one first, so the partial line stays visible as a
// malformed line instead of being glued to the next checkpoint.
class FileCheckpointLog : public app::audit::CheckpointLog {
 public:
  static core::Result<std::unique_ptr<FileCheckpointLog>> Open(const std::string& path);
  ~FileCheckpointLog() override;
  core::Result<std::vector<std::string>> Lines() override;
  core::Status Append(const std::string& line) override;

 private:
  FileCheckpointLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

// Every line of a checkpoint file (read under a shared lock). Error "checkpoint_file_unreadable"
// when it cannot be read; a missing file is an error too, since verifying against nothing would
// pass a wiped file.
core::Result<std::vector<std::string>> ReadCheckpointFile(const std::string& path);

// Writes a fresh key pair: the secret key to `secret_path` (mode 0600) and the public key to
// `secret_path + ".pub"` (mode 0644). Refuses, writing nothing, when either file exists.
core::Status WriteNewKeyPair(const std::string& secret_path);
// Reads a secret key file; refuses one that group or others may read (like ssh does).
core::Result<std::string> ReadSecretKeyFile(const std::string& path);
core::Result<std::string> ReadPublicKeyFile(const std::string& path);

}  // namespace incunet::storage
