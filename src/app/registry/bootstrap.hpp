#pragma once
// Start-up chores shared by `serve`, `migrate` and the tests: the built-in region tree and the
// first administrator.
#include <string>

#include "app/identity/service.hpp"
#include "app/store.hpp"

namespace incunet::app::registry {

// Loads (or refreshes) the embedded region tree when the table differs in size. Returns the
// number of rows written (0 when already current).
std::size_t EnsureRegions(Store& store, const core::Clock& clock);

// When there is no account at all, creates "admin" (national admin) with a random password and
// returns it; returns "" otherwise. There is no default password anywhere.
std::string EnsureFirstAdmin(identity::IdentityService& ids, Store& store);

}  // namespace incunet::app::registry
