#include "domain/identity/rules.hpp"

#include <gtest/gtest.h>

namespace incunet::domain::identity {
namespace {

TEST(IdentityRules, RolesRoundTripAndPublicIsNotAnAccountRole) {
  for (Role r : {Role::kNationalAdmin, Role::kRegionAdmin, Role::kCarrierOperator,
                 Role::kEnterpriseMember, Role::kInvestor, Role::kExpert}) {
    Role back = Role::kPublic;
    ASSERT_TRUE(ParseRole(RoleName(r), &back)) << RoleName(r);
    EXPECT_EQ(back, r);
  }
  Role r = Role::kExpert;
  EXPECT_FALSE(ParseRole("public", &r));
  EXPECT_FALSE(ParseRole("National_Admin", &r));
  EXPECT_FALSE(ParseRole("", &r));
  EXPECT_EQ(r, Role::kExpert);  // untouched on failure
}

TEST(IdentityRules, PasswordNeedsTenBytes) {
  EXPECT_EQ(CheckPassword("123456789").error().id, "weak_password");
  EXPECT_TRUE(CheckPassword("1234567890").has_value());
}

TEST(IdentityRules, LoginIsOneTo64BytesOfText) {
  EXPECT_EQ(CheckLogin("").error().id, "invalid_login");
  EXPECT_EQ(CheckLogin(std::string(65, 'a')).error().id, "invalid_login");
  EXPECT_TRUE(CheckLogin(std::string(64, 'a')).has_value());
  EXPECT_EQ(CheckLogin("a\x01"
                       "b")
                .error()
                .id,
            "control_character");
}

TEST(IdentityRules, FifthFailureLocksAndRestartsTheCount) {
  int failures = 0;
  for (int i = 1; i < kMaxFailedLogins; ++i) {
    auto f = AfterFailedLogin(failures);
    EXPECT_FALSE(f.locks) << i;
    EXPECT_EQ(f.failures, i);
    failures = f.failures;
  }
  auto f = AfterFailedLogin(failures);
  EXPECT_TRUE(f.locks);
  EXPECT_EQ(f.failures, 0);
}

TEST(IdentityRules, ScopePrefixesAndTheirRegions) {
  EXPECT_EQ(ScopePrefix("440300"), "4403");
  EXPECT_EQ(ScopePrefix("440305"), "440305");
  EXPECT_EQ(ScopePrefix("440000"), "44");
  EXPECT_EQ(ScopePrefix("4403"), "4403");
  EXPECT_EQ(RegionOfPrefix("4403"), "440300");
  EXPECT_EQ(RegionOfPrefix("44"), "440000");
  EXPECT_EQ(RegionOfPrefix("440305"), "440305");
}

TEST(IdentityRules, RegionAdminsFileAndManageOnlyInsideTheirRegion) {
  Administrator national{Role::kNationalAdmin, ""};
  Administrator shenzhen{Role::kRegionAdmin, "4403"};
  Administrator unscoped{Role::kRegionAdmin, ""};
  Administrator operator_{Role::kCarrierOperator, ""};
  EXPECT_TRUE(MayFile(national, "national_admin", ""));
  EXPECT_TRUE(MayFile(shenzhen, "carrier_operator", "440305"));
  EXPECT_TRUE(MayFile(shenzhen, "region_admin", "440300"));
  EXPECT_FALSE(MayFile(shenzhen, "national_admin", "440305"));
  EXPECT_FALSE(MayFile(shenzhen, "carrier_operator", "440100"));
  EXPECT_FALSE(MayFile(shenzhen, "carrier_operator", "440000"));  // the province is wider
  EXPECT_FALSE(MayFile(unscoped, "expert", "440305"));
  EXPECT_FALSE(MayFile(operator_, "expert", "440305"));

  EXPECT_TRUE(ManagesAccount(national, ""));
  EXPECT_TRUE(ManagesAccount(shenzhen, "440305"));
  EXPECT_FALSE(ManagesAccount(shenzhen, "4401"));
  EXPECT_FALSE(ManagesAccount(shenzhen, ""));  // unfiled accounts are national business
  EXPECT_FALSE(ManagesAccount(operator_, "440305"));
}

}  // namespace
}  // namespace incunet::domain::identity
