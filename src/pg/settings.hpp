// The settings (GUCs) that turn pushdown off, all of it or by kind, so the
// same query can be run both ways and a suspected pushdown bug bypassed.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

enum class PushdownKind { Quals, Joins, Aggregates, SortLimit };

// warehouse_fdw.pushdown (all kinds) and warehouse_fdw.pushdown_joins /
// _aggregates / _sort_limit; every one defaults to on.
bool pushdown_enabled(PushdownKind kind);

// Registers the settings; from _PG_init.
void define_settings();

}  // namespace wfdw
