#pragma once
// JSON shapes of the standards module (docs/api/standards.md): rule sets and their versions,
// diffs, verdicts with every criterion's value, threshold, margin and sources, gaps, facts.
#include "app/json_codec.hpp"
#include "app/schema.hpp"
#include "app/standards/ports.hpp"
#include "domain/standards/diff.hpp"
#include "domain/standards/evaluate.hpp"
#include "domain/standards/rule_set.hpp"
#include "domain/standards/tiers.hpp"

namespace incunet::app::standards {

namespace st = domain::standards;

// The version row's header (no file text).
// The shapes below as JSON Schema: RuleSetVersion, RuleSet, RuleSetDiff, Evaluation, Verdict,
// VerdictSummary, Gap, CarrierFact, HardshipCounty, Indicator.
schema::Components Schemas();

Json VersionSummaryJson(const RuleSetVersionRow& row);
// The full rule set as loaded: parameters, derived indicators, criteria, relaxations, groups,
// grades; plus the version row's header and the file text.
Json RuleSetJson(const RuleSetVersionRow& row, const st::RuleSet& rs);
Json DiffJson(const st::RuleSetDiff& d);
// A verdict; deterministic for the same inputs (no timestamps), so storing it is idempotent.
Json VerdictJson(const st::Verdict& v);
// VerdictJson(v) as compact text, byte for byte what dumping it gives (keys sorted, UTF-8 kept,
// invalid UTF-8 replaced), written directly: storing a verdict does not build the tree.
std::string VerdictText(const st::Verdict& v);
Json GapJson(const st::Gap& g);
// A stored verdict: its key and the verdict body.
Json StoredVerdictJson(const StoredVerdict& v);
Json FactJson(const CarrierFact& f);
Json HardshipJson(const HardshipCounty& h);
// A catalogue indicator: {id, name_zh, name_en, subject, unit, unit_label_zh, unit_label_en,
// source: "records" (derived from the registry, a declared fact overrides it) | "declared",
// declarable (carrier indicators: PUT /carriers/{id}/facts accepts them)}.
Json IndicatorJson(const st::Indicator& i);

// An optional number as JSON (null when absent).
Json OptNum(const std::optional<double>& v);

}  // namespace incunet::app::standards
