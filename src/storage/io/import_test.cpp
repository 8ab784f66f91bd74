// Bulk import and export on both databases: the broken-file corpus of tests/data/import gives
// precise errors and writes nothing; GB18030 input; quotes and line breaks inside fields;
// idempotent re-import; skip-bad with a rejects list; 64 MB of junk generated here; scoped export.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "app/io/export.hpp"
#include "app/io/importer.hpp"
#include "app/io/jobs.hpp"
#include "core/dates.hpp"
#include "core/uscc.hpp"
#include "domain/io/csv.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;
namespace fs = std::filesystem;
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
  std::vector<std::vector<std::string>> rejects;  // header first
};

class ImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { t_ = testing::OpenTestDb(GetParam()); }

  Outcome Import(const std::string& entity, const app::io::ByteSource& src, bool skip_bad = false,
                 const app::Actor& actor = app::Actor::Cli()) {
    Outcome out;
    app::io::ImportRequest req;
    req.entity = entity;
    req.skip_bad = skip_bad;
    req.batch_size = 2;  // several batches even for small files
    app::io::ImportHooks hooks;
    hooks.on_error = [&](const RowError& e) { out.errors.push_back(e); };
    hooks.on_reject_header = [&](const std::vector<std::string>& h) { out.rejects.push_back(h); };
    hooks.on_reject = [&](const domain::io::CsvRecord& r, const std::vector<RowError>& errs) {
      auto f = r.fields;
      f.push_back(errs.empty() ? "" : errs.front().code);
      out.rejects.push_back(f);
    };
    out.job = app::io::RunImport(*t_.store, src, actor, req, hooks, core::SystemClock::Instance());
    return out;
  }

  Outcome ImportFile(const std::string& entity, const std::string& file, bool skip_bad = false) {
    auto src = app::io::FileSource((DataDir() / file).string());
    return Import(entity, *src, skip_bad);
  }

  std::int64_t Count(const std::string& table) {
    soci::session s(t_.db->pool());
    long long n = 0;
    s << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }

  std::string One(const std::string& sql) {
    soci::session s(t_.db->pool());
    std::string v;
    soci::indicator ind;
    s << sql, soci::into(v, ind);
    return ind == soci::i_ok ? v : "";
  }

  std::map<std::string, std::int64_t> Counts() {
    std::map<std::string, std::int64_t> m;
    for (const char* tb : {"carriers", "recognitions", "overseas_sites", "enterprises",
                           "incubations", "qualifications", "listings", "enterprise_team_keys"})
      m[tb] = Count(tb);
    return m;
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

  void ImportAllOk() {
    for (auto [entity, file] : {std::pair{"carriers", "carriers_ok.csv"},
                                {"recognitions", "recognitions_ok.csv"},
                                {"enterprises", "enterprises_ok.csv"},
                                {"incubations", "incubations_ok.csv"},
                                {"qualifications", "qualifications_ok.csv"},
                                {"listings", "listings_ok.csv"}}) {
      auto o = ImportFile(entity, file);
      ASSERT_EQ(o.job.status, "succeeded") << entity << ": " << Dump(o);
    }
  }

  testing::TestDb t_;
};

TEST_P(ImportTest, ImportsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto o = ImportFile("carriers", "carriers_ok.csv");
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.rows, 3);
  EXPECT_EQ(o.job.counts.inserted, 3);
  EXPECT_EQ(o.job.encoding, "utf-8");
  EXPECT_EQ(o.job.file_sha256.size(), 64u);
  EXPECT_EQ(One("SELECT address FROM carriers WHERE code = 'NS-001'"),
            "南山区科技园,\"创业\"大厦\n3楼");
  EXPECT_EQ(One("SELECT name FROM carriers WHERE code = 'NS-001'"), "深圳湾科技创业孵化器（1号）");
  EXPECT_EQ(One("SELECT founded_on FROM carriers WHERE code = 'HD-001'"), "2010-03-05");
  EXPECT_EQ(One("SELECT founded_on FROM carriers WHERE code = 'FT-001'"), "2018-06-01");
  EXPECT_EQ(One("SELECT kind FROM carriers WHERE code = 'FT-001'"), "makerspace");
  EXPECT_EQ(One("SELECT specialization FROM carriers WHERE code = 'HD-001'"), "specialized");
  EXPECT_EQ(Count("overseas_sites"), 2);
  // One audit row for the whole job, carrying the file hash and the counts.
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_log WHERE action = 'import.carriers'"), "1");
  EXPECT_NE(One("SELECT after_json FROM audit_log WHERE action = 'import.carriers'")
                .find(o.job.file_sha256),
            std::string::npos);
}

