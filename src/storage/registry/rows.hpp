#pragma once
// One mapping from each entity to its table's columns, shared by every path that writes the
// table: the registry repos (one row, ParamRow), the importer and the demo loader (many rows,
// BulkWriter). A column added here reaches all of them.
#include <string_view>
#include <vector>

#include "domain/registry/entities.hpp"

namespace incunet::storage {

// incubations, without id (assigned by the database, or written first by the caller).
inline const std::vector<std::string_view> kIncubationColumns = {
    "enterprise_id", "carrier_id", "state",    "applied_on",          "admitted_on", "started_on",
    "ended_on",      "end_reason", "space_m2", "transferred_from_id", "version"};

template <typename Row>
Row& PutIncubation(Row& w, const domain::registry::Incubation& i) {
  w.Int(i.enterprise_id).Int(i.carrier_id).Text(i.state).Text(i.applied_on);
  w.Text(i.admitted_on).Text(i.started_on).Text(i.ended_on).Text(i.end_reason);
  w.Real(i.space_m2).Int(i.transferred_from_id).Int(i.version);
  return w;
}

// qualifications and listings of an enterprise.
inline const std::vector<std::string_view> kQualificationColumns = {"enterprise_id", "kind",
                                                                    "valid_from", "valid_to"};
template <typename Row>
Row& PutQualification(Row& w, domain::registry::Id enterprise_id,
                      const domain::registry::Qualification& q) {
  w.Int(enterprise_id).Text(q.kind).Text(q.valid_from).Text(q.valid_to);
  return w;
}

inline const std::vector<std::string_view> kListingColumns = {"enterprise_id", "board", "code",
                                                              "listed_on"};
template <typename Row>
Row& PutListing(Row& w, domain::registry::Id enterprise_id, const domain::registry::Listing& l) {
  w.Int(enterprise_id).Text(l.board).Text(l.code).Text(l.listed_on);
  return w;
}

// The same columns with id first, for writers that assign ids themselves.
inline std::vector<std::string_view> WithId(const std::vector<std::string_view>& cols) {
  std::vector<std::string_view> out{"id"};
  out.insert(out.end(), cols.begin(), cols.end());
  return out;
}

}  // namespace incunet::storage
