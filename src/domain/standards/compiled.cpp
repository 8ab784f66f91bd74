#include "domain/standards/compiled.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

namespace incunet::domain::standards {
namespace {

using V = std::optional<double>;

// Catalogue ids in byte order with their positions: a subject's values (a map, also in byte
// order) are bound by one merge pass instead of one lookup per id.
const std::vector<std::pair<std::string_view, int>>& SortedCatalogue() {
  static const auto kSorted = [] {
    std::vector<std::pair<std::string_view, int>> ids;
    const auto& cat = IndicatorCatalogue();
    for (std::size_t i = 0; i < cat.size(); ++i) ids.emplace_back(cat[i].id, static_cast<int>(i));
    std::sort(ids.begin(), ids.end());
    return ids;
  }();
  return kSorted;
}

enum class Op : std::uint8_t {
  kConst,
  kName,
  kNeg,
  kNot,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kCompare,
  kAnd,
  kOr,
  kIf,
  kMin,
  kMax,
  kCeil,
  kFloor,
  kUnknown,  // an absent expression
};

// Where a name's value comes from when the subject does not hold it (the interpreter's lookup
// order: values, parameters, derived indicators, tag flags).
enum class Fallback : std::uint8_t { kConst, kDerived, kTag, kMissing };

struct Node {
  Op op = Op::kUnknown;
  BinaryOp cmp = BinaryOp::kEq;
  Fallback fallback = Fallback::kMissing;
  int a = -1, b = -1, c = -1;  // children; kMin/kMax: args[a .. a + b)
  int slot = -1;               // kName: catalogue slot, -1 outside the catalogue
  int index = -1;              // kName: derived indicator or tag flag
  double number = 0;           // kConst, or a kName that falls back to a parameter
};

struct CVariant {
  int when = -1;
  int threshold = -1;
};

struct CClause {
  int lhs = -1;
  int threshold = -1;
  ClauseOp op = ClauseOp::kGe;  // effective
  bool is_bool = false;
  std::vector<CVariant> variants;
};

struct CRelaxation {
  int when = -1;
  int factor = -1;
  bool provisional = false;
};

struct CCriterion {
  int applies = -1;
  std::vector<CClause> clauses;
  std::vector<int> relaxations;  // in rule-set order
  bool provisional = false;      // before relaxations
  double weight = 0;
  Scoring scoring = Scoring::kLinear;
};

struct CTagFlag {
  const TagFlag* flag = nullptr;
};

double Snap(double v) {
  double r = std::round(v);
  return std::fabs(v - r) <= 1e-9 * std::max(1.0, std::fabs(v)) ? r : v;
}

}  // namespace

struct CompiledRuleSet::Program {
  std::vector<Node> nodes;
  std::vector<int> args;
  std::vector<int> derived;  // root node of each derived indicator
  std::vector<CTagFlag> tags;
  std::vector<CRelaxation> relaxations;
  std::vector<CCriterion> criteria;
  bool score_mode = false;

  // Per-evaluation memo of derived indicators and tag flags.
  struct Memo {
    V value;
    bool done = false;
  };

  struct State {
    const BoundValues& values;
    std::vector<Memo> memo;  // derived, then tag flags
  };

  V Derived(State& s, int i) const {
    Memo& m = s.memo[i];
    if (!m.done) {
      m.value = Eval(s, derived[i]);
      m.done = true;
    }
    return m.value;
  }

  V Tag(State& s, int i) const {
    Memo& m = s.memo[derived.size() + i];
    if (!m.done) {
      const TagFlag& tf = *tags[i].flag;
      const auto& all = s.values.values().tags;
      auto it = all.find(tf.tag);
      if (it != all.end()) {
        bool hit = std::any_of(it->second.begin(), it->second.end(), [&](const std::string& t) {
          return std::find(tf.any_of.begin(), tf.any_of.end(), t) != tf.any_of.end();
        });
        m.value = hit ? 1.0 : 0.0;
      }
      m.done = true;
    }
    return m.value;
  }

