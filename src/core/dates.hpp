#pragma once
// Civil dates (no time of day, no zone) as the API writes them, YYYY-MM-DD, and the Clock that
// code asks for "now" so tests can fix time.
#include <atomic>
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::core {

// The source of the current time. Implementations are safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The machine's real-time clock. Only the entry points (cli/) and tests take it; everything
// else is handed a Clock, so that tests can fix time (scripts/check-layers.sh enforces this).
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override;
  static const SystemClock& Instance();
};

// A clock that reads what it was set to, for tests; Set and Advance may race with Now safely.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point now);
  std::chrono::system_clock::time_point Now() const override;
  void Set(std::chrono::system_clock::time_point now);
  void Advance(std::chrono::system_clock::duration by);

 private:
  std::atomic<std::chrono::system_clock::rep> ticks_;
};

// A valid proleptic-Gregorian date from 0001-01-01 to 9999-12-31. Default: 1970-01-01.
class Date {
 public:
  Date() = default;

  // Parses exactly "YYYY-MM-DD" (ten characters, zero-padded, a real day: 2023-02-29 fails).
  // Fails with Error{kInvalid, "invalid_date"}; callers add details["field"].
  static Result<Date> Parse(std::string_view text);

  // The date, or Error{kInvalid, "invalid_date"} when the parts are not a day in 1..9999.
  static Result<Date> FromParts(int year, unsigned month, unsigned day);

  // The date of a valid std::chrono date; throws std::invalid_argument otherwise (programmer
  // fault) or when it lies outside years 1..9999.
  static Date FromYmd(std::chrono::year_month_day ymd);
  static Date FromDays(std::chrono::sys_days days);
  // A date written in code (constants, tests); throws std::invalid_argument when it is no day.
  static Date Of(int year, unsigned month, unsigned day);

  int year() const { return static_cast<int>(ymd_.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd_.day()); }
  std::chrono::year_month_day ymd() const { return ymd_; }
  std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }

  // "YYYY-MM-DD", the form Parse reads.
  std::string ToString() const;

  // Whole days later (negative: earlier). Throws std::out_of_range past years 1..9999.
  Date AddDays(int days) const;
  // The same day `months` later, clamped to the month's last day: 2024-01-31 + 1 = 2024-02-29.
  // Throws std::out_of_range past years 1..9999.
  Date AddMonths(int months) const;
  Date AddYears(int years) const { return AddMonths(12 * years); }

  friend bool operator==(const Date& a, const Date& b) { return a.ymd_ == b.ymd_; }
  friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
    return a.ymd_ <=> b.ymd_;
  }

 private:
  explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}

  std::chrono::year_month_day ymd_{std::chrono::year(1970), std::chrono::January,
                                   std::chrono::day(1)};
};

// `to` - `from` in days; negative when `to` is earlier.
int DaysBetween(Date from, Date to);

// Whole calendar months from `from` to `to`: the largest n with from.AddMonths(n) <= to, e.g.
// 2020-01-31 → 2020-02-29 is 1 and 2020-01-15 → 2020-02-14 is 0. Negative when `to` is earlier:
// MonthsBetween(a, b) == -MonthsBetween(b, a).
int MonthsBetween(Date from, Date to);

// A calendar month, for month-granular rules such as tax benefit periods.
struct YearMonth {
  int year = 0;
  int month = 0;
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};
YearMonth MonthOf(Date d);
YearMonth NextMonth(YearMonth m);
std::string ToString(YearMonth m);  // "2024-01"

// China Standard Time (UTC+8, no daylight saving): the day the network's users live in.
inline constexpr std::chrono::minutes kChinaUtcOffset{8 * 60};

// The civil date of clock.Now() at the given offset from UTC.
Date Today(const Clock& clock, std::chrono::minutes utc_offset = kChinaUtcOffset);

// An instant as the API writes it: RFC 3339 in UTC to the second, "2026-12-06T03:00:00Z".
std::string Rfc3339(std::chrono::system_clock::time_point t);
// The civil date of an instant in China Standard Time, "YYYY-MM-DD".
std::string CivilDateCst(std::chrono::system_clock::time_point t);

}  // namespace incunet::core
