#include "core/limits.hpp"
#include "http/api.hpp"

namespace incunet::http {
namespace {

// The schema of a query parameter, from the kind its name gives it (what CheckQuery enforces).
Json QuerySchema(const QueryParam& q) {
  if (!q.values.empty()) return {{"type", "string"}, {"enum", q.values}};
  switch (q.kind) {
    case ParamKind::kRegion:
      return {{"type", "string"}, {"pattern", "^([0-9]{2}|[0-9]{4}|[0-9]{6})$"}};
    case ParamKind::kDate:
      return {{"type", "string"}, {"format", "date"}};
    case ParamKind::kYear:
      return {{"type", "integer"}, {"minimum", 1000}, {"maximum", 9999}};
    case ParamKind::kLimit:
      return {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}, {"default", 50}};
    case ParamKind::kId:
      return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}};
    case ParamKind::kBool:
      return {{"type", "boolean"}};
    case ParamKind::kCursor:
      return {{"type", "string"}, {"description", "next_cursor of the previous page"}};
    case ParamKind::kText:
      break;
  }
  return {{"type", "string"}};
}

// The schema of one body field, typed from the route's example and bounded by core/limits.hpp:
// the same field name carries the same bound in every module, which is what the checks enforce.
Json FieldSchema(const std::string& key, const Json& example) {
  namespace lim = core::limits;
  Json s;
  if (example.is_string()) {
    s = {{"type", "string"}};
    if (key == "name" || key == "display_name")
      s["maxLength"] = lim::kNameChars;
    else if (key == "address")
      s["maxLength"] = lim::kAddressChars;
    else if (key == "industry" || key == "authority" || key == "document_no")
      s["maxLength"] = lim::kShortTextChars;
    else if (key == "login")
      s["maxLength"] = 64;
    else if (key == "reason" || key == "explanation" || key == "note")
      s["maxLength"] = lim::kNoteChars;
    if (key.size() > 3 && key.compare(key.size() - 3, 3, "_on") == 0) s["format"] = "date";
  } else if (example.is_number_integer()) {
    s = {{"type", "integer"}, {"format", "int64"}};
    if (key == "employees") s.update({{"minimum", 0}, {"maximum", lim::kMaxCount}});
  } else if (example.is_number()) {
    s = {{"type", "number"}};
  } else if (example.is_boolean()) {
    s = {{"type", "boolean"}};
  } else if (example.is_array()) {
    s = {{"type", "array"}};
  } else {
    s = {{"type", "object"}};
  }
  if (key.size() > 3 && key.compare(key.size() - 3, 3, "_m2") == 0)
    s = {{"type", "number"}, {"minimum", 0}, {"maximum", lim::kMaxAreaM2}};
  return s;
}

Json BodySchema(const Json& example) {
  Json schema{{"type", "object"}};
  if (!example.is_object()) return schema;
  Json props = Json::object();
  for (const auto& [k, v] : example.items()) props[k] = FieldSchema(k, v);
  schema["properties"] = props;
  return schema;
}

}  // namespace

Json BuildOpenApi(const Router& r, const std::string& version) {
  Json paths = Json::object();
  for (const auto& route : r.routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json op{{"summary", route.summary},
            {"tags", {route.tag}},
            {"x-access", AccessName(route.access)},
            {"operationId", method + route.pattern}};
    Json params = Json::array();
    std::size_t pos = 0;
    while ((pos = route.pattern.find('{', pos)) != std::string::npos) {
      auto end = route.pattern.find('}', pos);
      params.push_back({{"name", route.pattern.substr(pos + 1, end - pos - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
      pos = end;
    }
    for (const auto& q : route.query_params)
      params.push_back(
          {{"name", q.name}, {"in", "query"}, {"required", false}, {"schema", QuerySchema(q)}});
    if (!params.empty()) op["parameters"] = params;
    if (!route.body_types.empty()) {
      Json content = Json::object();
      for (const auto& t : route.body_types) content[t] = {{"schema", {{"type", "string"}}}};
      op["requestBody"] = {{"required", true}, {"content", content}};
    } else if (!route.example_body.is_null()) {
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json",
             {{"schema", BodySchema(route.example_body)}, {"example", route.example_body}}}}}};
    }
    op["responses"] = {
        {std::to_string(route.success_status),
         {{"description", "OK"},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
        {"default",
         {{"description", "Error"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    if (route.access != Access::kPublic)
      op["security"] = Json::array({{{"bearer", Json::array()}}, {{"cookie", Json::array()}}});
    paths[route.pattern][method] = op;
  }
  return Json{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "IncuNet API — 全国孵化一张网"},
        {"version", version},
        {"description",
         "Lists return {items, next_cursor, total}; money is integer fen; dates YYYY-MM-DD."}}},
      {"servers", {{{"url", "/"}}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "incunet_session"}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"required", {"error"}},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"properties",
                 {{"code", {{"type", "string"}}},
                  {"message", {{"type", "string"}}},
                  {"details", {{"type", "object"}}},
                  {"request_id", {{"type", "string"}}}}}}}}}}}}}}}};
}

}  // namespace incunet::http
