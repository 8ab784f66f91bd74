// The annual return as the first indicator source, on both databases: an accepted return's items
// are read (money fen → yuan) with the return and item named as the source; a submitted return
// that was not accepted, a return of a later year and a carrier without returns fall back to
// declared facts and registry records; a value from the return flips a verdict at the threshold;
// prior-year items and incubatee-row counts come from the right return.
#include "app/standards/return_source.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/json_codec.hpp"
#include "app/registry/service.hpp"
#include "app/standards/service.hpp"
#include "core/uscc.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace reg = domain::registry;
namespace ret = domain::returns;
namespace sa = app::standards;

app::Actor National() { return {1, "nat", app::Role::kNationalAdmin, app::Scope::National()}; }

app::Json Criterion(const sa::StoredVerdict& v, const std::string& id) {
  auto j = app::Json::parse(v.result_json);
  for (const auto& c : j["criteria"])
    if (c["id"] == id) return c;
  return nullptr;
}

std::string Source(const app::Json& criterion, const std::string& indicator) {
  for (const auto& v : criterion["values"])
    if (v["indicator"] == indicator) return v["source"];
  return "";
}

double Value(const app::Json& criterion, const std::string& indicator) {
  for (const auto& v : criterion["values"])
    if (v["indicator"] == indicator) return v["value"].get<double>();
  return -1;
}

class ReturnSourceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    const core::Clock& now = core::SystemClock::Instance();
    registry_ = std::make_unique<app::registry::RegistryService>(*t_.store, now);
    svc_ = std::make_unique<sa::StandardsService>(*t_.store, now);
    auto seeded = svc_->SeedShipped();
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message_en;
  }

  reg::Carrier Carrier(const std::string& name, const std::string& region) {
    reg::Carrier c;
    c.kind = "incubator";
    c.name = name;
    c.operator_uscc = core::MakeUscc("91" + region + fmt::format("{:09}", ++serial_));
    c.region_code = region;
    c.founded_on = "2015-03-01";
    c.specialization = "general";
    c.area_total_m2 = 12000;
    c.area_self_controlled_m2 = 12000;
    c.area_incubatee_m2 = 9600;
    auto r = registry_->CreateCarrier(app::Actor::Cli(), c, "t");
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message_en);
    return *r;
  }

  void Incubatee(std::int64_t carrier, const std::string& region) {
    reg::Enterprise e;
    e.name = fmt::format("企业{}", ++serial_);
    e.uscc = core::MakeUscc("91" + region + fmt::format("{:09}", serial_));
    e.founded_on = "2019-06-01";
    e.region_code = region;
    e.industry = "I65";
    e.employees = 10;
    auto ent = registry_->CreateEnterprise(app::Actor::Cli(), e, "t");
    ASSERT_TRUE(ent.has_value());
    reg::Incubation inc;
    inc.enterprise_id = ent->id;
    inc.carrier_id = carrier;
    inc.applied_on = "2022-03-01";
    auto applied = registry_->Apply(app::Actor::Cli(), inc, "t");
    ASSERT_TRUE(applied.has_value());
    ASSERT_TRUE(
        registry_->Transition(app::Actor::Cli(), applied->id, "admitted", "2022-03-01", "t"));
    ASSERT_TRUE(
        registry_->Transition(app::Actor::Cli(), applied->id, "incubating", "2022-03-01", "t"));
  }

  // A return of `year` in `status` with carrier-form values and incubatee rows (row id → values).
  void Return(std::int64_t carrier, int year, const std::string& status,
              const std::map<std::string, std::string>& values,
              const std::map<std::int64_t, std::map<std::string, std::string>>& rows = {}) {
    auto st = t_.store->Write([&](app::Tx& tx) -> core::Status {
      ret::AnnualReturn r;
      r.carrier_id = carrier;
      r.year = year;
      r.kind = "incubator";
      r.status = status;
      r.created_at = r.updated_at = fmt::format("{}-03-01T00:00:00Z", year + 1);
      tx.returns().Insert(r);
      if (status == ret::kStatusAccepted) {
        r.accepted_at = fmt::format("{}-05-01T00:00:00Z", year + 1);
        EXPECT_TRUE(tx.returns().UpdateHeader(r, r.version));
      }
      for (const auto& [code, v] : values) tx.returns().SetValue(r.id, 0, code, v);
      for (const auto& [row, vs] : rows)
        for (const auto& [code, v] : vs) tx.returns().SetValue(r.id, row, code, v);
      return {};
    });
    ASSERT_TRUE(st.has_value());
  }

  sa::StoredVerdict Evaluate(std::int64_t id, const std::string& as_of) {
    auto v = svc_->EvaluateSubject(National(), {"RS-MOST-2018", std::nullopt, "carrier", id, as_of},
                                   "t");
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message_en);
    return v ? *v : sa::StoredVerdict{};
  }

  // The values the default sources give one carrier on a date.
  domain::standards::IndicatorValues Values(const reg::Carrier& c, const std::string& as_of) {
    std::vector<domain::standards::IndicatorValues> out(1);
    t_.store->Read([&](app::Tx& tx) {
      for (auto& src : sa::DefaultIndicatorSources()) src->FillCarriers(tx, {c}, as_of, out);
    });
    return out[0];
  }

  testing::TestDb t_;
  std::unique_ptr<app::registry::RegistryService> registry_;
  std::unique_ptr<sa::StandardsService> svc_;
  int serial_ = 0;
};

