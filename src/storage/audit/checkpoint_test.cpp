// Audit checkpoints against the real chain on both databases: a checkpoint is written from one
// consistent read and then tells an intact log from one behind it (a cut tail with audit_head
// fixed up, a wiped log) and from a rewrite that `verify` alone cannot see; bad lines and key
// files are checked too.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "app/audit/service.hpp"
#include "core/signing.hpp"
#include "storage/audit/audit_repo.hpp"
#include "storage/audit/checkpoint_file.hpp"
#include "support/storage/test_db.hpp"

namespace incunet::storage {
namespace {

namespace fs = std::filesystem;
namespace da = domain::audit;
using testing::Backend;

fs::path TempDir() {
  static int n = 0;
  auto dir = fs::temp_directory_path() /
             ("incunet-ckpt-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> FileLines(const fs::path& p) {
  auto l = ReadCheckpointFile(p.string());
  EXPECT_TRUE(l) << (l ? "" : l.error().message_en);
  return l ? *l : std::vector<std::string>{};
}

class AuditCheckpointTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    t_ = testing::OpenTestDb(GetParam());
    dir_ = TempDir();
    file_ = dir_ / "checkpoints.log";
    Append(5);
    first_ = LastId() - 4;
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Append(int n) {
    for (int i = 0; i < n; ++i) {
      auto st = t_.store->Write([&](app::Tx& tx) -> core::Status {
        tx.audit().Append({"tester", 1, "carrier.update", "carrier", std::to_string(i), "{}",
                           "{\"n\":" + std::to_string(i) + "}", "r"},
                          "2026-01-01T00:00:0" + std::to_string(i) + "Z");
        return {};
      });
      ASSERT_TRUE(st);
    }
  }
  std::int64_t LastId() {
    app::audit::AuditHead h;
    t_.store->Read([&](app::Tx& tx) { h = tx.audit().Head(); });
    return h.last_id;
  }
  app::audit::AuditService Service() {
    return app::audit::AuditService(*t_.store, core::SystemClock::Instance());
  }
  core::Result<da::Checkpoint> Checkpoint(const std::string& sk) {
    auto log = FileCheckpointLog::Open(file_.string());
    if (!log) return tl::unexpected(log.error());
    return Service().Checkpoint(**log, sk);
  }
  app::audit::Verification Verify(const std::string& pk) {
    auto lines = FileLines(file_);
    return Service().Verify(&lines, pk);
  }
  void Sql(const std::string& q) {
    soci::session s(t_.db->pool());
    s << q;
  }
  // Points audit_head at row `id` (0: the empty chain), as someone covering a cut would.
  void FixHead(std::int64_t id) {
    std::string hash;
    t_.store->Read([&](app::Tx& tx) {
      auto h = tx.audit().HashesOf({id});
      hash = h.count(id) ? h[id] : "";
    });
    Sql("UPDATE audit_head SET last_id = " + std::to_string(id) + ", last_hash = '" + hash +
        "' WHERE id = 1");
  }
  // Changes row `id` and recomputes the chain from there on, head included.
  void Rewrite(std::int64_t id) {
    std::vector<app::audit::AuditRecord> rows;
    t_.store->Read([&](app::Tx& tx) { rows = tx.audit().List({}, {1000, ""}).items; });
    std::reverse(rows.begin(), rows.end());
    std::string prev;
    soci::session s(t_.db->pool());
    for (auto& r : rows) {
      if (r.id < id) {
        prev = r.hash;
        continue;
      }
      if (r.id == id) r.after_json = "{\"n\":\"forged\"}";
      r.prev_hash = prev;
      r.hash = AuditRowHash(r);
      s << "UPDATE audit_log SET after_json = :a, prev_hash = :p, hash = :h WHERE id = " +
               std::to_string(r.id),
          soci::use(r.after_json), soci::use(r.prev_hash), soci::use(r.hash);
      prev = r.hash;
    }
    s << "UPDATE audit_head SET last_hash = :h WHERE id = 1", soci::use(prev);
  }

  testing::TestDb t_;
  fs::path dir_, file_;
  std::int64_t first_ = 0;
  core::SigningKeyPair kp_ = core::NewSigningKeyPair();
};

TEST_P(AuditCheckpointTest, CheckpointRecordsTheHeadFromOneRead) {
  auto c = Checkpoint(kp_.secret_key);
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c->rows, first_ + 4);
  EXPECT_EQ(c->last_id, first_ + 4);
  std::map<std::int64_t, std::string> h;
  t_.store->Read([&](app::Tx& tx) { h = tx.audit().HashesOf({c->last_id, 999999}); });
  EXPECT_EQ(c->head_hash, h.at(c->last_id));
  EXPECT_FALSE(h.count(999999));
  auto lines = FileLines(file_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], da::FormatCheckpoint(*c));
}

