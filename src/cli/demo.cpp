#include <fmt/format.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

#include "app/demo/loader.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "core/regions.hpp"
#include "domain/demo/facts.hpp"
#include "domain/stats/targets.hpp"
#include "storage/demo/bulk_repo.hpp"

namespace incunet::cli {
namespace {

// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)) {}
  void operator()(std::size_t done, std::size_t total) {
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double r = total ? double(done) / double(total) : 1.0;
    int w = static_cast<int>(r * 30);
    std::cerr << fmt::format("\r{:<10} [{}{}] {:3.0f}% {}/{}", label_, std::string(w, '#'),
                             std::string(30 - w, ' '), r * 100, done, total)
              << std::flush;
  }
  ~ProgressBar() { std::cerr << "\n"; }

 private:
  std::string label_;
  std::chrono::steady_clock::time_point last_{};
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void AddDemo(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("demo", "加载演示网络 / Load a demo network");
  struct Opts {
    std::string db = kDefaultDb;
    std::string scale = "small";
    std::uint64_t seed = 1;
    std::string accounts_file = "demo-accounts.txt";
    bool if_empty = false;
    bool dry_run = false;
    bool series = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://…");
  cmd->add_option("--scale", o->scale, "small | province | national")
      ->check(CLI::IsMember({"small", "province", "national"}));
  cmd->add_option("--seed", o->seed, "random seed (same seed, same network)");
  cmd->add_option("--accounts-file", o->accounts_file,
                  "where the demo accounts' passwords are written (mode 0600)");
  cmd->add_flag("--if-empty", o->if_empty, "do nothing (exit 0) when carriers already exist");
  cmd->add_flag("--dry-run", o->dry_run,
                "generate only and check the figures of DOMAIN.md in memory (no database)");
  cmd->add_flag("--series", o->series,
                "with --dry-run: print the national series by year since 1987 as well");
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      auto t0 = std::chrono::steady_clock::now();
      domain::demo::DemoSpec spec{o->scale, o->seed, "2025-12-31"};
      domain::demo::DemoNetwork net;
      {
        ProgressBar bar("generating");
        net = domain::demo::GenerateDemo(spec, core::BuiltinRegions(), std::ref(bar));
      }
      std::cerr << fmt::format(
          "generated {} carriers, {} enterprises, {} incubations, {} events, {} financings in "
          "{:.1f} s\n",
          net.carriers.size(), net.enterprises.size(), net.incubations.size(), net.events.size(),
          net.financings.size(), Seconds(t0));
      if (o->dry_run) {
        auto facts = domain::demo::FactsOf(net, core::BuiltinRegions());
        std::map<domain::stats::Day, domain::stats::Cube> cubes;
        bool ok = true;
        for (const auto& chk : domain::stats::CheckTargets(
                 [&](const std::string&region, domain::stats::Day d) {
                   if (!cubes.count(d)) cubes[d] = domain::stats::ComputeCube(facts, d);
                   return cubes[d].regions[facts.FindRegion(region)];
                 },
                 domain::demo::ScaleFactor(o->scale))) {
          ok = ok && chk.ok;
          std::cout << fmt::format("{:<22} {:>14.4f}  [{:.4f}, {:.4f}]  {}\n", chk.target.key,
                                   chk.actual, chk.low, chk.high, chk.ok ? "ok" : "MISS");
        }
        if (o->series) {
          std::cout << "year  carriers  incubators  in_incubation  admitted_cum  graduated_cum  "
                       "tech_cum\n";
          std::size_t root = facts.FindRegion("");
          for (int y = 1987; y <= 2025; ++y) {
            auto cube = domain::stats::ComputeCube(facts, domain::stats::YearEnd(y));
            const auto& g = cube.regions[root];
            std::cout << fmt::format("{}  {:>8}  {:>10}  {:>13}  {:>12}  {:>13}  {:>8}\n", y,
                                     g.carriers, g.by_kind[domain::stats::kIncubator],
                                     g.IncubateesAndTeams(), g.admitted, g.graduated,
                                     g.tech_enterprises);
          }
        }
        return ok ? 0 : 1;
      }
      Opened db = OpenAndMigrate(o->db, 1);
      app::identity::IdentityService ids(*db.store, core::SystemClock::Instance(),
                                         HashParamsFromEnv());
      auto t1 = std::chrono::steady_clock::now();
      core::Result<app::demo::LoadReport> rep;
      {
        storage::BulkJournalMode journal(*db.db);
        ProgressBar bar("loading");
        rep = app::demo::LoadDemo(*db.store, core::SystemClock::Instance(), ids, net,
                                  core::CivilDateCst(core::SystemClock::Instance().Now()),
                                  std::ref(bar));
      }
      if (!rep) {
        if (o->if_empty && rep.error().id == "demo_present") {
          std::cout << "demo already present; nothing to do" << std::endl;
          return 0;
        }
        std::cerr << "error: " << rep.error().message_zh << " / " << rep.error().message_en << "\n";
        return 1;
      }
      std::cout << fmt::format(
                       "loaded {} carriers, {} clusters, {} enterprises, {} incubations, {} "
                       "events, {} financings, {} annual returns in {:.1f} s",
                       rep->carriers, rep->clusters, rep->enterprises, rep->incubations,
                       rep->events, rep->financings, rep->returns, Seconds(t1))
                << std::endl;
      if (!rep->accounts.empty()) {
        // Passwords go to a file only its owner can read, never to logs.
        ::umask(077);
        std::ofstream f(o->accounts_file, std::ios::trunc);
        for (const auto& a : rep->accounts)
          f << a.login << "\t" << a.role << "\t" << a.password << "\n";
        f.close();
        ::chmod(o->accounts_file.c_str(), 0600);
        std::cout << "demo accounts (one per role) written to " << o->accounts_file << std::endl;
      }
      return 0;
    };
  });
}

}  // namespace incunet::cli
