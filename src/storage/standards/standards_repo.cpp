#include "storage/standards/standards_repo.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "storage/registry/scope_sql.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

namespace sa = app::standards;
using domain::registry::Id;

namespace {

constexpr std::size_t kChunk = 500;

// Runs `sql`, whose '?' marks are bound in order to `params`, calling fn per row.
void Query(soci::session& s, const std::string& sql, const std::vector<std::string>& params,
           const std::function<void(const soci::row&)>& fn) {
  std::string out;
  std::size_t k = 0;
  for (char ch : sql) {
    if (ch == '?' && k < params.size())
      out += ":p" + std::to_string(k++);
    else
      out += ch;
  }
  soci::row row;
  soci::statement st(s);
  st.alloc();
  for (const auto& p : params) st.exchange(soci::use(p));
  st.exchange(soci::into(row));
  st.prepare(out);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) fn(row);
}

template <typename Fn>
void ForChunks(const std::vector<Id>& ids, Fn fn) {
  for (std::size_t i = 0; i < ids.size(); i += kChunk) {
    std::vector<Id> part(ids.begin() + i, ids.begin() + std::min(ids.size(), i + kChunk));
    fn("(" + JoinIds(part) + ")");
  }
}

std::vector<std::string> SplitDomains(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string Bool(bool b) { return b ? "1" : "0"; }

const char* kVersionCols =
    "id, rule_set_id, version, name_zh, name_en, subject, kind, level, jurisdiction, "
    "effective_from, effective_to, provisional, status, origin, file_name, toml, overrides_json, "
    "based_on_version, created_at, created_by";

sa::RuleSetVersionRow VersionFromRow(const soci::row& r) {
  sa::RuleSetVersionRow v;
  v.row_id = GetInt(r, "id");
  v.rule_set_id = GetStr(r, "rule_set_id");
  v.version = static_cast<int>(GetInt(r, "version"));
  v.name_zh = GetStr(r, "name_zh");
  v.name_en = GetStr(r, "name_en");
  v.subject = GetStr(r, "subject");
  v.kind = GetStr(r, "kind");
  v.level = GetStr(r, "level");
  v.jurisdiction = GetStr(r, "jurisdiction");
  v.effective_from = GetOptStr(r, "effective_from");
  v.effective_to = GetOptStr(r, "effective_to");
  v.provisional = GetInt(r, "provisional") != 0;
  v.status = GetStr(r, "status");
  v.origin = GetStr(r, "origin");
  v.file_name = GetStr(r, "file_name");
  v.toml = GetStr(r, "toml");
  v.overrides_json = GetStr(r, "overrides_json");
  v.based_on_version = static_cast<int>(GetInt(r, "based_on_version"));
  v.created_at = GetStr(r, "created_at");
  v.created_by = GetStr(r, "created_by");
  return v;
}

// Active on date ?: admitted or started by then, not ended by then (history-aware, so a past
// date sees the stays of that day).
const char* kActive =
    "(i.state <> 'applied' AND COALESCE(i.started_on, i.admitted_on) <= ? AND "
    "(i.ended_on IS NULL OR i.ended_on > ?))";
const char* kGraduated = "(i.state = 'graduated' AND i.ended_on <= ?)";

std::string HasQualification(const char* kind) {
  return fmt::format(
      "EXISTS (SELECT 1 FROM qualifications q WHERE q.enterprise_id = i.enterprise_id AND "
      "q.kind = '{}' AND q.valid_from <= ? AND (q.valid_to IS NULL OR q.valid_to >= ?))",
      kind);
}

// Who may read a stored verdict: the subject's region (or its carrier's), the carrier's
// operators, the enterprise's members; public visitors none.
void AddVerdictScope(Where& w, const app::Scope& s) {
  using Kind = app::Scope::Kind;
  switch (s.kind) {
    case Kind::kNational:
      return;
    case Kind::kRegion: {
      std::string like = LikeEscape(s.region_prefix) + "%";
      w.Add(
          "v.region_code LIKE ? ESCAPE '\\' OR v.carrier_id IN (SELECT id FROM carriers WHERE "
          "region_code LIKE ? ESCAPE '\\')",
          {like, like});
      return;
    }
    case Kind::kCarriers:
      w.Add("v.carrier_id IN (" + JoinIds(s.carrier_ids) + ")");
      return;
    case Kind::kEnterprises:
      w.Add("v.subject_type = 'enterprise' AND v.subject_id IN (" + JoinIds(s.enterprise_ids) +
            ")");
      return;
    case Kind::kPublic:
    case Kind::kNone:
      w.Never();
      return;
  }
}

const char* kVerdictCols =
    "v.id, v.rule_set_id, v.rule_set_version, v.rule_set_kind, v.subject_type, v.subject_id, "
    "v.as_of, v.region_code, v.carrier_id, v.outcome, v.grade, v.score, v.provisional, "
    "v.evaluated_at";

sa::StoredVerdict VerdictFromRow(const soci::row& r, bool with_json) {
  sa::StoredVerdict v;
  v.id = GetInt(r, "id");
  v.rule_set_id = GetStr(r, "rule_set_id");
  v.rule_set_version = static_cast<int>(GetInt(r, "rule_set_version"));
  v.rule_set_kind = GetStr(r, "rule_set_kind");
  v.subject_type = GetStr(r, "subject_type");
  v.subject_id = GetInt(r, "subject_id");
  v.as_of = GetStr(r, "as_of");
  v.region_code = GetStr(r, "region_code");
  if (r.get_indicator("carrier_id") != soci::i_null) v.carrier_id = GetInt(r, "carrier_id");
  v.outcome = GetStr(r, "outcome");
  v.grade = GetStr(r, "grade");
  v.score = GetDouble(r, "score");
  v.provisional = GetInt(r, "provisional") != 0;
  v.evaluated_at = GetStr(r, "evaluated_at");
  if (with_json) v.result_json = GetStr(r, "result_json");
  return v;
}

}  // namespace

