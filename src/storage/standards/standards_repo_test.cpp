// Standards on both databases: shipped rule sets seeded once, uploads and parameter edits as new
// versions, refused uploads writing nothing, verdicts stored idempotently with their version,
// hand-computed verdicts from registry records at thresholds, lapsed recognitions, the 60-month
// domain, distance texts and the scope of the cultivation lists.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cmath>

#include "app/json_codec.hpp"
#include "app/registry/service.hpp"
#include "app/standards/service.hpp"
#include "core/embedded.hpp"
#include "core/uscc.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace reg = domain::registry;
namespace sa = app::standards;

app::Actor National() { return {1, "nat", app::Role::kNationalAdmin, app::Scope::National()}; }
app::Actor RegionAdmin(std::string prefix) {
  return {2, "reg" + prefix, app::Role::kRegionAdmin, app::Scope::Region(std::move(prefix))};
}
app::Actor Operator(std::vector<std::int64_t> ids) {
  app::Scope s;
  s.kind = app::Scope::Kind::kCarriers;
  s.carrier_ids = std::move(ids);
  return {3, "op", app::Role::kCarrierOperator, s};
}

std::string ShippedText(const std::string& name) {
  for (const auto* f : core::EmbeddedFilesUnder("data/standards/"))
    if (f->path.ends_with(name)) return f->content;
  return "";
}

std::int64_t CountRows(testing::TestDb& t, const std::string& sql) {
  soci::session s(t.db->pool());
  long long n = -1;
  s << sql, soci::into(n);
  return n;
}

// A cultivation list as a plain vector (the service shares its cached lists read-only).
template <class T>
core::Result<std::vector<T>> Listed(const core::Result<std::shared_ptr<const std::vector<T>>>& r) {
  if (!r) return tl::unexpected(r.error());
  return **r;
}

const sa::Candidate* FindCandidate(const std::vector<sa::Candidate>& v, std::int64_t id) {
  for (const auto& c : v)
    if (c.carrier_id == id) return &c;
  return nullptr;
}

app::Json Criterion(const sa::StoredVerdict& v, const std::string& id) {
  auto j = app::Json::parse(v.result_json);
  for (const auto& c : j["criteria"])
    if (c["id"] == id) return c;
  return nullptr;
}

// The source recorded for one indicator a criterion read.
std::string Source(const app::Json& criterion, const std::string& indicator) {
  for (const auto& v : criterion["values"])
    if (v["indicator"] == indicator) return v["source"];
  return "";
}

class StandardsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    const core::Clock& now = core::SystemClock::Instance();
    registry_ = std::make_unique<app::registry::RegistryService>(*t_.store, now);
    svc_ = std::make_unique<sa::StandardsService>(*t_.store, now);
    auto seeded = svc_->SeedShipped();
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message_en;
  }

  reg::Carrier Carrier(const std::string& name, const std::string& region, double area,
                       const std::string& specialization = "general") {
    reg::Carrier c;
    c.kind = "incubator";
    c.name = name;
    c.operator_uscc = core::MakeUscc("91" + region + fmt::format("{:09}", ++serial_));
    c.region_code = region;
    c.founded_on = "2015-03-01";
    c.specialization = specialization;
    if (specialization == "specialized") c.industry = "I65";
    c.area_total_m2 = area;
    c.area_self_controlled_m2 = area;
    c.area_incubatee_m2 = area * 0.8;
    auto r = registry_->CreateCarrier(app::Actor::Cli(), c, "t");
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message_en);
    return *r;
  }

  void Recognise(std::int64_t carrier, const std::string& level, const std::string& from,
                 std::optional<std::string> to = std::nullopt) {
    reg::Recognition rec;
    rec.authority = domain::registry::IssuingAuthority(level, "440305");
    rec.level = level;
    rec.valid_from = from;
    rec.valid_to = to;
    auto r = registry_->AddRecognition(app::Actor::Cli(), carrier, rec, "t");
    ASSERT_TRUE(r.has_value()) << r.error().message_en;
  }

  // An enterprise incubating at `carrier` since `started`.
  std::int64_t Incubatee(std::int64_t carrier, const std::string& region,
                         const std::string& started, std::vector<std::string> domains = {},
                         const std::string& industry = "I65") {
    reg::Enterprise e;
    e.name = fmt::format("企业{}", ++serial_);
    e.uscc = core::MakeUscc("91" + region + fmt::format("{:09}", serial_));
    e.founded_on = "2019-06-01";
    e.region_code = region;
    e.industry = industry;
    e.domains = std::move(domains);
    e.employees = 10;
    auto ent = registry_->CreateEnterprise(app::Actor::Cli(), e, "t");
    EXPECT_TRUE(ent.has_value()) << (ent ? "" : ent.error().message_en);
    reg::Incubation inc;
    inc.enterprise_id = ent->id;
    inc.carrier_id = carrier;
    inc.applied_on = started;
    auto applied = registry_->Apply(app::Actor::Cli(), inc, "t");
    EXPECT_TRUE(applied.has_value());
    EXPECT_TRUE(registry_->Transition(app::Actor::Cli(), applied->id, "admitted", started, "t"));
    EXPECT_TRUE(registry_->Transition(app::Actor::Cli(), applied->id, "incubating", started, "t"));
    return ent->id;
  }

  void Facts(std::int64_t carrier, std::vector<std::pair<std::string, double>> values,
             const std::string& as_of = "2023-12-31") {
    std::vector<sa::CarrierFact> facts;
    for (auto& [k, v] : values) facts.push_back({0, k, as_of, v, "test", "", ""});
    auto r = svc_->PutFacts(National(), carrier, facts, "t");
    ASSERT_TRUE(r.has_value()) << r.error().message_en;
  }

  sa::StoredVerdict Evaluate(const std::string& rules, const std::string& type, std::int64_t id,
                             const std::string& as_of, const app::Actor& a = National()) {
    auto v = svc_->EvaluateSubject(a, {rules, std::nullopt, type, id, as_of}, "t");
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message_en);
    return v ? *v : sa::StoredVerdict{};
  }

  testing::TestDb t_;
  std::unique_ptr<app::registry::RegistryService> registry_;
  std::unique_ptr<sa::StandardsService> svc_;
  int serial_ = 0;
};

TEST_P(StandardsTest, ShippedRuleSetsAreLoadedOnceAndIdempotently) {
  std::int64_t shipped = 0;
  for (const auto* f : core::EmbeddedFilesUnder("data/standards/"))
    if (f->path.ends_with(".toml")) ++shipped;
  ASSERT_GT(shipped, 10);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM rule_set_versions"), shipped);
  auto again = svc_->SeedShipped();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM rule_set_versions"), shipped);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM audit_log WHERE action = 'rule_set.seed'"), 1);
  auto list = svc_->ListRuleSets();
  EXPECT_EQ(static_cast<std::int64_t>(list.size()), shipped);
  auto most = svc_->GetRuleSet("RS-MOST-2018");
  ASSERT_TRUE(most.has_value());
  EXPECT_EQ(most->latest.row.version, 1);
  EXPECT_EQ(most->latest.row.origin, "shipped");
  EXPECT_EQ(most->latest.rule_set->criteria.size(), 15u);
}

