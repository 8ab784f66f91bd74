#include "domain/standards/loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "domain/standards/toml_fields.hpp"

namespace incunet::domain::standards {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::string_view kReserved[] = {"and", "or",  "not",  "true",  "false",
                                          "min", "max", "ceil", "floor", "if"};

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return std::find(std::begin(kReserved), std::end(kReserved), s) == std::end(kReserved);
}

bool IsCriterionId(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

struct ExprField {
  ExprPtr expr;
  std::string text;
  int line = 0;
  explicit operator bool() const { return expr != nullptr; }
};

struct Symbol {
  enum class Kind { kIndicator, kParameter, kDerived } kind;
  Unit unit;
};

class Fields;

class Loader final : public TomlProblems {
 public:
  explicit Loader(std::string_view file) : file_(file) {}

  core::Result<RuleSet> Load(std::string_view text);

  void Fail(int line, const std::string& en, const std::string& zh) override {
    Fail(line, en, zh, {});
  }
  void Fail(int line, const std::string& en, const std::string& zh,
            std::map<std::string, std::string> extra) {
    if (error_) return;
    Error e{ErrorCode::kInvalid, "invalid_rule_set",
            "规则文件 " + file_ + " 第 " + std::to_string(line) + " 行：" + zh,
            "rule file " + file_ + " line " + std::to_string(line) + ": " + en, std::move(extra)};
    e.details["file"] = file_;
    e.details["line"] = std::to_string(line);
    // The reason alone, in both languages, for consoles that show file, line and reason apart.
    e.details["reason"] = en;
    e.details["reason_en"] = en;
    e.details["reason_zh"] = zh;
    error_ = std::move(e);
  }
  bool Failed() const { return error_.has_value(); }

  // Parses an expression held by `node`; errors name `what`.
  ExprField ParseExpr(const toml::node& node, const std::string& what) {
    ExprField f;
    f.line = LineOf(node);
    if (auto s = node.value<std::string>()) {
      f.text = *s;
    } else if (node.is_boolean()) {
      f.text = *node.value<bool>() ? "true" : "false";
    } else if (node.is_integer() || node.is_floating_point()) {
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Kind::kNumber;
      e->number = *node.value<double>();
      f.expr = e;
      f.text = ToString(*e);
      return f;
    } else {
      Fail(f.line, what + " must be an expression string, a number or a boolean",
           what + " 应为表达式字符串、数值或布尔值");
      return f;
    }
    auto parsed = ParseExpression(f.text);
    if (!parsed) {
      Fail(f.line,
           what + ": " + parsed.error().details["reason"] + " (column " +
               parsed.error().details["column"] + " of \"" + f.text + "\")",
           what + "：" + parsed.error().message_zh + "（\"" + f.text + "\" 第 " +
               parsed.error().details["column"] + " 列）",
           {{"column", parsed.error().details["column"]}, {"expression", f.text}});
      return f;
    }
    f.expr = *parsed;
    return f;
  }

  std::optional<ExprType> TypeOf(const ExprField& f, const std::string& what) {
    if (!f.expr || Failed()) return std::nullopt;
    auto t = CheckTypes(*f.expr, [&](const std::string& name) -> std::optional<ExprType> {
      auto it = symbols_.find(name);
      if (it == symbols_.end()) return std::nullopt;
      return ExprType{it->second.unit, false};
    });
    if (!t) {
      const auto& d = t.error().details;
      std::string reason = d.at("reason");
      std::string reason_zh = t.error().message_zh;
      Fail(f.line, what + ": " + reason + " (in \"" + f.text + "\")",
           what + "：" + reason_zh + "（\"" + f.text + "\"）",
           {{"column", d.at("column")}, {"expression", f.text}});
      return std::nullopt;
    }
    return *t;
  }

  const std::string& file() const { return file_; }

 private:
  void ReadHeader(Fields& top);
  void ReadParameters(const toml::array* arr);
  void ReadDerived(const toml::array* arr);
  void CheckCycles();
  void CheckNamesAndSubject(const ExprField& f, const std::string& what);
  void ReadCriteria(const toml::array* arr);
  void ReadClause(Fields& f, Clause& c, const std::string& what);
  void ReadRelaxations(const toml::array* arr);
  void ReadTagFlags(const toml::array* arr);
  void ReadGroupsAndGrades(const toml::array* groups, const toml::array* grades);
  void CollectIndicators();
  void AddName(const std::string& id, int line, Symbol sym, const std::string& what);

  std::string file_;
  std::optional<Error> error_;
  RuleSet rs_;
  std::map<std::string, Symbol> symbols_;
  std::map<std::string, int> param_lines_;
  std::map<std::string, int> criterion_lines_;
};

// A table's fields plus the one kind only rule sets have: expressions, parsed by the loader.
class Fields : public TomlFields {
 public:
  Fields(Loader& loader, const toml::table& table, std::string where)
      : TomlFields(loader, table, std::move(where)), loader_(loader) {}
  // A string holding an expression, or a bare number or boolean.
  ExprField Expression(std::string_view key, bool required);

 private:
  Loader& loader_;
};

ExprField Fields::Expression(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required)
      loader_.Fail(TableLine(), where_ + ": missing '" + std::string(key) + "'",
                   where_ + "：缺少 '" + std::string(key) + "'");
    return {};
  }
  return loader_.ParseExpr(*n, where_ + " " + std::string(key));
}

