#include "domain/standards/diff.hpp"

#include <cstdio>
#include <map>
#include <set>

namespace incunet::domain::standards {
namespace {

using Fields = std::map<std::string, std::string>;

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string Date(const std::optional<core::Date>& d) { return d ? d->ToString() : ""; }
std::string Flag(bool b) { return b ? "true" : "false"; }

Fields Flatten(const Parameter& p) {
  Fields f{{"name_zh", p.name_zh},
           {"name_en", p.name_en},
           {"unit", UnitName(p.unit)},
           {"provisional", Flag(p.provisional)},
           {"citation", p.citation},
           {"description_zh", p.description_zh},
           {"description_en", p.description_en}};
  // An expression parameter is compared by its text; its folded value follows from it.
  f["value"] =
      p.expr_text.empty() ? (p.unit.is_bool ? Flag(p.value != 0) : Number(p.value)) : p.expr_text;
  return f;
}

Fields Flatten(const Derived& d) {
  return {{"name_zh", d.name_zh},
          {"name_en", d.name_en},
          {"unit", UnitName(d.unit)},
          {"expr", d.expr_text}};
}

Fields Flatten(const Criterion& c) {
  Fields f{{"name_zh", c.name_zh},
           {"name_en", c.name_en},
           {"citation", c.citation},
           {"provisional", Flag(c.provisional)},
           {"inclusive", c.inclusive ? Flag(*c.inclusive) : ""},
           {"applies_when", c.applies_when_text},
           {"note_zh", c.note_zh},
           {"note_en", c.note_en},
           {"group", c.group},
           {"weight", c.weight_text.empty() ? "" : c.weight_text},
           {"scoring", c.group.empty() ? "" : (c.scoring == Scoring::kPass ? "pass" : "linear")}};
  for (std::size_t i = 0; i < c.clauses.size(); ++i) {
    const Clause& k = c.clauses[i];
    std::string p = c.clauses.size() == 1 ? "" : "any_of[" + std::to_string(i) + "].";
    f[p + "lhs"] = k.lhs_text;
    f[p + "op"] = ClauseOpText(k.op);
    f[p + "threshold"] = k.threshold_text;
    f[p + "unit"] = UnitName(k.unit);
    if (!p.empty()) {
      f[p + "name_zh"] = k.name_zh;
      f[p + "name_en"] = k.name_en;
    }
    for (std::size_t v = 0; v < k.variants.size(); ++v) {
      std::string q = p + "variants[" + std::to_string(v) + "].";
      f[q + "when"] = k.variants[v].when_text;
      f[q + "threshold"] = k.variants[v].threshold_text;
      f[q + "name_zh"] = k.variants[v].name_zh;
    }
  }
  return f;
}

Fields Flatten(const Relaxation& r) {
  std::string crits;
  for (const auto& c : r.criteria) crits += (crits.empty() ? "" : ",") + c;
  return {{"name_zh", r.name_zh},
          {"name_en", r.name_en},
          {"when", r.when_text},
          {"factor", r.factor_text},
          {"criteria", crits},
          {"citation", r.citation},
          {"provisional", Flag(r.provisional)}};
}

std::vector<FieldChange> Compare(const Fields& a, const Fields& b) {
  std::vector<FieldChange> out;
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  for (const auto& k : keys) {
    auto ia = a.find(k), ib = b.find(k);
    std::string va = ia == a.end() ? "" : ia->second, vb = ib == b.end() ? "" : ib->second;
    if (va != vb) out.push_back({k, va, vb});
  }
  return out;
}

template <typename T>
std::vector<ItemDiff> DiffItems(const std::vector<T>& from, const std::vector<T>& to) {
  std::vector<ItemDiff> out;
  std::map<std::string, const T*> old;
  for (const auto& x : from) old[x.id] = &x;
  std::set<std::string> seen;
  for (const auto& x : to) {
    seen.insert(x.id);
    auto it = old.find(x.id);
    if (it == old.end()) {
      out.push_back({x.id, "added", x.name_zh, x.name_en, {}});
      continue;
    }
    auto changes = Compare(Flatten(*it->second), Flatten(x));
    if (!changes.empty()) out.push_back({x.id, "changed", x.name_zh, x.name_en, changes});
  }
  for (const auto& x : from)
    if (!seen.count(x.id)) out.push_back({x.id, "removed", x.name_zh, x.name_en, {}});
  return out;
}

}  // namespace

RuleSetDiff DiffRuleSets(const RuleSet& a, const RuleSet& b) {
  RuleSetDiff d;
  Fields ha{{"name_zh", a.name_zh},
            {"name_en", a.name_en},
            {"document", a.document},
            {"subject", SubjectName(a.subject)},
            {"kind", RuleKindName(a.kind)},
            {"level", LevelName(a.level)},
            {"jurisdiction", a.jurisdiction},
            {"effective_from", Date(a.effective_from)},
            {"effective_to", Date(a.effective_to)},
            {"combine", CombineModeName(a.combine)},
            {"inclusive", Flag(a.inclusive)},
            {"provisional", Flag(a.provisional)}};
  Fields hb{{"name_zh", b.name_zh},
            {"name_en", b.name_en},
            {"document", b.document},
            {"subject", SubjectName(b.subject)},
            {"kind", RuleKindName(b.kind)},
            {"level", LevelName(b.level)},
            {"jurisdiction", b.jurisdiction},
            {"effective_from", Date(b.effective_from)},
            {"effective_to", Date(b.effective_to)},
            {"combine", CombineModeName(b.combine)},
            {"inclusive", Flag(b.inclusive)},
            {"provisional", Flag(b.provisional)}};
  d.header = Compare(ha, hb);
  d.parameters = DiffItems(a.parameters, b.parameters);
  d.derived = DiffItems(a.derived, b.derived);
  d.criteria = DiffItems(a.criteria, b.criteria);
  d.relaxations = DiffItems(a.relaxations, b.relaxations);
  return d;
}

}  // namespace incunet::domain::standards
