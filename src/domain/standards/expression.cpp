#include "domain/standards/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace incunet::domain::standards {
namespace {

using core::Error;
using core::ErrorCode;

Error ExprError(int column, std::string reason_en, std::string reason_zh) {
  Error e{ErrorCode::kInvalid,
          "invalid_expression",
          "表达式错误：" + reason_zh,
          "invalid expression: " + reason_en,
          {}};
  e.details["column"] = std::to_string(column);
  e.details["reason"] = reason_en;
  return e;
}

enum class Tok { kNumber, kIdent, kOp, kLParen, kRParen, kComma, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  double number = 0;
  int column = 1;
};

core::Result<std::vector<Token>> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    int col = static_cast<int>(i) + 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      // Underscores group digits as in TOML: 5_000_000.
      std::string digits;
      bool dot = false;
      while (i < s.size()) {
        char d = s[i];
        if (std::isdigit(static_cast<unsigned char>(d))) {
          digits += d;
        } else if (d == '_' && !digits.empty() && i + 1 < s.size() &&
                   std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
        } else if (d == '.' && !dot) {
          dot = true;
          digits += d;
        } else {
          break;
        }
        ++i;
      }
      if (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_'))
        return tl::unexpected(ExprError(col, "a number runs into a name", "数字后紧跟名称"));
      Token t{Tok::kNumber, digits, std::strtod(digits.c_str(), nullptr), col};
      out.push_back(t);
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
      out.push_back({Tok::kIdent, std::string(s.substr(start, i - start)), 0, col});
      continue;
    }
    if (c == '(' || c == ')' || c == ',') {
      out.push_back({c == '('   ? Tok::kLParen
                     : c == ')' ? Tok::kRParen
                                : Tok::kComma,
                     std::string(1, c), 0, col});
      ++i;
      continue;
    }
    std::string two(s.substr(i, 2));
    if (two == "<=" || two == ">=" || two == "==" || two == "!=") {
      out.push_back({Tok::kOp, two, 0, col});
      i += 2;
      continue;
    }
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '<' || c == '>') {
      out.push_back({Tok::kOp, std::string(1, c), 0, col});
      ++i;
      continue;
    }
    std::string shown(1, c);
    if (static_cast<unsigned char>(c) >= 0x80) shown = "non-ASCII character";
    return tl::unexpected(
        ExprError(col, "unexpected character '" + shown + "'", "无法识别的字符 '" + shown + "'"));
  }
  out.push_back({Tok::kEnd, "", 0, static_cast<int>(s.size()) + 1});
  return out;
}

