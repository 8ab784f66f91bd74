#pragma once
// Strict JSON reading shared by every module: unknown fields, wrong types and missing required
// fields become 400 "malformed" errors naming the field. Entity ↔ JSON mappings live beside
// each module (app/<module>/codec.hpp) because both the HTTP layer and the audit trail use them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace incunet::app {

using Json = nlohmann::json;

// Parses a request body; invalid UTF-8 and syntax errors are kMalformed.
core::Result<Json> ParseJsonBody(std::string_view body);

// Reads fields from one JSON object, remembering the first error and which keys were used.
class JsonReader {
 public:
  explicit JsonReader(const Json& obj, std::string prefix = "");

  void Str(const char* key, std::string& out, bool required = false);
  void OptStr(const char* key, std::optional<std::string>& out);
  void Num(const char* key, double& out, bool required = false);
  void Int(const char* key, std::int64_t& out, bool required = false);
  void OptInt(const char* key, std::optional<std::int64_t>& out);
  void Bool(const char* key, bool& out, bool required = false);
  void StrList(const char* key, std::vector<std::string>& out);
  void IntList(const char* key, std::vector<std::int64_t>& out);
  // Arrays of objects: calls fn(reader) per element.
  template <typename Fn>
  void Objects(const char* key, Fn fn);
  bool Has(const char* key) const { return obj_.is_object() && obj_.contains(key); }

  // Fails on the first recorded error, or on a key that no reader call named.
  core::Status Finish();
  void Fail(core::Error e) {
    if (!error_) error_ = std::move(e);
  }

 private:
  const Json* Get(const char* key, bool required, const char* type_zh, const char* type_en);
  void TypeError(const char* key, const char* type_zh, const char* type_en);

  const Json& obj_;
  std::string prefix_;
  std::vector<std::string> seen_;
  std::optional<core::Error> error_;
};

template <typename Fn>
void JsonReader::Objects(const char* key, Fn fn) {
  const Json* v = Get(key, false, "对象数组", "array of objects");
  if (!v) return;
  if (!v->is_array()) return TypeError(key, "对象数组", "array of objects");
  std::size_t i = 0;
  for (const auto& el : *v) {
    std::string p = prefix_ + key + "[" + std::to_string(i++) + "].";
    if (!el.is_object()) return TypeError(key, "对象数组", "array of objects");
    JsonReader sub(el, p);
    fn(sub);
    if (auto s = sub.Finish(); !s) return Fail(s.error());
  }
}

inline Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace incunet::app