TEST_P(ImportTest, ReimportIsIdempotentAndSaysSo) {
  ImportAllOk();
  auto before = Counts();
  auto version = One("SELECT version FROM carriers WHERE code = 'NS-001'");
  for (auto [entity, file] : {std::pair{"carriers", "carriers_ok.csv"},
                              {"recognitions", "recognitions_ok.csv"},
                              {"enterprises", "enterprises_ok.csv"},
                              {"incubations", "incubations_ok.csv"},
                              {"qualifications", "qualifications_ok.csv"},
                              {"listings", "listings_ok.csv"}}) {
    auto o = ImportFile(entity, file);
    ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
    EXPECT_EQ(o.job.counts.inserted, 0) << entity;
    EXPECT_EQ(o.job.counts.updated, 0) << entity;
    EXPECT_EQ(o.job.counts.unchanged, o.job.counts.rows) << entity;
    EXPECT_NE(o.job.message_en.find("nothing changed"), std::string::npos) << o.job.message_en;
  }
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(One("SELECT version FROM carriers WHERE code = 'NS-001'"), version);
}

TEST_P(ImportTest, ChangedRowsUpdateByNaturalKey) {
  ImportAllOk();
  auto src = app::io::StringSource(
      "载体编码,载体名称,载体类型,运营机构统一社会信用代码,所在区县代码,成立日期\n"
      "FT-001,丰台众创空间（新名）,众创空间," +
      One("SELECT operator_uscc FROM carriers WHERE code = 'FT-001'") + ",110106,2018-06-01\n");
  auto o = Import("carriers", *src);
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.updated, 1);
  EXPECT_EQ(Count("carriers"), 3);
  EXPECT_EQ(One("SELECT name FROM carriers WHERE code = 'FT-001'"), "丰台众创空间（新名）");
  EXPECT_EQ(One("SELECT version FROM carriers WHERE code = 'FT-001'"), "2");
  // Columns the file leaves out keep their stored values.
  EXPECT_EQ(One("SELECT address FROM carriers WHERE code = 'FT-001'"), "丰台区");
  EXPECT_EQ(One("SELECT CAST(area_total_m2 AS INTEGER) FROM carriers WHERE code = 'FT-001'"),
            "800");
}

TEST_P(ImportTest, WholeChainLinksTeamsStaysQualificationsAndTiers) {
  ImportAllOk();
  EXPECT_EQ(Count("enterprises"), 3);
  EXPECT_EQ(Count("incubations"), 3);
  EXPECT_EQ(Count("qualifications"), 2);
  EXPECT_EQ(Count("listings"), 1);
  EXPECT_EQ(Count("enterprise_team_keys"), 1);
  EXPECT_EQ(One("SELECT tier FROM carriers WHERE code = 'NS-001'"), "national");
  EXPECT_EQ(One("SELECT tier FROM carriers WHERE code = 'HD-001'"), "provincial");
  EXPECT_EQ(One("SELECT c.code FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id "
                "JOIN carriers c ON c.id = i.carrier_id WHERE e.name = '星链创业团队'"),
            "FT-001");
  EXPECT_EQ(One("SELECT domains FROM enterprises WHERE name = '深圳慧芯科技有限公司'"),
            ",人工智能,集成电路,");
}

