#pragma once
// Registry invariants: what makes a carrier, enterprise or incubation valid, the incubation state
// machine and the carrier's current tier. Pure functions; the app layer calls them before writing.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::domain::registry {

// Field checks that need no database (region existence is checked by the app layer).
core::Status ValidateCarrier(const Carrier& c);
core::Status ValidateRecognition(const Recognition& r);
core::Status ValidateEnterprise(const Enterprise& e);

bool IsKnown(std::string_view value, std::initializer_list<const char*> allowed);
bool IsCarrierKind(std::string_view kind);
bool IsRecognitionLevel(std::string_view level);

// The incubation lifecycle: applied → admitted → incubating → graduated | exited; applied and
// admitted may also end as exited (rejected or withdrawn). Returns the updated incubation or
// kInvalid "illegal_transition" naming both states.
core::Result<Incubation> Transition(const Incubation& current, std::string_view to,
                                    std::string_view on);

// The highest recognition in force on `date` (YYYY-MM-DD): excellence > standard > national >
// provincial; makerspace filing does not count as a tier. "none" when nothing is in force.
std::string CurrentTier(const std::vector<Recognition>& recognitions, std::string_view date);

}  // namespace incunet::domain::registry
