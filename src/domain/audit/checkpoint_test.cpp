// Checkpoint lines: format round trip, strict parsing, what the signature covers, key files, and
// the comparison of checkpoints with the chain (intact / behind / wiped / rewritten / bad lines).
#include "domain/audit/checkpoint.hpp"

#include <gtest/gtest.h>

#include "core/signing.hpp"

namespace incunet::domain::audit {
namespace {

std::string H(char c) { return std::string(64, c); }

class CheckpointTest : public ::testing::Test {
 protected:
  core::SigningKeyPair kp_ = core::NewSigningKeyPair();
  Checkpoint Make(std::int64_t rows, char hash) {
    return SignCheckpoint(rows, rows, rows ? H(hash) : "", "2026-12-01T10:00:00Z", kp_.secret_key);
  }
};

TEST_F(CheckpointTest, LineRoundTripsAndTheSignatureCoversTheFirstFiveFields) {
  Checkpoint c = Make(42, 'a');
  std::string line = FormatCheckpoint(c);
  EXPECT_EQ(line.substr(0, line.rfind('\t')),
            "incunet-audit-checkpoint/1\t42\t42\t" + H('a') + "\t2026-12-01T10:00:00Z");
  EXPECT_EQ(SignedMessage(c), line.substr(0, line.rfind('\t')));
  auto back = ParseCheckpoint(line);
  ASSERT_TRUE(back) << back.error().message_en;
  EXPECT_EQ(back->rows, 42);
  EXPECT_EQ(back->last_id, 42);
  EXPECT_EQ(back->head_hash, H('a'));
  EXPECT_EQ(back->at, "2026-12-01T10:00:00Z");
  EXPECT_TRUE(SignatureValid(*back, kp_.public_key));
  EXPECT_FALSE(SignatureValid(*back, core::NewSigningKeyPair().public_key));
  // Any signed field changed breaks the signature.
  for (auto edit : {+[](Checkpoint& x) { x.rows = 41; }, +[](Checkpoint& x) { x.last_id = 43; },
                    +[](Checkpoint& x) { x.head_hash = H('b'); },
                    +[](Checkpoint& x) { x.at = "2026-12-01T10:00:01Z"; }}) {
    Checkpoint t = *back;
    edit(t);
    EXPECT_FALSE(SignatureValid(t, kp_.public_key));
  }
}

TEST_F(CheckpointTest, EmptyChainCheckpointHasNoHash) {
  auto back = ParseCheckpoint(FormatCheckpoint(Make(0, 'a')));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->head_hash, "");
  EXPECT_EQ(Compare(*back, 0, std::nullopt), Standing::kIntact);
}

TEST_F(CheckpointTest, ParseIsStrict) {
  std::string good = FormatCheckpoint(Make(7, 'c'));
  ASSERT_TRUE(ParseCheckpoint(good));
  auto reason = [](std::string_view line) {
    auto r = ParseCheckpoint(line);
    return r ? std::string("ok") : r.error().details.at("reason");
  };
  auto replace_field = [&](int i, const std::string& v) {
    std::vector<std::string> f;
    std::size_t start = 0, tab;
    while ((tab = good.find('\t', start)) != std::string::npos) {
      f.push_back(good.substr(start, tab - start));
      start = tab + 1;
    }
    f.push_back(good.substr(start));
    f[i] = v;
    std::string out;
    for (std::size_t k = 0; k < f.size(); ++k) out += (k ? "\t" : "") + f[k];
    return out;
  };
  EXPECT_EQ(reason(""), "fields");
  EXPECT_EQ(reason(good + "\textra"), "fields");
  EXPECT_EQ(reason(replace_field(0, "incunet-audit-checkpoint/2")), "tag");
  EXPECT_EQ(reason(replace_field(1, "-7")), "count");
  EXPECT_EQ(reason(replace_field(1, "07")), "count");
  EXPECT_EQ(reason(replace_field(2, "7 ")), "count");
  EXPECT_EQ(reason(replace_field(3, H('A'))), "hash");
  EXPECT_EQ(reason(replace_field(3, "")), "hash");
  EXPECT_EQ(reason(replace_field(4, "")), "at");
  EXPECT_EQ(reason(replace_field(5, "AAAA")), "signature");
  EXPECT_EQ(reason(replace_field(5, "not base64!")), "signature");
  EXPECT_EQ(ParseCheckpoint("x").error().id, "checkpoint_malformed");
}

TEST_F(CheckpointTest, KeyFilesRoundTripAndRejectTheOtherKind) {
  std::string sk_text = FormatSecretKey(kp_.secret_key);
  std::string pk_text = FormatPublicKey(kp_.public_key);
  EXPECT_EQ(sk_text.rfind("incunet-audit-secret-key/1 ", 0), 0u);
  EXPECT_EQ(ParseSecretKey(sk_text).value(), kp_.secret_key);
  EXPECT_EQ(ParsePublicKey(pk_text).value(), kp_.public_key);
  EXPECT_FALSE(ParseSecretKey(pk_text));
  EXPECT_FALSE(ParsePublicKey(sk_text));
  EXPECT_FALSE(ParsePublicKey("incunet-audit-public-key/1 AAAA\n"));
  EXPECT_EQ(ParsePublicKey("").error().id, "audit_key_malformed");
}

TEST_F(CheckpointTest, CompareTellsIntactBehindAndRewrittenApart) {
  Checkpoint c = Make(10, 'a');
  EXPECT_EQ(Compare(c, 10, H('a')), Standing::kIntact);
  EXPECT_EQ(Compare(c, 25, H('a')), Standing::kIntact);  // the log grew since
  EXPECT_EQ(Compare(c, 9, std::nullopt), Standing::kBehind);
  EXPECT_EQ(Compare(c, 0, std::nullopt), Standing::kBehind);
  EXPECT_EQ(Compare(c, 10, H('b')), Standing::kRewritten);
  EXPECT_EQ(Compare(c, 12, std::nullopt), Standing::kRewritten);  // long enough, row gone
}

std::vector<std::string> Lines(const std::vector<Checkpoint>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(FormatCheckpoint(c));
  return out;
}

TEST_F(CheckpointTest, AssessIntactLogNamesTheLatestCheckpoint) {
  auto file =
      ReadCheckpointLines(Lines({Make(0, 'x'), Make(3, 'a'), Make(5, 'b')}), kp_.public_key);
  auto a = Assess(file, 6, {{3, H('a')}, {5, H('b')}});
  EXPECT_EQ(a.verdict, Verdict::kIntact);
  EXPECT_EQ(a.checked, 3);
  ASSERT_TRUE(a.latest_intact);
  EXPECT_EQ(a.latest_intact->first, 3);
  EXPECT_TRUE(a.problems.empty());
}

TEST_F(CheckpointTest, AssessBehindNamesTheFirstCheckpointAhead) {
  auto file =
      ReadCheckpointLines(Lines({Make(3, 'a'), Make(5, 'b'), Make(8, 'c')}), kp_.public_key);
  auto a = Assess(file, 4, {{3, H('a')}});
  EXPECT_EQ(a.verdict, Verdict::kBehind);
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].id, "audit_log_behind");
  EXPECT_EQ(a.problems[0].details.at("line"), "2");
  EXPECT_NE(a.problems[0].message_en.find("behind checkpoint line 2"), std::string::npos);
  EXPECT_NE(a.problems[0].message_en.find("consistent prefix"), std::string::npos);
  EXPECT_NE(a.problems[0].message_zh.find("落后"), std::string::npos);
}

