// Bulk import and export of annual returns on both databases, through the generic pipeline: a
// good file creates drafts with amounts in fen and a history whose source is the import job;
// re-import is idempotent; bad rows (unknown carrier, bad number, area parts over the total, a
// submitted return, per-row checks of the incubatee form) are reported with row, column and
// reason and nothing is written; skip-bad writes the good rows; scope for carrier operators and
// region admins; the export re-imports unchanged.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>

#include "app/io/export.hpp"
#include "app/io/importer.hpp"
#include "app/returns/service.hpp"
#include "domain/io/csv.hpp"
#include "domain/io/return_spec.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace fs = std::filesystem;
using app::Actor;
using app::Role;
using app::Scope;
using domain::io::RowError;

fs::path DataDir() {
  const char* dir = std::getenv("INCUNET_SOURCE_DIR");
  fs::path root = dir ? fs::path(dir)
                      : fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  return root / "tests/data/import";
}

struct Outcome {
  app::io::ImportJob job;
  std::vector<RowError> errors;
};

// Headers as the template writes them (the spec is the single source of the Chinese names).
const std::string kHeader =
    "载体编码,统计年度,总收入（千元）,净利润（千元）,建筑总面积（平方米）,其中：办公用房（平方米）,"
    "其中：在孵企业用房（平方米）,管理机构从业人员（人）,是否国家级,在孵企业数（家）,"
    "在孵企业从业人员（人）\n";

class ReturnImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    for (auto [entity, file] : {std::pair{"carriers", "carriers_ok.csv"},
                                {"enterprises", "enterprises_ok.csv"},
                                {"incubations", "incubations_ok.csv"}}) {
      auto src = app::io::FileSource((DataDir() / file).string());
      auto o = Import(entity, *src);
      ASSERT_EQ(o.job.status, "succeeded") << entity << Dump(o);
    }
    ns_id_ = std::stoll(One("SELECT id FROM carriers WHERE code = 'NS-001'"));
  }

  Outcome Import(const std::string& entity, const app::io::ByteSource& src, bool skip_bad = false,
                 const Actor& actor = Actor::Cli()) {
    Outcome out;
    app::io::ImportRequest req;
    req.entity = entity;
    req.skip_bad = skip_bad;
    req.batch_size = 2;  // several batches even for small files
    app::io::ImportHooks hooks;
    hooks.on_error = [&](const RowError& e) { out.errors.push_back(e); };
    out.job = app::io::RunImport(*t_.store, src, actor, req, hooks, core::SystemClock::Instance());
    return out;
  }
  Outcome Import(const std::string& entity, const std::string& csv, bool skip_bad = false,
                 const Actor& actor = Actor::Cli()) {
    return Import(entity, *app::io::StringSource(csv), skip_bad, actor);
  }

  std::string One(const std::string& sql) {
    soci::session s(t_.db->pool());
    std::string v;
    soci::indicator ind;
    s << sql, soci::into(v, ind);
    return ind == soci::i_ok ? v : "";
  }
  std::int64_t Count(const std::string& table) {
    return std::stoll(One("SELECT CAST(COUNT(*) AS TEXT) FROM " + table));
  }
  std::map<std::string, std::int64_t> Counts() {
    std::map<std::string, std::int64_t> m;
    for (const char* t : {"annual_returns", "return_values", "return_values_history"})
      m[t] = Count(t);
    return m;
  }
  std::string Value(const std::string& carrier, int year, const std::string& code,
                    const std::string& row = "0") {
    return One(
        "SELECT v.value FROM return_values v JOIN annual_returns r ON r.id = v.return_id "
        "JOIN carriers c ON c.id = r.carrier_id WHERE c.code = '" +
        carrier + "' AND r.year = " + std::to_string(year) + " AND v.row_id = " + row +
        " AND v.code = '" + code + "'");
  }

  static bool Has(const Outcome& o, std::int64_t row, const std::string& column,
                  const std::string& code) {
    for (const auto& e : o.errors)
      if (e.row == row && e.column == column && e.code == code && !e.message_zh.empty() &&
          !e.message_en.empty())
        return true;
    return false;
  }
  static std::string Dump(const Outcome& o) {
    std::string s = o.job.status + " " + o.job.message_en + "\n";
    for (const auto& e : o.errors)
      s += std::to_string(e.row) + " [" + e.column + "] " + e.code + " " + e.message_en + "\n";
    return s;
  }

  std::vector<std::vector<std::string>> Export(const Actor& a, const std::string& entity) {
    std::vector<std::vector<std::string>> rows;
    auto st = app::io::ExportRows(
        *t_.store, a, {entity, ""}, [&](const std::vector<std::string>& r) { rows.push_back(r); },
        1);
    EXPECT_TRUE(st.has_value());
    return rows;
  }

  testing::TestDb t_;
  std::int64_t ns_id_ = 0;
};