void Loader::AddName(const std::string& id, int line, Symbol sym, const std::string& what) {
  if (!IsIdentifier(id)) {
    Fail(line, what + " id '" + id + "' must be lower_snake_case and not a keyword",
         what + " 的 id '" + id + "' 应为小写下划线形式且不能是关键字");
    return;
  }
  if (FindIndicator(id)) {
    Fail(line, what + " '" + id + "' has the id of a catalogue indicator",
         what + " '" + id + "' 与目录中的指标同名");
    return;
  }
  if (symbols_.count(id)) {
    Fail(line, "duplicate id '" + id + "'", "重复的 id '" + id + "'");
    return;
  }
  symbols_[id] = sym;
}

void Loader::ReadHeader(Fields& top) {
  rs_.id = top.String("id", true);
  if (!rs_.id.empty() && !IsCriterionId(rs_.id))
    Fail(top.Line("id"), "rule-set id '" + rs_.id + "' may use only letters, digits, '-', '_', '.'",
         "规则集 id '" + rs_.id + "' 只能包含字母、数字、'-'、'_'、'.'");
  if (auto v = top.Number("version", true)) {
    if (*v < 1 || *v != std::floor(*v))
      Fail(top.Line("version"), "version must be a whole number >= 1",
           "version 应为不小于 1 的整数");
    rs_.version = static_cast<int>(*v);
  }
  rs_.name_zh = top.String("name_zh", true);
  rs_.name_en = top.String("name_en", true);
  rs_.document = top.String("document", false);
  rs_.issuer_zh = top.String("issuer_zh", false);
  rs_.note_zh = top.String("note_zh", false);
  rs_.note_en = top.String("note_en", false);
  std::string subject = top.String("subject", true);
  if (auto s = ParseSubject(subject)) {
    rs_.subject = *s;
  } else if (!subject.empty()) {
    Fail(top.Line("subject"), "subject must be carrier or enterprise, not '" + subject + "'",
         "subject 应为 carrier 或 enterprise，而不是 '" + subject + "'");
  }
  std::string kind = top.String("kind", true);
  if (auto k = ParseRuleKind(kind)) {
    rs_.kind = *k;
  } else if (!kind.empty()) {
    Fail(top.Line("kind"),
         "kind must be recognition, eligibility, graduation, tax, evaluation or filing, not '" +
             kind + "'",
         "kind 取值无效：'" + kind + "'");
  }
  std::string level = top.String("level", false);
  if (!level.empty()) {
    auto l = ParseLevel(level);
    if (!l || *l == Level::kNone)
      Fail(top.Line("level"), "unknown level '" + level + "'", "未知的级别 '" + level + "'");
    else
      rs_.level = *l;
  }
  if ((rs_.kind == RuleKind::kRecognition || rs_.kind == RuleKind::kFiling) &&
      rs_.level == Level::kNone && !Failed())
    Fail(top.TableLine(), "a recognition or filing rule set must name the level it grants",
         "认定或备案类规则集必须写明 level");
  rs_.jurisdiction = top.String("jurisdiction", true);
  {
    const auto& j = rs_.jurisdiction;
    bool ok = j == "national" || j == "default" ||
              (j.size() == 2 && std::isdigit(static_cast<unsigned char>(j[0])) &&
               std::isdigit(static_cast<unsigned char>(j[1])));
    if (!ok && !j.empty())
      Fail(top.Line("jurisdiction"),
           "jurisdiction must be national, default or a two-digit province code, not '" + j + "'",
           "jurisdiction 应为 national、default 或两位省级代码，而不是 '" + j + "'");
  }
  rs_.effective_from = top.Date("effective_from");
  rs_.effective_to = top.Date("effective_to");
  if (rs_.effective_from && rs_.effective_to && *rs_.effective_to < *rs_.effective_from)
    Fail(top.Line("effective_to"), "effective_to is before effective_from",
         "effective_to 早于 effective_from");
  std::string combine = top.String("combine", true);
  if (auto c = ParseCombineMode(combine)) {
    rs_.combine = *c;
  } else if (!combine.empty()) {
    Fail(top.Line("combine"), "combine must be all, any or score, not '" + combine + "'",
         "combine 应为 all、any 或 score，而不是 '" + combine + "'");
  }
  rs_.inclusive = top.Bool("inclusive").value_or(true);
  rs_.provisional = top.Bool("provisional").value_or(false);
}

