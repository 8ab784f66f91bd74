// The annual return on both databases: prefill from the registry, the review workflow up the
// region tree with scope (another county's admin gets not-found, a city admin cannot act at the
// county level), return with reason and resubmission, acceptance at the national level, the
// skipped levels, warnings that need explanations, filing deadlines and reopening, and the
// history of every value and step.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "app/registry/service.hpp"
#include "app/returns/service.hpp"
#include "core/uscc.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace reg = domain::registry;
namespace ret = domain::returns;
using app::Actor;
using app::Role;
using app::Scope;

std::chrono::system_clock::time_point At(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year_month_day{
      std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)});
}

class ReturnsWorkflowTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    clock_.Set(At(2025, 1, 10));
    registry_ = std::make_unique<app::registry::RegistryService>(*t_.store, clock_);
    svc_ = std::make_unique<app::returns::ReturnsService>(*t_.store, clock_);
  }

  reg::Carrier MakeCarrier(const std::string& name, const std::string& region,
                           std::optional<std::string> zone = std::nullopt) {
    reg::Carrier c;
    c.kind = "incubator";
    c.name = name;
    c.operator_uscc = core::MakeUscc(fmt::format("91{}{:09}", region, ++serial_));
    c.region_code = region;
    c.zone_code = zone;
    c.founded_on = "2015-06-01";
    c.area_total_m2 = 10000;
    c.area_incubatee_m2 = 7000;
    c.area_public_service_m2 = 1500;
    auto r = registry_->CreateCarrier(Actor::Cli(), c, "t");
    EXPECT_TRUE(r) << (r ? "" : r.error().message_en);
    return *r;
  }

  // A firm (or team) incubating at `carrier` from `start`, optionally graduating on `end`.
  reg::Enterprise Incubatee(const reg::Carrier& carrier, const std::string& name, int employees,
                            bool team, const std::string& start,
                            const std::string& graduated_on = "") {
    reg::Enterprise e;
    e.name = name;
    e.is_team = team;
    if (!team) {
      e.uscc = core::MakeUscc(fmt::format("91{}{:09}", carrier.region_code, ++serial_));
      e.founded_on = "2020-01-01";
    }
    e.region_code = carrier.region_code;
    e.employees = employees;
    e.domains = {"人工智能"};
    auto ent = registry_->CreateEnterprise(Actor::Cli(), e, "t");
    EXPECT_TRUE(ent) << (ent ? "" : ent.error().message_en);
    reg::Incubation i;
    i.enterprise_id = ent->id;
    i.carrier_id = carrier.id;
    i.applied_on = start;
    i.space_m2 = 100;
    auto inc = registry_->Apply(Actor::Cli(), i, "t");
    EXPECT_TRUE(inc) << (inc ? "" : inc.error().message_en);
    EXPECT_TRUE(registry_->Transition(Actor::Cli(), inc->id, "admitted", start, "t"));
    EXPECT_TRUE(registry_->Transition(Actor::Cli(), inc->id, "incubating", start, "t"));
    if (!graduated_on.empty()) {
      EXPECT_TRUE(registry_->Transition(Actor::Cli(), inc->id, "graduated", graduated_on, "t"));
    }
    return *ent;
  }

  static Actor Operator(const reg::Carrier& c) {
    Actor a{100 + c.id, "op" + std::to_string(c.id), Role::kCarrierOperator, {}};
    a.scope.kind = Scope::Kind::kCarriers;
    a.scope.carrier_ids = {c.id};
    return a;
  }
  static Actor Admin(const std::string& prefix, std::int64_t id) {
    return Actor{id, "admin" + prefix, Role::kRegionAdmin, Scope::Region(prefix)};
  }
  static Actor National() { return Actor{1, "torch", Role::kNationalAdmin, Scope::National()}; }

  app::returns::ReturnView Fill(const Actor& who, const app::returns::ReturnView& v,
                                app::returns::ReturnEdit edit) {
    auto r = svc_->Update(who, v.ret.id, v.ret.version, false, edit, "req-fill");
    EXPECT_TRUE(r) << (r ? "" : r.error().message_en);
    return *r;
  }

  // A carrier in 南山区 with two firms, a team and a firm that graduated in 2024, and its
  // prefilled 2024 draft with the total income filled in.
  app::returns::ReturnView NanshanDraft() {
    nanshan_ = MakeCarrier("南山科技孵化器", "440305");
    Incubatee(nanshan_, "深圳甲科技有限公司", 12, false, "2023-03-01");
    Incubatee(nanshan_, "深圳乙科技有限公司", 8, false, "2024-05-01");
    Incubatee(nanshan_, "丙创业团队", 3, true, "2024-02-01");
    Incubatee(nanshan_, "深圳丁科技有限公司", 30, false, "2021-01-01", "2024-09-30");
    auto d = svc_->Create(Operator(nanshan_), nanshan_.id, 2024, "req-create");
    EXPECT_TRUE(d) << (d ? "" : d.error().message_en);
    app::returns::ReturnEdit e;
    e.values["Tdf7b00"] = "500000000";
    return Fill(Operator(nanshan_), *d, e);
  }

  testing::TestDb t_;
  core::FixedClock clock_{std::chrono::system_clock::time_point{}};
  std::unique_ptr<app::registry::RegistryService> registry_;
  std::unique_ptr<app::returns::ReturnsService> svc_;
  reg::Carrier nanshan_;
  int serial_ = 0;
};

