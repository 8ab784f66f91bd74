#include "app/io/jobs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

#include "core/dates.hpp"
#include "domain/io/spec.hpp"

namespace incunet::app::io {

std::string NewJobOwner() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  return fmt::format("{}/{}/{:08x}", host, static_cast<long>(getpid()), rd());
}

JobHeartbeat::JobHeartbeat(Store& store, const core::Clock& now, std::string owner,
                           HeartbeatOptions opt, bool reap)
    : store_(store), now_(now), owner_(std::move(owner)), opt_(opt), reap_(reap) {
  Beat();
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, opt_.interval, [&] { return stop_; })) {
      lock.unlock();
      Beat();
      lock.lock();
    }
  });
}

JobHeartbeat::~JobHeartbeat() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

int JobHeartbeat::Beat() {
  int failed = 0;
  try {
    auto tp = now_.Now();
    std::string now = core::Rfc3339(tp);
    // On SQLite this waits behind a running import's write transaction: the bound is chosen
    // far above a beat so that one late beat does not look like a dead server.
    store_.Write([&](Tx& tx) -> core::Status {
      tx.io().TouchJobs(owner_, now);
      return {};
    });
    if (!reap_) return 0;
    std::string before = core::Rfc3339(tp - opt_.stale_after);
    store_.Write([&](Tx& tx) -> core::Status {
      for (auto& j : tx.io().StaleJobs(owner_, before)) {
        j.status = "failed";
        j.message_zh = fmt::format(
            "运行该任务的服务器已停止（超过 {} 秒没有心跳），未写入任何数据；请重新提交",
            opt_.stale_after.count());
        j.message_en = fmt::format(
            "the server running the job stopped (no heartbeat for more than {} s); nothing was "
            "written; submit it again",
            opt_.stale_after.count());
        j.finished_at = now;
        tx.io().UpdateJob(j);
        nlohmann::json after = {{"job_id", j.id},
                                {"status", "failed"},
                                {"reason", "owner_lost"},
                                {"owner", j.owner},
                                {"heartbeat_at", j.heartbeat_at}};
        tx.audit().Append({"system", 0, "import.failed", "import_job", std::to_string(j.id), "",
                           after.dump(), ""},
                          now);
        ++failed;
      }
      return {};
    });
  } catch (const std::exception& e) {
    fmt::print(stderr, "import jobs heartbeat: {}\n", e.what());
  }
  return failed;
}

ImportJobs::ImportJobs(Store& store, const core::Clock& now, HeartbeatOptions opt,
                       std::string owner)
    : store_(store), now_(now), heartbeat_(store, now_, std::move(owner), opt, /*reap=*/true) {
  worker_ = std::thread([this] { Work(); });
}

ImportJobs::~ImportJobs() {
  std::deque<Pending> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    left.swap(queue_);
  }
  cv_.notify_all();
  worker_.join();
  for (auto& p : left) {
    try {
      store_.Write([&](Tx& tx) -> core::Status {
        auto j = tx.io().FindJob(p.id);
        if (!j) return {};
        j->status = "failed";
        j->message_zh = "服务器停止，任务未执行";
        j->message_en = "the server stopped before the job ran";
        j->finished_at = core::Rfc3339(now_.Now());
        tx.io().UpdateJob(*j);
        return {};
      });
    } catch (const std::exception& e) {
      fmt::print(stderr, "import job {}: cannot mark as failed: {}\n", p.id, e.what());
    }
  }
}

core::Result<ImportJob> ImportJobs::Submit(const Actor& actor, ImportRequest req,
                                           std::string body) {
  if (!domain::io::FindEntitySpec(req.entity)) {
    core::Error e{core::ErrorCode::kInvalid,
                  "unknown_entity",
                  "未知的导入对象 " + req.entity,
                  "unknown entity " + req.entity,
                  {}};
    e.details["field"] = "entity";
    return tl::unexpected(e);
  }
  std::int64_t bytes = static_cast<std::int64_t>(body.size());
  req.owner = heartbeat_.owner();
  Id id = CreateJob(store_, actor, req, bytes, now_);
  ImportJob job;
  store_.Read([&](Tx& tx) { job = *tx.io().FindJob(id); });
  {
    std::lock_guard<std::mutex> lock(mu_);
    live_[id] = job;
    queue_.push_back({id, actor, std::move(req), StringSource(std::move(body))});
  }
  cv_.notify_all();
  return job;
}

void ImportJobs::Work() {
  for (;;) {
    Pending p;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      p = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    ImportHooks hooks;
    hooks.progress = [&](const ImportJob& j) {
      std::lock_guard<std::mutex> lock(mu_);
      live_[p.id] = j;
    };
    try {
      RunImport(store_, *p.src, p.actor, p.req, hooks, now_, p.id);
    } catch (const std::exception& e) {
      fmt::print(stderr, "import job {} failed: {}\n", p.id, e.what());
      try {
        store_.Write([&](Tx& tx) -> core::Status {
          auto j = tx.io().FindJob(p.id);
          if (!j) return {};
          j->status = "failed";
          j->message_zh = "服务器内部错误，未写入任何数据";
          j->message_en = "internal error; nothing was written";
          j->finished_at = core::Rfc3339(now_.Now());
          tx.io().UpdateJob(*j);
          return {};
        });
      } catch (...) {
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      live_.erase(p.id);  // the row is now the truth
      busy_ = false;
    }
    cv_.notify_all();
  }
}

void ImportJobs::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

core::Result<ImportJob> ImportJobs::Get(const Actor& actor, Id id) {
  std::optional<ImportJob> job;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = live_.find(id); it != live_.end()) job = it->second;
  }
  if (!job) store_.Read([&](Tx& tx) { job = tx.io().FindJob(id); });
  bool mine = job && ((actor.user_id != 0 && job->actor_id == actor.user_id) ||
                      actor.role == Role::kNationalAdmin);
  if (!mine) return tl::unexpected(core::NotFound("导入任务", "import job"));
  return *job;
}

Page<ImportJob> ImportJobs::List(const Actor& actor, const PageRequest& p) {
  Page<ImportJob> page;
  store_.Read([&](Tx& tx) { page = tx.io().ListJobs(actor, p); });
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& j : page.items)
    if (auto it = live_.find(j.id); it != live_.end()) j = it->second;
  return page;
}

core::Result<Page<domain::io::RowError>> ImportJobs::Errors(const Actor& actor, Id id,
                                                            const PageRequest& p) {
  auto j = Get(actor, id);
  if (!j) return tl::unexpected(j.error());
  Page<domain::io::RowError> page;
  store_.Read([&](Tx& tx) { page = tx.io().ListErrors(id, p); });
  return page;
}

}  // namespace incunet::app::io
