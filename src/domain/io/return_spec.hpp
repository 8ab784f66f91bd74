#pragma once
// Import/export specs of the annual return (火炬统计年报), built from the returns catalogue so a
// new form item becomes a column without touching this file:
//  - "returns": one row per carrier × statistical year — carrier code, year, then one column per
//    item of the carrier form;
//  - "return_incubatees": one row per incubatee of a return — carrier code, year, the enterprise's
//    USCC or the team's name, then the items of the per-incubatee form (I02, the USCC item, is
//    the key column itself).
// A catalogue item's column key is its code (also accepted as a header); the Chinese header is
// the item's name with its unit. Amounts are typed in 千元 as on the paper form and stored in
// fen. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/io/spec.hpp"
#include "domain/returns/catalogue.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::domain::io {

inline constexpr const char* kReturnsEntity = "returns";
inline constexpr const char* kReturnIncubateesEntity = "return_incubatees";

bool IsReturnEntity(std::string_view entity);
// The catalogue form a returns entity carries.
returns::Form ReturnForm(std::string_view entity);

// Appends the two specs (called by the spec table in spec.cpp).
void AppendReturnSpecs(std::vector<EntitySpec>* out);

// Amounts: 千元 text (normalised decimal) ↔ fen. Nullopt when the text is not a number, is
// finer than a fen (more than five decimals), or beyond ±10¹⁰ 千元.
std::optional<std::int64_t> ThousandYuanToFen(std::string_view text);
// Exact: at least three decimals ("1234.500"), up to five when the fen need them.
std::string FenToThousandYuanExact(std::int64_t fen);

// The catalogue items of a normalised row: for each item column the file has, its canonical
// value (catalogue.hpp), or nullopt when the cell is empty (the value is cleared). Columns the
// file does not have are left out. Problems are appended against their column; true when none.
using ItemValues = std::vector<std::pair<std::string, std::optional<std::string>>>;
bool ToReturnItems(const EntitySpec& s, const Values& v, const std::vector<bool>& present,
                   const CsvRecord& rec, ItemValues* out, std::vector<RowError>* errors);

// The item columns of an export row from stored canonical values (other columns untouched).
void FromReturnItems(const EntitySpec& s, const returns::Values& values, Values* row);

}  // namespace incunet::domain::io
