#include <map>
#include <set>

#include "http/api.hpp"

namespace incunet::http {
namespace {

// The schema of a query parameter, from the kind its name gives it (what CheckQuery enforces).
Json QuerySchema(const QueryParam& q) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  if (!q.values.empty()) return Enum(q.values);
  switch (q.kind) {
    case ParamKind::kRegion:
      return Pattern("^([0-9]{2}|[0-9]{4}|[0-9]{6})$");
    case ParamKind::kDate:
      return Date();
    case ParamKind::kYear:
      return {{"type", "integer"}, {"minimum", 1000}, {"maximum", 9999}};
    case ParamKind::kLimit:
      return {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}, {"default", 50}};
    case ParamKind::kId:
      return Id();
    case ParamKind::kBool:
      return Bool();
    case ParamKind::kCursor:
      return Describe(Str(), "next_cursor of the previous page");
    case ParamKind::kText:
      break;
  }
  return Str();
}

// The tags, one per module, in the order the console's menu shows them.
const std::vector<std::pair<std::string, std::string>>& Tags() {
  static const std::vector<std::pair<std::string, std::string>> tags{
      {"system", "健康检查与本文档 / Health and this document"},
      {"identity", "账号、登录与令牌 / Accounts, login and tokens"},
      {"audit", "审计日志 / The audit trail"},
      {"registry", "行政区划、载体、企业与孵化 / Regions, carriers, enterprises and incubations"},
      {"consent", "数据共享授权 / Data-sharing consents"},
      {"io", "批量导入与导出 / Bulk import and export"},
      {"annual-returns", "年度统计报表 / Annual statistical returns"},
      {"standards", "标准、达标评价与梯度培育 / Standards, verdicts and tiered cultivation"},
      {"stats", "统计 / Statistics"},
  };
  return tags;
}

Json ErrorRef(const char* name) {
  return {{"$ref", std::string("#/components/responses/") + name}};
}

// The 4xx answers of a route: what the route table implies plus the route's own.
Json ErrorResponses(const Route& route, bool has_path_params, bool has_body) {
  std::set<int> s{400, 401};
  bool mutating = route.method != "GET";
  if (route.access != Access::kPublic || mutating) s.insert(403);
  if (has_path_params) s.insert(404);
  if (has_body) s.insert({413, 415, 422});
  for (int e : route.errors) s.insert(e);
  static const std::map<int, const char*> names{
      {400, "BadRequest"},      {401, "Unauthorized"},
      {403, "Forbidden"},       {404, "NotFound"},
      {409, "Conflict"},        {412, "PreconditionFailed"},
      {413, "PayloadTooLarge"}, {415, "UnsupportedMediaType"},
      {422, "Unprocessable"},   {429, "TooManyRequests"}};
  Json out = Json::object();
  for (int code : s) out[std::to_string(code)] = ErrorRef(names.at(code));
  return out;
}

