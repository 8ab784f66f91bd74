#pragma once
// Where indicator values come from. A verdict reads each value from the first source that has
// it, in this order: the carrier's latest accepted annual return (AnnualReturnSource,
// return_source.hpp), facts the carrier declares (carrier_facts), then facts derived from the
// registry's records (areas, incubatees, graduates, qualifications, recognitions, years of
// operation, the hardship-area list). Every value carries its source into the verdict.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/standards/ports.hpp"
#include "domain/registry/entities.hpp"
#include "domain/standards/evaluate.hpp"

namespace incunet::app {
class Tx;
}

namespace incunet::app::standards {

namespace st = domain::standards;

class IndicatorSource {
 public:
  virtual ~IndicatorSource() = default;
  // Sets, for each carrier, the values this source knows and `out[i]` does not hold yet.
  // `out` is parallel to `carriers`.
  virtual void FillCarriers(Tx& tx, const std::vector<domain::registry::Carrier>& carriers,
                            const std::string& as_of, std::vector<st::IndicatorValues>& out) = 0;
  // Likewise for incubatees (enterprise subjects).
  virtual void FillIncubatees(Tx& tx, const std::vector<IncubateeRecord>& incubatees,
                              const std::string& as_of, std::vector<st::IndicatorValues>& out) = 0;
};

// carrier_facts: the latest declared value on or before the date, source "declared:<as_of>"
// (plus the note, when given).
class DeclaredFactsSource : public IndicatorSource {
 public:
  void FillCarriers(Tx& tx, const std::vector<domain::registry::Carrier>& carriers,
                    const std::string& as_of, std::vector<st::IndicatorValues>& out) override;
  void FillIncubatees(Tx&, const std::vector<IncubateeRecord>&, const std::string&,
                      std::vector<st::IndicatorValues>&) override {}
};

// The registry's records (carriers, recognitions, incubations, enterprises, qualifications,
// listings, hardship_counties).
class RegistryRecordsSource : public IndicatorSource {
 public:
  void FillCarriers(Tx& tx, const std::vector<domain::registry::Carrier>& carriers,
                    const std::string& as_of, std::vector<st::IndicatorValues>& out) override;
  void FillIncubatees(Tx& tx, const std::vector<IncubateeRecord>& incubatees,
                      const std::string& as_of, std::vector<st::IndicatorValues>& out) override;
};

// The sources in priority order.
std::vector<std::unique_ptr<IndicatorSource>> DefaultIndicatorSources();

// ---- pure derivations (also used by the benchmark) ----

// Sets the registry-derived carrier indicators that `out` does not hold yet.
void DeriveCarrierIndicators(const domain::registry::Carrier& c, const CarrierAggregates& agg,
                             const std::set<std::string>& hardship_counties,
                             const std::string& as_of, st::IndicatorValues& out);
// Sets the record-derived indicators of an incubatee (and its technology_domains tags).
void DeriveIncubateeIndicators(const IncubateeRecord& r, const std::string& as_of,
                               st::IndicatorValues& out);

// Ids of the indicators the registry's records supply (carrier and enterprise), found by running
// the derivations above on a record with every field filled, so the list follows the code. The
// other catalogue indicators come only from declared facts (or, later, annual returns).
const std::set<std::string>& RecordDerivedIndicators();

// Whole months from `from` to `to` (both YYYY-MM-DD); nullopt when either is not a date.
std::optional<int> MonthsFromTo(const std::string& from, const std::string& to);

}  // namespace incunet::app::standards