const std::string* Value(const ret::Values& v, const std::string& code) {
  auto it = v.find(code);
  return it == v.end() ? nullptr : &it->second;
}

TEST_P(ReturnsWorkflowTest, DraftIsPrefilledFromTheRecords) {
  auto v = NanshanDraft();
  const auto& vals = v.ret.values;
  EXPECT_EQ(v.ret.status, "draft");
  EXPECT_EQ(v.ret.kind, "incubator");
  EXPECT_EQ(*Value(vals, "TDF711"), "南山科技孵化器");
  EXPECT_EQ(*Value(vals, "TDF719"), "2015-06-01");
  EXPECT_EQ(*Value(vals, "Tdf7e00"), "10000");
  EXPECT_EQ(*Value(vals, "Tdf7e02"), "7000");
  EXPECT_EQ(*Value(vals, "Tdf7e03"), "1500");
  EXPECT_EQ(*Value(vals, "Tdf7f00"), "2");   // firms open at 2024-12-31
  EXPECT_EQ(*Value(vals, "Tdf7f02"), "20");  // their employees
  EXPECT_EQ(*Value(vals, "Tdf7f08"), "1");   // graduated in 2024
  EXPECT_EQ(*Value(vals, "Tdf7f09"), "1");   // the team
  EXPECT_EQ(*Value(vals, "Tdf7f10"), "3");
  ASSERT_EQ(v.ret.incubatees.size(), 3u);  // two firms and the 2024 graduate, no team
  int graduates = 0;
  for (const auto& row : v.ret.incubatees) {
    EXPECT_NE(Value(row.values, "I01"), nullptr);
    EXPECT_EQ(Value(row.values, "I02")->size(), 18u);
    if (*Value(row.values, "I10") == "true") {
      ++graduates;
      EXPECT_EQ(*Value(row.values, "I11"), "2024-09-30");
      EXPECT_EQ(*Value(row.values, "I24"), "30");
    }
  }
  EXPECT_EQ(graduates, 1);
  EXPECT_TRUE(v.findings.empty()) << v.findings.front().message_en;
  // The prefill and the edit are both in the value history, with actor and time.
  auto h = svc_->History(Operator(nanshan_), v.ret.id, "Tdf7b00");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 1u);
  EXPECT_FALSE((*h)[0].old_value.has_value());
  EXPECT_EQ((*h)[0].new_value.value_or(""), "500000000");
  EXPECT_EQ((*h)[0].actor_login, "op" + std::to_string(nanshan_.id));
  EXPECT_EQ((*h)[0].at, "2025-01-10T00:00:00Z");
  EXPECT_EQ((*h)[0].request_id, "req-fill");
  auto dup = svc_->Create(Operator(nanshan_), nanshan_.id, 2024, "t");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().id, "return_exists");
  EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
}

