#pragma once
// Annual return use cases: create a prefilled draft, edit values (every change kept with actor
// and time), submit (filing window + cross-field checks), review up the region tree (approve
// or send back with a reason), reopen a closed window (national admin), filing deadlines.
//
// Who may do what:
//  - file (create, edit, submit): the carrier's operator, or a national admin;
//  - review: region admins whose scope prefix is exactly the stop the return waits at (its
//    length gives the level), the national admin at the national stop;
//  - read: whoever's scope covers the carrier (others get 404, as existence is private).
#include <chrono>
#include <functional>
#include <map>
#include <optional>

#include "app/store.hpp"
#include "core/dates.hpp"
#include "domain/returns/checks.hpp"
#include "domain/returns/entities.hpp"

namespace incunet::app::returns {

namespace ret = domain::returns;

// A return with the result of its checks against last year's return.
struct ReturnView {
  ret::AnnualReturn ret;
  std::vector<ret::Finding> findings;
  bool has_last_year = false;
};

// An edit from the filer. Values are raw text to be canonicalised per the catalogue; nullopt
// clears a value (or an explanation).
struct ReturnEdit {
  std::map<std::string, std::optional<std::string>> values;
  struct Row {
    std::int64_t row_id = 0;
    bool remove = false;
    std::map<std::string, std::optional<std::string>> values;
  };
  std::vector<Row> rows;
  std::map<std::string, std::optional<std::string>> explanations;
};

class ReturnsService {
 public:
  ReturnsService(Store& store, const core::Clock& now) : store_(store), now_(now) {}

  core::Result<ReturnView> Get(const Actor& a, std::int64_t id);
  Page<ret::AnnualReturn> List(const Actor& a, const ReturnQuery& q, const PageRequest& p);
  // The query of the returns waiting for this actor's review; nullopt when it reviews nothing.
  static std::optional<ReturnQuery> ReviewQueue(const Actor& a);

  // A draft for (carrier, year) prefilled from the registry and last year's header. 409
  // return_exists when there is one already.
  core::Result<ReturnView> Create(const Actor& a, std::int64_t carrier_id, int year,
                                  const std::string& request_id);
  core::Result<ReturnView> Update(const Actor& a, std::int64_t id, std::int64_t version,
                                  bool from_if_match, const ReturnEdit& edit,
                                  const std::string& request_id);
  core::Result<ReturnView> Submit(const Actor& a, std::int64_t id, const std::string& request_id);
  core::Result<ReturnView> Approve(const Actor& a, std::int64_t id, const std::string& comment,
                                   const std::string& request_id);
  core::Result<ReturnView> SendBack(const Actor& a, std::int64_t id, const std::string& reason,
                                    const std::string& request_id);
  // National admin only: lets a draft or returned return be submitted until `until`.
  core::Result<ReturnView> Reopen(const Actor& a, std::int64_t id, const std::string& until,
                                  const std::string& reason, const std::string& request_id);

  core::Result<std::vector<ret::ValueChange>> History(const Actor& a, std::int64_t id,
                                                      const std::string& code);
  core::Result<std::vector<ret::ReviewEvent>> Reviews(const Actor& a, std::int64_t id);

  std::vector<ret::Deadline> Deadlines(std::optional<int> year);
  // National admin only; upserts the window of (year, kind).
  core::Result<ret::Deadline> SetDeadline(const Actor& a, const ret::Deadline& d,
                                          const std::string& request_id);

 private:
  // One step of the review workflow, the same for submit, approve, return and reopen: `decide`
  // checks the caller and the return and yields the next header, the review event and the audit
  // action; the step then writes them (stale version → 409) and answers the return's view.
  struct StepOutcome {
    domain::returns::AnnualReturn next;
    domain::returns::ReviewEvent event;  // decision, level, region_prefix and reason
    std::string audit_action;
    std::string audit_before;  // "" to leave the before image out
    std::string audit_after;
  };
  using Decide = std::function<core::Result<StepOutcome>(
      Tx& tx, const domain::returns::AnnualReturn& current, const std::string& now)>;
  core::Result<ReturnView> Step(const Actor& a, std::int64_t id, const Decide& decide,
                                const std::string& request_id);

  std::string Today() const;
  std::string NowText() const;

  Store& store_;
  const core::Clock& now_;
};

}  // namespace incunet::app::returns
