#include "app/json_codec.hpp"

#include <algorithm>

namespace incunet::app {

namespace {
// Integers from 2^63 up parse as unsigned: they are refused, not wrapped to a negative value.
bool FitsInt64(const Json& v) {
  return !v.is_number_unsigned() || v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX);
}

core::Error OutOfRange(const std::string& field, const Json& v) {
  core::Error e{core::ErrorCode::kInvalid,
                "out_of_range",
                "字段 " + field + " 的值 " + v.dump() + " 超出整数范围",
                "field " + field + ": " + v.dump() + " is beyond the integer range",
                {}};
  e.details["field"] = field;
  return e;
}
}  // namespace

core::Result<Json> ParseJsonBody(std::string_view body) {
  // A key given twice in one object is refused: which of the two a reader keeps is not a
  // contract anyone can rely on. The callback sees each key with the depth of its object.
  std::vector<std::vector<std::string>> keys;
  std::string duplicate;
  auto cb = [&keys, &duplicate](int depth, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    if (event == E::object_start) {
      keys.resize(static_cast<std::size_t>(depth) + 1);
      keys[static_cast<std::size_t>(depth)].clear();
    } else if (event == E::key && depth > 0 && duplicate.empty()) {
      auto& seen = keys[static_cast<std::size_t>(depth) - 1];
      const auto& k = parsed.get_ref<const std::string&>();
      if (std::find(seen.begin(), seen.end(), k) != seen.end())
        duplicate = k;
      else
        seen.push_back(k);
    }
    return true;
  };
  Json j = Json::parse(body, cb, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return core::Fail(core::ErrorCode::kMalformed, "malformed_json", "请求体不是有效的 JSON",
                      "the request body is not valid JSON");
  if (!duplicate.empty()) {
    core::Error e{core::ErrorCode::kMalformed,
                  "duplicate_key",
                  "JSON 对象中的键 " + duplicate + " 出现了不止一次",
                  "the key " + duplicate + " appears more than once in a JSON object",
                  {}};
    e.details["field"] = duplicate;
    return tl::unexpected(e);
  }
  return j;
}

JsonReader::JsonReader(const Json& obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {
  if (!obj_.is_object())
    error_ = core::Error{core::ErrorCode::kMalformed,
                         "malformed_json",
                         "请求体必须是 JSON 对象",
                         "the request body must be a JSON object",
                         {}};
}

const Json* JsonReader::Get(const char* key, bool required, const char* type_zh,
                            const char* type_en) {
  seen_.emplace_back(key);
  if (error_ || !obj_.is_object()) return nullptr;
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) {
    if (required) {
      core::Error e{core::ErrorCode::kMalformed,
                    "missing_field",
                    "缺少必填字段 " + prefix_ + key,
                    "missing required field " + prefix_ + key,
                    {}};
      e.details["field"] = prefix_ + key;
      error_ = std::move(e);
    }
    return nullptr;
  }
  return &*it;
}

void JsonReader::TypeError(const char* key, const char* type_zh, const char* type_en) {
  core::Error e{core::ErrorCode::kMalformed,
                "wrong_type",
                "字段 " + prefix_ + key + " 应为" + type_zh,
                "field " + prefix_ + key + " must be a " + type_en,
                {}};
  e.details["field"] = prefix_ + key;
  Fail(std::move(e));
}

void JsonReader::Str(const char* key, std::string& out, bool required) {
  if (const Json* v = Get(key, required, "字符串", "string")) {
    if (!v->is_string()) return TypeError(key, "字符串", "string");
    out = v->get<std::string>();
  }
}

void JsonReader::OptStr(const char* key, std::optional<std::string>& out) {
  seen_.emplace_back(key);
  if (error_ || !obj_.is_object()) return;
  auto it = obj_.find(key);
  if (it == obj_.end()) return;
  if (it->is_null()) {
    out.reset();
    return;
  }
  if (!it->is_string()) return TypeError(key, "字符串", "string");
  out = it->get<std::string>();
}

void JsonReader::Num(const char* key, double& out, bool required) {
  if (const Json* v = Get(key, required, "数字", "number")) {
    if (!v->is_number()) return TypeError(key, "数字", "number");
    out = v->get<double>();
  }
}

void JsonReader::Int(const char* key, std::int64_t& out, bool required) {
  if (const Json* v = Get(key, required, "整数", "integer")) {
    if (!v->is_number_integer()) return TypeError(key, "整数", "integer");
    if (!FitsInt64(*v)) return Fail(OutOfRange(prefix_ + key, *v));
    out = v->get<std::int64_t>();
  }
}

void JsonReader::OptInt(const char* key, std::optional<std::int64_t>& out) {
  if (const Json* v = Get(key, false, "整数", "integer")) {
    if (!v->is_number_integer()) return TypeError(key, "整数", "integer");
    if (!FitsInt64(*v)) return Fail(OutOfRange(prefix_ + key, *v));
    out = v->get<std::int64_t>();
  }
}

void JsonReader::Bool(const char* key, bool& out, bool required) {
  if (const Json* v = Get(key, required, "布尔值", "boolean")) {
    if (!v->is_boolean()) return TypeError(key, "布尔值", "boolean");
    out = v->get<bool>();
  }
}

void JsonReader::StrList(const char* key, std::vector<std::string>& out) {
  if (const Json* v = Get(key, false, "字符串数组", "array of strings")) {
    if (!v->is_array()) return TypeError(key, "字符串数组", "array of strings");
    out.clear();
    for (const auto& el : *v) {
      if (!el.is_string()) return TypeError(key, "字符串数组", "array of strings");
      out.push_back(el.get<std::string>());
    }
  }
}

void JsonReader::IntList(const char* key, std::vector<std::int64_t>& out) {
  if (const Json* v = Get(key, false, "整数数组", "array of integers")) {
    if (!v->is_array()) return TypeError(key, "整数数组", "array of integers");
    out.clear();
    for (const auto& el : *v) {
      if (!el.is_number_integer()) return TypeError(key, "整数数组", "array of integers");
      if (!FitsInt64(el)) return Fail(OutOfRange(prefix_ + key, el));
      out.push_back(el.get<std::int64_t>());
    }
  }
}

core::Status JsonReader::Finish() {
  if (error_) return tl::unexpected(*error_);
  for (const auto& [k, v] : obj_.items()) {
    if (std::find(seen_.begin(), seen_.end(), k) == seen_.end()) {
      core::Error e{core::ErrorCode::kMalformed,
                    "unknown_field",
                    "未知字段 " + prefix_ + k,
                    "unknown field " + prefix_ + k,
                    {}};
      e.details["field"] = prefix_ + k;
      return tl::unexpected(std::move(e));
    }
  }
  return {};
}

}  // namespace incunet::app