TEST_P(StandardsTest, UploadCreatesANewVersionAndKeepsTheOld) {
  std::string text = ShippedText("default_rs-prov-default_v1.toml");
  ASSERT_FALSE(text.empty());
  auto pos = text.find("value = 3000");
  ASSERT_NE(pos, std::string::npos);
  std::string edited = text;
  edited.replace(pos, 12, "value = 3500");

  auto denied = svc_->Upload(RegionAdmin("44"), edited, "prov-default.toml", "t");
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);

  auto up = svc_->Upload(National(), edited, "prov-default.toml", "t");
  ASSERT_TRUE(up.has_value()) << up.error().message_en;
  EXPECT_EQ(up->row.version, 2);
  EXPECT_EQ(up->row.origin, "upload");
  EXPECT_DOUBLE_EQ(up->rule_set->FindParameter("area_min")->value, 3500);
  auto old = svc_->GetVersion("RS-PROV-DEFAULT", 1);
  ASSERT_TRUE(old.has_value());
  EXPECT_DOUBLE_EQ(old->rule_set->FindParameter("area_min")->value, 3000);

  auto diff = svc_->Diff("RS-PROV-DEFAULT", 1, 2);
  ASSERT_TRUE(diff.has_value());
  ASSERT_EQ(diff->diff.parameters.size(), 1u);
  EXPECT_EQ(diff->diff.parameters[0].id, "area_min");
  EXPECT_EQ(diff->diff.parameters[0].change, "changed");
  ASSERT_EQ(diff->diff.parameters[0].fields.size(), 1u);
  EXPECT_EQ(diff->diff.parameters[0].fields[0].from, "3000");
  EXPECT_EQ(diff->diff.parameters[0].fields[0].to, "3500");
  EXPECT_TRUE(diff->diff.criteria.empty());
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM audit_log WHERE action = 'rule_set.upload'"), 1);
}

TEST_P(StandardsTest, MalformedUploadIsRefusedWithFileLineAndReasonAndWritesNothing) {
  std::string text = ShippedText("default_rs-prov-default_v1.toml");
  // A second copy of the first criterion: a duplicate id.
  auto first = text.find("[[criteria]]");
  auto second = text.find("[[criteria]]", first + 1);
  ASSERT_NE(second, std::string::npos);
  std::string bad = text + "\n" + text.substr(first, second - first);
  auto before = CountRows(t_, "SELECT COUNT(*) FROM rule_set_versions");
  auto audit = CountRows(t_, "SELECT COUNT(*) FROM audit_log");
  auto r = svc_->Upload(National(), bad, "bad.toml", "t");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(r.error().id, "invalid_rule_set");
  EXPECT_EQ(r.error().details.at("file"), "bad.toml");
  EXPECT_GT(std::stoi(r.error().details.at("line")), 1);
  EXPECT_NE(r.error().details.at("reason").find("duplicate criterion id"), std::string::npos);
  // An unknown indicator is refused too.
  auto unknown = svc_->Upload(National(),
                              text.replace(text.find("lhs = \"self_controlled_area_m2\""), 31,
                                           "lhs = \"self_controled_area_m2\""),
                              "typo.toml", "t");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().details.at("file"), "typo.toml");
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM rule_set_versions"), before);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM audit_log"), audit);
}

TEST_P(StandardsTest, EditingAProvisionalParameterMakesANewVersion) {
  auto edit =
      svc_->EditParameters(National(), "RS-MIIT-2025-STANDARD", {{"area_min", 12000}}, 1, "t");
  ASSERT_TRUE(edit.has_value()) << edit.error().message_en;
  EXPECT_EQ(edit->row.version, 2);
  EXPECT_EQ(edit->row.based_on_version, 1);
  EXPECT_DOUBLE_EQ(edit->rule_set->FindParameter("area_min")->value, 12000);
  // Reloaded from the database (not the cache of this service), the value holds.
  sa::StandardsService fresh(*t_.store, core::SystemClock::Instance());
  auto v2 = fresh.GetVersion("RS-MIIT-2025-STANDARD", 2);
  ASSERT_TRUE(v2.has_value());
  EXPECT_DOUBLE_EQ(v2->rule_set->FindParameter("area_min")->value, 12000);
  EXPECT_DOUBLE_EQ(
      fresh.GetVersion("RS-MIIT-2025-STANDARD", 1)->rule_set->FindParameter("area_min")->value,
      10000);
  // Stale base version, official (non-provisional) values and unknown names are refused.
  auto stale = svc_->EditParameters(National(), "RS-MIIT-2025-STANDARD", {{"area_min", 1}}, 1, "t");
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().id, "stale_version");
  auto official = svc_->EditParameters(National(), "RS-MIIT-2025-STANDARD",
                                       {{"growth_share_min", 0.2}}, std::nullopt, "t");
  ASSERT_FALSE(official.has_value());
  EXPECT_EQ(official.error().id, "parameter_not_provisional");
  auto unknown =
      svc_->EditParameters(National(), "RS-MIIT-2025-STANDARD", {{"nope", 1}}, std::nullopt, "t");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(svc_->GetRuleSet("RS-MIIT-2025-STANDARD")->versions.size(), 2u);
}

