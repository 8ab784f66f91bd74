// `incunet stats`: the statistics from the command line (run by the machine's operator, national
// scope). `check` prints DOMAIN.md's figures against their targets and exits 1 on a miss;
// `summary` prints the JSON of GET /api/v1/stats/summary; `verify` recomputes from the raw rows
// and compares with the cached figures.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "app/stats/codec.hpp"
#include "app/stats/service.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "domain/demo/generator.hpp"

namespace incunet::cli {

void AddStats(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("stats", "统计 / Statistics");
  cmd->require_subcommand(1);
  struct Opts {
    std::string db = kDefaultDb;
    std::string scale = "national";
    std::string region;
    std::string as_of;
  };
  auto o = std::make_shared<Opts>();

  auto* check = cmd->add_subcommand(
      "check", "对照 DOMAIN.md 全国指标核验 / Check the figures against DOMAIN.md's targets");
  check->add_option("--db", o->db, "SQLite file or postgresql://…");
  check
      ->add_option("--scale", o->scale,
                   "the demo scale the data was generated at (targets scale with it)")
      ->check(CLI::IsMember({"small", "province", "national"}));
  check->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::stats::StatsService svc(*db.store, core::SystemClock::Instance());
      auto t0 = std::chrono::steady_clock::now();
      auto checks = svc.CheckTargets(domain::demo::ScaleFactor(o->scale));
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      bool ok = true;
      std::cout << fmt::format("{:<22} {:<8} {:<10} {:>14} {:>14} {:>14}  {}\n", "figure", "region",
                               "as of", "actual", "low", "high", "result");
      for (const auto& chk : checks) {
        ok = ok && chk.ok;
        std::cout << fmt::format(
            "{:<22} {:<8} {:<10} {:>14.4f} {:>14.4f} {:>14.4f}  {}\n", chk.target.key,
            chk.target.region.empty() ? "100000" : chk.target.region, chk.target.year, chk.actual,
            chk.low, chk.high, chk.ok ? "ok" : "MISS");
      }
      std::cout << fmt::format(
          "{} of {} figures within tolerance (computed from raw rows in "
          "{:.1f} s)\n",
          std::count_if(checks.begin(), checks.end(), [](const auto& x) { return x.ok; }),
          checks.size(), secs);
      return ok ? 0 : 1;
    };
  });

  auto* summary = cmd->add_subcommand("summary", "统计概览（JSON）/ Figures of a region as JSON");
  summary->add_option("--db", o->db, "SQLite file or postgresql://…");
  summary->add_option("--region", o->region, "region code; empty for the nation");
  summary->add_option("--as-of", o->as_of, "YYYY-MM-DD; empty for today");
  summary->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::stats::StatsService svc(*db.store, core::SystemClock::Instance());
      auto s = svc.GetSummary(app::Actor::Cli(), o->region, o->as_of);
      if (!s) {
        std::cerr << "error: " << s.error().message_zh << " / " << s.error().message_en << "\n";
        return 1;
      }
      std::cout << app::stats::ToJson(*s).dump(2) << std::endl;
      return 0;
    };
  });

  auto* verify = cmd->add_subcommand(
      "verify", "从原始记录重算并与缓存比对 / Rebuild from raw rows and compare with the cache");
  verify->add_option("--db", o->db, "SQLite file or postgresql://…");
  verify->add_option("--as-of", o->as_of, "YYYY-MM-DD; empty for today");
  verify->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::stats::StatsService svc(*db.store, core::SystemClock::Instance());
      auto live = svc.GetSummary(app::Actor::Cli(), "", o->as_of);
      auto again = svc.GetSummary(app::Actor::Cli(), "", o->as_of);  // served from the cache
      auto rebuilt = svc.Rebuild("", o->as_of);
      if (!live || !again || !rebuilt) {
        std::cerr << "error computing the figures\n";
        return 1;
      }
      bool same = live->figures == *rebuilt && again->figures == *rebuilt;
      std::cout << (same ? "the cached figures equal a rebuild from raw rows"
                         : "MISMATCH between cached figures and a rebuild from raw rows")
                << std::endl;
      return same ? 0 : 1;
    };
  });
}

}  // namespace incunet::cli