ExprPtr MakeBinary(BinaryOp op, ExprPtr a, ExprPtr b, int column) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kBinary;
  e->op = op;
  e->args = {std::move(a), std::move(b)};
  e->column = column;
  return e;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  core::Result<ExprPtr> ParseAll() {
    auto e = ParseOr();
    if (!e) return e;
    if (Peek().kind != Tok::kEnd)
      return Fail(Peek(), "unexpected '" + Peek().text + "' after the end of the expression",
                  "表达式结尾多出 '" + Peek().text + "'");
    return e;
  }

 private:
  const Token& Peek() const { return toks_[pos_]; }
  const Token& Next() { return toks_[pos_++]; }
  bool IsKeyword(std::string_view kw) const {
    return Peek().kind == Tok::kIdent && Peek().text == kw;
  }
  bool IsOp(std::string_view op) const { return Peek().kind == Tok::kOp && Peek().text == op; }
  tl::unexpected<Error> Fail(const Token& t, std::string en, std::string zh) const {
    return tl::unexpected(ExprError(t.column, std::move(en), std::move(zh)));
  }

  core::Result<ExprPtr> ParseOr() {
    auto lhs = ParseAnd();
    while (lhs && IsKeyword("or")) {
      int col = Next().column;
      auto rhs = ParseAnd();
      if (!rhs) return rhs;
      lhs = MakeBinary(BinaryOp::kOr, *lhs, *rhs, col);
    }
    return lhs;
  }

  core::Result<ExprPtr> ParseAnd() {
    auto lhs = ParseNot();
    while (lhs && IsKeyword("and")) {
      int col = Next().column;
      auto rhs = ParseNot();
      if (!rhs) return rhs;
      lhs = MakeBinary(BinaryOp::kAnd, *lhs, *rhs, col);
    }
    return lhs;
  }

  core::Result<ExprPtr> ParseNot() {
    if (IsKeyword("not")) {
      int col = Next().column;
      auto inner = ParseNot();
      if (!inner) return inner;
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Kind::kNot;
      e->args = {*inner};
      e->column = col;
      return ExprPtr(e);
    }
    return ParseComparison();
  }

  core::Result<ExprPtr> ParseComparison() {
    auto lhs = ParseAdditive();
    if (!lhs) return lhs;
    static const std::pair<std::string_view, BinaryOp> kOps[] = {
        {"<", BinaryOp::kLt},  {"<=", BinaryOp::kLe}, {">", BinaryOp::kGt},
        {">=", BinaryOp::kGe}, {"==", BinaryOp::kEq}, {"!=", BinaryOp::kNe}};
    for (auto [text, op] : kOps) {
      if (!IsOp(text)) continue;
      int col = Next().column;
      auto rhs = ParseAdditive();
      if (!rhs) return rhs;
      for (auto [t2, op2] : kOps)
        if (IsOp(t2))
          return Fail(Peek(), "comparisons cannot be chained; use 'and'",
                      "比较运算不能连写，请用 and 连接");
      return MakeBinary(op, *lhs, *rhs, col);
    }
    return lhs;
  }

  core::Result<ExprPtr> ParseAdditive() {
    auto lhs = ParseMultiplicative();
    while (lhs && (IsOp("+") || IsOp("-"))) {
      const Token& t = Next();
      auto rhs = ParseMultiplicative();
      if (!rhs) return rhs;
      lhs = MakeBinary(t.text == "+" ? BinaryOp::kAdd : BinaryOp::kSub, *lhs, *rhs, t.column);
    }
    return lhs;
  }

  core::Result<ExprPtr> ParseMultiplicative() {
    auto lhs = ParseUnary();
    while (lhs && (IsOp("*") || IsOp("/"))) {
      const Token& t = Next();
      auto rhs = ParseUnary();
      if (!rhs) return rhs;
      lhs = MakeBinary(t.text == "*" ? BinaryOp::kMul : BinaryOp::kDiv, *lhs, *rhs, t.column);
    }
    return lhs;
  }

  core::Result<ExprPtr> ParseUnary() {
    if (IsOp("-")) {
      int col = Next().column;
      auto inner = ParseUnary();
      if (!inner) return inner;
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Kind::kNeg;
      e->args = {*inner};
      e->column = col;
      return ExprPtr(e);
    }
    return ParsePrimary();
  }

  core::Result<ExprPtr> ParsePrimary() {
    const Token& t = Peek();
    auto e = std::make_shared<Expr>();
    e->column = t.column;
    switch (t.kind) {
      case Tok::kNumber:
        Next();
        e->kind = Expr::Kind::kNumber;
        e->number = t.number;
        return ExprPtr(e);
      case Tok::kLParen: {
        Next();
        auto inner = ParseOr();
        if (!inner) return inner;
        if (Peek().kind != Tok::kRParen) return Fail(Peek(), "missing ')'", "缺少右括号");
        Next();
        return inner;
      }
      case Tok::kIdent: {
        Next();
        if (t.text == "true" || t.text == "false") {
          e->kind = Expr::Kind::kBool;
          e->number = t.text == "true" ? 1 : 0;
          return ExprPtr(e);
        }
        if (t.text == "and" || t.text == "or" || t.text == "not")
          return Fail(t, "unexpected '" + t.text + "'", "此处不应出现 '" + t.text + "'");
        if (Peek().kind != Tok::kLParen) {
          e->kind = Expr::Kind::kName;
          e->name = t.text;
          return ExprPtr(e);
        }
        return ParseCall(t, e);
      }
      case Tok::kEnd:
        return Fail(t, "the expression ends too early", "表达式不完整");
      default:
        return Fail(t, "unexpected '" + t.text + "'", "此处不应出现 '" + t.text + "'");
    }
  }

  core::Result<ExprPtr> ParseCall(const Token& fn, std::shared_ptr<Expr> e) {
    int min_args = 0, max_args = 0;
    if (fn.text == "min" || fn.text == "max") {
      min_args = 2;
      max_args = 64;
    } else if (fn.text == "ceil" || fn.text == "floor") {
      min_args = max_args = 1;
    } else if (fn.text == "if") {
      min_args = max_args = 3;
    } else {
      return Fail(fn, "unknown function '" + fn.text + "'", "未知函数 '" + fn.text + "'");
    }
    Next();  // '('
    e->kind = Expr::Kind::kCall;
    e->name = fn.text;
    if (Peek().kind != Tok::kRParen) {
      while (true) {
        auto arg = ParseOr();
        if (!arg) return arg;
        e->args.push_back(*arg);
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        break;
      }
    }
    if (Peek().kind != Tok::kRParen) return Fail(Peek(), "missing ')'", "缺少右括号");
    Next();
    int n = static_cast<int>(e->args.size());
    if (n < min_args || n > max_args)
      return Fail(fn,
                  fn.text + "() takes " + std::to_string(min_args) +
                      (max_args > min_args ? " or more" : "") + " arguments, not " +
                      std::to_string(n),
                  fn.text + "() 的参数个数不对（" + std::to_string(n) + "）");
    return ExprPtr(e);
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
};

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