// ---------------- rule-set versions ----------------

std::vector<sa::RuleSetVersionRow> SqlStandardsRepo::ListVersions(const std::string& id) {
  std::vector<sa::RuleSetVersionRow> out;
  std::string sql = std::string("SELECT ") + kVersionCols + " FROM rule_set_versions";
  std::vector<std::string> params;
  if (!id.empty()) {
    sql += " WHERE rule_set_id = ?";
    params.push_back(id);
  }
  sql += " ORDER BY " + SortCol(d_, "rule_set_id") + ", version";
  Query(s_, sql, params, [&](const soci::row& r) { out.push_back(VersionFromRow(r)); });
  return out;
}

std::optional<sa::RuleSetVersionRow> SqlStandardsRepo::FindVersion(const std::string& id,
                                                                   int version) {
  std::optional<sa::RuleSetVersionRow> out;
  Query(
      s_,
      std::string("SELECT ") + kVersionCols +
          " FROM rule_set_versions WHERE rule_set_id = ? AND version = " + std::to_string(version),
      {id}, [&](const soci::row& r) { out = VersionFromRow(r); });
  return out;
}

int SqlStandardsRepo::MaxVersion(const std::string& id) {
  int v = 0;
  Query(s_, "SELECT MAX(version) AS v FROM rule_set_versions WHERE rule_set_id = ?", {id},
        [&](const soci::row& r) { v = static_cast<int>(GetInt(r, "v")); });
  return v;
}

bool SqlStandardsRepo::HasShippedFile(const std::string& file_name) {
  bool found = false;
  Query(s_, "SELECT 1 AS x FROM rule_set_versions WHERE origin = 'shipped' AND file_name = ?",
        {file_name}, [&](const soci::row&) { found = true; });
  return found;
}

