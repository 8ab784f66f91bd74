#include "http/api.hpp"

namespace incunet::http {

void RegisterSystemRoutes(Router& r, Services& s) {
  r.Add({"GET", "/api/v1/health", Access::kPublic, "system", "健康检查 / Health check",
         [&s](Request&, Ctx&) {
           return JsonResponse(200, Json{{"status", "ok"},
                                         {"version", s.options.version},
                                         {"db", s.store.DialectName()}});
         }});
  r.Add({"GET", "/api/v1/openapi.json", Access::kPublic, "system",
         "OpenAPI 3.1 文档 / OpenAPI 3.1 document", [&r, &s](Request&, Ctx&) {
           return JsonResponse(200, BuildOpenApi(r, s.options.version));
         }});
}

}  // namespace incunet::http
