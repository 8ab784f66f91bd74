#pragma once
// Consent grants: an enterprise shares chosen parts of its data with a named grantee (a user
// such as an investor or bank, a carrier, or a region's offices) for a period. A grant is a row,
// revocable at any time, and is checked exactly like data scope.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace incunet::domain::consent {

// What can be shared. "profile" is the enterprise record itself; the others gate the modules that
// hold those figures.
inline constexpr const char* kParts[] = {"profile", "financials", "needs", "return_figures"};
inline constexpr const char* kGranteeKinds[] = {"user", "carrier", "region"};

struct Grant {
  std::int64_t id = 0;
  std::int64_t enterprise_id = 0;
  std::string grantee_kind;  // user | carrier | region
  std::string grantee;       // user id, carrier id, or region code prefix ("44", "4403")
  std::vector<std::string> parts;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD, inclusive
  std::string revoked_at;  // RFC 3339 or ""
  std::string created_by;
  std::string created_at;
};

// Field checks: known kind and parts, well-formed grantee, a period of at most five years.
core::Status Validate(const Grant& g);

// True when the grant is in force on `date` (YYYY-MM-DD) and not revoked.
bool InForce(const Grant& g, const std::string& date);

}  // namespace incunet::domain::consent
