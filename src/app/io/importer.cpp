#include "app/io/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "app/io/entities.hpp"
#include "core/dates.hpp"
#include "domain/io/csv.hpp"

namespace incunet::app::io {
namespace {

namespace dio = domain::io;

std::uint64_t Hash64(std::string_view a, std::string_view b) {
  // FNV-1a over "a\0b": in-file duplicate detection keeps 16 bytes per key, not the key itself.
  // Two different keys share a hash with odds ~n²/2⁶⁵ (about 1 in 10⁸ for a million rows).
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(a);
  h ^= 0;
  h *= 1099511628211ULL;
  mix(b);
  return h;
}

std::string Replace(std::string s, const std::string& what, const std::string& with) {
  if (auto p = s.find(what); p != std::string::npos) s.replace(p, what.size(), with);
  return s;
}

struct PassResult {
  bool fatal = false;
  std::int64_t rows = 0;
  std::int64_t bad_rows = 0;
  std::string encoding;
  std::string sha256;
  std::int64_t bytes = 0;
};

using WithRepo = std::function<void(const std::function<void(Tx&)>&)>;

struct PassHooks {
  std::function<void(const dio::RowError&)> error;
  std::function<void(const std::vector<std::string>&)> reject_header;
  std::function<void(const dio::CsvRecord&, const std::vector<dio::RowError>&)> reject;
  std::function<void(std::int64_t bytes, std::int64_t rows)> progress;
};

// One streaming pass over the source that checks every row and, while `writing`, upserts the
// good ones batch by batch. Run() may be called again after it returns early (see
// stop_writing_on_bad): it picks up where it stopped, with whatever `with_repo` then gives it.
class Pass {
 public:
  Pass(const ByteSource& src, EntityImporter& imp, RowContext ctx, const ImportRequest& req,
       ImportCounts* counts, PassHooks hooks)
      : dec_(src.Open()),
        imp_(imp),
        spec_(imp.Spec()),
        ctx_(std::move(ctx)),
        req_(req),
        counts_(counts),
        hooks_(std::move(hooks)) {
    batch_.reserve(req.batch_size);
  }

  // Streams until the end of the source, or — when `stop_writing_on_bad` and a bad row shows up
  // while writing — until the end of the chunk that had it, leaving writing() false so the
  // caller can roll back and call Run() again to check the rest without writing.
  void Run(const WithRepo& with_repo, bool stop_writing_on_bad) {
    with_repo_ = &with_repo;
    stop_writing_on_bad_ = stop_writing_on_bad;
    std::string chunk;
    while (!done_) {
      auto more = dec_.Next(&chunk);
      if (!more) {
        const auto& e = more.error();
        std::int64_t line = 0;
        if (auto it = e.details.find("line"); it != e.details.end()) line = std::stoll(it->second);
        Flush();
        Fatal({0, line, "", "", e.id, e.message_zh, e.message_en});
        break;
      }
      if (!*more) {
        Finish();
        break;
      }
      bool was_writing = writing_;
      csv_.Feed(chunk, [&](dio::CsvRecord& rec) { OnRecord(rec); });
      if (was_writing && !writing_ && !done_) {
        // The rows of this chunk after the bad one are still in the batch: check them against
        // the database as it will be once the caller has rolled back.
        return;
      }
    }
    with_repo_ = nullptr;
  }

  void StopWriting() { writing_ = false; }
  bool writing() const { return writing_; }
  bool done() const { return done_; }
  PassResult Result() {
    PassResult r = res_;
    r.encoding = dec_.encoding();
    r.sha256 = dec_.Sha256Hex();
    r.bytes = dec_.bytes_read();
    return r;
  }

 private:
  void Fatal(dio::RowError e) {
    res_.fatal = true;
    done_ = true;
    if (hooks_.error) hooks_.error(e);
  }

  void Finish() {
    if (!done_) {
      csv_.Finish([&](dio::CsvRecord& rec) { OnRecord(rec); });
      Flush();
    }
    if (res_.fatal) return;
    done_ = true;
    if (!header_done_)
      Fatal({0, 0, "", "", "empty_file", "文件为空（没有表头行）",
             "the file is empty (no header row)"});
    else if (res_.rows == 0)
      Fatal({0, 0, "", "", "no_rows", "文件只有表头，没有数据行",
             "the file has a header but no data rows"});
  }