Id SqlStandardsRepo::InsertVersion(const sa::RuleSetVersionRow& r) {
  return InsertReturningId(
      s_,
      "INSERT INTO rule_set_versions(rule_set_id, version, name_zh, name_en, subject, kind, "
      "level, jurisdiction, effective_from, effective_to, provisional, status, origin, file_name, "
      "toml, overrides_json, based_on_version, created_at, created_by) VALUES (:p0, :p1, :p2, "
      ":p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, :p15, :p16, :p17, :p18)",
      {r.rule_set_id, std::to_string(r.version), r.name_zh, r.name_en, r.subject, r.kind, r.level,
       r.jurisdiction, r.effective_from, r.effective_to, Bool(r.provisional), r.status, r.origin,
       r.file_name, r.toml, r.overrides_json.empty() ? "{}" : r.overrides_json,
       std::to_string(r.based_on_version), r.created_at, r.created_by});
}

// ---------------- facts ----------------

std::vector<sa::CarrierFact> SqlStandardsRepo::Facts(const std::vector<Id>& ids,
                                                     const std::string& as_of) {
  std::vector<sa::CarrierFact> out;
  ForChunks(ids, [&](const std::string& in) {
    std::string sql =
        "SELECT carrier_id, indicator, as_of, value, source_note, updated_at, updated_by FROM "
        "carrier_facts WHERE carrier_id IN " +
        in;
    std::vector<std::string> params;
    if (!as_of.empty()) {
      sql += " AND as_of <= ?";
      params.push_back(as_of);
    }
    sql += " ORDER BY carrier_id, " + SortCol(d_, "indicator") + ", as_of";
    Query(s_, sql, params, [&](const soci::row& r) {
      out.push_back({GetInt(r, "carrier_id"), GetStr(r, "indicator"), GetStr(r, "as_of"),
                     GetDouble(r, "value"), GetStr(r, "source_note"), GetStr(r, "updated_at"),
                     GetStr(r, "updated_by")});
    });
  });
  // Oldest first across indicators, so a caller keeping the last value per indicator gets the
  // latest one.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.carrier_id, a.as_of) < std::tie(b.carrier_id, b.as_of);
  });
  return out;
}

void SqlStandardsRepo::UpsertFact(const sa::CarrierFact& f) {
  Exec(s_,
       "INSERT INTO carrier_facts(carrier_id, indicator, as_of, value, source_note, updated_at, "
       "updated_by) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6) ON CONFLICT (carrier_id, "
       "indicator, as_of) DO UPDATE SET value = excluded.value, source_note = "
       "excluded.source_note, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
       {std::to_string(f.carrier_id), f.indicator, f.as_of, Num(f.value), f.source_note,
        f.updated_at, f.updated_by});
}

bool SqlStandardsRepo::DeleteFact(Id carrier_id, const std::string& indicator,
                                  const std::string& as_of) {
  return Exec(s_,
              "DELETE FROM carrier_facts WHERE carrier_id = " + std::to_string(carrier_id) +
                  " AND indicator = :p0 AND as_of = :p1",
              {indicator, as_of}) > 0;
}

// ---------------- registry records ----------------

std::set<std::string> SqlStandardsRepo::HardshipCounties() {
  std::set<std::string> out;
  Query(s_, "SELECT region_code FROM hardship_counties", {},
        [&](const soci::row& r) { out.insert(GetStr(r, "region_code")); });
  return out;
}

std::vector<sa::HardshipCounty> SqlStandardsRepo::ListHardshipCounties() {
  std::vector<sa::HardshipCounty> out;
  Query(s_,
        "SELECT h.region_code, r.name, h.note, h.provisional FROM hardship_counties h "
        "JOIN regions r ON r.code = h.region_code ORDER BY h.region_code",
        {}, [&](const soci::row& r) {
          out.push_back({GetStr(r, "region_code"), GetStr(r, "name"), GetStr(r, "note"),
                         GetInt(r, "provisional") != 0});
        });
  return out;
}

void SqlStandardsRepo::ReplaceHardshipCounties(const std::vector<sa::HardshipCounty>& rows) {
  Exec(s_, "DELETE FROM hardship_counties", {});
  for (const auto& h : rows)
    Exec(s_,
         std::string("INSERT INTO hardship_counties(region_code, note, provisional) VALUES "
                     "(:p0, :p1, ") +
             (h.provisional ? "1" : "0") + ")",
         {h.region_code, h.note});
}

