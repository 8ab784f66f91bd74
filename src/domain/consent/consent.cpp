#include "domain/consent/consent.hpp"

#include <algorithm>
#include <cctype>

#include "core/dates.hpp"

namespace incunet::domain::consent {
namespace {

bool Known(const std::string& v, const auto& list) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* k) { return v == k; });
}

bool AllDigits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

core::Status Validate(const Grant& g) {
  using core::InvalidField;
  if (!Known(g.grantee_kind, kGranteeKinds))
    return core::Fail(InvalidField("invalid_grantee_kind", "grantee_kind",
                                   "授权对象类型必须是 user、carrier 或 region",
                                   "grantee_kind must be user, carrier or region"));
  // An id has at most 18 digits, so it always fits a 64-bit integer.
  bool grantee_ok = AllDigits(g.grantee) &&
                    (g.grantee_kind != "region" ? g.grantee.size() <= 18
                                                : g.grantee.size() >= 2 && g.grantee.size() <= 6);
  if (!grantee_ok)
    return core::Fail(
        InvalidField("invalid_grantee", "grantee", "授权对象应为用户或载体编号，或行政区划代码前缀",
                     "grantee must be a user or carrier id, or a region code prefix"));
  if (g.parts.empty())
    return core::Fail(InvalidField("parts_required", "parts", "至少选择一项共享内容",
                                   "choose at least one part to share"));
  for (const auto& p : g.parts)
    if (!Known(p, kParts))
      return core::Fail(InvalidField("invalid_part", "parts",
                                     "共享内容必须是 profile、financials、needs、return_figures",
                                     "parts must be profile, financials, needs or return_figures"));
  auto from = core::Date::Parse(g.valid_from);
  auto to = core::Date::Parse(g.valid_to);
  if (!from)
    return core::Fail(
        InvalidField("invalid_date", "valid_from", "开始日期无效", "invalid valid_from"));
  if (!to)
    return core::Fail(InvalidField("invalid_date", "valid_to", "结束日期无效", "invalid valid_to"));
  if (*to < *from)
    return core::Fail(InvalidField("invalid_period", "valid_to", "结束日期早于开始日期",
                                   "valid_to is before valid_from"));
  if (*to > from->AddYears(5))
    return core::Fail(InvalidField("period_too_long", "valid_to", "授权期限不能超过五年",
                                   "a grant may last at most five years"));
  return {};
}

bool InForce(const Grant& g, const std::string& date) {
  return g.revoked_at.empty() && g.valid_from <= date && date <= g.valid_to;
}

}  // namespace incunet::domain::consent
