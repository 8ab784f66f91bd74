#pragma once
// Helpers shared by the standards tests: rule files are read from the source tree, whose root
// ctest passes in INCUNET_SOURCE_DIR.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "domain/standards/loader.hpp"

namespace incunet::domain::standards::testing {

inline std::filesystem::path SourceDir() {
  const char* dir = std::getenv("INCUNET_SOURCE_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::path();
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The rule file data/standards/<name>, parsed; fails the test when it is refused.
inline RuleSet LoadShipped(const std::string& name) {
  std::filesystem::path path = SourceDir() / "data/standards" / name;
  std::string text = ReadFile(path);
  EXPECT_FALSE(text.empty()) << "cannot read " << path << " (is INCUNET_SOURCE_DIR set?)";
  auto rs = ParseRuleSet(text, "data/standards/" + name);
  EXPECT_TRUE(rs.has_value()) << (rs ? "" : rs.error().message_en);
  return rs ? *rs : RuleSet{};
}

}  // namespace incunet::domain::standards::testing
