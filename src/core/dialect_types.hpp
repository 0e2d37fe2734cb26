// Helpers shared by the whitelist dialects (GoogleSQL, Snowflake): type
// predicates on PostgreSQL format_type names, and the functions whose
// meaning is the same in standard SQL engines for the argument types given.
#pragma once
#include "core/pure_zone.hpp"

#include <cstring>

#include "core/dialect.hpp"

namespace wfdw {

inline bool type_eq(const char *a, const char *b) { return a != nullptr && b != nullptr && std::strcmp(a, b) == 0; }
inline bool is_int_type(const char *t) {
  return type_eq(t, "smallint") || type_eq(t, "integer") || type_eq(t, "bigint");
}
inline bool is_number_type(const char *t) {
  return is_int_type(t) || type_eq(t, "numeric") || type_eq(t, "double precision");
}
inline bool is_string_type(const char *t) { return type_eq(t, "text") || type_eq(t, "character varying"); }

inline bool is_comparison(const char *op) {
  return type_eq(op, "=") || type_eq(op, "<>") || type_eq(op, "<") || type_eq(op, "<=") || type_eq(op, ">") ||
         type_eq(op, ">=");
}

// The scale of an argument from RoutineRef::exact_types: 0 for integers,
// s for "numeric(p,s)", -1 when unknown (plain numeric, an expression).
int numeric_scale(const char *exact_type);

// Whether a regular expression means the same under PostgreSQL's ARE, RE2
// (BigQuery) and POSIX ERE with Perl escapes (Snowflake), for a "contains"
// test: literal characters, escaped metacharacters, ".", "^", "$", groups
// "(...)", alternation of non-empty branches, the quantifiers * + ? {m}
// {m,} {m,n} (m, n <= 255) after an atom, and bracket expressions of
// literal characters and ASCII ranges (a-z, A-Z, 0-9). No character
// classes (\d \w \s [[:alpha:]] differ on non-ASCII and \v), no
// backreferences, lookaround, non-greedy quantifiers, embedded options,
// negated brackets or ARE directors. *has_dot tells whether "." occurs: it
// matches a newline in PostgreSQL only, so the remote needs its
// dot-matches-newline flag.
bool regex_portable(const char *pattern, bool *has_dot);

// TRANSLATE templates that fold ASCII letters only, as PostgreSQL's
// lower/upper do under an LC_CTYPE of C (both warehouses' LOWER/UPPER
// follow Unicode).
extern const char kAsciiLower[];
extern const char kAsciiUpper[];

// LOWER, UPPER (as kAsciiLower/kAsciiUpper, under a C ctype only), REVERSE, REPLACE on strings; ABS; FLOOR, CEIL, TRUNC
// (numeric), SQRT (float); ROUND(numeric), which rounds half away from zero
// everywhere (float rounding differs: half to even in PostgreSQL). nullptr
// for anything else.
const char *common_function(const RoutineRef &fn);

// COUNT; SUM of numbers; MIN/MAX of comparable types; AVG and the
// STDDEV/VAR family of double precision only (of integers and numerics
// PostgreSQL returns an exact numeric with its own scale). bool_and and
// bool_or are spelled per dialect. nullptr for anything else.
const char *common_aggregate(const RoutineRef &agg, const char *bool_and, const char *bool_or);

// The remote template of date_trunc(field, timestamp) and of extract /
// date_part(field, date or timestamp), from a table of fields (nullptr:
// not shipped). Rows are {pg field, template using %2 for the argument}.
struct FieldTemplate {
  const char *field;
  const char *tmpl;
};
template <size_t N>
const char *field_template(const FieldTemplate (&table)[N], const char *field) {
  if (field == nullptr) return nullptr;
  for (const FieldTemplate &f : table)
    if (type_eq(f.field, field)) return f.tmpl;
  return nullptr;
}

}  // namespace wfdw
