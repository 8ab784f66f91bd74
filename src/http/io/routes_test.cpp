// The import/export API on both databases: a GB18030 CSV body becomes an asynchronous job whose
// progress, counts and paginated errors can be read back; templates carry Chinese headers; an
// export holds only the caller's region.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/identity/service.hpp"
#include "core/text.hpp"
#include "core/uscc.hpp"
#include "http/api.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::http {
namespace {

using storage::testing::Backend;

class IoRoutesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = storage::testing::OpenTestDb(GetParam(), 4);
    api_ = std::make_unique<Api>(*t_.store, core::SystemClock::Instance(),
                                 app::identity::HashParams::Fast(), ApiOptions{});
    national_ = Login("io-national", "national_admin", "");
    beijing_ = Login("io-beijing", "region_admin", "11");
  }

  std::string Login(const std::string& login, const std::string& role, const std::string& region) {
    std::string pw = "correct-horse-battery";
    auto u = api_->identity().CreateUser(app::Actor::Cli(), {login, login, role, region, {}, {}},
                                         pw, nullptr, "t");
    EXPECT_TRUE(u.has_value()) << (u ? "" : u.error().message_en);
    auto r = api_->identity().Login(login, pw, "127.0.0.1");
    EXPECT_TRUE(r.has_value());
    return r ? r->token : "";
  }

  Response Call(const std::string& method, const std::string& path,
                std::map<std::string, std::string> query, const std::string& token,
                std::string body = "", const std::string& type = "") {
    Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.query = std::move(query);
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    if (!type.empty()) req.headers["content-type"] = type;
    req.body = std::move(body);
    return api_->Handle(req);
  }

  Json WaitJob(const std::string& id, const std::string& token,
               std::map<std::string, std::string> query = {}) {
    for (int i = 0; i < 600; ++i) {
      auto r = Call("GET", "/api/v1/imports/" + id, query, token);
      EXPECT_EQ(r.status, 200) << r.body;
      Json j = Json::parse(r.body);
      if (j["status"] == "succeeded" || j["status"] == "failed") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return Json{};
  }

  std::string CarriersCsv() {
    std::string csv =
        "载体编码,载体名称,载体类型,运营机构统一社会信用代码,所在区县代码,成立日期\r\n";
    csv += "BJ-1,北京海淀孵化器,孵化器," + core::MakeUscc("91110108000000077") +
           ",110108,2015-01-01\r\n";
    csv += "SZ-1,深圳南山众创空间,众创空间," + core::MakeUscc("91440305000000078") +
           ",440305,2016-02-02\r\n";
    return csv;
  }

  storage::testing::TestDb t_;
  std::unique_ptr<Api> api_;
  std::string national_, beijing_;
};

TEST_P(IoRoutesTest, Gb18030UploadRunsAsAJob) {
  const char* dir = std::getenv("INCUNET_SOURCE_DIR");
  std::filesystem::path root =
      dir ? std::filesystem::path(dir)
          : std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  std::ifstream f(root / "tests/data/import/carriers_gb18030.csv", std::ios::binary);
  std::stringstream gb;
  gb << f.rdbuf();
  ASSERT_FALSE(gb.str().empty());
  ASSERT_FALSE(core::IsValidUtf8(gb.str()));  // really GB18030 bytes, not UTF-8
  auto r = Call("POST", "/api/v1/imports", {{"entity", "carriers"}}, national_, gb.str(),
                "text/csv; charset=gb18030");
  ASSERT_EQ(r.status, 202) << r.body;
  Json job = Json::parse(r.body);
  Json done = WaitJob(std::to_string(job["id"].get<long long>()), national_);
  EXPECT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["encoding"], "gb18030");
  EXPECT_EQ(done["counts"]["inserted"], 2);
  EXPECT_EQ(done["progress"], 1.0);
  auto list = Json::parse(Call("GET", "/api/v1/carriers", {{"q", "天河"}}, national_).body);
  EXPECT_EQ(list["total"], 1);
  // Only its submitter (or a national admin) can see a job.
  EXPECT_EQ(
      Call("GET", "/api/v1/imports/" + std::to_string(job["id"].get<long long>()), {}, beijing_)
          .status,
      404);
}

