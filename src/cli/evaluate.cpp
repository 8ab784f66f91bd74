#include <chrono>
#include <iostream>

#include "app/actor.hpp"
#include "app/standards/service.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"

namespace incunet::cli {
namespace {

// "[#########-----------]  45%" on one line, redrawn in place.
void DrawProgress(std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  int pct = total ? static_cast<int>(done * 100 / total) : 100;
  int filled = pct * kWidth / 100;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "] " << pct
            << "%" << std::flush;
}

}  // namespace

void AddEvaluate(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand(
      "evaluate", "按规则集评价全部主体并保存结果 / Evaluate every subject against a rule set");
  struct Opts {
    std::string db = kDefaultDb;
    std::string rules;
    std::string date;
    std::string region;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://…");
  cmd->add_option("--rules", o->rules, "rule-set id, e.g. RS-MIIT-2025-STANDARD")->required();
  cmd->add_option("--date", o->date, "evaluation date YYYY-MM-DD (default: today)");
  cmd->add_option("--region", o->region, "region code prefix, e.g. 44 or 4403");
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 2, /*quiet=*/true);
      app::standards::StandardsService svc(*db.store, core::SystemClock::Instance());
      auto t0 = std::chrono::steady_clock::now();
      auto rep = svc.EvaluateAll(app::Actor::Cli(), o->rules, o->date, o->region, DrawProgress,
                                 "cli-evaluate");
      std::cerr << "\n";
      if (!rep) {
        std::cerr << "error: " << rep.error().message_zh << " / " << rep.error().message_en << "\n";
        return 1;
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::cout << rep->rule_set_id << " v" << rep->version << " on " << rep->as_of << ": "
                << rep->subjects << " " << rep->subject_type << " subject(s) in " << secs << " s; "
                << rep->written << " verdict(s) stored or changed\n";
      for (const auto& [outcome, n] : rep->outcomes)
        std::cout << "  " << outcome << ": " << n << "\n";
      for (const auto& [grade, n] : rep->grades)
        std::cout << "  grade " << grade << ": " << n << "\n";
      return 0;
    };
  });
}

}  // namespace incunet::cli
