#include "app/standards/internal.hpp"
#include "app/standards/service.hpp"

namespace incunet::app::standards {
using namespace internal;

// ---------------- verdicts ----------------

namespace {

StoredVerdict MakeStored(const st::RuleSet& rs, const st::Verdict& v,
                         const std::string& subject_type, Id subject_id, const std::string& as_of,
                         const std::string& region, std::optional<Id> carrier_id) {
  StoredVerdict s;
  s.rule_set_id = rs.id;
  s.rule_set_version = rs.version;
  s.rule_set_kind = st::RuleKindName(rs.kind);
  s.subject_type = subject_type;
  s.subject_id = subject_id;
  s.as_of = as_of;
  s.region_code = region;
  s.carrier_id = carrier_id;
  s.outcome = st::OutcomeName(v.outcome);
  s.grade = v.grade;
  s.score = v.score;
  s.provisional = v.provisional;
  s.result_json = VerdictText(v);  // the bytes of Dump(VerdictJson(v))
  return s;
}

// Inserts or updates the verdict under its key; an identical stored verdict is left alone.
// Returns true when a row was written.
bool Upsert(Tx& tx, StoredVerdict& v, const std::string& now) {
  auto old = tx.standards().FindVerdictByKey(v.rule_set_id, v.rule_set_version, v.subject_type,
                                             v.subject_id, v.as_of);
  if (old && old->result_json == v.result_json && old->region_code == v.region_code &&
      old->carrier_id == v.carrier_id) {
    v = *old;
    return false;
  }
  v.evaluated_at = now;
  if (old) {
    v.id = old->id;
    tx.standards().UpdateVerdict(v);
  } else {
    v.id = tx.standards().InsertVerdict(v);
  }
  return true;
}

// An enterprise without an active stay is evaluated from its own records.
IncubateeRecord RecordOf(const reg::Enterprise& e) {
  IncubateeRecord r;
  r.enterprise_id = e.id;
  r.enterprise_name = e.name;
  r.enterprise_region = e.region_code;
  r.founded_on = e.founded_on;
  r.is_team = e.is_team;
  r.domains = e.domains;
  r.qualifications = e.qualifications;
  r.listings = e.listings;
  return r;
}

}  // namespace

core::Result<StoredVerdict> StandardsService::EvaluateSubject(const Actor& a,
                                                              const EvaluateRequest& req,
                                                              const std::string& request_id) {
  std::string as_of = req.as_of.empty() ? Today() : req.as_of;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  if (req.subject_type != "carrier" && req.subject_type != "enterprise")
    return Fail(core::InvalidField("invalid_subject_type", "subject_type",
                                   "subject_type 应为 carrier 或 enterprise",
                                   "subject_type must be carrier or enterprise"));
  if (a.role == Role::kPublic) return Fail(Forbidden());
  std::optional<StoredVerdict> result;
  bool written = false;
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    int version = req.version.value_or(tx.standards().MaxVersion(req.rule_set_id));
    auto row = tx.standards().FindVersion(req.rule_set_id, version);
    if (!row) return Fail(RuleSetNotFound(req.rule_set_id, req.version.value_or(0)));
    auto rs = Load(*row);
    if (!rs) return tl::unexpected(rs.error());
    if (st::SubjectName((*rs)->subject) != req.subject_type)
      return Fail(core::InvalidField(
          "subject_mismatch", "subject_type",
          "规则集 " + req.rule_set_id + " 适用于 " + st::SubjectName((*rs)->subject),
          "rule set " + req.rule_set_id + " applies to a " + st::SubjectName((*rs)->subject)));
    st::Verdict v;
    std::string region;
    std::optional<Id> carrier_id;
    if (req.subject_type == "carrier") {
      auto c = tx.carriers().Find(Scope::National(), req.subject_id);
      if (!c) return Fail(core::NotFound("孵化载体", "carrier"));
      if (!CanManageCarrier(a, *c)) return Fail(Forbidden());
      auto values = CarrierValues(tx, {*c}, as_of);
      v = st::Evaluate(**rs, values[0]);
      region = c->region_code;
      carrier_id = c->id;
    } else {
      auto e = tx.enterprises().Find(a.scope.Managing(), req.subject_id);
      if (!e) return Fail(core::NotFound("企业", "enterprise"));
      bool allowed = a.IsAdmin() || a.role == Role::kCarrierOperator ||
                     (a.role == Role::kEnterpriseMember &&
                      std::find(a.scope.enterprise_ids.begin(), a.scope.enterprise_ids.end(),
                                e->id) != a.scope.enterprise_ids.end());
      if (!allowed) return Fail(Forbidden());
      IncubateeQuery q;
      q.enterprise_id = e->id;
      auto stays = tx.standards().Incubatees(Scope::National(), q, as_of);
      IncubateeRecord rec = stays.empty() ? RecordOf(*e) : stays.front();
      auto values = IncubateeValues(tx, {rec}, as_of);
      v = st::Evaluate(**rs, values[0]);
      region = e->region_code;
      if (rec.carrier_id) carrier_id = rec.carrier_id;
    }
    StoredVerdict sv =
        MakeStored(**rs, v, req.subject_type, req.subject_id, as_of, region, carrier_id);
    written = Upsert(tx, sv, NowText());
    if (written)
      tx.audit().Append(
          {a.login, a.user_id, "verdict.evaluate", "verdict", std::to_string(sv.id), "",
           Dump(Json{{"rule_set_id", sv.rule_set_id},
                     {"rule_set_version", sv.rule_set_version},
                     {"subject_type", sv.subject_type},
                     {"subject_id", sv.subject_id},
                     {"as_of", sv.as_of},
                     {"outcome", sv.outcome},
                     {"grade", sv.grade}}),
           request_id},
          NowText());
    result = sv;
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  return *result;
}

core::Result<EvaluateAllReport> StandardsService::EvaluateAll(
    const Actor& a, const std::string& rule_set_id, const std::string& as_of_in,
    const std::string& region, const std::function<void(std::size_t, std::size_t)>& progress,
    const std::string& request_id) {
  std::string as_of = as_of_in.empty() ? Today() : as_of_in;
  if (auto s = CheckDate(as_of, "as_of"); !s) return tl::unexpected(s.error());
  if (!a.IsAdmin()) return Fail(Forbidden());
  std::optional<RuleSetVersionRow> row;
  store_.Read([&](Tx& tx) {
    int v = tx.standards().MaxVersion(rule_set_id);
    if (v) row = tx.standards().FindVersion(rule_set_id, v);
  });
  if (!row) return Fail(RuleSetNotFound(rule_set_id));
  auto rs = Load(*row);
  if (!rs) return tl::unexpected(rs.error());
  const st::RuleSet& set = **rs;

  EvaluateAllReport rep;
  rep.rule_set_id = set.id;
  rep.version = set.version;
  rep.subject_type = st::SubjectName(set.subject);
  rep.as_of = as_of;
  std::vector<StoredVerdict> verdicts;
  auto tally = [&](const st::Verdict& v) {
    ++rep.outcomes[st::OutcomeName(v.outcome)];
    if (!v.grade.empty()) ++rep.grades[v.grade];
  };
  store_.Read([&](Tx& tx) {
    if (set.subject == st::Subject::kCarrier) {
      auto carriers = VisibleCarriers(tx, a, region);
      auto values = CarrierValues(tx, carriers, as_of);
      for (std::size_t i = 0; i < carriers.size(); ++i) {
        auto v = st::Evaluate(set, values[i]);
        tally(v);
        verdicts.push_back(MakeStored(set, v, "carrier", carriers[i].id, as_of,
                                      carriers[i].region_code, carriers[i].id));
        if (progress && (i % 256 == 0)) progress(i, carriers.size() * 2);
      }
    } else {
      IncubateeQuery q;
      auto eff = EffectiveRegion(a.scope, region);
      if (!eff) return;
      q.region = *eff;
      auto recs = tx.standards().Incubatees(a.scope, q, as_of);
      auto values = IncubateeValues(tx, recs, as_of);
      for (std::size_t i = 0; i < recs.size(); ++i) {
        auto v = st::Evaluate(set, values[i]);
        tally(v);
        verdicts.push_back(MakeStored(set, v, "enterprise", recs[i].enterprise_id, as_of,
                                      recs[i].enterprise_region, recs[i].carrier_id));
        if (progress && (i % 256 == 0)) progress(i, recs.size() * 2);
      }
    }
  });
  rep.subjects = verdicts.size();
  auto s = store_.Write([&](Tx& tx) -> core::Status {
    std::string now = NowText();
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      if (Upsert(tx, verdicts[i], now)) ++rep.written;
      if (progress && (i % 256 == 0)) progress(verdicts.size() + i, verdicts.size() * 2);
    }
    Json outcomes = rep.outcomes, grades = rep.grades;
    // One audit row for the whole job.
    tx.audit().Append({a.login, a.user_id, "verdict.evaluate_all", "rule_set",
                       set.id + " v" + std::to_string(set.version), "",
                       Dump(Json{{"as_of", as_of},
                                 {"region", region},
                                 {"subjects", rep.subjects},
                                 {"written", rep.written},
                                 {"outcomes", outcomes},
                                 {"grades", grades}}),
                       request_id},
                      now);
    return {};
  });
  if (!s) return tl::unexpected(s.error());
  if (progress) progress(verdicts.size() * 2, verdicts.size() * 2);
  return rep;
}

Page<StoredVerdict> StandardsService::ListVerdicts(const Actor& a, const VerdictQuery& q,
                                                   const PageRequest& p) {
  Page<StoredVerdict> page;
  store_.Read([&](Tx& tx) { page = tx.standards().ListVerdicts(a.scope, q, p); });
  return page;
}

core::Result<StoredVerdict> StandardsService::GetVerdict(const Actor& a, Id id) {
  std::optional<StoredVerdict> v;
  store_.Read([&](Tx& tx) { v = tx.standards().FindVerdict(a.scope, id); });
  if (!v) return Fail(core::NotFound("评价结果", "verdict"));
  return *v;
}

}  // namespace incunet::app::standards
