#pragma once
// A calendar date and a calendar month, enough for effective dates and tax benefit months.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace incunet::domain::standards {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct YearMonth {
  int year = 0;
  int month = 0;
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

// "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
std::optional<CivilDate> ParseCivilDate(std::string_view text);
std::string ToString(const CivilDate& d);  // "2018-12-14"
std::string ToString(const YearMonth& m);  // "2024-01"
YearMonth MonthOf(const CivilDate& d);
YearMonth NextMonth(const YearMonth& m);

}  // namespace incunet::domain::standards