void Loader::ReadParameters(const toml::array* arr) {
  if (!arr) return;
  for (const auto& node : *arr) {
    const auto& t = *node.as_table();
    Fields f(*this, t, "parameter");
    Parameter p;
    p.line = LineOf(t);
    p.id = f.String("id", true);
    f.SetWhere("parameter '" + p.id + "'");
    p.name_zh = f.String("name_zh", true);
    p.name_en = f.String("name_en", true);
    p.citation = f.String("citation", false);
    p.description_zh = f.String("description_zh", false);
    p.description_en = f.String("description_en", false);
    p.provisional = f.Bool("provisional").value_or(false);
    std::string unit = f.String("unit", true);
    if (auto u = ParseUnit(unit)) {
      p.unit = *u;
    } else if (!unit.empty()) {
      Fail(f.Line("unit"), "parameter '" + p.id + "': unknown unit '" + unit + "'",
           "参数 '" + p.id + "'：未知单位 '" + unit + "'");
    }
    const toml::node* v = f.Get("value");
    if (!v) {
      Fail(p.line, "parameter '" + p.id + "': missing 'value'",
           "参数 '" + p.id + "'：缺少 'value'");
    } else if (v->is_boolean()) {
      p.value = *v->value<bool>() ? 1 : 0;
      if (!p.unit.is_bool)
        Fail(LineOf(*v), "parameter '" + p.id + "': a boolean value needs unit \"bool\"",
             "参数 '" + p.id + "'：布尔值的单位应为 \"bool\"");
    } else if (v->is_integer() || v->is_floating_point()) {
      p.value = *v->value<double>();
      if (p.unit.is_bool)
        Fail(LineOf(*v), "parameter '" + p.id + "': unit \"bool\" needs true or false",
             "参数 '" + p.id + "'：单位为 bool 时取值应为 true 或 false");
    } else {
      auto e = ParseExpr(*v, "parameter '" + p.id + "' value");
      p.expr = e.expr;
      p.expr_text = e.text;
    }
    f.CheckUnknown();
    if (Failed()) return;
    AddName(p.id, p.line, {Symbol::Kind::kParameter, p.unit}, "parameter");
    param_lines_[p.id] = p.line;
    rs_.parameters.push_back(std::move(p));
  }
}

void Loader::ReadDerived(const toml::array* arr) {
  if (!arr) return;
  for (const auto& node : *arr) {
    const auto& t = *node.as_table();
    Fields f(*this, t, "derived indicator");
    Derived d;
    d.line = LineOf(t);
    d.id = f.String("id", true);
    f.SetWhere("derived indicator '" + d.id + "'");
    d.name_zh = f.String("name_zh", true);
    d.name_en = f.String("name_en", true);
    std::string unit = f.String("unit", true);
    if (auto u = ParseUnit(unit)) {
      d.unit = *u;
    } else if (!unit.empty()) {
      Fail(f.Line("unit"), "derived indicator '" + d.id + "': unknown unit '" + unit + "'",
           "派生指标 '" + d.id + "'：未知单位 '" + unit + "'");
    }
    auto e = f.Expression("expr", true);
    d.expr = e.expr;
    d.expr_text = e.text;
    f.CheckUnknown();
    if (Failed()) return;
    AddName(d.id, d.line, {Symbol::Kind::kDerived, d.unit}, "derived indicator");
    rs_.derived.push_back(std::move(d));
  }
}

// Refuses a definition that reaches itself through derived indicators or parameters.
void Loader::CheckCycles() {
  std::map<std::string, std::pair<ExprPtr, int>> defs;
  for (const auto& p : rs_.parameters)
    if (p.expr) defs[p.id] = {p.expr, p.line};
  for (const auto& d : rs_.derived) defs[d.id] = {d.expr, d.line};
  std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
  std::vector<std::string> stack;
  std::function<bool(const std::string&)> visit = [&](const std::string& id) {
    state[id] = 1;
    stack.push_back(id);
    std::set<std::string> names;
    CollectNames(*defs[id].first, names);
    for (const auto& n : names) {
      if (!defs.count(n)) continue;
      if (state[n] == 1) {
        std::string path;
        auto it = std::find(stack.begin(), stack.end(), n);
        for (; it != stack.end(); ++it) path += *it + " -> ";
        path += n;
        Fail(defs[n].second, "cyclic definition: " + path, "循环定义：" + path, {{"cycle", path}});
        return false;
      }
      if (state[n] == 0 && !visit(n)) return false;
    }
    stack.pop_back();
    state[id] = 2;
    return true;
  };
  for (const auto& [id, def] : defs)
    if (state[id] == 0 && !visit(id)) return;
}

