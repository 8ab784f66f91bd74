#include "domain/registry/authority.hpp"

namespace incunet::domain::registry {

std::string IssuingAuthority(std::string_view level, std::string_view carrier_region) {
  if (level == "provincial") return std::string(carrier_region.substr(0, 2));
  if (level == "standard" || level == "excellence") return "MIIT";
  return "MOST";  // national, makerspace_filing
}

core::Status MayRecordRecognition(const Recorder& who, const Recognition& r,
                                  std::string_view carrier_region) {
  std::string issuer = IssuingAuthority(r.level, carrier_region);
  if (r.authority != issuer) {
    core::Error e = core::InvalidField(
        "authority_mismatch", "authority",
        "该级别的认定机关应为 " + issuer + "（填写的是 " + r.authority + "）",
        "recognitions of this level are issued by " + issuer + " (got " + r.authority + ")");
    return tl::unexpected(std::move(e));
  }
  bool ok = false;
  switch (who.kind) {
    case Recorder::Kind::kNational:
      ok = true;
      break;
    case Recorder::Kind::kOffice: {
      bool province_office =
          who.region_prefix.size() == 2 && carrier_region.substr(0, 2) == who.region_prefix;
      ok = province_office && r.level != "national" && r.level != "excellence";
      break;
    }
    case Recorder::Kind::kNone:
      break;
  }
  if (ok) return {};
  core::Error e{core::ErrorCode::kForbidden,
                "recognition_not_yours",
                r.level == "national" || r.level == "excellence"
                    ? "国家级与部级·卓越级认定只能由国家级主管部门登记"
                    : "认定只能由载体所在省的省级主管部门或国家级主管部门登记",
                r.level == "national" || r.level == "excellence"
                    ? "national (MOST) and excellence (MIIT) recognitions are recorded by the "
                      "national office only"
                    : "a recognition is recorded by the carrier's provincial office or the "
                      "national office",
                {}};
  e.details["field"] = "level";
  return tl::unexpected(std::move(e));
}

}  // namespace incunet::domain::registry
