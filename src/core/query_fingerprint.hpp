// What identifies a remote statement in warehouse_fdw_stats: its text with
// every constant replaced by a placeholder, and a 64-bit id of that text.
// Two runs of one query shape with different literals (WHERE id = 7, WHERE
// id = 8) share an entry, as in pg_stat_statements. The id also goes into
// BigQuery job labels and the Snowflake query_tag, so a warehouse's bill can
// be joined back to the stats view.
#pragma once
#include "core/pure_zone.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace wfdw {

// Writes the normalized text of `sql` into `out` (capacity `cap`, at least 1,
// NUL-terminated, truncated to fit) and returns its id. The normalized text
// is never longer than `sql`. String literals ('...', with '' and, when
// `backslash_escapes`, \' inside) and numeric literals become `?`; quoted
// identifiers ("..." and `...`), parameters ($1, @p1, ?, :1) and keywords
// stay. Never throws, never allocates: the PostgreSQL zone calls it
// directly.
int64_t fingerprint_remote_sql(const char *sql, bool backslash_escapes, char *out, size_t cap) noexcept;

// The id as warehouses' labels take it: 16 lowercase hex digits.
std::string query_id_hex(int64_t id);

}  // namespace wfdw
