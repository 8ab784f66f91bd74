#include "core/dates.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace incunet::core {
namespace {

using namespace std::chrono_literals;

Date D(std::string_view text) {
  auto d = Date::Parse(text);
  if (!d) throw std::invalid_argument(std::string(text));
  return *d;
}

TEST(Date, ParsesAndPrintsRoundTrip) {
  for (const char* text : {"2025-07-10", "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01"}) {
    auto d = Date::Parse(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(d->ToString(), text);
  }
  auto d = D("2025-07-10");
  EXPECT_EQ(d.year(), 2025);
  EXPECT_EQ(d.month(), 7u);
  EXPECT_EQ(d.day(), 10u);
  EXPECT_EQ(Date().ToString(), "1970-01-01");
}

TEST(Date, ParseIsStrict) {
  for (const char* bad :
       {"", "2025-7-10", "2025-07-1", "20250710", "2025/07/10", "2025-07-10 ", " 2025-07-10",
        "2025-07-10T00:00:00", "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-07-00",
        "0000-01-01", "+025-07-10", "2025-0a-10", "２０２５-07-10", "-2025-07-1"}) {
    auto d = Date::Parse(bad);
    ASSERT_FALSE(d) << bad;
    EXPECT_EQ(d.error().code, ErrorCode::kInvalid) << bad;
    EXPECT_EQ(d.error().id, "invalid_date") << bad;
  }
  EXPECT_NE(Date::Parse("2023-02-29").error().message_en.find("2023-02-29"), std::string::npos);
}

TEST(Date, FromPartsValidates) {
  ASSERT_TRUE(Date::FromParts(2024, 2, 29));
  EXPECT_EQ(Date::FromParts(2024, 2, 29)->ToString(), "2024-02-29");
  EXPECT_FALSE(Date::FromParts(2023, 2, 29));
  EXPECT_FALSE(Date::FromParts(0, 1, 1));
  EXPECT_FALSE(Date::FromParts(10000, 1, 1));
  EXPECT_FALSE(Date::FromParts(2024, 13, 1));
  EXPECT_FALSE(Date::FromParts(100000, 1, 1));
  EXPECT_THROW(Date::FromYmd(std::chrono::year(2023) / 2 / 29), std::invalid_argument);
  EXPECT_EQ(Date::FromYmd(std::chrono::year(2023) / 3 / 1).ToString(), "2023-03-01");
}

TEST(Date, ComparesChronologically) {
  EXPECT_LT(D("2024-12-31"), D("2025-01-01"));
  EXPECT_LT(D("2025-01-09"), D("2025-01-10"));
  EXPECT_GT(D("2025-02-01"), D("2025-01-31"));
  EXPECT_EQ(D("2025-01-10"), D("2025-01-10"));
  EXPECT_NE(D("2025-01-10"), D("2025-01-11"));
  EXPECT_LE(D("2025-01-10"), D("2025-01-10"));
}

TEST(Date, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(D("2024-01-31").AddMonths(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2023-01-31").AddMonths(1).ToString(), "2023-02-28");
  EXPECT_EQ(D("2024-03-31").AddMonths(-1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2025-11-15").AddMonths(2).ToString(), "2026-01-15");
  EXPECT_EQ(D("2025-01-15").AddMonths(-1).ToString(), "2024-12-15");
  EXPECT_EQ(D("2020-07-10").AddMonths(60).ToString(), "2025-07-10");
  EXPECT_EQ(D("2020-07-10").AddMonths(-24).ToString(), "2018-07-10");
  EXPECT_EQ(D("2024-02-29").AddYears(1).ToString(), "2025-02-28");
  EXPECT_EQ(D("2025-07-10").AddMonths(0), D("2025-07-10"));
  EXPECT_THROW(D("9999-12-01").AddMonths(1), std::out_of_range);
  EXPECT_THROW(D("0001-01-31").AddMonths(-1), std::out_of_range);
}

TEST(Date, AddDaysCrossesMonthsAndLeapDays) {
  EXPECT_EQ(D("2024-02-28").AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2024-02-28").AddDays(2).ToString(), "2024-03-01");
  EXPECT_EQ(D("2025-01-01").AddDays(-1).ToString(), "2024-12-31");
  EXPECT_THROW(D("9999-12-31").AddDays(1), std::out_of_range);
}

TEST(Date, DaysBetween) {
  EXPECT_EQ(DaysBetween(D("2024-01-01"), D("2025-01-01")), 366);
  EXPECT_EQ(DaysBetween(D("2025-01-01"), D("2024-01-01")), -366);
  EXPECT_EQ(DaysBetween(D("2025-07-10"), D("2025-07-10")), 0);
  EXPECT_EQ(DaysBetween(D("1970-01-01"), D("2000-01-01")), 10957);
}

TEST(Date, MonthsBetweenCountsWholeMonths) {
  EXPECT_EQ(MonthsBetween(D("2020-01-15"), D("2020-02-14")), 0);
  EXPECT_EQ(MonthsBetween(D("2020-01-15"), D("2020-02-15")), 1);
  EXPECT_EQ(MonthsBetween(D("2020-01-31"), D("2020-02-29")), 1);
  EXPECT_EQ(MonthsBetween(D("2020-01-31"), D("2020-02-28")), 0);
  EXPECT_EQ(MonthsBetween(D("2020-07-10"), D("2025-07-09")), 59);
  EXPECT_EQ(MonthsBetween(D("2020-07-10"), D("2025-07-10")), 60);
  EXPECT_EQ(MonthsBetween(D("2025-07-10"), D("2020-07-10")), -60);
  EXPECT_EQ(MonthsBetween(D("2025-07-09"), D("2020-07-10")), -59);
  EXPECT_EQ(MonthsBetween(D("2024-12-20"), D("2025-01-19")), 0);
  EXPECT_EQ(MonthsBetween(D("2024-12-20"), D("2025-01-20")), 1);
  // Consistent with AddMonths for every start day of a year.
  for (Date from = D("2024-01-01"); from < D("2025-01-01"); from = from.AddDays(1)) {
    for (int n : {0, 1, 11, 13, 48}) {
      ASSERT_EQ(MonthsBetween(from, from.AddMonths(n)), n) << from.ToString() << " +" << n;
    }
  }
}

TEST(Clock, FixedClockIsSetAndAdvanced) {
  auto t0 = std::chrono::sys_days(std::chrono::year(2025) / 7 / 10) + 1h;
  FixedClock clock(t0);
  EXPECT_EQ(clock.Now(), t0);
  clock.Advance(90min);
  EXPECT_EQ(clock.Now(), t0 + 90min);
  clock.Set(t0 - 24h);
  EXPECT_EQ(clock.Now(), t0 - 24h);
}

TEST(Clock, FixedClockAdvancesSafelyFromThreads) {
  FixedClock clock(std::chrono::system_clock::time_point{});
  std::thread a([&] {
    for (int i = 0; i < 1000; ++i) clock.Advance(1s);
  });
  std::thread b([&] {
    for (int i = 0; i < 1000; ++i) clock.Advance(1s);
  });
  a.join();
  b.join();
  EXPECT_EQ(clock.Now(), std::chrono::system_clock::time_point{} + 2000s);
}

TEST(Clock, TodayUsesChinaTimeByDefault) {
  // 2025-07-09 16:30 UTC is already 2025-07-10 00:30 in Beijing.
  FixedClock clock(std::chrono::sys_days(std::chrono::year(2025) / 7 / 9) + 16h + 30min);
  EXPECT_EQ(Today(clock).ToString(), "2025-07-10");
  EXPECT_EQ(Today(clock, 0min).ToString(), "2025-07-09");
  clock.Set(std::chrono::sys_days(std::chrono::year(2025) / 7 / 9) + 15h + 59min);
  EXPECT_EQ(Today(clock).ToString(), "2025-07-09");
}

TEST(Clock, SystemClockIsNearNow) {
  SystemClock clock;
  auto before = std::chrono::system_clock::now();
  auto now = clock.Now();
  auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
  EXPECT_GE(Today(clock).year(), 2024);
}

}  // namespace
}  // namespace incunet::core
