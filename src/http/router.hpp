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
#include "app/schema.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace incunet::http {

using app::Json;

// Who may call a route at all (finer, per-record checks happen in the use cases and the
// repositories' scope).
enum class Access {
  kPublic,    // anyone, including visitors without login
  kLoggedIn,  // any authenticated account
  kAdmin,     // national or region admin
  kNational,  // national admin only
};
const char* AccessName(Access a);

struct Ctx {
  app::Actor actor;
  bool cookie_auth = false;
  std::string lang = "zh";  // "zh" | "en", from Accept-Language
  std::string request_id;
};

using RouteFn = std::function<Response(Request&, Ctx&)>;

// How a query parameter's value is read. The kind follows from the parameter's name, the same on
// every route (KindOf), so one check in the router refuses a bad value before any handler runs.
enum class ParamKind {
  kText,    // free text without control characters (q, sort, kind, …)
  kRegion,  // region, parent: a division code or its prefix (2, 4 or 6 digits)
  kDate,    // as_of, from, to: YYYY-MM-DD
  kYear,    // year: four digits
  kLimit,   // limit: a positive integer (clamped to 200)
  kCursor,  // cursor: one the server made
  kId,      // *_id, actor: a positive integer
  kBool,    // skip_bad: true or false
};
ParamKind KindOf(const std::string& name);

// A documented query parameter; `values`, when given, is the whole set a text parameter takes;
// `kind` overrides the one its name gives (a rule-set diff's from/to are versions, not dates).
struct QueryParam {
  QueryParam(const char* n) : name(n), kind(KindOf(name)) {}  // NOLINT: a bare name is common
  QueryParam(std::string n, std::vector<std::string> v)
      : name(std::move(n)), kind(KindOf(name)), values(std::move(v)) {}
  QueryParam(std::string n, ParamKind k) : name(std::move(n)), kind(k) {}
  std::string name;
  ParamKind kind;
  std::vector<std::string> values;
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kLoggedIn;
  std::string tag;      // OpenAPI tag = module name
  std::string summary;  // "zh / en"
  RouteFn fn;
  Json example_body;  // request example for POST/PATCH (checked by tests against the server)
  int success_status = 200;
  std::vector<QueryParam> query_params;  // every query parameter the route reads
  // Media types the request body may have; empty means application/json. A body of another type
  // is refused with 415 before the handler runs.
  std::vector<std::string> body_types;

  // ---- the contract (OpenAPI), set by chaining on Router::Add's result ----
  std::string operation_id;  // camelCase, unique: listCarriers, createCarrier …
  Json response_schema;      // the success body (schemas from app/<module>/codec.cpp)
  Json request_schema;       // the JSON request body
  std::vector<std::string> response_types{"application/json"};  // the success body's media types
  // 4xx statuses beyond those the table implies (400 and 401 always; 403 off public reads; 404
  // with path parameters; 413, 415 and 422 with a body): 409 conflicts, 412 If-Match, 429 …
  std::vector<int> errors;

  Route& Op(std::string id) {
    operation_id = std::move(id);
    return *this;
  }
  Route& Returns(Json schema) {
    response_schema = std::move(schema);
    return *this;
  }
  Route& Takes(Json schema) {
    request_schema = std::move(schema);
    return *this;
  }
  Route& Produces(std::vector<std::string> media_types) {
    response_types = std::move(media_types);
    return *this;
  }
  Route& Errors(std::vector<int> statuses) {
    errors = std::move(statuses);
    return *this;
  }
};

class Router {
 public:
  // The added route, for its contract: r.Add({…}).Op("listCarriers").Returns(…).
  Route& Add(Route r);
  // Named schemas for components/schemas (each module's codec contributes its own).
  void AddSchemas(const app::schema::Components& c) { schemas_.insert(c.begin(), c.end()); }
  const app::schema::Components& schemas() const { return schemas_; }
  // Finds the route for method+path and fills path params. When the path is known but not the
  // method, *allowed lists the methods it has (405 with Allow); empty means 404.
  const Route* Match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params,
                     std::vector<std::string>* allowed) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{x}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  app::schema::Components schemas_;
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
// Refuses, with 400 invalid_parameter or unknown_parameter naming the parameter, a query that
// holds a name the route does not read, a control character, or a value not of its kind.
core::Status CheckQuery(const Route& route, const Request& r);
// The media type of the request (Content-Type before any ";", lower case, trimmed).
std::string MediaType(const Request& r);
// Whether the route takes a body of the request's media type.
bool AcceptsBody(const Route& route, const Request& r);
// An error the protocol layer writes (405, 415, 431): the same envelope, a status of its own.
Response ProtocolError(int status, const std::string& id, const std::string& zh,
                       const std::string& en, const Ctx& ctx);

}  // namespace incunet::http