  void Flush() {
    // All-or-nothing: once any row of the job is bad, nothing more is written (the caller rolls
    // back), but every row is still checked.
    auto stop_if_bad = [&] {
      if (stop_writing_on_bad_)
        for (const auto& r : batch_) writing_ = writing_ && !r.bad;
    };
    stop_if_bad();
    std::vector<Row*> good;
    for (auto& r : batch_)
      if (!r.bad) good.push_back(&r);
    if (!good.empty())
      (*with_repo_)([&](Tx& tx) {
        IoRepo& repo = tx.io();
        ctx_.tx = &tx;
        imp_.CheckBatch(repo, ctx_, good, &pending_);
        stop_if_bad();
        if (writing_) {
          std::vector<Row*> ok;
          for (Row* r : good)
            if (!r->bad) ok.push_back(r);
          imp_.WriteBatch(repo, ctx_, ok, counts_);
        }
      });
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const dio::RowError& a, const dio::RowError& b) { return a.row < b.row; });
    std::size_t e = 0;
    for (auto& r : batch_) {
      std::vector<dio::RowError> mine;
      while (e < pending_.size() && pending_[e].row < r.rec.row) ++e;
      while (e < pending_.size() && pending_[e].row == r.rec.row) mine.push_back(pending_[e++]);
      if (!r.bad) {
        // A good row's findings are warnings (code warning_…): reported, not rejected.
        if (hooks_.error)
          for (const auto& x : mine) hooks_.error(x);
        continue;
      }
      ++res_.bad_rows;
      if (hooks_.error)
        for (const auto& x : mine) hooks_.error(x);
      if (hooks_.reject) hooks_.reject(r.rec, mine);
    }
    batch_.clear();
    pending_.clear();
    if (hooks_.progress) hooks_.progress(dec_.bytes_read(), res_.rows);
  }

  void OnRecord(dio::CsvRecord& rec) {
    if (done_) return;
    if (!header_done_) {
      header_done_ = true;
      auto errs = dio::ResolveHeader(spec_, rec, &map_);
      if (!errs.empty()) {
        for (std::size_t i = 0; i + 1 < errs.size(); ++i)
          if (hooks_.error) hooks_.error(errs[i]);
        Fatal(errs.back());
        return;
      }
      ctx_.present.assign(spec_.columns.size(), false);
      for (std::size_t c = 0; c < spec_.columns.size(); ++c)
        ctx_.present[c] = map_.column_field[c] >= 0;
      if (hooks_.reject_header) {
        auto h = rec.fields;
        h.push_back("错误原因");
        hooks_.reject_header(h);
      }
      return;
    }
    ++res_.rows;
    Row row;
    row.rec = std::move(rec);
    bool ok = dio::NormalizeRow(spec_, map_, row.rec, &row.values, &pending_);
    if (ok) ok = imp_.CheckRow(ctx_, row, &pending_);
    if (ok) {
      for (std::size_t k = 0; k < row.keys.size(); ++k) {
        const UniqueKey& key = row.keys[k];
        auto [it, inserted] = seen_.emplace(Hash64(std::to_string(k), key.key), row.rec.row);
        if (!inserted) {
          std::string first = std::to_string(it->second);
          std::string value = row.values[spec_.At(key.column)];
          pending_.push_back(dio::MakeRowError(spec_, row.rec, key.column, value, key.code,
                                               Replace(key.message_zh, "{row}", first),
                                               Replace(key.message_en, "{row}", first)));
          ok = false;
        }
      }
    }
    row.bad = !ok;
    batch_.push_back(std::move(row));
    if (batch_.size() >= req_.batch_size) Flush();
  }

  TextDecoder dec_;
  EntityImporter& imp_;
  const dio::EntitySpec& spec_;
  RowContext ctx_;
  const ImportRequest& req_;
  ImportCounts* counts_;
  PassHooks hooks_;
  const WithRepo* with_repo_ = nullptr;
  bool stop_writing_on_bad_ = false;
  bool writing_ = true;
  bool done_ = false;
  bool header_done_ = false;
  PassResult res_;
  dio::CsvReader csv_;
  dio::HeaderMap map_;
  std::unordered_map<std::uint64_t, std::int64_t> seen_;
  std::vector<Row> batch_;
  std::vector<dio::RowError> pending_;
};

