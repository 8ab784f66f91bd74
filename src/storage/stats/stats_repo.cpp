#include "storage/stats/stats_repo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
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
      for (std::size_t i = 0; i < NI; ++i)
        row_i[i] = int_ind[i][r] == soci::i_null ? 0 : ints[i][r];
      for (std::size_t i = 0; i < NS; ++i)
        row_s[i] =
            str_ind[i][r] == soci::i_null ? std::string_view() : std::string_view(strs[i][r]);
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

// The queries of LoadFacts; {} is a filter (empty for every row, or an IN list of ids).
constexpr const char* kCarrierSql =
    "SELECT id, kind, region_code, founded_on, closed_on FROM carriers {} ORDER BY id";
constexpr const char* kRecognitionSql =
    "SELECT carrier_id, level, valid_from, valid_to FROM recognitions {}";
constexpr const char* kOverseasSql = "SELECT carrier_id, country_code FROM overseas_sites {}";
constexpr const char* kEventSql =
    "SELECT carrier_id, COUNT(*) AS n, substr(held_on, 1, 4) AS y FROM events {} GROUP BY "
    "carrier_id, substr(held_on, 1, 4)";
constexpr const char* kEnterpriseSql =
    "SELECT id, CASE WHEN uscc IS NULL THEN 0 ELSE 1 END AS registered, is_team, employees, "
    "region_code FROM enterprises {} ORDER BY id";
constexpr const char* kTechSql =
    "SELECT enterprise_id, MIN(valid_from) FROM qualifications WHERE kind IN ('tech_sme', "
    "'high_tech') {} GROUP BY enterprise_id";
constexpr const char* kListedSql =
    "SELECT enterprise_id, MIN(listed_on) FROM listings WHERE 1=1 {} GROUP BY enterprise_id";
constexpr const char* kStarSql =
    "SELECT enterprise_id, MIN(listed_on) FROM listings WHERE board = 'star' {} GROUP BY "
    "enterprise_id";
constexpr const char* kFinancedSql =
    "SELECT enterprise_id, MIN(financed_on) FROM financings WHERE 1=1 {} GROUP BY enterprise_id";
// A stay that ended without an end date (not written by this platform) ends when admitted.
constexpr const char* kStaySql =
    "SELECT enterprise_id, carrier_id, CASE WHEN state = 'graduated' THEN 1 ELSE 0 END AS "
    "graduated, admitted_on, CASE WHEN ended_on IS NULL AND state NOT IN ('applied', 'admitted', "
    "'incubating') THEN admitted_on ELSE ended_on END AS ended FROM incubations {}";

st::CarrierFact CarrierOf(const std::array<long long, 1>& i,
                          const std::array<std::string_view, 4>& s,
                          const std::function<std::int32_t(std::string_view)>& node_of) {
  st::CarrierFact c;
  c.id = i[0];
  c.kind = st::ParseCarrierKind(s[0]);
  c.region = node_of(s[1]);
  c.founded = st::ParseDay(s[2]);
  c.closed = s[3].empty() ? st::kNever : st::ParseDay(s[3]);
  return c;
}

st::RecognitionFact RecognitionOf(const std::array<std::string_view, 3>& s) {
  return {st::ParseRecognitionLevel(s[0]), st::ParseDay(s[1]),
          s[2].empty() ? st::kNever : st::ParseDay(s[2])};
}

st::EnterpriseFact EnterpriseOf(const std::array<long long, 4>& i,
                                const std::array<std::string_view, 1>& s,
                                const std::function<std::int32_t(std::string_view)>& node_of) {
  st::EnterpriseFact e;
  e.id = i[0];
  e.registered = i[1] != 0;
  e.team = i[2] != 0;
  e.employees = static_cast<std::int32_t>(i[3]);
  e.seat = node_of(s[0]);
  return e;
}

st::StayRow StayOf(const std::array<long long, 3>& i, const std::array<std::string_view, 2>& s) {
  return {i[0], i[1], s[0].empty() ? st::kNever : st::ParseDay(s[0]),
          s[1].empty() ? st::kNever : st::ParseDay(s[1]), i[2] != 0};
}

// Runs fn(" IN (…)") for the ids in chunks (integers, so formatting them is safe).
constexpr std::size_t kChunk = 500;
template <typename Fn>
void ForIdChunks(const std::vector<std::int64_t>& ids, Fn fn) {
  for (std::size_t from = 0; from < ids.size(); from += kChunk) {
    std::string list = " IN (";
    for (std::size_t k = from; k < std::min(ids.size(), from + kChunk); ++k)
      list += (k > from ? "," : "") + std::to_string(ids[k]);
    fn(list + ")");
  }
}

}  // namespace