const std::string kGood = kHeader +
                          "NS-001,2025,1234.5,-12.75,12000,2000,8000,10,是,2,30\n"
                          "HD-001,2025,800,0,5000,1000,3000,6,否,,\n";

TEST_P(ReturnImportTest, TemplateHeadersAreUniqueAndCarryUnits) {
  for (const char* e : {"returns", "return_incubatees"}) {
    const auto* s = domain::io::FindEntitySpec(e);
    ASSERT_NE(s, nullptr) << e;
    std::set<std::string> seen;
    for (const auto& h : domain::io::HeaderRow(*s)) EXPECT_TRUE(seen.insert(h).second) << h;
  }
  const auto& inc = *domain::io::FindEntitySpec("return_incubatees");
  EXPECT_EQ(inc.Column("I25b").header_zh, "当年知识产权申请数—其中：发明专利（件）");
  EXPECT_EQ(domain::io::FindEntitySpec("returns")->Column("Tdf7b00").header_zh, "总收入（千元）");
}

TEST_P(ReturnImportTest, GoodFileCreatesDraftsInFenWithImportHistory) {
  auto o = Import("returns", kGood);
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.inserted, 2);
  EXPECT_EQ(Count("annual_returns"), 2);
  EXPECT_EQ(One("SELECT status FROM annual_returns r JOIN carriers c ON c.id = r.carrier_id "
                "WHERE c.code = 'NS-001' AND r.year = 2025"),
            "draft");
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7b00"), "123450000");  // 1234.5 千元 in fen
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7b10"), "-1275000");   // a loss
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7e00"), "12000");
  EXPECT_EQ(Value("NS-001", 2025, "TDF721"), "true");
  EXPECT_EQ(Value("HD-001", 2025, "TDF721"), "false");
  EXPECT_EQ(Value("HD-001", 2025, "Tdf7f00"), "");  // empty cell: no value
  // Every value has a history row naming the import job as its source.
  std::string source = "import:" + std::to_string(o.job.id);
  EXPECT_EQ(Count("return_values_history"), Count("return_values"));
  EXPECT_EQ(One("SELECT CAST(COUNT(*) AS TEXT) FROM return_values_history WHERE source = '" +
                source + "' AND actor_login = 'cli'"),
            std::to_string(Count("return_values")));
  // The service shows the same history, and one audit row covers the whole job.
  app::returns::ReturnsService svc(*t_.store, core::SystemClock::Instance());
  auto id =
      std::stoll(One("SELECT id FROM annual_returns WHERE carrier_id = " + std::to_string(ns_id_)));
  auto h = svc.History(Actor::Cli(), id, "Tdf7b00");
  ASSERT_TRUE(h.has_value());
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].source, source);
  EXPECT_EQ((*h)[0].new_value, "123450000");
  EXPECT_EQ(One("SELECT CAST(COUNT(*) AS TEXT) FROM audit_log WHERE action = 'import.returns'"),
            "1");
}