std::map<Id, sa::CarrierAggregates> SqlStandardsRepo::Aggregates(const std::vector<Id>& ids,
                                                                 const std::string& as_of) {
  std::map<Id, sa::CarrierAggregates> out;
  std::string active = kActive, grad = kGraduated;
  std::string ht = HasQualification("high_tech"), sme = HasQualification("tech_sme");
  std::string listed =
      "EXISTS (SELECT 1 FROM listings l WHERE l.enterprise_id = i.enterprise_id AND "
      "l.listed_on <= ?)";
  // Each '?' is the date; the year for graduates_year is its first four characters.
  std::string select = fmt::format(
      "SELECT i.carrier_id AS cid, "
      "SUM(CASE WHEN {0} THEN 1 ELSE 0 END) AS incubatees, "
      "SUM(CASE WHEN {1} THEN 1 ELSE 0 END) AS graduates, "
      "SUM(CASE WHEN {1} AND substr(i.ended_on, 1, 4) = ? THEN 1 ELSE 0 END) AS graduates_year, "
      "SUM(CASE WHEN {1} AND {2} THEN 1 ELSE 0 END) AS graduates_listed, "
      "SUM(CASE WHEN {0} AND {3} THEN 1 ELSE 0 END) AS high_tech, "
      "SUM(CASE WHEN {0} AND {4} THEN 1 ELSE 0 END) AS tech_sme, "
      "SUM(CASE WHEN {0} AND ({3} OR {4}) THEN 1 ELSE 0 END) AS either, "
      "SUM(CASE WHEN {0} THEN e.employees ELSE 0 END) AS employees "
      "FROM incubations i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.carrier_id IN ",
      active, grad, listed, ht, sme);
  // Parameters in order of the '?' marks above.
  std::vector<std::string> params;
  std::string year = as_of.substr(0, 4);
  auto dates = [&](int n) {
    for (int k = 0; k < n; ++k) params.push_back(as_of);
  };
  dates(2);                          // incubatees
  dates(1);                          // graduates
  dates(1), params.push_back(year);  // graduates_year
  dates(1), dates(1);                // graduates_listed
  dates(2), dates(2);                // high_tech
  dates(2), dates(2);                // tech_sme
  dates(2), dates(2), dates(2);      // either
  dates(2);                          // employees
  ForChunks(ids, [&](const std::string& in) {
    Query(s_, select + in + " GROUP BY i.carrier_id", params, [&](const soci::row& r) {
      auto& a = out[GetInt(r, "cid")];
      a.incubatees = GetInt(r, "incubatees");
      a.graduates_cumulative = GetInt(r, "graduates");
      a.graduates_year = GetInt(r, "graduates_year");
      a.graduates_listed = GetInt(r, "graduates_listed");
      a.high_tech = GetInt(r, "high_tech");
      a.tech_sme = GetInt(r, "tech_sme");
      a.high_tech_or_tech_sme = GetInt(r, "either");
      a.employees = GetInt(r, "employees");
    });
    Query(s_,
          std::string("SELECT i.carrier_id AS cid, e.industry AS ind, COUNT(*) AS n FROM "
                      "incubations i JOIN enterprises e ON e.id = i.enterprise_id WHERE ") +
              active + " AND e.industry IS NOT NULL AND e.industry <> '' AND i.carrier_id IN " +
              in + " GROUP BY i.carrier_id, e.industry",
          {as_of, as_of}, [&](const soci::row& r) {
            auto& a = out[GetInt(r, "cid")];
            a.incubatees_same_industry = std::max(a.incubatees_same_industry, GetInt(r, "n"));
          });
  });
  return out;
}

