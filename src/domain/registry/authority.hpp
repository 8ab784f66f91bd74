#pragma once
// Who may record which recognition (认定). A recognition is the act of an authority: the
// ministries' lists (MOST 国家级 and 国家备案众创空间, MIIT 部级·标准级 and 部级·卓越级) and a
// province's own list (省级, authority = the province code). The platform's offices transcribe
// them: the national office every list; a province's office its own provincial list and the
// ministries' 标准级 and 备案 lists for carriers of its province (it forwards those
// recommendations); no city or county office records a recognition, and 国家级 and 卓越级 are
// the national office's alone.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::domain::registry {

struct Recorder {
  enum class Kind { kNone, kNational, kOffice };
  Kind kind = Kind::kNone;
  std::string region_prefix;  // kOffice: "44", "4403", "440305"

  static Recorder None() { return {}; }
  static Recorder National() { return {Kind::kNational, {}}; }
  static Recorder Office(std::string prefix) { return {Kind::kOffice, std::move(prefix)}; }
};

// The authority that issues recognitions of `level` for a carrier seated in `carrier_region`:
// "MOST", "MIIT" or the two-digit province code.
std::string IssuingAuthority(std::string_view level, std::string_view carrier_region);

// kInvalid "authority_mismatch" when the recognition names an authority that does not issue its
// level for this carrier; kForbidden "recognition_not_yours" when the recorder may not record it.
core::Status MayRecordRecognition(const Recorder& who, const Recognition& r,
                                  std::string_view carrier_region);

}  // namespace incunet::domain::registry
