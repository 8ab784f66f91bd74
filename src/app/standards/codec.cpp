#include "app/standards/codec.hpp"

#include <cmath>

#include "app/standards/indicator_source.hpp"
#include "domain/standards/indicators.hpp"

namespace incunet::app::standards {
namespace {

Json Str(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json OptDate(const std::optional<core::Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

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
  return Json{{"name_zh", Str(c.name_zh)},
              {"name_en", Str(c.name_en)},
              {"lhs", c.lhs_text},
              {"op", st::ClauseOpText(c.op)},
              {"threshold", c.threshold_text},
              {"unit", st::UnitName(c.unit)},
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

schema::Components Schemas() {
  using namespace schema;       // NOLINT: the schema vocabulary reads as a table
  using schema::Id;             // not the id type
  using schema::Str;            // not this file's Str(text)
  Json text = Nullable(Str());  // Str() above: an empty text is written as null
  Json num = Nullable(Num());
  Json outcome = Enum({"pass", "fail", "unknown", "not_applicable"});
  Json level = Enum({"none", "provincial", "national", "standard", "excellence"});
  Json kind = Enum({"recognition", "eligibility", "graduation", "tax", "evaluation", "filing"});
  Json version = Object({{"id", Str()},
                         {"version", Int(1, INT32_MAX)},
                         {"name_zh", Str()},
                         {"name_en", Str()},
                         {"subject", Enum({"carrier", "enterprise"})},
                         {"kind", kind},
                         {"level", Str()},
                         {"jurisdiction", Str()},
                         {"effective_from", Nullable(Date())},
                         {"effective_to", Nullable(Date())},
                         {"provisional", Bool()},
                         {"status", Str()},
                         {"origin", Enum({"shipped", "upload", "parameters"})},
                         {"file_name", Str()},
                         {"based_on_version", Nullable(Int())},
                         {"overrides", Describe(Map(Num()), "values that differ from the file")},
                         {"created_at", DateTime()},
                         {"created_by", Str()}});
  Json variant = Object({{"name_zh", Str()},
                         {"name_en", Str()},
                         {"when", Str()},
                         {"threshold", Str()},
                         {"citation", text}});
  Json clause = Object({{"name_zh", text},
                        {"name_en", text},
                        {"lhs", Str()},
                        {"op", Str()},
                        {"threshold", Str()},
                        {"unit", Str()},
                        {"variants", Array(variant)}});
  Json criterion = Object({{"id", Str()},
                           {"name_zh", Str()},
                           {"name_en", Str()},
                           {"citation", text},
                           {"provisional", Bool()},
                           {"inclusive", Nullable(Bool())},
                           {"applies_when", text},
                           {"clauses", Array(clause)},
                           {"indicators", Array(Str())},
                           {"parameters", Array(Str())},
                           {"note_zh", text},
                           {"note_en", text},
                           Opt("group", Str()),
                           Opt("weight", Num()),
                           Opt("scoring", Enum({"pass", "linear"}))});
  Json parameter = Object({{"id", Str()},
                           {"name_zh", Str()},
                           {"name_en", Str()},
                           {"unit", Str()},
                           {"value", {{"type", Json::array({"number", "boolean"})}}},
                           {"expr", text},
                           {"provisional", Bool()},
                           {"citation", text},
                           {"description_zh", text},
                           {"description_en", text}});
  Json rule_set = Extend(
      version,
      {{"document", text},
       {"issuer_zh", text},
       {"combine", Enum({"all", "any", "score"})},
       {"inclusive", Bool()},
       {"note_zh", text},
       {"note_en", text},
       {"parameters", Array(parameter)},
       {"derived", Array(Object({{"id", Str()},
                                 {"name_zh", Str()},
                                 {"name_en", Str()},
                                 {"unit", Str()},
                                 {"expr", Str()}}))},
       {"criteria", Array(criterion)},
       {"relaxations", Array(Object({{"id", Str()},
                                     {"name_zh", Str()},
                                     {"name_en", Str()},
                                     {"when", Str()},
                                     {"factor", Str()},
                                     {"criteria", Array(Str())},
                                     {"citation", text},
                                     {"provisional", Bool()}}))},
       {"tag_flags", Array(Object({{"indicator", Str()},
                                   {"tag", Str()},
                                   {"any_of", Array(Str())},
                                   {"provisional", Bool()}}))},
       {"groups",
        Array(Object({{"id", Str()}, {"name_zh", Str()}, {"name_en", Str()}, {"max", Num()}}))},
       {"grades",
        Array(Object(
            {{"code", Str()}, {"name_zh", Str()}, {"name_en", Str()}, {"min_score", Num()}}))},
       {"toml", Describe(Str(), "the rule file's text")}});
  Json change = Object({{"field", Str()}, {"from", Str()}, {"to", Str()}});
  Json item = Object({{"id", Str()},
                      {"change", Enum({"added", "removed", "changed"})},
                      {"name_zh", Str()},
                      {"name_en", Str()},
                      {"fields", Array(change)}});
  Json diff = Object({{"rule_set_id", Str()},
                      {"from", Ref("RuleSetVersion")},
                      {"to", Ref("RuleSetVersion")},
                      {"header", Array(change)},
                      {"parameters", Array(item)},
                      {"derived", Array(item)},
                      {"criteria", Array(item)},
                      {"relaxations", Array(item)}});
  Json result_clause = Object({{"name_zh", text},
                               {"name_en", text},
                               {"lhs", Str()},
                               {"threshold_expr", Str()},
                               {"op", Str()},
                               {"unit", Str()},
                               {"value", num},
                               {"threshold", num},
                               {"margin", num},
                               {"outcome", outcome},
                               {"variant_zh", text},
                               {"variant_en", text},
                               {"relaxations", Array(Str())}});
  Json result =
      Object({{"id", Str()},
              {"name_zh", Str()},
              {"name_en", Str()},
              {"citation", text},
              {"provisional", Bool()},
              {"outcome", outcome},
              {"value", num},
              {"threshold", num},
              {"margin", Describe(num, "negative: short by this much")},
              {"op", Str()},
              {"unit", Str()},
              {"values", Array(Object({{"indicator", Str()},
                                       {"value", Num()},
                                       {"source", Describe(Str(), "where the value came from")}}))},
              {"missing", Array(Str())},
              {"reason_zh", text},
              {"reason_en", text},
              {"clauses", Array(result_clause)},
              Opt("group", Str()),
              Opt("weight", Num()),
              Opt("points", Num())});
  std::vector<Field> evaluation{
      {"rule_set_id", Str()},  {"rule_set_version", Int(1, INT32_MAX)},
      {"outcome", outcome},    {"grade", text},
      {"provisional", Bool()},
  };
  std::vector<Field> evaluated{
      {"grade_name_zh", text},
      {"grade_name_en", text},
      {"criteria", Array(result)},
      {"derived", Array(Object({{"id", Str()},
                                {"name_zh", Str()},
                                {"name_en", Str()},
                                {"unit", Str()},
                                {"value", num}}))},
      {"missing", Array(Str())},
      Opt("score", Num()),
      Opt("max_score", Num()),
  };
  std::vector<Field> stored{{"id", Id()},
                            {"subject_type", Enum({"carrier", "enterprise"})},
                            {"subject_id", Id()},
                            {"as_of", Date()},
                            {"rule_set_kind", kind},
                            {"region_code", Str()},
                            {"carrier_id", Nullable(Id())},
                            {"evaluated_at", DateTime()}};
  Json summary = Extend(Object(evaluation), stored);
  return {
      {"RuleSetVersion", version},
      {"RuleSetListItem", Extend(version, {{"document", text}, {"issuer_zh", text}})},
      {"RuleSet", rule_set},
      {"RuleSetWithVersions", Extend(rule_set, {{"versions", Array(Ref("RuleSetVersion"))}})},
      {"RuleSetDiff", diff},
      {"Evaluation", Extend(Object(evaluation), evaluated)},
      {"VerdictSummary", summary},
      {"Verdict", Extend(summary, evaluated)},
      {"Gap", Object({{"criterion_id", Str()},
                      {"name_zh", Str()},
                      {"name_en", Str()},
                      {"outcome", outcome},
                      {"indicator", text},
                      {"amount", num},
                      {"unit", Str()},
                      {"text_zh", Str()},
                      {"text_en", Str()}})},
      {"CarrierFact", Object({{"carrier_id", Id()},
                              {"indicator", Str()},
                              {"as_of", Date()},
                              {"value", Num()},
                              {"source_note", Str()},
                              {"updated_at", DateTime()},
                              {"updated_by", Str()}})},
      {"HardshipCounty",
       Object({{"region_code", Str()}, {"name", Str()}, {"note", Str()}, {"provisional", Bool()}})},
      {"Indicator", Object({{"id", Str()},
                            {"name_zh", Str()},
                            {"name_en", Str()},
                            {"subject", Enum({"carrier", "enterprise"})},
                            {"unit", Str()},
                            {"unit_label_zh", Str()},
                            {"unit_label_en", Str()},
                            {"source", Enum({"records", "declared"})},
                            {"declarable", Bool()}})},
      {"Level", level}};
}

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
       relax = Json::array(), groups = Json::array(), grades = Json::array(), tags = Json::array();
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
    groups.push_back(
        Json{{"id", g.id}, {"name_zh", g.name_zh}, {"name_en", g.name_en}, {"max", g.max_points}});
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

namespace {

// Appends JSON text exactly as nlohmann's compact dump writes it, for the shapes a verdict uses.
class TextWriter {
 public:
  explicit TextWriter(std::string& out) : out_(out) {}

  void Key(std::string_view k) {
    Sep();
    out_ += '"';
    out_ += k;  // keys are plain ASCII literals
    out_ += "\":";
    first_ = true;  // the value follows without a comma
  }
  void Null() {
    Sep();
    out_ += "null";
  }
  void Bool(bool b) {
    Sep();
    out_ += b ? "true" : "false";
  }
  void Int(long long i) {
    Sep();
    out_ += std::to_string(i);
  }
  void Num(double x) {
    Sep();
    if (!std::isfinite(x)) {
      out_ += "null";
      return;
    }
    char buf[64];
    char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, x);
    out_.append(buf, end);
  }
  void OptNum(const std::optional<double>& x) {
    if (x)
      Num(*x);
    else
      Null();
  }
  void Str(std::string_view s) {
    Sep();
    if (Plain(s)) {
      out_ += '"';
      out_ += s;
      out_ += '"';
    } else {  // escapes and invalid UTF-8: the library's own rules
      out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  }
  void StrOrNull(const std::string& s) {  // Str() of codec.cpp: "" is null
    if (s.empty())
      Null();
    else
      Str(s);
  }
  void Strings(const std::vector<std::string>& v) {
    Open('[');
    for (const auto& s : v) Str(s);
    Close(']');
  }
  void Open(char c) {
    Sep();
    out_ += c;
    first_ = true;
  }
  void Close(char c) {
    out_ += c;
    first_ = false;
  }

 private:
  void Sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  // Nothing to escape and well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
  // nothing above U+10FFFF), so the bytes are written as they are.
  static bool Plain(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
      unsigned char c = *p;
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') return false;
        ++p;
        continue;
      }
      int n;
      unsigned char lo = 0x80, hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
      } else {
        return false;
      }
      if (end - p <= n) return false;
      if (p[1] < lo || p[1] > hi) return false;
      for (int i = 2; i <= n; ++i)
        if (p[i] < 0x80 || p[i] > 0xBF) return false;
      p += n + 1;
    }
    return true;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string VerdictText(const st::Verdict& v) {
  std::string out;
  out.reserve(4096 + v.criteria.size() * 1024);
  TextWriter w(out);
  // Keys in byte order, as the tree (a std::map) keeps them.
  w.Open('{');
  w.Key("criteria");
  w.Open('[');
  for (const auto& c : v.criteria) {
    bool scored = !c.group.empty();
    w.Open('{');
    w.Key("citation");
    w.StrOrNull(c.citation);
    w.Key("clauses");
    w.Open('[');
    for (const auto& k : c.clauses) {
      w.Open('{');
      w.Key("lhs");
      w.Str(k.lhs_text);
      w.Key("margin");
      w.OptNum(k.margin);
      w.Key("name_en");
      w.StrOrNull(k.name_en);
      w.Key("name_zh");
      w.StrOrNull(k.name_zh);
      w.Key("op");
      w.Str(st::ClauseOpText(k.op));
      w.Key("outcome");
      w.Str(st::OutcomeName(k.outcome));
      w.Key("relaxations");
      w.Strings(k.relaxations);
      w.Key("threshold");
      w.OptNum(k.threshold);
      w.Key("threshold_expr");
      w.Str(k.threshold_text);
      w.Key("unit");
      w.Str(st::UnitName(k.unit));
      w.Key("value");
      w.OptNum(k.value);
      w.Key("variant_en");
      w.StrOrNull(k.variant_en);
      w.Key("variant_zh");
      w.StrOrNull(k.variant_zh);
      w.Close('}');
    }
    w.Close(']');
    if (scored) {
      w.Key("group");
      w.Str(c.group);
    }
    w.Key("id");
    w.Str(c.id);
    w.Key("margin");
    w.OptNum(c.margin);
    w.Key("missing");
    w.Strings(c.missing);
    w.Key("name_en");
    w.Str(c.name_en);
    w.Key("name_zh");
    w.Str(c.name_zh);
    w.Key("op");
    w.Str(st::ClauseOpText(c.op));
    w.Key("outcome");
    w.Str(st::OutcomeName(c.outcome));
    if (scored) {
      w.Key("points");
      w.Num(c.points);
    }
    w.Key("provisional");
    w.Bool(c.provisional);
    w.Key("reason_en");
    w.StrOrNull(c.reason_en);
    w.Key("reason_zh");
    w.StrOrNull(c.reason_zh);
    w.Key("threshold");
    w.OptNum(c.threshold);
    w.Key("unit");
    w.Str(st::UnitName(c.unit));
    w.Key("value");
    w.OptNum(c.value);
    w.Key("values");
    w.Open('[');
    for (const auto& u : c.values) {
      w.Open('{');
      w.Key("indicator");
      w.Str(u.indicator);
      w.Key("source");
      w.Str(u.source);
      w.Key("value");
      w.Num(u.value);
      w.Close('}');
    }
    w.Close(']');
    if (scored) {
      w.Key("weight");
      w.Num(c.weight);
    }
    w.Close('}');
  }
  w.Close(']');
  w.Key("derived");
  w.Open('[');
  for (const auto& d : v.derived) {
    w.Open('{');
    w.Key("id");
    w.Str(d.id);
    w.Key("name_en");
    w.Str(d.name_en);
    w.Key("name_zh");
    w.Str(d.name_zh);
    w.Key("unit");
    w.Str(st::UnitName(d.unit));
    w.Key("value");
    w.OptNum(d.value);
    w.Close('}');
  }
  w.Close(']');
  bool scored = !v.grade.empty() || v.max_score > 0;
  w.Key("grade");
  w.StrOrNull(v.grade);
  w.Key("grade_name_en");
  w.StrOrNull(v.grade_name_en);
  w.Key("grade_name_zh");
  w.StrOrNull(v.grade_name_zh);
  if (scored) {
    w.Key("max_score");
    w.Num(v.max_score);
  }
  w.Key("missing");
  w.Strings(v.missing);
  w.Key("outcome");
  w.Str(st::OutcomeName(v.outcome));
  w.Key("provisional");
  w.Bool(v.provisional);
  w.Key("rule_set_id");
  w.Str(v.rule_set_id);
  w.Key("rule_set_version");
  w.Int(v.rule_set_version);
  if (scored) {
    w.Key("score");
    w.Num(v.score);
  }
  w.Close('}');
  return out;
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
  return Json{
      {"carrier_id", f.carrier_id}, {"indicator", f.indicator},     {"as_of", f.as_of},
      {"value", f.value},           {"source_note", f.source_note}, {"updated_at", f.updated_at},
      {"updated_by", f.updated_by}};
}

Json HardshipJson(const HardshipCounty& h) {
  return Json{{"region_code", h.region_code},
              {"name", h.name},
              {"note", h.note},
              {"provisional", h.provisional}};
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
