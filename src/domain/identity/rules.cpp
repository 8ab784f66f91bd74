#include "domain/identity/rules.hpp"

#include "core/limits.hpp"
#include "core/regions.hpp"

namespace incunet::domain::identity {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kPublic:
      return "public";
    case Role::kNationalAdmin:
      return "national_admin";
    case Role::kRegionAdmin:
      return "region_admin";
    case Role::kCarrierOperator:
      return "carrier_operator";
    case Role::kEnterpriseMember:
      return "enterprise_member";
    case Role::kInvestor:
      return "investor";
    case Role::kExpert:
      return "expert";
  }
  return "public";
}

bool ParseRole(std::string_view s, Role* out) {
  for (Role r : {Role::kNationalAdmin, Role::kRegionAdmin, Role::kCarrierOperator,
                 Role::kEnterpriseMember, Role::kInvestor, Role::kExpert}) {
    if (s == RoleName(r)) {
      *out = r;
      return true;
    }
  }
  return false;
}

core::Status CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes)
    return core::Fail(core::InvalidField("weak_password", "password", "密码至少需要 10 个字符",
                                         "the password needs at least 10 characters"));
  return {};
}

core::Status CheckLogin(std::string_view login) {
  if (login.empty() || login.size() > kMaxLoginBytes)
    return core::Fail(core::InvalidField("invalid_login", "login", "登录名不能为空且不超过64字节",
                                         "login must be 1–64 bytes"));
  if (auto s = core::limits::CheckText(login, "login", kMaxLoginBytes); !s)
    return core::Fail(s.error());
  return {};
}

FailedLogin AfterFailedLogin(int failures_before) {
  int n = failures_before + 1;
  if (n >= kMaxFailedLogins) return {0, true};
  return {n, false};
}

std::string ScopePrefix(std::string_view region) {
  if (region.size() == 6) return std::string(core::RegionCodePrefix(region));
  return std::string(region);
}

std::string RegionOfPrefix(std::string_view prefix) {
  std::string code(prefix);
  while (code.size() < 6) code += '0';
  return code;
}

bool MayFile(const Administrator& a, std::string_view role, std::string_view scope_region) {
  if (a.role == Role::kNationalAdmin) return true;
  if (a.role != Role::kRegionAdmin || a.region_prefix.empty()) return false;
  // Region admins cannot mint national admins, and every account they create or re-grant stays
  // filed under their region so they can manage it later.
  if (role == "national_admin") return false;
  return ScopePrefix(scope_region).starts_with(a.region_prefix);
}

bool ManagesAccount(const Administrator& a, std::string_view account_scope_region) {
  if (a.role == Role::kNationalAdmin) return true;
  return a.role == Role::kRegionAdmin && !a.region_prefix.empty() &&
         !account_scope_region.empty() && account_scope_region.starts_with(a.region_prefix);
}

}  // namespace incunet::domain::identity