std::int64_t SqlStatsRepo::Generation() {
  long long v = 0;
  s_ << "SELECT last_id FROM audit_head WHERE id = 1", soci::into(v);
  return v;
}

std::int64_t SqlStatsRepo::ChangeSeq() {
  long long v = 0;
  soci::indicator ind = soci::i_ok;
  s_ << "SELECT MAX(seq) FROM stats_changes", soci::into(v, ind);
  return ind == soci::i_ok ? v : 0;
}

std::optional<app::stats::Changes> SqlStatsRepo::ChangesSince(std::int64_t generation,
                                                              std::size_t limit) {
  app::stats::Changes c;
  c.generation = generation;
  std::size_t n = 0;
  Stream<2, 1>(s_,
               fmt::format("SELECT ref, seq, kind FROM stats_changes WHERE seq > {} ORDER BY seq "
                           "LIMIT {}",
                           generation, limit + 1),
               [&](const auto& i, const auto& s) {
                 ++n;
                 c.generation = std::max<std::int64_t>(c.generation, i[1]);
                 if (s[0] == "c")
                   c.carriers.push_back(i[0]);
                 else if (s[0] == "e")
                   c.enterprises.push_back(i[0]);
                 else
                   c.regions = true;
               });
  if (n > limit) return std::nullopt;
  for (auto* v : {&c.carriers, &c.enterprises}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return c;
}

void SqlStatsRepo::LoadCarriers(const st::Facts& base, st::FactsPatch& p) {
  auto node_of = [&](std::string_view code) { return code.empty() ? -1 : base.FindRegion(code); };
  std::vector<std::pair<std::int64_t, st::RecognitionFact>> recognitions;
  std::vector<std::pair<std::int64_t, std::string>> sites;
  ForIdChunks(p.carrier_ids, [&](const std::string& in) {
    Stream<1, 4>(s_, fmt::format(kCarrierSql, "WHERE id" + in), [&](const auto& i, const auto& s) {
      p.carriers.push_back(CarrierOf(i, s, node_of));
    });
    Stream<1, 3>(
        s_, fmt::format(kRecognitionSql, "WHERE carrier_id" + in),
        [&](const auto& i, const auto& s) { recognitions.emplace_back(i[0], RecognitionOf(s)); });
    Stream<1, 1>(
        s_, fmt::format(kOverseasSql, "WHERE carrier_id" + in),
        [&](const auto& i, const auto& s) { sites.emplace_back(i[0], std::string(s[0])); });
    Stream<2, 1>(s_, fmt::format(kEventSql, "WHERE carrier_id" + in),
                 [&](const auto& i, const auto& s) {
                   if (s[0].size() == 4)
                     p.events.push_back({i[0], std::stoi(std::string(s[0])), i[1]});
                 });
  });
  std::sort(p.carriers.begin(), p.carriers.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& [id, r] : recognitions) {
    auto ci = IndexOf(p.carriers, id);
    if (ci >= 0 && r.level != 255) p.carriers[ci].recognitions.push_back(r);
  }
  for (const auto& [id, code] : sites) {
    auto ci = IndexOf(p.carriers, id);
    if (ci < 0) continue;
    auto it = std::find(p.countries.begin(), p.countries.end(), code);
    if (it == p.countries.end()) it = p.countries.insert(p.countries.end(), code);
    p.carriers[ci].countries.push_back(static_cast<std::uint16_t>(it - p.countries.begin()));
  }
}

void SqlStatsRepo::LoadEnterprises(const st::Facts& base, st::FactsPatch& p) {
  auto node_of = [&](std::string_view code) { return code.empty() ? -1 : base.FindRegion(code); };
  std::vector<std::pair<std::int64_t, std::string>> tech, listed, star, financed;
  ForIdChunks(p.enterprise_ids, [&](const std::string& in) {
    Stream<4, 1>(s_, fmt::format(kEnterpriseSql, "WHERE id" + in),
                 [&](const auto& i, const auto& s) {
                   p.enterprises.push_back(EnterpriseOf(i, s, node_of));
                 });
    for (auto [sql, out] : {std::pair{kTechSql, &tech}, std::pair{kListedSql, &listed},
                            std::pair{kStarSql, &star}, std::pair{kFinancedSql, &financed}})
      Stream<1, 1>(s_, fmt::format(fmt::runtime(sql), "AND enterprise_id" + in),
                   [&, out = out](const auto& i, const auto& s) {
                     out->emplace_back(i[0], std::string(s[0]));
                   });
    Stream<3, 2>(s_, fmt::format(kStaySql, "WHERE enterprise_id" + in),
                 [&](const auto& i, const auto& s) { p.stays.push_back(StayOf(i, s)); });
  });
  std::sort(p.enterprises.begin(), p.enterprises.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  for (auto [rows, member] : {std::pair{&tech, &st::EnterpriseFact::tech_since},
                              std::pair{&listed, &st::EnterpriseFact::listed_since},
                              std::pair{&star, &st::EnterpriseFact::star_since},
                              std::pair{&financed, &st::EnterpriseFact::financed_since}})
    for (const auto& [id, day] : *rows) {
      auto ei = IndexOf(p.enterprises, id);
      if (ei >= 0 && !day.empty()) p.enterprises[ei].*member = st::ParseDay(day);
    }
}

st::Facts SqlStatsRepo::LoadFacts() {
  st::Facts f;
  std::vector<core::RegionRow> rows;
  ForEachRow(s_, "SELECT code, parent_code, level, name, name_en, flags FROM regions ORDER BY code",
             Where(), [&](const soci::row& r) {
               auto level = core::ParseRegionLevel(GetStr(r, "level"));
               if (!level) return;
               rows.push_back({GetStr(r, "code"), GetStr(r, "parent_code"), *level,
                               GetStr(r, "name"), GetStr(r, "name_en"), GetStr(r, "flags")});
             });
  f.regions = st::RegionNodes(rows);
  std::map<std::string, std::int32_t, std::less<>> node;
  for (std::size_t i = 0; i < f.regions.size(); ++i)
    node.emplace(f.regions[i].code, static_cast<std::int32_t>(i));
  auto node_of = [&](std::string_view code) {
    auto it = node.find(code);
    return it == node.end() ? -1 : it->second;
  };

  Stream<1, 4>(s_, fmt::format(kCarrierSql, ""), [&](const auto& i, const auto& s) {
    f.carriers.push_back(CarrierOf(i, s, node_of));
  });
  Stream<1, 3>(s_, fmt::format(kRecognitionSql, ""), [&](const auto& i, const auto& s) {
    auto ci = IndexOf(f.carriers, i[0]);
    auto r = RecognitionOf(s);
    if (ci >= 0 && r.level != 255) f.carriers[ci].recognitions.push_back(r);
  });
  std::map<std::string, std::uint16_t, std::less<>> country;
  Stream<1, 1>(s_, fmt::format(kOverseasSql, ""), [&](const auto& i, const auto& s) {
    auto ci = IndexOf(f.carriers, i[0]);
    if (ci < 0) return;
    auto it = country.find(s[0]);
    if (it == country.end()) {
      it = country.emplace(std::string(s[0]), f.countries.size()).first;
      f.countries.emplace_back(s[0]);
    }
    f.carriers[ci].countries.push_back(it->second);
  });

  Stream<4, 1>(s_, fmt::format(kEnterpriseSql, ""), [&](const auto& i, const auto& s) {
    f.enterprises.push_back(EnterpriseOf(i, s, node_of));
  });
  auto set_min = [&](const char* sql, auto member) {
    Stream<1, 1>(s_, fmt::format(fmt::runtime(sql), ""), [&](const auto& i, const auto& s) {
      auto ei = IndexOf(f.enterprises, i[0]);
      if (ei >= 0 && !s[0].empty()) f.enterprises[ei].*member = st::ParseDay(s[0]);
    });
  };
  set_min(kTechSql, &st::EnterpriseFact::tech_since);
  set_min(kListedSql, &st::EnterpriseFact::listed_since);
  set_min(kStarSql, &st::EnterpriseFact::star_since);
  set_min(kFinancedSql, &st::EnterpriseFact::financed_since);

  Stream<3, 2>(s_, fmt::format(kStaySql, ""), [&](const auto& i, const auto& s) {
    st::StayRow r = StayOf(i, s);
    st::StayFact x;
    x.enterprise = IndexOf(f.enterprises, r.enterprise_id);
    x.carrier = IndexOf(f.carriers, r.carrier_id);
    if (x.enterprise < 0 || x.carrier < 0) return;
    x.graduated = r.graduated;
    x.admitted = r.admitted;
    x.ended = r.ended;
    f.stays.push_back(x);
  });
  Stream<2, 1>(s_, fmt::format(kEventSql, ""), [&](const auto& i, const auto& s) {
    auto ci = IndexOf(f.carriers, i[0]);
    if (ci < 0 || s[0].size() != 4) return;
    f.events.push_back({ci, std::stoi(std::string(s[0])), i[1]});
  });
  f.Index();
  return f;
}

}  // namespace incunet::storage