TEST_P(AuditCheckpointTest, IntactLogVerifiesAlsoAfterItGrew) {
  ASSERT_TRUE(Checkpoint(kp_.secret_key));
  Append(2);
  ASSERT_TRUE(Checkpoint(kp_.secret_key));
  Append(1);
  auto v = Verify(kp_.public_key);
  EXPECT_TRUE(v.ok());
  EXPECT_FALSE(v.chain_break);
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kIntact);
  EXPECT_EQ(v.checkpoints->checked, 2);
  EXPECT_EQ(v.checkpoints->latest_intact->second.rows, first_ + 6);
  EXPECT_EQ(v.rows, first_ + 7);
}

TEST_P(AuditCheckpointTest, CutTailWithHeadFixedIsBehind) {
  ASSERT_TRUE(Checkpoint(kp_.secret_key));
  Sql("DELETE FROM audit_log WHERE id > " + std::to_string(first_ + 2));
  FixHead(first_ + 2);
  auto v = Verify(kp_.public_key);
  EXPECT_FALSE(v.chain_break) << "the chain alone cannot see this cut";
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kBehind);
  ASSERT_EQ(v.checkpoints->problems.size(), 1u);
  EXPECT_EQ(v.checkpoints->problems[0].id, "audit_log_behind");
  EXPECT_NE(v.checkpoints->problems[0].message_en.find("behind checkpoint line 1"),
            std::string::npos);
  // The next checkpoint refuses to bless the shorter log and writes nothing.
  auto c = Checkpoint(kp_.secret_key);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().id, "audit_log_behind");
  EXPECT_EQ(FileLines(file_).size(), 1u);
}

TEST_P(AuditCheckpointTest, WipedLogIsDetected) {
  ASSERT_TRUE(Checkpoint(kp_.secret_key));
  Sql("DELETE FROM audit_log");
  FixHead(0);
  auto v = Verify(kp_.public_key);
  EXPECT_FALSE(v.chain_break);
  EXPECT_EQ(v.rows, 0);
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kBehind);
  ASSERT_EQ(v.checkpoints->problems.size(), 1u);
  EXPECT_EQ(v.checkpoints->problems[0].id, "audit_log_wiped");
  EXPECT_FALSE(v.ok());
}

TEST_P(AuditCheckpointTest, RewriteThatPassesTheChainCheckIsReported) {
  ASSERT_TRUE(Checkpoint(kp_.secret_key));  // at first_ + 4
  Rewrite(first_ + 1);
  auto v = Verify(kp_.public_key);
  EXPECT_FALSE(v.chain_break) << "the rewrite recomputed every hash";
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kRewritten);
  ASSERT_FALSE(v.checkpoints->problems.empty());
  EXPECT_EQ(v.checkpoints->problems[0].id, "audit_log_rewritten");
  EXPECT_EQ(v.checkpoints->problems[0].details.at("row"), std::to_string(first_ + 4));
  auto c = Checkpoint(kp_.secret_key);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().id, "audit_log_rewritten");
}

TEST_P(AuditCheckpointTest, RewriteBelowAnIntactCheckpointIsBounded) {
  ASSERT_TRUE(Checkpoint(kp_.secret_key));  // at first_ + 4
  Append(3);
  ASSERT_TRUE(Checkpoint(kp_.secret_key));  // at first_ + 7
  Rewrite(first_ + 6);
  auto v = Verify(kp_.public_key);
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kRewritten);
  EXPECT_NE(v.checkpoints->problems[0].message_en.find("rows " + std::to_string(first_ + 5) + ".." +
                                                       std::to_string(first_ + 7)),
            std::string::npos)
      << v.checkpoints->problems[0].message_en;
}

