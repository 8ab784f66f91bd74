#pragma once
// The HTTP application: authentication, CSRF, data-scope actor, security headers, the route
// table of every module and the static console. Transport-free: server.cpp feeds it Requests.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "app/identity/service.hpp"
#include "app/registry/service.hpp"
#include "app/store.hpp"
#include "http/router.hpp"

namespace incunet::http {

struct ApiOptions {
  std::string web_root;  // directory holding the built console (index.html); "" = none
  std::string version = "0";
  bool secure_cookies = false;  // set Secure on the session cookie (behind TLS)
};

struct Services {
  app::Store& store;
  const core::Clock& clock;  // the one clock every service and route reads
  app::registry::RegistryService& registry;
  app::identity::IdentityService& identity;
  const ApiOptions& options;
};

class Api {
 public:
  Api(app::Store& store, const core::Clock& clock, app::identity::HashParams hash, ApiOptions opts);
  ~Api();
  Response Handle(Request& req);
  const Router& router() const { return router_; }
  app::identity::IdentityService& identity() { return *identity_; }
  app::registry::RegistryService& registry() { return *registry_; }
  // "<instance prefix>-<n>": in every response's X-Request-Id and error body, and in the log.
  std::string NextRequestId();

 private:
  Response HandleApi(Request& req, Ctx& ctx);
  Response ServeStatic(const Request& req);
  // Public registry reads by visitors are cached by target for a second: the registry is read far
  // more than written, and a second of staleness across servers is acceptable for public
  // profiles. A local write (Store::Generation) invalidates at once.
  // Hits share the cached body buffer (Response::shared_body); a fill moves the body into it.
  // *refresh asks the caller to have the entry refilled in the background (RefreshLater).
  bool CachedPublic(const Request& req, Response* out, bool* refresh);
  void RefreshLater(const Request& req, const Route& route, const Ctx& ctx);
  void RefreshLoop();
  void RememberPublic(const Request& req, Response& res, std::uint64_t generation);
  static std::string CacheKey(const Request& req);

  app::Store& store_;
  const core::Clock& clock_;
  ApiOptions opts_;
  std::unique_ptr<app::registry::RegistryService> registry_;
  std::unique_ptr<app::identity::IdentityService> identity_;
  std::unique_ptr<Services> services_;
  Router router_;
  std::string id_prefix_;
  std::atomic<std::uint64_t> counter_{0};
  struct CacheEntry {
    std::shared_ptr<const Response> response;
    std::uint64_t generation = 0;
    std::chrono::steady_clock::time_point at;
    bool refreshing = false;  // a background refill ahead of expiry is under way
  };
  static constexpr std::chrono::milliseconds kCacheTtl{1000};
  static constexpr std::chrono::milliseconds kCacheRefreshAfter{750};
  std::mutex cache_mu_;
  std::unordered_map<std::string, CacheEntry> cache_;
  struct RefreshJob {
    Request req;
    const Route* route = nullptr;
    Ctx ctx;
  };
  std::mutex refresh_mu_;
  std::condition_variable refresh_cv_;
  std::deque<RefreshJob> refresh_jobs_;
  bool quit_ = false;
  std::thread refresher_;  // last member: started when everything it uses exists
};

// Module route registration (one per module, in http/<module>/routes.cpp).
void RegisterSystemRoutes(Router& r, Services& s);
void RegisterIdentityRoutes(Router& r, Services& s);
void RegisterAuditRoutes(Router& r, Services& s);
void RegisterRegistryRoutes(Router& r, Services& s);
void RegisterConsentRoutes(Router& r, Services& s);
void RegisterIoRoutes(Router& r, Services& s);
void RegisterStandardsRoutes(Router& r, Services& s);
void RegisterStatsRoutes(Router& r, Services& s);
void RegisterReturnsRoutes(Router& r, Services& s);
// Builds the OpenAPI 3.1 document from the route table.
Json BuildOpenApi(const Router& r, const std::string& version);

}  // namespace incunet::http
