#include <iostream>

#include "app/identity/service.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"

namespace incunet::cli {
namespace {

struct UserOpts {
  std::string db = kDefaultDb;
  std::string login;
  std::string role;
  std::string region;
  std::string display_name;
  std::vector<std::int64_t> carriers;
  std::vector<std::int64_t> enterprises;
  bool password_stdin = false;
};

std::string ReadPassword(bool from_stdin) {
  if (!from_stdin) return "";
  std::string pw;
  std::getline(std::cin, pw);
  return pw;
}

int Report(const core::Result<app::identity::UserRecord>& r, const std::string& generated,
           const char* verb) {
  if (!r) {
    std::cerr << "error: " << r.error().message_zh << " / " << r.error().message_en << "\n";
    return 1;
  }
  std::cout << verb << " " << r->login << " (" << r->role << ")";
  if (!generated.empty()) std::cout << "\npassword: " << generated;
  std::cout << std::endl;
  return 0;
}

}  // namespace

void AddUser(CLI::App& app, Commands& c) {
  auto* cmd = app.add_subcommand("user", "管理账户 / Manage accounts");
  cmd->require_subcommand(1);
  auto o = std::make_shared<UserOpts>();
  auto common = [o](CLI::App* s, bool scope) {
    s->add_option("--db", o->db, "SQLite file or postgresql://…");
    s->add_option("--login", o->login, "login name")->required();
    if (scope) {
      s->add_option(
          "--role", o->role,
          "national_admin|region_admin|carrier_operator|enterprise_member|investor|expert");
      s->add_option("--region", o->region, "region code prefix for region admins");
      s->add_option("--carrier", o->carriers, "carrier id (repeatable)");
      s->add_option("--enterprise", o->enterprises, "enterprise id (repeatable)");
    }
  };
  auto* add = cmd->add_subcommand("add", "新建账户 / Add an account");
  common(add, true);
  add->add_option("--name", o->display_name, "display name");
  add->add_flag("--password-stdin", o->password_stdin, "read the password from stdin");
  add->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::identity::IdentityService ids(*db.store, core::SystemClock::Instance(),
                                         HashParamsFromEnv());
      std::string generated;
      auto r = ids.CreateUser(
          app::Actor::Cli(),
          {o->login, o->display_name, o->role, o->region, o->carriers, o->enterprises},
          ReadPassword(o->password_stdin), &generated, "cli");
      return Report(r, generated, "created");
    };
  });
  auto* grant = cmd->add_subcommand("grant", "修改角色与范围 / Change role and scope");
  common(grant, true);
  grant->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::identity::IdentityService ids(*db.store, core::SystemClock::Instance(),
                                         HashParamsFromEnv());
      auto r = ids.Grant(app::Actor::Cli(), o->login,
                         {o->login, "", o->role, o->region, o->carriers, o->enterprises}, "cli");
      return Report(r, "", "granted");
    };
  });
  auto* revoke = cmd->add_subcommand("revoke", "停用账户并注销会话 / Disable an account");
  common(revoke, false);
  revoke->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::identity::IdentityService ids(*db.store, core::SystemClock::Instance(),
                                         HashParamsFromEnv());
      return Report(ids.Disable(app::Actor::Cli(), o->login, "cli"), "", "disabled");
    };
  });
  auto* reset = cmd->add_subcommand("reset", "重置密码 / Reset a password");
  common(reset, false);
  reset->add_flag("--password-stdin", o->password_stdin, "read the password from stdin");
  reset->callback([&c, o] {
    c.run = [o]() -> int {
      Opened db = OpenAndMigrate(o->db, 1, true);
      app::identity::IdentityService ids(*db.store, core::SystemClock::Instance(),
                                         HashParamsFromEnv());
      std::string generated;
      auto r = ids.SetPassword(app::Actor::Cli(), o->login, ReadPassword(o->password_stdin),
                               &generated, "cli");
      return Report(r, generated, "reset");
    };
  });
}

}  // namespace incunet::cli