TEST_P(StandardsTest, VerdictIsStoredWithItsVersionAndReEvaluationIsIdempotent) {
  auto c = Carrier("深圳湾孵化器", "440305", 12000);
  auto v1 = Evaluate("RS-PROV-DEFAULT", "carrier", c.id, "2024-06-30");
  EXPECT_EQ(v1.rule_set_version, 1);
  EXPECT_GT(v1.id, 0);
  auto v2 = Evaluate("RS-PROV-DEFAULT", "carrier", c.id, "2024-06-30");
  EXPECT_EQ(v2.id, v1.id);
  EXPECT_EQ(v2.evaluated_at, v1.evaluated_at);
  EXPECT_EQ(v2.result_json, v1.result_json);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM verdicts"), 1);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM audit_log WHERE action = 'verdict.evaluate'"), 1);
  // New inputs update the same row; the stored body names the version and the sources.
  Facts(c.id, {{"mentors", 4}});
  auto v3 = Evaluate("RS-PROV-DEFAULT", "carrier", c.id, "2024-06-30");
  EXPECT_EQ(v3.id, v1.id);
  EXPECT_NE(v3.result_json, v1.result_json);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM verdicts"), 1);
  auto body = app::Json::parse(v3.result_json);
  EXPECT_EQ(body["rule_set_version"], 1);
  auto p2a = Criterion(v3, "P2a");
  EXPECT_EQ(Source(p2a, "self_controlled_area_m2"), "records:carrier");
  EXPECT_EQ(Source(Criterion(v3, "P4b"), "mentors"), "declared:2023-12-31 (test)");
  // A parameter edit is a new version: its verdict is a separate row.
  ASSERT_TRUE(svc_->EditParameters(National(), "RS-PROV-DEFAULT", {{"area_min", 13000}},
                                   std::nullopt, "t"));
  auto v4 = Evaluate("RS-PROV-DEFAULT", "carrier", c.id, "2024-06-30");
  EXPECT_EQ(v4.rule_set_version, 2);
  EXPECT_NE(v4.id, v1.id);
  EXPECT_EQ(Criterion(v4, "P2a")["outcome"], "fail");
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM verdicts"), 2);
  // Scope: the carrier's operator and its region see it; another region and the public do not.
  EXPECT_TRUE(svc_->GetVerdict(Operator({c.id}), v1.id).has_value());
  EXPECT_TRUE(svc_->GetVerdict(RegionAdmin("4403"), v1.id).has_value());
  EXPECT_FALSE(svc_->GetVerdict(RegionAdmin("11"), v1.id).has_value());
  EXPECT_FALSE(svc_->GetVerdict(app::Actor::PublicVisitor(), v1.id).has_value());
  EXPECT_EQ(svc_->ListVerdicts(RegionAdmin("44"), {}, {50, ""}).total, 2);
  EXPECT_EQ(svc_->ListVerdicts(RegionAdmin("63"), {}, {50, ""}).total, 0);
  // Another region's admin may not evaluate it.
  auto denied = svc_->EvaluateSubject(RegionAdmin("63"),
                                      {"RS-PROV-DEFAULT", std::nullopt, "carrier", c.id, ""}, "t");
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);
}

