#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace incunet::cli {

// The selected subcommand stores its action here; Main runs it after parsing.
struct Commands {
  std::function<int()> run = [] { return 0; };
};

void AddServe(CLI::App& app, Commands& c);
void AddMigrate(CLI::App& app, Commands& c);
void AddUser(CLI::App& app, Commands& c);
void AddDemo(CLI::App& app, Commands& c);
void AddEvaluate(CLI::App& app, Commands& c);
void AddStats(CLI::App& app, Commands& c);
void AddAudit(CLI::App& app, Commands& c);
void AddImport(CLI::App& app, Commands& c);
void AddExport(CLI::App& app, Commands& c);
void AddOpenApi(CLI::App& app, Commands& c);

inline constexpr const char* kDefaultDb = "incunet.db";

}  // namespace incunet::cli
