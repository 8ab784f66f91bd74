#include "core/regions.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "core/embedded.hpp"

namespace incunet::core {
namespace {

constexpr std::string_view kHeader = "code\tparent_code\tlevel\tname\tname_en\tflags";
constexpr std::string_view kEmbeddedPath = "data/regions/regions.tsv";

constexpr std::array<std::pair<RegionLevel, std::string_view>, 5> kLevelNames = {{
    {RegionLevel::kProvince, "province"},
    {RegionLevel::kCity, "city"},
    {RegionLevel::kCounty, "county"},
    {RegionLevel::kZone, "zone"},
    {RegionLevel::kCountry, "country"},
}};

Error BadLine(std::size_t line, std::string zh, std::string en) {
  Error e{ErrorCode::kInvalid,
          "invalid_regions",
          fmt::format("行政区划表第{}行：{}", line, zh),
          fmt::format("region table line {}: {}", line, en),
          {}};
  e.With("line", std::to_string(line));
  return e;
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

}  // namespace

std::string_view RegionLevelName(RegionLevel level) {
  for (const auto& [l, name] : kLevelNames) {
    if (l == level) return name;
  }
  return "county";
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view name) {
  for (const auto& [level, n] : kLevelNames) {
    if (n == name) return level;
  }
  return std::nullopt;
}

bool HasRegionFlag(const RegionRow& row, std::string_view flag) {
  std::string_view rest = row.flags;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    if (rest.substr(0, comma) == flag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

Result<std::vector<RegionRow>> ParseRegionsTsv(std::string_view tsv) {
  std::vector<RegionRow> rows;
  std::vector<std::size_t> line_of;  // source line of each row, for parent errors
  std::unordered_set<std::string_view> codes;
  std::size_t line_no = 0;
  bool header_seen = false;
  while (!tsv.empty()) {
    auto nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (line != kHeader)
        return Fail(BadLine(line_no, fmt::format("表头应为“{}”", kHeader),
                            fmt::format("the header must be '{}'", kHeader)));
      header_seen = true;
      continue;
    }
    auto f = SplitTabs(line);
    if (f.size() != 6)
      return Fail(BadLine(line_no, fmt::format("应有6列，实际{}列", f.size()),
                          fmt::format("expected 6 fields, got {}", f.size())));
    auto level = ParseRegionLevel(f[2]);
    if (!level)
      return Fail(BadLine(line_no, fmt::format("未知级别“{}”", f[2]),
                          fmt::format("unknown level '{}'", f[2])));
    bool country = *level == RegionLevel::kCountry;
    if (country ? !IsCountryCode(f[0]) : !IsDivisionCode(f[0]))
      return Fail(BadLine(line_no, fmt::format("代码“{}”格式错误", f[0]),
                          fmt::format("malformed code '{}'", f[0])));
    bool root = country || *level == RegionLevel::kProvince;
    if (root != f[1].empty())
      return Fail(BadLine(line_no, root ? "省级和国家不应有上级代码" : "缺少上级代码",
                          root ? "provinces and countries have no parent" : "missing parent"));
    if (f[3].empty()) return Fail(BadLine(line_no, "名称为空", "empty name"));
    if (!codes.insert(f[0]).second)
      return Fail(BadLine(line_no, fmt::format("代码“{}”重复", f[0]),
                          fmt::format("duplicate code '{}'", f[0])));
    rows.push_back(RegionRow{std::string(f[0]), std::string(f[1]), *level, std::string(f[3]),
                             std::string(f[4]), std::string(f[5])});
    line_of.push_back(line_no);
  }
  if (!header_seen) return Fail(BadLine(1, "文件为空", "the file is empty"));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& parent = rows[i].parent_code;
    if (!parent.empty() && !codes.contains(parent))
      return Fail(BadLine(line_of[i], fmt::format("上级代码“{}”不存在", parent),
                          fmt::format("parent '{}' is not in the table", parent)));
  }
  return rows;
}

const std::vector<RegionRow>& BuiltinRegions() {
  static const std::vector<RegionRow> rows = [] {
    for (const auto* file : EmbeddedFilesUnder(kEmbeddedPath)) {
      if (file->path != kEmbeddedPath) continue;
      auto parsed = ParseRegionsTsv(file->content);
      if (!parsed)
        throw std::runtime_error("embedded " + std::string(kEmbeddedPath) + ": " +
                                 parsed.error().message_en);
      return std::move(*parsed);
    }
    throw std::runtime_error(std::string(kEmbeddedPath) + " is not embedded in this build");
  }();
  return rows;
}

bool IsCountyLessCity(const RegionRow& row) {
  return row.level == RegionLevel::kCity && HasRegionFlag(row, kRegionFlagCountyLess);
}

bool IsCoverageUnit(const RegionRow& row) {
  if (row.level == RegionLevel::kCounty) return !HasRegionFlag(row, kRegionFlagStatistical);
  return IsCountyLessCity(row);
}

bool IsDivisionCode(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view RegionCodePrefix(std::string_view code) {
  if (!IsDivisionCode(code)) return code;
  if (code.substr(2) == "0000") return code.substr(0, 2);
  if (code.substr(4) == "00") return code.substr(0, 4);
  return code;
}

}  // namespace incunet::core
