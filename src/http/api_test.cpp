// The public response cache on both databases: visitors' registry reads share one body buffer
// until a write or the refresh interval, logged-in callers never see it, an expired entry is
// refilled in line and an ageing one in the background.
#include "http/api.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/identity/service.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::http {
namespace {

using storage::testing::Backend;

class PublicCacheTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = storage::testing::OpenTestDb(GetParam(), 4);
    api_ = std::make_unique<Api>(*t_.store, core::SystemClock::Instance(),
                                 app::identity::HashParams::Fast(), ApiOptions{});
    std::string pw = "correct-horse-battery";
    auto u = api_->identity().CreateUser(
        app::Actor::Cli(), {"cache-national", "cache-national", "national_admin", "", {}, {}}, pw,
        nullptr, "t");
    ASSERT_TRUE(u.has_value());
    auto s = api_->identity().Login("cache-national", pw, "127.0.0.1");
    ASSERT_TRUE(s.has_value());
    token_ = s->token;
  }

  Response Call(const std::string& method, const std::string& target, const std::string& token,
                std::string body = "") {
    Request req;
    req.method = method;
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    if (target.find("limit=50") != std::string::npos) req.query["limit"] = "50";
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) req.headers["content-type"] = "application/json";
    req.body = std::move(body);
    return api_->Handle(req);
  }

  void AddCarrier(const std::string& name) {
    auto r = Call("POST", "/api/v1/carriers", token_,
                  Json{{"kind", "incubator"},
                       {"name", name},
                       {"operator_uscc", "91440300MA5DA1B2CC"},
                       {"region_code", "440305"},
                       {"address", "南山区科技园"},
                       {"founded_on", "2016-05-01"}}
                      .dump());
    ASSERT_EQ(r.status, 201) << r.body;
  }

  static std::int64_t Total(const Response& r) {
    return Json::parse(r.Body())["total"].get<std::int64_t>();
  }

  storage::testing::TestDb t_;
  std::unique_ptr<Api> api_;
  std::string token_;
};

TEST_P(PublicCacheTest, VisitorsShareOneBodyUntilAWrite) {
  AddCarrier("深圳湾科技创业孵化器");
  const std::string list = "/api/v1/carriers?limit=50";
  Response a = Call("GET", list, "");
  Response b = Call("GET", list, "");
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(b.status, 200);
  ASSERT_NE(a.shared_body, nullptr);
  EXPECT_EQ(a.shared_body.get(), b.shared_body.get());
  EXPECT_EQ(Total(a), 1);
  // Each response still gets its own request id and the security headers.
  auto header = [](const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return std::string();
  };
  EXPECT_NE(header(a, "X-Request-Id"), header(b, "X-Request-Id"));
  EXPECT_EQ(header(b, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header(b, "Cache-Control"), "no-store");

  // A logged-in caller bypasses the cache and reads the same page.
  Response mine = Call("GET", list, token_);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.shared_body, nullptr);
  EXPECT_EQ(Json::parse(mine.Body())["items"], Json::parse(a.Body())["items"]);

  AddCarrier("南山创新孵化器");
  Response c = Call("GET", list, "");
  ASSERT_EQ(c.status, 200);
  EXPECT_NE(c.shared_body.get(), a.shared_body.get());
  EXPECT_EQ(Total(c), 2);
}

TEST_P(PublicCacheTest, RefillsAfterTheRefreshInterval) {
  AddCarrier("深圳湾科技创业孵化器");
  const std::string list = "/api/v1/carriers?limit=50";
  Response a = Call("GET", list, "");
  ASSERT_EQ(a.status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Response b = Call("GET", list, "");
  Response c = Call("GET", list, "");
  ASSERT_EQ(b.status, 200);
  EXPECT_NE(b.shared_body.get(), a.shared_body.get());
  EXPECT_EQ(c.shared_body.get(), b.shared_body.get());
  EXPECT_EQ(b.Body(), a.Body());
}

TEST_P(PublicCacheTest, RefreshesAheadInTheBackground) {
  AddCarrier("深圳湾科技创业孵化器");
  const std::string list = "/api/v1/carriers?limit=50";
  auto filled = std::chrono::steady_clock::now();
  Response a = Call("GET", list, "");
  ASSERT_EQ(a.status, 200);
  std::this_thread::sleep_until(filled + std::chrono::milliseconds(800));
  Response b = Call("GET", list, "");
  ASSERT_EQ(b.status, 200);
  // Within the second the valid entry is served at once (a slow machine may miss the window,
  // and then b is an ordinary refill).
  if (std::chrono::steady_clock::now() - filled < std::chrono::milliseconds(950)) {
    EXPECT_EQ(b.shared_body.get(), a.shared_body.get());
  }
  // The background refill replaces the entry without any request waiting for it.
  Response c;
  for (int i = 0; i < 500; ++i) {
    c = Call("GET", list, "");
    if (c.shared_body.get() != a.shared_body.get()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(c.shared_body.get(), a.shared_body.get());
  EXPECT_EQ(c.Body(), a.Body());
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicCacheTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return storage::testing::BackendName(info.param);
                         });

}  // namespace
}  // namespace incunet::http
