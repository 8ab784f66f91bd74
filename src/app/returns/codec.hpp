#pragma once
// JSON shapes of the annual return (docs/api/annual-returns.md). Values travel typed by the
// catalogue: money as integer fen, counts as integers, areas as numbers, bools, and text/dates
// as strings.
#include "app/json_codec.hpp"
#include "app/returns/service.hpp"
#include "app/schema.hpp"
#include "domain/returns/catalogue.hpp"

namespace incunet::app::returns {

// The shapes below as JSON Schema; the values of each form are typed field by field from the
// catalogue (ReturnValues, IncubateeValues).
schema::Components Schemas();

Json ValueToJson(const ret::FieldDef& f, const std::string& text);
// The raw text of a JSON value for field `f` (kMalformed "invalid_type" naming `path` when the
// JSON type does not fit); nullopt for JSON null.
core::Result<std::optional<std::string>> ValueFromJson(const ret::FieldDef& f, const Json& v,
                                                       const std::string& path);

Json ToJson(const ret::AnnualReturn& r, bool with_values);
Json ToJson(const ReturnView& v);
Json ToJson(const ret::Finding& f);
Json ToJson(const ret::ValueChange& c);
Json ToJson(const ret::ReviewEvent& e);
Json ToJson(const ret::Deadline& d);
// Sections, fields and checks, for the console and any client rendering the forms.
Json CatalogueJson();

// Reads {"values":{…},"incubatees":[{"row_id":…,"values":{…}}|{"row_id":…,"remove":true}],
// "explanations":{…}} plus an optional "version" (returned through *version, -1 if absent).
// Unknown keys and codes are kMalformed.
core::Status ReadEdit(const Json& body, ReturnEdit& out, std::int64_t* version);

}  // namespace incunet::app::returns