TEST_P(ReturnImportTest, ReimportIsIdempotentAndChangesUpdateWithHistory) {
  ASSERT_EQ(Import("returns", kGood).job.status, "succeeded");
  auto before = Counts();
  auto again = Import("returns", kGood);
  ASSERT_EQ(again.job.status, "succeeded") << Dump(again);
  EXPECT_EQ(again.job.counts.unchanged, 2);
  EXPECT_EQ(again.job.counts.inserted + again.job.counts.updated, 0);
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(One("SELECT CAST(version AS TEXT) FROM annual_returns WHERE carrier_id = " +
                std::to_string(ns_id_)),
            "1");
  // Only the columns in the file are touched; an empty cell clears the value.
  auto upd = Import("returns",
                    "载体编码,统计年度,总收入（千元）,净利润（千元）\n"
                    "NS-001,2025,1300.00001,\n");
  ASSERT_EQ(upd.job.status, "succeeded") << Dump(upd);
  EXPECT_EQ(upd.job.counts.updated, 1);
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7b00"), "130000001");
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7b10"), "");
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7e00"), "12000");
  EXPECT_EQ(One("SELECT CAST(version AS TEXT) FROM annual_returns WHERE carrier_id = " +
                std::to_string(ns_id_)),
            "2");
  EXPECT_EQ(One("SELECT old_value FROM return_values_history WHERE code = 'Tdf7b00' AND "
                "new_value = '130000001'"),
            "123450000");
  EXPECT_EQ(One("SELECT old_value FROM return_values_history WHERE code = 'Tdf7b10' AND "
                "new_value IS NULL"),
            "-1275000");
}

TEST_P(ReturnImportTest, BadRowsAreReportedWithColumnAndNothingIsWritten) {
  ASSERT_EQ(Import("returns", kGood).job.status, "succeeded");
  // FT-001's 2025 return is submitted through the service.
  ASSERT_EQ(Import("returns", kHeader + "FT-001,2025,500,10,800,100,500,3,否,2,10\n").job.status,
            "succeeded");
  ASSERT_EQ(Import("returns", "载体编码,统计年度,名称\nFT-001,2025,丰台众创空间\n").job.status,
            "succeeded");
  app::returns::ReturnsService svc(*t_.store, core::SystemClock::Instance());
  auto ft =
      std::stoll(One("SELECT r.id FROM annual_returns r JOIN carriers c ON c.id = "
                     "r.carrier_id WHERE c.code = 'FT-001'"));
  auto sub = svc.Submit(Actor::Cli(), ft, "t");
  ASSERT_TRUE(sub.has_value()) << sub.error().message_en;
  auto before = Counts();

  std::string bad = kHeader +
                    "XX-404,2025,1,1,1,0,0,1,否,,\n"              // 2: unknown carrier
                    "NS-001,2025,12a,0,100,0,0,1,否,,\n"          // 3: bad number
                    "HD-001,2025,800,0,5000,3000,2500,6,否,,\n"   // 4: area parts > total
                    "FT-001,2025,600,10,800,100,500,3,否,2,10\n"  // 5: submitted return
                    "NS-001,1980,1,1,1,0,0,1,否,,\n"              // 6: year out of range
                    "HD-001,2024,1.000001,0,10,0,0,1,否,,\n"      // 7: finer than a fen
                    "HD-001,2023,1,1,1,0,0,1,否,,\n";             // 8: good
  auto o = Import("returns", bad);
  EXPECT_EQ(o.job.status, "failed");
  EXPECT_EQ(o.job.counts.rejected, 6) << Dump(o);
  EXPECT_TRUE(Has(o, 2, "载体编码", "unknown_carrier")) << Dump(o);
  EXPECT_TRUE(Has(o, 3, "总收入（千元）", "invalid_number")) << Dump(o);
  EXPECT_TRUE(Has(o, 4, "其中：办公用房（平方米）", "area_parts")) << Dump(o);
  EXPECT_TRUE(Has(o, 5, "统计年度", "return_not_editable")) << Dump(o);
  EXPECT_TRUE(Has(o, 6, "统计年度", "invalid_year")) << Dump(o);
  EXPECT_TRUE(Has(o, 7, "总收入（千元）", "invalid_amount")) << Dump(o);
  for (const auto& e : o.errors)
    if (e.row == 5) {
      EXPECT_NE(e.message_zh.find("已提交"), std::string::npos) << e.message_zh;
    }
  EXPECT_EQ(Counts(), before);

  // The identical row of the submitted return is not a change, so it is no error.
  auto same = Import("returns", kHeader + "FT-001,2025,500,10,800,100,500,3,否,2,10\n");
  EXPECT_EQ(same.job.status, "succeeded") << Dump(same);
  EXPECT_EQ(same.job.counts.unchanged, 1);

  // skip-bad writes exactly the good row.
  auto skip = Import("returns", bad, true);
  ASSERT_EQ(skip.job.status, "succeeded") << Dump(skip);
  EXPECT_EQ(skip.job.counts.inserted, 1);
  EXPECT_EQ(skip.job.counts.rejected, 6);
  EXPECT_EQ(Count("annual_returns"), before["annual_returns"] + 1);
  EXPECT_EQ(Value("HD-001", 2023, "Tdf7b00"), "100000");
  EXPECT_EQ(Value("HD-001", 2025, "Tdf7e01"), "1000");  // the bad row 4 left it alone
}

