#pragma once
// The import pipeline, generic over entities (entities.hpp). One streaming pass over the source
// (docs/adr/0002-import.md) checks every row — encoding, CSV grammar, types, domain rules,
// duplicate keys inside the file, references and scope against the database in batches — and
// upserts the good ones by natural key inside ONE write transaction with one audit row for the
// job. All-or-nothing: the first bad row rolls back and the rest is only checked, so every
// problem is still reported; skip_bad leaves bad rows out. Memory is bounded by the batch size
// plus 16 bytes per distinct key, whatever the file size.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/io/ports.hpp"
#include "app/io/source.hpp"
#include "app/store.hpp"
#include "core/dates.hpp"

namespace incunet::app::io {

struct ImportRequest {
  std::string entity;
  bool skip_bad = false;
  std::string file_name;
  std::string request_id;
  std::string owner;  // the JobHeartbeat owner that keeps the job alive ("" = none)
  std::size_t batch_size = 2000;
  std::size_t max_stored_errors = 10000;  // errors kept in the job table (all are counted)
};

struct ImportHooks {
  // Now and then: the job with status, bytes_done of the current pass and counts so far.
  std::function<void(const ImportJob&)> progress;
  // Every problem, in file order (file-level problems have row 0 or 1).
  std::function<void(const domain::io::RowError&)> on_error;
  // skip_bad: the header, then each rejected record with its problems (for a rejects file).
  std::function<void(const std::vector<std::string>&)> on_reject_header;
  std::function<void(const domain::io::CsvRecord&, const std::vector<domain::io::RowError>&)>
      on_reject;
};

// Runs an import to the end. `job_id` names a job row created by SubmitJob (0: create one).
// Returns the finished job (status "succeeded" or "failed", counts, message); the job row, its
// stored errors and the audit row are written before returning. Infrastructure faults throw.
ImportJob RunImport(Store& store, const ByteSource& src, const Actor& actor,
                    const ImportRequest& req, const ImportHooks& hooks, const core::Clock& now,
                    Id job_id = 0);

// Creates a queued job row for `actor` (used by the asynchronous API before the worker starts).
Id CreateJob(Store& store, const Actor& actor, const ImportRequest& req, std::int64_t bytes,
             const core::Clock& now);

}  // namespace incunet::app::io
