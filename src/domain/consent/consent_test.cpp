#include "domain/consent/consent.hpp"

#include <gtest/gtest.h>

namespace incunet::domain::consent {
namespace {

Grant Valid() {
  Grant g;
  g.enterprise_id = 1;
  g.grantee_kind = "user";
  g.grantee = "7";
  g.parts = {"profile", "financials"};
  g.valid_from = "2026-01-01";
  g.valid_to = "2026-12-31";
  return g;
}

TEST(Consent, ValidGrantPasses) { EXPECT_TRUE(Validate(Valid()).has_value()); }

TEST(Consent, RejectsUnknownPartsKindsAndBadPeriods) {
  auto g = Valid();
  g.parts = {"bank_statements"};
  EXPECT_EQ(Validate(g).error().id, "invalid_part");
  g = Valid();
  g.grantee_kind = "everyone";
  EXPECT_EQ(Validate(g).error().id, "invalid_grantee_kind");
  g = Valid();
  g.grantee_kind = "region";
  g.grantee = "4403000";
  EXPECT_EQ(Validate(g).error().id, "invalid_grantee");
  g = Valid();
  g.grantee = "99999999999999999999";  // beyond a 64-bit id: refused, not a crash later
  EXPECT_EQ(Validate(g).error().id, "invalid_grantee");
  g = Valid();
  g.valid_to = "2025-12-31";
  EXPECT_EQ(Validate(g).error().id, "invalid_period");
  g = Valid();
  g.valid_to = "2031-01-02";
  EXPECT_EQ(Validate(g).error().id, "period_too_long");
  g = Valid();
  g.parts.clear();
  EXPECT_EQ(Validate(g).error().id, "parts_required");
}

TEST(Consent, InForceIsInclusiveAndEndsOnRevocation) {
  auto g = Valid();
  EXPECT_TRUE(InForce(g, "2026-01-01"));
  EXPECT_TRUE(InForce(g, "2026-12-31"));
  EXPECT_FALSE(InForce(g, "2027-01-01"));
  EXPECT_FALSE(InForce(g, "2025-12-31"));
  g.revoked_at = "2026-06-01T00:00:00Z";
  EXPECT_FALSE(InForce(g, "2026-07-01"));
}

}  // namespace
}  // namespace incunet::domain::consent
