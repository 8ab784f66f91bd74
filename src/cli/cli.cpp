#include "cli/cli.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/registry/bootstrap.hpp"
#include "app/standards/service.hpp"
#include "cli/commands.hpp"

#ifndef INCUNET_VERSION
#define INCUNET_VERSION "dev"
#endif

namespace incunet::cli {

app::identity::HashParams HashParamsFromEnv() {
  const char* fast = std::getenv("INCUNET_FAST_PWHASH");
  if (fast && std::string(fast) == "1") return app::identity::HashParams::Fast();
  return app::identity::HashParams::Moderate();
}

// The shipped rule files become version rows when absent; afterwards the database rules.
static void SeedShippedRuleSets(app::Store& store, bool quiet) {
  app::standards::StandardsService svc(store, core::SystemClock::Instance());
  auto seeded = svc.SeedShipped();
  if (!seeded)
    throw std::runtime_error(seeded.error().message_zh + " / " + seeded.error().message_en);
  if (!quiet && *seeded) std::cerr << "loaded " << *seeded << " shipped rule-set versions\n";
}

Opened OpenAndMigrate(const std::string& url, int pool_size, bool quiet) {
  Opened o;
  try {
    o.db = storage::Database::Open({url, pool_size});
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot open database / 无法打开数据库: ") + e.what());
  }
  std::string report;
  auto st = storage::Migrate(*o.db, &report);
  if (!st) throw std::runtime_error(st.error().message_zh + " / " + st.error().message_en);
  if (!quiet && !report.empty()) std::cerr << report;
  o.store = std::make_unique<storage::SqlStore>(*o.db);
  std::size_t n = app::registry::EnsureRegions(*o.store, core::SystemClock::Instance());
  if (!quiet && n) std::cerr << "loaded " << n << " regions\n";
  SeedShippedRuleSets(*o.store, quiet);
  return o;
}

int Main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "libsodium failed to initialise\n";
    return 1;
  }
  CLI::App app{"IncuNet — 全国孵化\"一张网\" national incubation network platform"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("incunet ") + INCUNET_VERSION);
  Commands cmds;
  AddServe(app, cmds);
  AddMigrate(app, cmds);
  AddUser(app, cmds);
  AddDemo(app, cmds);
  AddEvaluate(app, cmds);
  AddStats(app, cmds);
  AddAudit(app, cmds);
  AddImport(app, cmds);
  AddExport(app, cmds);
  AddOpenApi(app, cmds);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return cmds.run();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace incunet::cli
