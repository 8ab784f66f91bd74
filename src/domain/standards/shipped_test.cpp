// Every rule file in data/standards/ parses, and the binary embeds exactly those files.
#include "domain/standards/shipped.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/embedded.hpp"
#include "domain/standards/evaluate.hpp"
#include "support/domain/standards/test_support.hpp"

namespace incunet::domain::standards {
namespace {

TEST(ShippedTest, EveryFileOnDiskParsesAndIsEmbedded) {
  auto dir = testing::SourceDir() / "data/standards";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::map<std::string, std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    std::string rel = "data/standards/" + entry.path().filename().string();
    on_disk[rel] = testing::ReadFile(entry.path());
    auto rs = ParseRuleSet(on_disk[rel], rel);
    EXPECT_TRUE(rs.has_value()) << rel << ": " << (rs ? "" : rs.error().message_en);
  }
  EXPECT_GE(on_disk.size(), 12u);
  std::map<std::string, std::string> embedded;
  for (const core::EmbeddedFile* f : core::EmbeddedFilesUnder(kShippedRuleSetDir))
    if (f->path.ends_with(".toml")) embedded[f->path] = f->content;
  EXPECT_EQ(embedded, on_disk) << "the build embeds different rule files; re-run cmake";
}

TEST(ShippedTest, ShipsTheExpectedRuleSets) {
  auto sets = LoadShippedRuleSets();
  ASSERT_TRUE(sets.has_value()) << sets.error().message_en;
  std::map<std::string, const RuleSet*> by_id;
  for (const auto& rs : *sets) by_id[rs.id] = &rs;
  std::set<std::string> ids;
  for (const auto& [id, rs] : by_id) ids.insert(id);
  EXPECT_EQ(ids, (std::set<std::string>{"RS-EVAL-2019", "RS-MIIT-2025-EXCELLENCE",
                                        "RS-MIIT-2025-GRADUATION", "RS-MIIT-2025-INCUBATEE",
                                        "RS-MIIT-2025-STANDARD", "RS-MKS-2017", "RS-MOST-2018",
                                        "RS-MOST-2018-GRADUATION", "RS-MOST-2018-INCUBATEE",
                                        "RS-PROV-63", "RS-PROV-DEFAULT", "RS-TAX-2023"}));

  // Every criterion cites its source.
  for (const auto& rs : *sets) {
    if (rs.id == "RS-PROV-DEFAULT") continue;  // no official text to cite
    for (const auto& c : rs.criteria) {
      EXPECT_FALSE(c.citation.empty()) << rs.id << " " << c.id;
    }
  }

  // 标准级: the verified conditions are firm, the stand-ins from 2018 are provisional.
  const RuleSet& standard = *by_id.at("RS-MIIT-2025-STANDARD");
  EXPECT_EQ(standard.level, Level::kStandard);
  for (const char* id : {"N1a", "S1", "S2", "S3a", "S3b"})
    EXPECT_FALSE(standard.FindCriterion(id)->provisional) << id;
  for (const char* id : {"N1b", "N1c", "N2a", "N2b", "N3a", "N3b", "N3c", "N4a", "N4b", "N4c", "N5",
                         "N6a", "N6b", "N7"})
    EXPECT_TRUE(standard.FindCriterion(id)->provisional) << id;
  EXPECT_TRUE(standard.FindParameter("area_min")->provisional);
  EXPECT_EQ(standard.FindParameter("area_min")->value, 10000);

  const RuleSet& excellence = *by_id.at("RS-MIIT-2025-EXCELLENCE");
  EXPECT_TRUE(excellence.provisional);
  for (const auto& c : excellence.criteria) EXPECT_TRUE(c.provisional) << c.id;

  const RuleSet& mks = *by_id.at("RS-MKS-2017");
  EXPECT_EQ(mks.level, Level::kMakerspaceFiling);
  std::set<std::string> conditions;
  for (const auto& c : mks.criteria) conditions.insert(c.id.substr(0, c.id.find_first_of("ab")));
  EXPECT_EQ(conditions.size(), 10u);  // all ten filing conditions

  const RuleSet& eval = *by_id.at("RS-EVAL-2019");
  EXPECT_EQ(eval.combine, CombineMode::kScore);
  EXPECT_EQ(eval.MaxScore(), 105);
  std::map<std::string, int> per_group;
  for (const auto& c : eval.criteria) ++per_group[c.group];
  EXPECT_EQ(per_group,
            (std::map<std::string, int>{
                {"service", 7}, {"performance", 9}, {"sustainability", 5}, {"bonus", 2}}));

  const RuleSet& qinghai = *by_id.at("RS-PROV-63");
  EXPECT_NEAR(qinghai.FindParameter("incubatee_area_share_min")->value, 2.0 / 3, 1e-12);
  EXPECT_EQ(by_id.at("RS-TAX-2023")->effective_to, (core::Date::Of(2027, 12, 31)));
}

// docs/standards.md quotes a real rule file; the quote must stay true.
TEST(ShippedTest, DocumentationExampleIsTakenFromARealFile) {
  std::string doc = testing::ReadFile(testing::SourceDir() / "docs/standards.md");
  ASSERT_FALSE(doc.empty());
  const std::string open = "```toml\n";
  auto start = doc.find(open);
  ASSERT_NE(start, std::string::npos);
  start += open.size();
  auto end = doc.find("```", start);
  std::string example = doc.substr(start, end - start);
  std::string file =
      testing::ReadFile(testing::SourceDir() / "data/standards/national_rs-most-2018_v1.toml");
  EXPECT_NE(file.find(example), std::string::npos) << example;
}

}  // namespace
}  // namespace incunet::domain::standards
