#include "domain/returns/workflow.hpp"

#include <fmt/format.h>

namespace incunet::domain::returns {
namespace {

std::string Prefix(const std::string& code, std::size_t n) { return code.substr(0, n); }

const char* LevelZh(std::string_view level) {
  if (level == kLevelCounty) return "县级";
  if (level == kLevelCity) return "市级";
  if (level == kLevelProvince) return "省级";
  if (level == kLevelNational) return "国家级";
  return "载体";
}

core::Error Illegal(const AnnualReturn& r, const char* action_zh, const char* action_en) {
  core::Error e{core::ErrorCode::kInvalid,
                "illegal_transition",
                fmt::format("报表当前状态为 {}，不能{}", r.status, action_zh),
                fmt::format("a return in status {} cannot be {}", r.status, action_en),
                {}};
  e.details["status"] = r.status;
  return e;
}

core::Status CheckAtStop(const AnnualReturn& r, std::string_view level, std::string_view prefix,
                         const char* action_zh, const char* action_en) {
  if (r.status != kStatusSubmitted) return core::Fail(Illegal(r, action_zh, action_en));
  bool mine = r.pending_level == level && (level == kLevelNational || r.pending_prefix == prefix);
  if (!mine) {
    core::Error e{core::ErrorCode::kForbidden,
                  "not_your_review_level",
                  fmt::format("该报表正等待{}审核（{}），您不能在此环节处理",
                              LevelZh(r.pending_level), r.pending_prefix),
                  fmt::format("the return is waiting for review at the {} level ({}); you "
                              "cannot act on it there",
                              r.pending_level, r.pending_prefix),
                  {}};
    e.details["pending_level"] = r.pending_level;
    return core::Fail(std::move(e));
  }
  return {};
}

}  // namespace

std::vector<ReviewStop> ReviewPath(const std::vector<RegionNode>& site_chain,
                                   const std::vector<RegionNode>& zone_chain) {
  std::vector<ReviewStop> out;
  const auto& chain = zone_chain.empty() ? site_chain : zone_chain;
  const RegionNode* county = nullptr;
  const RegionNode* city = nullptr;
  const RegionNode* province = nullptr;
  for (const auto& n : chain) {
    if (n.level == "county") county = &n;
    if (n.level == "city") city = &n;
    if (n.level == "province") province = &n;
  }
  // A zone carrier is reviewed by the zone's city: the site's county does not review it.
  if (county && zone_chain.empty()) out.push_back({kLevelCounty, Prefix(county->code, 6)});
  if (city) out.push_back({kLevelCity, Prefix(city->code, 4)});
  if (province) out.push_back({kLevelProvince, Prefix(province->code, 2)});
  out.push_back({kLevelNational, ""});
  return out;
}

std::string EncodePath(const std::vector<ReviewStop>& path) {
  std::string out;
  for (const auto& s : path) {
    if (!out.empty()) out += ';';
    out += s.level + ":" + s.region_prefix;
  }
  return out;
}

std::vector<ReviewStop> DecodePath(std::string_view text) {
  std::vector<ReviewStop> out;
  while (!text.empty()) {
    auto semi = text.find(';');
    std::string_view part = text.substr(0, semi);
    auto colon = part.find(':');
    if (colon != std::string_view::npos)
      out.push_back({std::string(part.substr(0, colon)), std::string(part.substr(colon + 1))});
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return out;
}

std::optional<std::string> ReviewerLevel(bool national_admin, std::string_view region_prefix) {
  if (national_admin) return std::string(kLevelNational);
  switch (region_prefix.size()) {
    case 2:
      return std::string(kLevelProvince);
    case 4:
      return std::string(kLevelCity);
    case 6:
      return std::string(kLevelCounty);
    default:
      return std::nullopt;
  }
}

bool IsEditableStatus(std::string_view status) {
  return status == kStatusDraft || status == kStatusReturned;
}

core::Status Submit(AnnualReturn& r, const std::vector<ReviewStop>& path) {
  if (!IsEditable(r)) return core::Fail(Illegal(r, "提交", "submitted"));
  if (path.empty())
    return core::Fail(core::ErrorCode::kInvalid, "empty_review_path", "无法确定审核路径",
                      "no review path could be determined");
  r.status = kStatusSubmitted;
  r.review_path = path;
  r.pending_level = path.front().level;
  r.pending_prefix = path.front().region_prefix;
  return {};
}

core::Status Approve(AnnualReturn& r, std::string_view level, std::string_view prefix) {
  if (auto s = CheckAtStop(r, level, prefix, "审核通过", "approved"); !s) return s;
  std::size_t i = 0;
  while (i < r.review_path.size() && !(r.review_path[i].level == r.pending_level &&
                                       r.review_path[i].region_prefix == r.pending_prefix))
    ++i;
  if (i + 1 >= r.review_path.size()) {
    r.status = kStatusAccepted;
    r.pending_level.clear();
    r.pending_prefix.clear();
  } else {
    r.pending_level = r.review_path[i + 1].level;
    r.pending_prefix = r.review_path[i + 1].region_prefix;
  }
  return {};
}

core::Status SendBack(AnnualReturn& r, std::string_view level, std::string_view prefix,
                      std::string_view reason) {
  bool blank = true;
  for (char c : reason)
    if (!std::isspace(static_cast<unsigned char>(c))) blank = false;
  if (blank) {
    core::Error e{core::ErrorCode::kInvalid,
                  "reason_required",
                  "退回报表必须填写理由",
                  "a reason is required to return a report",
                  {}};
    e.details["field"] = "reason";
    return core::Fail(std::move(e));
  }
  if (auto s = CheckAtStop(r, level, prefix, "退回", "returned"); !s) return s;
  r.status = kStatusReturned;
  r.pending_level.clear();
  r.pending_prefix.clear();
  return {};
}

core::Status CheckFilingWindow(const AnnualReturn& r, const std::optional<Deadline>& deadline,
                               std::string_view today) {
  if (r.status == kStatusReturned || !deadline) return {};
  if (r.reopened_until && today <= *r.reopened_until) return {};
  if (today < deadline->opens_on) {
    core::Error e{core::ErrorCode::kInvalid,
                  "filing_not_open",
                  fmt::format("{}年度报表填报期自 {} 开始，尚未开放", r.year, deadline->opens_on),
                  fmt::format("filing for {} opens on {}", r.year, deadline->opens_on),
                  {}};
    e.details["opens_on"] = deadline->opens_on;
    return core::Fail(std::move(e));
  }
  if (today > deadline->closes_on) {
    core::Error e{core::ErrorCode::kInvalid,
                  "filing_closed",
                  fmt::format("{}年度报表填报已于 {} 截止，如需补报请联系国家级管理部门重新开放",
                              r.year, deadline->closes_on),
                  fmt::format("filing for {} closed on {}; ask the national administrator to "
                              "reopen it",
                              r.year, deadline->closes_on),
                  {}};
    e.details["closes_on"] = deadline->closes_on;
    return core::Fail(std::move(e));
  }
  return {};
}

}  // namespace incunet::domain::returns
