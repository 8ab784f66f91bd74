#pragma once
// JSON shapes of the registry entities (docs/api.md). Readers apply only the fields present, so
// the same function serves create (on a default entity) and PATCH (on the stored one).
#include "app/json_codec.hpp"
#include "app/schema.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::app::registry {

namespace reg = domain::registry;

Json ToJson(const reg::Region& r);
Json ToJson(const reg::Recognition& r);
Json ToJson(const reg::Carrier& c);
Json ToJson(const reg::Cluster& c);
Json ToJson(const reg::Enterprise& e);
Json ToJson(const reg::Incubation& i);

// The shapes above as JSON Schema (components Region, Recognition, Carrier, Cluster, Enterprise,
// Incubation), and the request bodies the readers below take (CarrierInput …).
schema::Components Schemas();

void ReadRecognition(JsonReader& r, reg::Recognition& out);
// `version` is read separately by the caller for PATCH.
void ReadCarrier(JsonReader& r, reg::Carrier& out);
void ReadEnterprise(JsonReader& r, reg::Enterprise& out);

}  // namespace incunet::app::registry
