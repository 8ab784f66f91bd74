#include "app/io/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "app/io/entities.hpp"
#include "app/time_util.hpp"
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

PassResult RunPass(const ByteSource& src, EntityImporter& imp, RowContext ctx,
                   const ImportRequest& req, bool write, const WithRepo& with_repo,
                   ImportCounts* counts, const PassHooks& hooks) {
  PassResult res;
  const dio::EntitySpec& spec = imp.Spec();
  TextDecoder dec(src.Open());
  dio::CsvReader csv;
  bool header_done = false, stop = false;
  dio::HeaderMap map;
  std::unordered_map<std::uint64_t, std::int64_t> seen;
  std::vector<Row> batch;
  batch.reserve(req.batch_size);
  std::vector<dio::RowError> pending;
  auto fatal = [&](dio::RowError e) {
    res.fatal = true;
    stop = true;
    if (hooks.error) hooks.error(e);
  };

  auto flush = [&] {
    std::vector<Row*> good;
    for (auto& r : batch)
      if (!r.bad) good.push_back(&r);
    if (!good.empty())
      with_repo([&](Tx& tx) {
        IoRepo& repo = tx.io();
        ctx.tx = &tx;
        imp.CheckBatch(repo, ctx, good, &pending);
        if (write) {
          std::vector<Row*> ok;
          for (Row* r : good)
            if (!r->bad) ok.push_back(r);
          imp.WriteBatch(repo, ctx, ok, counts);
        }
      });
    std::stable_sort(pending.begin(), pending.end(),
                     [](const dio::RowError& a, const dio::RowError& b) { return a.row < b.row; });
    std::size_t e = 0;
    for (auto& r : batch) {
      std::vector<dio::RowError> mine;
      while (e < pending.size() && pending[e].row < r.rec.row) ++e;
      while (e < pending.size() && pending[e].row == r.rec.row) mine.push_back(pending[e++]);
      if (!r.bad) {
        // A good row's findings are warnings (code warning_…): reported, not rejected.
        if (hooks.error)
          for (const auto& x : mine) hooks.error(x);
        continue;
      }
      ++res.bad_rows;
      if (hooks.error)
        for (const auto& x : mine) hooks.error(x);
      if (hooks.reject) hooks.reject(r.rec, mine);
    }
    batch.clear();
    pending.clear();
    if (hooks.progress) hooks.progress(dec.bytes_read(), res.rows);
  };

  auto on_record = [&](dio::CsvRecord& rec) {
    if (stop) return;
    if (!header_done) {
      header_done = true;
      auto errs = dio::ResolveHeader(spec, rec, &map);
      if (!errs.empty()) {
        for (std::size_t i = 0; i + 1 < errs.size(); ++i)
          if (hooks.error) hooks.error(errs[i]);
        fatal(errs.back());
        return;
      }
      ctx.present.assign(spec.columns.size(), false);
      for (std::size_t c = 0; c < spec.columns.size(); ++c)
        ctx.present[c] = map.column_field[c] >= 0;
      if (hooks.reject_header) {
        auto h = rec.fields;
        h.push_back("错误原因");
        hooks.reject_header(h);
      }
      return;
    }
    ++res.rows;
    Row row;
    row.rec = std::move(rec);
    bool ok = dio::NormalizeRow(spec, map, row.rec, &row.values, &pending);
    if (ok) ok = imp.CheckRow(ctx, row, &pending);
    if (ok) {
      for (std::size_t k = 0; k < row.keys.size(); ++k) {
        const UniqueKey& key = row.keys[k];
        auto [it, inserted] = seen.emplace(Hash64(std::to_string(k), key.key), row.rec.row);
        if (!inserted) {
          std::string first = std::to_string(it->second);
          std::string value = row.values[spec.At(key.column)];
          pending.push_back(dio::MakeRowError(spec, row.rec, key.column, value, key.code,
                                              Replace(key.message_zh, "{row}", first),
                                              Replace(key.message_en, "{row}", first)));
          ok = false;
        }
      }
    }
    row.bad = !ok;
    batch.push_back(std::move(row));
    if (batch.size() >= req.batch_size) flush();
  };

  std::string chunk;
  for (;;) {
    auto more = dec.Next(&chunk);
    if (!more) {
      const auto& e = more.error();
      std::int64_t line = 0;
      if (auto it = e.details.find("line"); it != e.details.end()) line = std::stoll(it->second);
      flush();
      fatal({0, line, "", "", e.id, e.message_zh, e.message_en});
      break;
    }
    if (!*more) break;
    csv.Feed(chunk, on_record);
    if (stop) break;
  }
  if (!stop) {
    csv.Finish(on_record);
    flush();
  }
  res.encoding = dec.encoding();
  res.sha256 = dec.Sha256Hex();
  res.bytes = dec.bytes_read();
  if (res.fatal) return res;
  if (!header_done) {
    fatal({0, 0, "", "", "empty_file", "文件为空（没有表头行）",
           "the file is empty (no header row)"});
  } else if (res.rows == 0) {
    fatal({0, 0, "", "", "no_rows", "文件只有表头，没有数据行",
           "the file has a header but no data rows"});
  }
  return res;
}

