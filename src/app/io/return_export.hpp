#pragma once
// Export of the annual returns visible to the caller as rows of the "returns" or
// "return_incubatees" import spec (domain/io/return_spec.hpp), so an export re-imports unchanged.
// Reads the scoped returns list in keyset pages; amounts are written in 千元.
#include <functional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/io/export.hpp"
#include "app/store.hpp"

namespace incunet::app::io {

// Calls `row` with the header row, then once per return (returns) or incubatee row
// (return_incubatees); `q.region` filters by the carrier's site code prefix.
core::Status ExportReturnRows(Store& store, const Actor& actor, const ExportQuery& q,
                              const std::function<void(const std::vector<std::string>&)>& row,
                              int page_size);

}  // namespace incunet::app::io