  // Mirrors EvaluateExpression; skipping an operand whose value cannot matter is safe here
  // because nothing but the value is recorded.
  V Eval(State& s, int n) const {
    const Node& e = nodes[n];
    switch (e.op) {
      case Op::kConst:
        return e.number;
      case Op::kName:
        if (e.slot >= 0 && s.values.Has(e.slot)) return s.values.Get(e.slot);
        switch (e.fallback) {
          case Fallback::kConst:
            return e.number;
          case Fallback::kDerived:
            return Derived(s, e.index);
          case Fallback::kTag:
            return Tag(s, e.index);
          case Fallback::kMissing:
            return std::nullopt;
        }
        return std::nullopt;
      case Op::kNeg: {
        V a = Eval(s, e.a);
        if (!a) return std::nullopt;
        return -*a;
      }
      case Op::kNot: {
        V a = Eval(s, e.a);
        if (!a) return std::nullopt;
        return *a != 0 ? 0.0 : 1.0;
      }
      case Op::kAnd: {
        V a = Eval(s, e.a);
        if (a && *a == 0) return 0.0;
        V b = Eval(s, e.b);
        if (b && *b == 0) return 0.0;
        if (a && b) return 1.0;
        return std::nullopt;
      }
      case Op::kOr: {
        V a = Eval(s, e.a);
        if (a && *a != 0) return 1.0;
        V b = Eval(s, e.b);
        if (b && *b != 0) return 1.0;
        if (a && b) return 0.0;
        return std::nullopt;
      }
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
      case Op::kCompare: {
        V a = Eval(s, e.a);
        if (!a) return std::nullopt;
        V b = Eval(s, e.b);
        if (!b) return std::nullopt;
        switch (e.op) {
          case Op::kAdd:
            return *a + *b;
          case Op::kSub:
            return *a - *b;
          case Op::kMul:
            return *a * *b;
          case Op::kDiv:
            if (*b == 0) return std::nullopt;
            return *a / *b;
          default:
            return Compare(*a, e.cmp, *b) ? 1.0 : 0.0;
        }
      }
      case Op::kIf: {
        V c = Eval(s, e.a);
        if (c) return Eval(s, *c != 0 ? e.b : e.c);
        V x = Eval(s, e.b);
        V y = Eval(s, e.c);
        if (x && y && *x == *y) return x;
        return std::nullopt;
      }
      case Op::kMin:
      case Op::kMax: {
        double acc = 0;
        for (int i = 0; i < e.b; ++i) {
          V v = Eval(s, args[e.a + i]);
          if (!v) return std::nullopt;
          // Keeps the first of equal values, as min_element / max_element do.
          if (i == 0 || (e.op == Op::kMin ? *v < acc : acc < *v)) acc = *v;
        }
        return acc;
      }
      case Op::kCeil:
      case Op::kFloor: {
        V a = Eval(s, e.a);
        if (!a) return std::nullopt;
        return e.op == Op::kCeil ? std::ceil(Snap(*a)) : std::floor(Snap(*a));
      }
      case Op::kUnknown:
        return std::nullopt;
    }
    return std::nullopt;
  }
};

namespace {

class Compiler {
 public:
  Compiler(const RuleSet& rs, CompiledRuleSet::Program& p) : rs_(rs), p_(p) {}

  int Emit(const ExprPtr& e) { return e ? Emit(*e) : Push(Node{}); }