std::vector<sa::IncubateeRecord> SqlStandardsRepo::Incubatees(const app::Scope& s,
                                                              const sa::IncubateeQuery& q,
                                                              const std::string& as_of) {
  std::vector<sa::IncubateeRecord> out;
  Where w;
  w.Add(kActive, {as_of, as_of});
  AddIncubationScope(w, s, "i");
  if (!q.region.empty()) w.Add("c.region_code LIKE ? ESCAPE '\\'", {LikeEscape(q.region) + "%"});
  if (q.carrier_id) w.Add("i.carrier_id = " + std::to_string(*q.carrier_id));
  if (q.enterprise_id) w.Add("i.enterprise_id = " + std::to_string(*q.enterprise_id));
  ForEachRow(s_,
             "SELECT i.id AS iid, i.enterprise_id, i.carrier_id, i.state, i.admitted_on, "
             "i.started_on, e.name AS ename, e.founded_on, e.is_team, e.domains, e.region_code "
             "AS eregion, c.name AS cname, c.region_code AS cregion FROM incubations i JOIN "
             "enterprises e ON e.id = i.enterprise_id JOIN carriers c ON c.id = i.carrier_id" +
                 w.Sql() + " ORDER BY i.id",
             w, [&](const soci::row& r) {
               sa::IncubateeRecord x;
               x.incubation_id = GetInt(r, "iid");
               x.enterprise_id = GetInt(r, "enterprise_id");
               x.carrier_id = GetInt(r, "carrier_id");
               x.state = GetStr(r, "state");
               x.admitted_on = GetStr(r, "admitted_on");
               x.started_on = GetStr(r, "started_on");
               x.enterprise_name = GetStr(r, "ename");
               x.founded_on = GetStr(r, "founded_on");
               x.is_team = GetInt(r, "is_team") != 0;
               x.domains = SplitDomains(GetStr(r, "domains"));
               x.enterprise_region = GetStr(r, "eregion");
               x.carrier_name = GetStr(r, "cname");
               x.carrier_region = GetStr(r, "cregion");
               out.push_back(std::move(x));
             });
  if (out.empty()) return out;
  std::map<Id, std::vector<std::size_t>> by_enterprise;
  std::vector<Id> eids;
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& v = by_enterprise[out[i].enterprise_id];
    if (v.empty()) eids.push_back(out[i].enterprise_id);
    v.push_back(i);
  }
  ForChunks(eids, [&](const std::string& in) {
    Query(s_,
          "SELECT enterprise_id, kind, valid_from, valid_to FROM qualifications WHERE "
          "enterprise_id IN " +
              in + " ORDER BY id",
          {}, [&](const soci::row& r) {
            domain::registry::Qualification qa{GetStr(r, "kind"), GetStr(r, "valid_from"),
                                               GetOptStr(r, "valid_to")};
            for (auto i : by_enterprise[GetInt(r, "enterprise_id")])
              out[i].qualifications.push_back(qa);
          });
    Query(s_,
          "SELECT enterprise_id, board, code, listed_on FROM listings WHERE enterprise_id IN " +
              in + " ORDER BY id",
          {}, [&](const soci::row& r) {
            domain::registry::Listing l{GetStr(r, "board"), GetStr(r, "code"),
                                        GetStr(r, "listed_on")};
            for (auto i : by_enterprise[GetInt(r, "enterprise_id")]) out[i].listings.push_back(l);
          });
  });
  return out;
}

// ---------------- verdicts ----------------

std::optional<sa::StoredVerdict> SqlStandardsRepo::FindVerdictByKey(const std::string& rule_set_id,
                                                                    int version,
                                                                    const std::string& subject_type,
                                                                    Id subject_id,
                                                                    const std::string& as_of) {
  std::optional<sa::StoredVerdict> out;
  Query(s_,
        std::string("SELECT ") + kVerdictCols +
            ", v.result_json FROM verdicts v WHERE v.rule_set_id = ? AND v.rule_set_version = " +
            std::to_string(version) + " AND v.subject_type = ? AND v.subject_id = " +
            std::to_string(subject_id) + " AND v.as_of = ?",
        {rule_set_id, subject_type, as_of},
        [&](const soci::row& r) { out = VerdictFromRow(r, true); });
  return out;
}

