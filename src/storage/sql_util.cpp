#include "storage/sql_util.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstring>

namespace incunet::storage {

std::int64_t GetInt(const soci::row& r, const std::string& col, std::int64_t def) {
  const auto& p = r.get_properties(col);
  if (r.get_indicator(col) == soci::i_null) return def;
  switch (p.get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(col);
    case soci::dt_long_long:
      return r.get<long long>(col);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(col));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(col));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(col));
    default:
      return def;
  }
}

double GetDouble(const soci::row& r, const std::string& col) {
  if (r.get_indicator(col) == soci::i_null) return 0;
  switch (r.get_properties(col).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(col);
    case soci::dt_integer:
      return r.get<int>(col);
    case soci::dt_long_long:
      return static_cast<double>(r.get<long long>(col));
    case soci::dt_string:
      return std::stod(r.get<std::string>(col));
    default:
      return 0;
  }
}

std::string GetStr(const soci::row& r, const std::string& col) {
  if (r.get_indicator(col) == soci::i_null) return {};
  switch (r.get_properties(col).get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(col);
    case soci::dt_integer:
      return std::to_string(r.get<int>(col));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(col));
    case soci::dt_double:
      return fmt::format("{}", r.get<double>(col));
    default:
      return {};
  }
}

std::optional<std::string> GetOptStr(const soci::row& r, const std::string& col) {
  if (r.get_indicator(col) == soci::i_null) return std::nullopt;
  return GetStr(r, col);
}

Where& Where::Add(const std::string& expr, std::vector<std::string> params) {
  std::string out;
  std::size_t k = 0;
  for (char ch : expr) {
    if (ch == '?' && k < params.size()) {
      out += ":p" + std::to_string(params_.size());
      params_.push_back(std::move(params[k++]));
    } else {
      out += ch;
    }
  }
  conds_.push_back("(" + out + ")");
  return *this;
}

std::string Where::Sql() const {
  if (conds_.empty()) return "";
  std::string s = " WHERE ";
  for (std::size_t i = 0; i < conds_.size(); ++i) {
    if (i) s += " AND ";
    s += conds_[i];
  }
  return s;
}

void Where::Bind(soci::statement& st) const {
  for (const auto& p : params_) st.exchange(soci::use(p));
}

void ForEachRow(soci::session& s, const std::string& sql, const Where& w,
                const std::function<void(const soci::row&)>& fn) {
  soci::row row;
  soci::statement st(s);
  st.alloc();
  w.Bind(st);
  st.exchange(soci::into(row));
  st.prepare(sql);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) fn(row);
}

std::int64_t QueryCount(soci::session& s, const std::string& sql, const Where& w) {
  long long n = 0;
  soci::statement st(s);
  st.alloc();
  w.Bind(st);
  st.exchange(soci::into(n));
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return n;
}

std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::size_t Utf8Length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out.empty() ? "NULL" : out;
}

std::string Num(double v) { return fmt::format("{}", v); }

namespace {
struct Bound {
  std::string value;
  soci::indicator ind;
};
std::vector<Bound> ToBound(const std::vector<Param>& params) {
  std::vector<Bound> b;
  b.reserve(params.size());
  for (const auto& p : params) b.push_back({p.value_or(""), p ? soci::i_ok : soci::i_null});
  return b;
}
}  // namespace

std::int64_t InsertReturningId(soci::session& s, const std::string& sql,
                               const std::vector<Param>& params) {
  long long id = 0;
  auto bound = ToBound(params);
  soci::statement st(s);
  st.alloc();
  for (auto& b : bound) st.exchange(soci::use(b.value, b.ind));
  st.exchange(soci::into(id));
  st.prepare(sql + " RETURNING id");
  st.define_and_bind();
  st.execute(true);
  return id;
}

long long Exec(soci::session& s, const std::string& sql, const std::vector<Param>& params) {
  auto bound = ToBound(params);
  soci::statement st(s);
  st.alloc();
  for (auto& b : bound) st.exchange(soci::use(b.value, b.ind));
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

void AppendCopyText(std::string* buf, std::string_view v) {
  for (char c : v) {
    switch (c) {
      case '\\':
        *buf += "\\\\";
        break;
      case '\t':
        *buf += "\\t";
        break;
      case '\n':
        *buf += "\\n";
        break;
      case '\r':
        *buf += "\\r";
        break;
      default:
        *buf += c;
    }
  }
}

}  // namespace incunet::storage