// The name search index is filled once per job on SQLite (the per-row trigger is off during
// the load): imported rows must be searchable right after, later jobs add to the index rather
// than rebuild it, and the trigger is back for ordinary writes.
TEST_P(ImportTest, SearchFindsImportedNamesRightAfterEachJob) {
  const bool sqlite = GetParam() == Backend::kSqlite;
  auto hits = [&](const std::string& table, const std::string& text) {
    return One(sqlite ? "SELECT COUNT(*) FROM " + table + "_fts WHERE " + table + "_fts MATCH '\"" +
                            text + "\"'"
                      : "SELECT COUNT(*) FROM " + table + " WHERE name LIKE '%" + text + "%'");
  };
  ImportAllOk();
  EXPECT_EQ(hits("enterprises", "慧芯科技"), "1");
  EXPECT_EQ(hits("enterprises", "创业团队"), "1");
  EXPECT_EQ(hits("carriers", "众创空间"), "1");
  auto src = app::io::StringSource(
      "统一社会信用代码,企业名称,是否创业团队,团队所属载体编码,成立日期,所在区县代码\n"
      "91440300MA5F0KQ21X,深圳量子织网科技有限公司,否,,2021-01-01,440305\n");
  auto o = Import("enterprises", *src);
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(hits("enterprises", "量子织网"), "1");
  EXPECT_EQ(hits("enterprises", "慧芯科技"), "1");  // earlier rows indexed once, not twice
  if (sqlite) {
    EXPECT_EQ(One("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                  "('enterprises_fts_ai', 'carriers_fts_ai')"),
              "2");
    soci::session s(t_.db->pool());
    s << "UPDATE enterprises SET name = '深圳织梦科技有限公司' WHERE name LIKE '%量子织网%'";
    EXPECT_EQ(hits("enterprises", "量子织网"), "0");
    EXPECT_EQ(hits("enterprises", "织梦科技"), "1");
    s << "INSERT INTO enterprises_fts(enterprises_fts) VALUES ('integrity-check')";
  }
}

TEST_P(ImportTest, Gb18030FileImportsWithFullWidthDigitsFolded) {
  auto o = ImportFile("carriers", "carriers_gb18030.csv");
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.encoding, "gb18030");
  EXPECT_EQ(o.job.counts.inserted, 2);
  EXPECT_EQ(One("SELECT name FROM carriers WHERE code = 'GZ-001'"), "广州天河科技孵化器");
  EXPECT_EQ(One("SELECT region_code FROM carriers WHERE code = 'GZ-001'"), "440106");
}

TEST_P(ImportTest, BrokenFilesReportPreciseErrorsAndWriteNothing) {
  ImportAllOk();
  auto before = Counts();
  struct Case {
    const char* file;
    std::vector<std::tuple<std::int64_t, std::string, std::string>> expect;  // row, column, code
  };
  std::vector<Case> cases = {
      {"carriers_utf16.csv", {{0, "", "invalid_encoding"}}},
      {"empty.csv", {{0, "", "empty_file"}}},
      {"carriers_header_only.csv", {{0, "", "no_rows"}}},
      {"carriers_missing_column.csv", {{1, "载体名称", "missing_column"}}},
      {"carriers_extra_column.csv", {{1, "备注", "unknown_column"}}},
      {"carriers_field_count.csv", {{2, "", "extra_fields"}, {3, "", "missing_fields"}}},
      {"carriers_duplicate_keys.csv", {{4, "载体编码", "duplicate_key"}}},
      {"carriers_bad_dates.csv",
       {{2, "成立日期", "invalid_date"},
        {3, "成立日期", "invalid_date"},
        {4, "关闭日期", "invalid_period"}}},
      {"carriers_bad_uscc.csv",
       {{2, "运营机构统一社会信用代码", "invalid_uscc"},
        {3, "运营机构统一社会信用代码", "invalid_uscc"},
        {4, "所在区县代码", "unknown_region"}}},
      {"carriers_bad_quotes.csv", {{2, "", "malformed_csv"}, {5, "", "malformed_csv"}}},
      // The bounds of the API hold for import rows too.
      {"carriers_too_long.csv",
       {{2, "载体名称", "text_too_long"},
        {3, "场地总面积（平方米）", "out_of_range"},
        {4, "地址", "text_too_long"}}},
  };
  for (const auto& c : cases) {
    auto o = ImportFile("carriers", c.file);
    EXPECT_EQ(o.job.status, "failed") << c.file;
    for (const auto& [row, col, code] : c.expect)
      EXPECT_TRUE(Has(o, row, col, code))
          << c.file << " row " << row << " " << col << " " << code << "\n"
          << Dump(o);
    EXPECT_EQ(Counts(), before) << c.file;
    // The job row keeps the problems for the API.
    std::int64_t stored = 0;
    t_.store->Read([&](app::Tx& tx) { stored = tx.io().ListErrors(o.job.id, {200, ""}).total; });
    EXPECT_EQ(stored, static_cast<std::int64_t>(o.errors.size())) << c.file;
  }
  // The quotes file has two good rows (one with a quoted line break) and two malformed ones.
  auto q = ImportFile("carriers", "carriers_bad_quotes.csv");
  EXPECT_EQ(q.job.counts.rejected, 2) << Dump(q);
}