std::string AuditJson(const ImportJob& j) {
  return fmt::format(
      "{{\"job_id\":{},\"entity\":\"{}\",\"file_sha256\":\"{}\",\"bytes\":{},\"skip_bad\":{},"
      "\"rows\":{},\"inserted\":{},\"updated\":{},\"unchanged\":{},\"rejected\":{},"
      "\"errors\":{},\"warnings\":{},\"status\":\"{}\"}}",
      j.id, j.entity, j.file_sha256, j.bytes_total, j.skip_bad ? "true" : "false", j.counts.rows,
      j.counts.inserted, j.counts.updated, j.counts.unchanged, j.counts.rejected, j.errors_total,
      j.warnings_total, j.status);
}

}  // namespace

Id CreateJob(Store& store, const Actor& actor, const ImportRequest& req, std::int64_t bytes,
             const core::Clock& now) {
  ImportJob j;
  j.entity = req.entity;
  j.skip_bad = req.skip_bad;
  j.actor_login = actor.login;
  j.actor_id = actor.user_id;
  j.scope_region = actor.scope.region_prefix;
  j.file_name = req.file_name;
  j.bytes_total = bytes;
  j.created_at = core::Rfc3339(now.Now());
  j.owner = req.owner;
  j.heartbeat_at = j.created_at;
  Id id = 0;
  auto st = store.Write([&](Tx& tx) -> core::Status {
    id = tx.io().InsertJob(j);
    return {};
  });
  if (!st) throw std::runtime_error(st.error().message_en);
  return id;
}