TEST_P(ReturnsWorkflowTest, ReviewClimbsTheTreeWithScopeReturnAndResubmit) {
  auto v = NanshanDraft();
  Actor op = Operator(nanshan_);
  Actor nanshan_admin = Admin("440305", 11), luohu_admin = Admin("440303", 12),
        shenzhen_admin = Admin("4403", 13), guangdong_admin = Admin("44", 14),
        beijing_admin = Admin("11", 15);
  auto sub = svc_->Submit(op, v.ret.id, "t");
  ASSERT_TRUE(sub) << sub.error().message_en;
  EXPECT_EQ(sub->ret.status, "submitted");
  EXPECT_EQ(sub->ret.pending_level, "county");
  EXPECT_EQ(sub->ret.pending_prefix, "440305");
  ASSERT_EQ(sub->ret.review_path.size(), 4u);
  // Submitted returns cannot be edited.
  app::returns::ReturnEdit late;
  late.values["Tdf7b00"] = "1";
  auto locked = svc_->Update(op, v.ret.id, sub->ret.version, false, late, "t");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().id, "not_editable");

  // Another county's admin cannot see or act on it: not found, as existence is private.
  auto peek = svc_->Get(luohu_admin, v.ret.id);
  ASSERT_FALSE(peek);
  EXPECT_EQ(peek.error().code, core::ErrorCode::kNotFound);
  auto foreign = svc_->Approve(luohu_admin, v.ret.id, "", "t");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(svc_->SendBack(luohu_admin, v.ret.id, "越权", "t").error().code,
            core::ErrorCode::kNotFound);
  EXPECT_EQ(svc_->List(luohu_admin, {}, {50, ""}).total, 0);
  EXPECT_EQ(svc_->List(beijing_admin, {}, {50, ""}).total, 0);
  EXPECT_EQ(svc_->History(luohu_admin, v.ret.id, "").error().code, core::ErrorCode::kNotFound);
  // The city sees it but may not act at the county level.
  ASSERT_TRUE(svc_->Get(shenzhen_admin, v.ret.id));
  auto early = svc_->Approve(shenzhen_admin, v.ret.id, "", "t");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().id, "not_your_review_level");
  EXPECT_EQ(early.error().code, core::ErrorCode::kForbidden);
  // Nor may the operator review its own return.
  EXPECT_EQ(svc_->Approve(op, v.ret.id, "", "t").error().code, core::ErrorCode::kForbidden);

  // The county's queue has it; the other county's queue does not.
  auto queue = app::returns::ReturnsService::ReviewQueue(nanshan_admin);
  ASSERT_TRUE(queue);
  EXPECT_EQ(svc_->List(nanshan_admin, *queue, {50, ""}).total, 1);
  EXPECT_EQ(
      svc_->List(luohu_admin, *app::returns::ReturnsService::ReviewQueue(luohu_admin), {50, ""})
          .total,
      0);

  auto county = svc_->Approve(nanshan_admin, v.ret.id, "数据已核实", "t");
  ASSERT_TRUE(county) << county.error().message_en;
  EXPECT_EQ(county->ret.pending_level, "city");
  EXPECT_EQ(svc_->Approve(nanshan_admin, v.ret.id, "", "t").error().id, "not_your_review_level");
  auto no_reason = svc_->SendBack(shenzhen_admin, v.ret.id, " ", "t");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().id, "reason_required");
  auto back = svc_->SendBack(shenzhen_admin, v.ret.id, "在孵企业用房面积请核实", "t");
  ASSERT_TRUE(back) << back.error().message_en;
  EXPECT_EQ(back->ret.status, "returned");
  EXPECT_TRUE(back->ret.pending_level.empty());

  // Returned: editable and resubmittable; it starts again at the county.
  app::returns::ReturnEdit fix;
  fix.values["Tdf7e02"] = "6800";
  auto fixed = Fill(op, *back, fix);
  auto again = svc_->Submit(op, v.ret.id, "t");
  ASSERT_TRUE(again) << again.error().message_en;
  EXPECT_EQ(again->ret.pending_level, "county");
  ASSERT_TRUE(svc_->Approve(nanshan_admin, v.ret.id, "", "t"));
  ASSERT_TRUE(svc_->Approve(shenzhen_admin, v.ret.id, "", "t"));
  EXPECT_EQ(svc_->Approve(National(), v.ret.id, "", "t").error().id, "not_your_review_level");
  auto prov = svc_->Approve(guangdong_admin, v.ret.id, "", "t");
  ASSERT_TRUE(prov);
  EXPECT_EQ(prov->ret.pending_level, "national");
  auto done = svc_->Approve(National(), v.ret.id, "准予通过", "t");
  ASSERT_TRUE(done) << done.error().message_en;
  EXPECT_EQ(done->ret.status, "accepted");
  EXPECT_EQ(done->ret.accepted_at, "2025-01-10T00:00:00Z");
  EXPECT_FALSE(svc_->SendBack(National(), v.ret.id, "太晚了", "t"));

  // Every workflow step: who, when, level, decision, reason.
  auto steps = svc_->Reviews(op, v.ret.id);
  ASSERT_TRUE(steps);
  std::vector<std::string> seen;
  for (const auto& s : *steps) seen.push_back(s.decision + "@" + s.level);
  EXPECT_EQ(seen, (std::vector<std::string>{"submit@carrier", "approve@county", "return@city",
                                            "submit@carrier", "approve@county", "approve@city",
                                            "approve@province", "accept@national"}));
  EXPECT_EQ((*steps)[2].reason, "在孵企业用房面积请核实");
  EXPECT_EQ((*steps)[2].actor_login, "admin4403");
  EXPECT_EQ((*steps)[2].region_prefix, "4403");
  EXPECT_EQ((*steps)[7].actor_login, "torch");
  // The corrected area has its whole history.
  auto h = svc_->History(guangdong_admin, v.ret.id, "Tdf7e02");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].old_value.value_or(""), "7000");
  EXPECT_EQ((*h)[1].new_value.value_or(""), "6800");
  // And the audit chain still verifies.
  std::optional<app::audit::AuditBreak> broken;
  t_.store->Read([&](app::Tx& tx) { broken = tx.audit().Verify(); });
  EXPECT_FALSE(broken.has_value());
  (void)fixed;
}

