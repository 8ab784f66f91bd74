#include "app/time_util.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace incunet::app {

std::string Rfc3339(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", secs);
}

std::string CivilDateCst(std::chrono::system_clock::time_point t) {
  auto days = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(8));
  std::chrono::year_month_day ymd{days};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

}  // namespace incunet::app