TEST_P(ImportTest, ReferencesMustExist) {
  auto o = ImportFile("incubations", "incubations_ok.csv");
  EXPECT_EQ(o.job.status, "failed");
  EXPECT_TRUE(Has(o, 2, "载体编码", "unknown_carrier")) << Dump(o);
  auto e = ImportFile("enterprises", "enterprises_ok.csv");
  EXPECT_TRUE(Has(e, 4, "团队所属载体编码", "unknown_carrier")) << Dump(e);
  EXPECT_EQ(Count("enterprises"), 0);
}

TEST_P(ImportTest, SkipBadWritesExactlyTheGoodRowsAndListsTheRejects) {
  ImportAllOk();
  auto before = Count("enterprises");
  auto o = ImportFile("enterprises", "enterprises_mixed.csv", true);
  ASSERT_EQ(o.job.status, "succeeded") << Dump(o);
  EXPECT_EQ(o.job.counts.inserted, 3);
  EXPECT_EQ(o.job.counts.rejected, 2);
  EXPECT_EQ(Count("enterprises"), before + 3);
  EXPECT_EQ(One("SELECT COUNT(*) FROM enterprises WHERE name IN "
                "('好企业甲','好企业丙,有逗号','好企业丁')"),
            "3");
  ASSERT_EQ(o.rejects.size(), 3u);  // header + 2 rows
  EXPECT_EQ(o.rejects[0].back(), "错误原因");
  EXPECT_EQ(o.rejects[1][1], "坏企业乙");
  EXPECT_EQ(o.rejects[1].back(), "invalid_uscc");
  EXPECT_EQ(o.rejects[2][1], "没有载体的团队");
  EXPECT_EQ(o.rejects[2].back(), "required");
}

