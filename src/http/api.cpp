#include "http/api.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace incunet::http {
namespace {

bool IsMutating(const std::string& m) {
  return m == "POST" || m == "PATCH" || m == "PUT" || m == "DELETE";
}

void SecurityHeaders(Response& r) {
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "same-origin");
  // A page that needs more (the API reference's inline script) sets its own policy.
  for (const auto& [name, value] : r.headers)
    if (name == "Content-Security-Policy") return;
  r.Set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "frame-ancestors 'none'");
}

bool HasControlByte(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

bool ValidUtf8(const std::string& s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || i + len > n) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

std::string MimeType(const std::string& path) {
  auto ends = [&](const char* ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

Api::Api(app::Store& store, const core::Clock& clock, app::identity::HashParams hash,
         ApiOptions opts)
    : store_(store), clock_(clock), opts_(std::move(opts)) {
  registry_ = std::make_unique<app::registry::RegistryService>(store_, clock_);
  identity_ = std::make_unique<app::identity::IdentityService>(store_, clock_, hash);
  services_ = std::make_unique<Services>(Services{store_, clock_, *registry_, *identity_, opts_});
  RegisterSystemRoutes(router_, *services_);
  RegisterIdentityRoutes(router_, *services_);
  RegisterAuditRoutes(router_, *services_);
  RegisterRegistryRoutes(router_, *services_);
  RegisterConsentRoutes(router_, *services_);
  RegisterIoRoutes(router_, *services_);
  RegisterStandardsRoutes(router_, *services_);
  RegisterStatsRoutes(router_, *services_);
  RegisterReturnsRoutes(router_, *services_);
  id_prefix_ = app::identity::IdentityService::RandomToken(6);
  refresher_ = std::thread([this] { RefreshLoop(); });
}

Api::~Api() {
  {
    std::lock_guard<std::mutex> lock(refresh_mu_);
    quit_ = true;
  }
  refresh_cv_.notify_all();
  refresher_.join();
}

std::string Api::NextRequestId() {
  return fmt::format("{}-{}", id_prefix_, counter_.fetch_add(1) + 1);
}

Response Api::Handle(Request& req) {
  Ctx ctx;
  ctx.request_id = NextRequestId();
  const std::string& al = req.Header("accept-language");
  ctx.lang = al.starts_with("en") ? "en" : "zh";
  Response res;
  if (HasControlByte(req.path)) {
    // A decoded NUL would cut a file name short while its MIME type came from the whole name.
    res = ErrorResponse({core::ErrorCode::kMalformed,
                         "invalid_path",
                         "请求路径含有控制字符",
                         "the request path holds a control character",
                         {}},
                        ctx);
    res.Set("X-Request-Id", ctx.request_id);
  } else if (req.path.starts_with("/api/")) {
    auto t0 = std::chrono::steady_clock::now();
    try {
      res = HandleApi(req, ctx);
    } catch (const std::exception& ex) {
      spdlog::error("request {} {} {} failed: {}", ctx.request_id, req.method, req.path, ex.what());
      res = ErrorResponse(
          {core::ErrorCode::kInternal, "internal", "服务器内部错误", "internal server error", {}},
          ctx);
    }
    res.Set("X-Request-Id", ctx.request_id);
    res.Set("Cache-Control", "no-store");
    auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    if (res.status >= 500)
      spdlog::warn("{} {} {} -> {} ({} us)", ctx.request_id, req.method, req.path, res.status, us);
    else
      spdlog::debug("{} {} {} -> {} ({} us)", ctx.request_id, req.method, req.path, res.status, us);
  } else {
    res = ServeStatic(req);
  }
  SecurityHeaders(res);
  return res;
}

Response Api::HandleApi(Request& req, Ctx& ctx) {
  std::vector<std::string> allowed;
  const Route* route = router_.Match(req.method, req.path, req.params, &allowed);
  if (!route) {
    if (allowed.empty())
      return ErrorResponse(core::NotFound("接口 " + req.path, "endpoint " + req.path), ctx);
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = ProtocolError(405, "method_not_allowed", "该地址只支持 " + allow + " 请求",
                               "this path takes only " + allow, ctx);
    r.Set("Allow", allow);
    return r;
  }
  if (auto q = CheckQuery(*route, req); !q) return ErrorResponse(q.error(), ctx);
  if (!req.body.empty() && !AcceptsBody(*route, req)) {
    std::string types;
    for (const auto& t : route->body_types.empty() ? std::vector<std::string>{"application/json"}
                                                   : route->body_types)
      types += (types.empty() ? "" : ", ") + t;
    return ProtocolError(415, "unsupported_media_type", "请求体的 Content-Type 应为 " + types,
                         "the request body's Content-Type must be " + types, ctx);
  }
  // CSV imports may be GB18030: the importer decodes and checks them itself.
  if (!req.body.empty() && !req.Header("content-type").starts_with("text/csv") &&
      !ValidUtf8(req.body))
    return ErrorResponse({core::ErrorCode::kMalformed,
                          "invalid_utf8",
                          "请求体不是有效的 UTF-8 文本",
                          "the request body is not valid UTF-8",
                          {}},
                         ctx);

  // Bearer tokens for machine clients; the HttpOnly cookie for the console.
  std::string token;
  const std::string& auth = req.Header("authorization");
  if (auth.starts_with("Bearer ")) {
    token = auth.substr(7);
  } else {
    token = req.Cookie("incunet_session");
    ctx.cookie_auth = !token.empty();
  }
  ctx.actor = app::Actor::PublicVisitor();
  if (!token.empty()) {
    std::string csrf;
    auto actor = identity_->Authenticate(token, &csrf);
    if (!actor) {
      if (route->access != Access::kPublic || !auth.empty())
        return ErrorResponse({core::ErrorCode::kUnauthenticated,
                              "invalid_session",
                              "登录已失效，请重新登录",
                              "the session is invalid or expired",
                              {}},
                             ctx);
      ctx.cookie_auth = false;  // a stale cookie on a public page is just a visitor
    } else {
      if (ctx.cookie_auth && IsMutating(req.method) && req.Header("x-csrf-token") != csrf)
        return ErrorResponse({core::ErrorCode::kForbidden,
                              "csrf_failed",
                              "缺少或错误的 CSRF 令牌",
                              "missing or wrong CSRF token",
                              {}},
                             ctx);
      ctx.actor = *actor;
    }
  }
  bool logged_in = ctx.actor.user_id != 0;
  bool cacheable = !logged_in && req.method == "GET" && route->access == Access::kPublic &&
                   route->tag == "registry";
  if (cacheable) {
    Response hit;
    bool refresh = false;
    if (CachedPublic(req, &hit, &refresh)) {
      if (refresh) RefreshLater(req, *route, ctx);
      return hit;
    }
  }
  switch (route->access) {
    case Access::kPublic:
      break;
    case Access::kLoggedIn:
      if (!logged_in)
        return ErrorResponse(
            {core::ErrorCode::kUnauthenticated, "login_required", "请先登录", "please log in", {}},
            ctx);
      break;
    case Access::kAdmin:
    case Access::kNational:
      if (!logged_in)
        return ErrorResponse(
            {core::ErrorCode::kUnauthenticated, "login_required", "请先登录", "please log in", {}},
            ctx);
      if (route->access == Access::kAdmin ? !ctx.actor.IsAdmin()
                                          : ctx.actor.role != app::Role::kNationalAdmin)
        return ErrorResponse({core::ErrorCode::kForbidden,
                              "forbidden",
                              "无权执行此操作",
                              "you are not allowed to do this",
                              {}},
                             ctx);
      break;
  }
  std::uint64_t generation = store_.Generation();  // before reading, so a racing write wins
  Response res = route->fn(req, ctx);
  if (cacheable && res.status == 200) RememberPublic(req, res, generation);
  return res;
}

std::string Api::CacheKey(const Request& req) {
  return req.target + "\x1f" + req.Header("accept-language").substr(0, 2);
}

bool Api::CachedPublic(const Request& req, Response* out, bool* refresh) {
  std::string key = CacheKey(req);
  std::shared_ptr<const Response> hit;
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(key);
    if (it == cache_.end()) return false;
    CacheEntry& e = it->second;
    auto age = std::chrono::steady_clock::now() - e.at;
    if (e.generation != store_.Generation() || age > kCacheTtl) return false;
    // Refresh ahead: the first caller past kCacheRefreshAfter has the entry refilled in the
    // background, and it and everyone else are still served the valid entry, so no request
    // waits behind the expiry.
    if (age > kCacheRefreshAfter && !e.refreshing) {
      e.refreshing = true;
      *refresh = true;
    }
    hit = e.response;
  }
  *out = *hit;  // the body stays shared
  return true;
}

void Api::RememberPublic(const Request& req, Response& res, std::uint64_t generation) {
  // One body allocation per fill: this response and every hit until the next fill share it.
  if (!res.shared_body) {
    res.shared_body = std::make_shared<const std::string>(std::move(res.body));
    res.body.clear();
  }
  auto entry = std::make_shared<const Response>(res);
  std::string key = CacheKey(req);
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_.size() >= 4096) cache_.clear();  // bounded memory; refills from hot paths
  cache_[std::move(key)] =
      CacheEntry{std::move(entry), generation, std::chrono::steady_clock::now(), false};
}

void Api::RefreshLater(const Request& req, const Route& route, const Ctx& ctx) {
  Ctx copy = ctx;
  copy.request_id = NextRequestId();
  std::lock_guard<std::mutex> lock(refresh_mu_);
  refresh_jobs_.push_back({req, &route, std::move(copy)});
  refresh_cv_.notify_one();
}

void Api::RefreshLoop() {
  for (;;) {
    RefreshJob job;
    {
      std::unique_lock<std::mutex> lock(refresh_mu_);
      refresh_cv_.wait(lock, [this] { return quit_ || !refresh_jobs_.empty(); });
      if (quit_) return;
      job = std::move(refresh_jobs_.front());
      refresh_jobs_.pop_front();
    }
    // A failed refresh leaves the entry to expire; the next request then refills it in line.
    try {
      std::uint64_t generation = store_.Generation();
      Response res = job.route->fn(job.req, job.ctx);
      if (res.status == 200) RememberPublic(job.req, res, generation);
    } catch (const std::exception& ex) {
      spdlog::warn("cache refresh {} {} failed: {}", job.ctx.request_id, job.req.target, ex.what());
    }
  }
}

Response Api::ServeStatic(const Request& req) {
  Response r;
  if (req.method != "GET" && req.method != "HEAD") {
    r.status = 405;
    r.Set("Allow", "GET, HEAD");
    r.content_type = "text/plain; charset=utf-8";
    r.body = "method not allowed";
    return r;
  }
  if (opts_.web_root.empty() || req.path.find("..") != std::string::npos) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "IncuNet console not built: run the README's first command";
    return r;
  }
  std::string path = req.path == "/" ? "/index.html" : req.path;
  std::string body;
  if (ReadFile(opts_.web_root + path, &body)) {
    r.content_type = MimeType(path);
    r.body = std::move(body);
    if (path.starts_with("/assets/")) r.Set("Cache-Control", "public, max-age=31536000, immutable");
    return r;
  }
  // Single-page app: unknown paths without an extension get index.html.
  if (path.rfind('.') == std::string::npos || path.rfind('.') < path.rfind('/')) {
    if (ReadFile(opts_.web_root + "/index.html", &body)) {
      r.content_type = "text/html; charset=utf-8";
      r.body = std::move(body);
      return r;
    }
  }
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "not found";
  return r;
}

}  // namespace incunet::http
