#include "app/returns/codec.hpp"

#include <fmt/format.h>

#include <charconv>

#include "domain/returns/workflow.hpp"

namespace incunet::app::returns {
namespace {

using ret::FieldType;

core::Error Malformed(const std::string& path, const std::string& zh, const std::string& en) {
  core::Error e{
      core::ErrorCode::kMalformed, "invalid_type", path + "：" + zh, path + ": " + en, {}};
  e.details["field"] = path;
  return e;
}

core::Error UnknownField(const std::string& path) {
  core::Error e{core::ErrorCode::kMalformed,
                "unknown_field",
                "未知字段 " + path,
                "unknown field " + path,
                {}};
  e.details["field"] = path;
  return e;
}

core::Status ReadValues(const Json& obj, ret::Form form, const std::string& prefix,
                        std::map<std::string, std::optional<std::string>>& out) {
  if (!obj.is_object()) return core::Fail(Malformed(prefix, "应为对象", "expected an object"));
  for (const auto& [code, v] : obj.items()) {
    const ret::FieldDef* f = ret::FindField(form, code);
    if (!f) return core::Fail(UnknownField(prefix + "." + code));
    auto text = ValueFromJson(*f, v, prefix + "." + code);
    if (!text) return tl::unexpected(text.error());
    out[code] = *text;
  }
  return {};
}

}  // namespace

namespace {

// One property per catalogue field, typed as ValueToJson writes it; null clears a value (input).
Json FormValues(ret::Form form, bool input) {
  using namespace schema;  // NOLINT: the schema vocabulary reads as a table
  std::vector<Field> fields;
  for (const auto& f : ret::Fields(form)) {
    Json s;
    switch (f.type) {
      case FieldType::kMoney:
        s = Describe(Int(), "fen (分)");
        break;
      case FieldType::kCount:
        s = Int();
        break;
      case FieldType::kArea:
        s = Num();
        break;
      case FieldType::kBool:
        s = Bool();
        break;
      case FieldType::kDate:
        s = Date();
        break;
      case FieldType::kText:
        s = Str(200);
        break;
    }
    s["title"] = std::string(f.name_zh) + " / " + std::string(f.name_en);
    fields.push_back(Opt(std::string(f.code), input ? Nullable(s) : s));
  }
  return Object(std::move(fields));
}

}  // namespace

schema::Components Schemas() {
  using namespace schema;  // NOLINT: the schema vocabulary reads as a table
  Json status =
      Enum({ret::kStatusDraft, ret::kStatusSubmitted, ret::kStatusReturned, ret::kStatusAccepted});
  Json level = Enum({ret::kLevelCounty, ret::kLevelCity, ret::kLevelProvince, ret::kLevelNational});
  Json summary =
      Object({{"id", Id()},
              {"carrier_id", Id()},
              {"carrier_name", Str()},
              {"region_code", Str()},
              {"year", Int(1000, 9999)},
              {"kind", Str()},
              {"status", status},
              {"pending_level", Nullable(level)},
              {"pending_prefix", Nullable(Str())},
              {"review_path", Array(Object({{"level", level}, {"region_prefix", Str()}}))},
              {"reopened_until", Nullable(Date())},
              {"version", Int(1, INT64_MAX)},
              {"created_at", DateTime()},
              {"updated_at", DateTime()},
              {"submitted_at", Nullable(DateTime())},
              {"accepted_at", Nullable(DateTime())}});
  Json finding = Object({{"check_id", Str()},
                         {"severity", Enum({"error", "warning"})},
                         {"key", Str()},
                         {"row_id", Nullable(Int())},
                         {"field", Str()},
                         {"message_zh", Str()},
                         {"message_en", Str()},
                         {"explained", Bool()}});
  Json detail =
      Extend(summary,
             {{"values", Ref("ReturnValues")},
              {"incubatees", Array(Object({{"row_id", Id()}, {"values", Ref("IncubateeValues")}}))},
              {"explanations", Map(Str())},
              {"findings", Array(finding)},
              {"has_last_year", Bool()},
              {"submittable", Bool()}});
  Json edit = Object(
      {Opt("version", Describe(Int(1, INT64_MAX), "the version read; or send If-Match")),
       Opt("values", FormValues(ret::Form::kCarrier, true)),
       Opt("incubatees", Array(Object({{"row_id", Describe(Id(), "the enterprise id")},
                                       Opt("remove", Bool()),
                                       Opt("values", FormValues(ret::Form::kIncubatee, true))}))),
       Opt("explanations", Describe(Map(Nullable(Str())), "finding key → reason; null removes"))});
  Json form = Object(
      {{"sections", Array(Object({{"id", Str()}, {"name_zh", Str()}, {"name_en", Str()}}))},
       {"fields", Array(Object({{"code", Str()},
                                {"name_zh", Str()},
                                {"name_en", Str()},
                                {"type", Enum({"text", "date", "bool", "money", "area", "count"})},
                                {"unit_zh", Str()},
                                {"unit_en", Str()},
                                {"section", Str()},
                                {"official", Bool()},
                                {"may_be_negative", Bool()}}))}});
  Json catalogue = Object({{"forms", Object({{"carrier", form}, {"incubatee", form}})},
                           {"checks", Array(Object({{"id", Str()},
                                                    {"severity", Enum({"error", "warning"})},
                                                    {"fields", Array(Str())},
                                                    {"total", Str()},
                                                    {"param", Num()},
                                                    {"message_zh", Str()},
                                                    {"message_en", Str()}}))},
                           {"money_unit", Object({{"stored", Str()},
                                                  {"shown_zh", Str()},
                                                  {"shown_en", Str()},
                                                  {"fen_per_shown", Int()}})}});
  Json deadline = Object(
      {{"year", Int(1000, 9999)}, {"kind", Str()}, {"opens_on", Date()}, {"closes_on", Date()}});
  auto list = [](Json item) { return Object({{"items", Array(std::move(item))}}); };
  return {{"ReturnValues", FormValues(ret::Form::kCarrier, false)},
          {"IncubateeValues", FormValues(ret::Form::kIncubatee, false)},
          {"AnnualReturnSummary", summary},
          {"AnnualReturn", detail},
          {"AnnualReturnEdit", edit},
          {"ReturnCatalogue", catalogue},
          {"Deadline", deadline},
          {"Deadlines", list(Ref("Deadline"))},
          {"ValueChanges", list(Object({{"row_id", Int()},
                                        {"code", Str()},
                                        {"old_value", Nullable(Str())},
                                        {"new_value", Nullable(Str())},
                                        {"actor_id", Int()},
                                        {"actor_login", Str()},
                                        {"at", DateTime()},
                                        {"request_id", Str()},
                                        {"source", Str()}}))},
          {"ReviewEvents", list(Object({{"id", Id()},
                                        {"decision", Str()},
                                        {"level", Str()},
                                        {"region_prefix", Str()},
                                        {"reason", Str()},
                                        {"actor_id", Int()},
                                        {"actor_login", Str()},
                                        {"at", DateTime()}}))}};
}

Json ValueToJson(const ret::FieldDef& f, const std::string& text) {
  switch (f.type) {
    case FieldType::kMoney:
    case FieldType::kCount: {
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && p == text.data() + text.size()) return v;
      return text;
    }
    case FieldType::kArea: {
      auto v = ret::NumberOf(f, text);
      return v ? Json(*v) : Json(text);
    }
    case FieldType::kBool:
      return text == "true";
    default:
      return text;
  }
}

