#pragma once
// Bounds on what a client may store in one field. Every body and every import row goes through
// the same checks, so a name that the API refuses is refused in a CSV too, and the errors name the
// field, the bound and what was sent. The bounds are generous for real records (the longest
// registered enterprise names run to about 60 characters) and keep one row from filling a page,
// an export cell or the statistics with a value no carrier could have.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"

namespace incunet::core::limits {

inline constexpr std::size_t kNameChars = 100;      // carrier, enterprise, cluster names
inline constexpr std::size_t kAddressChars = 200;   // postal addresses
inline constexpr std::size_t kShortTextChars = 60;  // codes, authorities, document numbers, cities
inline constexpr std::size_t kNoteChars = 2000;     // free-text notes and reasons

inline constexpr double kMaxAreaM2 = 10'000'000;                      // 10 km² under one roof
inline constexpr std::int64_t kMaxCount = 10'000'000;                 // people, enterprises, events
inline constexpr std::int64_t kMaxMoneyFen = 10'000'000'000'000'000;  // 1 000 亿元

// Code points in well-formed UTF-8 (continuation bytes are not counted).
std::size_t CodePoints(std::string_view utf8);

// Fails with 422 `text_too_long` {field, max_length, length} beyond `max_chars` code points,
// 400 `invalid_utf8` {field} on malformed UTF-8, and 422 `control_character` {field, offset} on
// a C0/C1 control or DEL; `multiline` text may hold tabs and line breaks.
Status CheckText(std::string_view text, std::string_view field, std::size_t max_chars,
                 bool multiline = false);

// Fails with 422 `out_of_range` {field, value, minimum, maximum} outside [minimum, maximum] or
// when `value` is not finite.
Status CheckRange(double value, std::string_view field, double minimum, double maximum);
Status CheckRange(std::int64_t value, std::string_view field, std::int64_t minimum,
                  std::int64_t maximum);

}  // namespace incunet::core::limits
