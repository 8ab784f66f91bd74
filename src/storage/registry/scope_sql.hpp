#pragma once
// Translates a caller's Scope into SQL conditions. This is the one place data scope is enforced
// for reads: every repository list/find calls one of these, and kNone yields 1=0 (fail closed).
#include "app/actor.hpp"
#include "storage/sql_util.hpp"

namespace incunet::storage {

// Carriers' public profiles are visible to everyone, including public visitors.
void AddCarrierScope(Where& w, const app::Scope& s, const std::string& alias);
// Carriers the scope manages (writes, grants): national all, a region its carriers by seat, an
// operator its own; everyone else none.
void AddManagedCarrierScope(Where& w, const app::Scope& s, const std::string& alias);
// Enterprises: own region (by seat or by the carrier incubating it), own carriers' incubatees,
// own enterprises. Public visitors see none.
void AddEnterpriseScope(Where& w, const app::Scope& s, const std::string& alias);
void AddIncubationScope(Where& w, const app::Scope& s, const std::string& alias);

// Adds "a consent grant in force on `date` lets this scope see `part`" for rows of
// consent_grants (unqualified columns). Adds 1=0 when the scope has no identity to grant to.
void AddConsentCondition(Where& w, const app::Scope& s, const std::string& part,
                         const std::string& date);

// "col COLLATE "C"" on PostgreSQL so text sorts byte-wise exactly as SQLite does.
std::string SortCol(Dialect d, const std::string& col);

}  // namespace incunet::storage
