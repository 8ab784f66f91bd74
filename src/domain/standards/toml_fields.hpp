#pragma once
// The TOML field reader of the rule-set loader: typed values of one table, each problem reported
// with its line in both languages, and the keys nobody asked for refused. The only place beside
// loader.cpp that sees toml++ (docs/adr/0007-toml-in-the-domain.md says why a format library
// sits in the domain layer).
#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"

namespace incunet::domain::standards {

// Where the reader reports problems; the loader keeps the first.
class TomlProblems {
 public:
  virtual ~TomlProblems() = default;
  virtual void Fail(int line, const std::string& en, const std::string& zh) = 0;
};

int LineOf(const toml::node& n);

class TomlFields {
 public:
  TomlFields(TomlProblems& problems, const toml::table& table, std::string where)
      : problems_(problems), table_(table), where_(std::move(where)) {}

  const toml::node* Get(std::string_view key) {
    seen_.insert(std::string(key));
    return table_.get(key);
  }
  int Line(std::string_view key) const {
    const toml::node* n = table_.get(key);
    return n ? LineOf(*n) : LineOf(table_);
  }
  int TableLine() const { return LineOf(table_); }
  void SetWhere(std::string where) { where_ = std::move(where); }
  const std::string& Where() const { return where_; }

  std::string String(std::string_view key, bool required);
  std::optional<double> Number(std::string_view key, bool required);
  std::optional<bool> Bool(std::string_view key);
  std::optional<core::Date> Date(std::string_view key);
  std::vector<std::string> Strings(std::string_view key);
  const toml::array* Tables(std::string_view key);
  // Refuses every key of the table that no getter asked for.
  void CheckUnknown();

 protected:
  TomlProblems& problems_;
  const toml::table& table_;
  std::string where_;

 private:
  std::set<std::string> seen_;
};

}  // namespace incunet::domain::standards