  int Emit(const Expr& e) {
    Node n;
    switch (e.kind) {
      case Expr::Kind::kNumber:
      case Expr::Kind::kBool:
        n.op = Op::kConst;
        n.number = e.number;
        return Push(n);
      case Expr::Kind::kName:
        return Push(Name(e.name));
      case Expr::Kind::kNeg:
      case Expr::Kind::kNot:
        n.op = e.kind == Expr::Kind::kNeg ? Op::kNeg : Op::kNot;
        n.a = Emit(e.args[0]);
        return Push(n);
      case Expr::Kind::kBinary:
        switch (e.op) {
          case BinaryOp::kAdd:
            n.op = Op::kAdd;
            break;
          case BinaryOp::kSub:
            n.op = Op::kSub;
            break;
          case BinaryOp::kMul:
            n.op = Op::kMul;
            break;
          case BinaryOp::kDiv:
            n.op = Op::kDiv;
            break;
          case BinaryOp::kAnd:
            n.op = Op::kAnd;
            break;
          case BinaryOp::kOr:
            n.op = Op::kOr;
            break;
          default:
            n.op = Op::kCompare;
            n.cmp = e.op;
        }
        n.a = Emit(e.args[0]);
        n.b = Emit(e.args[1]);
        return Push(n);
      case Expr::Kind::kCall: {
        if (e.name == "if") {
          n.op = Op::kIf;
          n.a = Emit(e.args[0]);
          n.b = Emit(e.args[1]);
          n.c = Emit(e.args[2]);
          return Push(n);
        }
        if (e.name == "ceil" || e.name == "floor") {
          n.op = e.name == "ceil" ? Op::kCeil : Op::kFloor;
          n.a = Emit(e.args[0]);
          return Push(n);
        }
        if (e.name == "min" || e.name == "max") {
          n.op = e.name == "min" ? Op::kMin : Op::kMax;
          std::vector<int> kids;
          for (const auto& arg : e.args) kids.push_back(Emit(arg));
          n.a = static_cast<int>(p_.args.size());
          n.b = static_cast<int>(kids.size());
          p_.args.insert(p_.args.end(), kids.begin(), kids.end());
          return Push(n);
        }
        return Push(Node{});  // the parser admits no other function
      }
    }
    return Push(Node{});
  }

 private:
  int Push(const Node& n) {
    p_.nodes.push_back(n);
    return static_cast<int>(p_.nodes.size()) - 1;
  }

  Node Name(const std::string& name) {
    Node n;
    n.op = Op::kName;
    n.slot = IndicatorSlot(name);
    if (const Parameter* prm = rs_.FindParameter(name)) {
      n.fallback = Fallback::kConst;
      n.number = prm->value;
      return n;
    }
    for (std::size_t i = 0; i < rs_.derived.size(); ++i)
      if (rs_.derived[i].id == name) {
        n.fallback = Fallback::kDerived;
        n.index = static_cast<int>(i);
        return n;
      }
    for (std::size_t i = 0; i < rs_.tag_flags.size(); ++i)
      if (rs_.tag_flags[i].indicator == name) {
        n.fallback = Fallback::kTag;
        n.index = static_cast<int>(i);
        return n;
      }
    n.fallback = Fallback::kMissing;
    return n;
  }

