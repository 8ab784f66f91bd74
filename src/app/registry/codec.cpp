#include "app/registry/codec.hpp"

#include "core/limits.hpp"

namespace incunet::app::registry {

namespace {
namespace lim = core::limits;
using namespace schema;  // NOLINT: the schema vocabulary reads as a table

Json Area() { return Num(0, lim::kMaxAreaM2); }
Json Uscc() { return Pattern("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"); }
Json RegionCode() { return Pattern("^[0-9]{6}$"); }
Json Tier() { return Enum({"none", "provincial", "national", "standard", "excellence"}); }

Json RecognitionFields(bool input) {
  std::vector<Field> f{{"authority", Str(lim::kShortTextChars)},
                       {"level", Enum(reg::kRecognitionLevels)},
                       {"valid_from", Date()},
                       {"valid_to", Nullable(Date()), !input},
                       {"document_no", Str(lim::kShortTextChars), !input}};
  if (!input) f.insert(f.begin(), Field{"id", Id()});
  return Object(std::move(f));
}

Json SiteFields(bool input) {
  return Object(
      {{"country_code", Pattern("^[A-Z]{2}$")}, {"city", Str(lim::kShortTextChars), !input}});
}

Json QualificationFields(bool input) {
  return Object({{"kind", Enum(reg::kQualificationKinds)},
                 {"valid_from", Date()},
                 {"valid_to", Nullable(Date()), !input}});
}

Json ListingFields(bool input) {
  return Object({{"board", Enum(reg::kListingBoards)},
                 {"code", Str(lim::kShortTextChars), !input},
                 {"listed_on", Date()}});
}

// The fields ReadCarrier applies; all optional (the service checks what a create needs).
std::vector<Field> CarrierInputFields() {
  return {Opt("code", Str(lim::kShortTextChars)),
          Opt("kind", Enum(reg::kCarrierKinds)),
          Opt("name", Str(lim::kNameChars)),
          Opt("operator_uscc", Uscc()),
          Opt("region_code", RegionCode()),
          Opt("zone_code", Nullable(RegionCode())),
          Opt("address", Str(lim::kAddressChars)),
          Opt("founded_on", Date()),
          Opt("closed_on", Nullable(Date())),
          Opt("specialization", Enum({"general", "specialized"})),
          Opt("industry", Nullable(Str(lim::kShortTextChars))),
          Opt("area_total_m2", Area()),
          Opt("area_self_controlled_m2", Area()),
          Opt("area_incubatee_m2", Area()),
          Opt("area_public_service_m2", Area()),
          Opt("recognitions", Array(RecognitionFields(true))),
          Opt("overseas_sites", Array(SiteFields(true)))};
}

std::vector<Field> EnterpriseInputFields() {
  return {Opt("name", Str(lim::kNameChars)),
          Opt("uscc", Nullable(Uscc())),
          Opt("is_team", Bool()),
          Opt("founded_on", Date()),
          Opt("region_code", RegionCode()),
          Opt("industry", Nullable(Str(lim::kShortTextChars))),
          Opt("domains", Array(Str(lim::kShortTextChars))),
          Opt("employees", Int(0, lim::kMaxCount)),
          Opt("qualifications", Array(QualificationFields(true))),
          Opt("listings", Array(ListingFields(true)))};
}

}  // namespace

schema::Components Schemas() {
  Json region = Object({{"code", Str()},
                        {"name", Str()},
                        {"name_en", Str()},
                        {"level", Enum({"province", "city", "county", "zone", "country"})},
                        {"parent_code", Nullable(Str())},
                        {"flags", Str()},
                        {"has_children", Bool()}});
  Json carrier = Object({{"id", Id()},
                         {"code", Str()},
                         {"kind", Enum(reg::kCarrierKinds)},
                         {"name", Str(lim::kNameChars)},
                         {"operator_uscc", Str()},
                         {"region_code", RegionCode()},
                         {"region_name", Str()},
                         {"zone_code", Nullable(Str())},
                         {"address", Str(lim::kAddressChars)},
                         {"founded_on", Date()},
                         {"closed_on", Nullable(Date())},
                         {"specialization", Enum({"general", "specialized"})},
                         {"industry", Nullable(Str())},
                         {"area_total_m2", Area()},
                         {"area_self_controlled_m2", Area()},
                         {"area_incubatee_m2", Area()},
                         {"area_public_service_m2", Area()},
                         {"tier", Tier()},
                         {"recognitions", Array(Ref("Recognition"))},
                         {"overseas_sites", Array(SiteFields(false))},
                         {"cluster_ids", Array(Id())},
                         {"version", Int(1, INT64_MAX)},
                         {"created_at", DateTime()},
                         {"updated_at", DateTime()}});
  Json enterprise = Object({{"id", Id()},
                            {"name", Str(lim::kNameChars)},
                            {"uscc", Nullable(Str())},
                            {"is_team", Bool()},
                            {"founded_on", Nullable(Date())},
                            {"region_code", RegionCode()},
                            {"industry", Nullable(Str())},
                            {"domains", Array(Str())},
                            {"employees", Int(0, lim::kMaxCount)},
                            {"qualifications", Array(QualificationFields(false))},
                            {"listings", Array(ListingFields(false))},
                            {"version", Int(1, INT64_MAX)},
                            {"created_at", DateTime()},
                            {"updated_at", DateTime()}});
  Json incubation =
      Object({{"id", Id()},
              {"enterprise_id", Id()},
              {"enterprise_name", Str()},
              {"carrier_id", Id()},
              {"carrier_name", Str()},
              {"state", Enum(reg::kIncubationStates)},
              {"applied_on", Date()},
              {"admitted_on", Nullable(Date())},
              {"started_on", Nullable(Date())},
              {"ended_on", Nullable(Date())},
              {"end_reason", Nullable(Enum({"graduated", "exited", "transferred", "rejected"}))},
              {"space_m2", Area()},
              {"transferred_from_id", Nullable(Id())},
              {"version", Int(1, INT64_MAX)}});
  Json cluster = Object({{"id", Id()},
                         {"name", Str(lim::kNameChars)},
                         {"region_code", Str()},
                         {"description", Str()},
                         {"carrier_ids", Array(Id())}});
  auto carrier_create = CarrierInputFields();
  auto carrier_patch = CarrierInputFields();
  carrier_patch.push_back(
      Opt("version", Describe(Int(1, INT64_MAX), "the version read; or send If-Match")));
  auto enterprise_patch = EnterpriseInputFields();
  enterprise_patch.push_back(
      Opt("version", Describe(Int(1, INT64_MAX), "the version read; or send If-Match")));
  return {{"Region", region},
          {"RegionWithAncestors", Extend(region, {{"ancestors", Array(Ref("Region"))}})},
          {"Recognition", RecognitionFields(false)},
          {"RecognitionInput", RecognitionFields(true)},
          {"Carrier", carrier},
          {"CarrierInput", Object(std::move(carrier_create))},
          {"CarrierPatch", Object(std::move(carrier_patch))},
          {"Cluster", cluster},
          {"Enterprise", enterprise},
          {"EnterpriseInput", Object(EnterpriseInputFields())},
          {"EnterprisePatch", Object(std::move(enterprise_patch))},
          {"Incubation", incubation}};
}

Json ToJson(const reg::Region& r) {
  return Json{{"code", r.code},
              {"name", r.name},
              {"name_en", r.name_en},
              {"level", r.level},
              {"parent_code", r.parent_code.empty() ? Json(nullptr) : Json(r.parent_code)},
              {"flags", r.flags},
              {"has_children", r.has_children}};
}

// Field by field rather than from an initializer list: the list builds and copies a temporary
// array per field, which made this the costliest part of a list page.
Json ToJson(const reg::Recognition& r) {
  Json j = Json::object();
  j["id"] = r.id;
  j["authority"] = r.authority;
  j["level"] = r.level;
  j["valid_from"] = r.valid_from;
  j["valid_to"] = OptJson(r.valid_to);
  j["document_no"] = r.document_no;
  return j;
}

Json ToJson(const reg::Carrier& c) {
  Json recs = Json::array();
  for (const auto& r : c.recognitions) recs.push_back(ToJson(r));
  Json sites = Json::array();
  for (const auto& s : c.overseas_sites) {
    Json site = Json::object();
    site["country_code"] = s.country_code;
    site["city"] = s.city;
    sites.push_back(std::move(site));
  }
  Json j = Json::object();
  j["id"] = c.id;
  j["code"] = c.code;
  j["kind"] = c.kind;
  j["name"] = c.name;
  j["operator_uscc"] = c.operator_uscc;
  j["region_code"] = c.region_code;
  j["region_name"] = c.region_name;
  j["zone_code"] = OptJson(c.zone_code);
  j["address"] = c.address;
  j["founded_on"] = c.founded_on;
  j["closed_on"] = OptJson(c.closed_on);
  j["specialization"] = c.specialization;
  j["industry"] = OptJson(c.industry);
  j["area_total_m2"] = c.area_total_m2;
  j["area_self_controlled_m2"] = c.area_self_controlled_m2;
  j["area_incubatee_m2"] = c.area_incubatee_m2;
  j["area_public_service_m2"] = c.area_public_service_m2;
  j["tier"] = c.tier;
  j["recognitions"] = std::move(recs);
  j["overseas_sites"] = std::move(sites);
  j["cluster_ids"] = c.cluster_ids;
  j["version"] = c.version;
  j["created_at"] = c.created_at;
  j["updated_at"] = c.updated_at;
  return j;
}

Json ToJson(const reg::Cluster& c) {
  return Json{{"id", c.id},
              {"name", c.name},
              {"region_code", c.region_code},
              {"description", c.description},
              {"carrier_ids", c.carrier_ids}};
}

Json ToJson(const reg::Enterprise& e) {
  Json quals = Json::array();
  for (const auto& q : e.qualifications)
    quals.push_back(
        Json{{"kind", q.kind}, {"valid_from", q.valid_from}, {"valid_to", OptJson(q.valid_to)}});
  Json lists = Json::array();
  for (const auto& l : e.listings)
    lists.push_back(Json{{"board", l.board}, {"code", l.code}, {"listed_on", l.listed_on}});
  return Json{{"id", e.id},
              {"name", e.name},
              {"uscc", OptJson(e.uscc)},
              {"is_team", e.is_team},
              {"founded_on", e.founded_on.empty() ? Json(nullptr) : Json(e.founded_on)},
              {"region_code", e.region_code},
              {"industry", OptJson(e.industry)},
              {"domains", e.domains},
              {"employees", e.employees},
              {"qualifications", quals},
              {"listings", lists},
              {"version", e.version},
              {"created_at", e.created_at},
              {"updated_at", e.updated_at}};
}

Json ToJson(const reg::Incubation& i) {
  return Json{
      {"id", i.id},
      {"enterprise_id", i.enterprise_id},
      {"enterprise_name", i.enterprise_name},
      {"carrier_id", i.carrier_id},
      {"carrier_name", i.carrier_name},
      {"state", i.state},
      {"applied_on", i.applied_on},
      {"admitted_on", OptJson(i.admitted_on)},
      {"started_on", OptJson(i.started_on)},
      {"ended_on", OptJson(i.ended_on)},
      {"end_reason", OptJson(i.end_reason)},
      {"space_m2", i.space_m2},
      {"transferred_from_id", i.transferred_from_id ? Json(*i.transferred_from_id) : Json(nullptr)},
      {"version", i.version}};
}

void ReadRecognition(JsonReader& r, reg::Recognition& out) {
  r.Str("authority", out.authority, true);
  r.Str("level", out.level, true);
  r.Str("valid_from", out.valid_from, true);
  r.OptStr("valid_to", out.valid_to);
  r.Str("document_no", out.document_no);
}

void ReadCarrier(JsonReader& r, reg::Carrier& out) {
  r.Str("code", out.code);
  r.Str("kind", out.kind);
  r.Str("name", out.name);
  r.Str("operator_uscc", out.operator_uscc);
  r.Str("region_code", out.region_code);
  r.OptStr("zone_code", out.zone_code);
  r.Str("address", out.address);
  r.Str("founded_on", out.founded_on);
  r.OptStr("closed_on", out.closed_on);
  r.Str("specialization", out.specialization);
  r.OptStr("industry", out.industry);
  r.Num("area_total_m2", out.area_total_m2);
  r.Num("area_self_controlled_m2", out.area_self_controlled_m2);
  r.Num("area_incubatee_m2", out.area_incubatee_m2);
  r.Num("area_public_service_m2", out.area_public_service_m2);
  if (r.Has("recognitions")) {
    out.recognitions.clear();
    r.Objects("recognitions", [&](JsonReader& sub) {
      reg::Recognition rec;
      ReadRecognition(sub, rec);
      out.recognitions.push_back(std::move(rec));
    });
  }
  if (r.Has("overseas_sites")) {
    out.overseas_sites.clear();
    r.Objects("overseas_sites", [&](JsonReader& sub) {
      reg::OverseasSite s;
      sub.Str("country_code", s.country_code, true);
      sub.Str("city", s.city);
      out.overseas_sites.push_back(std::move(s));
    });
  }
}

void ReadEnterprise(JsonReader& r, reg::Enterprise& out) {
  r.Str("name", out.name);
  r.OptStr("uscc", out.uscc);
  r.Bool("is_team", out.is_team);
  r.Str("founded_on", out.founded_on);
  r.Str("region_code", out.region_code);
  r.OptStr("industry", out.industry);
  r.StrList("domains", out.domains);
  r.Int("employees", out.employees);
  if (r.Has("qualifications")) {
    out.qualifications.clear();
    r.Objects("qualifications", [&](JsonReader& sub) {
      reg::Qualification q;
      sub.Str("kind", q.kind, true);
      sub.Str("valid_from", q.valid_from, true);
      sub.OptStr("valid_to", q.valid_to);
      out.qualifications.push_back(std::move(q));
    });
  }
  if (r.Has("listings")) {
    out.listings.clear();
    r.Objects("listings", [&](JsonReader& sub) {
      reg::Listing l;
      sub.Str("board", l.board, true);
      sub.Str("code", l.code);
      sub.Str("listed_on", l.listed_on, true);
      out.listings.push_back(std::move(l));
    });
  }
}

}  // namespace incunet::app::registry
