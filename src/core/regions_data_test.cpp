// Checks the shipped region table (data/regions/regions.tsv) and the parser that reads it. The
// cross-check against the official MCA table needs ../shared/data/regions-mca beside the checkout
// and is skipped, saying so, where that folder is absent; every other check always runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/regions.hpp"

namespace incunet::core {
namespace {

namespace fs = std::filesystem;

// The checkout root: INCUNET_SOURCE_DIR (set by ctest), else two folders above this file.
fs::path SourceDir() {
  if (const char* dir = std::getenv("INCUNET_SOURCE_DIR"); dir && *dir) return dir;
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::vector<RegionRow>& Table() {
  static const std::vector<RegionRow> rows = [] {
    auto parsed = ParseRegionsTsv(ReadFile(SourceDir() / "data/regions/regions.tsv"));
    if (!parsed) throw std::runtime_error(parsed.error().message_en);
    return std::move(*parsed);
  }();
  return rows;
}

std::map<std::string, const RegionRow*> ByCode() {
  std::map<std::string, const RegionRow*> out;
  for (const auto& r : Table()) out[r.code] = &r;
  return out;
}

std::set<std::string> Codes(bool (*pick)(const RegionRow&)) {
  std::set<std::string> out;
  for (const auto& r : Table()) {
    if (pick(r)) out.insert(r.code);
  }
  return out;
}

bool ContainsHan(std::string_view s) {
  // CJK Unified Ideographs U+4E00..U+9FFF are E4 B8 80 .. E9 BF BF in UTF-8.
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE4 && b <= 0xE9 && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80)
      return true;
  }
  return false;
}

const std::set<std::string> kStatistical = {"232761", "232762", "232763", "232764", "632857"};
const std::set<std::string> kCountyLess = {"441900", "442000", "460400", "620200"};
const std::set<std::string> kSarAndTaiwan = {"710000", "810000", "820000"};

// ---- the parser ----------------------------------------------------------------------------

constexpr std::string_view kHead = "code\tparent_code\tlevel\tname\tname_en\tflags\n";

TEST(RegionsTsv, ParsesRowsAndFlags) {
  std::string tsv = std::string(kHead) +
                    "440000\t\tprovince\t广东省\tGuangdong Sheng\t\r\n"
                    "441900\t440000\tcity\t东莞市\tDongguan Shi\tcounty_less\n"
                    "440300\t440000\tcity\t深圳市\tShenzhen Shi\t\n"
                    "440305\t440300\tcounty\t南山区\tNanshan Qu\t\n"
                    "440371\t440300\tzone\t深圳高新区\t\tx,statistical\n"
                    "US\t\tcountry\t美国\tUnited States\t";
  auto rows = ParseRegionsTsv(tsv);
  ASSERT_TRUE(rows) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ((*rows)[0].name, "广东省");
  EXPECT_EQ((*rows)[0].flags, "");  // the CR of a CRLF line is not part of the last field
  EXPECT_EQ((*rows)[3].parent_code, "440300");
  EXPECT_EQ((*rows)[4].level, RegionLevel::kZone);
  EXPECT_TRUE(HasRegionFlag((*rows)[4], kRegionFlagStatistical));
  EXPECT_FALSE(HasRegionFlag((*rows)[4], "stat"));
  EXPECT_EQ((*rows)[5].name_en, "United States");
  EXPECT_TRUE(IsCountyLessCity((*rows)[1]));
  EXPECT_TRUE(IsCoverageUnit((*rows)[1]));
  EXPECT_FALSE(IsCoverageUnit((*rows)[2]));
  EXPECT_TRUE(IsCoverageUnit((*rows)[3]));
  EXPECT_FALSE(IsCoverageUnit((*rows)[4]));
  EXPECT_FALSE(IsCoverageUnit((*rows)[5]));
}

TEST(RegionsTsv, RejectsBrokenTables) {
  auto line_of = [](std::string body) {
    auto r = ParseRegionsTsv(std::string(kHead) + body);
    if (r) return std::string("accepted");
    EXPECT_EQ(r.error().id, "invalid_regions");
    return r.error().details.at("line");
  };
  EXPECT_EQ(line_of("440000\t\tprovince\t广东省\t\n"), "2");          // five fields
  EXPECT_EQ(line_of("440000\t\tstate\t广东省\t\t\n"), "2");           // unknown level
  EXPECT_EQ(line_of("44000\t\tprovince\t广东省\t\t\n"), "2");         // short code
  EXPECT_EQ(line_of("usa\t\tcountry\t美国\t\t\n"), "2");              // not alpha-2
  EXPECT_EQ(line_of("440000\t110000\tprovince\t广东省\t\t\n"), "2");  // root with parent
  EXPECT_EQ(line_of("440000\t\tprovince\t广东省\t\t\n440300\t\tcity\t深圳市\t\t\n"), "3");
  EXPECT_EQ(line_of("440000\t\tprovince\t广东省\t\t\n440000\t\tprovince\t广东\t\t\n"), "3");
  EXPECT_EQ(line_of("440000\t\tprovince\t\t\t\n"), "2");  // empty name
  EXPECT_EQ(line_of("440000\t\tprovince\t广东省\t\t\n440305\t440300\tcounty\t南山区\t\t\n"),
            "3");  // the parent is missing
  EXPECT_FALSE(ParseRegionsTsv(""));
  EXPECT_FALSE(ParseRegionsTsv("code,parent_code,level,name,name_en,flags\n"));
}

TEST(RegionsTsv, LevelNamesRoundTrip) {
  for (auto level : {RegionLevel::kProvince, RegionLevel::kCity, RegionLevel::kCounty,
                     RegionLevel::kZone, RegionLevel::kCountry}) {
    EXPECT_EQ(ParseRegionLevel(RegionLevelName(level)), level);
  }
  EXPECT_EQ(RegionLevelName(RegionLevel::kCounty), "county");
  EXPECT_FALSE(ParseRegionLevel("district"));
}

TEST(RegionsTsv, CodePrefixes) {
  EXPECT_EQ(RegionCodePrefix("440000"), "44");
  EXPECT_EQ(RegionCodePrefix("440300"), "4403");
  EXPECT_EQ(RegionCodePrefix("440305"), "440305");
  EXPECT_EQ(RegionCodePrefix("US"), "US");
  EXPECT_TRUE(IsDivisionCode("232761"));
  EXPECT_FALSE(IsDivisionCode("23276"));
  EXPECT_FALSE(IsDivisionCode("DE"));
}

// ---- the shipped table ---------------------------------------------------------------------

TEST(RegionsData, BuildEmbedsTheCurrentFile) {
  const auto& embedded = BuiltinRegions();
  ASSERT_EQ(embedded.size(), Table().size());
  for (std::size_t i = 0; i < embedded.size(); ++i) {
    ASSERT_EQ(embedded[i].code, Table()[i].code);
    ASSERT_EQ(embedded[i].name, Table()[i].name);
  }
}

TEST(RegionsData, ProvincesAndTreeShape) {
  auto by_code = ByCode();
  std::set<std::string> mainland;
  std::set<std::string> others;
  for (const auto& r : Table()) {
    if (r.level != RegionLevel::kProvince) continue;
    (kSarAndTaiwan.count(r.code) ? others : mainland).insert(r.code);
    EXPECT_EQ(r.code.substr(2), "0000") << r.code;
  }
  EXPECT_EQ(mainland.size(), 31u);
  for (const auto& code : others) EXPECT_TRUE(kSarAndTaiwan.count(code)) << code;
  for (const auto& r : Table()) {
    if (r.parent_code.empty()) continue;
    auto parent = by_code.find(r.parent_code);
    ASSERT_NE(parent, by_code.end()) << r.code;
    RegionLevel pl = parent->second->level;
    // A unit's code starts with its parent's prefix (44 → 4403 → 440305).
    EXPECT_EQ(r.code.rfind(RegionCodePrefix(r.parent_code), 0), 0u) << r.code;
    switch (r.level) {
      case RegionLevel::kCity:
        EXPECT_EQ(pl, RegionLevel::kProvince) << r.code;
        break;
      case RegionLevel::kCounty:
        EXPECT_TRUE(pl == RegionLevel::kCity || pl == RegionLevel::kProvince) << r.code;
        break;
      case RegionLevel::kZone:
        EXPECT_EQ(pl, RegionLevel::kCity) << r.code;
        break;
      default:
        ADD_FAILURE() << r.code << " has a parent but is a root level";
    }
    if (r.level == RegionLevel::kZone) {
      int suffix = std::stoi(r.code.substr(4));
      EXPECT_TRUE(suffix >= 71 && suffix <= 79) << r.code;
    }
  }
}

TEST(RegionsData, PlaceholdersAreGoneAndReconciledUnitsPresent) {
  auto by_code = ByCode();
  for (const auto& r : Table()) {
    EXPECT_NE(r.name, "市辖区") << r.code;
    EXPECT_NE(r.name, "县") << r.code;
    EXPECT_EQ(r.name.find("直辖县级行政区划"), std::string::npos) << r.code;
  }
  for (const char* gone :
       {"110100", "500200", "419000", "659000", "460321", "460322", "460323", "620201"}) {
    EXPECT_EQ(by_code.count(gone), 0u) << gone;
  }
  for (const char* code : {"460302", "460303", "110108", "429021", "440305"}) {
    ASSERT_EQ(by_code.count(code), 1u) << code;
  }
  EXPECT_EQ(by_code["460302"]->name, "西沙区");
  EXPECT_EQ(by_code["460303"]->parent_code, "460300");
  // Areas of a placeholder city hang off the province.
  EXPECT_EQ(by_code["110108"]->parent_code, "110000");
  EXPECT_EQ(by_code["429021"]->parent_code, "420000");
  EXPECT_EQ(by_code["440305"]->parent_code, "440300");
}

TEST(RegionsData, FlagsAndCoverageUnits) {
  EXPECT_EQ(Codes([](const RegionRow& r) { return HasRegionFlag(r, kRegionFlagStatistical); }),
            kStatistical);
  auto by_code = ByCode();
  for (const auto& code : kStatistical) {
    ASSERT_EQ(by_code.count(code), 1u) << code;
    EXPECT_EQ(by_code[code]->level, RegionLevel::kCounty) << code;
  }
  EXPECT_EQ(Codes(IsCountyLessCity), kCountyLess);
  // No county-level unit hangs under a county-less city.
  for (const auto& r : Table()) {
    if (r.level == RegionLevel::kCounty) {
      EXPECT_EQ(kCountyLess.count(r.parent_code), 0u) << r.code;
    }
  }
  // MCA 2023: 2,844 county-level units plus the four county-less prefecture cities.
  EXPECT_EQ(Codes(IsCoverageUnit).size(), 2848u);
}

TEST(RegionsData, CountriesHaveChineseNames) {
  std::map<std::string, std::string> countries;
  for (const auto& r : Table()) {
    if (r.level != RegionLevel::kCountry) continue;
    countries[r.code] = r.name;
    EXPECT_TRUE(ContainsHan(r.name)) << r.code << " " << r.name;
    EXPECT_FALSE(r.name_en.empty()) << r.code;
    EXPECT_TRUE(r.flags.empty()) << r.code;
  }
  EXPECT_GT(countries.size(), 200u);
  EXPECT_EQ(countries["US"], "美国");
  EXPECT_EQ(countries["DE"], "德国");
  EXPECT_EQ(countries["SG"], "新加坡");
  // China and its SARs and Taiwan are in the division tree, never countries.
  for (const char* code : {"CN", "HK", "MO", "TW"}) EXPECT_EQ(countries.count(code), 0u) << code;
}

// ---- cross-check with the official MCA table -----------------------------------------------

TEST(RegionsData, MatchesMca2023) {
  const fs::path mca_dir = SourceDir() / ".." / "shared" / "data" / "regions-mca";
  if (!fs::is_directory(mca_dir)) {
    GTEST_SKIP() << "MCA cross-check skipped: " << mca_dir.lexically_normal().string()
                 << " is absent (it sits beside the checkout only in the team's workspace)";
  }
  std::map<std::string, std::string> mca;  // code → name
  std::istringstream lines(ReadFile(mca_dir / "2023.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto space = line.find(' ');
    ASSERT_NE(space, std::string::npos) << line;
    mca[line.substr(0, space)] = line.substr(space + 1);
  }
  std::set<std::string> mca_counties;
  std::set<std::string> mca_upper;
  for (const auto& [code, name] : mca)
    (code.substr(4) == "00" ? mca_upper : mca_counties).insert(code);
  ASSERT_EQ(mca_counties.size(), 2844u);

  auto ours_counties = Codes([](const RegionRow& r) {
    return r.level == RegionLevel::kCounty && !HasRegionFlag(r, kRegionFlagStatistical);
  });
  std::vector<std::string> missing;
  std::vector<std::string> extra;
  std::set_difference(mca_counties.begin(), mca_counties.end(), ours_counties.begin(),
                      ours_counties.end(), std::back_inserter(missing));
  std::set_difference(ours_counties.begin(), ours_counties.end(), mca_counties.begin(),
                      mca_counties.end(), std::back_inserter(extra));
  EXPECT_TRUE(missing.empty()) << "in MCA only, e.g. " << (missing.empty() ? "" : missing[0]);
  EXPECT_TRUE(extra.empty()) << "in regions.tsv only, e.g. " << (extra.empty() ? "" : extra[0]);
  for (const auto& code : kStatistical) EXPECT_EQ(mca.count(code), 0u) << code;

  // Provinces and prefecture-level units agree too, and every shared code has MCA's name.
  auto ours_upper = Codes([](const RegionRow& r) {
    return r.level == RegionLevel::kProvince || r.level == RegionLevel::kCity;
  });
  EXPECT_EQ(ours_upper, mca_upper);
  for (const auto& r : Table()) {
    auto it = mca.find(r.code);
    if (it != mca.end()) {
      EXPECT_EQ(r.name, it->second) << r.code;
    }
  }
  EXPECT_EQ(Codes(IsCoverageUnit).size(), mca_counties.size() + kCountyLess.size());
}

}  // namespace
}  // namespace incunet::core