Error TypeError(const Expr& at, std::string en, std::string zh) {
  auto e = ExprError(at.column, std::move(en), std::move(zh));
  e.id = "invalid_units";
  return e;
}

// Unifies two numeric operands for + - min max if and comparisons.
core::Result<ExprType> Unify(const Expr& at, const ExprType& a, const ExprType& b,
                             std::string_view what) {
  if (a.unit.is_bool || b.unit.is_bool)
    return tl::unexpected(TypeError(at, std::string(what) + " needs numbers, not booleans",
                                    std::string(what) + " 需要数值而不是布尔值"));
  if (a.free) return ExprType{b.unit, b.free};
  if (b.free) return a;
  if (a.unit != b.unit)
    return tl::unexpected(TypeError(
        at,
        "units do not match in " + std::string(what) + ": " + UnitName(a.unit) + " and " +
            UnitName(b.unit),
        std::string(what) + " 的单位不一致：" + UnitName(a.unit) + " 与 " + UnitName(b.unit)));
  return a;
}

core::Result<ExprType> RequireBool(const Expr& at, const ExprType& t, std::string_view what) {
  if (!t.unit.is_bool)
    return tl::unexpected(TypeError(at,
                                    std::string(what) + " needs a boolean, not " + UnitName(t.unit),
                                    std::string(what) + " 需要布尔值，而不是 " + UnitName(t.unit)));
  return t;
}

}  // namespace

core::Result<ExprPtr> ParseExpression(std::string_view text) {
  auto toks = Lex(text);
  if (!toks) return tl::unexpected(toks.error());
  return Parser(std::move(*toks)).ParseAll();
}

const char* BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
  }
  return "?";
}

std::string ToString(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kNumber:
      return FormatNumber(e.number);
    case Expr::Kind::kBool:
      return e.number != 0 ? "true" : "false";
    case Expr::Kind::kName:
      return e.name;
    case Expr::Kind::kNeg:
      return "-" + ToString(*e.args[0]);
    case Expr::Kind::kNot:
      return "not " + ToString(*e.args[0]);
    case Expr::Kind::kBinary: {
      auto side = [](const Expr& s) {
        bool atomic = s.kind != Expr::Kind::kBinary && s.kind != Expr::Kind::kNot;
        return atomic ? ToString(s) : "(" + ToString(s) + ")";
      };
      return side(*e.args[0]) + " " + BinaryOpText(e.op) + " " + side(*e.args[1]);
    }
    case Expr::Kind::kCall: {
      std::string s = e.name + "(";
      for (size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + ToString(*e.args[i]);
      return s + ")";
    }
  }
  return "";
}

