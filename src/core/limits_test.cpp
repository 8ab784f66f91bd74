#include "core/limits.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace incunet::core::limits {
namespace {

TEST(Limits, CountsCharactersNotBytes) {
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "孵";
  EXPECT_TRUE(CheckText(hundred, "name", kNameChars));
  auto r = CheckText(hundred + "化", "name", kNameChars);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().id, "text_too_long");
  EXPECT_EQ(r.error().details.at("field"), "name");
  EXPECT_EQ(r.error().details.at("max_length"), "100");
  EXPECT_EQ(r.error().details.at("length"), "101");
}

TEST(Limits, RefusesControlCharactersAndBadUtf8) {
  auto nul = CheckText(std::string("a\0b", 3), "name", 10);
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().id, "control_character");
  EXPECT_EQ(nul.error().details.at("offset"), "1");
  EXPECT_FALSE(CheckText("a\nb", "name", 10));
  EXPECT_TRUE(CheckText("a\nb\tc", "note", 10, /*multiline=*/true));
  EXPECT_FALSE(CheckText("a\x7f", "name", 10));
  EXPECT_FALSE(CheckText("a\xc2\x85", "name", 10));  // U+0085 NEXT LINE
  auto bad = CheckText("\xff", "name", 10);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kMalformed);
}

TEST(Limits, RangesNameTheValueAndTheBounds) {
  EXPECT_TRUE(CheckRange(kMaxAreaM2, "area_total_m2", 0.0, kMaxAreaM2));
  auto r = CheckRange(9.2e18, "area_total_m2", 0.0, kMaxAreaM2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().id, "out_of_range");
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().details.at("maximum"), "10000000");
  EXPECT_NE(r.error().message_en.find("9.2e+18"), std::string::npos) << r.error().message_en;
  auto m = CheckRange(kMaxMoneyFen + 1, "I20", std::int64_t{0}, kMaxMoneyFen);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().details.at("value"), "10000000000000001");
  EXPECT_FALSE(CheckRange(std::numeric_limits<double>::infinity(), "a", 0.0, 1.0));
}

}  // namespace
}  // namespace incunet::core::limits