void Loader::CheckNamesAndSubject(const ExprField& f, const std::string& what) {
  if (!f.expr || Failed()) return;
  std::set<std::string> names;
  CollectNames(*f.expr, names);
  for (const auto& n : names) {
    if (symbols_.count(n) || Failed()) continue;
    Fail(f.line, what + ": unknown indicator or parameter '" + n + "'",
         what + "：未知的指标或参数 '" + n + "'", {{"name", n}});
  }
  for (const auto& n : names) {
    const Indicator* ind = FindIndicator(n);
    if (ind && ind->subject != rs_.subject && !Failed())
      Fail(f.line,
           what + ": '" + n + "' is " +
               (ind->subject == Subject::kCarrier ? "a carrier" : "an enterprise") +
               " indicator, but this rule set is about " + SubjectName(rs_.subject) + "s",
           what + "：'" + n + "' 是" + (ind->subject == Subject::kCarrier ? "载体" : "企业") +
               "指标，与规则集的对象不符",
           {{"name", n}});
  }
}

void Loader::ReadClause(Fields& f, Clause& c, const std::string& what) {
  auto lhs = f.Expression("lhs", true);
  auto thr = f.Expression("threshold", true);
  std::string op = f.String("op", true);
  std::string unit = f.String("unit", true);
  c.lhs = lhs.expr;
  c.lhs_text = lhs.text;
  c.threshold = thr.expr;
  c.threshold_text = thr.text;
  if (auto o = ParseClauseOp(op)) {
    c.op = *o;
  } else if (!op.empty()) {
    Fail(f.Line("op"), what + ": unknown operator '" + op + "' (use >= > <= < == !=)",
         what + "：未知运算符 '" + op + "'（可用 >= > <= < == !=）");
  }
  if (auto u = ParseUnit(unit)) {
    c.unit = *u;
  } else if (!unit.empty()) {
    Fail(f.Line("unit"), what + ": unknown unit '" + unit + "'",
         what + "：未知单位 '" + unit + "'");
  }
  CheckNamesAndSubject(lhs, what + " lhs");
  CheckNamesAndSubject(thr, what + " threshold");
  auto lt = TypeOf(lhs, what + " lhs");
  auto tt = TypeOf(thr, what + " threshold");
  if (Failed()) return;
  if (lt->free)
    Fail(lhs.line, what + ": the left-hand side reads no indicator", what + "：左侧未引用任何指标");
  else if (lt->unit != c.unit)
    Fail(f.Line("unit"),
         what + ": unit is " + unit + " but the left-hand side is in " + UnitName(lt->unit),
         what + "：声明单位为 " + unit + "，但左侧表达式的单位是 " + UnitName(lt->unit));
  else if (lt->unit.is_bool != tt->unit.is_bool || (!tt->free && tt->unit != lt->unit))
    Fail(thr.line,
         what + ": threshold is in " + UnitName(tt->unit) + " but the left-hand side is in " +
             UnitName(lt->unit),
         what + "：阈值单位 " + UnitName(tt->unit) + " 与左侧单位 " + UnitName(lt->unit) +
             " 不一致");
  else if (lt->unit.is_bool && c.op != ClauseOp::kEq && c.op != ClauseOp::kNe)
    Fail(f.Line("op"), what + ": a boolean can only be compared with == or !=",
         what + "：布尔值只能用 == 或 != 比较");
  if (const toml::array* vs = f.Tables("variants")) {
    for (const auto& vn : *vs) {
      Fields vf(*this, *vn.as_table(), what + " variant");
      Variant v;
      v.name_zh = vf.String("name_zh", true);
      v.name_en = vf.String("name_en", true);
      v.citation = vf.String("citation", false);
      auto when = vf.Expression("when", true);
      auto vt = vf.Expression("threshold", true);
      vf.CheckUnknown();
      CheckNamesAndSubject(when, what + " variant when");
      CheckNamesAndSubject(vt, what + " variant threshold");
      auto wt = TypeOf(when, what + " variant when");
      auto vtt = TypeOf(vt, what + " variant threshold");
      if (Failed()) return;
      if (!wt->unit.is_bool)
        Fail(when.line, what + ": a variant's 'when' must be a condition",
             what + "：变体的 when 应为条件表达式");
      else if (vtt->unit.is_bool != lt->unit.is_bool || (!vtt->free && vtt->unit != lt->unit))
        Fail(vt.line,
             what + ": variant threshold is in " + UnitName(vtt->unit) +
                 " but the left-hand side is in " + UnitName(lt->unit),
             what + "：变体阈值单位 " + UnitName(vtt->unit) + " 与左侧单位 " + UnitName(lt->unit) +
                 " 不一致");
      v.when = when.expr;
      v.when_text = when.text;
      v.threshold = vt.expr;
      v.threshold_text = vt.text;
      c.variants.push_back(std::move(v));
    }
  }
}

