#pragma once
// The indicator catalogue: every named input a rule set may reference. Rule files refer to
// indicators by id; an id missing here is refused when the file is loaded. Values are supplied
// by the application (annual returns, declared facts, records), never computed in this module.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/standards/units.hpp"

namespace incunet::domain::standards {

enum class Subject { kCarrier, kEnterprise };

const char* SubjectName(Subject s);  // "carrier" | "enterprise"
std::optional<Subject> ParseSubject(std::string_view text);

struct Indicator {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Unit unit;
  Subject subject = Subject::kCarrier;
  std::string measure_zh;  // measure word for gap texts ("家", "名"); empty: the unit's label
};

// All indicators, in catalogue order (grouped by topic).
const std::vector<Indicator>& IndicatorCatalogue();
// nullptr when `id` is not in the catalogue.
const Indicator* FindIndicator(std::string_view id);

}  // namespace incunet::domain::standards
