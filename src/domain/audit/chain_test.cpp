#include "domain/audit/chain.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace incunet::domain::audit {
namespace {

std::vector<Record> Chain(int n) {
  std::vector<Record> rows;
  std::int64_t last_id = 0;
  std::string last_hash;
  for (int i = 0; i < n; ++i) {
    Entry e{"admin", 1, "carrier.update", "carrier", std::to_string(i), "{}", "{\"v\":2}", "r"};
    rows.push_back(Link(e, "2026-12-06T03:00:00Z", last_id, last_hash));
    last_id = rows.back().id;
    last_hash = rows.back().hash;
  }
  return rows;
}

std::optional<Break> Check(const std::vector<Record>& rows, std::int64_t head_id,
                           const std::string& head_hash) {
  ChainCheck c;
  for (const auto& r : rows) c.Feed(r);
  return c.Finish(head_id, head_hash);
}

TEST(AuditChain, LinksRunFromOneAndNameTheirPredecessor) {
  auto rows = Chain(3);
  EXPECT_EQ(rows[0].id, 1);
  EXPECT_EQ(rows[0].prev_hash, "");
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[2].id, 3);
  EXPECT_EQ(rows[0].hash.size(), 64u);
  EXPECT_NE(rows[1].hash, rows[2].hash);
  EXPECT_FALSE(Check(rows, 3, rows[2].hash));
  EXPECT_FALSE(Check({}, 0, ""));  // an empty log with an empty head
}

TEST(AuditChain, FieldBoundariesMatter) {
  // Length prefixes keep "ab"+"c" and "a"+"bc" apart.
  Record a, b;
  a.action = "ab";
  a.subject_type = "c";
  b.action = "a";
  b.subject_type = "bc";
  EXPECT_NE(RowHash(a), RowHash(b));
}

TEST(AuditChain, FindsAlteredDeletedInsertedAndCutRows) {
  auto rows = Chain(4);
  auto altered = rows;
  altered[1].after_json = "{\"v\":3}";
  auto br = Check(altered, 4, rows[3].hash);
  ASSERT_TRUE(br);
  EXPECT_EQ(br->id, 2);
  EXPECT_NE(br->problem.find("altered"), std::string::npos);

  auto gap = rows;
  gap.erase(gap.begin() + 1);
  br = Check(gap, 4, rows[3].hash);
  ASSERT_TRUE(br);
  EXPECT_EQ(br->id, 3);
  EXPECT_EQ(br->problem, "rows 2..2 deleted");

  auto relinked = rows;
  relinked[2].prev_hash = rows[0].hash;
  relinked[2].hash = RowHash(relinked[2]);  // rehashed, but the link no longer holds
  br = Check(relinked, 4, rows[3].hash);
  ASSERT_TRUE(br);
  EXPECT_EQ(br->id, 3);
  EXPECT_NE(br->problem.find("prev_hash"), std::string::npos);

  auto cut = rows;
  cut.pop_back();
  br = Check(cut, 4, rows[3].hash);
  ASSERT_TRUE(br);
  EXPECT_EQ(br->id, 4);
  EXPECT_NE(br->problem.find("head says 4, table ends at 3"), std::string::npos);
  EXPECT_TRUE(Check(rows, 4, rows[2].hash));  // a head naming the wrong hash
}

}  // namespace
}  // namespace incunet::domain::audit