void Loader::ReadCriteria(const toml::array* arr) {
  if (!arr || arr->empty()) {
    Fail(1, "a rule set needs at least one [[criteria]]", "规则集至少需要一个 [[criteria]]");
    return;
  }
  for (const auto& node : *arr) {
    const auto& t = *node.as_table();
    Criterion c;
    c.line = LineOf(t);
    {
      Fields idf(*this, t, "criterion");
      c.id = idf.String("id", true);
    }
    if (Failed()) return;
    std::string what = "criterion '" + c.id + "'";
    if (!IsCriterionId(c.id)) {
      Fail(c.line, what + ": id may use only letters, digits, '-', '_', '.'",
           "条款 '" + c.id + "'：id 只能包含字母、数字、'-'、'_'、'.'");
      return;
    }
    if (criterion_lines_.count(c.id)) {
      Fail(c.line,
           "duplicate criterion id '" + c.id + "' (first at line " +
               std::to_string(criterion_lines_[c.id]) + ")",
           "条款 id '" + c.id + "' 重复（首次出现于第 " + std::to_string(criterion_lines_[c.id]) +
               " 行）");
      return;
    }
    criterion_lines_[c.id] = c.line;
    Fields f(*this, t, what);
    f.Get("id");
    c.name_zh = f.String("name_zh", true);
    c.name_en = f.String("name_en", true);
    c.citation = f.String("citation", false);
    c.note_zh = f.String("note_zh", false);
    c.note_en = f.String("note_en", false);
    c.provisional = f.Bool("provisional").value_or(false);
    c.inclusive = f.Bool("inclusive");
    auto aw = f.Expression("applies_when", false);
    if (aw) {
      CheckNamesAndSubject(aw, what + " applies_when");
      auto awt = TypeOf(aw, what + " applies_when");
      if (awt && !awt->unit.is_bool)
        Fail(aw.line, what + ": applies_when must be a condition",
             what + "：applies_when 应为条件表达式");
      c.applies_when = aw.expr;
      c.applies_when_text = aw.text;
    }
    if (const toml::array* alts = f.Tables("any_of")) {
      for (const char* k : {"lhs", "op", "threshold", "unit", "variants"})
        if (t.get(k))
          Fail(f.Line(k), what + ": give either any_of or lhs/op/threshold/unit, not both",
               what + "：any_of 与 lhs/op/threshold/unit 不能同时出现");
      if (alts->size() < 2)
        Fail(LineOf(*alts), what + ": any_of needs at least two alternatives",
             what + "：any_of 至少需要两个选项");
      int i = 0;
      for (const auto& an : *alts) {
        ++i;
        Fields af(*this, *an.as_table(), what + " alternative " + std::to_string(i));
        Clause clause;
        clause.name_zh = af.String("name_zh", true);
        clause.name_en = af.String("name_en", true);
        ReadClause(af, clause, af.Where());
        af.CheckUnknown();
        c.clauses.push_back(std::move(clause));
      }
    } else {
      Clause clause;
      ReadClause(f, clause, what);
      c.clauses.push_back(std::move(clause));
    }
    c.group = f.String("group", false);
    auto w = f.Expression("weight", false);
    std::string scoring = f.String("scoring", false);
    if (rs_.combine == CombineMode::kScore) {
      if (!w) Fail(c.line, what + ": score mode needs a weight", what + "：评分模式需要 weight");
      CheckNamesAndSubject(w, what + " weight");
      auto wt = TypeOf(w, what + " weight");
      if (wt && !wt->free && wt->unit != Unit::Of(Dimension::kScore))
        Fail(w.line, what + ": weight must be in score, not " + UnitName(wt->unit),
             what + "：weight 的单位应为 score");
      c.weight_expr = w.expr;
      c.weight_text = w.text;
      if (scoring.empty() || scoring == "linear")
        c.scoring = Scoring::kLinear;
      else if (scoring == "pass")
        c.scoring = Scoring::kPass;
      else
        Fail(f.Line("scoring"), what + ": scoring must be linear or pass",
             what + "：scoring 应为 linear 或 pass");
    } else if (w || !scoring.empty() || !c.group.empty()) {
      Fail(f.Line(w                  ? "weight"
                  : !scoring.empty() ? "scoring"
                                     : "group"),
           what + ": weight, scoring and group belong to combine = \"score\" rule sets",
           what + "：weight、scoring、group 只用于 combine = \"score\" 的规则集");
    }
    f.CheckUnknown();
    if (Failed()) return;
    rs_.criteria.push_back(std::move(c));
  }
}

