#include <sys/stat.h>

#include <fstream>
#include <iostream>

#include "app/demo/loader.hpp"
#include "app/time_util.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "core/regions.hpp"

namespace incunet::cli {

void AddDemo(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("demo", "加载演示网络 / Load a demo network");
  struct Opts {
    std::string db = kDefaultDb;
    std::string scale = "small";
    std::uint64_t seed = 1;
    std::string accounts_file = "demo-accounts.txt";
    bool if_empty = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://…");
  cmd->add_option("--scale", o->scale, "small | province | national")
      ->check(CLI::IsMember({"small", "province", "national"}));
  cmd->add_option("--seed", o->seed, "random seed (same seed, same network)");
  cmd->add_option("--accounts-file", o->accounts_file,
                  "where the demo accounts' passwords are written (mode 0600)");
  cmd->add_flag("--if-empty", o->if_empty, "do nothing (exit 0) when carriers already exist");
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1);
      app::identity::IdentityService ids(*db.store, [] { return std::chrono::system_clock::now(); },
                                         HashParamsFromEnv());
      domain::demo::DemoSpec spec{o->scale, o->seed, "2025-12-31"};
      auto net = domain::demo::GenerateDemo(spec, core::BuiltinRegions());
      std::cerr << "generated " << net.carriers.size() << " carriers, " << net.enterprises.size()
                << " enterprises\n";
      auto rep = app::demo::LoadDemo(*db.store, ids, net,
                                     app::CivilDateCst(std::chrono::system_clock::now()),
                                     [](std::size_t d, std::size_t t) {
                                       std::cerr << "\rloading " << d << "/" << t << std::flush;
                                     });
      std::cerr << "\n";
      if (!rep) {
        if (o->if_empty && rep.error().id == "demo_present") {
          std::cout << "demo already present; nothing to do" << std::endl;
          return 0;
        }
        std::cerr << "error: " << rep.error().message_zh << " / " << rep.error().message_en
                  << "\n";
        return 1;
      }
      std::cout << "loaded " << rep->carriers << " carriers, " << rep->clusters << " clusters, "
                << rep->enterprises << " enterprises, " << rep->incubations << " incubations"
                << std::endl;
      if (!rep->accounts.empty()) {
        // Passwords go to a file only its owner can read, never to logs.
        ::umask(077);
        std::ofstream f(o->accounts_file, std::ios::trunc);
        for (const auto& a : rep->accounts) f << a.login << "\t" << a.role << "\t" << a.password << "\n";
        f.close();
        ::chmod(o->accounts_file.c_str(), 0600);
        std::cout << "demo accounts (one per role) written to " << o->accounts_file << std::endl;
      }
      return 0;
    };
  });
}

}  // namespace incunet::cli
