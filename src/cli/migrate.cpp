// incunet migrate: applies the schema migrations of the database's dialect and prints the
// version reached.
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/commands.hpp"

namespace incunet::cli {

void AddMigrate(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("migrate", "升级数据库结构 / Apply database migrations");
  auto db = std::make_shared<std::string>(kDefaultDb);
  cmd->add_option("--db", *db, "SQLite file or postgresql://…");
  cmd->callback([&c, db] {
    c.run = [db]() -> int {
      Opened o = OpenAndMigrate(*db, 1);
      std::cout << "schema version " << storage::AppliedSchemaVersion(*o.db) << " ("
                << o.db->DialectName() << ")" << std::endl;
      return 0;
    };
  });
}

}  // namespace incunet::cli