// 300号 N6a and N2a for a specialised incubator in a hardship county: 30 × 0.8 = 24 incubatees
// and 10,000 × 0.8 = 8,000 m². Exactly at both passes with margin 0; one short fails by 1.
TEST_P(StandardsTest, HandComputedVerdictFromRecordsAtTheThreshold) {
  {
    soci::session s(t_.db->pool());
    s << "INSERT INTO hardship_counties(region_code, note) VALUES ('630102', 'test')";
  }
  auto at = Carrier("西宁专业孵化器甲", "630102", 8000, "specialized");
  auto below = Carrier("西宁专业孵化器乙", "630102", 7999, "specialized");
  for (int i = 0; i < 24; ++i) Incubatee(at.id, "630102", "2023-03-01");
  for (int i = 0; i < 23; ++i) Incubatee(below.id, "630102", "2023-03-01");
  for (auto id : {at.id, below.id})
    Facts(id, {{"precise_industry_services", 1}, {"own_public_service_platform", 1}});

  auto va = Evaluate("RS-MOST-2018", "carrier", at.id, "2024-06-30");
  auto n6a = Criterion(va, "N6a");
  EXPECT_EQ(n6a["outcome"], "pass");
  EXPECT_DOUBLE_EQ(n6a["value"].get<double>(), 24);
  EXPECT_DOUBLE_EQ(n6a["threshold"].get<double>(), 24);
  EXPECT_DOUBLE_EQ(n6a["margin"].get<double>(), 0);
  EXPECT_EQ(Source(n6a, "incubatees"), "records:incubations");
  EXPECT_EQ(Source(n6a, "hardship_area"), "records:hardship_counties (provisional list)");
  EXPECT_EQ(n6a["clauses"][0]["variant_en"], "specialised incubator");
  EXPECT_EQ(n6a["clauses"][0]["relaxations"][0], "N10");
  auto n2a = Criterion(va, "N2a");
  EXPECT_EQ(n2a["outcome"], "pass");
  EXPECT_DOUBLE_EQ(n2a["threshold"].get<double>(), 8000);
  EXPECT_DOUBLE_EQ(n2a["margin"].get<double>(), 0);

  auto vb = Evaluate("RS-MOST-2018", "carrier", below.id, "2024-06-30");
  EXPECT_EQ(Criterion(vb, "N6a")["outcome"], "fail");
  EXPECT_DOUBLE_EQ(Criterion(vb, "N6a")["margin"].get<double>(), -1);
  EXPECT_EQ(Criterion(vb, "N2a")["outcome"], "fail");
  EXPECT_DOUBLE_EQ(Criterion(vb, "N2a")["margin"].get<double>(), -1);
  EXPECT_EQ(vb.outcome, "fail");
  // Before the stays began there were no incubatees at all.
  auto early = Evaluate("RS-MOST-2018", "carrier", at.id, "2023-01-31");
  EXPECT_DOUBLE_EQ(Criterion(early, "N6a")["value"].get<double>(), 0);
}

TEST_P(StandardsTest, ALapsedRecognitionNoLongerCountsForTaxOrTier) {
  auto c = Carrier("广州孵化器", "440106", 5000);
  Recognise(c.id, "provincial", "2019-01-01", "2024-12-31");
  Facts(c.id, {{"service_income_separately_accounted", 1}});
  auto in_force = Evaluate("RS-TAX-2023", "carrier", c.id, "2024-06-30");
  EXPECT_EQ(in_force.outcome, "pass");
  auto lapsed = Evaluate("RS-TAX-2023", "carrier", c.id, "2025-06-30");
  EXPECT_EQ(lapsed.outcome, "fail");
  EXPECT_EQ(Criterion(lapsed, "T1")["outcome"], "fail");
  auto t = svc_->NextTier(National(), c.id, "2025-06-30");
  ASSERT_TRUE(t.has_value()) << t.error().message_en;
  EXPECT_EQ(t->current, domain::standards::Level::kNone);
  EXPECT_EQ(*t->next, domain::standards::Level::kProvincial);
  EXPECT_TRUE(t->distance->tier.provincial_default);  // Guangdong has no 省级 set of its own
  // While in force, the benefit's end (the recognition's) falls within 12 months: an alert.
  auto alerts = Listed(svc_->Alerts(National(), "44", "2024-06-30"));
  ASSERT_TRUE(alerts.has_value());
  int tax = 0;
  for (const auto& a : *alerts)
    if (a.kind == "tax_benefit_ending" && a.carrier_id == c.id) {
      ++tax;
      EXPECT_EQ(a.data.at("last_month"), "2024-12");
    }
  EXPECT_EQ(tax, 1);
}

