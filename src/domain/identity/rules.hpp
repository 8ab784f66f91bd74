#pragma once
// The rules of accounts, free of I/O: the roles, the password and login policy, when failed
// logins lock an account, and which administrator may file or manage which account.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::domain::identity {

enum class Role {
  kPublic,  // not logged in
  kNationalAdmin,
  kRegionAdmin,
  kCarrierOperator,
  kEnterpriseMember,
  kInvestor,
  kExpert,
};

const char* RoleName(Role r);
// The roles an account may hold (not kPublic); false for any other text.
bool ParseRole(std::string_view s, Role* out);

inline constexpr std::size_t kMinPasswordBytes = 10;
inline constexpr std::size_t kMaxLoginBytes = 64;
// The fifth failure in a row locks an account (or an unknown login) for a quarter of an hour,
// and the count starts again.
inline constexpr int kMaxFailedLogins = 5;
inline constexpr std::chrono::minutes kLockout{15};

core::Status CheckPassword(std::string_view password);  // weak_password
core::Status CheckLogin(std::string_view login);        // invalid_login, text checks

struct FailedLogin {
  int failures = 0;  // the count to store
  bool locks = false;
};
FailedLogin AfterFailedLogin(int failures_before);

// Region scopes are stored as code prefixes ("44", "4403", "440305"); callers may give either a
// prefix or the six-digit code of the region.
std::string ScopePrefix(std::string_view region);
// The six-digit code of the region a prefix names ("4403" → "440300").
std::string RegionOfPrefix(std::string_view prefix);

// Who is administering: their role and, for region admins, their region prefix.
struct Administrator {
  Role role = Role::kPublic;
  std::string region_prefix;
};

// Whether `a` may file an account with this role under this region (prefix or code): national
// admins any; region admins accounts inside their region that are not national admins.
bool MayFile(const Administrator& a, std::string_view role, std::string_view scope_region);
// Whether `a` administers an existing account filed under `account_scope_region` (a prefix).
bool ManagesAccount(const Administrator& a, std::string_view account_scope_region);

}  // namespace incunet::domain::identity