TEST_P(ReturnsWorkflowTest, SkipsLevelsThatDoNotExist) {
  struct Case {
    const char* name;
    const char* region;
    std::optional<std::string> zone;
    std::vector<ret::ReviewStop> path;
  };
  std::vector<Case> cases = {
      {"海淀孵化器",
       "110108",
       std::nullopt,
       {{"county", "110108"}, {"province", "11"}, {"national", ""}}},
      {"仙桃孵化器",
       "429004",
       std::nullopt,
       {{"county", "429004"}, {"province", "42"}, {"national", ""}}},
      {"东莞孵化器",
       "441900",
       std::nullopt,
       {{"city", "4419"}, {"province", "44"}, {"national", ""}}},
      {"石家庄高新区孵化器",
       "130102",
       std::string("130171"),
       {{"city", "1301"}, {"province", "13"}, {"national", ""}}},
      {"南山孵化器",
       "440305",
       std::nullopt,
       {{"county", "440305"}, {"city", "4403"}, {"province", "44"}, {"national", ""}}},
  };
  std::int64_t admin_id = 50;
  for (const auto& c : cases) {
    auto carrier = MakeCarrier(c.name, c.region, c.zone);
    auto d = svc_->Create(National(), carrier.id, 2024, "t");
    ASSERT_TRUE(d) << c.name << ": " << d.error().message_en;
    if (c.zone) {
      EXPECT_EQ(*Value(d->ret.values, "TDF716"), "true");
    }
    app::returns::ReturnEdit e;
    e.values["Tdf7b00"] = "100000000";
    auto filled = Fill(National(), *d, e);
    auto s = svc_->Submit(National(), d->ret.id, "t");
    ASSERT_TRUE(s) << c.name << ": " << s.error().message_en;
    EXPECT_EQ(s->ret.review_path, c.path) << c.name;
    // Walk it up: each stop's admin approves; the national stop accepts.
    for (const auto& stop : c.path) {
      Actor who = stop.level == "national" ? National() : Admin(stop.region_prefix, ++admin_id);
      auto ok = svc_->Approve(who, d->ret.id, "", "t");
      ASSERT_TRUE(ok) << c.name << " at " << stop.level << ": " << ok.error().message_en;
    }
    EXPECT_EQ(svc_->Get(National(), d->ret.id)->ret.status, "accepted") << c.name;
    (void)filled;
  }
}

TEST_P(ReturnsWorkflowTest, WarningsWithoutExplanationBlockSubmission) {
  auto v = NanshanDraft();
  Actor op = Operator(nanshan_);
  app::returns::ReturnEdit e;
  e.values["Tdf7f10"] = "0";  // team members fewer than teams: a warning
  auto w = Fill(op, v, e);
  ASSERT_EQ(w.findings.size(), 1u);
  EXPECT_EQ(w.findings[0].key, "team_members");
  auto refused = svc_->Submit(op, v.ret.id, "t");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().id, "return_checks_failed");
  EXPECT_EQ(refused.error().details.at("unexplained"), "team_members");
  app::returns::ReturnEdit explain;
  explain.explanations["team_members"] = "团队成员均为兼职，未计入";
  auto explained = Fill(op, w, explain);
  auto ok = svc_->Submit(op, v.ret.id, "t");
  ASSERT_TRUE(ok) << ok.error().message_en;
  EXPECT_EQ(ok->ret.explanations.at("team_members"), "团队成员均为兼职，未计入");
  // The explanation is in the history too (row -1).
  auto h = svc_->History(op, v.ret.id, "team_members");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].row_id, ret::kExplanationRow);
  (void)explained;
}

