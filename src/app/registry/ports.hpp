#pragma once
// The registry's storage ports (implemented in storage/registry). Reads take the caller's Scope:
// the data layer filters by it and an unknown scope sees nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/paging.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::registry {

using domain::registry::Id;

struct RegionQuery {
  std::optional<std::string> parent;  // children of this code
  std::optional<std::string> level;
  std::string q;
};

class RegionRepo {
 public:
  virtual ~RegionRepo() = default;
  virtual std::optional<domain::registry::Region> Find(const std::string& code) = 0;
  virtual Page<domain::registry::Region> List(const RegionQuery& q, const PageRequest& p) = 0;
  // Root first, excluding the region itself.
  virtual std::vector<domain::registry::Region> Ancestors(const std::string& code) = 0;
  virtual std::int64_t Count() = 0;
  virtual void Upsert(const std::vector<domain::registry::Region>& rows) = 0;
};

struct CarrierQuery {
  std::string region;  // code prefix
  std::string kind;
  std::string tier;
  std::string q;
  std::string sort = "name";  // name | -name | founded_on | -founded_on
};

class CarrierRepo {
 public:
  virtual ~CarrierRepo() = default;
  virtual std::optional<domain::registry::Carrier> Find(const Scope& s, Id id) = 0;
  virtual std::optional<domain::registry::Carrier> FindByCode(const Scope& s,
                                                              const std::string& code) = 0;
  virtual Page<domain::registry::Carrier> List(const Scope& s, const CarrierQuery& q,
                                               const PageRequest& p) = 0;
  // Assigns id (and code when empty); writes recognitions and overseas sites too.
  virtual Id Insert(domain::registry::Carrier& c) = 0;
  // Replaces the row and its overseas sites; false when `expected_version` is stale.
  virtual bool Update(const domain::registry::Carrier& c, std::int64_t expected_version) = 0;
  virtual Id AddRecognition(domain::registry::Recognition& r) = 0;
  // Of `ids`, those the scope manages (national: every existing carrier; a region: the carriers
  // seated in it; an operator: its own), ascending. Unknown ids are never returned.
  virtual std::vector<Id> Managed(const Scope& s, const std::vector<Id>& ids) = 0;
  // Recomputes the cached tier column from the recognitions (same transaction as the change).
  virtual void RefreshTier(Id carrier_id, const std::string& today) = 0;
};

class ClusterRepo {
 public:
  virtual ~ClusterRepo() = default;
  virtual std::optional<domain::registry::Cluster> Find(Id id) = 0;
  virtual Page<domain::registry::Cluster> List(const std::string& region, const PageRequest& p) = 0;
  virtual Id Insert(domain::registry::Cluster& c) = 0;
};

struct EnterpriseQuery {
  std::string region;
  std::string q;
  std::string domain;
  std::optional<Id> carrier_id;
};

class EnterpriseRepo {
 public:
  virtual ~EnterpriseRepo() = default;
  virtual std::optional<domain::registry::Enterprise> Find(const Scope& s, Id id) = 0;
  virtual std::optional<Id> FindIdByUscc(const std::string& uscc) = 0;
  virtual Page<domain::registry::Enterprise> List(const Scope& s, const EnterpriseQuery& q,
                                                  const PageRequest& p) = 0;
  virtual Id Insert(domain::registry::Enterprise& e) = 0;
  virtual bool Update(const domain::registry::Enterprise& e, std::int64_t expected_version) = 0;
  // Of `ids`, those the scope manages (its read scope without consent grants), ascending.
  virtual std::vector<Id> Managed(const Scope& s, const std::vector<Id>& ids) = 0;
};

struct IncubationQuery {
  std::optional<Id> enterprise_id;
  std::optional<Id> carrier_id;
  std::string state;
};

class IncubationRepo {
 public:
  virtual ~IncubationRepo() = default;
  virtual std::optional<domain::registry::Incubation> Find(const Scope& s, Id id) = 0;
  virtual Page<domain::registry::Incubation> List(const Scope& s, const IncubationQuery& q,
                                                  const PageRequest& p) = 0;
  // An enterprise's active stay (applied, admitted or incubating), if any.
  virtual std::optional<domain::registry::Incubation> FindActive(Id enterprise_id) = 0;
  virtual Id Insert(domain::registry::Incubation& i) = 0;
  virtual bool Update(const domain::registry::Incubation& i, std::int64_t expected_version) = 0;
};

}  // namespace incunet::app::registry
