#pragma once
// Registry entities: regions, carriers (孵化载体), clusters (一村多园), enterprises (企业),
// incubations (孵化关系). Plain values; rules live in rules.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace incunet::domain::registry {

using Id = std::int64_t;

struct Region {
  std::string code;         // six-digit division code, or ISO alpha-2 for countries
  std::string parent_code;  // empty for provinces and countries
  std::string level;        // province | city | county | zone | country
  std::string name;
  std::string name_en;
  std::string flags;  // "statistical" for statistical-only units
  bool has_children = false;
};

// Recognition levels (认定). "national" is MOST's 国家级 (until 2025-07-10); "standard" and
// "excellence" are MIIT's 部级·标准级 / 部级·卓越级; makerspace_filing is 国家备案众创空间.
inline constexpr const char* kRecognitionLevels[] = {"provincial", "national", "standard",
                                                     "excellence", "makerspace_filing"};
inline constexpr const char* kCarrierKinds[] = {"incubator", "makerspace", "accelerator",
                                                "university_park", "industrial_park"};

struct Recognition {
  Id id = 0;
  Id carrier_id = 0;
  std::string authority;  // province code ("44") or "MIIT" / "MOST"
  std::string level;
  std::string valid_from;  // YYYY-MM-DD
  std::optional<std::string> valid_to;
  std::string document_no;
};

struct OverseasSite {
  std::string country_code;  // ISO 3166-1 alpha-2
  std::string city;
};

struct Carrier {
  Id id = 0;
  std::string code;  // platform-assigned unless imported
  std::string kind;
  std::string name;
  std::string operator_uscc;
  std::string region_code;  // county-level unit (or county-less city) where the site is
  std::optional<std::string> zone_code;  // functional zone (高新区 …) if any
  std::string region_name;               // filled on read
  std::string address;
  std::string founded_on;
  std::string specialization = "general";  // general 综合 | specialized 专业
  std::optional<std::string> industry;     // GB/T 4754 code for specialised carriers
  double area_total_m2 = 0;
  double area_self_controlled_m2 = 0;
  double area_incubatee_m2 = 0;
  double area_public_service_m2 = 0;
  std::optional<std::string> closed_on;
  std::string tier = "none";  // cached CurrentTier(), refreshed with every recognition change
  std::vector<Recognition> recognitions;
  std::vector<OverseasSite> overseas_sites;
  std::vector<Id> cluster_ids;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Cluster {
  Id id = 0;
  std::string name;
  std::string region_code;
  std::string description;
  std::vector<Id> carrier_ids;
};

inline constexpr const char* kQualificationKinds[] = {"high_tech", "tech_sme", "srdi",
                                                      "little_giant", "gazelle"};
inline constexpr const char* kListingBoards[] = {"star", "chinext",  "main",    "bse",
                                                 "neeq", "regional", "overseas"};

struct Qualification {
  std::string kind;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

struct Listing {
  std::string board;
  std::string code;
  std::string listed_on;
};

struct Enterprise {
  Id id = 0;
  std::string name;
  std::optional<std::string> uscc;  // absent for unregistered startup teams
  bool is_team = false;
  std::string founded_on;
  std::string region_code;
  std::optional<std::string> industry;
  std::vector<std::string> domains;  // 技术领域 tags
  std::int64_t employees = 0;
  std::vector<Qualification> qualifications;
  std::vector<Listing> listings;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

inline constexpr const char* kIncubationStates[] = {"applied", "admitted", "incubating",
                                                    "graduated", "exited"};

struct Incubation {
  Id id = 0;
  Id enterprise_id = 0;
  Id carrier_id = 0;
  std::string enterprise_name;  // filled on read
  std::string carrier_name;     // filled on read
  std::string state = "applied";
  std::string applied_on;
  std::optional<std::string> admitted_on;
  std::optional<std::string> started_on;
  std::optional<std::string> ended_on;
  std::optional<std::string> end_reason;  // graduated | exited | transferred | rejected
  double space_m2 = 0;
  std::optional<Id> transferred_from_id;
  std::int64_t version = 1;
};

}  // namespace incunet::domain::registry
