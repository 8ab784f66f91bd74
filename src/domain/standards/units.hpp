#pragma once
// Units of rule-set quantities. A unit is a product of base dimensions with integer exponents, so
// "count/count" cancels to ratio and "count/m2" is a legal derived unit (a density such as
// incubatees per 1000 m²: units track dimension, not scale). Booleans are a separate type.
//
// The base list is fixed: m2, cny, count, persons, months, years, score (evaluation points).
// "ratio" is the dimensionless unit; "bool" is the boolean type. Derived units are written
// "a/b" (one base over one base), e.g. "count/m2", "persons/count".
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace incunet::domain::standards {

enum class Dimension : std::uint8_t { kM2, kCny, kCount, kPersons, kMonths, kYears, kScore };
inline constexpr int kDimensionCount = 7;

struct Unit {
  bool is_bool = false;
  std::array<std::int8_t, kDimensionCount> exponent{};  // all zero = ratio

  static Unit Ratio() { return {}; }
  static Unit Bool() {
    Unit u;
    u.is_bool = true;
    return u;
  }
  static Unit Of(Dimension d) {
    Unit u;
    u.exponent[static_cast<int>(d)] = 1;
    return u;
  }
  bool IsRatio() const;
  // True when the unit is one base dimension with exponent 1 (m2, count, ...).
  std::optional<Dimension> Base() const;
  // Whole-number quantities (counts, persons, months, years, whole yuan): gaps are rounded up.
  bool IsWholeNumber() const;

  friend bool operator==(const Unit&, const Unit&) = default;
};

Unit Multiply(const Unit& a, const Unit& b);
Unit Divide(const Unit& a, const Unit& b);

// Parses "m2", "ratio", "bool", "count/m2", ... Returns nullopt for anything else.
std::optional<Unit> ParseUnit(std::string_view text);
// The canonical spelling accepted by ParseUnit ("count/m2"); products of more than one base
// over one base are printed with '*' and are not parseable (they are refused at load time).
std::string UnitName(const Unit& unit);
// Display labels for texts: zh "m²", "元", "人"; en "m²", "CNY", "". Ratio labels are empty.
std::string UnitLabelZh(const Unit& unit);
std::string UnitLabelEn(const Unit& unit);

}  // namespace incunet::domain::standards