void Loader::ReadRelaxations(const toml::array* arr) {
  if (!arr) return;
  std::set<std::string> ids;
  for (const auto& node : *arr) {
    const auto& t = *node.as_table();
    Fields f(*this, t, "relaxation");
    Relaxation r;
    r.id = f.String("id", true);
    if (!ids.insert(r.id).second)
      Fail(LineOf(t), "duplicate relaxation id '" + r.id + "'", "放宽规则 id '" + r.id + "' 重复");
    std::string what = "relaxation '" + r.id + "'";
    r.name_zh = f.String("name_zh", true);
    r.name_en = f.String("name_en", true);
    r.citation = f.String("citation", false);
    r.provisional = f.Bool("provisional").value_or(false);
    auto when = f.Expression("when", true);
    auto factor = f.Expression("factor", true);
    r.criteria = f.Strings("criteria");
    f.CheckUnknown();
    CheckNamesAndSubject(when, what + " when");
    CheckNamesAndSubject(factor, what + " factor");
    auto wt = TypeOf(when, what + " when");
    auto ft = TypeOf(factor, what + " factor");
    if (Failed()) return;
    if (!wt->unit.is_bool)
      Fail(when.line, what + ": 'when' must be a condition", what + "：when 应为条件表达式");
    if (!ft->unit.IsRatio())
      Fail(factor.line, what + ": factor must be a ratio, not " + UnitName(ft->unit),
           what + "：factor 应为比例（ratio）");
    if (r.criteria.empty())
      Fail(LineOf(t), what + ": list the criteria it applies to", what + "：需列出适用的条款");
    for (const auto& cid : r.criteria) {
      const Criterion* c = rs_.FindCriterion(cid);
      if (!c) {
        Fail(f.Line("criteria"), what + ": unknown criterion '" + cid + "'",
             what + "：未知条款 '" + cid + "'");
        return;
      }
      for (const auto& clause : c->clauses)
        if (clause.unit.is_bool)
          Fail(f.Line("criteria"),
               what + ": criterion '" + cid + "' has a yes/no clause, which cannot be scaled",
               what + "：条款 '" + cid + "' 含布尔条件，不能按系数放宽");
    }
    r.when = when.expr;
    r.when_text = when.text;
    r.factor = factor.expr;
    r.factor_text = factor.text;
    rs_.relaxations.push_back(std::move(r));
  }
}

void Loader::ReadTagFlags(const toml::array* arr) {
  if (!arr) return;
  for (const auto& node : *arr) {
    const auto& t = *node.as_table();
    Fields f(*this, t, "tag flag");
    TagFlag tf;
    tf.indicator = f.String("indicator", true);
    tf.tag = f.String("tag", true);
    tf.any_of = f.Strings("any_of");
    tf.citation = f.String("citation", false);
    tf.provisional = f.Bool("provisional").value_or(false);
    f.CheckUnknown();
    if (Failed()) return;
    const Indicator* ind = FindIndicator(tf.indicator);
    if (!ind || !ind->unit.is_bool || ind->subject != rs_.subject)
      Fail(f.Line("indicator"),
           "tag flag: '" + tf.indicator + "' is not a yes/no indicator of this rule set's subject",
           "标签标志：'" + tf.indicator + "' 不是本规则集对象的布尔指标");
    if (tf.any_of.empty())
      Fail(f.Line("any_of"), "tag flag '" + tf.indicator + "': any_of is empty",
           "标签标志 '" + tf.indicator + "'：any_of 为空");
    for (const auto& other : rs_.tag_flags)
      if (other.indicator == tf.indicator)
        Fail(LineOf(t), "duplicate tag flag for '" + tf.indicator + "'",
             "指标 '" + tf.indicator + "' 的标签标志重复");
    rs_.tag_flags.push_back(std::move(tf));
  }
}

void Loader::ReadGroupsAndGrades(const toml::array* groups, const toml::array* grades) {
  bool score = rs_.combine == CombineMode::kScore;
  if (!score && (groups || grades)) {
    Fail(LineOf(groups ? *groups : *grades),
         "groups and grades belong to combine = \"score\" rule sets",
         "groups 与 grades 只用于 combine = \"score\" 的规则集");
    return;
  }
  if (!score) return;
  if (groups) {
    for (const auto& node : *groups) {
      Fields f(*this, *node.as_table(), "group");
      Group g;
      g.id = f.String("id", true);
      g.name_zh = f.String("name_zh", true);
      g.name_en = f.String("name_en", true);
      g.max_points = f.Number("max", true).value_or(0);
      f.CheckUnknown();
      for (const auto& other : rs_.groups)
        if (other.id == g.id)
          Fail(f.TableLine(), "duplicate group id '" + g.id + "'", "分组 id '" + g.id + "' 重复");
      rs_.groups.push_back(std::move(g));
    }
    for (const auto& c : rs_.criteria) {
      bool known = std::any_of(rs_.groups.begin(), rs_.groups.end(),
                               [&](const Group& g) { return g.id == c.group; });
      if (!known)
        Fail(c.line, "criterion '" + c.id + "': unknown group '" + c.group + "'",
             "条款 '" + c.id + "'：未知分组 '" + c.group + "'");
    }
  }
  if (!grades || grades->empty()) {
    Fail(1, "a score rule set needs [[grades]]", "评分类规则集需要 [[grades]]");
    return;
  }
  for (const auto& node : *grades) {
    Fields f(*this, *node.as_table(), "grade");
    Grade g;
    g.code = f.String("code", true);
    g.name_zh = f.String("name_zh", true);
    g.name_en = f.String("name_en", true);
    auto m = f.Expression("min_score", true);
    f.CheckUnknown();
    CheckNamesAndSubject(m, "grade '" + g.code + "' min_score");
    auto mt = TypeOf(m, "grade '" + g.code + "' min_score");
    if (mt && !mt->free && mt->unit != Unit::Of(Dimension::kScore))
      Fail(m.line, "grade '" + g.code + "': min_score must be in score",
           "等级 '" + g.code + "'：min_score 的单位应为 score");
    g.min_score = m.expr;
    g.min_score_text = m.text;
    rs_.grades.push_back(std::move(g));
  }
}

