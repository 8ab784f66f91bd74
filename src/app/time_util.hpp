#pragma once
// Timestamps as the API shows them: RFC 3339 in UTC for instants, YYYY-MM-DD (China time) for
// civil dates.
#include <chrono>
#include <string>

namespace incunet::app {

std::string Rfc3339(std::chrono::system_clock::time_point t);
// The civil date in China Standard Time (UTC+8), which is the date the network's users live in.
std::string CivilDateCst(std::chrono::system_clock::time_point t);

}  // namespace incunet::app
