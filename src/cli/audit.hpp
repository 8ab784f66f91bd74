#pragma once
// The audit checkpoint run shared by `incunet audit checkpoint` and `incunet serve
// --audit-checkpoint-*`, and the timer that repeats it inside the server.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "app/store.hpp"
#include "domain/audit/checkpoint.hpp"

namespace incunet::cli {

// Reads the secret key file, locks `out` and appends one signed checkpoint of the chain.
core::Result<domain::audit::Checkpoint> WriteAuditCheckpoint(app::Store& store,
                                                             const std::string& key_file,
                                                             const std::string& out);

// Exit status for an audit error id: 2 chain head broken, 3 log behind (or wiped), 4 rewritten,
// 5 checkpoint file not trustworthy, 1 anything else (files, keys).
int AuditExitCode(const std::string& error_id);

// Writes a checkpoint at once and then every `every`, on its own thread, until destroyed (the
// destructor waits for a run in progress). A failed run is logged as an error and retried at the
// next tick; the key file is read on every run, so replacing it needs no restart.
class AuditCheckpointTimer {
 public:
  AuditCheckpointTimer(app::Store& store, std::string key_file, std::string out,
                       std::chrono::seconds every);
  ~AuditCheckpointTimer();
  AuditCheckpointTimer(const AuditCheckpointTimer&) = delete;
  AuditCheckpointTimer& operator=(const AuditCheckpointTimer&) = delete;

 private:
  void Loop();
  app::Store& store_;
  std::string key_file_;
  std::string out_;
  std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace incunet::cli