TEST_P(ReturnImportTest, WarningsAreReportedButDoNotBlock) {
  // 在孵企业从业人员 (1) fewer than 在孵企业数 (5): a warning that needs an explanation later.
  auto o = Import("returns", kHeader + "NS-001,2025,1000,0,100,0,0,1,否,5,1\n");
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.inserted, 1);
  EXPECT_TRUE(Has(o, 2, "在孵企业从业人员（人）", "warning_incubatee_employees")) << Dump(o);
  EXPECT_EQ(Value("NS-001", 2025, "Tdf7f00"), "5");
  // Counted as warnings, not errors, in the job and in the job row the API reads.
  EXPECT_EQ(o.job.errors_total, 0);
  EXPECT_GE(o.job.warnings_total, 1);
  std::optional<app::io::ImportJob> stored;
  t_.store->Read([&](app::Tx& tx) { stored = tx.io().FindJob(o.job.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->errors_total, 0);
  EXPECT_EQ(stored->warnings_total, o.job.warnings_total);
}

TEST_P(ReturnImportTest, ScopeLimitsOperatorsAndRegionAdmins) {
  Actor op{21, "ns-op", Role::kCarrierOperator, Scope{}};
  op.scope.kind = Scope::Kind::kCarriers;
  op.scope.carrier_ids = {ns_id_};
  auto o = Import("returns", kGood, false, op);
  EXPECT_EQ(o.job.status, "failed");
  EXPECT_TRUE(Has(o, 3, "载体编码", "out_of_scope")) << Dump(o);
  EXPECT_FALSE(Has(o, 2, "载体编码", "out_of_scope")) << Dump(o);
  EXPECT_EQ(Count("annual_returns"), 0);
  // With skip-bad the operator writes its own carrier's return only.
  auto own = Import("returns", kGood, true, op);
  ASSERT_EQ(own.job.status, "succeeded") << Dump(own);
  EXPECT_EQ(own.job.counts.inserted, 1);
  EXPECT_EQ(One("SELECT actor_login FROM return_values_history WHERE code = 'Tdf7b00'"), "ns-op");

  Actor beijing{7, "beijing", Role::kRegionAdmin, Scope::Region("11")};
  auto bj = Import("returns", kGood, false, beijing);
  EXPECT_TRUE(Has(bj, 2, "载体编码", "out_of_scope")) << Dump(bj);
  EXPECT_FALSE(Has(bj, 3, "载体编码", "out_of_scope")) << Dump(bj);
  // Other kinds of scope cover no carrier at all (fails closed).
  Actor member{9, "member", Role::kEnterpriseMember, Scope{}};
  member.scope.kind = Scope::Kind::kEnterprises;
  auto m = Import("returns", kGood, false, member);
  EXPECT_TRUE(Has(m, 2, "载体编码", "out_of_scope")) << Dump(m);
  EXPECT_TRUE(Has(m, 3, "载体编码", "out_of_scope")) << Dump(m);
  EXPECT_EQ(Count("annual_returns"), 1);

  // The export shows each caller its own returns only.
  ASSERT_EQ(Import("returns", kGood).job.status, "succeeded");
  EXPECT_EQ(Export(Actor::Cli(), "returns").size(), 3u);  // header + 2
  auto mine = Export(op, "returns");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[1][0], "NS-001");
  auto theirs = Export(beijing, "returns");
  ASSERT_EQ(theirs.size(), 2u);
  EXPECT_EQ(theirs[1][0], "HD-001");
  EXPECT_EQ(Export(member, "returns").size(), 1u);
}

