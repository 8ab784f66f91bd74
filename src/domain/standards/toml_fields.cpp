#include "domain/standards/toml_fields.hpp"

namespace incunet::domain::standards {

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

std::string TomlFields::String(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required)
      problems_.Fail(TableLine(), where_ + ": missing '" + std::string(key) + "'",
                     where_ + "：缺少 '" + std::string(key) + "'");
    return "";
  }
  auto s = n->value<std::string>();
  if (!s) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' must be a string",
                   where_ + "：'" + std::string(key) + "' 应为字符串");
    return "";
  }
  if (required && s->empty())
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' is empty",
                   where_ + "：'" + std::string(key) + "' 为空");
  return *s;
}

std::optional<double> TomlFields::Number(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required)
      problems_.Fail(TableLine(), where_ + ": missing '" + std::string(key) + "'",
                     where_ + "：缺少 '" + std::string(key) + "'");
    return std::nullopt;
  }
  if (!n->is_integer() && !n->is_floating_point()) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' must be a number",
                   where_ + "：'" + std::string(key) + "' 应为数值");
    return std::nullopt;
  }
  return n->value<double>();
}

std::optional<bool> TomlFields::Bool(std::string_view key) {
  const toml::node* n = Get(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' must be true or false",
                   where_ + "：'" + std::string(key) + "' 应为 true 或 false");
    return std::nullopt;
  }
  return n->value<bool>();
}

std::optional<core::Date> TomlFields::Date(std::string_view key) {
  const toml::node* n = Get(key);
  if (!n) return std::nullopt;
  if (!n->is_date()) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' must be a date (YYYY-MM-DD)",
                   where_ + "：'" + std::string(key) + "' 应为日期（YYYY-MM-DD）");
    return std::nullopt;
  }
  auto d = n->as_date()->get();
  auto date = core::Date::FromParts(d.year, d.month, d.day);
  if (!date) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' is not a day in years 1–9999",
                   where_ + "：'" + std::string(key) + "' 不是 1–9999 年间的有效日期");
    return std::nullopt;
  }
  return *date;
}

std::vector<std::string> TomlFields::Strings(std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = Get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    problems_.Fail(LineOf(*n), where_ + ": '" + std::string(key) + "' must be a list of strings",
                   where_ + "：'" + std::string(key) + "' 应为字符串列表");
    return out;
  }
  for (const auto& el : *a) {
    auto s = el.value<std::string>();
    if (!s) {
      problems_.Fail(LineOf(el), where_ + ": '" + std::string(key) + "' must be a list of strings",
                     where_ + "：'" + std::string(key) + "' 应为字符串列表");
      return out;
    }
    out.push_back(*s);
  }
  return out;
}

const toml::array* TomlFields::Tables(std::string_view key) {
  const toml::node* n = Get(key);
  if (!n) return nullptr;
  const toml::array* a = n->as_array();
  if (!a || !a->is_array_of_tables()) {
    problems_.Fail(
        LineOf(*n),
        where_ + ": '" + std::string(key) + "' must be an array of tables ([[" + std::string(key) +
            "]])",
        where_ + "：'" + std::string(key) + "' 应为表数组（[[" + std::string(key) + "]]）");
    return nullptr;
  }
  return a;
}

void TomlFields::CheckUnknown() {
  for (const auto& [k, v] : table_) {
    std::string key(k.str());
    if (!seen_.count(key))
      problems_.Fail(static_cast<int>(k.source().begin.line),
                     where_ + ": unknown key '" + key + "'", where_ + "：未知的键 '" + key + "'");
  }
}

}  // namespace incunet::domain::standards
