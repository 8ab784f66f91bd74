#pragma once
// The route table: method + path pattern ("/api/v1/carriers/{id}") → handler, with the metadata
// that the OpenAPI document and the authorization matrix test are derived from. Adding a route
// here is the only way to expose an endpoint, so both stay complete by construction.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/json_codec.hpp"
#include "app/paging.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace incunet::http {

using app::Json;

// Who may call a route at all (finer, per-record checks happen in the use cases and the
// repositories' scope).
enum class Access {
  kPublic,     // anyone, including visitors without login
  kLoggedIn,   // any authenticated account
  kAdmin,      // national or region admin
  kNational,   // national admin only
};
const char* AccessName(Access a);

struct Ctx {
  app::Actor actor;
  bool cookie_auth = false;
  std::string lang = "zh";  // "zh" | "en", from Accept-Language
  std::string request_id;
};

using RouteFn = std::function<Response(Request&, Ctx&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kLoggedIn;
  std::string tag;       // OpenAPI tag = module name
  std::string summary;   // "zh / en"
  RouteFn fn;
  Json example_body;     // request example for POST/PATCH (checked by tests against the server)
  int success_status = 200;
  std::vector<std::string> query_params;  // documented query parameters
};

class Router {
 public:
  void Add(Route r);
  // Finds the route for method+path and fills path params; *path_known tells 405 from 404.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool* path_known) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{x}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// ---- helpers shared by every module's handlers ----
Response JsonResponse(int status, const Json& body);
// The one ErrorCode → HTTP status table, and the error body in the caller's language.
int HttpStatus(core::ErrorCode code);
Response ErrorResponse(const core::Error& e, const Ctx& ctx);
Json PageJson(Json items, const std::optional<std::string>& next, std::int64_t total);
// Reads limit/cursor from the query; limit is clamped to [1, 200].
core::Result<app::PageRequest> ReadPage(const Request& r);
core::Result<std::int64_t> PathId(const Request& r, const char* name = "id");

}  // namespace incunet::http