void Loader::CollectIndicators() {
  std::function<void(const ExprPtr&, std::set<std::string>&)> expand =
      [&](const ExprPtr& e, std::set<std::string>& out) {
        if (!e) return;
        std::set<std::string> names;
        CollectNames(*e, names);
        for (const auto& n : names) {
          if (FindIndicator(n) || rs_.FindParameter(n)) {
            out.insert(n);
          } else if (const Derived* d = rs_.FindDerived(n)) {
            expand(d->expr, out);
          }
        }
      };
  for (auto& c : rs_.criteria) {
    std::set<std::string> out;
    expand(c.applies_when, out);
    for (const auto& cl : c.clauses) {
      expand(cl.lhs, out);
      expand(cl.threshold, out);
      for (const auto& v : cl.variants) {
        expand(v.when, out);
        expand(v.threshold, out);
      }
    }
    for (const auto& r : rs_.relaxations) {
      if (std::find(r.criteria.begin(), r.criteria.end(), c.id) == r.criteria.end()) continue;
      expand(r.when, out);
      expand(r.factor, out);
    }
    for (const auto& n : out) (FindIndicator(n) ? c.indicators : c.parameters).push_back(n);
  }
}

// Folds parameter expressions, score weights and grade cut-offs to numbers.
std::optional<Error> Fold(RuleSet& rs) {
  std::map<std::string, double> values;
  std::function<std::optional<double>(const std::string&)> lookup =
      [&](const std::string& name) -> std::optional<double> {
    if (auto it = values.find(name); it != values.end()) return it->second;
    const Parameter* p = rs.FindParameter(name);
    if (!p) return std::nullopt;
    std::optional<double> v = p->expr ? EvaluateExpression(*p->expr, lookup) : p->value;
    if (v) values[name] = *v;
    return v;
  };
  auto fail = [&](int line, std::string en, std::string zh) {
    Error e{ErrorCode::kInvalid,
            "invalid_rule_set",
            "规则文件 " + rs.file_name + " 第 " + std::to_string(line) + " 行：" + zh,
            "rule file " + rs.file_name + " line " + std::to_string(line) + ": " + en,
            {}};
    e.details = {{"file", rs.file_name},
                 {"line", std::to_string(line)},
                 {"reason", en},
                 {"reason_en", en},
                 {"reason_zh", zh}};
    return e;
  };
  for (auto& p : rs.parameters) {
    if (!p.expr) continue;
    auto v = lookup(p.id);
    if (!v)
      return fail(p.line, "parameter '" + p.id + "' cannot be computed (division by zero?)",
                  "参数 '" + p.id + "' 无法计算（除以零？）");
    p.value = *v;
  }
  for (auto& c : rs.criteria) {
    if (!c.weight_expr) continue;
    auto v = EvaluateExpression(*c.weight_expr, lookup);
    if (!v || *v <= 0)
      return fail(c.line, "criterion '" + c.id + "': weight must be a positive constant",
                  "条款 '" + c.id + "'：weight 应为正的常量");
    c.weight = *v;
  }
  for (size_t i = 0; i < rs.grades.size(); ++i) {
    auto& g = rs.grades[i];
    auto v = EvaluateExpression(*g.min_score, lookup);
    if (!v)
      return fail(1,
                  "grade '" + g.code + "': min_score must be a constant (numbers and parameters)",
                  "等级 '" + g.code + "'：min_score 应为常量");
    g.min_score_value = *v;
    if (i > 0 && g.min_score_value > rs.grades[i - 1].min_score_value)
      return fail(1, "grades must be listed best first with falling min_score ('" + g.code + "')",
                  "等级应按从高到低排列，min_score 递减（'" + g.code + "'）");
  }
  if (rs.combine == CombineMode::kScore && !rs.groups.empty()) {
    for (const auto& g : rs.groups) {
      double sum = 0;
      for (const auto& c : rs.criteria)
        if (c.group == g.id) sum += c.weight;
      if (std::fabs(sum - g.max_points) > 1e-6) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "weights of group '%s' add up to %g, not its max %g",
                      g.id.c_str(), sum, g.max_points);
        char zh[200];
        std::snprintf(zh, sizeof zh, "分组 '%s' 的权重合计 %g，与满分 %g 不符", g.id.c_str(), sum,
                      g.max_points);
        return fail(1, buf, zh);
      }
    }
  }
  return std::nullopt;
}