// Good batches are written inside the job's transaction as they come: the first bad row (here in
// the fourth batch of two) rolls them back, and the rows after it are still checked — including
// the database checks — so the report is complete and nothing stays written.
TEST_P(ImportTest, FirstBadRowRollsBackEarlierBatchesAndLaterRowsAreStillChecked) {
  ImportAllOk();
  auto before = Counts();
  std::string csv =
      "统一社会信用代码,企业名称,是否创业团队,团队所属载体编码,成立日期,所在区县代码,"
      "行业代码,技术领域,从业人员数\n";
  for (int i = 1; i <= 14; ++i) {
    std::string uscc = core::MakeUscc(fmt::format("9111010800000{:04d}", 300 + i));
    std::string region = "110108";
    if (i == 7) uscc = "91110108000000000X";  // bad check digit: a row check
    if (i == 12) region = "110199";           // no such county: a database check after rollback
    csv += fmt::format("{},批量企业{},否,,2021-01-01,{},,电子信息,3\n", uscc, i, region);
  }
  auto o = Import("enterprises", *app::io::StringSource(csv));
  EXPECT_EQ(o.job.status, "failed") << Dump(o);
  EXPECT_TRUE(Has(o, 8, "统一社会信用代码", "invalid_uscc")) << Dump(o);
  EXPECT_TRUE(Has(o, 13, "所在区县代码", "unknown_region")) << Dump(o);
  EXPECT_EQ(o.job.counts.rows, 14);
  EXPECT_EQ(o.job.counts.rejected, 2);
  EXPECT_EQ(o.job.counts.inserted, 0);
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_log WHERE action = 'import.enterprises' AND "
                "after_json LIKE '%\"rows\":14%'"),
            "0");
  // The same file with skip-bad commits the twelve good rows, before and after the bad ones.
  auto k = Import("enterprises", *app::io::StringSource(csv), true);
  ASSERT_EQ(k.job.status, "succeeded") << Dump(k);
  EXPECT_EQ(k.job.counts.inserted, 12);
  EXPECT_EQ(Count("enterprises"), before["enterprises"] + 12);
  EXPECT_EQ(One("SELECT COUNT(*) FROM enterprises WHERE name IN ('批量企业1','批量企业14')"), "2");
}

TEST_P(ImportTest, SixtyFourMegabytesOfJunkAreRefusedWithNothingWritten) {
  ImportAllOk();
  auto before = Counts();
  std::mt19937_64 rng(42);
  const std::size_t size = 64u << 20;
  // Binary junk: refused on encoding at once.
  {
    std::string junk(size, '\0');
    for (auto& ch : junk) ch = static_cast<char>(rng() & 0xFF);
    auto o = Import("carriers", *app::io::StringSource(std::move(junk)));
    EXPECT_EQ(o.job.status, "failed");
    EXPECT_TRUE(Has(o, 0, "", "invalid_encoding")) << Dump(o);
  }
  // Printable junk under a valid header: every row is examined and reported, none written.
  {
    std::string junk =
        "载体编码,载体名称,载体类型,运营机构统一社会信用代码,所在区县代码,成立日期\n";
    const char alphabet[] = "abcXYZ0123456789,,,,\"\n ;-";
    while (junk.size() < size) junk += alphabet[rng() % (sizeof alphabet - 1)];
    auto path = fs::temp_directory_path() / ("incunet-junk-" + std::to_string(::getpid()) + ".csv");
    {
      std::ofstream f(path, std::ios::binary);
      f << junk;
    }
    junk.clear();
    junk.shrink_to_fit();
    app::io::ImportRequest req;
    req.entity = "carriers";
    std::int64_t errors = 0;
    app::io::ImportHooks hooks;
    hooks.on_error = [&](const RowError&) { ++errors; };
    auto src = app::io::FileSource(path.string());
    auto job = app::io::RunImport(*t_.store, *src, app::Actor::Cli(), req, hooks,
                                  core::SystemClock::Instance());
    fs::remove(path);
    EXPECT_EQ(job.status, "failed");
    EXPECT_GT(job.counts.rows, 100000);
    EXPECT_EQ(job.counts.rejected, job.counts.rows);
    EXPECT_EQ(job.errors_total, errors);
    std::int64_t stored = 0;
    t_.store->Read([&](app::Tx& tx) { stored = tx.io().ListErrors(job.id, {1, ""}).total; });
    EXPECT_EQ(stored, 10000);  // capped in the job table, all counted and reported
  }
  EXPECT_EQ(Counts(), before);
}

TEST_P(ImportTest, RegionAdminImportsOnlyInsideTheRegion) {
  app::Actor admin{7, "beijing", app::Role::kRegionAdmin, app::Scope::Region("11")};
  auto o = Import("carriers", *app::io::FileSource((DataDir() / "carriers_ok.csv").string()), false,
                  admin);
  EXPECT_EQ(o.job.status, "failed");
  EXPECT_TRUE(Has(o, 2, "所在区县代码", "out_of_scope")) << Dump(o);
  EXPECT_EQ(Count("carriers"), 0);
}

