// Migration files are split into statements at a `;` that ends a line, except inside a SQLite
// trigger body (up to END;) and a PostgreSQL $$ … $$ function body.
#include "storage/database.hpp"

#include <gtest/gtest.h>

namespace incunet::storage {
namespace {

TEST(SplitSqlStatements, KeepsTriggerAndFunctionBodiesWhole) {
  const std::string sql =
      "-- a comment\n"
      "CREATE TABLE t (a INTEGER);\n"
      "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n"
      "  INSERT INTO u VALUES (new.a);\n"
      "  INSERT INTO v VALUES (new.a);\n"
      "END;\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
      "BEGIN\n"
      "  PERFORM 1;\n"
      "  RETURN NULL;\n"
      "END;\n"
      "$$;\n"
      "CREATE TRIGGER t_st AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION f('a', 'b');\n"
      "CREATE INDEX t_a ON t(a);\n";
  auto out = SplitSqlStatements(sql);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], "CREATE TABLE t (a INTEGER);\n");
  EXPECT_NE(out[1].find("INSERT INTO v"), std::string::npos);
  EXPECT_TRUE(out[1].ends_with("END;\n"));
  EXPECT_NE(out[2].find("RETURN NULL;"), std::string::npos);
  EXPECT_TRUE(out[2].ends_with("$$;\n"));
  EXPECT_TRUE(out[3].starts_with("CREATE TRIGGER t_st"));
  EXPECT_EQ(out[4], "CREATE INDEX t_a ON t(a);\n");
}

}  // namespace
}  // namespace incunet::storage
