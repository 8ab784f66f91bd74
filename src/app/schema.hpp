#pragma once
// JSON Schema (the OpenAPI 3.1 dialect) built in C++, so that each module's codec states the shape
// it writes right beside the function that writes it (app/<module>/codec.cpp) and a change to one
// shows in the other. The API tests validate every response against these schemas, so a schema
// that no longer tells the truth fails them.
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "app/json_codec.hpp"

namespace incunet::app::schema {

Json Str();
Json Str(std::size_t max_length);  // free text bounded by core/limits.hpp
Json Pattern(const char* regex);
Json Int();  // int64
Json Int(std::int64_t minimum, std::int64_t maximum);
Json Id();  // a positive int64
Json Num();
Json Num(double minimum, double maximum);
Json Bool();
Json Date();      // YYYY-MM-DD
Json DateTime();  // RFC 3339
Json Enum(std::vector<std::string> values);
template <std::size_t N>
Json Enum(const char* const (&values)[N]) {
  return Enum(std::vector<std::string>(std::begin(values), std::end(values)));
}
Json Nullable(Json s);
Json Array(Json items);
Json Ref(const std::string& name);  // #/components/schemas/<name>
Json Any();                         // any JSON value (documented where it is used)
Json Map(Json values);              // an object whose keys are data (codes, ids)
// {items:[item], next_cursor, total}: every list answer.
Json Page(Json item);
Json Describe(Json s, const std::string& description);

struct Field {
  std::string name;
  Json schema;
  bool required = true;
};
// An optional field (requests; responses write every field).
Field Opt(std::string name, Json schema);
// A closed object: its fields, no others (the readers refuse unknown fields; the codecs write
// exactly these).
Json Object(std::vector<Field> fields);
// The same object with more fields (a detail view that extends a list item).
Json Extend(Json object, std::vector<Field> more);

// Named schemas a module contributes to components/schemas.
using Components = std::map<std::string, Json>;

}  // namespace incunet::app::schema