TEST_P(StandardsTest, SixtyMonthDomainIncubateeAndMonthLimitAlerts) {
  auto c = Carrier("杭州孵化器", "330106", 10000);
  auto bio = Incubatee(c.id, "330106", "2019-06-01", {"生物医药"});
  auto ai = Incubatee(c.id, "330106", "2019-06-01", {"人工智能"});
  // 2024-06-30 is 60 months after 2019-06-01: within the 60-month limit, over the 48-month one.
  auto vb = Evaluate("RS-MOST-2018-INCUBATEE", "enterprise", bio, "2024-06-30");
  auto e4 = Criterion(vb, "E4");
  EXPECT_EQ(e4["outcome"], "pass");
  EXPECT_DOUBLE_EQ(e4["value"].get<double>(), 60);
  EXPECT_DOUBLE_EQ(e4["threshold"].get<double>(), 60);
  auto va = Evaluate("RS-MOST-2018-INCUBATEE", "enterprise", ai, "2024-06-30");
  EXPECT_EQ(Criterion(va, "E4")["outcome"], "fail");
  EXPECT_DOUBLE_EQ(Criterion(va, "E4")["margin"].get<double>(), -12);
  // One month later the biomedicine firm is over its limit too.
  EXPECT_EQ(Criterion(Evaluate("RS-MOST-2018-INCUBATEE", "enterprise", bio, "2024-07-01"),
                      "E4")["outcome"],
            "fail");
  auto alerts = Listed(svc_->Alerts(National(), "33", "2024-06-30"));
  ASSERT_TRUE(alerts.has_value());
  std::vector<std::int64_t> over;
  for (const auto& a : *alerts)
    if (a.kind == "incubation_over_limit") over.push_back(*a.enterprise_id);
  EXPECT_EQ(over, std::vector<std::int64_t>{ai});
}

TEST_P(StandardsTest, NextTierNamesTheGapInTheIndicatorsOwnUnit) {
  auto c = Carrier("深圳省级孵化器", "440305", 6800);
  Recognise(c.id, "provincial", "2020-01-01");
  auto t = svc_->NextTier(National(), c.id, "2025-12-31");
  ASSERT_TRUE(t.has_value()) << t.error().message_en;
  EXPECT_EQ(t->current, domain::standards::Level::kProvincial);
  EXPECT_EQ(*t->next, domain::standards::Level::kStandard);
  EXPECT_EQ(t->rule_set.rule_set_id, "RS-MIIT-2025-STANDARD");
  const domain::standards::Gap* area = nullptr;
  for (const auto& g : t->distance->gaps)
    if (g.criterion_id == "N2a") area = &g;
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->text_zh, "还需增加 3,200 m² 可自主支配孵化场地面积");
  EXPECT_EQ(area->text_en, "3,200 m² more self-controlled incubation area");
  EXPECT_FALSE(t->rank.has_value());
  // A carrier operator sees its own carrier's distance but not another's.
  auto other = Carrier("深圳另一孵化器", "440305", 6800);
  EXPECT_TRUE(svc_->NextTier(Operator({c.id}), c.id, "2025-12-31").has_value());
  auto denied = svc_->NextTier(Operator({c.id}), other.id, "2025-12-31");
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);
}

