#include "app/schema.hpp"

namespace incunet::app::schema {

Json Str() { return {{"type", "string"}}; }
Json Str(std::size_t max_length) { return {{"type", "string"}, {"maxLength", max_length}}; }
Json Pattern(const char* regex) { return {{"type", "string"}, {"pattern", regex}}; }
Json Int() { return {{"type", "integer"}, {"format", "int64"}}; }
Json Int(std::int64_t minimum, std::int64_t maximum) {
  return {{"type", "integer"}, {"format", "int64"}, {"minimum", minimum}, {"maximum", maximum}};
}
Json Id() { return {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}; }
Json Num() { return {{"type", "number"}}; }
Json Num(double minimum, double maximum) {
  return {{"type", "number"}, {"minimum", minimum}, {"maximum", maximum}};
}
Json Bool() { return {{"type", "boolean"}}; }
Json Date() { return {{"type", "string"}, {"format", "date"}}; }
Json DateTime() { return {{"type", "string"}, {"format", "date-time"}}; }
Json Enum(std::vector<std::string> values) { return {{"type", "string"}, {"enum", values}}; }

Json Nullable(Json s) {
  // 3.1 spells "or null" as a type list; an enum must list null too, and a $ref cannot carry a
  // type, so it becomes anyOf.
  if (s.contains("type") && s["type"].is_string()) {
    s["type"] = Json::array({s["type"], "null"});
    if (s.contains("enum")) s["enum"].push_back(nullptr);
    return s;
  }
  return {{"anyOf", Json::array({s, {{"type", "null"}}})}};
}

Json Array(Json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
Json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
Json Any() { return Json::object(); }
Json Map(Json values) { return {{"type", "object"}, {"additionalProperties", std::move(values)}}; }

Json Page(Json item) {
  return Object({{"items", Array(std::move(item))},
                 {"next_cursor", Describe(Nullable(Str()), "the next page's cursor, or null")},
                 {"total", Int(0, INT64_MAX)}});
}

Json Describe(Json s, const std::string& description) {
  if (s.contains("$ref")) return {{"allOf", Json::array({s})}, {"description", description}};
  s["description"] = description;
  return s;
}

Field Opt(std::string name, Json schema) { return {std::move(name), std::move(schema), false}; }

Json Object(std::vector<Field> fields) { return Extend({{"type", "object"}}, std::move(fields)); }

Json Extend(Json object, std::vector<Field> more) {
  Json& props = object["properties"];
  if (props.is_null()) props = Json::object();
  Json required = object.value("required", Json::array());
  for (auto& f : more) {
    if (f.required) required.push_back(f.name);
    props[f.name] = std::move(f.schema);
  }
  if (!required.empty()) object["required"] = required;
  object["additionalProperties"] = false;
  return object;
}

}  // namespace incunet::app::schema
