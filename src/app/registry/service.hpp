#pragma once
// Registry use cases: regions, carriers, clusters, enterprises and incubations. Each mutation
// checks the actor's right to act on the subject, validates with domain rules, writes and audits
// in one transaction. Reads go through scoped repositories.
#include <chrono>
#include <functional>

#include "app/store.hpp"
#include "core/dates.hpp"
#include "domain/registry/authority.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::registry {

namespace reg = domain::registry;

struct RegionDetail {
  reg::Region region;
  std::vector<reg::Region> ancestors;
};

class RegistryService {
 public:
  RegistryService(Store& store, const core::Clock& now) : store_(store), now_(now) {}

  core::Result<RegionDetail> GetRegion(const std::string& code);
  Page<reg::Region> ListRegions(const RegionQuery& q, const PageRequest& p);

  core::Result<reg::Carrier> GetCarrier(const Actor& a, Id id);
  Page<reg::Carrier> ListCarriers(const Actor& a, const CarrierQuery& q, const PageRequest& p);
  core::Result<reg::Carrier> CreateCarrier(const Actor& a, reg::Carrier c,
                                           const std::string& request_id);
  // `apply` edits the stored carrier (the HTTP layer applies the JSON patch); `version` must be
  // the stored one or the update fails with 409 stale_version (412 when it came as If-Match).
  core::Result<reg::Carrier> UpdateCarrier(const Actor& a, Id id, std::int64_t version,
                                           bool from_if_match,
                                           const std::function<core::Status(reg::Carrier&)>& apply,
                                           const std::string& request_id);
  core::Result<reg::Recognition> AddRecognition(const Actor& a, Id carrier_id, reg::Recognition r,
                                                const std::string& request_id);

  core::Result<reg::Cluster> GetCluster(Id id);
  Page<reg::Cluster> ListClusters(const std::string& region, const PageRequest& p);
  core::Result<reg::Cluster> CreateCluster(const Actor& a, reg::Cluster c,
                                           const std::string& request_id);

  core::Result<reg::Enterprise> GetEnterprise(const Actor& a, Id id);
  Page<reg::Enterprise> ListEnterprises(const Actor& a, const EnterpriseQuery& q,
                                        const PageRequest& p);
  core::Result<reg::Enterprise> CreateEnterprise(const Actor& a, reg::Enterprise e,
                                                 const std::string& request_id);
  core::Result<reg::Enterprise> UpdateEnterprise(
      const Actor& a, Id id, std::int64_t version, bool from_if_match,
      const std::function<core::Status(reg::Enterprise&)>& apply, const std::string& request_id);

  core::Result<reg::Incubation> GetIncubation(const Actor& a, Id id);
  Page<reg::Incubation> ListIncubations(const Actor& a, const IncubationQuery& q,
                                        const PageRequest& p);
  core::Result<reg::Incubation> Apply(const Actor& a, reg::Incubation i,
                                      const std::string& request_id);
  core::Result<reg::Incubation> Transition(const Actor& a, Id id, const std::string& to,
                                           const std::string& on, const std::string& request_id);
  // Ends the stay as "transferred" and opens an incubating stay at `carrier_id` from `on`,
  // linked by transferred_from_id, so the enterprise's history stays whole.
  core::Result<reg::Incubation> Transfer(const Actor& a, Id id, Id carrier_id,
                                         const std::string& on, const std::string& request_id);

 private:
  static reg::Recorder Recorder(const Actor& a);
  std::string Today() const;
  std::string NowText() const;

  Store& store_;
  const core::Clock& now_;
};

}  // namespace incunet::app::registry
