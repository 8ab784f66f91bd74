#include "storage/stats/stats_repo.hpp"

#include <algorithm>
#include <map>

#include "storage/sql_util.hpp"

namespace incunet::storage {
namespace {

namespace st = domain::stats;
constexpr std::size_t kBatch = 20000;

// Streams a query whose columns are all integers or text (NULL → 0 / ""), kBatch rows at a time.
template <std::size_t NI, std::size_t NS, typename Fn>
void Stream(soci::session& s, const std::string& sql, Fn fn) {
  std::array<std::vector<long long>, NI> ints;
  std::array<std::vector<soci::indicator>, NI> int_ind;
  std::array<std::vector<std::string>, NS> strs;
  std::array<std::vector<soci::indicator>, NS> str_ind;
  auto reset = [&] {
    for (std::size_t i = 0; i < NI; ++i) ints[i].resize(kBatch), int_ind[i].resize(kBatch);
    for (std::size_t i = 0; i < NS; ++i) strs[i].resize(kBatch), str_ind[i].resize(kBatch);
  };
  reset();
  soci::statement stmt(s);
  stmt.alloc();
  for (std::size_t i = 0; i < NI; ++i) stmt.exchange(soci::into(ints[i], int_ind[i]));
  for (std::size_t i = 0; i < NS; ++i) stmt.exchange(soci::into(strs[i], str_ind[i]));
  stmt.prepare(sql);
  stmt.define_and_bind();
  stmt.execute(false);
  std::array<long long, NI> row_i{};
  std::array<std::string_view, NS> row_s{};
  while (stmt.fetch()) {
    std::size_t n = NI ? ints[0].size() : strs[0].size();
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t i = 0; i < NI; ++i) row_i[i] = int_ind[i][r] == soci::i_null ? 0 : ints[i][r];
      for (std::size_t i = 0; i < NS; ++i)
        row_s[i] = str_ind[i][r] == soci::i_null ? std::string_view() : std::string_view(strs[i][r]);
      fn(row_i, row_s);
    }
    reset();
  }
}

template <typename T>
std::int32_t IndexOf(const std::vector<T>& sorted, std::int64_t id) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                             [](const T& x, std::int64_t v) { return x.id < v; });
  return it != sorted.end() && it->id == id ? static_cast<std::int32_t>(it - sorted.begin()) : -1;
}

}  // namespace

std::int64_t SqlStatsRepo::Generation() {
  long long v = 0;
  s_ << "SELECT last_id FROM audit_head WHERE id = 1", soci::into(v);
  return v;
}