core::Result<std::optional<std::string>> ValueFromJson(const ret::FieldDef& f, const Json& v,
                                                       const std::string& path) {
  if (v.is_null()) return std::optional<std::string>();
  switch (f.type) {
    case FieldType::kMoney:
    case FieldType::kCount:
      if (v.is_number_integer())
        return std::optional<std::string>(std::to_string(v.get<std::int64_t>()));
      return core::Fail(Malformed(
          path, f.type == FieldType::kMoney ? "金额应为以分计的整数" : "应为整数",
          f.type == FieldType::kMoney ? "expected an integer in fen" : "expected an integer"));
    case FieldType::kArea:
      if (v.is_number()) return std::optional<std::string>(fmt::format("{}", v.get<double>()));
      return core::Fail(Malformed(path, "应为数字", "expected a number"));
    case FieldType::kBool:
      if (v.is_boolean()) return std::optional<std::string>(v.get<bool>() ? "true" : "false");
      return core::Fail(Malformed(path, "应为 true 或 false", "expected true or false"));
    case FieldType::kText:
    case FieldType::kDate:
      if (v.is_string()) return std::optional<std::string>(v.get<std::string>());
      return core::Fail(Malformed(path, "应为字符串", "expected a string"));
  }
  return std::optional<std::string>();
}

