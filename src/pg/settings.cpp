#include "pg/settings.hpp"

namespace wfdw {
namespace {

bool pushdown = true;
bool pushdown_joins = true;
bool pushdown_aggregates = true;
bool pushdown_sort_limit = true;

void define_bool(const char *name, const char *short_desc, const char *long_desc, bool *var) {
  DefineCustomBoolVariable(name, short_desc, long_desc, var, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
}

}  // namespace

bool pushdown_enabled(PushdownKind kind) {
  if (!pushdown) return false;
  switch (kind) {
    case PushdownKind::Quals:
      return true;
    case PushdownKind::Joins:
      return pushdown_joins;
    case PushdownKind::Aggregates:
      return pushdown_aggregates;
    case PushdownKind::SortLimit:
      return pushdown_sort_limit;
  }
  return true;
}

void define_settings() {
  define_bool("warehouse_fdw.pushdown", "Sends WHERE, joins, aggregates, ORDER BY and LIMIT to the remote.",
              "When off, foreign scans fetch the needed columns of every row and PostgreSQL does the rest.", &pushdown);
  define_bool("warehouse_fdw.pushdown_joins", "Sends joins between foreign tables of one server to the remote.",
              nullptr, &pushdown_joins);
  define_bool("warehouse_fdw.pushdown_aggregates", "Sends aggregates, GROUP BY and HAVING to the remote.", nullptr,
              &pushdown_aggregates);
  define_bool("warehouse_fdw.pushdown_sort_limit", "Sends ORDER BY and LIMIT/OFFSET to the remote.", nullptr,
              &pushdown_sort_limit);
  MarkGUCPrefixReserved("warehouse_fdw");
}

}  // namespace wfdw
