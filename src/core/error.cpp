#include "core/error.hpp"

namespace incunet::core {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPreconditionFailed:
      return "precondition_failed";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kInvalid:
      return "invalid";
    case ErrorCode::kThrottled:
      return "throttled";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error InvalidField(std::string id, std::string field, std::string zh, std::string en) {
  Error e{ErrorCode::kInvalid, std::move(id), std::move(zh), std::move(en), {}};
  e.details["field"] = std::move(field);
  return e;
}

Error NotFound(std::string what_zh, std::string what_en) {
  return Error{ErrorCode::kNotFound, "not_found", "未找到" + what_zh, what_en + " not found", {}};
}

}  // namespace incunet::core