ImportJob RunImport(Store& store, const ByteSource& src, const Actor& actor,
                    const ImportRequest& req, const ImportHooks& hooks, const core::Clock& now,
                    Id job_id) {
  if (job_id == 0) job_id = CreateJob(store, actor, req, src.Size(), now);
  ImportJob job;
  store.Read([&](Tx& tx) {
    if (auto j = tx.io().FindJob(job_id)) job = *j;
  });
  job.id = job_id;
  job.bytes_total = src.Size();
  std::vector<dio::RowError> stored;
  auto report = [&](const dio::RowError& e) {
    if (e.code.rfind("warning_", 0) == 0)
      ++job.warnings_total;
    else
      ++job.errors_total;
    if (stored.size() < req.max_stored_errors) stored.push_back(e);
    if (hooks.on_error) hooks.on_error(e);
  };
  auto finish = [&](const std::string& status, std::string zh, std::string en) {
    job.status = status;
    job.message_zh = std::move(zh);
    job.message_en = std::move(en);
    job.finished_at = core::Rfc3339(now.Now());
    auto st = store.Write([&](Tx& tx) -> core::Status {
      tx.io().UpdateJob(job);
      tx.io().AppendErrors(job.id, 1, stored);
      if (status != "succeeded")
        tx.audit().Append({actor.login, actor.user_id, "import.failed", "import_job",
                           std::to_string(job.id), "", AuditJson(job), req.request_id},
                          job.finished_at);
      return {};
    });
    if (!st) throw std::runtime_error(st.error().message_en);
    if (hooks.progress) hooks.progress(job);
    return job;
  };

  auto imp = MakeImporter(req.entity);
  if (!imp) {
    report({0, 0, "", req.entity, "unknown_entity", "未知的导入对象 " + req.entity,
            "unknown entity " + req.entity});
    return finish("failed", "未知的导入对象", "unknown entity");
  }
  std::unordered_map<std::string, std::string> levels;
  store.Read([&](Tx& tx) { levels = tx.io().RegionLevels(); });
  auto tp = now.Now();
  RowContext ctx{actor, core::CivilDateCst(tp), core::Rfc3339(tp), levels};
  ctx.job_id = job.id;

  // ---- one pass: check every row and write the good ones in ONE transaction ----
  // All-or-nothing: the first bad row rolls the transaction back (releasing the write lock at
  // once) and the rest of the file is only checked, in short read transactions, so that every
  // problem is still reported. With skip_bad the bad rows are left out and the rest commits.
  job.status = "importing";
  if (hooks.progress) hooks.progress(job);
  ImportCounts counts;
  PassHooks ph{report, req.skip_bad ? hooks.on_reject_header : nullptr,
               req.skip_bad ? hooks.on_reject : nullptr,
               [&](std::int64_t bytes, std::int64_t rows) {
                 job.bytes_done = bytes;
                 job.counts.rows = rows;
                 job.counts.inserted = counts.inserted;
                 job.counts.updated = counts.updated;
                 job.counts.unchanged = counts.unchanged;
                 if (hooks.progress) hooks.progress(job);
               }};
  Pass pass(src, *imp, ctx, req, &counts, ph);
  bool committed = false;
  auto st = store.Write([&](Tx& tx) -> core::Status {
    tx.io().BeginBulk(req.entity);
    pass.Run([&](const std::function<void(Tx&)>& fn) { fn(tx); }, !req.skip_bad);
    PassResult r = pass.Result();
    if (!pass.writing() || r.fatal || r.bad_rows == r.rows)
      return core::Fail(core::ErrorCode::kInvalid, "import_rejected", "", "");  // roll back
    tx.io().FinishBulk(counts.inserted + counts.updated);
    job.file_sha256 = r.sha256;
    job.encoding = r.encoding;
    job.counts.rows = r.rows;
    job.counts.rejected = r.bad_rows;
    job.counts.inserted = counts.inserted;
    job.counts.updated = counts.updated;
    job.counts.unchanged = counts.unchanged;
    job.status = "succeeded";
    // The outcome commits with the rows, so a crash after the commit never leaves a written
    // import looking unfinished (and failed by a peer as "nothing was written").
    tx.io().UpdateJob(job);
    tx.audit().Append({actor.login, actor.user_id, "import." + req.entity, "import_job",
                       std::to_string(job.id), "", AuditJson(job), req.request_id},
                      core::Rfc3339(now.Now()));
    committed = true;
    return {};
  });
  if (!st && st.error().id != "import_rejected") {
    report({0, 0, "", "", st.error().id, st.error().message_zh, st.error().message_en});
    job.counts.inserted = job.counts.updated = job.counts.unchanged = 0;
    return finish("failed", st.error().message_zh, st.error().message_en);
  }
  if (!committed) {
    counts = ImportCounts{};  // rolled back: nothing was written
    job.counts.inserted = job.counts.updated = job.counts.unchanged = 0;
    pass.StopWriting();
    if (!pass.done())
      pass.Run([&](const std::function<void(Tx&)>& fn) { store.Read([&](Tx& tx) { fn(tx); }); },
               false);
  }
  PassResult p = pass.Result();
  job.file_sha256 = p.sha256;
  job.encoding = p.encoding;
  job.counts.rows = p.rows;
  job.counts.rejected = p.bad_rows;
  if (p.fatal)
    return finish(
        "failed",
        "文件无法导入，未写入任何数据：" + (stored.empty() ? "" : stored.back().message_zh),
        "the file cannot be imported; nothing was written: " +
            (stored.empty() ? "" : stored.back().message_en));
  if (!committed && p.bad_rows > 0 && p.bad_rows < p.rows)
    return finish("failed",
                  fmt::format("发现 {} 处错误（{} 行），未写入任何数据；改正后重新导入，或用 "
                              "--skip-bad 只导入正确的行",
                              job.errors_total, p.bad_rows),
                  fmt::format("{} problems in {} rows; nothing was written. Fix them and import "
                              "again, or use skip-bad to import only the good rows",
                              job.errors_total, p.bad_rows));
  if (!committed) return finish("failed", "没有可导入的正确行", "no row is good enough to import");
  if (job.counts.inserted + job.counts.updated == 0)
    return finish(
        "succeeded",
        fmt::format("数据与数据库一致，未作任何修改（{} 行未变{}）", job.counts.unchanged,
                    job.counts.rejected ? fmt::format("，{} 行被拒绝", job.counts.rejected) : ""),
        fmt::format("nothing changed: {} rows already match the database{}", job.counts.unchanged,
                    job.counts.rejected ? fmt::format(", {} rejected", job.counts.rejected) : ""));
  return finish("succeeded",
                fmt::format("导入完成：新增 {}，更新 {}，未变 {}，拒绝 {}", job.counts.inserted,
                            job.counts.updated, job.counts.unchanged, job.counts.rejected),
                fmt::format("imported: {} inserted, {} updated, {} unchanged, {} rejected",
                            job.counts.inserted, job.counts.updated, job.counts.unchanged,
                            job.counts.rejected));
}

}  // namespace incunet::app::io
