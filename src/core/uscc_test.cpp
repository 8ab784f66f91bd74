#include "core/uscc.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace incunet::core {
namespace {

std::string Reason(const Status& s) { return s ? std::string() : s.error().details.at("reason"); }

TEST(Uscc, AcceptsPublishedCodes) {
  // Codes printed on public business licences, and the example of GB 32100-2015.
  for (const char* code :
       {"914403001922038216", "9144030071526726XG", "91110108551385082Q", "91350100M000100Y43"}) {
    EXPECT_TRUE(ValidateUscc(code)) << code;
  }
}

TEST(Uscc, RejectsWrongLengthWithCharacterCount) {
  auto s = ValidateUscc("91440300192203821");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(s.error().id, "invalid_uscc");
  EXPECT_EQ(s.error().details.at("field"), "uscc");
  EXPECT_EQ(Reason(s), "length");
  EXPECT_NE(s.error().message_zh.find("17"), std::string::npos);
  EXPECT_NE(s.error().message_en.find("17"), std::string::npos);
  // Counted in characters: 18 bytes of Chinese are six characters, not 18.
  auto chinese = ValidateUscc("统一社会信用");
  ASSERT_FALSE(chinese);
  EXPECT_EQ(Reason(chinese), "length");
  EXPECT_NE(chinese.error().message_en.find("not 6"), std::string::npos);
  EXPECT_EQ(Reason(ValidateUscc("")), "length");
}

TEST(Uscc, RejectsCharactersOutsideTheSet) {
  for (const char* bad : {"I", "O", "S", "V", "Z", "a", "-", " "}) {
    std::string code = "91440300192203821";
    code.insert(5, bad);
    auto s = ValidateUscc(code);
    ASSERT_FALSE(s) << code;
    EXPECT_EQ(Reason(s), "charset") << code;
    EXPECT_NE(s.error().message_en.find("character 6"), std::string::npos) << code;
  }
}

TEST(Uscc, RejectsWrongCheckDigitNamingTheExpectedOne) {
  auto s = ValidateUscc("914403001922038217");
  ASSERT_FALSE(s);
  EXPECT_EQ(Reason(s), "check_digit");
  EXPECT_NE(s.error().message_en.find("expected '6', got '7'"), std::string::npos);
  EXPECT_NE(s.error().message_zh.find("“6”"), std::string::npos);
}

TEST(Uscc, CheckDigitWrapsThirtyOneToZero) {
  // Found by search: bodies whose weighted sum is a multiple of 31 take the digit '0'.
  const std::string body = "91440300192203800";
  int found = 0;
  for (char c : std::string_view("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    std::string candidate = body;
    candidate[16] = c;
    if (UsccCheckDigit(candidate) == '0') {
      ++found;
      EXPECT_TRUE(ValidateUscc(candidate + "0"));
    }
  }
  EXPECT_EQ(found, 1);  // the last weight (28) is invertible mod 31, so exactly one symbol fits
}

TEST(Uscc, MakeUsccAppendsAValidCheckDigit) {
  EXPECT_EQ(MakeUscc("91440300192203821"), "914403001922038216");
  EXPECT_EQ(MakeUscc("9144030071526726X"), "9144030071526726XG");
  for (int i = 0; i < 200; ++i) {
    std::string body = "9132050" + std::to_string(1000000000 + i * 7919);
    ASSERT_EQ(body.size(), 17u);
    EXPECT_TRUE(ValidateUscc(MakeUscc(body))) << body;
  }
  EXPECT_THROW(MakeUscc("9144030019220382"), std::invalid_argument);
  EXPECT_THROW(MakeUscc("91440300192203I21"), std::invalid_argument);
}

TEST(Uscc, NormalizeTrimsAndUpperCases) {
  EXPECT_EQ(NormalizeUscc(" \t9144030071526726xg\r\n"), "9144030071526726XG");
  EXPECT_TRUE(ValidateUscc(NormalizeUscc("  91110108551385082q ")));
  EXPECT_EQ(NormalizeUscc(""), "");
}

TEST(Uscc, RegionCodeIsPositionsThreeToEight) {
  EXPECT_EQ(UsccRegionCode("914403001922038216"), "440300");
  EXPECT_EQ(UsccRegionCode("91350100M000100Y43"), "350100");
  EXPECT_EQ(UsccRegionCode("91A50100M000100Y43"), "");
  EXPECT_EQ(UsccRegionCode("9144"), "");
}

}  // namespace
}  // namespace incunet::core
