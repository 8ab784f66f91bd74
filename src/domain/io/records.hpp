#pragma once
// Rows ↔ domain records for every importable entity: a normalised row (spec.hpp) becomes a domain
// value checked with the registry's rules, and a stored value becomes a row for the export.
// References to other records travel by natural key (carrier code, USCC, carrier code + team
// name) because ids differ between databases. Pure.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/io/spec.hpp"
#include "domain/registry/entities.hpp"

namespace incunet::domain::io {

struct EnterpriseRecord {
  registry::Enterprise enterprise;
  std::string team_carrier_code;  // teams only: the carrier the team is registered at
};

struct IncubationRecord {
  registry::Incubation incubation;
  std::string uscc;               // a registered enterprise …
  std::string team_name;          // … or a team, known by name at team_carrier_code
  std::string team_carrier_code;  // defaults to carrier_code
  std::string carrier_code;
};

struct QualificationRecord {
  std::string uscc;
  registry::Qualification qualification;
};

struct ListingRecord {
  std::string uscc;
  registry::Listing listing;
};

struct RecognitionRecord {
  std::string carrier_code;
  registry::Recognition recognition;
};

// Each To* builds the record from a row that passed NormalizeRow and applies the domain rules;
// problems are appended to `errors` against the column they concern. True when valid.
bool ToCarrier(const EntitySpec& s, const Values& v, const CsvRecord& rec, registry::Carrier* out,
               std::vector<RowError>* errors);
bool ToEnterprise(const EntitySpec& s, const Values& v, const CsvRecord& rec, EnterpriseRecord* out,
                  std::vector<RowError>* errors);
bool ToIncubation(const EntitySpec& s, const Values& v, const CsvRecord& rec, IncubationRecord* out,
                  std::vector<RowError>* errors);
bool ToQualification(const EntitySpec& s, const Values& v, const CsvRecord& rec,
                     QualificationRecord* out, std::vector<RowError>* errors);
bool ToListing(const EntitySpec& s, const Values& v, const CsvRecord& rec, ListingRecord* out,
               std::vector<RowError>* errors);
bool ToRecognition(const EntitySpec& s, const Values& v, const CsvRecord& rec,
                   RecognitionRecord* out, std::vector<RowError>* errors);

// Export rows in spec column order (values as stored; spec.hpp's ExportValue labels enums).
Values FromCarrier(const EntitySpec& s, const registry::Carrier& c);
Values FromEnterprise(const EntitySpec& s, const registry::Enterprise& e,
                      const std::string& team_carrier_code);
Values FromIncubation(const EntitySpec& s, const IncubationRecord& r);
Values FromQualification(const EntitySpec& s, const std::string& uscc,
                         const registry::Qualification& q);
Values FromListing(const EntitySpec& s, const std::string& uscc, const registry::Listing& l);
Values FromRecognition(const EntitySpec& s, const std::string& carrier_code,
                       const registry::Recognition& r);

// Lifecycle consistency of an imported stay: a known state, dates that do not run backwards,
// and end fields exactly for ended stays. Field names match the incubations spec keys.
core::Status ValidateIncubationRecord(const registry::Incubation& i);

}  // namespace incunet::domain::io