Json ToJson(const ret::AnnualReturn& r, bool with_values) {
  Json path = Json::array();
  for (const auto& s : r.review_path)
    path.push_back(Json{{"level", s.level}, {"region_prefix", s.region_prefix}});
  Json j{{"id", r.id},
         {"carrier_id", r.carrier_id},
         {"carrier_name", r.carrier_name},
         {"region_code", r.region_code},
         {"year", r.year},
         {"kind", r.kind},
         {"status", r.status},
         {"pending_level", r.pending_level.empty() ? Json(nullptr) : Json(r.pending_level)},
         {"pending_prefix", r.pending_level.empty() ? Json(nullptr) : Json(r.pending_prefix)},
         {"review_path", path},
         {"reopened_until", OptJson(r.reopened_until)},
         {"version", r.version},
         {"created_at", r.created_at},
         {"updated_at", r.updated_at},
         {"submitted_at", r.submitted_at.empty() ? Json(nullptr) : Json(r.submitted_at)},
         {"accepted_at", r.accepted_at.empty() ? Json(nullptr) : Json(r.accepted_at)}};
  if (!with_values) return j;
  Json values = Json::object();
  for (const auto& [code, text] : r.values)
    if (auto* f = ret::FindField(ret::Form::kCarrier, code)) values[code] = ValueToJson(*f, text);
  Json rows = Json::array();
  for (const auto& row : r.incubatees) {
    Json rv = Json::object();
    for (const auto& [code, text] : row.values)
      if (auto* f = ret::FindField(ret::Form::kIncubatee, code)) rv[code] = ValueToJson(*f, text);
    rows.push_back(Json{{"row_id", row.row_id}, {"values", rv}});
  }
  Json expl = Json::object();
  for (const auto& [k, t] : r.explanations) expl[k] = t;
  j["values"] = values;
  j["incubatees"] = rows;
  j["explanations"] = expl;
  return j;
}

Json ToJson(const ret::Finding& f) {
  return Json{{"check_id", f.check_id},
              {"severity", ret::SeverityName(f.severity)},
              {"key", f.key},
              {"row_id", f.row_id ? Json(f.row_id) : Json(nullptr)},
              {"field", f.field},
              {"message_zh", f.message_zh},
              {"message_en", f.message_en}};
}

Json ToJson(const ReturnView& v) {
  Json j = ToJson(v.ret, true);
  Json fs = Json::array();
  int unexplained = 0, errors = 0;
  for (const auto& f : v.findings) {
    Json fj = ToJson(f);
    bool explained = false;
    if (f.severity == ret::Severity::kWarning) {
      auto it = v.ret.explanations.find(f.key);
      explained = it != v.ret.explanations.end() &&
                  it->second.find_first_not_of(" \t\r\n") != std::string::npos;
      if (!explained) ++unexplained;
    } else {
      ++errors;
    }
    fj["explained"] = explained;
    fs.push_back(fj);
  }
  j["findings"] = fs;
  j["has_last_year"] = v.has_last_year;
  j["submittable"] = errors == 0 && unexplained == 0 && ret::IsEditableStatus(v.ret.status);
  return j;
}

Json ToJson(const ret::ValueChange& c) {
  return Json{{"row_id", c.row_id},
              {"code", c.code},
              {"old_value", OptJson(c.old_value)},
              {"new_value", OptJson(c.new_value)},
              {"actor_id", c.actor_id},
              {"actor_login", c.actor_login},
              {"at", c.at},
              {"request_id", c.request_id},
              {"source", c.source}};
}

Json ToJson(const ret::ReviewEvent& e) {
  return Json{{"id", e.id},
              {"decision", e.decision},
              {"level", e.level},
              {"region_prefix", e.region_prefix},
              {"reason", e.reason},
              {"actor_id", e.actor_id},
              {"actor_login", e.actor_login},
              {"at", e.at}};
}

Json ToJson(const ret::Deadline& d) {
  return Json{
      {"year", d.year}, {"kind", d.kind}, {"opens_on", d.opens_on}, {"closes_on", d.closes_on}};
}

