#pragma once
// The region table (行政区划 plus overseas countries) as shipped in data/regions/regions.tsv and
// embedded in the binary: tab-separated `code parent_code level name name_en flags`, header first.
// Chinese units have six-digit codes (GB/T 2260, with the statistical 71-79 functional zones);
// countries have ISO 3166-1 alpha-2 codes. tools/regions/README.md says how the file is made.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace incunet::core {

enum class RegionLevel {
  kProvince,  // 省级: provinces, autonomous regions, municipalities, SARs, Taiwan
  kCity,      // 地级: prefecture cities, 地区, 自治州, 盟
  kCounty,    // 县级: every county-level unit (区, 县, 县级市, 旗 …)
  kZone,      // functional zones (高新区, 经开区 …) under a city
  kCountry,   // overseas: an ISO 3166-1 country
};

// The API name: "province", "city", "county", "zone", "country".
std::string_view RegionLevelName(RegionLevel level);
// The level named `name`, or nullopt for anything else.
std::optional<RegionLevel> ParseRegionLevel(std::string_view name);

// Flags a row may carry (comma-separated in the file).
inline constexpr std::string_view kRegionFlagStatistical = "statistical";  // not an MCA unit
inline constexpr std::string_view kRegionFlagCountyLess = "county_less";  // a city with no counties

struct RegionRow {
  std::string code;         // "440305", or "US" for a country
  std::string parent_code;  // empty for provinces and countries
  RegionLevel level = RegionLevel::kCounty;
  std::string name;     // Chinese name
  std::string name_en;  // pinyin for Chinese units, English for countries; may be empty
  std::string flags;    // comma-separated, e.g. "statistical"; usually empty
};

// True when the comma-separated `row.flags` contains `flag`.
bool HasRegionFlag(const RegionRow& row, std::string_view flag);

// Parses the TSV. Checks the header, six fields a line, a known level, the code's shape (six
// digits, or two upper-case letters for a country), an empty parent exactly for provinces and
// countries, no duplicate code and that every parent is an earlier or later row. Accepts CRLF
// and a final newline. Fails with Error{kInvalid, "invalid_regions"} and details {"line": n}.
Result<std::vector<RegionRow>> ParseRegionsTsv(std::string_view tsv);

// The table embedded at build time, parsed once on first use (thread-safe). Throws
// std::runtime_error when the embedded file is missing or fails ParseRegionsTsv: a build fault.
const std::vector<RegionRow>& BuiltinRegions();

// A coverage unit (覆盖率 denominator): a county-level unit recognised by MCA (not flagged
// statistical), or a prefecture city without counties (东莞, 中山, 儋州, 嘉峪关). A carrier in a
// functional zone counts for the county-level unit or county-less city where its site is.
bool IsCoverageUnit(const RegionRow& row);

// True for the flagged prefecture cities that have no county-level units.
bool IsCountyLessCity(const RegionRow& row);

// True when `code` is six ASCII digits (a Chinese division code, not a country).
bool IsDivisionCode(std::string_view code);

// The scope prefix of a division code: "44" for 440000, "4403" for 440300, "440305" for 440305.
// A code that is not six digits is returned unchanged (countries are their own prefix).
std::string_view RegionCodePrefix(std::string_view code);

}  // namespace incunet::core