TEST_P(ImportTest, JobListShowsOwnJobsNewestFirstAndNationalSeesAll) {
  std::vector<domain::registry::Id> ids;
  for (std::int64_t actor : {7, 9, 7}) {
    app::io::ImportJob j;
    j.entity = "carriers";
    j.actor_id = actor;
    j.actor_login = "u" + std::to_string(actor);
    j.created_at = "2026-01-01T00:00:00Z";
    ASSERT_TRUE(t_.store->Write([&](app::Tx& tx) -> core::Status {
      ids.push_back(tx.io().InsertJob(j));
      return {};
    }));
  }
  auto list = [&](const app::Actor& a, const app::PageRequest& p) {
    app::Page<app::io::ImportJob> page;
    t_.store->Read([&](app::Tx& tx) { page = tx.io().ListJobs(a, p); });
    std::vector<domain::registry::Id> out;
    for (const auto& j : page.items) out.push_back(j.id);
    return std::make_pair(out, page);
  };
  app::Actor seven{7, "u7", app::Role::kRegionAdmin, app::Scope::Region("11")};
  auto [mine, page] = list(seven, {});
  EXPECT_EQ(mine, (std::vector<domain::registry::Id>{ids[2], ids[0]}));
  EXPECT_EQ(page.total, 2);
  EXPECT_FALSE(page.next_cursor);

  auto [first, p1] = list(seven, {1, ""});
  EXPECT_EQ(first, (std::vector<domain::registry::Id>{ids[2]}));
  ASSERT_TRUE(p1.next_cursor);
  auto [second, p2] = list(seven, {1, *p1.next_cursor});
  EXPECT_EQ(second, (std::vector<domain::registry::Id>{ids[0]}));
  EXPECT_FALSE(p2.next_cursor);

  app::Actor nat{1, "nat", app::Role::kNationalAdmin, app::Scope::National()};
  EXPECT_EQ(list(nat, {}).first, (std::vector<domain::registry::Id>{ids[2], ids[1], ids[0]}));
  // Without an account nobody's jobs match, whatever the role claims short of national.
  EXPECT_TRUE(list(app::Actor::PublicVisitor(), {}).first.empty());
  EXPECT_EQ(list(app::Actor::PublicVisitor(), {}).second.total, 0);
  app::Actor nobody{0, "x", app::Role::kRegionAdmin, app::Scope::Region("11")};
  EXPECT_TRUE(list(nobody, {}).first.empty());
}

TEST_P(ImportTest, ExportHonoursScopeAndReimportsUnchanged) {
  ImportAllOk();
  auto rows_of = [&](const app::Actor& a, const std::string& entity,
                     const std::string& region = "") {
    std::vector<std::vector<std::string>> rows;
    auto st = app::io::ExportRows(
        *t_.store, a, {entity, region},
        [&](const std::vector<std::string>& r) { rows.push_back(r); }, 2);
    EXPECT_TRUE(st.has_value());
    return rows;
  };
  app::Actor beijing{7, "beijing", app::Role::kRegionAdmin, app::Scope::Region("11")};
  auto all = rows_of(app::Actor::Cli(), "enterprises");
  auto bj = rows_of(beijing, "enterprises");
  EXPECT_EQ(all.size(), 4u);  // header + 3
  ASSERT_EQ(bj.size(), 3u);   // header + the two in region 11
  for (std::size_t i = 1; i < bj.size(); ++i) EXPECT_TRUE(bj[i][5].starts_with("11")) << bj[i][5];
  EXPECT_EQ(rows_of(app::Actor::Cli(), "carriers", "4403").size(), 2u);
  EXPECT_EQ(rows_of(beijing, "incubations").size(), 3u);
  EXPECT_EQ(rows_of(app::Actor::PublicVisitor(), "enterprises").size(), 1u);  // header only
  // Team rows name their carrier so the export re-imports as the same records.
  for (const auto& entity :
       {"carriers", "recognitions", "enterprises", "incubations", "qualifications", "listings"}) {
    std::string csv;
    for (const auto& r : rows_of(app::Actor::Cli(), entity)) csv += domain::io::CsvLine(r);
    auto o = Import(entity, *app::io::StringSource(csv));
    EXPECT_EQ(o.job.status, "succeeded") << entity << Dump(o);
    EXPECT_EQ(o.job.counts.unchanged, o.job.counts.rows) << entity << Dump(o);
  }
}

