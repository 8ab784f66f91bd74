#include "http/router.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/dates.hpp"

namespace incunet::http {

const char* AccessName(Access a) {
  switch (a) {
    case Access::kPublic:
      return "public";
    case Access::kLoggedIn:
      return "logged_in";
    case Access::kAdmin:
      return "admin";
    case Access::kNational:
      return "national";
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

Route& Router::Add(Route r) {
  compiled_.push_back({Split(r.pattern)});
  routes_.push_back(std::move(r));
  return routes_.back();
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params,
                           std::vector<std::string>* allowed) const {
  auto segs = Split(path);
  allowed->clear();
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    // Literal segments first: most routes fail there, before any parameter is copied.
    bool ok = true;
    for (std::size_t k = 0; k < pat.size() && ok; ++k) ok = IsParam(pat[k]) || pat[k] == segs[k];
    if (!ok) continue;
    if (routes_[i].method != method) {
      if (std::find(allowed->begin(), allowed->end(), routes_[i].method) == allowed->end())
        allowed->push_back(routes_[i].method);
      continue;
    }
    {
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
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kThrottled:
      return 429;
    case ErrorCode::kInternal:
      return 500;
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
      return tl::unexpected(
          BadParam("limit", "limit 必须是正整数", "limit must be a positive integer"));
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
  return tl::unexpected(
      core::Error{core::ErrorCode::kNotFound, "not_found", "未找到该记录", "no such record", {}});
}

ParamKind KindOf(const std::string& name) {
  if (name == "region" || name == "parent") return ParamKind::kRegion;
  if (name == "as_of" || name == "from" || name == "to") return ParamKind::kDate;
  if (name == "year") return ParamKind::kYear;
  if (name == "limit") return ParamKind::kLimit;
  if (name == "cursor") return ParamKind::kCursor;
  if (name == "actor" || name.ends_with("_id")) return ParamKind::kId;
  if (name == "skip_bad") return ParamKind::kBool;
  return ParamKind::kText;
}

namespace {
bool AllDigits(const std::string& v) {
  return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
}

bool HasControl(const std::string& v) {
  for (unsigned char c : v)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

// Why `v` is no value of `kind`, or nullptr when it is one.
const char* KindError(ParamKind kind, const std::string& v, bool en) {
  switch (kind) {
    case ParamKind::kText:
      return nullptr;
    case ParamKind::kRegion:
      return (v.size() == 2 || v.size() == 4 || v.size() == 6) && AllDigits(v) ? nullptr
             : en ? "must be an administrative division code or its 2- or 4-digit prefix"
                  : "应为行政区划代码或其 2 位、4 位前缀";
    case ParamKind::kDate:
      return core::Date::Parse(v) ? nullptr
             : en                 ? "must be a date YYYY-MM-DD"
                                  : "应为 YYYY-MM-DD 格式的日期";
    case ParamKind::kYear:
      return v.size() == 4 && AllDigits(v) ? nullptr
             : en                          ? "must be a four-digit year"
                                           : "应为四位年份";
    case ParamKind::kLimit:
    case ParamKind::kId: {
      std::int64_t n = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      return ec == std::errc() && ptr == v.data() + v.size() && n > 0 ? nullptr
             : en                                                     ? "must be a positive integer"
                                                                      : "应为正整数";
    }
    case ParamKind::kCursor: {
      std::string key;
      std::int64_t id = 0;
      return app::DecodeCursor(v, &key, &id) ? nullptr
             : en ? "is not a cursor this server gave (take next_cursor of the previous page)"
                  : "不是本服务给出的游标（请使用上一页的 next_cursor）";
    }
    case ParamKind::kBool:
      return v == "true" || v == "false" || v == "1" || v == "0" ? nullptr
             : en                                                ? "must be true or false"
                                                                 : "应为 true 或 false";
  }
  return nullptr;
}
}  // namespace

core::Status CheckQuery(const Route& route, const Request& r) {
  for (const auto& [name, value] : r.query) {
    auto it = std::find_if(route.query_params.begin(), route.query_params.end(),
                           [&name](const QueryParam& p) { return p.name == name; });
    if (it == route.query_params.end()) {
      std::string known;
      for (const auto& p : route.query_params) known += (known.empty() ? "" : ", ") + p.name;
      core::Error e{core::ErrorCode::kMalformed,
                    "unknown_parameter",
                    "此接口没有查询参数 " + name + (known.empty() ? "" : "（可用：" + known + "）"),
                    "this endpoint has no query parameter " + name +
                        (known.empty() ? "" : " (it takes: " + known + ")"),
                    {}};
      e.details["field"] = name;
      return tl::unexpected(e);
    }
    if (HasControl(name) || HasControl(value))
      return tl::unexpected(
          BadParam(name, name + " 含有控制字符", name + " holds a control character"));
    if (value.empty()) continue;  // an empty value means "not given", as the handlers read it
    if (const char* zh = KindError(it->kind, value, false))
      return tl::unexpected(
          BadParam(name, name + " " + zh, name + " " + KindError(it->kind, value, true)));
    if (!it->values.empty() &&
        std::find(it->values.begin(), it->values.end(), value) == it->values.end()) {
      std::string list;
      for (const auto& v : it->values) list += (list.empty() ? "" : ", ") + v;
      return tl::unexpected(
          BadParam(name, name + " 应为以下之一：" + list, name + " must be one of: " + list));
    }
  }
  return {};
}

std::string MediaType(const Request& r) {
  std::string t = r.Header("content-type");
  t = t.substr(0, t.find(';'));
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::size_t b = 0;
  while (b < t.size() && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
  t = t.substr(b);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

bool AcceptsBody(const Route& route, const Request& r) {
  std::string type = MediaType(r);
  if (route.body_types.empty()) return type == "application/json";
  return std::find(route.body_types.begin(), route.body_types.end(), type) !=
         route.body_types.end();
}

Response ProtocolError(int status, const std::string& id, const std::string& zh,
                       const std::string& en, const Ctx& ctx) {
  return JsonResponse(status, Json{{"error",
                                    {{"code", id},
                                     {"message", ctx.lang == "en" ? en : zh},
                                     {"details", Json::object()},
                                     {"request_id", ctx.request_id}}}});
}

}  // namespace incunet::http