  const RuleSet& rs_;
  CompiledRuleSet::Program& p_;
};

}  // namespace

int IndicatorSlot(std::string_view id) {
  const auto& ids = SortedCatalogue();
  auto it = std::lower_bound(ids.begin(), ids.end(), id,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  return it != ids.end() && it->first == id ? it->second : -1;
}

BoundValues::BoundValues(const IndicatorValues& values) : values_(&values) {
  const auto& ids = SortedCatalogue();
  value_.assign(ids.size(), 0.0);
  present_.assign(ids.size(), 0);
  auto c = ids.begin();
  for (const auto& [id, iv] : values.values) {
    std::string_view key(id);
    while (c != ids.end() && c->first < key) ++c;
    if (c != ids.end() && c->first == key) {
      value_[c->second] = iv.value;
      present_[c->second] = 1;
      ++c;
    } else {
      off_catalogue_ = true;
    }
  }
}

CompiledRuleSet::CompiledRuleSet(std::shared_ptr<const RuleSet> rule_set)
    : owner_(std::move(rule_set)), rule_set_(owner_.get()) {
  Compile();
}

CompiledRuleSet::CompiledRuleSet(const RuleSet& rule_set) : rule_set_(&rule_set) { Compile(); }

CompiledRuleSet::~CompiledRuleSet() = default;
CompiledRuleSet::CompiledRuleSet(CompiledRuleSet&&) noexcept = default;
CompiledRuleSet& CompiledRuleSet::operator=(CompiledRuleSet&&) noexcept = default;

void CompiledRuleSet::Compile() {
  const RuleSet& rs = *rule_set_;
  program_ = std::make_unique<Program>();
  Program& p = *program_;
  Compiler cc(rs, p);
  p.score_mode = rs.combine == CombineMode::kScore;
  for (const auto& d : rs.derived) p.derived.push_back(cc.Emit(d.expr));
  for (const auto& tf : rs.tag_flags) p.tags.push_back({&tf});
  for (const auto& rel : rs.relaxations)
    p.relaxations.push_back({cc.Emit(rel.when), cc.Emit(rel.factor), rel.provisional});
  for (const auto& c : rs.criteria) {
    CCriterion k;
    if (c.applies_when) k.applies = cc.Emit(c.applies_when);
    bool inclusive = c.inclusive.value_or(rs.inclusive);
    for (const auto& cl : c.clauses) {
      CClause x;
      x.lhs = cc.Emit(cl.lhs);
      x.threshold = cc.Emit(cl.threshold);
      x.op = EffectiveOp(cl.op, inclusive);
      x.is_bool = cl.unit.is_bool;
      for (const auto& v : cl.variants)
        x.variants.push_back({cc.Emit(v.when), cc.Emit(v.threshold)});
      k.clauses.push_back(std::move(x));
    }
    for (std::size_t i = 0; i < rs.relaxations.size(); ++i) {
      const auto& ids = rs.relaxations[i].criteria;
      if (std::find(ids.begin(), ids.end(), c.id) != ids.end())
        k.relaxations.push_back(static_cast<int>(i));
    }
    k.provisional = c.provisional || rs.provisional;
    for (const auto& prm : c.parameters)
      if (const Parameter* def = rs.FindParameter(prm); def && def->provisional)
        k.provisional = true;
    k.weight = c.weight;
    k.scoring = c.scoring;
    p.criteria.push_back(std::move(k));
  }
}

namespace {

struct ClauseOut {
  V value;
  V threshold;
  V margin;
  ClauseOp op = ClauseOp::kGe;
  bool is_bool = false;
  Outcome outcome = Outcome::kUnknown;
};

double Relative(const ClauseOut& c) {
  if (!c.margin) return c.outcome == Outcome::kPass ? 0 : -1;
  double scale = std::max(1e-12, std::fabs(c.threshold.value_or(0)));
  return *c.margin / scale;
}

}  // namespace

Decision CompiledRuleSet::Decide(const BoundValues& values) const {
  const RuleSet& rs = *rule_set_;
  Decision d;
  if (values.off_catalogue()) {
    // An id outside the catalogue could shadow a parameter; the interpreter resolves it.
    Verdict v = Evaluate(rs, values.values());
    d.outcome = v.outcome;
    d.score = v.score;
    d.provisional = v.provisional;
    for (std::size_t i = 0; i < rs.grades.size() && !v.grade.empty(); ++i)
      if (rs.grades[i].code == v.grade) {
        d.grade = static_cast<int>(i);
        break;
      }
    return d;
  }

  const Program& p = *program_;
  Program::State s{values, std::vector<Program::Memo>(p.derived.size() + p.tags.size())};
  d.provisional = rs.provisional;
  int fails = 0, unknowns = 0, passes = 0;
  double score = 0;
  for (const CCriterion& c : p.criteria) {
    bool provisional = c.provisional;
    V applies = 1.0;
    if (c.applies >= 0) applies = p.Eval(s, c.applies);
    bool any_pass = false, any_unknown = false;
    ClauseOut best;
    bool have_best = false;
    ClauseOut first;
    for (std::size_t i = 0; i < c.clauses.size(); ++i) {
      const CClause& cl = c.clauses[i];
      ClauseOut r;
      r.op = cl.op;
      r.is_bool = cl.is_bool;
      r.value = p.Eval(s, cl.lhs);
      int threshold = cl.threshold;
      bool threshold_known = true;
      for (const CVariant& v : cl.variants) {
        V w = p.Eval(s, v.when);
        if (!w) {
          threshold_known = false;
          break;
        }
        if (*w != 0) {
          threshold = v.threshold;
          break;
        }
      }
      if (threshold_known) r.threshold = p.Eval(s, threshold);
      for (int ri : c.relaxations) {
        const CRelaxation& rel = p.relaxations[ri];
        V w = p.Eval(s, rel.when);
        if (!w) {
          r.threshold.reset();
          continue;
        }
        if (*w == 0) continue;
        V f = p.Eval(s, rel.factor);
        if (!f || !r.threshold) {
          r.threshold.reset();
          continue;
        }
        *r.threshold *= *f;
        if (rel.provisional) provisional = true;
      }
      if (r.value && r.threshold) {
        r.outcome =
            Compare(*r.value, ToBinaryOp(r.op), *r.threshold) ? Outcome::kPass : Outcome::kFail;
        if (!cl.is_bool) {
          if (r.op == ClauseOp::kGe || r.op == ClauseOp::kGt) r.margin = *r.value - *r.threshold;
          if (r.op == ClauseOp::kLe || r.op == ClauseOp::kLt) r.margin = *r.threshold - *r.value;
          if (r.margin && std::fabs(*r.margin) <=
                              1e-9 * std::max({1.0, std::fabs(*r.value), std::fabs(*r.threshold)}))
            r.margin = 0.0;
        }
      }
      if (i == 0) first = r;
      if (r.outcome == Outcome::kPass) any_pass = true;
      if (r.outcome == Outcome::kUnknown) {
        any_unknown = true;
        continue;
      }
      if (!have_best) {
        best = r;
        have_best = true;
        continue;
      }
      bool better = (r.outcome == Outcome::kPass) != (best.outcome == Outcome::kPass)
                        ? r.outcome == Outcome::kPass
                        : Relative(r) > Relative(best);
      if (better) best = r;
    }
    Outcome outcome;
    if (applies && *applies == 0)
      outcome = Outcome::kNotApplicable;
    else if (!applies)
      outcome = Outcome::kUnknown;
    else
      outcome = any_pass ? Outcome::kPass : any_unknown ? Outcome::kUnknown : Outcome::kFail;
    fails += outcome == Outcome::kFail;
    unknowns += outcome == Outcome::kUnknown;
    passes += outcome == Outcome::kPass;
    if (p.score_mode) {
      const ClauseOut& cl = have_best ? best : first;
      double points = 0;
      if (outcome == Outcome::kNotApplicable) {
        points = c.weight;
      } else if (outcome != Outcome::kUnknown) {
        bool linear = c.scoring == Scoring::kLinear && c.clauses.size() == 1 && !cl.is_bool &&
                      cl.value && cl.threshold;
        if (!linear || outcome == Outcome::kPass) {
          points = outcome == Outcome::kPass ? c.weight : 0;
        } else {
          double v = *cl.value, t = *cl.threshold, share = 0;
          if (cl.op == ClauseOp::kGe || cl.op == ClauseOp::kGt)
            share = t > 0 ? v / t : 0;
          else if (cl.op == ClauseOp::kLe || cl.op == ClauseOp::kLt)
            share = v > 0 ? t / v : 1;
          points = c.weight * std::clamp(share, 0.0, 1.0);
        }
      }
      score += points;
    }
    if (provisional) d.provisional = true;
  }

  switch (rs.combine) {
    case CombineMode::kAll:
      d.outcome = fails > 0 ? Outcome::kFail : unknowns > 0 ? Outcome::kUnknown : Outcome::kPass;
      break;
    case CombineMode::kAny:
      d.outcome = passes > 0 ? Outcome::kPass : unknowns > 0 ? Outcome::kUnknown : Outcome::kFail;
      break;
    case CombineMode::kScore: {
      d.score = std::round(score * 1e6) / 1e6;
      int reached = rs.grades.empty() ? -1 : static_cast<int>(rs.grades.size()) - 1;
      for (std::size_t i = 0; i < rs.grades.size(); ++i)
        if (Compare(d.score, BinaryOp::kGe, rs.grades[i].min_score_value)) {
          reached = static_cast<int>(i);
          break;
        }
      d.grade = reached;
      bool lowest = reached >= 0 && reached == static_cast<int>(rs.grades.size()) - 1;
      d.outcome = unknowns > 0 ? Outcome::kUnknown : lowest ? Outcome::kFail : Outcome::kPass;
      break;
    }
  }
  return d;
}

Verdict CompiledRuleSet::Explain(const IndicatorValues& values) const {
  return Evaluate(*rule_set_, values);
}

const std::string& CompiledRuleSet::GradeCode(const Decision& d) const {
  static const std::string kNone;
  return d.grade < 0 ? kNone : rule_set_->grades[d.grade].code;
}

}  // namespace incunet::domain::standards
