// incunet openapi: prints the OpenAPI document the server serves at /api/v1/openapi.json, without
// starting a server (the console build generates its API types from it). The route table needs
// its services, so they are built on a throwaway SQLite database that is removed afterwards.
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "http/api.hpp"

namespace incunet::cli {

void AddOpenApi(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand(
      "openapi", "打印 OpenAPI 文档（不启动服务）/ Print the OpenAPI document without serving");
  auto out = std::make_shared<std::string>();
  cmd->add_option("--out", *out, "write to this file instead of standard output");
  cmd->callback([&c, out] {
    c.run = [out]() -> int {
      namespace fs = std::filesystem;
      std::string tmpl = (fs::temp_directory_path() / "incunet-openapi.XXXXXX").string();
      if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
      fs::path dir(tmpl);
      std::string doc;
      {
        spdlog::set_level(spdlog::level::warn);
        Opened o = OpenAndMigrate((dir / "openapi.db").string(), 1, true);
        http::ApiOptions ao;
        ao.version = INCUNET_VERSION;
        http::Api api(*o.store, core::SystemClock::Instance(), HashParamsFromEnv(), ao);
        doc = http::BuildOpenApi(api.router(), ao.version).dump(2);
      }
      std::error_code ec;
      fs::remove_all(dir, ec);
      if (out->empty()) {
        std::cout << doc << "\n";
      } else {
        std::ofstream f(*out, std::ios::binary | std::ios::trunc);
        f << doc << "\n";
        if (!f) throw std::runtime_error("cannot write " + *out);
      }
      return 0;
    };
  });
}

}  // namespace incunet::cli
