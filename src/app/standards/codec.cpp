#include "app/standards/codec.hpp"

#include "app/standards/indicator_source.hpp"
#include "domain/standards/indicators.hpp"

namespace incunet::app::standards {
namespace {

Json Str(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json OptDate(const std::optional<st::CivilDate>& d) {
  return d ? Json(st::ToString(*d)) : Json(nullptr);
}

Json ParameterJson(const st::Parameter& p) {
  Json value = p.unit.is_bool ? Json(p.value != 0) : Json(p.value);
  return Json{{"id", p.id},
              {"name_zh", p.name_zh},
              {"name_en", p.name_en},
              {"unit", st::UnitName(p.unit)},
              {"value", value},
              {"expr", Str(p.expr_text)},
              {"provisional", p.provisional},
              {"citation", Str(p.citation)},
              {"description_zh", Str(p.description_zh)},
              {"description_en", Str(p.description_en)}};
}

Json ClauseJson(const st::Clause& c) {
  Json variants = Json::array();
  for (const auto& v : c.variants)
    variants.push_back(Json{{"name_zh", v.name_zh},
                            {"name_en", v.name_en},
                            {"when", v.when_text},
                            {"threshold", v.threshold_text},
                            {"citation", Str(v.citation)}});
  return Json{{"name_zh", Str(c.name_zh)}, {"name_en", Str(c.name_en)},
              {"lhs", c.lhs_text},         {"op", st::ClauseOpText(c.op)},
              {"threshold", c.threshold_text}, {"unit", st::UnitName(c.unit)},
              {"variants", variants}};
}

Json CriterionJson(const st::Criterion& c) {
  Json clauses = Json::array();
  for (const auto& k : c.clauses) clauses.push_back(ClauseJson(k));
  Json j{{"id", c.id},
         {"name_zh", c.name_zh},
         {"name_en", c.name_en},
         {"citation", Str(c.citation)},
         {"provisional", c.provisional},
         {"inclusive", c.inclusive ? Json(*c.inclusive) : Json(nullptr)},
         {"applies_when", Str(c.applies_when_text)},
         {"clauses", clauses},
         {"indicators", c.indicators},
         {"parameters", c.parameters},
         {"note_zh", Str(c.note_zh)},
         {"note_en", Str(c.note_en)}};
  if (!c.group.empty()) {
    j["group"] = c.group;
    j["weight"] = c.weight;
    j["scoring"] = c.scoring == st::Scoring::kPass ? "pass" : "linear";
  }
  return j;
}

Json Changes(const std::vector<st::FieldChange>& fs) {
  Json a = Json::array();
  for (const auto& f : fs) a.push_back(Json{{"field", f.field}, {"from", f.from}, {"to", f.to}});
  return a;
}

Json Items(const std::vector<st::ItemDiff>& items) {
  Json a = Json::array();
  for (const auto& i : items)
    a.push_back(Json{{"id", i.id},
                     {"change", i.change},
                     {"name_zh", i.name_zh},
                     {"name_en", i.name_en},
                     {"fields", Changes(i.fields)}});
  return a;
}

}  // namespace

Json OptNum(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json VersionSummaryJson(const RuleSetVersionRow& r) {
  return Json{{"id", r.rule_set_id},
              {"version", r.version},
              {"name_zh", r.name_zh},
              {"name_en", r.name_en},
              {"subject", r.subject},
              {"kind", r.kind},
              {"level", r.level},
              {"jurisdiction", r.jurisdiction},
              {"effective_from", OptJson(r.effective_from)},
              {"effective_to", OptJson(r.effective_to)},
              {"provisional", r.provisional},
              {"status", r.status},
              {"origin", r.origin},
              {"file_name", r.file_name},
              {"based_on_version", r.based_on_version ? Json(r.based_on_version) : Json(nullptr)},
              {"overrides", Json::parse(r.overrides_json.empty() ? "{}" : r.overrides_json)},
              {"created_at", r.created_at},
              {"created_by", r.created_by}};
}

Json RuleSetJson(const RuleSetVersionRow& row, const st::RuleSet& rs) {
  Json j = VersionSummaryJson(row);
  j["document"] = Str(rs.document);
  j["issuer_zh"] = Str(rs.issuer_zh);
  j["combine"] = st::CombineModeName(rs.combine);
  j["inclusive"] = rs.inclusive;
  j["note_zh"] = Str(rs.note_zh);
  j["note_en"] = Str(rs.note_en);
  j["effective_from"] = OptDate(rs.effective_from);
  j["effective_to"] = OptDate(rs.effective_to);
  Json params = Json::array(), derived = Json::array(), criteria = Json::array(),
       relax = Json::array(), groups = Json::array(), grades = Json::array(),
       tags = Json::array();
  for (const auto& p : rs.parameters) params.push_back(ParameterJson(p));
  for (const auto& d : rs.derived)
    derived.push_back(Json{{"id", d.id},
                           {"name_zh", d.name_zh},
                           {"name_en", d.name_en},
                           {"unit", st::UnitName(d.unit)},
                           {"expr", d.expr_text}});
  for (const auto& c : rs.criteria) criteria.push_back(CriterionJson(c));
  for (const auto& r : rs.relaxations)
    relax.push_back(Json{{"id", r.id},
                         {"name_zh", r.name_zh},
                         {"name_en", r.name_en},
                         {"when", r.when_text},
                         {"factor", r.factor_text},
                         {"criteria", r.criteria},
                         {"citation", Str(r.citation)},
                         {"provisional", r.provisional}});
  for (const auto& t : rs.tag_flags)
    tags.push_back(Json{{"indicator", t.indicator},
                        {"tag", t.tag},
                        {"any_of", t.any_of},
                        {"provisional", t.provisional}});
  for (const auto& g : rs.groups)
    groups.push_back(Json{
        {"id", g.id}, {"name_zh", g.name_zh}, {"name_en", g.name_en}, {"max", g.max_points}});
  for (const auto& g : rs.grades)
    grades.push_back(Json{{"code", g.code},
                          {"name_zh", g.name_zh},
                          {"name_en", g.name_en},
                          {"min_score", g.min_score_value}});
  j["parameters"] = params;
  j["derived"] = derived;
  j["criteria"] = criteria;
  j["relaxations"] = relax;
  j["tag_flags"] = tags;
  j["groups"] = groups;
  j["grades"] = grades;
  j["toml"] = row.toml;
  return j;
}

Json DiffJson(const st::RuleSetDiff& d) {
  return Json{{"header", Changes(d.header)},
              {"parameters", Items(d.parameters)},
              {"derived", Items(d.derived)},
              {"criteria", Items(d.criteria)},
              {"relaxations", Items(d.relaxations)}};
}

Json VerdictJson(const st::Verdict& v) {
  Json criteria = Json::array();
  for (const auto& c : v.criteria) {
    Json values = Json::array();
    for (const auto& u : c.values)
      values.push_back(Json{{"indicator", u.indicator}, {"value", u.value}, {"source", u.source}});
    Json clauses = Json::array();
    for (const auto& k : c.clauses)
      clauses.push_back(Json{{"name_zh", Str(k.name_zh)},
                             {"name_en", Str(k.name_en)},
                             {"lhs", k.lhs_text},
                             {"threshold_expr", k.threshold_text},
                             {"op", st::ClauseOpText(k.op)},
                             {"unit", st::UnitName(k.unit)},
                             {"value", OptNum(k.value)},
                             {"threshold", OptNum(k.threshold)},
                             {"margin", OptNum(k.margin)},
                             {"outcome", st::OutcomeName(k.outcome)},
                             {"variant_zh", Str(k.variant_zh)},
                             {"variant_en", Str(k.variant_en)},
                             {"relaxations", k.relaxations}});
    Json j{{"id", c.id},
           {"name_zh", c.name_zh},
           {"name_en", c.name_en},
           {"citation", Str(c.citation)},
           {"provisional", c.provisional},
           {"outcome", st::OutcomeName(c.outcome)},
           {"value", OptNum(c.value)},
           {"threshold", OptNum(c.threshold)},
           {"margin", OptNum(c.margin)},
           {"op", st::ClauseOpText(c.op)},
           {"unit", st::UnitName(c.unit)},
           {"values", values},
           {"missing", c.missing},
           {"reason_zh", Str(c.reason_zh)},
           {"reason_en", Str(c.reason_en)},
           {"clauses", clauses}};
    if (!c.group.empty()) {
      j["group"] = c.group;
      j["weight"] = c.weight;
      j["points"] = c.points;
    }
    criteria.push_back(std::move(j));
  }
  Json derived = Json::array();
  for (const auto& d : v.derived)
    derived.push_back(Json{{"id", d.id},
                           {"name_zh", d.name_zh},
                           {"name_en", d.name_en},
                           {"unit", st::UnitName(d.unit)},
                           {"value", OptNum(d.value)}});
  Json j{{"rule_set_id", v.rule_set_id},
         {"rule_set_version", v.rule_set_version},
         {"outcome", st::OutcomeName(v.outcome)},
         {"grade", Str(v.grade)},
         {"grade_name_zh", Str(v.grade_name_zh)},
         {"grade_name_en", Str(v.grade_name_en)},
         {"criteria", criteria},
         {"derived", derived},
         {"missing", v.missing},
         {"provisional", v.provisional}};
  if (!v.grade.empty() || v.max_score > 0) {
    j["score"] = v.score;
    j["max_score"] = v.max_score;
  }
  return j;
}

Json GapJson(const st::Gap& g) {
  return Json{{"criterion_id", g.criterion_id},
              {"name_zh", g.name_zh},
              {"name_en", g.name_en},
              {"outcome", st::OutcomeName(g.outcome)},
              {"indicator", Str(g.indicator)},
              {"amount", OptNum(g.amount)},
              {"unit", st::UnitName(g.unit)},
              {"text_zh", g.text_zh},
              {"text_en", g.text_en}};
}

Json StoredVerdictJson(const StoredVerdict& v) {
  Json body = Json::parse(v.result_json.empty() ? "{}" : v.result_json);
  body["id"] = v.id;
  body["rule_set_id"] = v.rule_set_id;
  body["rule_set_version"] = v.rule_set_version;
  body["outcome"] = v.outcome;
  body["grade"] = v.grade.empty() ? Json(nullptr) : Json(v.grade);
  body["provisional"] = v.provisional;
  body["subject_type"] = v.subject_type;
  body["subject_id"] = v.subject_id;
  body["as_of"] = v.as_of;
  body["rule_set_kind"] = v.rule_set_kind;
  body["region_code"] = v.region_code;
  body["carrier_id"] = v.carrier_id ? Json(*v.carrier_id) : Json(nullptr);
  body["evaluated_at"] = v.evaluated_at;
  return body;
}

Json FactJson(const CarrierFact& f) {
  return Json{{"carrier_id", f.carrier_id},   {"indicator", f.indicator},
              {"as_of", f.as_of},             {"value", f.value},
              {"source_note", f.source_note}, {"updated_at", f.updated_at},
              {"updated_by", f.updated_by}};
}

Json IndicatorJson(const st::Indicator& i) {
  bool records = RecordDerivedIndicators().count(i.id) > 0;
  return Json{{"id", i.id},
              {"name_zh", i.name_zh},
              {"name_en", i.name_en},
              {"subject", st::SubjectName(i.subject)},
              {"unit", st::UnitName(i.unit)},
              {"unit_label_zh", st::UnitLabelZh(i.unit)},
              {"unit_label_en", st::UnitLabelEn(i.unit)},
              {"source", records ? "records" : "declared"},
              {"declarable", i.subject == st::Subject::kCarrier}};
}

}  // namespace incunet::app::standards