std::optional<sa::StoredVerdict> SqlStandardsRepo::FindVerdict(const app::Scope& s, Id id) {
  std::optional<sa::StoredVerdict> out;
  Where w;
  w.Add("v.id = " + std::to_string(id));
  AddVerdictScope(w, s);
  ForEachRow(s_,
             std::string("SELECT ") + kVerdictCols + ", v.result_json FROM verdicts v" + w.Sql(), w,
             [&](const soci::row& r) { out = VerdictFromRow(r, true); });
  return out;
}

Id SqlStandardsRepo::InsertVerdict(const sa::StoredVerdict& v) {
  return InsertReturningId(
      s_,
      "INSERT INTO verdicts(rule_set_id, rule_set_version, rule_set_kind, subject_type, "
      "subject_id, as_of, region_code, carrier_id, outcome, grade, score, provisional, "
      "result_json, evaluated_at) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, "
      ":p10, :p11, :p12, :p13)",
      {v.rule_set_id, std::to_string(v.rule_set_version), v.rule_set_kind, v.subject_type,
       std::to_string(v.subject_id), v.as_of, v.region_code,
       v.carrier_id ? Param(std::to_string(*v.carrier_id)) : Param(), v.outcome, v.grade,
       Num(v.score), Bool(v.provisional), v.result_json, v.evaluated_at});
}

void SqlStandardsRepo::UpdateVerdict(const sa::StoredVerdict& v) {
  Exec(s_,
       "UPDATE verdicts SET region_code = :p0, carrier_id = :p1, outcome = :p2, grade = :p3, "
       "score = :p4, provisional = :p5, result_json = :p6, evaluated_at = :p7 WHERE id = " +
           std::to_string(v.id),
       {v.region_code, v.carrier_id ? Param(std::to_string(*v.carrier_id)) : Param(), v.outcome,
        v.grade, Num(v.score), Bool(v.provisional), v.result_json, v.evaluated_at});
}

app::Page<sa::StoredVerdict> SqlStandardsRepo::ListVerdicts(const app::Scope& s,
                                                            const sa::VerdictQuery& q,
                                                            const app::PageRequest& p) {
  app::Page<sa::StoredVerdict> page;
  Where w;
  AddVerdictScope(w, s);
  if (!q.subject_type.empty()) w.Add("v.subject_type = ?", {q.subject_type});
  if (q.subject_id) w.Add("v.subject_id = " + std::to_string(*q.subject_id));
  if (!q.rule_set_id.empty()) w.Add("v.rule_set_id = ?", {q.rule_set_id});
  if (!q.region.empty()) w.Add("v.region_code LIKE ? ESCAPE '\\'", {LikeEscape(q.region) + "%"});
  page.total = QueryCount(s_, "SELECT COUNT(*) FROM verdicts v" + w.Sql(), w);
  // Newest first, keyset on id.
  if (!p.cursor.empty()) {
    std::string key;
    std::int64_t id = 0;
    if (!DecodeCursor(p.cursor, &key, &id)) return page;
    w.Add("v.id < " + std::to_string(id));
  }
  ForEachRow(s_,
             std::string("SELECT ") + kVerdictCols + " FROM verdicts v" + w.Sql() +
                 fmt::format(" ORDER BY v.id DESC LIMIT {}", p.limit + 1),
             w, [&](const soci::row& r) { page.items.push_back(VerdictFromRow(r, false)); });
  if (static_cast<int>(page.items.size()) > p.limit) {
    page.items.resize(p.limit);
    page.next_cursor = EncodeCursor("", page.items.back().id);
  }
  return page;
}

std::vector<sa::StoredVerdict> SqlStandardsRepo::EvaluationHistory(const std::vector<Id>& ids) {
  std::vector<sa::StoredVerdict> out;
  ForChunks(ids, [&](const std::string& in) {
    Query(s_,
          std::string("SELECT ") + kVerdictCols +
              " FROM verdicts v WHERE v.rule_set_kind = 'evaluation' AND v.subject_type = "
              "'carrier' AND v.subject_id IN " +
              in + " ORDER BY v.subject_id, v.as_of, v.rule_set_version",
          {}, [&](const soci::row& r) { out.push_back(VerdictFromRow(r, false)); });
  });
  return out;
}

}  // namespace incunet::storage
