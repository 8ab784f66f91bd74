#pragma once
// Expected business failures travel as values (tl::expected<T, Error>); exceptions are kept for
// infrastructure and programmer faults. HttpStatus() in http/router.cpp is the one place that maps
// an ErrorCode to an HTTP status.
#include <map>
#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace incunet::core {

enum class ErrorCode {
  kMalformed,           // 400: bad JSON, wrong type, unknown field, invalid UTF-8
  kUnauthenticated,     // 401
  kForbidden,           // 403
  kNotFound,            // 404 (also: out of scope where existence itself is private)
  kConflict,            // 409: duplicate natural key, stale version field
  kPreconditionFailed,  // 412: stale If-Match
  kTooLarge,            // 413
  kInvalid,             // 422: well-formed but breaks a rule
  kThrottled,           // 429
  kInternal,            // 500
};

// A stable machine name for the code ("not_found"); clients switch on `Error::id`, not on this.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string id;          // machine id shown to clients, e.g. "invalid_uscc"
  std::string message_zh;  // shown when the caller prefers Chinese (the default)
  std::string message_en;
  std::map<std::string, std::string> details;  // e.g. {"field","uscc"}, {"row","12"}

  Error& With(std::string key, std::string value) {
    details[std::move(key)] = std::move(value);
    return *this;
  }
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string id, std::string zh, std::string en) {
  return tl::unexpected<Error>(Error{code, std::move(id), std::move(zh), std::move(en), {}});
}
inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

// Shorthands for the most common failures. `field` goes into details["field"].
Error InvalidField(std::string id, std::string field, std::string zh, std::string en);
Error NotFound(std::string what_zh, std::string what_en);

}  // namespace incunet::core
