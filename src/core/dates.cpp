#include "core/dates.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <stdexcept>

namespace incunet::core {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

bool InRange(const year_month_day& ymd) {
  int y = static_cast<int>(ymd.year());
  return ymd.ok() && y >= kMinYear && y <= kMaxYear;
}

Error InvalidDate(std::string_view text) {
  return Error{ErrorCode::kInvalid,
               "invalid_date",
               fmt::format("“{}”不是有效日期（应为 YYYY-MM-DD）", text),
               fmt::format("'{}' is not a valid date (expected YYYY-MM-DD)", text),
               {}};
}

}  // namespace

std::chrono::system_clock::time_point SystemClock::Now() const {
  return std::chrono::system_clock::now();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

FixedClock::FixedClock(std::chrono::system_clock::time_point now)
    : ticks_(now.time_since_epoch().count()) {}

std::chrono::system_clock::time_point FixedClock::Now() const {
  return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(ticks_.load()));
}

void FixedClock::Set(std::chrono::system_clock::time_point now) {
  ticks_.store(now.time_since_epoch().count());
}

void FixedClock::Advance(std::chrono::system_clock::duration by) { ticks_.fetch_add(by.count()); }

Result<Date> Date::Parse(std::string_view text) {
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  auto number = [&](std::size_t from, std::size_t len) {
    int n = 0;
    for (std::size_t i = from; i < from + len; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return Fail(InvalidDate(text));
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!digit(i)) return Fail(InvalidDate(text));
  }
  year_month_day ymd{std::chrono::year(number(0, 4)),
                     std::chrono::month(static_cast<unsigned>(number(5, 2))),
                     std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!InRange(ymd)) return Fail(InvalidDate(text));
  return Date(ymd);
}

Result<Date> Date::FromParts(int year, unsigned month, unsigned day) {
  // std::chrono::year holds -32767..32767; check first so a huge int cannot wrap into range.
  if (year < kMinYear || year > kMaxYear || month > 12 || day > 31)
    return Fail(InvalidDate(fmt::format("{:04}-{:02}-{:02}", year, month, day)));
  year_month_day ymd{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!InRange(ymd)) return Fail(InvalidDate(fmt::format("{:04}-{:02}-{:02}", year, month, day)));
  return Date(ymd);
}

Date Date::FromYmd(year_month_day ymd) {
  if (!InRange(ymd)) throw std::invalid_argument("Date::FromYmd: not a date in years 1..9999");
  return Date(ymd);
}

Date Date::FromDays(sys_days days) {
  year_month_day ymd(days);
  if (!InRange(ymd)) throw std::out_of_range("Date::FromDays: outside years 1..9999");
  return Date(ymd);
}

std::string Date::ToString() const {
  return fmt::format("{:04}-{:02}-{:02}", year(), month(), day());
}

Date Date::AddDays(int count) const { return FromDays(days() + std::chrono::days(count)); }

Date Date::AddMonths(int months) const {
  // Month arithmetic on an int first: std::chrono::months added to a year_month cannot overflow
  // silently here, and the range check below rejects anything past 9999.
  long long index = static_cast<long long>(year()) * 12 + (month() - 1) + months;
  long long y = index >= 0 ? index / 12 : (index - 11) / 12;
  if (y < kMinYear || y > kMaxYear) throw std::out_of_range("Date::AddMonths: outside 1..9999");
  auto ym = std::chrono::year(static_cast<int>(y)) /
            std::chrono::month(static_cast<unsigned>(index - y * 12 + 1));
  auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()));
  auto d = std::min(ymd_.day(), last.day());
  return Date(year_month_day(ym.year(), ym.month(), d));
}

int DaysBetween(Date from, Date to) { return static_cast<int>((to.days() - from.days()).count()); }

int MonthsBetween(Date from, Date to) {
  if (to < from) return -MonthsBetween(to, from);
  int n = (to.year() - from.year()) * 12 + static_cast<int>(to.month()) -
          static_cast<int>(from.month());
  if (from.AddMonths(n) > to) --n;
  return n;
}

Date Today(const Clock& clock, std::chrono::minutes utc_offset) {
  auto local = clock.Now() + utc_offset;
  return Date::FromDays(std::chrono::floor<std::chrono::days>(local));
}

Date Date::Of(int year, unsigned month, unsigned day) {
  auto d = FromParts(year, month, day);
  if (!d)
    throw std::invalid_argument("not a day: " + std::to_string(year) + "-" + std::to_string(month) +
                                "-" + std::to_string(day));
  return *d;
}

YearMonth MonthOf(Date d) { return {d.year(), static_cast<int>(d.month())}; }

YearMonth NextMonth(YearMonth m) {
  return m.month == 12 ? YearMonth{m.year + 1, 1} : YearMonth{m.year, m.month + 1};
}

std::string ToString(YearMonth m) { return fmt::format("{:04}-{:02}", m.year, m.month); }

std::string Rfc3339(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", secs);
}

std::string CivilDateCst(std::chrono::system_clock::time_point t) {
  return Date::FromDays(std::chrono::floor<std::chrono::days>(t + kChinaUtcOffset)).ToString();
}

}  // namespace incunet::core