TEST_P(ReturnImportTest, IncubateeRowsByUsccOrTeamWithRowChecks) {
  const std::string header =
      "载体编码,统计年度,企业统一社会信用代码,团队名称,从业人员（人）,其中：博士（人）,"
      "总收入（千元）,是否毕业企业\n";
  auto bad = Import("return_incubatees",
                    header +
                        "NS-001,2025,91440305000000101F,,25,30,100,否\n"  // 2: doctorates > staff
                        "FT-001,2025,,无此团队,3,0,0,否\n"                // 3: unknown team
                        "NS-001,2025,,,3,0,0,否\n"                        // 4: no enterprise key
                        "FT-001,2025,,星链创业团队,4,0,0,否\n");          // 5: good
  EXPECT_EQ(bad.job.status, "failed");
  EXPECT_TRUE(Has(bad, 2, "其中：博士（人）", "row_doctorates")) << Dump(bad);
  EXPECT_TRUE(Has(bad, 3, "团队名称", "not_an_incubatee")) << Dump(bad);
  EXPECT_TRUE(Has(bad, 4, "企业统一社会信用代码", "enterprise_key")) << Dump(bad);
  EXPECT_EQ(Count("annual_returns"), 0);

  std::string good = header +
                     "NS-001,2025,91440305000000101F,,25,3,100.25,否\n"
                     "FT-001,2025,,星链创业团队,4,0,0,否\n";
  auto o = Import("return_incubatees", good);
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.inserted, 2);
  EXPECT_EQ(Count("annual_returns"), 2);  // the drafts were created
  std::string firm =
      One("SELECT CAST(id AS TEXT) FROM enterprises WHERE uscc = "
          "'91440305000000101F'");
  EXPECT_EQ(Value("NS-001", 2025, "I24", firm), "25");
  EXPECT_EQ(Value("NS-001", 2025, "I19", firm), "10025000");
  EXPECT_EQ(Value("NS-001", 2025, "I02", firm), "91440305000000101F");
  EXPECT_EQ(Value("NS-001", 2025, "I01", firm), "深圳慧芯科技有限公司");
  std::string team = One("SELECT CAST(id AS TEXT) FROM enterprises WHERE name = '星链创业团队'");
  EXPECT_EQ(Value("FT-001", 2025, "I01", team), "星链创业团队");
  auto again = Import("return_incubatees", good);
  ASSERT_EQ(again.job.status, "succeeded") << Dump(again);
  EXPECT_EQ(again.job.counts.unchanged, 2);
}

TEST_P(ReturnImportTest, ExportReimportsUnchanged) {
  ASSERT_EQ(Import("returns", kGood).job.status, "succeeded");
  ASSERT_EQ(Import("return_incubatees",
                   "载体编码,统计年度,企业统一社会信用代码,团队名称,从业人员（人）,"
                   "获天使或风险投资额（千元）,是否高新技术企业,成立时间\n"
                   "NS-001,2025,91440305000000101F,,25,0.01,是,2019-04-01\n"
                   "FT-001,2025,,星链创业团队,4,,否,\n")
                .job.status,
            "succeeded");
  auto before = Counts();
  // Three returns (FT-001's was created by its incubatee row) and two incubatee rows.
  for (auto [entity, n] : {std::pair{"returns", 3}, {"return_incubatees", 2}}) {
    auto rows = Export(Actor::Cli(), entity);
    ASSERT_EQ(rows.size(), n + 1u) << entity;
    std::string csv;
    for (const auto& r : rows) csv += domain::io::CsvLine(r);
    auto o = Import(entity, csv);
    EXPECT_EQ(o.job.status, "succeeded") << entity << Dump(o);
    EXPECT_EQ(o.job.counts.unchanged, n) << entity << Dump(o);
  }
  EXPECT_EQ(Counts(), before);
  auto rows = Export(Actor::Cli(), "returns");
  const auto& spec = *domain::io::FindEntitySpec("returns");
  EXPECT_EQ(rows[1][spec.At("Tdf7b00")], "1234.500");  // 千元, as on the form
  EXPECT_EQ(rows[1][spec.At("Tdf7b10")], "-12.750");
  EXPECT_EQ(rows[1][spec.At("TDF721")], "是");
  auto inc = Export(Actor::Cli(), "return_incubatees");
  const auto& ispec = *domain::io::FindEntitySpec("return_incubatees");
  EXPECT_EQ(inc[1][ispec.At("I16")], "0.010");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReturnImportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