void CollectNames(const Expr& e, std::set<std::string>& out) {
  if (e.kind == Expr::Kind::kName) out.insert(e.name);
  for (const auto& a : e.args) CollectNames(*a, out);
}

core::Result<ExprType> CheckTypes(const Expr& e, const TypeLookup& lookup) {
  switch (e.kind) {
    case Expr::Kind::kNumber:
      return ExprType{Unit::Ratio(), true};
    case Expr::Kind::kBool:
      return ExprType{Unit::Bool(), true};
    case Expr::Kind::kName: {
      auto t = lookup(e.name);
      if (!t)
        return tl::unexpected(ExprError(e.column, "unknown name '" + e.name + "'",
                                        "未知的指标或参数 '" + e.name + "'"));
      return *t;
    }
    case Expr::Kind::kNeg: {
      auto a = CheckTypes(*e.args[0], lookup);
      if (!a) return a;
      if (a->unit.is_bool)
        return tl::unexpected(TypeError(e, "'-' needs a number", "负号需要数值"));
      return a;
    }
    case Expr::Kind::kNot: {
      auto a = CheckTypes(*e.args[0], lookup);
      if (!a) return a;
      return RequireBool(e, *a, "not");
    }
    case Expr::Kind::kBinary: {
      auto a = CheckTypes(*e.args[0], lookup);
      if (!a) return a;
      auto b = CheckTypes(*e.args[1], lookup);
      if (!b) return b;
      const char* op = BinaryOpText(e.op);
      switch (e.op) {
        case BinaryOp::kAnd:
        case BinaryOp::kOr: {
          if (auto r = RequireBool(e, *a, op); !r) return r;
          if (auto r = RequireBool(e, *b, op); !r) return r;
          return ExprType{Unit::Bool(), a->free && b->free};
        }
        case BinaryOp::kAdd:
        case BinaryOp::kSub:
          return Unify(e, *a, *b, op);
        case BinaryOp::kMul:
        case BinaryOp::kDiv: {
          if (a->unit.is_bool || b->unit.is_bool)
            return tl::unexpected(TypeError(e, std::string("'") + op + "' needs numbers",
                                            std::string("'") + op + "' 需要数值"));
          Unit u = e.op == BinaryOp::kMul ? Multiply(a->unit, b->unit) : Divide(a->unit, b->unit);
          return ExprType{u, a->free && b->free};
        }
        default: {  // comparisons
          if ((e.op == BinaryOp::kEq || e.op == BinaryOp::kNe) && a->unit.is_bool &&
              b->unit.is_bool)
            return ExprType{Unit::Bool(), a->free && b->free};
          auto u = Unify(e, *a, *b, op);
          if (!u) return u;
          return ExprType{Unit::Bool(), u->free};
        }
      }
    }
    case Expr::Kind::kCall: {
      std::vector<ExprType> ts;
      for (const auto& arg : e.args) {
        auto t = CheckTypes(*arg, lookup);
        if (!t) return t;
        ts.push_back(*t);
      }
      if (e.name == "if") {
        if (auto r = RequireBool(e, ts[0], "if()"); !r) return r;
        if (ts[1].unit.is_bool && ts[2].unit.is_bool)
          return ExprType{Unit::Bool(), ts[1].free && ts[2].free};
        return Unify(e, ts[1], ts[2], "if()");
      }
      if (e.name == "ceil" || e.name == "floor") {
        if (ts[0].unit.is_bool)
          return tl::unexpected(TypeError(e, e.name + "() needs a number", e.name + "() 需要数值"));
        return ts[0];
      }
      ExprType acc = ts[0];
      for (size_t i = 1; i < ts.size(); ++i) {
        auto u = Unify(e, acc, ts[i], e.name + "()");
        if (!u) return u;
        acc = *u;
      }
      return acc;
    }
  }
  return tl::unexpected(ExprError(e.column, "malformed expression", "表达式有误"));
}

