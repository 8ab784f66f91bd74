#include "domain/io/csv.hpp"

#include <gtest/gtest.h>

#include "domain/io/spec.hpp"

namespace incunet::domain::io {
namespace {

std::vector<CsvRecord> Parse(const std::string& text, std::size_t step) {
  std::vector<CsvRecord> out;
  CsvReader r;
  auto fn = [&](CsvRecord& rec) { out.push_back(rec); };
  for (std::size_t i = 0; i < text.size(); i += step) r.Feed(text.substr(i, step), fn);
  r.Finish(fn);
  return out;
}

TEST(CsvReader, QuotesCommasAndLineBreaksSurviveAnyChunking) {
  std::string text = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\"\"";
  for (std::size_t step : {1u, 2u, 3u, 7u, 1000u}) {
    auto recs = Parse(text, step);
    ASSERT_EQ(recs.size(), 3u) << step;
    EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"}));
    EXPECT_EQ(recs[1].row, 2);
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"last", "", ""}));
    EXPECT_EQ(recs[2].row, 4);  // the blank line counts as a row
    EXPECT_EQ(recs[2].line, 5);
  }
}

TEST(CsvReader, FlagsMalformedRecords) {
  auto recs = Parse("a,\"b\"c\n\"open,x\ny\n", 4);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].malformed, "text_after_quote");
  EXPECT_EQ(recs[1].malformed, "unterminated_quote");
  EXPECT_EQ(recs[1].line, 2);
}

TEST(CsvReader, BoundsFieldSize) {
  CsvReader r(CsvLimits{8, 4});
  std::vector<CsvRecord> out;
  r.Feed("\"0123456789abcdef\",1,2,3,4,5\n", [&](CsvRecord& rec) { out.push_back(rec); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].malformed, "field_too_long");
  EXPECT_EQ(out[0].fields[0].size(), 8u);
}

TEST(CsvEscape, RoundTrips) {
  std::vector<std::string> fields = {"plain", "a,b", "q\"q", "line\nbreak", ""};
  auto recs = Parse(CsvLine(fields), 3);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, fields);
}

TEST(Spec, NormalisesTypesAndReportsEveryBadField) {
  const EntitySpec& s = *FindEntitySpec("carriers");
  CsvRecord header{{"载体编码", "载体名称*", "KIND", "运营机构统一社会信用代码", "所在区县代码",
                    "成立日期", "场地总面积（平方米）"},
                   1,
                   1,
                   ""};
  HeaderMap map;
  ASSERT_TRUE(ResolveHeader(s, header, &map).empty());
  CsvRecord row{{"ＡＢ-１", " 名称 ", "众创空间", "91110108000000002d", "１１０１０８",
                 "2024年2月30日", "-5"},
                2,
                2,
                ""};
  Values v;
  std::vector<RowError> errs;
  EXPECT_FALSE(NormalizeRow(s, map, row, &v, &errs));
  ASSERT_EQ(errs.size(), 2u);
  EXPECT_EQ(errs[0].column, "成立日期");
  EXPECT_EQ(errs[0].code, "invalid_date");
  EXPECT_EQ(errs[1].column, "场地总面积（平方米）");
  EXPECT_EQ(v[s.At("code")], "AB-1");
  EXPECT_EQ(v[s.At("name")], "名称");
  EXPECT_EQ(v[s.At("kind")], "makerspace");
  EXPECT_EQ(v[s.At("operator_uscc")], "91110108000000002D");
  EXPECT_EQ(v[s.At("region_code")], "110108");
}

TEST(Spec, HeaderProblemsAreAllReported) {
  const EntitySpec& s = *FindEntitySpec("enterprises");
  CsvRecord header{{"企业名称", "企业名称", "备注", ""}, 1, 1, ""};
  HeaderMap map;
  auto errs = ResolveHeader(s, header, &map);
  std::vector<std::string> codes;
  for (const auto& e : errs) codes.push_back(e.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"duplicate_column", "unknown_column", "empty_header",
                                             "missing_column"}));
}

}  // namespace
}  // namespace incunet::domain::io