core::Result<RuleSet> Loader::Load(std::string_view text) {
  rs_.file_name = file_;
  toml::table doc;
  try {
    doc = toml::parse(text, file_);
  } catch (const toml::parse_error& e) {
    Fail(static_cast<int>(e.source().begin.line), "TOML syntax: " + std::string(e.description()),
         "TOML 语法错误：" + std::string(e.description()),
         {{"column", std::to_string(e.source().begin.column)}});
    return tl::unexpected(*error_);
  }
  for (const auto& ind : IndicatorCatalogue())
    symbols_[ind.id] = {Symbol::Kind::kIndicator, ind.unit};
  Fields top(*this, doc, "rule set");
  ReadHeader(top);
  const toml::array* params = top.Tables("parameters");
  const toml::array* derived = top.Tables("derived");
  const toml::array* criteria = top.Tables("criteria");
  const toml::array* relaxations = top.Tables("relaxations");
  const toml::array* tag_flags = top.Tables("tag_flags");
  const toml::array* groups = top.Tables("groups");
  const toml::array* grades = top.Tables("grades");
  top.CheckUnknown();
  if (!Failed()) ReadParameters(params);
  if (!Failed()) ReadDerived(derived);
  if (!Failed()) CheckCycles();
  if (!Failed()) {
    for (const auto& p : rs_.parameters) {
      if (!p.expr) continue;
      ExprField f{p.expr, p.expr_text, p.line};
      std::set<std::string> names;
      CollectNames(*p.expr, names);
      for (const auto& n : names) {
        auto it = symbols_.find(n);
        if (it != symbols_.end() && it->second.kind != Symbol::Kind::kParameter)
          Fail(p.line, "parameter '" + p.id + "' may only reference parameters, not '" + n + "'",
               "参数 '" + p.id + "' 只能引用参数，不能引用 '" + n + "'");
      }
      CheckNamesAndSubject(f, "parameter '" + p.id + "'");
      auto t = TypeOf(f, "parameter '" + p.id + "'");
      if (t && !t->free && t->unit != p.unit)
        Fail(p.line,
             "parameter '" + p.id + "' is declared in " + UnitName(p.unit) +
                 " but its expression gives " + UnitName(t->unit),
             "参数 '" + p.id + "' 声明单位为 " + UnitName(p.unit) + "，但表达式单位为 " +
                 UnitName(t->unit));
    }
    for (const auto& d : rs_.derived) {
      ExprField f{d.expr, d.expr_text, d.line};
      CheckNamesAndSubject(f, "derived indicator '" + d.id + "'");
      auto t = TypeOf(f, "derived indicator '" + d.id + "'");
      if (t && ((!t->free && t->unit != d.unit) || t->unit.is_bool != d.unit.is_bool))
        Fail(d.line,
             "derived indicator '" + d.id + "' is declared in " + UnitName(d.unit) +
                 " but its expression gives " + UnitName(t->unit),
             "派生指标 '" + d.id + "' 声明单位为 " + UnitName(d.unit) + "，但表达式单位为 " +
                 UnitName(t->unit));
    }
  }
  if (!Failed()) ReadCriteria(criteria);
  if (!Failed()) ReadRelaxations(relaxations);
  if (!Failed()) ReadTagFlags(tag_flags);
  if (!Failed()) ReadGroupsAndGrades(groups, grades);
  if (Failed()) return tl::unexpected(*error_);
  if (auto e = Fold(rs_)) return tl::unexpected(*e);
  CollectIndicators();
  return std::move(rs_);
}

}  // namespace

core::Result<RuleSet> ParseRuleSet(std::string_view toml_text, std::string_view file_name) {
  return Loader(file_name).Load(toml_text);
}

core::Result<RuleSet> OverrideParameters(const RuleSet& rule_set,
                                         const std::map<std::string, double>& values) {
  RuleSet rs = rule_set;
  for (const auto& [id, v] : values) {
    auto it = std::find_if(rs.parameters.begin(), rs.parameters.end(),
                           [&](const Parameter& p) { return p.id == id; });
    if (it == rs.parameters.end())
      return core::Fail(core::InvalidField("unknown_parameter", id, "未知参数 '" + id + "'",
                                           "unknown parameter '" + id + "'"));
    if (it->unit.is_bool && v != 0 && v != 1)
      return core::Fail(core::InvalidField("invalid_parameter", id,
                                           "参数 '" + id + "' 为布尔值，只能取 0 或 1",
                                           "parameter '" + id + "' is boolean: use 0 or 1"));
    it->value = v;
    it->expr = nullptr;
    it->expr_text.clear();
  }
  if (auto e = Fold(rs)) return tl::unexpected(*e);
  return rs;
}

}  // namespace incunet::domain::standards
