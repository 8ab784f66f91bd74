// incunet export: any list within the caller's scope as CSV (streamed to the file) or .xlsx.
#include "app/io/export.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "export/table.hpp"

namespace incunet::cli {

void AddExport(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("export", "导出 CSV 或 Excel / Export a list as CSV or .xlsx");
  struct Opts {
    std::string db = kDefaultDb;
    std::string entity;
    std::string region;
    std::string format;
    std::string out;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://…");
  cmd->add_option("--entity", o->entity,
                  "carriers | recognitions | enterprises | incubations | qualifications | "
                  "listings | returns | return_incubatees")
      ->required()
      ->check(CLI::IsMember({"carriers", "recognitions", "enterprises", "incubations",
                             "qualifications", "listings", "returns", "return_incubatees"}));
  cmd->add_option("--region", o->region, "region code prefix, e.g. 44 or 4403");
  cmd->add_option("--format", o->format, "csv | xlsx (default: from --out)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  cmd->add_option("--out", o->out, "output file")->required();
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 2, true);
      std::string fmt_name =
          o->format.empty() ? (o->out.ends_with(".xlsx") ? "xlsx" : "csv") : o->format;
      app::io::ExportQuery q{o->entity, o->region};
      std::int64_t n = -1;
      core::Status st;
      if (fmt_name == "csv") {
        std::string tmp = o->out + ".part";
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw std::runtime_error("cannot write " + o->out);
        f << "\xEF\xBB\xBF";
        st = app::io::ExportRows(*db.store, app::Actor::Cli(), q,
                                 [&](const std::vector<std::string>& r) {
                                   f << domain::io::CsvLine(r);
                                   ++n;
                                 });
        f.close();
        if (!st || !f) {
          std::remove(tmp.c_str());
        } else {
          std::rename(tmp.c_str(), o->out.c_str());
        }
      } else {
        exporter::Table t;
        t.sheet_name = o->entity;
        st = app::io::ExportRows(*db.store, app::Actor::Cli(), q,
                                 [&](const std::vector<std::string>& r) {
                                   if (++n == 0)
                                     t.headers = r;
                                   else
                                     t.rows.push_back(r);
                                 });
        if (st) {
          std::ofstream f(o->out, std::ios::binary | std::ios::trunc);
          f << exporter::ToXlsx(t);
        }
      }
      if (!st) {
        std::cerr << "error: " << st.error().message_zh << " / " << st.error().message_en << "\n";
        return 1;
      }
      std::cout << "exported " << n << " rows to " << o->out << std::endl;
      return 0;
    };
  });
}

}  // namespace incunet::cli