TEST_P(ReturnsWorkflowTest, ErrorsBlockSubmissionEvenWhenExplained) {
  auto v = NanshanDraft();
  Actor op = Operator(nanshan_);
  app::returns::ReturnEdit e;
  e.values["Tdf7e04"] = "2000";  // 7000 + 1500 + 2000 > 10000
  e.explanations["area_parts"] = "请忽略";
  Fill(op, v, e);
  auto refused = svc_->Submit(op, v.ret.id, "t");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().details.at("errors"), "area_parts");
  // Malformed values are refused and nothing is written.
  app::returns::ReturnEdit bad;
  bad.values["Tdf7e00"] = "-5";
  auto cur = svc_->Get(op, v.ret.id);
  auto st = svc_->Update(op, v.ret.id, cur->ret.version, false, bad, "t");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().id, "invalid_value");
  EXPECT_EQ(st.error().details.at("field"), "values.Tdf7e00");
  EXPECT_EQ(*Value(svc_->Get(op, v.ret.id)->ret.values, "Tdf7e00"), "10000");
  // A stale version is a conflict.
  app::returns::ReturnEdit ok;
  ok.values["Tdf7e04"] = "500";
  auto stale = svc_->Update(op, v.ret.id, cur->ret.version - 1, false, ok, "t");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().id, "stale_version");
}

TEST_P(ReturnsWorkflowTest, DeadlinesRefuseLateFilingUntilReopened) {
  auto v = NanshanDraft();
  Actor op = Operator(nanshan_);
  ret::Deadline d{2024, "incubator", "2025-01-01", "2025-01-05"};
  EXPECT_EQ(svc_->SetDeadline(Admin("44", 9), d, "t").error().code, core::ErrorCode::kForbidden);
  ASSERT_TRUE(svc_->SetDeadline(National(), d, "t"));
  ASSERT_EQ(svc_->Deadlines(2024).size(), 1u);
  auto late = svc_->Submit(op, v.ret.id, "t");  // today is 2025-01-10
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().id, "filing_closed");
  EXPECT_NE(late.error().message_zh.find("2025-01-05"), std::string::npos);
  EXPECT_EQ(svc_->Reopen(Admin("44", 9), v.ret.id, "2025-01-20", "故障", "t").error().code,
            core::ErrorCode::kForbidden);
  EXPECT_EQ(svc_->Reopen(National(), v.ret.id, "2025-01-20", "", "t").error().id,
            "reason_required");
  auto reopened = svc_->Reopen(National(), v.ret.id, "2025-01-20", "系统故障", "t");
  ASSERT_TRUE(reopened) << reopened.error().message_en;
  EXPECT_EQ(reopened->ret.reopened_until.value_or(""), "2025-01-20");
  ASSERT_TRUE(svc_->Submit(op, v.ret.id, "t"));
  // Moving the window later makes an unsubmitted draft too early.
  auto other = MakeCarrier("罗湖孵化器", "440303");
  auto draft = svc_->Create(National(), other.id, 2024, "t");
  ASSERT_TRUE(draft);
  ASSERT_TRUE(svc_->SetDeadline(National(), {2024, "incubator", "2025-02-01", "2025-02-20"}, "t"));
  EXPECT_EQ(svc_->Submit(National(), draft->ret.id, "t").error().id, "filing_not_open");
}

TEST_P(ReturnsWorkflowTest, YearOverYearComparesWithLastYearsReturn) {
  auto c = MakeCarrier("海淀孵化器", "110108");
  auto y23 = svc_->Create(National(), c.id, 2023, "t");
  ASSERT_TRUE(y23);
  app::returns::ReturnEdit e;
  e.values["Tdf7b00"] = "100000";  // 1 千元
  e.values["TDF714"] = "李四";
  Fill(National(), *y23, e);
  ASSERT_TRUE(svc_->Submit(National(), y23->ret.id, "t"));
  auto y24 = svc_->Create(National(), c.id, 2024, "t");
  ASSERT_TRUE(y24);
  EXPECT_EQ(*Value(y24->ret.values, "TDF714"), "李四");  // carried over from last year
  app::returns::ReturnEdit f;
  f.values["Tdf7b00"] = "100000000";  // 1000 千元: 1000× last year
  auto v = Fill(National(), *y24, f);
  EXPECT_TRUE(v.has_last_year);
  std::vector<std::string> keys;
  for (const auto& x : v.findings) keys.push_back(x.key);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "unit_slip:Tdf7b00"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "year_over_year:Tdf7b00"), keys.end());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReturnsWorkflowTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
