#pragma once
// The ports the use cases need. storage/ implements them for SQLite and PostgreSQL; every read
// takes the caller's Scope. A unit of work (Tx) is one database transaction: Store::Write commits
// when the callback returns a value and rolls back when it returns an error or throws.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/consent/ports.hpp"
#include "app/demo/bulk.hpp"
#include "app/io/ports.hpp"
#include "app/paging.hpp"
#include "app/stats/repo.hpp"
#include "app/returns/repo.hpp"
#include "app/standards/repo.hpp"
#include "core/error.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app {

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
  virtual Page<domain::registry::Cluster> List(const std::string& region,
                                               const PageRequest& p) = 0;
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

struct AuditEntry {
  std::string actor_login;
  std::int64_t actor_id = 0;
  std::string action;        // e.g. "carrier.create"
  std::string subject_type;  // e.g. "carrier"
  std::string subject_id;
  std::string before_json;   // "" when there was nothing before
  std::string after_json;
  std::string request_id;
};

struct AuditRecord : AuditEntry {
  std::int64_t id = 0;
  std::string at;
  std::string prev_hash;
  std::string hash;
};

struct AuditQuery {
  std::string actor;
  std::string action;
  std::string subject_type;
  std::string subject_id;
};

struct AuditBreak {
  std::int64_t id = 0;    // first row whose hash or link does not verify
  std::string problem;    // "altered", "deleted_before", "inserted", "head_mismatch"
};

struct AuditHead {
  std::int64_t rows = 0;       // rows in audit_log
  std::int64_t last_id = 0;    // what audit_head says
  std::string last_hash;
  std::optional<std::string> row_hash;  // the hash stored on row last_id, nullopt when absent
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  // Appends one row to the hash chain; serialised through the chain-head row, which it locks
  // for the rest of the transaction.
  virtual void Append(const AuditEntry& e, const std::string& at) = 0;
  virtual Page<AuditRecord> List(const AuditQuery& q, const PageRequest& p) = 0;
  // Recomputes the chain; nullopt when intact.
  virtual std::optional<AuditBreak> Verify() = 0;
  // The chain head, the row count and the stored hash of the head's row, read in one statement
  // so they agree even while other servers append.
  virtual AuditHead Head() = 0;
  // Stored hashes of the rows with these ids; ids the log does not hold are absent.
  virtual std::map<std::int64_t, std::string> HashesOf(const std::vector<std::int64_t>& ids) = 0;
};

struct UserRecord {
  Id id = 0;
  std::string login;
  std::string display_name;
  std::string role;
  std::string scope_region;
  std::vector<Id> carrier_ids;
  std::vector<Id> enterprise_ids;
  std::string password_hash;
  std::string status = "active";  // active | disabled
  std::int64_t failed_logins = 0;
  std::string locked_until;       // RFC 3339 or ""
  std::string created_at;
};

struct SessionRecord {
  std::string token_hash;
  Id user_id = 0;
  std::string kind = "session";  // session | api
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
  std::string label;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  virtual std::optional<UserRecord> FindByLogin(const std::string& login) = 0;
  virtual std::optional<UserRecord> Find(Id id) = 0;
  virtual Page<UserRecord> List(const Scope& s, const PageRequest& p) = 0;
  virtual std::int64_t Count() = 0;
  virtual Id Insert(UserRecord& u) = 0;
  virtual void Update(const UserRecord& u) = 0;
  virtual void InsertSession(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> FindSession(const std::string& token_hash) = 0;
  virtual void RevokeSession(const std::string& token_hash, const std::string& at) = 0;
  virtual void RevokeUserSessions(Id user_id, const std::string& at) = 0;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual RegionRepo& regions() = 0;
  virtual CarrierRepo& carriers() = 0;
  virtual ClusterRepo& clusters() = 0;
  virtual EnterpriseRepo& enterprises() = 0;
  virtual IncubationRepo& incubations() = 0;
  virtual UserRepo& users() = 0;
  virtual AuditRepo& audit() = 0;
  virtual ConsentRepo& consents() = 0;
  virtual stats::StatsRepo& stats() = 0;
  virtual demo::DemoBulkRepo& demo_bulk() = 0;
  virtual io::IoRepo& io() = 0;
  virtual ReturnRepo& returns() = 0;
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
