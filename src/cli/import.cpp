// incunet import: bulk CSV import with a progress bar, every bad row reported.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/io/importer.hpp"
#include "app/io/jobs.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "domain/io/csv.hpp"

namespace incunet::cli {
namespace {

std::string Describe(const domain::io::RowError& e) {
  std::string where = e.row > 0 ? fmt::format("第 {} 行（文件第 {} 行）", e.row, e.line)
                                : (e.line > 0 ? fmt::format("文件第 {} 行", e.line) : "文件");
  if (!e.column.empty()) where += " [" + e.column + "]";
  if (!e.value.empty()) where += " 「" + e.value + "」";
  return fmt::format("{}: {} / {} ({})", where, e.message_zh, e.message_en, e.code);
}

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Show(const app::io::ImportJob& j) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    bool end = j.status == "succeeded" || j.status == "failed";
    if (!end && j.status == last_status_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    last_status_ = j.status;
    double frac = j.bytes_total > 0 ? double(j.bytes_done) / double(j.bytes_total) : 1.0;
    if (end) frac = 1.0;
    int width = 30, fill = static_cast<int>(frac * width);
    const char* phase = j.status == "importing" ? "导入 import" : "完成 done";
    std::cerr << fmt::format("\r{:<14} [{}{}] {:3.0f}%  {} 行 rows  {} 错误 errors ", phase,
                             std::string(fill, '#'), std::string(width - fill, '.'), frac * 100,
                             j.counts.rows, j.errors_total)
              << std::flush;
    if (end) std::cerr << "\n";
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
  std::string last_status_;
};

}  // namespace

void AddImport(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("import", "批量导入 CSV / Bulk import a CSV file");
  struct Opts {
    std::string db = kDefaultDb;
    std::string entity;
    std::string file;
    bool skip_bad = false;
    std::string rejects;
    bool quiet = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://…");
  cmd->add_option("--entity", o->entity,
                  "carriers | recognitions | enterprises | incubations | qualifications | "
                  "listings | returns | return_incubatees")
      ->required()
      ->check(CLI::IsMember({"carriers", "recognitions", "enterprises", "incubations",
                             "qualifications", "listings", "returns", "return_incubatees"}));
  cmd->add_option("file", o->file, "CSV file (UTF-8 or GB18030)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--skip-bad", o->skip_bad, "import the good rows, reject the bad ones");
  cmd->add_option("--rejects", o->rejects, "with --skip-bad: write rejected rows here (CSV)");
  cmd->add_flag("--quiet", o->quiet, "no progress bar");
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 2, true);
      auto src = app::io::FileSource(o->file);
      app::io::ImportRequest req;
      req.entity = o->entity;
      req.skip_bad = o->skip_bad;
      req.file_name = o->file;
      ProgressBar bar(!o->quiet && ::isatty(2));
      std::ofstream rejects;
      std::string rejects_tmp = o->rejects.empty() ? "" : o->rejects + ".part";
      if (!o->rejects.empty()) {
        rejects.open(rejects_tmp, std::ios::binary | std::ios::trunc);
        if (!rejects) throw std::runtime_error("cannot write " + o->rejects);
        rejects << "\xEF\xBB\xBF";
      }
      app::io::ImportHooks hooks;
      hooks.progress = [&](const app::io::ImportJob& j) { bar.Show(j); };
      hooks.on_error = [&](const domain::io::RowError& e) { std::cout << Describe(e) << "\n"; };
      if (!o->rejects.empty()) {
        hooks.on_reject_header = [&](const std::vector<std::string>& h) {
          rejects << domain::io::CsvLine(h);
        };
        hooks.on_reject = [&](const domain::io::CsvRecord& rec,
                              const std::vector<domain::io::RowError>& errs) {
          auto fields = rec.fields;
          std::string why;
          for (const auto& e : errs)
            why += (why.empty() ? "" : "；") + (e.column.empty() ? "" : e.column + "：") +
                   e.message_zh;
          fields.push_back(why);
          rejects << domain::io::CsvLine(fields);
        };
      }
      // The job is kept alive while it runs so that a server sharing the database does not
      // take it for the leftover of a crashed server.
      app::io::JobHeartbeat heartbeat(*db.store, core::SystemClock::Instance(),
                                      app::io::NewJobOwner(), {}, /*reap=*/false);
      req.owner = heartbeat.owner();
      auto job = app::io::RunImport(*db.store, *src, app::Actor::Cli(), req, hooks,
                                    core::SystemClock::Instance());
      if (!o->rejects.empty()) {
        rejects.close();
        if (job.status == "succeeded")
          std::rename(rejects_tmp.c_str(), o->rejects.c_str());
        else
          std::remove(rejects_tmp.c_str());
      }
      std::cout << fmt::format(
                       "job {} {}: {} rows, {} inserted, {} updated, {} unchanged, {} rejected, "
                       "{} errors{} (encoding {}, sha256 {})\n{}\n{}",
                       job.id, job.status, job.counts.rows, job.counts.inserted, job.counts.updated,
                       job.counts.unchanged, job.counts.rejected, job.errors_total,
                       job.warnings_total ? fmt::format(", {} warnings", job.warnings_total) : "",
                       job.encoding, job.file_sha256, job.message_zh, job.message_en)
                << std::endl;
      return job.status == "succeeded" ? 0 : 2;
    };
  });
}

}  // namespace incunet::cli