st::Facts SqlStatsRepo::LoadFacts() {
  st::Facts f;
  std::vector<core::RegionRow> rows;
  ForEachRow(s_, "SELECT code, parent_code, level, name, flags FROM regions ORDER BY code", Where(),
             [&](const soci::row& r) {
               auto level = core::ParseRegionLevel(GetStr(r, "level"));
               if (!level) return;
               rows.push_back({GetStr(r, "code"), GetStr(r, "parent_code"), *level,
                               GetStr(r, "name"), "", GetStr(r, "flags")});
             });
  f.regions = st::RegionNodes(rows);
  std::map<std::string, std::int32_t, std::less<>> node;
  for (std::size_t i = 0; i < f.regions.size(); ++i)
    node.emplace(f.regions[i].code, static_cast<std::int32_t>(i));
  auto node_of = [&](std::string_view code) {
    auto it = node.find(code);
    return it == node.end() ? -1 : it->second;
  };

  Stream<1, 4>(s_, "SELECT id, kind, region_code, founded_on, closed_on FROM carriers ORDER BY id",
               [&](const auto& i, const auto& s) {
                 st::CarrierFact c;
                 c.id = i[0];
                 c.kind = st::ParseCarrierKind(s[0]);
                 c.region = node_of(s[1]);
                 c.founded = st::ParseDay(s[2]);
                 c.closed = s[3].empty() ? st::kNever : st::ParseDay(s[3]);
                 f.carriers.push_back(std::move(c));
               });
  Stream<1, 3>(s_, "SELECT carrier_id, level, valid_from, valid_to FROM recognitions",
               [&](const auto& i, const auto& s) {
                 auto ci = IndexOf(f.carriers, i[0]);
                 auto level = st::ParseRecognitionLevel(s[0]);
                 if (ci < 0 || level == 255) return;
                 f.carriers[ci].recognitions.push_back(
                     {level, st::ParseDay(s[1]), s[2].empty() ? st::kNever : st::ParseDay(s[2])});
               });
  std::map<std::string, std::uint16_t, std::less<>> country;
  Stream<1, 1>(s_, "SELECT carrier_id, country_code FROM overseas_sites",
               [&](const auto& i, const auto& s) {
                 auto ci = IndexOf(f.carriers, i[0]);
                 if (ci < 0) return;
                 auto it = country.find(s[0]);
                 if (it == country.end()) {
                   it = country.emplace(std::string(s[0]), f.countries.size()).first;
                   f.countries.emplace_back(s[0]);
                 }
                 f.carriers[ci].countries.push_back(it->second);
               });

  Stream<4, 1>(s_,
               "SELECT id, CASE WHEN uscc IS NULL THEN 0 ELSE 1 END AS registered, is_team, "
               "employees, region_code FROM enterprises ORDER BY id",
               [&](const auto& i, const auto& s) {
                 st::EnterpriseFact e;
                 e.id = i[0];
                 e.registered = i[1] != 0;
                 e.team = i[2] != 0;
                 e.employees = static_cast<std::int32_t>(i[3]);
                 e.seat = node_of(s[0]);
                 f.enterprises.push_back(e);
               });
  auto set_min = [&](const char* sql, auto member) {
    Stream<1, 1>(s_, sql, [&](const auto& i, const auto& s) {
      auto ei = IndexOf(f.enterprises, i[0]);
      if (ei >= 0 && !s[0].empty()) f.enterprises[ei].*member = st::ParseDay(s[0]);
    });
  };
  set_min("SELECT enterprise_id, MIN(valid_from) FROM qualifications WHERE kind IN "
          "('tech_sme', 'high_tech') GROUP BY enterprise_id",
          &st::EnterpriseFact::tech_since);
  set_min("SELECT enterprise_id, MIN(listed_on) FROM listings GROUP BY enterprise_id",
          &st::EnterpriseFact::listed_since);
  set_min("SELECT enterprise_id, MIN(listed_on) FROM listings WHERE board = 'star' GROUP BY "
          "enterprise_id",
          &st::EnterpriseFact::star_since);
  set_min("SELECT enterprise_id, MIN(financed_on) FROM financings GROUP BY enterprise_id",
          &st::EnterpriseFact::financed_since);

  // A stay that ended without an end date (not written by this platform) ends when admitted.
  Stream<3, 2>(s_,
               "SELECT enterprise_id, carrier_id, CASE WHEN state = 'graduated' THEN 1 ELSE 0 "
               "END AS graduated, admitted_on, CASE WHEN ended_on IS NULL AND state NOT IN "
               "('applied', 'admitted', 'incubating') THEN admitted_on ELSE ended_on END AS "
               "ended FROM incubations",
               [&](const auto& i, const auto& s) {
                 st::StayFact x;
                 x.enterprise = IndexOf(f.enterprises, i[0]);
                 x.carrier = IndexOf(f.carriers, i[1]);
                 if (x.enterprise < 0 || x.carrier < 0) return;
                 x.graduated = i[2] != 0;
                 x.admitted = s[0].empty() ? st::kNever : st::ParseDay(s[0]);
                 x.ended = s[1].empty() ? st::kNever : st::ParseDay(s[1]);
                 f.stays.push_back(x);
               });
  Stream<2, 1>(s_,
               "SELECT carrier_id, COUNT(*) AS n, substr(held_on, 1, 4) AS y FROM events GROUP "
               "BY carrier_id, substr(held_on, 1, 4)",
               [&](const auto& i, const auto& s) {
                 auto ci = IndexOf(f.carriers, i[0]);
                 if (ci < 0 || s[0].size() != 4) return;
                 f.events.push_back({ci, std::stoi(std::string(s[0])), i[1]});
               });
  f.Index();
  return f;
}

}  // namespace incunet::storage