TEST_P(ReturnSourceTest, AcceptedReturnIsReadAndOthersFallBack) {
  auto with = Carrier("深圳湾孵化器", "440305");
  auto submitted_only = Carrier("南山孵化器", "440305");
  auto without = Carrier("福田孵化器", "440304");
  for (auto id : {with.id, submitted_only.id, without.id}) Incubatee(id, "440305");
  Return(with.id, 2022, ret::kStatusAccepted, {{"Tdf7f00", "20"}, {"Tdf7d20", "1"}});
  Return(with.id, 2024, ret::kStatusAccepted,
         {{"Tdf7f00", "60"}, {"Tdf7d20", "6"}, {"Tdf7c60", "750000000"}});
  // A later return still under review is not read.
  Return(with.id, 2025, ret::kStatusSubmitted, {{"Tdf7f00", "3"}, {"Tdf7c60", "100"}});
  Return(submitted_only.id, 2024, ret::kStatusSubmitted, {{"Tdf7f00", "70"}});

  auto v = Evaluate(with.id, "2025-06-30");
  auto n6a = Criterion(v, "N6a");
  EXPECT_DOUBLE_EQ(n6a["value"].get<double>(), 60);
  EXPECT_EQ(Source(n6a, "incubatees"), "2024年度统计年报 (已受理) 表项 Tdf7f00");
  auto n3a = Criterion(v, "N3a");
  EXPECT_DOUBLE_EQ(n3a["value"].get<double>(), 7'500'000);  // 750,000,000 fen in yuan
  EXPECT_EQ(Source(n3a, "seed_fund_cny"), "2024年度统计年报 (已受理) 表项 Tdf7c60");
  EXPECT_EQ(Source(Criterion(v, "N4c"), "mentors"), "2024年度统计年报 (已受理) 表项 Tdf7d20");
  // An item the return leaves empty comes from the registry.
  EXPECT_EQ(Source(Criterion(v, "N2a"), "self_controlled_area_m2"), "records:carrier");

  // Evaluated in 2023, the 2024 return did not exist yet: the 2022 one is the latest.
  auto early = Criterion(Evaluate(with.id, "2023-06-30"), "N6a");
  EXPECT_DOUBLE_EQ(early["value"].get<double>(), 20);
  EXPECT_EQ(Source(early, "incubatees"), "2022年度统计年报 (已受理) 表项 Tdf7f00");
  // Before any accepted return: the registry.
  auto before = Criterion(Evaluate(with.id, "2021-06-30"), "N6a");
  EXPECT_EQ(Source(before, "incubatees"), "records:incubations");

  for (const auto& c : {submitted_only, without}) {
    auto n = Criterion(Evaluate(c.id, "2025-06-30"), "N6a");
    EXPECT_DOUBLE_EQ(n["value"].get<double>(), 1) << c.name;
    EXPECT_EQ(Source(n, "incubatees"), "records:incubations") << c.name;
  }
  // A declared fact fills what the return does not carry, and gives way to what it does.
  {
    std::vector<sa::CarrierFact> facts = {{0, "mentors", "2025-01-01", 9, "test", "", ""},
                                          {0, "fund_use_cases", "2025-01-01", 4, "test", "", ""}};
    ASSERT_TRUE(svc_->PutFacts(National(), with.id, facts, "t").has_value());
    auto v2 = Evaluate(with.id, "2025-06-30");
    EXPECT_DOUBLE_EQ(Value(Criterion(v2, "N4c"), "mentors"), 6);
    EXPECT_EQ(Source(Criterion(v2, "N3c"), "fund_use_cases"), "declared:2025-01-01 (test)");
  }
}