TEST_P(StandardsTest, ExcellenceCandidatesAreRankedAgainstTheProvinceQuota) {
  auto a = Carrier("深圳标准级甲", "440305", 30000);
  auto b = Carrier("深圳标准级乙", "440305", 12000);
  Recognise(a.id, "standard", "2025-08-01");
  Recognise(b.id, "standard", "2025-08-01");
  // Declared figures exactly at every 卓越级 threshold (declared facts outrank records).
  Facts(a.id,
        {{"incubatees", 20},
         {"incubatees_in_focus_industries", 10},
         {"public_tech_platforms", 3},
         {"high_end_talent", 10},
         {"equity_investment_cny", 20'000'000},
         {"incubatee_financing_cny", 60'000'000},
         {"incubatees_revenue_over_10m", 10},
         {"cumulative_graduates", 50}},
        "2025-12-01");
  auto t = svc_->NextTier(National(), b.id, "2025-12-31");
  ASSERT_TRUE(t.has_value()) << t.error().message_en;
  EXPECT_EQ(*t->next, domain::standards::Level::kExcellence);
  ASSERT_TRUE(t->rank.has_value());
  EXPECT_EQ(t->rank->candidates, 2);
  EXPECT_EQ(t->rank->quota, 1);  // ceil(10% × 2)
  auto cands = Listed(svc_->Candidates(National(), "44", "excellence", "2025-12-31"));
  ASSERT_TRUE(cands.has_value());
  ASSERT_EQ(cands->size(), 2u);
  EXPECT_EQ((*cands)[0].rank, 1);
  EXPECT_EQ((*cands)[1].rank, 2);
  EXPECT_EQ((*cands)[0].quota, 1);
  EXPECT_TRUE((*cands)[0].within_quota);
  EXPECT_FALSE((*cands)[1].within_quota);
  EXPECT_EQ((*cands)[0].carrier_id, a.id);
  EXPECT_EQ((*cands)[0].outcome, domain::standards::Outcome::kPass);
  EXPECT_EQ(FindCandidate(*cands, b.id)->rank, t->rank->rank);
  EXPECT_EQ(t->rank->rank, 2);
  EXPECT_FALSE(t->rank->qualifies);
}

TEST_P(StandardsTest, CultivationListsFollowTheCallersScope) {
  auto gd = Carrier("广东孵化器", "440305", 4000);
  auto qh = Carrier("青海孵化器", "630102", 4000);
  auto both = Listed(svc_->Candidates(National(), "", "", "2025-12-31"));
  ASSERT_TRUE(both.has_value());
  EXPECT_NE(FindCandidate(*both, gd.id), nullptr);
  EXPECT_NE(FindCandidate(*both, qh.id), nullptr);
  // Qinghai has its own 省级 set; Guangdong falls back to the provisional default.
  EXPECT_EQ(FindCandidate(*both, qh.id)->rule_set_id, "RS-PROV-63");
  EXPECT_TRUE(FindCandidate(*both, gd.id)->provincial_default);

  auto region = Listed(svc_->Candidates(RegionAdmin("44"), "", "", "2025-12-31"));
  ASSERT_TRUE(region.has_value());
  EXPECT_NE(FindCandidate(*region, gd.id), nullptr);
  EXPECT_EQ(FindCandidate(*region, qh.id), nullptr);
  // Asking for another region does not widen the scope.
  auto outside = Listed(svc_->Candidates(RegionAdmin("44"), "63", "", "2025-12-31"));
  ASSERT_TRUE(outside.has_value());
  EXPECT_TRUE(outside->empty());
  auto op = Listed(svc_->Candidates(Operator({qh.id}), "", "", "2025-12-31"));
  ASSERT_TRUE(op.has_value());
  ASSERT_EQ(op->size(), 1u);
  EXPECT_EQ((*op)[0].carrier_id, qh.id);
  auto pub = Listed(svc_->Candidates(app::Actor::PublicVisitor(), "", "", "2025-12-31"));
  ASSERT_TRUE(pub.has_value());
  EXPECT_TRUE(pub->empty());
  auto alerts = Listed(svc_->Alerts(app::Actor::PublicVisitor(), "", "2025-12-31"));
  ASSERT_TRUE(alerts.has_value());
  EXPECT_TRUE(alerts->empty());
}