TEST_F(CheckpointTest, AssessWipedLogSaysSo) {
  auto file = ReadCheckpointLines(Lines({Make(3, 'a'), Make(5, 'b')}), kp_.public_key);
  auto a = Assess(file, 0, {});
  EXPECT_EQ(a.verdict, Verdict::kBehind);
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].id, "audit_log_wiped");
  EXPECT_NE(a.problems[0].message_en.find("recorded 5 rows"), std::string::npos);
}

TEST_F(CheckpointTest, AssessRewriteWinsAndBoundsTheRewrittenRows) {
  auto file =
      ReadCheckpointLines(Lines({Make(3, 'a'), Make(5, 'b'), Make(8, 'c')}), kp_.public_key);
  auto a = Assess(file, 8, {{3, H('a')}, {5, H('z')}, {8, H('y')}});
  EXPECT_EQ(a.verdict, Verdict::kRewritten);
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].id, "audit_log_rewritten");
  EXPECT_EQ(a.problems[0].details.at("row"), "5");
  EXPECT_NE(a.problems[0].message_en.find("rows 4..5"), std::string::npos);
  EXPECT_NE(a.problems[0].message_en.find("2 checkpoint(s)"), std::string::npos);
}

TEST_F(CheckpointTest, AssessReportsBadLinesAndAnEmptyFile) {
  auto lines = Lines({Make(3, 'a'), Make(5, 'b')});
  Checkpoint forged = Make(5, 'b');
  forged.rows = 4;  // edited after signing
  forged.last_id = 4;
  lines.push_back(FormatCheckpoint(forged));
  lines.push_back("garbage");
  lines.push_back("");
  auto file = ReadCheckpointLines(lines, kp_.public_key);
  EXPECT_EQ(file.valid.size(), 2u);
  ASSERT_EQ(file.bad.size(), 2u);
  EXPECT_EQ(file.bad[0].id, "checkpoint_bad_signature");
  EXPECT_EQ(file.bad[0].details.at("line"), "3");
  EXPECT_EQ(file.bad[1].id, "checkpoint_malformed");
  EXPECT_EQ(file.bad[1].details.at("line"), "4");
  auto a = Assess(file, 5, {{3, H('a')}, {5, H('b')}});
  EXPECT_EQ(a.verdict, Verdict::kBadCheckpoints);
  EXPECT_EQ(a.problems.size(), 2u);

  auto none = Assess(ReadCheckpointLines({"", ""}, kp_.public_key), 5, {});
  EXPECT_EQ(none.verdict, Verdict::kBadCheckpoints);
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_EQ(none.problems[0].id, "checkpoint_none");
}

}  // namespace
}  // namespace incunet::domain::audit
