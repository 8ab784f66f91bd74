#pragma once
// One mapping from each entity to its table's columns, shared by every path that writes the
// table: the registry repos (one row, ParamRow), the importer and the demo loader (many rows,
// BulkWriter). A column added here reaches all of them.
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::storage {

// An enterprise's 技术领域 tags as stored: ",a,b," (so LIKE '%,a,%' finds one tag), "" for none.
std::string JoinDomains(const std::vector<std::string>& ds);
std::vector<std::string> SplitDomains(const std::string& s);

// carriers, without id. `tier` is the cached CurrentTier() (refreshed with every recognition).
inline const std::vector<std::string_view> kCarrierColumns = {"code",
                                                              "kind",
                                                              "name",
                                                              "name_sort",
                                                              "operator_uscc",
                                                              "region_code",
                                                              "zone_code",
                                                              "address",
                                                              "founded_on",
                                                              "closed_on",
                                                              "specialization",
                                                              "industry",
                                                              "area_total_m2",
                                                              "area_self_controlled_m2",
                                                              "area_incubatee_m2",
                                                              "area_public_service_m2",
                                                              "tier",
                                                              "version",
                                                              "created_at",
                                                              "updated_at"};

template <typename Row>
Row& PutCarrier(Row& w, const domain::registry::Carrier& c) {
  w.Text(c.code).Text(c.kind).Text(c.name).Text(core::SortKey(c.name)).Text(c.operator_uscc);
  w.Text(c.region_code).Text(c.zone_code).Text(c.address).Text(c.founded_on).Text(c.closed_on);
  w.Text(c.specialization).Text(c.industry).Real(c.area_total_m2);
  w.Real(c.area_self_controlled_m2).Real(c.area_incubatee_m2).Real(c.area_public_service_m2);
  w.Text(c.tier).Int(c.version).Text(c.created_at).Text(c.updated_at);
  return w;
}

// recognitions of a carrier (carrier_id taken from the recognition), without id.
inline const std::vector<std::string_view> kRecognitionColumns = {
    "carrier_id", "authority", "level", "valid_from", "valid_to", "document_no"};

template <typename Row>
Row& PutRecognition(Row& w, const domain::registry::Recognition& r) {
  w.Int(r.carrier_id).Text(r.authority).Text(r.level).Text(r.valid_from).Text(r.valid_to);
  w.Text(r.document_no);
  return w;
}

inline const std::vector<std::string_view> kOverseasSiteColumns = {"carrier_id", "country_code",
                                                                   "city"};
template <typename Row>
Row& PutOverseasSite(Row& w, domain::registry::Id carrier_id,
                     const domain::registry::OverseasSite& o) {
  w.Int(carrier_id).Text(o.country_code).Text(o.city);
  return w;
}

// enterprises, without id.
inline const std::vector<std::string_view> kEnterpriseColumns = {
    "name",     "name_sort", "uscc",      "is_team", "founded_on", "region_code",
    "industry", "domains",   "employees", "version", "created_at", "updated_at"};

template <typename Row>
Row& PutEnterprise(Row& w, const domain::registry::Enterprise& e) {
  w.Text(e.name).Text(core::SortKey(e.name)).Text(e.uscc).Int(e.is_team ? 1 : 0);
  w.Text(e.founded_on).Text(e.region_code).Text(e.industry).Text(JoinDomains(e.domains));
  w.Int(e.employees).Int(e.version).Text(e.created_at).Text(e.updated_at);
  return w;
}

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