std::string AuditJson(const ImportJob& j) {
  return fmt::format(
      "{{\"job_id\":{},\"entity\":\"{}\",\"file_sha256\":\"{}\",\"bytes\":{},\"skip_bad\":{},"
      "\"rows\":{},\"inserted\":{},\"updated\":{},\"unchanged\":{},\"rejected\":{},"
      "\"errors\":{},\"status\":\"{}\"}}",
      j.id, j.entity, j.file_sha256, j.bytes_total, j.skip_bad ? "true" : "false", j.counts.rows,
      j.counts.inserted, j.counts.updated, j.counts.unchanged, j.counts.rejected, j.errors_total,
      j.status);
}

}  // namespace

Id CreateJob(Store& store, const Actor& actor, const ImportRequest& req, std::int64_t bytes,
             const NowFn& now) {
  ImportJob j;
  j.entity = req.entity;
  j.skip_bad = req.skip_bad;
  j.actor_login = actor.login;
  j.actor_id = actor.user_id;
  j.scope_region = actor.scope.region_prefix;
  j.file_name = req.file_name;
  j.bytes_total = bytes;
  j.created_at = Rfc3339(now());
  Id id = 0;
  auto st = store.Write([&](Tx& tx) -> core::Status {
    id = tx.io().InsertJob(j);
    return {};
  });
  if (!st) throw std::runtime_error(st.error().message_en);
  return id;
}

ImportJob RunImport(Store& store, const ByteSource& src, const Actor& actor,
                    const ImportRequest& req, const ImportHooks& hooks, const NowFn& now,
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
    ++job.errors_total;
    if (stored.size() < req.max_stored_errors) stored.push_back(e);
    if (hooks.on_error) hooks.on_error(e);
  };
  auto progress = [&](std::int64_t bytes, std::int64_t rows) {
    job.bytes_done = bytes;
    job.counts.rows = rows;
    if (hooks.progress) hooks.progress(job);
  };
  auto finish = [&](const std::string& status, std::string zh, std::string en) {
    job.status = status;
    job.message_zh = std::move(zh);
    job.message_en = std::move(en);
    job.finished_at = Rfc3339(now());
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
  auto tp = now();
  RowContext ctx{actor, CivilDateCst(tp), Rfc3339(tp), levels};
  ctx.job_id = job.id;

  // ---- pass 1: validate everything, write nothing ----
  job.status = "validating";
  if (hooks.progress) hooks.progress(job);
  ImportCounts scratch;
  PassHooks h1{report, req.skip_bad ? hooks.on_reject_header : nullptr,
               req.skip_bad ? hooks.on_reject : nullptr, progress};
  PassResult p1 = RunPass(
      src, *imp, ctx, req, false,
      [&](const std::function<void(Tx&)>& fn) { store.Read([&](Tx& tx) { fn(tx); }); },
      &scratch, h1);
  job.file_sha256 = p1.sha256;
  job.encoding = p1.encoding;
  job.counts.rows = p1.rows;
  job.counts.rejected = p1.bad_rows;
  if (p1.fatal)
    return finish(
        "failed",
        "文件无法导入，未写入任何数据：" + (stored.empty() ? "" : stored.back().message_zh),
        "the file cannot be imported; nothing was written: " +
            (stored.empty() ? "" : stored.back().message_en));
  if (p1.bad_rows > 0 && !req.skip_bad)
    return finish("failed",
                  fmt::format("发现 {} 处错误（{} 行），未写入任何数据；改正后重新导入，或用 "
                              "--skip-bad 只导入正确的行",
                              job.errors_total, p1.bad_rows),
                  fmt::format("{} problems in {} rows; nothing was written. Fix them and import "
                              "again, or use skip-bad to import only the good rows",
                              job.errors_total, p1.bad_rows));
  if (p1.bad_rows == p1.rows)
    return finish("failed", "没有可导入的正确行", "no row is good enough to import");

  // ---- pass 2: one transaction, upsert by natural key, one audit row ----
  job.status = "writing";
  if (hooks.progress) hooks.progress(job);
  ImportCounts counts;
  PassHooks h2{nullptr, nullptr, nullptr, [&](std::int64_t bytes, std::int64_t) {
                 job.bytes_done = bytes;
                 job.counts.inserted = counts.inserted;
                 job.counts.updated = counts.updated;
                 job.counts.unchanged = counts.unchanged;
                 if (hooks.progress) hooks.progress(job);
               }};
  auto st = store.Write([&](Tx& tx) -> core::Status {
    tx.io().BeginBulk(req.entity, p1.rows - p1.bad_rows);
    PassResult p2 = RunPass(
        src, *imp, ctx, req, true, [&](const std::function<void(Tx&)>& fn) { fn(tx); },
        &counts, h2);
    tx.io().FinishBulk();
    if (p2.fatal || p2.bad_rows != p1.bad_rows || p2.sha256 != p1.sha256)
      return core::Fail(core::ErrorCode::kConflict, "data_changed",
                        "导入过程中数据库或文件发生了变化，已全部撤销，请重新导入",
                        "the database or the file changed during the import; everything was "
                        "rolled back; import again");
    job.counts.inserted = counts.inserted;
    job.counts.updated = counts.updated;
    job.counts.unchanged = counts.unchanged;
    job.status = "succeeded";
    tx.audit().Append({actor.login, actor.user_id, "import." + req.entity, "import_job",
                       std::to_string(job.id), "", AuditJson(job), req.request_id},
                      Rfc3339(now()));
    return {};
  });
  if (!st) {
    report({0, 0, "", "", st.error().id, st.error().message_zh, st.error().message_en});
    job.counts.inserted = job.counts.updated = job.counts.unchanged = 0;
    return finish("failed", st.error().message_zh, st.error().message_en);
  }
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
