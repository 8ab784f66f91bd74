#pragma once
// Asynchronous import jobs for the API: Submit stores a queued job row and hands the body to one
// worker thread, which runs the jobs one after another (they are write-heavy, and SQLite has one
// writer anyway). While a job runs its progress is kept in memory; when it ends the row holds
// the outcome and the stored errors. The destructor lets the running job finish, marks queued
// ones failed, and joins the worker.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/io/importer.hpp"
#include "core/dates.hpp"

namespace incunet::app::io {

struct HeartbeatOptions {
  std::chrono::seconds interval{15};
  // A job whose owner has not beaten for this long is failed (docs/operations.md).
  std::chrono::seconds stale_after{120};
};

// A name for this server instance: host, process and a random part, so that a restarted
// process never takes over the jobs its previous life left behind.
std::string NewJobOwner();

// Keeps the unfinished jobs of `owner` alive from a thread of its own and, with `reap`, fails
// the unfinished jobs of every other owner whose heartbeat is older than the bound — at once on
// construction (a restart cleans up after the crash) and then on every beat (a live server
// cleans up after a dead peer). Failing a job is audited as the system's.
class JobHeartbeat {
 public:
  JobHeartbeat(Store& store, const core::Clock& now, std::string owner, HeartbeatOptions opt,
               bool reap);
  ~JobHeartbeat();
  JobHeartbeat(const JobHeartbeat&) = delete;
  JobHeartbeat& operator=(const JobHeartbeat&) = delete;
  const std::string& owner() const { return owner_; }
  // One beat now: refresh own jobs, then (with reap) fail stale ones. Returns how many failed.
  int Beat();

 private:
  Store& store_;
  const core::Clock& now_;
  std::string owner_;
  HeartbeatOptions opt_;
  bool reap_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class ImportJobs {
 public:
  ImportJobs(Store& store, const core::Clock& now, HeartbeatOptions opt = {},
             std::string owner = NewJobOwner());
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Queues `body` for import by `actor` (an admin; rows outside their region are rejected).
  // Fails with kInvalid "unknown_entity" before anything is stored.
  core::Result<ImportJob> Submit(const Actor& actor, ImportRequest req, std::string body);
  // The job as it stands. kNotFound unless `actor` submitted it or is a national admin.
  core::Result<ImportJob> Get(const Actor& actor, Id id);
  // The jobs `actor` may see (see IoRepo::ListJobs), newest first; running ones with live progress.
  Page<ImportJob> List(const Actor& actor, const PageRequest& p);
  core::Result<Page<domain::io::RowError>> Errors(const Actor& actor, Id id, const PageRequest& p);
  // Blocks until the queue is empty and no job runs (tests).
  void WaitIdle();

 private:
  struct Pending {
    Id id;
    Actor actor;
    ImportRequest req;
    std::unique_ptr<ByteSource> src;
  };
  void Work();

  Store& store_;
  const core::Clock& now_;
  JobHeartbeat heartbeat_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  std::map<Id, ImportJob> live_;
  bool stop_ = false;
  bool busy_ = false;
  std::thread worker_;
};

}  // namespace incunet::app::io
