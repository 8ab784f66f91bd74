#pragma once
// The rule-set expression language: numbers, names (indicators, derived indicators,
// parameters), + - * /, parentheses, comparisons < <= > >= == !=, and/or/not, the functions
// min max ceil floor if(cond, a, b), and true/false.
//
// Contract:
// - ParseExpression builds an immutable AST; errors carry details["column"] (1-based, in bytes)
//   and details["reason"].
// - CheckTypes infers the unit of an expression (see units.hpp) and refuses mixed units.
//   Number literals are unit-free: next to a quantity in + - min max if and comparisons they
//   take its unit; in * and / they are plain ratios.
// - EvaluateExpression is three-valued: nullopt means "unknown" (a missing value or a division
//   by zero). `and`/`or` follow Kleene logic, so `false and unknown` is false and
//   `true or unknown` is true. Booleans are 1.0 / 0.0. Comparisons allow a relative rounding
//   error of 1e-9, so 7500 / 10000 >= 0.75 and 10000 * 0.8 >= 8000 hold.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/standards/units.hpp"

namespace incunet::domain::standards {

enum class BinaryOp { kAdd, kSub, kMul, kDiv, kLt, kLe, kGt, kGe, kEq, kNe, kAnd, kOr };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  enum class Kind { kNumber, kBool, kName, kNeg, kNot, kBinary, kCall };
  Kind kind = Kind::kNumber;
  double number = 0;  // kNumber; kBool uses 1 / 0
  std::string name;   // kName: the identifier; kCall: the function name
  BinaryOp op = BinaryOp::kAdd;
  std::vector<ExprPtr> args;  // operands (kNeg/kNot: 1, kBinary: 2, kCall: the arguments)
  int column = 1;             // 1-based byte offset in the source text
};

core::Result<ExprPtr> ParseExpression(std::string_view text);

// Canonical text, fully parenthesised where precedence could be misread.
std::string ToString(const Expr& expr);

// Every identifier referenced (not function names).
void CollectNames(const Expr& expr, std::set<std::string>& out);

struct ExprType {
  Unit unit;          // unit.is_bool for booleans
  bool free = false;  // built from literals only: adapts to the unit it is combined with
};

// Returns the type of `name`, or nullopt for an unknown name.
using TypeLookup = std::function<std::optional<ExprType>(const std::string& name)>;
core::Result<ExprType> CheckTypes(const Expr& expr, const TypeLookup& lookup);

// Returns the value of `name`, or nullopt when it is unknown.
using ValueLookup = std::function<std::optional<double>(const std::string& name)>;
std::optional<double> EvaluateExpression(const Expr& expr, const ValueLookup& lookup);

// Comparison with the tolerance described above.
bool Compare(double a, BinaryOp op, double b);

const char* BinaryOpText(BinaryOp op);

}  // namespace incunet::domain::standards
