#include "domain/standards/units.hpp"

#include <algorithm>

namespace incunet::domain::standards {
namespace {

constexpr std::array<std::string_view, kDimensionCount> kNames = {
    "m2", "cny", "count", "persons", "months", "years", "score"};
constexpr std::array<std::string_view, kDimensionCount> kLabelsZh = {"m²",   "元", "个", "人",
                                                                     "个月", "年", "分"};
constexpr std::array<std::string_view, kDimensionCount> kLabelsEn = {"m²",     "CNY",   "",      "",
                                                                     "months", "years", "points"};

std::optional<Dimension> ParseDimension(std::string_view s) {
  for (int i = 0; i < kDimensionCount; ++i)
    if (kNames[i] == s) return static_cast<Dimension>(i);
  return std::nullopt;
}

}  // namespace

bool Unit::IsRatio() const {
  return !is_bool && std::all_of(exponent.begin(), exponent.end(), [](auto e) { return e == 0; });
}

std::optional<Dimension> Unit::Base() const {
  if (is_bool) return std::nullopt;
  std::optional<Dimension> found;
  for (int i = 0; i < kDimensionCount; ++i) {
    if (exponent[i] == 0) continue;
    if (exponent[i] != 1 || found) return std::nullopt;
    found = static_cast<Dimension>(i);
  }
  return found;
}

bool Unit::IsWholeNumber() const {
  auto b = Base();
  return b && (*b == Dimension::kCount || *b == Dimension::kPersons || *b == Dimension::kMonths ||
               *b == Dimension::kYears || *b == Dimension::kCny);
}

Unit Multiply(const Unit& a, const Unit& b) {
  Unit u;
  for (int i = 0; i < kDimensionCount; ++i)
    u.exponent[i] = static_cast<std::int8_t>(a.exponent[i] + b.exponent[i]);
  return u;
}

Unit Divide(const Unit& a, const Unit& b) {
  Unit u;
  for (int i = 0; i < kDimensionCount; ++i)
    u.exponent[i] = static_cast<std::int8_t>(a.exponent[i] - b.exponent[i]);
  return u;
}

std::optional<Unit> ParseUnit(std::string_view text) {
  if (text == "ratio") return Unit::Ratio();
  if (text == "bool") return Unit::Bool();
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    auto d = ParseDimension(text);
    if (!d) return std::nullopt;
    return Unit::Of(*d);
  }
  auto num = ParseDimension(text.substr(0, slash));
  auto den = ParseDimension(text.substr(slash + 1));
  if (!num || !den || *num == *den) return std::nullopt;
  return Divide(Unit::Of(*num), Unit::Of(*den));
}

std::string UnitName(const Unit& unit) {
  if (unit.is_bool) return "bool";
  if (unit.IsRatio()) return "ratio";
  std::string num, den;
  for (int i = 0; i < kDimensionCount; ++i) {
    int e = unit.exponent[i];
    std::string& side = e > 0 ? num : den;
    for (int k = 0; k < (e > 0 ? e : -e); ++k) {
      if (!side.empty()) side += '*';
      side += kNames[i];
    }
  }
  if (num.empty()) num.push_back('1');  // 1/m2
  if (!den.empty()) {
    num += '/';
    num += den;
  }
  return num;
}

std::string UnitLabelZh(const Unit& unit) {
  if (unit.is_bool || unit.IsRatio()) return "";
  if (auto b = unit.Base()) return std::string(kLabelsZh[static_cast<int>(*b)]);
  return UnitName(unit);
}

std::string UnitLabelEn(const Unit& unit) {
  if (unit.is_bool || unit.IsRatio()) return "";
  if (auto b = unit.Base()) return std::string(kLabelsEn[static_cast<int>(*b)]);
  return UnitName(unit);
}

}  // namespace incunet::domain::standards
