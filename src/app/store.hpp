#pragma once
// The unit of work over every module's ports (app/<module>/ports.hpp). storage/ implements them
// for SQLite and PostgreSQL. A Tx is one database transaction: Store::Write commits when the
// callback returns a value and rolls back when it returns an error or throws.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/ports.hpp"
#include "app/consent/ports.hpp"
#include "app/demo/ports.hpp"
#include "app/identity/ports.hpp"
#include "app/io/ports.hpp"
#include "app/registry/ports.hpp"
#include "app/returns/ports.hpp"
#include "app/standards/ports.hpp"
#include "app/stats/ports.hpp"
#include "core/error.hpp"

namespace incunet::app {

class Tx {
 public:
  virtual ~Tx() = default;
  virtual registry::RegionRepo& regions() = 0;
  virtual registry::CarrierRepo& carriers() = 0;
  virtual registry::ClusterRepo& clusters() = 0;
  virtual registry::EnterpriseRepo& enterprises() = 0;
  virtual registry::IncubationRepo& incubations() = 0;
  virtual identity::UserRepo& users() = 0;
  virtual audit::AuditRepo& audit() = 0;
  virtual consent::ConsentRepo& consents() = 0;
  virtual stats::StatsRepo& stats() = 0;
  virtual demo::DemoBulkRepo& demo_bulk() = 0;
  virtual io::IoRepo& io() = 0;
  virtual returns::ReturnRepo& returns() = 0;
  virtual standards::StandardsRepo& standards() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual const char* DialectName() const = 0;  // "sqlite" | "postgresql"
  // Runs `fn` in a read-only unit (a snapshot where the backend offers one).
  virtual void Read(const std::function<void(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction; commits iff it returns success.
  virtual core::Status Write(const std::function<core::Status(Tx&)>& fn) = 0;
  // Bumped after every committed write through this store; caches keyed on it never serve data
  // older than this process's own last write.
  virtual std::uint64_t Generation() const = 0;
};

}  // namespace incunet::app
