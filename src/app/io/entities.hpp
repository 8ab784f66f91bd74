#pragma once
// One EntityImporter per importable entity: the pure row checks (domain rules, natural key) and
// the database side (references, scope, upsert by natural key) of the generic pipeline in
// importer.hpp. An importer object serves one job; CheckBatch keeps what it looked up for the
// WriteBatch that follows it in the write pass.
#include <any>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/io/ports.hpp"
#include "domain/io/spec.hpp"

namespace incunet::app {
class Tx;
}

namespace incunet::app::io {

using domain::io::RowError;

// A key that must be unique within one file, with the complaint for a repeat ("{row}" is replaced
// by the first row that had it).
// The texts are literals: a key is built per row, and its complaint is rarely needed.
struct UniqueKey {
  std::string key;
  const char* column;  // spec key the complaint is about
  const char* code;
  const char* message_zh;
  const char* message_en;
};

struct Row {
  domain::io::CsvRecord rec;
  domain::io::Values values;
  std::vector<UniqueKey> keys;  // keys[0] is the natural key
  std::any record;              // the importer's domain record
  bool bad = false;
};

struct RowContext {
  const Actor& actor;
  std::string today;  // YYYY-MM-DD (China time)
  std::string now;    // RFC 3339
  const std::unordered_map<std::string, std::string>& region_levels;
  // Which spec columns the file has. A column left out keeps the stored value of a record that
  // already exists (an update of a few columns), and is empty for a new one.
  std::vector<bool> present;
  Id job_id = 0;
  Tx* tx = nullptr;  // the transaction of the batch being checked or written
};

class EntityImporter {
 public:
  virtual ~EntityImporter() = default;
  virtual const domain::io::EntitySpec& Spec() const = 0;
  // Builds and checks the record of a normalised row; sets row.keys and row.record. False (with
  // errors appended) when the row breaks a rule.
  virtual bool CheckRow(const RowContext& ctx, Row& row, std::vector<RowError>* errors) = 0;
  // Checks a batch of good rows against the database: region codes, references, the caller's
  // scope, conflicts with stored records. Marks failing rows bad.
  virtual void CheckBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                          std::vector<RowError>* errors) = 0;
  // Upserts the rows that CheckBatch (just called on the same rows) left good.
  virtual void WriteBatch(IoRepo& repo, const RowContext& ctx, const std::vector<Row*>& rows,
                          ImportCounts* counts) = 0;
};

// nullptr for an unknown entity.
std::unique_ptr<EntityImporter> MakeImporter(std::string_view entity);
// The annual-return entities (return_entities.cpp); nullptr for any other.
std::unique_ptr<EntityImporter> MakeReturnImporter(std::string_view entity);

}  // namespace incunet::app::io