TEST_P(AuditCheckpointTest, BadSignatureIsReported) {
  auto c = Checkpoint(kp_.secret_key);
  ASSERT_TRUE(c);
  // A line pretending the log was shorter, its signature copied from the real one.
  da::Checkpoint forged = *c;
  forged.rows = forged.last_id = first_ + 1;
  {
    std::ofstream f(file_, std::ios::app);
    f << da::FormatCheckpoint(forged) << "\n";
  }
  auto v = Verify(kp_.public_key);
  EXPECT_FALSE(v.chain_break);
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kBadCheckpoints);
  ASSERT_EQ(v.checkpoints->problems.size(), 1u);
  EXPECT_EQ(v.checkpoints->problems[0].id, "checkpoint_bad_signature");
  EXPECT_EQ(v.checkpoints->problems[0].details.at("line"), "2");
  // Under another public key every line is bad.
  auto other = Verify(core::NewSigningKeyPair().public_key);
  EXPECT_EQ(other.checkpoints->verdict, da::Verdict::kBadCheckpoints);
  EXPECT_EQ(other.checkpoints->problems.size(), 2u);
  // And a checkpoint will not follow a line it cannot trust.
  auto next = Checkpoint(kp_.secret_key);
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().id, "checkpoint_bad_signature");
}

TEST_P(AuditCheckpointTest, HeadThatDisagreesWithTheLogWritesNoCheckpoint) {
  Sql("DELETE FROM audit_log WHERE id = " + std::to_string(first_ + 4));
  auto c = Checkpoint(kp_.secret_key);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().id, "audit_head_mismatch");
  EXPECT_TRUE(FileLines(file_).empty());
}

TEST_P(AuditCheckpointTest, EmptyCheckpointFileDoesNotPass) {
  std::ofstream(file_).close();
  auto v = Verify(kp_.public_key);
  ASSERT_TRUE(v.checkpoints);
  EXPECT_EQ(v.checkpoints->verdict, da::Verdict::kBadCheckpoints);
  EXPECT_EQ(v.checkpoints->problems[0].id, "checkpoint_none");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCheckpointTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

// The files themselves need no database.
TEST(AuditCheckpointFiles, KeygenWritesModesAndRefusesToOverwrite) {
  auto dir = TempDir();
  std::string key = (dir / "audit.key").string();
  ASSERT_TRUE(WriteNewKeyPair(key));
  struct stat st {};
  ASSERT_EQ(stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((key + ".pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  auto sk = ReadSecretKeyFile(key);
  auto pk = ReadPublicKeyFile(key + ".pub");
  ASSERT_TRUE(sk && pk);
  EXPECT_EQ(core::PublicKeyOf(*sk), *pk);
  auto again = WriteNewKeyPair(key);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().id, "audit_key_exists");
  EXPECT_EQ(ReadSecretKeyFile(key).value(), *sk);  // untouched
  // Only the public half left over also blocks a new pair.
  std::string key2 = (dir / "second.key").string();
  std::ofstream(key2 + ".pub") << "x";
  EXPECT_FALSE(WriteNewKeyPair(key2));
  EXPECT_FALSE(fs::exists(key2));
  // A secret key others can read is refused.
  chmod(key.c_str(), 0644);
  auto open = ReadSecretKeyFile(key);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().id, "audit_key_permissions");
  EXPECT_FALSE(ReadSecretKeyFile(key + ".pub"));  // a public key is not a secret key
  fs::remove_all(dir);
}

TEST(AuditCheckpointFiles, PartialLastLineStaysSeparate) {
  auto dir = TempDir();
  auto path = (dir / "c.log").string();
  std::ofstream(path) << "half a li";
  {
    auto log = FileCheckpointLog::Open(path);
    ASSERT_TRUE(log);
    ASSERT_TRUE((*log)->Append("next"));
  }
  auto lines = ReadCheckpointFile(path);
  ASSERT_TRUE(lines);
  EXPECT_EQ(*lines, (std::vector<std::string>{"half a li", "next"}));
  EXPECT_FALSE(ReadCheckpointFile((dir / "missing.log").string()));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace incunet::storage
