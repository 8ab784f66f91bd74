#include <fstream>
#include <sstream>

#include "http/api.hpp"

namespace incunet::http {

void RegisterSystemRoutes(Router& r, Services& s) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  r.Add({"GET", "/api/v1/health", Access::kPublic, "system", "健康检查 / Health check",
         [&s](Request&, Ctx&) {
           return JsonResponse(200, Json{{"status", "ok"},
                                         {"version", s.options.version},
                                         {"db", s.store.DialectName()}});
         }})
      .Op("getHealth")
      .Returns(Object(
          {{"status", Enum({"ok"})}, {"version", Str()}, {"db", Enum({"sqlite", "postgresql"})}}));
  r.Add(
       {"GET", "/api/v1/openapi.json", Access::kPublic, "system",
        "OpenAPI 3.1 文档 / OpenAPI 3.1 document",
        [&r, &s](Request&, Ctx&) { return JsonResponse(200, BuildOpenApi(r, s.options.version)); }})
      .Op("getOpenApi")
      .Returns(Describe(Map(Any()), "this document"));
  // The reference page scripts/build-web.sh renders from this document (redocly build-docs,
  // scripts inlined): served beside the console, so it is absent when no console is built.
  r.Add({"GET", "/api/docs", Access::kPublic, "system",
         "接口参考文档（HTML）/ API reference (HTML)",
         [&s](Request&, Ctx& ctx) {
           std::ifstream f(s.options.web_root + "/api-docs.html", std::ios::binary);
           if (s.options.web_root.empty() || !f)
             return ErrorResponse(core::NotFound("接口参考文档（未构建控制台）",
                                                 "API reference (the console is not built)"),
                                  ctx);
           std::ostringstream body;
           body << f.rdbuf();
           Response out;
           out.content_type = "text/html; charset=utf-8";
           out.body = body.str();
           out.Set("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                   "font-src 'self' data:; "
                   "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
           return out;
         }})
      .Op("getApiReference")
      .Produces({"text/html"})
      .Errors({404});
}

}  // namespace incunet::http
