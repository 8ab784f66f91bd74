#include "core/limits.hpp"
#include "domain/identity/rules.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

Json UserJson(const app::identity::UserRecord& u) {
  return Json{{"id", u.id},
              {"login", u.login},
              {"display_name", u.display_name},
              {"role", u.role},
              {"scope_region", u.scope_region.empty() ? Json(nullptr) : Json(u.scope_region)},
              {"carrier_ids", u.carrier_ids},
              {"enterprise_ids", u.enterprise_ids},
              {"status", u.status},
              {"created_at", u.created_at}};
}

Json MeJson(const app::Actor& a) {
  Json scope{{"kind", "none"}};
  switch (a.scope.kind) {
    case app::Scope::Kind::kNational:
      scope["kind"] = "national";
      break;
    case app::Scope::Kind::kRegion:
      scope = {{"kind", "region"}, {"region", a.scope.region_prefix}};
      break;
    case app::Scope::Kind::kCarriers:
      scope = {{"kind", "carriers"}, {"carrier_ids", a.scope.carrier_ids}};
      break;
    case app::Scope::Kind::kEnterprises:
      scope = {{"kind", "enterprises"}, {"enterprise_ids", a.scope.enterprise_ids}};
      break;
    case app::Scope::Kind::kPublic:
      scope["kind"] = "public";
      break;
    case app::Scope::Kind::kNone:
      break;
  }
  return Json{
      {"id", a.user_id}, {"login", a.login}, {"role", app::RoleName(a.role)}, {"scope", scope}};
}

// The shapes above, for the API contract.
app::schema::Components IdentitySchemas() {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  namespace idn = domain::identity;
  Json roles = Enum({"national_admin", "region_admin", "carrier_operator", "enterprise_member",
                     "investor", "expert"});
  Json user = Object({{"id", Id()},
                      {"login", Str(idn::kMaxLoginBytes)},
                      {"display_name", Str(core::limits::kNameChars)},
                      {"role", roles},
                      {"scope_region", Nullable(Str())},
                      {"carrier_ids", Array(Id())},
                      {"enterprise_ids", Array(Id())},
                      {"status", Enum({"active", "disabled"})},
                      {"created_at", DateTime()}});
  Json scope =
      Object({{"kind", Enum({"none", "public", "national", "region", "carriers", "enterprises"})},
              Opt("region", Str()),
              Opt("carrier_ids", Array(Id())),
              Opt("enterprise_ids", Array(Id()))});
  Json me = Object({{"id", Id()},
                    {"login", Str()},
                    {"role", Enum({"public", "national_admin", "region_admin", "carrier_operator",
                                   "enterprise_member", "investor", "expert"})},
                    {"scope", scope},
                    Opt("display_name", Str())});
  return {
      {"User", user},
      {"UserWithPassword",
       Extend(user, {Opt("initial_password", Describe(Str(), "shown once, to the admin"))})},
      {"Me", me},
      {"Session", Object({{"user", Ref("Me")},
                          {"csrf_token", Describe(Str(), "send as X-CSRF-Token with the cookie")},
                          {"token", Describe(Str(), "a bearer token for this session")}})},
      {"CurrentUser", Object({{"user", Ref("Me")}, {"csrf_token", Str()}})},
      {"NewUser",
       Object({{"login", Str(idn::kMaxLoginBytes)},
               Opt("display_name", Str(core::limits::kNameChars)),
               {"role", roles},
               Opt("scope_region", Nullable(Str())),
               Opt("carrier_ids", Array(Id())),
               Opt("enterprise_ids", Array(Id())),
               Opt("password", Describe(Str(), "omitted: a one-time password is made"))})},
      {"Grant", Object({Opt("role", roles), Opt("scope_region", Nullable(Str())),
                        Opt("carrier_ids", Array(Id())), Opt("enterprise_ids", Array(Id()))})},
      {"Status", Object({{"status", Str()}})}};
}

std::string SessionCookie(const std::string& token, bool secure, int max_age) {
  return "incunet_session=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

void ReadNewUser(app::JsonReader& jr, app::identity::NewUser& u, std::string& password) {
  jr.Str("login", u.login, true);
  jr.Str("display_name", u.display_name);
  jr.Str("role", u.role, true);
  std::optional<std::string> region;
  jr.OptStr("scope_region", region);
  u.scope_region = region.value_or("");
  jr.IntList("carrier_ids", u.carrier_ids);
  jr.IntList("enterprise_ids", u.enterprise_ids);
  jr.Str("password", password);
}

}  // namespace

void RegisterIdentityRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.AddSchemas(IdentitySchemas());
  r.Add({"POST", "/api/v1/auth/login", Access::kPublic, "identity", "登录 / Log in",
         [&s](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::string login, password;
           app::JsonReader jr(*body);
           jr.Str("login", login, true);
           jr.Str("password", password, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto res = s.identity.Login(login, password, req.remote_addr);
           if (!res) return ErrorResponse(res.error(), ctx);
           Json me = MeJson(res->actor);
           me["display_name"] = res->user.display_name;
           auto out = JsonResponse(
               200, Json{{"user", me}, {"csrf_token", res->csrf_token}, {"token", res->token}});
           out.Set("Set-Cookie", SessionCookie(res->token, s.options.secure_cookies, 12 * 3600));
           return out;
         },
         Json{{"login", "example-user"}, {"password", "correct horse battery"}}})
      .Op("login")
      .Takes(Object({{"login", Str()}, {"password", Str()}}))
      .Returns(Ref("Session"))
      .Errors({429});
  r.Add({"POST", "/api/v1/auth/logout", Access::kLoggedIn, "identity", "退出登录 / Log out",
         [&s](Request& req, Ctx&) {
           const std::string& auth = req.Header("authorization");
           s.identity.Logout(auth.starts_with("Bearer ") ? auth.substr(7)
                                                         : req.Cookie("incunet_session"));
           Response out = JsonResponse(200, Json{{"status", "logged_out"}});
           out.Set("Set-Cookie", SessionCookie("", s.options.secure_cookies, 0));
           return out;
         }})
      .Op("logout")
      .Returns(Ref("Status"));
  r.Add({"GET", "/api/v1/auth/me", Access::kLoggedIn, "identity", "当前用户 / Current user",
         [&s](Request& req, Ctx& ctx) {
           std::string csrf;
           std::string token = req.Header("authorization").starts_with("Bearer ")
                                   ? req.Header("authorization").substr(7)
                                   : req.Cookie("incunet_session");
           s.identity.Authenticate(token, &csrf);
           return JsonResponse(200, Json{{"user", MeJson(ctx.actor)}, {"csrf_token", csrf}});
         }})
      .Op("getCurrentUser")
      .Returns(Ref("CurrentUser"));
  r.Add({"POST", "/api/v1/auth/password", Access::kLoggedIn, "identity",
         "修改密码 / Change password",
         [&s](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::string old_pw, new_pw;
           app::JsonReader jr(*body);
           jr.Str("old_password", old_pw, true);
           jr.Str("new_password", new_pw, true);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           if (auto st = s.identity.ChangePassword(ctx.actor, old_pw, new_pw); !st)
             return ErrorResponse(st.error(), ctx);
           return JsonResponse(200, Json{{"status", "changed"}});
         },
         Json{{"old_password", "old secret value"}, {"new_password", "new secret value"}}})
      .Op("changePassword")
      .Takes(Object({{"old_password", Str()}, {"new_password", Str()}}))
      .Returns(Ref("Status"));
  r.Add({"POST", "/api/v1/auth/tokens", Access::kLoggedIn, "identity",
         "创建 API 令牌 / Create an API token",
         [&s](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           std::string label;
           std::int64_t days = 90;
           app::JsonReader jr(*body);
           jr.Str("label", label, true);
           jr.Int("days", days);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto t =
               s.identity.CreateApiToken(ctx.actor, label, static_cast<int>(days), ctx.request_id);
           if (!t) return ErrorResponse(t.error(), ctx);
           return JsonResponse(201, Json{{"token", *t}, {"label", label}, {"days", days}});
         },
         Json{{"label", "statistics sync"}, {"days", 30}}, 201})
      .Op("createApiToken")
      .Takes(Object({{"label", Str(core::limits::kShortTextChars)}, Opt("days", Int(1, 366))}))
      .Returns(Object({{"token", Str()}, {"label", Str()}, {"days", Int()}}));
  r.Add({"GET",
         "/api/v1/users",
         Access::kAdmin,
         "identity",
         "用户列表 / List users",
         [&s](Request& req, Ctx& ctx) {
           auto p = ReadPage(req);
           if (!p) return ErrorResponse(p.error(), ctx);
           auto page = s.identity.ListUsers(ctx.actor, *p);
           Json items = Json::array();
           for (const auto& u : page.items) items.push_back(UserJson(u));
           return JsonResponse(200, PageJson(items, page.next_cursor, page.total));
         },
         {},
         200,
         {"limit", "cursor"}})
      .Op("listUsers")
      .Returns(Page(Ref("User")));
  r.Add({"POST", "/api/v1/users", Access::kAdmin, "identity", "创建用户 / Create a user",
         [&s](Request& req, Ctx& ctx) {
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           app::identity::NewUser nu;
           std::string password, generated;
           app::JsonReader jr(*body);
           ReadNewUser(jr, nu, password);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           auto u = s.identity.CreateUser(ctx.actor, nu, password, &generated, ctx.request_id);
           if (!u) return ErrorResponse(u.error(), ctx);
           Json out = UserJson(*u);
           // A generated password is shown once, to the admin who created the account.
           if (!generated.empty()) out["initial_password"] = generated;
           Response res = JsonResponse(201, out);
           res.Set("Location", "/api/v1/users/" + std::to_string(u->id));
           return res;
         },
         Json{{"login", "sz-operator"},
              {"display_name", "深圳某孵化器运营"},
              {"role", "carrier_operator"},
              {"carrier_ids", Json::array()}},
         201})
      .Op("createUser")
      .Takes(Ref("NewUser"))
      .Returns(Ref("UserWithPassword"))
      .Errors({409});
  auto managed = [&s](Request& req, Ctx& ctx) -> core::Result<app::identity::UserRecord> {
    auto id = PathId(req);
    if (!id) return tl::unexpected(id.error());
    auto u = s.identity.FindManagedUser(ctx.actor, *id);
    if (!u) return core::Fail(core::NotFound("用户", "user"));
    return *u;
  };
  r.Add({"POST", "/api/v1/users/{id}/grant", Access::kAdmin, "identity",
         "修改角色与数据范围 / Change a user's role and scope",
         [&s, managed](Request& req, Ctx& ctx) {
           auto u = managed(req, ctx);
           if (!u) return ErrorResponse(u.error(), ctx);
           auto body = app::ParseJsonBody(req.body);
           if (!body) return ErrorResponse(body.error(), ctx);
           // Fields left out keep their current value.
           app::identity::NewUser change{u->login,        u->display_name, u->role,
                                         u->scope_region, u->carrier_ids,  u->enterprise_ids};
           std::optional<std::string> region = u->scope_region;
           app::JsonReader jr(*body);
           jr.Str("role", change.role);
           jr.OptStr("scope_region", region);
           jr.IntList("carrier_ids", change.carrier_ids);
           jr.IntList("enterprise_ids", change.enterprise_ids);
           if (auto st = jr.Finish(); !st) return ErrorResponse(st.error(), ctx);
           change.scope_region = region.value_or("");
           auto res = s.identity.Grant(ctx.actor, u->login, change, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, UserJson(*res));
         },
         Json{{"carrier_ids", Json::array()}}})
      .Op("grantUser")
      .Takes(Ref("Grant"))
      .Returns(Ref("User"));
  r.Add({"POST", "/api/v1/users/{id}/disable", Access::kAdmin, "identity",
         "停用账户并注销其会话 / Disable an account and end its sessions",
         [&s, managed](Request& req, Ctx& ctx) {
           auto u = managed(req, ctx);
           if (!u) return ErrorResponse(u.error(), ctx);
           auto res = s.identity.Disable(ctx.actor, u->login, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           return JsonResponse(200, UserJson(*res));
         },
         Json::object()})
      .Op("disableUser")
      .Takes(Object({}))
      .Returns(Ref("User"));
  r.Add({"POST", "/api/v1/users/{id}/reset-password", Access::kNational, "identity",
         "重置密码（生成一次性密码）/ Reset a password (one-time password)",
         [&s, managed](Request& req, Ctx& ctx) {
           auto u = managed(req, ctx);
           if (!u) return ErrorResponse(u.error(), ctx);
           std::string generated;
           auto res = s.identity.SetPassword(ctx.actor, u->login, "", &generated, ctx.request_id);
           if (!res) return ErrorResponse(res.error(), ctx);
           Json out = UserJson(*res);
           out["initial_password"] = generated;
           return JsonResponse(200, out);
         },
         Json::object()})
      .Op("resetPassword")
      .Takes(Object({}))
      .Returns(Ref("UserWithPassword"));
}

}  // namespace incunet::http