Json ErrorComponents() {
  auto one = [](const char* what) {
    return Json{{"description", what},
                {"content",
                 {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  };
  return {{"BadRequest", one("请求格式或查询参数无效 / malformed request or query parameter")},
          {"Unauthorized", one("需要登录或会话已失效 / login required or session expired")},
          {"Forbidden", one("无权访问或超出数据范围、CSRF 令牌错误 / not allowed, out of scope, or "
                            "CSRF token missing")},
          {"NotFound", one("不存在或不在可见范围内 / not found or not visible")},
          {"Conflict", one("版本过期或与现有记录冲突 / stale version or conflict")},
          {"PreconditionFailed", one("If-Match 版本不符 / If-Match does not match")},
          {"PayloadTooLarge", one("请求体过大 / request body too large")},
          {"UnsupportedMediaType", one("请求体类型不受支持 / unsupported Content-Type")},
          {"Unprocessable", one("数据未通过校验，未写入任何内容 / validation failed, nothing "
                                "written")},
          {"TooManyRequests", one("尝试过多，请稍后再试 / too many attempts")}};
}

Json PathParamSchema(const std::string& name) {
  using namespace app::schema;  // NOLINT: the contract reads as a table
  if (name == "id") return Id();
  if (name == "version") return Int(1, INT32_MAX);
  if (name == "code") return Pattern("^[0-9]{6}$");
  return Str();
}

}  // namespace

Json BuildOpenApi(const Router& r, const std::string& version) {
  Json paths = Json::object();
  for (const auto& route : r.routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json op{
        {"summary", route.summary},
        {"tags", {route.tag}},
        {"x-access", AccessName(route.access)},
        {"operationId", route.operation_id.empty() ? method + route.pattern : route.operation_id}};
    Json params = Json::array();
    std::size_t pos = 0;
    while ((pos = route.pattern.find('{', pos)) != std::string::npos) {
      auto end = route.pattern.find('}', pos);
      std::string name = route.pattern.substr(pos + 1, end - pos - 1);
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", PathParamSchema(name)}});
      pos = end;
    }
    bool has_path_params = !params.empty();
    for (const auto& q : route.query_params)
      params.push_back(
          {{"name", q.name}, {"in", "query"}, {"required", false}, {"schema", QuerySchema(q)}});
    if (!params.empty()) op["parameters"] = params;
    bool has_body = false;
    if (!route.body_types.empty()) {
      Json content = Json::object();
      for (const auto& t : route.body_types) content[t] = {{"schema", {{"type", "string"}}}};
      op["requestBody"] = {{"required", true}, {"content", content}};
      has_body = true;
    } else if (!route.request_schema.is_null() || !route.example_body.is_null()) {
      // A route with an example but no schema shows up as a body without one, which the
      // contract test refuses.
      Json media = Json::object();
      if (!route.request_schema.is_null()) media["schema"] = route.request_schema;
      if (!route.example_body.is_null()) media["example"] = route.example_body;
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", media}}}};
      has_body = true;
    }
    Json ok{{"description", route.summary}};
    for (const auto& type : route.response_types) {
      if (type != "application/json")
        ok["content"][type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
      else if (!route.response_schema.is_null())
        ok["content"][type] = {{"schema", route.response_schema}};
    }
    if (route.success_status == 201)
      ok["headers"] = {{"Location",
                        {{"description", "the new resource / 新建资源的地址"},
                         {"schema", {{"type", "string"}}}}}};
    Json responses = ErrorResponses(route, has_path_params, has_body);
    responses[std::to_string(route.success_status)] = ok;
    op["responses"] = responses;
    // A visitor needs no credentials on a public route ({}), but a signed-in caller's scope
    // still applies there (stats of a city, a carrier's own data).
    Json cookie{{"cookie", Json::array()}};
    if (route.method != "GET") cookie["csrf"] = Json::array();
    op["security"] = Json::array({{{"bearer", Json::array()}}, cookie});
    if (route.access == Access::kPublic)
      op["security"].insert(op["security"].begin(), Json::object());
    paths[route.pattern][method] = op;
  }
  Json tags = Json::array();
  for (const auto& [name, description] : Tags())
    tags.push_back({{"name", name}, {"description", description}});
  Json schemas = Json::object();
  for (const auto& [name, s] : r.schemas()) schemas[name] = s;
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"additionalProperties", false},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "details", "request_id"}},
          {"additionalProperties", false},
          {"properties",
           {{"code", {{"type", "string"}, {"description", "machine-readable, e.g. invalid_uscc"}}},
            {"message", {{"type", "string"}, {"description", "in the request's language"}}},
            {"details",
             {{"type", "object"},
              {"description", "field, row, line … naming what was refused"},
              {"additionalProperties", {{"type", "string"}}}}},
            {"request_id", {{"type", "string"}}}}}}}}}};
  return Json{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "IncuNet API — 全国孵化一张网"},
        {"version", version},
        {"license", {{"name", "Proprietary"}, {"identifier", "LicenseRef-IncuNet"}}},
        {"description",
         "Lists return {items, next_cursor, total}; money is integer fen; dates YYYY-MM-DD. "
         "Machine clients send `Authorization: Bearer <token>`; the console's HttpOnly session "
         "cookie needs the `X-CSRF-Token` header on every write."}}},
      {"servers", {{{"url", "/"}}}},
      {"tags", tags},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "incunet_session"}}},
          {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}}},
        {"responses", ErrorComponents()},
        {"schemas", schemas}}}};
}

}  // namespace incunet::http
