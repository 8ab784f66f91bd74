// The audit chain on both databases: intact after appends; an altered, a deleted and an inserted
// row are each named by Verify().
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

using testing::Backend;

class AuditChainTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    for (int i = 0; i < 5; ++i) {
      auto st = t_.store->Write([&](app::Tx& tx) -> core::Status {
        tx.audit().Append({"tester", 1, "carrier.update", "carrier", std::to_string(i), "{}",
                           "{\"n\":" + std::to_string(i) + "}", "r"},
                          "2026-01-01T00:00:0" + std::to_string(i) + "Z");
        return {};
      });
      ASSERT_TRUE(st);
    }
    soci::session s(t_.db->pool());
    s << "SELECT MIN(id) FROM audit_log WHERE actor_login = 'tester'", soci::into(first_);
  }
  std::optional<app::audit::AuditBreak> Verify() {
    std::optional<app::audit::AuditBreak> b;
    t_.store->Read([&](app::Tx& tx) { b = tx.audit().Verify(); });
    return b;
  }
  testing::TestDb t_;
  long long first_ = 0;
};

TEST_P(AuditChainTest, IntactChainVerifies) { EXPECT_FALSE(Verify().has_value()); }

TEST_P(AuditChainTest, AlteredRowIsNamed) {
  soci::session s(t_.db->pool());
  s << "UPDATE audit_log SET after_json = '{\"n\":99}' WHERE id = " + std::to_string(first_ + 2);
  auto b = Verify();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, first_ + 2);
  EXPECT_NE(b->problem.find("altered"), std::string::npos);
}

TEST_P(AuditChainTest, DeletedRowIsNamed) {
  soci::session s(t_.db->pool());
  s << "DELETE FROM audit_log WHERE id = " + std::to_string(first_ + 1);
  auto b = Verify();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, first_ + 2);
  EXPECT_NE(b->problem.find("deleted"), std::string::npos);
}

TEST_P(AuditChainTest, DeletedTailIsNamed) {
  soci::session s(t_.db->pool());
  s << "DELETE FROM audit_log WHERE id = " + std::to_string(first_ + 4);
  auto b = Verify();
  ASSERT_TRUE(b.has_value());
  EXPECT_NE(b->problem.find("tail"), std::string::npos);
}

TEST_P(AuditChainTest, InsertedRowIsNamed) {
  soci::session s(t_.db->pool());
  // A forged row squeezed in by renumbering the ones after it.
  s << "UPDATE audit_log SET id = id + 1000 WHERE id > " + std::to_string(first_ + 2);
  s << "UPDATE audit_log SET id = id - 999 WHERE id > " + std::to_string(first_ + 1000);
  s << "INSERT INTO audit_log(id, at, actor_id, actor_login, action, subject_type, subject_id, "
       "before_json, after_json, request_id, prev_hash, hash) VALUES (" +
           std::to_string(first_ + 3) +
           ", 'x', 1, 'forger', 'carrier.update', 'carrier', '1', '', '', '', 'bad', 'bad')";
  auto b = Verify();
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, first_ + 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace incunet::storage