Json CatalogueJson() {
  Json forms = Json::object();
  for (ret::Form form : {ret::Form::kCarrier, ret::Form::kIncubatee}) {
    Json sections = Json::array();
    for (const auto& s : ret::Sections(form))
      sections.push_back(Json{{"id", s.id}, {"name_zh", s.name_zh}, {"name_en", s.name_en}});
    Json fields = Json::array();
    for (const auto& f : ret::Fields(form))
      fields.push_back(Json{{"code", f.code},
                            {"name_zh", f.name_zh},
                            {"name_en", f.name_en},
                            {"type", ret::FieldTypeName(f.type)},
                            {"unit_zh", f.unit_zh},
                            {"unit_en", f.unit_en},
                            {"section", f.section},
                            {"official", f.official},
                            {"may_be_negative", f.may_be_negative}});
    forms[std::string(ret::FormName(form))] = Json{{"sections", sections}, {"fields", fields}};
  }
  Json checks = Json::array();
  for (const auto& c : ret::Checks()) {
    Json fields = Json::array();
    std::string_view s = c.fields;
    while (!s.empty()) {
      auto comma = s.find(',');
      fields.push_back(std::string(s.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
    checks.push_back(Json{{"id", c.id},
                          {"severity", ret::SeverityName(c.severity)},
                          {"fields", fields},
                          {"total", c.total},
                          {"param", c.param},
                          {"message_zh", c.message_zh},
                          {"message_en", c.message_en}});
  }
  return Json{{"forms", forms},
              {"checks", checks},
              {"money_unit", Json{{"stored", "fen"},
                                  {"shown_zh", "千元"},
                                  {"shown_en", "kCNY"},
                                  {"fen_per_shown", 100000}}}};
}

core::Status ReadEdit(const Json& body, ReturnEdit& out, std::int64_t* version) {
  *version = -1;
  if (!body.is_object()) return core::Fail(Malformed("body", "应为对象", "expected an object"));
  for (const auto& [key, v] : body.items()) {
    if (key == "version") {
      if (!v.is_number_integer())
        return core::Fail(Malformed("version", "应为整数", "expected an integer"));
      *version = v.get<std::int64_t>();
    } else if (key == "values") {
      if (auto s = ReadValues(v, ret::Form::kCarrier, "values", out.values); !s) return s;
    } else if (key == "explanations") {
      if (!v.is_object())
        return core::Fail(Malformed("explanations", "应为对象", "expected an object"));
      for (const auto& [k, t] : v.items()) {
        if (t.is_null()) {
          out.explanations[k] = std::nullopt;
        } else if (t.is_string()) {
          out.explanations[k] = t.get<std::string>();
        } else {
          return core::Fail(Malformed("explanations." + k, "应为字符串", "expected a string"));
        }
      }
    } else if (key == "incubatees") {
      if (!v.is_array())
        return core::Fail(Malformed("incubatees", "应为数组", "expected an array"));
      std::size_t i = 0;
      for (const auto& el : v) {
        std::string p = "incubatees[" + std::to_string(i++) + "]";
        if (!el.is_object()) return core::Fail(Malformed(p, "应为对象", "expected an object"));
        ReturnEdit::Row row;
        bool has_id = false;
        for (const auto& [rk, rv] : el.items()) {
          if (rk == "row_id") {
            if (!rv.is_number_integer() || rv.get<std::int64_t>() <= 0)
              return core::Fail(Malformed(p + ".row_id", "应为正整数（企业ID）",
                                          "expected a positive integer (the enterprise id)"));
            row.row_id = rv.get<std::int64_t>();
            has_id = true;
          } else if (rk == "remove") {
            if (!rv.is_boolean())
              return core::Fail(Malformed(p + ".remove", "应为布尔值", "expected a boolean"));
            row.remove = rv.get<bool>();
          } else if (rk == "values") {
            if (auto s = ReadValues(rv, ret::Form::kIncubatee, p + ".values", row.values); !s)
              return s;
          } else {
            return core::Fail(UnknownField(p + "." + rk));
          }
        }
        if (!has_id) {
          core::Error e{core::ErrorCode::kMalformed,
                        "missing_field",
                        p + ".row_id 为必填项",
                        p + ".row_id is required",
                        {}};
          e.details["field"] = p + ".row_id";
          return core::Fail(std::move(e));
        }
        out.rows.push_back(std::move(row));
      }
    } else {
      return core::Fail(UnknownField(key));
    }
  }
  return {};
}

}  // namespace incunet::app::returns
