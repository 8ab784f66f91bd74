#pragma once
// Export of any importable entity as rows in the import spec's column order, so an export
// re-imports unchanged. Reads through the scoped registry repositories in keyset pages: the
// caller sees exactly what the list endpoints would show them, and memory stays bounded.
#include <functional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"

namespace incunet::app::io {

struct ExportQuery {
  std::string entity;  // carriers | recognitions | enterprises | incubations | qualifications |
                       // listings | returns | return_incubatees
  std::string region;  // code prefix filter ("" = all in scope)
};

// Calls `row` with the Chinese header row, then once per record (enums as Chinese labels).
// Fails with kInvalid "unknown_entity".
core::Status ExportRows(Store& store, const Actor& actor, const ExportQuery& q,
                        const std::function<void(const std::vector<std::string>&)>& row,
                        int page_size = 2000);

}  // namespace incunet::app::io