// 300号 N6a (at least 50 incubatees) and N3a (a fund of at least 5,000,000 yuan): the registry
// knows of one incubatee, the returns decide.
TEST_P(ReturnSourceTest, AReturnValueFlipsTheVerdictAtTheThreshold) {
  auto at = Carrier("达标孵化器", "440305");
  auto below = Carrier("差一点孵化器", "440305");
  for (auto id : {at.id, below.id}) Incubatee(id, "440305");
  EXPECT_EQ(Criterion(Evaluate(at.id, "2025-06-30"), "N6a")["outcome"], "fail");
  Return(at.id, 2024, ret::kStatusAccepted, {{"Tdf7f00", "50"}, {"Tdf7c60", "500000000"}});
  Return(below.id, 2024, ret::kStatusAccepted, {{"Tdf7f00", "49"}, {"Tdf7c60", "499999900"}});

  auto va = Evaluate(at.id, "2025-06-30");
  EXPECT_EQ(Criterion(va, "N6a")["outcome"], "pass");
  EXPECT_DOUBLE_EQ(Criterion(va, "N6a")["margin"].get<double>(), 0);
  EXPECT_EQ(Criterion(va, "N3a")["outcome"], "pass");
  EXPECT_DOUBLE_EQ(Criterion(va, "N3a")["margin"].get<double>(), 0);

  auto vb = Evaluate(below.id, "2025-06-30");
  EXPECT_EQ(Criterion(vb, "N6a")["outcome"], "fail");
  EXPECT_DOUBLE_EQ(Criterion(vb, "N6a")["margin"].get<double>(), -1);
  EXPECT_EQ(Criterion(vb, "N3a")["outcome"], "fail");
  EXPECT_DOUBLE_EQ(Criterion(vb, "N3a")["margin"].get<double>(), -1);  // one yuan short
}