// Several servers may share one database: a job is owned by one server instance and kept alive
// by its heartbeat; a job whose owner stopped beating for longer than the bound is failed (with
// the reason, audited as the system's), while live owners' jobs and finished jobs are left alone.
TEST_P(ImportTest, JobsOfAServerThatStoppedAreFailedAfterTheBound) {
  auto now = std::chrono::system_clock::now();
  auto at = [&](std::chrono::seconds ago) { return core::Rfc3339(now - ago); };
  auto insert = [&](const std::string& owner, const std::string& beat, const std::string& status) {
    app::io::ImportJob j;
    j.entity = "carriers";
    j.status = status;
    j.actor_login = "admin";
    j.created_at = at(std::chrono::seconds(3600));
    j.owner = owner;
    j.heartbeat_at = beat;
    domain::registry::Id id = 0;
    EXPECT_TRUE(t_.store->Write([&](app::Tx& tx) -> core::Status {
      id = tx.io().InsertJob(j);
      return {};
    }));
    return id;
  };
  domain::registry::Id dead = insert("dead/1/a", at(std::chrono::seconds(600)), "queued");
  domain::registry::Id live = insert("live/2/b", at(std::chrono::seconds(30)), "queued");
  domain::registry::Id legacy =
      insert("", "", "queued");  // left by a server from before jobs had owners
  domain::registry::Id done = insert("dead/1/a", at(std::chrono::seconds(600)), "succeeded");
  domain::registry::Id mine = insert("me/3/c", at(std::chrono::seconds(600)), "queued");
  auto job = [&](domain::registry::Id id) {
    std::optional<app::io::ImportJob> j;
    t_.store->Read([&](app::Tx& tx) { j = tx.io().FindJob(id); });
    return *j;
  };
  auto audit_before = Count("audit_log");

  app::io::HeartbeatOptions opt;
  opt.interval = std::chrono::seconds(3600);  // only the beats the test asks for
  opt.stale_after = std::chrono::seconds(120);
  core::FixedClock fixed(now);
  app::io::JobHeartbeat hb(*t_.store, fixed, "me/3/c", opt, /*reap=*/true);

  EXPECT_EQ(job(dead).status, "failed");
  EXPECT_NE(job(dead).message_en.find("no heartbeat for more than 120 s"), std::string::npos)
      << job(dead).message_en;
  EXPECT_FALSE(job(dead).message_zh.empty());
  EXPECT_EQ(job(dead).finished_at, core::Rfc3339(now));
  EXPECT_EQ(job(legacy).status, "failed");
  EXPECT_EQ(job(live).status, "queued");
  EXPECT_EQ(job(done).status, "succeeded");
  // The instance's own job is not failed, and the beat refreshed it.
  EXPECT_EQ(job(mine).status, "queued");
  EXPECT_EQ(job(mine).heartbeat_at, core::Rfc3339(now));
  EXPECT_EQ(Count("audit_log"), audit_before + 2);
  EXPECT_EQ(One(fmt::format("SELECT actor_login FROM audit_log WHERE action = 'import.failed' "
                            "AND subject_id = '{}'",
                            dead)),
            "system");

  // Once the live owner's last beat is older than the bound too, the next beat fails its job.
  now += std::chrono::seconds(100);
  fixed.Set(now);
  EXPECT_EQ(hb.Beat(), 1);
  EXPECT_EQ(job(live).status, "failed");
  EXPECT_EQ(job(mine).status, "queued");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