bool Compare(double a, BinaryOp op, double b) {
  double tol = 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
  switch (op) {
    case BinaryOp::kLt:
      return a < b - tol;
    case BinaryOp::kLe:
      return a <= b + tol;
    case BinaryOp::kGt:
      return a > b + tol;
    case BinaryOp::kGe:
      return a >= b - tol;
    case BinaryOp::kEq:
      return std::fabs(a - b) <= tol;
    case BinaryOp::kNe:
      return std::fabs(a - b) > tol;
    default:
      return false;
  }
}

std::optional<double> EvaluateExpression(const Expr& e, const ValueLookup& lookup) {
  switch (e.kind) {
    case Expr::Kind::kNumber:
    case Expr::Kind::kBool:
      return e.number;
    case Expr::Kind::kName:
      return lookup(e.name);
    case Expr::Kind::kNeg: {
      auto a = EvaluateExpression(*e.args[0], lookup);
      if (!a) return std::nullopt;
      return -*a;
    }
    case Expr::Kind::kNot: {
      auto a = EvaluateExpression(*e.args[0], lookup);
      if (!a) return std::nullopt;
      return *a != 0 ? 0.0 : 1.0;
    }
    case Expr::Kind::kBinary: {
      auto a = EvaluateExpression(*e.args[0], lookup);
      if (e.op == BinaryOp::kAnd && a && *a == 0) return 0.0;
      if (e.op == BinaryOp::kOr && a && *a != 0) return 1.0;
      auto b = EvaluateExpression(*e.args[1], lookup);
      if (e.op == BinaryOp::kAnd) {
        if (b && *b == 0) return 0.0;
        if (a && b) return 1.0;
        return std::nullopt;
      }
      if (e.op == BinaryOp::kOr) {
        if (b && *b != 0) return 1.0;
        if (a && b) return 0.0;
        return std::nullopt;
      }
      if (!a || !b) return std::nullopt;
      switch (e.op) {
        case BinaryOp::kAdd:
          return *a + *b;
        case BinaryOp::kSub:
          return *a - *b;
        case BinaryOp::kMul:
          return *a * *b;
        case BinaryOp::kDiv:
          if (*b == 0) return std::nullopt;
          return *a / *b;
        default:
          return Compare(*a, e.op, *b) ? 1.0 : 0.0;
      }
    }
    case Expr::Kind::kCall: {
      if (e.name == "if") {
        auto c = EvaluateExpression(*e.args[0], lookup);
        if (c) return EvaluateExpression(*e.args[*c != 0 ? 1 : 2], lookup);
        auto x = EvaluateExpression(*e.args[1], lookup);
        auto y = EvaluateExpression(*e.args[2], lookup);
        if (x && y && *x == *y) return x;
        return std::nullopt;
      }
      std::vector<double> vs;
      for (const auto& arg : e.args) {
        auto v = EvaluateExpression(*arg, lookup);
        if (!v) return std::nullopt;
        vs.push_back(*v);
      }
      // Rounding first absorbs products such as 50 * 0.1 = 5.000000000000001.
      auto snap = [](double v) {
        double r = std::round(v);
        return std::fabs(v - r) <= 1e-9 * std::max(1.0, std::fabs(v)) ? r : v;
      };
      if (e.name == "ceil") return std::ceil(snap(vs[0]));
      if (e.name == "floor") return std::floor(snap(vs[0]));
      if (e.name == "min") return *std::min_element(vs.begin(), vs.end());
      if (e.name == "max") return *std::max_element(vs.begin(), vs.end());
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace incunet::domain::standards