TEST_P(IoRoutesTest, Utf8UploadWithBom) {
  auto r = Call("POST", "/api/v1/imports", {{"entity", "carriers"}}, national_,
                "\xEF\xBB\xBF" + CarriersCsv(), "text/csv; charset=utf-8");
  ASSERT_EQ(r.status, 202) << r.body;
  Json job = Json::parse(r.body);
  Json done = WaitJob(std::to_string(job["id"].get<long long>()), national_);
  EXPECT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["encoding"], "utf-8");
  EXPECT_EQ(done["counts"]["inserted"], 2);
}

TEST_P(IoRoutesTest, BadRowsAreListedPageByPageAndNothingIsWritten) {
  std::string csv = "载体编码,载体名称,载体类型,运营机构统一社会信用代码,所在区县代码,成立日期\n";
  for (int i = 0; i < 5; ++i)
    csv += "X-" + std::to_string(i) + ",坏载体,孵化器,BAD,110108,2020-13-01\n";
  auto r = Call("POST", "/api/v1/imports", {{"entity", "carriers"}}, national_, csv, "text/csv");
  ASSERT_EQ(r.status, 202) << r.body;
  std::string id = std::to_string(Json::parse(r.body)["id"].get<long long>());
  Json done = WaitJob(id, national_, {{"limit", "4"}});
  EXPECT_EQ(done["status"], "failed");
  EXPECT_EQ(done["errors_total"], 10) << done.dump();  // 5 rows × (USCC + date)
  EXPECT_EQ(done["errors"]["items"].size(), 4u);
  EXPECT_EQ(done["errors"]["items"][0]["row"], 2);
  EXPECT_EQ(done["errors"]["items"][0]["column"], "运营机构统一社会信用代码");
  ASSERT_TRUE(done["errors"]["next_cursor"].is_string());
  auto page2 =
      Json::parse(Call("GET", "/api/v1/imports/" + id,
                       {{"limit", "4"}, {"cursor", done["errors"]["next_cursor"]}}, national_)
                      .body);
  EXPECT_EQ(page2["errors"]["items"][0]["row"], 4);
  auto list = Json::parse(Call("GET", "/api/v1/carriers", {}, national_).body);
  EXPECT_EQ(list["total"], 0);
}

TEST_P(IoRoutesTest, TemplatesAndScopedExports) {
  auto t = Call("GET", "/api/v1/imports/templates/enterprises.csv", {}, "");
  ASSERT_EQ(t.status, 200);
  EXPECT_EQ(t.body.rfind("\xEF\xBB\xBF统一社会信用代码,企业名称,", 0), 0u) << t.body;
  EXPECT_EQ(Call("GET", "/api/v1/imports/templates/nothing.csv", {}, "").status, 404);

  auto r = Call("POST", "/api/v1/imports", {{"entity", "carriers"}}, national_, CarriersCsv(),
                "text/csv");
  ASSERT_EQ(r.status, 202);
  WaitJob(std::to_string(Json::parse(r.body)["id"].get<long long>()), national_);

  auto all = Call("GET", "/api/v1/exports/carriers.csv", {}, national_);
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("SZ-1"), std::string::npos);
  auto bj = Call("GET", "/api/v1/exports/carriers.csv", {}, beijing_);
  EXPECT_NE(bj.body.find("BJ-1"), std::string::npos);
  auto region = Call("GET", "/api/v1/exports/carriers.csv", {{"region", "11"}}, national_);
  EXPECT_EQ(region.body.find("SZ-1"), std::string::npos);
  EXPECT_NE(region.body.find("BJ-1"), std::string::npos);
  auto xlsx = Call("GET", "/api/v1/exports/carriers.xlsx", {}, national_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);  // a zip container
  EXPECT_EQ(Call("GET", "/api/v1/exports/carriers.csv", {}, "").status, 401);
  // Region admins may import only inside their region.
  auto denied = Call("POST", "/api/v1/imports", {{"entity", "carriers"}}, beijing_, CarriersCsv(),
                     "text/csv");
  ASSERT_EQ(denied.status, 202);
  Json dj = WaitJob(std::to_string(Json::parse(denied.body)["id"].get<long long>()), beijing_);
  EXPECT_EQ(dj["status"], "failed");
}

INSTANTIATE_TEST_SUITE_P(Backends, IoRoutesTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace incunet::http
