#pragma once
// JSON of the statistics (docs/api/stats.md shows the shapes).
#include "app/json_codec.hpp"
#include "app/schema.hpp"
#include "app/stats/service.hpp"

namespace incunet::app::stats {

// The shapes below as JSON Schema: Figures, StatsRegion, StatsSummary, StatsBreakdown,
// StatsFunnel, StatsSeries, CarrierStats, StatsTargets.
schema::Components Schemas();

Json ToJson(const domain::stats::Figures& f);
Json ToJson(const RegionRef& r);
Json ToJson(const Summary& s);
Json ToJson(const Breakdown& b);
Json FunnelJson(const Summary& s);
Json ToJson(const Series& s);
Json ToJson(const CarrierFigures& c);

}  // namespace incunet::app::stats
