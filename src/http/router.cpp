#include "http/router.hpp"

#include <charconv>

namespace incunet::http {

const char* AccessName(Access a) {
  switch (a) {
    case Access::kPublic: return "public";
    case Access::kLoggedIn: return "logged_in";
    case Access::kAdmin: return "admin";
    case Access::kNational: return "national";
  }
  return "logged_in";
}

namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool IsParam(const std::string& seg) { return seg.size() > 2 && seg.front() == '{'; }
}  // namespace

void Router::Add(Route r) {
  compiled_.push_back({Split(r.pattern)});
  routes_.push_back(std::move(r));
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, bool* path_known) const {
  auto segs = Split(path);
  *path_known = false;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    // Literal segments first: most routes fail there, before any parameter is copied.
    bool ok = true;
    for (std::size_t k = 0; k < pat.size() && ok; ++k)
      ok = IsParam(pat[k]) || pat[k] == segs[k];
    if (!ok) continue;
    *path_known = true;
    if (routes_[i].method == method) {
      params.clear();
      for (std::size_t k = 0; k < pat.size(); ++k)
        if (IsParam(pat[k])) params[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
      return &routes_[i];
    }
  }
  return nullptr;
}

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

int HttpStatus(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
    case ErrorCode::kMalformed: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kInvalid: return 422;
    case ErrorCode::kThrottled: return 429;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const core::Error& e, const Ctx& ctx) {
  Json details = Json::object();
  for (const auto& [k, v] : e.details) details[k] = v;
  std::string id = e.id.empty() ? core::ErrorCodeName(e.code) : e.id;
  const std::string& msg = ctx.lang == "en" ? e.message_en : e.message_zh;
  return JsonResponse(HttpStatus(e.code), Json{{"error",
                                               {{"code", id},
                                                {"message", msg},
                                                {"details", details},
                                                {"request_id", ctx.request_id}}}});
}

Json PageJson(Json items, const std::optional<std::string>& next, std::int64_t total) {
  Json page = Json::object();
  page["items"] = std::move(items);  // a page of 200 records is not worth copying
  page["next_cursor"] = app::OptJson(next);
  page["total"] = total;
  return page;
}

namespace {
core::Error BadParam(const std::string& name, const std::string& zh, const std::string& en) {
  core::Error e{core::ErrorCode::kMalformed, "invalid_parameter", zh, en, {}};
  e.details["field"] = name;
  return e;
}
}  // namespace

core::Result<app::PageRequest> ReadPage(const Request& r) {
  app::PageRequest p;
  std::string limit = r.Query("limit");
  if (!limit.empty()) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), v);
    if (ec != std::errc() || ptr != limit.data() + limit.size() || v < 1)
      return tl::unexpected(BadParam("limit", "limit 必须是正整数", "limit must be a positive integer"));
    p.limit = std::min(v, 200);
  }
  p.cursor = r.Query("cursor");
  return p;
}

core::Result<std::int64_t> PathId(const Request& r, const char* name) {
  auto it = r.params.find(name);
  std::int64_t v = 0;
  if (it != r.params.end()) {
    const std::string& s = it->second;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size() && v > 0) return v;
  }
  return tl::unexpected(core::Error{core::ErrorCode::kNotFound, "not_found", "未找到该记录",
                                    "no such record", {}});
}

}  // namespace incunet::http
