#pragma once
// Who is calling and what they may see. Every repository read takes the caller's Scope and adds
// it to its SQL; a Scope of kind kNone matches nothing, so a forgotten scope fails closed.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/identity/rules.hpp"

namespace incunet::app {

// The roles are the identity domain's; use cases name them through app.
using domain::identity::ParseRole;
using domain::identity::Role;
using domain::identity::RoleName;

struct Scope {
  enum class Kind { kNone, kPublic, kNational, kRegion, kCarriers, kEnterprises };
  Kind kind = Kind::kNone;
  std::string region_prefix;                 // kRegion: "44", "4403", "440305"
  std::vector<std::int64_t> carrier_ids;     // kCarriers
  std::vector<std::int64_t> enterprise_ids;  // kEnterprises
  // The account behind the scope, for consent grants made to a person (0 for visitors).
  std::int64_t user_id = 0;
  // Whether consent grants widen what the scope reaches. Reads honour them; changes never do:
  // consent is read-only, so every use case that writes asks with Managing().
  bool via_consent = true;
  // The civil date consent grants are judged on (YYYY-MM-DD, China time), set when the scope is
  // built for a request; "" lets no grant apply.
  std::string consent_date;

  // The same scope without consent grants: what the caller manages, not merely may read.
  Scope Managing() const {
    Scope s = *this;
    s.via_consent = false;
    return s;
  }

  static Scope None() { return {}; }
  static Scope Public() { return {Kind::kPublic, {}, {}, {}, 0}; }
  static Scope National() { return {Kind::kNational, {}, {}, {}, 0}; }
  static Scope Region(std::string prefix) { return {Kind::kRegion, std::move(prefix), {}, {}, 0}; }
};

struct Actor {
  std::int64_t user_id = 0;  // 0 for public visitors and the machine operator's CLI
  std::string login;         // "public" or "cli" for those two
  Role role = Role::kPublic;
  Scope scope;

  static Actor PublicVisitor() { return {0, "public", Role::kPublic, Scope::Public()}; }
  // The operator running the CLI on the server machine: national scope, audited as "cli".
  static Actor Cli() { return {0, "cli", Role::kNationalAdmin, Scope::National()}; }

  bool IsAdmin() const { return role == Role::kNationalAdmin || role == Role::kRegionAdmin; }
};

// True when a region code lies inside the scope's region (national covers everything).
bool ScopeCoversRegion(const Scope& s, std::string_view region_code);
bool ScopeCoversCarrier(const Scope& s, std::int64_t carrier_id, std::string_view region_code);

}  // namespace incunet::app
