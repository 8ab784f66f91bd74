#pragma once
// The storage port for loading a generated network fast: rows go in with ids the loader assigns
// (next free id + position in the generated vectors), in bulk inside the caller's
// transaction, instead of one statement per row through the registry repositories. Writes no
// audit rows: the loader appends one for the whole job.
#include <cstdint>
#include <functional>
#include <string>

#include "domain/demo/generator.hpp"

namespace incunet::app::demo {

struct IdBases {
  std::int64_t carrier = 1;     // carrier i gets carrier + i
  std::int64_t enterprise = 1;  // enterprise i gets enterprise + i
  std::int64_t incubation = 1;
};

// Called with the number of rows written since the last call.
using RowsFn = std::function<void(std::size_t)>;

class DemoBulkRepo {
 public:
  virtual ~DemoBulkRepo() = default;
  // Next free ids (max id + 1 of each table). Called first: the tables that are still empty
  // get their indexes built at the end, by FinishIds.
  virtual IdBases NextIds() = 0;
  // Carriers with codes "<region>-<id>", the tier in force on `today`, their recognitions and
  // overseas sites; clusters and their members.
  virtual void WriteCarriers(const domain::demo::DemoNetwork& net, const IdBases& ids,
                             const std::string& today, const std::string& now,
                             const RowsFn& rows) = 0;
  // Enterprises with their qualifications and listings, then the stays.
  virtual void WriteEnterprises(const domain::demo::DemoNetwork& net, const IdBases& ids,
                                const std::string& now, const RowsFn& rows) = 0;
  virtual void WriteIncubations(const domain::demo::DemoNetwork& net, const IdBases& ids,
                                const RowsFn& rows) = 0;
  virtual void WriteEventsAndFinancings(const domain::demo::DemoNetwork& net, const IdBases& ids,
                                        const RowsFn& rows) = 0;
  // The annual returns (domain/demo/returns.hpp), streamed as they are produced: headers with
  // explicit ids, values and review steps. Returns how many returns were written.
  virtual std::size_t WriteReturns(const domain::demo::DemoNetwork& net, const IdBases& ids,
                                   const RowsFn& rows) = 0;
  // Builds the indexes the load left for the end, and moves identity sequences past the
  // explicit ids (PostgreSQL).
  virtual void FinishIds() = 0;
};

}  // namespace incunet::app::demo