TEST_P(ReturnSourceTest, PriorYearItemsAndIncubateeRowsComeFromTheRightReturn) {
  auto c = Carrier("前海孵化器", "440305");
  Return(c.id, 2023, ret::kStatusAccepted,
         {{"Tdf7b00", "300000000"}, {"Tdf7b04", "100000000"}, {"Tdf7f03", "1000000"}});
  // Rows: a mentored firm over 1000万元 with valid IP, a mentored one without, and a graduate
  // that is not counted among the incubatees.
  Return(c.id, 2024, ret::kStatusAccepted,
         {{"Tdf7b00", "400000000"},
          {"Tdf7b04", "150000000"},
          {"Tdf7f03", "3000000"},
          {"Tdf7e02", "8000"},
          {"Tdf7e03", "1500.5"}},
         {{101, {{"I09", "true"}, {"I19", "1000000100"}, {"I25e", "3"}, {"I23", "12345"}}},
          {102, {{"I09", "true"}, {"I19", "1000000000"}, {"I25e", "0"}}},
          {103, {{"I10", "true"}, {"I09", "true"}, {"I19", "5000000000"}, {"I25e", "9"}}}});
  auto v = Values(c, "2025-06-30");
  auto val = [&](const char* id) { return v.values.at(id).value; };
  auto src = [&](const char* id) { return v.values.at(id).source; };
  EXPECT_DOUBLE_EQ(val("total_income_last_year_cny"), 4'000'000);
  EXPECT_EQ(src("total_income_last_year_cny"), "2024年度统计年报 (已受理) 表项 Tdf7b00");
  EXPECT_DOUBLE_EQ(val("total_income_prev_year_cny"), 3'000'000);
  EXPECT_EQ(src("total_income_prev_year_cny"), "2023年度统计年报 (已受理) 表项 Tdf7b00");
  EXPECT_DOUBLE_EQ(val("property_fee_income_last_year_cny"), 1'500'000);
  EXPECT_DOUBLE_EQ(val("rent_income_last_year_cny"), 0);
  EXPECT_DOUBLE_EQ(val("incubatee_revenue_cny"), 30'000);
  EXPECT_DOUBLE_EQ(val("incubatee_revenue_prev_year_cny"), 10'000);
  EXPECT_DOUBLE_EQ(val("incubatee_used_area_m2"), 9500.5);
  EXPECT_EQ(src("incubatee_used_area_m2"), "2024年度统计年报 (已受理) 表项 Tdf7e02+Tdf7e03");
  EXPECT_DOUBLE_EQ(val("incubatees_with_mentor"), 2);
  EXPECT_EQ(src("incubatees_with_mentor"), "2024年度统计年报 (已受理) 在孵企业表 I09 (2行)");
  EXPECT_DOUBLE_EQ(val("incubatees_revenue_over_10m"), 1);
  EXPECT_DOUBLE_EQ(val("incubatees_with_valid_ip"), 1);
  EXPECT_DOUBLE_EQ(val("incubatee_valid_ip_items"), 3);
  EXPECT_DOUBLE_EQ(val("incubatee_taxes_cny"), 123.45);
  // Evaluated in 2026 the 2024 return is the year before last: no "last year" items.
  auto later = Values(c, "2026-06-30");
  EXPECT_EQ(later.values.count("total_income_last_year_cny"), 0u);
  EXPECT_DOUBLE_EQ(later.values.at("total_income_prev_year_cny").value, 4'000'000);
  EXPECT_DOUBLE_EQ(later.values.at("incubatee_revenue_cny").value, 30'000);
}

// Every mapping names a catalogue item and an indicator, and money goes to yuan indicators.
TEST(ReturnSourceMapping, EveryMappingNamesKnownItemsWithMatchingUnits) {
  namespace dst = domain::standards;
  for (const auto& m : sa::FormItemMappings()) {
    const auto* ind = dst::FindIndicator(m.indicator);
    ASSERT_NE(ind, nullptr) << m.indicator;
    EXPECT_EQ(ind->subject, dst::Subject::kCarrier) << m.indicator;
    for (const auto& code : m.codes) {
      const auto* f = ret::FindField(ret::Form::kCarrier, code);
      ASSERT_NE(f, nullptr) << code;
      bool money = f->type == ret::FieldType::kMoney;
      EXPECT_EQ(money, ind->unit.Base() == dst::Dimension::kCny) << m.indicator << " " << code;
    }
  }
  for (const auto& m : sa::IncubateeRowMappings()) {
    const auto* ind = dst::FindIndicator(m.indicator);
    ASSERT_NE(ind, nullptr) << m.indicator;
    const auto* f = ret::FindField(ret::Form::kIncubatee, m.code);
    ASSERT_NE(f, nullptr) << m.code;
    if (m.aggregate == sa::RowAggregate::kSum) {
      EXPECT_EQ(f->type == ret::FieldType::kMoney, ind->unit.Base() == dst::Dimension::kCny)
          << m.indicator;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ReturnSourceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
