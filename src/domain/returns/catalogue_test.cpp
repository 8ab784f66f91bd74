// The field catalogue: unique codes, known sections and value canonicalisation per type.
#include "domain/returns/catalogue.hpp"

#include <gtest/gtest.h>

#include <set>

namespace incunet::domain::returns {
namespace {

TEST(Catalogue, CodesAreUniqueAndSectionsKnown) {
  for (Form f : {Form::kCarrier, Form::kIncubatee}) {
    std::set<std::string_view> codes, sections;
    for (const auto& s : Sections(f)) sections.insert(s.id);
    for (const auto& d : Fields(f)) {
      EXPECT_TRUE(codes.insert(d.code).second) << d.code;
      EXPECT_TRUE(sections.count(d.section)) << d.code << " " << d.section;
      EXPECT_FALSE(d.name_zh.empty());
      EXPECT_FALSE(d.name_en.empty());
      if (d.type == FieldType::kMoney) EXPECT_EQ(d.unit_zh, "千元") << d.code;
      if (d.type == FieldType::kArea) EXPECT_EQ(d.unit_zh, "m²") << d.code;
    }
  }
  EXPECT_EQ(FindField(Form::kCarrier, "Tdf7e02")->name_zh, "其中：在孵企业用房");
  EXPECT_EQ(FindField(Form::kCarrier, "I01"), nullptr);
}

TEST(Catalogue, CanonicalisesEachType) {
  const auto& money = *FindField(Form::kCarrier, "Tdf7b00");
  EXPECT_EQ(*CanonicalValue(money, "120000"), "120000");
  EXPECT_FALSE(CanonicalValue(money, "12.5"));
  EXPECT_FALSE(CanonicalValue(money, "-1"));
  auto bad = CanonicalValue(money, "abc");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().id, "invalid_value");
  EXPECT_EQ(bad.error().details.at("field"), "Tdf7b00");
  EXPECT_EQ(*CanonicalValue(*FindField(Form::kCarrier, "Tdf7b10"), "-500"), "-500");
  const auto& area = *FindField(Form::kCarrier, "Tdf7e00");
  EXPECT_EQ(*CanonicalValue(area, "1200.50"), "1200.5");
  EXPECT_FALSE(CanonicalValue(area, "-3"));
  EXPECT_FALSE(CanonicalValue(area, "1e999"));
  const auto& flag = *FindField(Form::kCarrier, "TDF721");
  EXPECT_TRUE(CanonicalValue(flag, "true"));
  EXPECT_FALSE(CanonicalValue(flag, "yes"));
  const auto& date = *FindField(Form::kCarrier, "TDF719");
  EXPECT_TRUE(CanonicalValue(date, "2016-05-01"));
  EXPECT_FALSE(CanonicalValue(date, "2023-02-29"));
  const auto& text = *FindField(Form::kCarrier, "TDF714");
  EXPECT_TRUE(CanonicalValue(text, std::string(200, 'a')));
  EXPECT_FALSE(CanonicalValue(text, std::string(201, 'a')));
}

TEST(Catalogue, ShowsMoneyInThousandYuan) {
  EXPECT_EQ(FenToThousandYuan(0), "0.000");
  EXPECT_EQ(FenToThousandYuan(12345600), "123.456");
  EXPECT_EQ(FenToThousandYuan(100000), "1.000");
  EXPECT_EQ(FenToThousandYuan(99999), "1.000");  // rounded to the yuan
  EXPECT_EQ(FenToThousandYuan(-250000), "-2.500");
  const auto& money = *FindField(Form::kCarrier, "Tdf7b00");
  EXPECT_EQ(DisplayValue(money, "500000000"), "5000.000");
  EXPECT_EQ(DisplayValue(*FindField(Form::kCarrier, "TDF721"), "true"), "是");
  EXPECT_EQ(DisplayValue(*FindField(Form::kCarrier, "TDF721"), "false", false), "No");
  EXPECT_EQ(DisplayValue(*FindField(Form::kCarrier, "Tdf7e00"), "1200.5"), "1200.5");
}

}  // namespace
}  // namespace incunet::domain::returns
