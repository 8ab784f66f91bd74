#include "core/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace incunet::core {
namespace {

TEST(SortKey, OrdersProvincesByPinyinWithPlainByteComparison) {
  const std::vector<std::string> expected = {"安徽", "北京", "重庆", "广东", "浙江"};
  std::vector<std::string> names = {"浙江", "重庆", "北京", "广东", "安徽"};
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return SortKey(a) < SortKey(b); });
  EXPECT_EQ(names, expected);
  // Raw UTF-8 bytes would put 北 (E5 8C 97) before 安 (E5 AE 89): the key is what makes it pinyin.
  EXPECT_GT(std::string("安徽"), std::string("北京"));
}

TEST(SortKey, IsPrintableLowerCaseHexAndStable) {
  std::string key = SortKey("中关村创业大街");
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key.size() % 2, 0u);
  EXPECT_TRUE(std::all_of(key.begin(), key.end(),
                          [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  EXPECT_EQ(key, SortKey("中关村创业大街"));
  EXPECT_EQ(SortKey(""), SortKey(""));
  EXPECT_LT(SortKey(""), SortKey("a"));
}

TEST(SortKey, NumbersCompareByValueAndCaseOnlyBreaksTies) {
  EXPECT_LT(SortKey("2号楼"), SortKey("10号楼"));
  EXPECT_LT(SortKey("孵化器9"), SortKey("孵化器10"));
  EXPECT_NE(SortKey("abc"), SortKey("ABC"));
  // Case is a tertiary difference: "abc"/"ABC" both sort before "abd".
  EXPECT_LT(SortKey("ABC"), SortKey("abd"));
  EXPECT_LT(SortKey("abc"), SortKey("ABD"));
  // A prefix sorts first.
  EXPECT_LT(SortKey("北京"), SortKey("北京市"));
}

TEST(SortKey, CollationVersionIsReported) {
  std::string v = CollationVersion();
  EXPECT_FALSE(v.empty());
  EXPECT_NE(v.find('.'), std::string::npos);
}

TEST(SortKey, SafeFromManyThreads) {
  const std::vector<std::string> words = {"浙江", "重庆", "北京", "广东", "安徽", "海淀区"};
  std::vector<std::string> reference;
  for (const auto& w : words) reference.push_back(SortKey(w) + "|" + Pinyin(w));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < words.size(); ++i) {
          if (SortKey(words[i]) + "|" + Pinyin(words[i]) != reference[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(FoldNfkc, FullWidthBecomesAsciiAndEdgesAreTrimmed) {
  EXPECT_EQ(FoldNfkc("ＡＢＣ１２３（北京）"), "ABC123(北京)");
  EXPECT_EQ(FoldNfkc("\u3000 海淀区　科技园 \t\n"), "海淀区 科技园");
  EXPECT_EQ(FoldNfkc("９１４４０３００７１５２６７２６ＸＧ"), "9144030071526726XG");
  EXPECT_EQ(FoldNfkc("\xEF\xBB\xBF北京"), "北京");  // a byte-order mark at the edge goes too
  EXPECT_EQ(FoldNfkc(""), "");
  EXPECT_EQ(FoldNfkc("   "), "");
  EXPECT_EQ(FoldNfkc("①号楼"), "1号楼");
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("孵化器 ü €"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x9A\x80"));  // U+1F680, four bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
}

TEST(IsValidUtf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, three bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE5\xAD"));          // truncated 孵
  EXPECT_FALSE(IsValidUtf8("ok\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xE5\x41\xB5"));  // continuation byte missing
}

TEST(Gb18030ToUtf8, DecodesGbkAndFourByteSequences) {
  // 孵化器 in GBK, the euro sign (two bytes) and U+1F680 (a GB18030 four-byte sequence).
  auto r = Gb18030ToUtf8("\xB7\xF5\xBB\xAF\xC6\xF7,\xA2\xE3,\x95\x30\x8B\x34");
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(*r, "孵化器,€,\xF0\x9F\x9A\x80");
  EXPECT_TRUE(IsValidUtf8(*r));
}

TEST(Gb18030ToUtf8, DropsALeadingByteOrderMark) {
  auto r = Gb18030ToUtf8("\x84\x31\x95\x33\xB1\xB1\xBE\xA9");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "北京");
  auto empty = Gb18030ToUtf8("");
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "");
}

TEST(Gb18030ToUtf8, ReportsTheOffsetOfTheFirstBadSequence) {
  auto bad = Gb18030ToUtf8("ab\xB1\xB1\xFF\xFF");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(bad.error().id, "invalid_encoding");
  EXPECT_EQ(bad.error().details.at("offset"), "4");
  auto truncated = Gb18030ToUtf8("\xB1\xB1\xBE");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().details.at("offset"), "2");
}

TEST(Pinyin, TransliteratesForSearch) {
  EXPECT_EQ(Pinyin("重庆孵化器"), "chong qing fu hua qi");
  EXPECT_EQ(Pinyin("AI实验室"), "ai shi yan shi");
  EXPECT_EQ(Pinyin("ＡＩ实验室"), "ai shi yan shi");
  EXPECT_EQ(Pinyin("  5G创新中心  "), "5g chuang xin zhong xin");
  EXPECT_EQ(Pinyin("吕梁"), "lu liang");
  EXPECT_EQ(Pinyin("Zhongguancun"), "zhongguancun");
  EXPECT_EQ(Pinyin(""), "");
}

}  // namespace
}  // namespace incunet::core
