#pragma once
// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the 31-symbol
// set 0-9 and A-Z without I, O, S, V, Z. Positions 3-8 are the registering region's division code
// and position 18 is a check digit over the first 17 (weights 3^i mod 31).
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace incunet::core {

inline constexpr std::size_t kUsccLength = 18;

// Ok when `uscc` is exactly 18 characters of the code's character set whose last character is
// the right check digit. Strict: no trimming, no lower case (see NormalizeUscc). On failure an
// Error{kInvalid, "invalid_uscc"} with details {"field":"uscc", "reason": "length" | "charset" |
// "check_digit"} and a zh/en message naming the offending length, character or expected digit.
Status ValidateUscc(std::string_view uscc);

// The check digit for the first 17 characters. Throws std::invalid_argument unless `first17` is
// 17 characters of the code's character set (a programmer fault: callers build it themselves).
char UsccCheckDigit(std::string_view first17);

// `first17` followed by its check digit; the same precondition as UsccCheckDigit.
std::string MakeUscc(std::string_view first17);

// `input` with surrounding ASCII whitespace removed and ASCII letters upper-cased, which is how
// people type codes; validate the result. Full-width input should go through FoldNfkc first.
std::string NormalizeUscc(std::string_view input);

// Positions 3-8 (the division code of the registering authority, e.g. "440300") of a code that
// passed ValidateUscc; empty when those positions are not six digits or `uscc` is too short.
std::string_view UsccRegionCode(std::string_view uscc);

}  // namespace incunet::core
