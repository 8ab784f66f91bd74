#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "app/registry/bootstrap.hpp"
#include "cli/audit.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "storage/audit/checkpoint_file.hpp"

#ifndef INCUNET_VERSION
#define INCUNET_VERSION "dev"
#endif

namespace incunet::cli {
namespace {

// The console is found beside the checkout (web/dist) or beside the binary (../web/dist).
std::string FindWebRoot(const std::string& given) {
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  std::vector<fs::path> candidates = {fs::current_path() / "web" / "dist"};
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "web" / "dist");
  for (const auto& c : candidates)
    if (fs::exists(c / "index.html")) return c.string();
  return "";
}

}  // namespace

void AddServe(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("serve", "运行服务器 / Run the server (API + console)");
  struct Opts {
    std::string db = kDefaultDb;
    std::string listen = "127.0.0.1:8080";
    int threads = 0;
    std::string web_root;
    std::size_t body_limit = 1 << 20;
    std::string log_level = "info";
    std::string audit_checkpoint_key;
    std::string audit_checkpoint_out;
    int audit_checkpoint_every = 3600;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql://user:pass@host:port/db");
  cmd->add_option("--listen", o->listen, "HOST:PORT to listen on");
  cmd->add_option("--threads", o->threads, "I/O and request threads (default: max(4, cores))");
  cmd->add_option("--web-root", o->web_root, "directory of the built console");
  cmd->add_option("--body-limit", o->body_limit, "largest request body in bytes (413 beyond)");
  cmd->add_option("--log-level", o->log_level, "trace|debug|info|warn|error");
  auto* ck = cmd->add_option("--audit-checkpoint-key", o->audit_checkpoint_key,
                             "secret key file: write signed audit checkpoints while serving");
  auto* co = cmd->add_option("--audit-checkpoint-out", o->audit_checkpoint_out,
                             "checkpoint file to append to");
  ck->needs(co);
  co->needs(ck);
  cmd->add_option("--audit-checkpoint-every", o->audit_checkpoint_every,
                  "seconds between audit checkpoints (first one at start)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  cmd->callback([&c, o] {
    c.run = [o]() -> int {
      spdlog::set_level(spdlog::level::from_str(o->log_level));
      auto colon = o->listen.rfind(':');
      if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
      http::ServerOptions so;
      so.host = o->listen.substr(0, colon);
      so.port = static_cast<unsigned short>(std::stoi(o->listen.substr(colon + 1)));
      int cores = static_cast<int>(std::thread::hardware_concurrency());
      so.threads = o->threads > 0 ? o->threads : std::max(4, cores);
      so.body_limit = o->body_limit;
      Opened db = OpenAndMigrate(o->db, so.threads + 2);
      http::ApiOptions ao;
      ao.web_root = FindWebRoot(o->web_root);
      ao.version = INCUNET_VERSION;
      http::Api api(*db.store, core::SystemClock::Instance(), HashParamsFromEnv(), ao);
      std::string pw = app::registry::EnsureFirstAdmin(api.identity(), *db.store);
      if (!pw.empty())
        std::cout << "首次启动：已创建管理员 admin，一次性密码 / first start: created user "
                     "'admin' with one-time password: "
                  << pw << std::endl;
      std::unique_ptr<AuditCheckpointTimer> checkpoints;
      if (!o->audit_checkpoint_key.empty()) {
        // Fail at start, not an hour later, when the key cannot be used.
        auto sk = storage::ReadSecretKeyFile(o->audit_checkpoint_key);
        if (!sk) throw std::runtime_error(sk.error().message_zh + " / " + sk.error().message_en);
        checkpoints = std::make_unique<AuditCheckpointTimer>(
            *db.store, o->audit_checkpoint_key, o->audit_checkpoint_out,
            std::chrono::seconds(o->audit_checkpoint_every));
      }
      so.request_id = [&api] { return api.NextRequestId(); };
      http::Server server(so, [&api](http::Request& r) { return api.Handle(r); });
      unsigned short port = server.Listen();
      spdlog::info("IncuNet {} serving on http://{}:{} ({}; console: {})", INCUNET_VERSION, so.host,
                   port, db.db->DialectName(), ao.web_root.empty() ? "not built" : ao.web_root);
      std::cout << "listening on " << so.host << ":" << port << std::endl;
      server.Run(/*handle_signals=*/true);
      std::cout << "server stopped cleanly" << std::endl;
      return 0;
    };
  });
}

}  // namespace incunet::cli