TEST_P(StandardsTest, CultivationListsAreCachedUntilTheNextAuditedWrite) {
  auto gd = Carrier("广东孵化器", "440305", 12000);
  Recognise(gd.id, "provincial", "2020-01-01");
  Incubatee(gd.id, "440305", "2024-01-01");
  auto has_gap = [&](const std::vector<sa::Candidate>& list, const std::string& criterion) {
    const sa::Candidate* c = FindCandidate(list, gd.id);
    if (!c) return false;
    for (const auto& g : c->gaps)
      if (g.criterion_id == criterion) return true;
    return false;
  };
  std::int64_t computed = svc_->list_computations();
  auto first = svc_->Candidates(National(), "", "", "2025-12-31");
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(has_gap(**first, "N4c"));  // mentors not known yet
  auto again = svc_->Candidates(National(), "", "", "2025-12-31");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(first->get(), again->get());  // the same list, not computed again
  EXPECT_EQ(svc_->list_computations(), computed + 1);
  // Another scope or another date is another list.
  ASSERT_TRUE(svc_->Candidates(RegionAdmin("44"), "", "", "2025-12-31").has_value());
  ASSERT_TRUE(svc_->Candidates(National(), "", "", "2025-06-30").has_value());
  EXPECT_EQ(svc_->list_computations(), computed + 3);
  auto alerts = svc_->Alerts(National(), "", "2025-12-31");
  auto alerts_again = svc_->Alerts(National(), "", "2025-12-31");
  ASSERT_TRUE(alerts.has_value() && alerts_again.has_value());
  EXPECT_EQ(alerts->get(), alerts_again->get());
  EXPECT_EQ(svc_->list_computations(), computed + 4);

  // An audited write (a declared fact) is a new generation: the list is computed again and
  // shows the fact.
  sa::CarrierFact f;
  f.indicator = "mentors";
  f.as_of = "2025-06-30";
  f.value = 12;
  ASSERT_TRUE(svc_->PutFacts(National(), gd.id, {f}, "t").has_value());
  auto after = svc_->Candidates(National(), "", "", "2025-12-31");
  ASSERT_TRUE(after.has_value());
  EXPECT_NE(after->get(), first->get());
  EXPECT_EQ(svc_->list_computations(), computed + 5);
  EXPECT_FALSE(has_gap(**after, "N4c"));
  EXPECT_TRUE(has_gap(**first, "N4c"));  // a list already handed out does not change
}

TEST_P(StandardsTest, TwoConsecutiveDGradesRaiseARevocationWarning) {
  auto c = Carrier("成都孵化器", "510107", 500);
  // With no declared figures the evaluation scores nothing for most groups: grade D.
  for (const char* d : {"2023-12-31", "2024-12-31"}) {
    auto v = Evaluate("RS-EVAL-2019", "carrier", c.id, d);
    ASSERT_EQ(v.grade, "D") << d;
  }
  auto alerts = Listed(svc_->Alerts(RegionAdmin("51"), "", "2025-06-30"));
  ASSERT_TRUE(alerts.has_value());
  int warnings = 0;
  for (const auto& a : *alerts) warnings += a.kind == "revocation_warning" && a.carrier_id == c.id;
  EXPECT_EQ(warnings, 1);
  // Bulk evaluation writes one audit row for the job and is idempotent too.
  auto rep = svc_->EvaluateAll(National(), "RS-EVAL-2019", "2024-12-31", "51", nullptr, "t");
  ASSERT_TRUE(rep.has_value()) << rep.error().message_en;
  EXPECT_EQ(rep->subjects, 1u);
  EXPECT_EQ(rep->written, 0u);
  EXPECT_EQ(rep->grades.at("D"), 1u);
  EXPECT_EQ(CountRows(t_, "SELECT COUNT(*) FROM audit_log WHERE action = 'verdict.evaluate_all'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StandardsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
