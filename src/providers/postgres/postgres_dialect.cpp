#define WFDW_PURE_TU 1
// PostgreSQL as a remote: names are kept as they are, because shippability of
// built-in, immutable objects is decided in the PG zone (same catalogs on
// both sides); this dialect only has to spell things safely.
#include <cstdio>
#include "providers/postgres/postgres_dialect.hpp"
#include <cstring>

#include "core/dialect.hpp"

namespace wfdw {
namespace {

// PostgreSQL's reserved and type-function-name keywords: an identifier equal
// to one must be quoted. Quoting more than needed is harmless, so we quote
// every identifier that is not plain lower-case ASCII, and these words.
// clang-format off
const char *const kReserved[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec",
    "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract",
    "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping",
    "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
    "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset",
    "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision",
    "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
    "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to",
    "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic",
    "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
    "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};
// clang-format on

class PostgresDialect final : public Dialect {
 public:
  const char *name() const override { return "postgres"; }

  void identifier(SqlSink &out, const char *ident) const override {
    if (!postgres_ident_needs_quotes(ident)) {
      out.append(ident);
      return;
    }
    out.append("\"");
    const char *start = ident;
    for (const char *p = ident; *p; ++p) {
      if (*p == '"') {
        out.append(start, static_cast<size_t>(p - start) + 1);
        out.append("\"");
        start = p + 1;
      }
    }
    out.append(start);
    out.append("\"");
  }

  // Always an E'' literal when a backslash is present, so the result does not
  // depend on the remote's standard_conforming_strings.
  void string_literal(SqlSink &out, const char *value) const override {
    if (std::strchr(value, '\\') != nullptr) out.append("E");
    out.append("'");
    const char *start = value;
    for (const char *p = value; *p; ++p) {
      if (*p == '\'' || *p == '\\') {
        out.append(start, static_cast<size_t>(p - start) + 1);  // up to and including the char
        out.append(p, 1);                                       // doubled
        start = p + 1;
      }
    }
    out.append(start);
    out.append("'");
  }

  void constant(SqlSink &out, ConstKind kind, const char *text) const override {
    switch (kind) {
      case ConstKind::Number:
        number_constant(out, text);
        return;
      case ConstKind::Boolean:
        out.append(std::strcmp(text, "t") == 0 || std::strcmp(text, "true") == 0 ? "true" : "false");
        return;
      case ConstKind::BitString:
        out.append("B");
        string_literal(out, text);
        return;
      case ConstKind::String:
        string_literal(out, text);
        return;
    }
  }

  const char *type_name(const char *pg_type) const override { return pg_type; }

  // Quoted like an identifier: "left"(x, 2) is valid where left(...) is not.
  void function_name(SqlSink &out, const char *name) const override { identifier(out, name); }

  void param_ref(SqlSink &out, int n, const char *type) const override {
    char num[16];
    std::snprintf(num, sizeof(num), "$%d", n);
    out.append("CAST(");
    out.append(num);
    out.append(" AS ");
    out.append(type);
    out.append(")");
  }

  // ((SELECT NULL::t)::t): an unknown value to the remote planner, never
  // folded to a NULL constant; the outer cast keeps "x = ANY(...)" reading
  // it as an array expression rather than a sub-select.
  void opaque_value(SqlSink &out, const char *type) const override {
    out.append("CAST((SELECT CAST(NULL AS ");
    out.append(type);
    out.append(")) AS ");
    out.append(type);
    out.append(")");
  }
  const char *map_operator(const RoutineRef &op) const override { return op.name; }
  const char *map_function(const RoutineRef &fn) const override { return fn.name; }
  const char *map_aggregate(const RoutineRef &agg) const override { return agg.name; }
  bool join_on_true() const override { return true; }
  bool has_ctid() const override { return true; }
  bool from_subqueries() const override { return true; }
  bool array_subscripts() const override { return true; }
  bool group_by_constants() const override { return true; }
  bool untyped_literals() const override { return true; }
  bool float_special_values() const override { return true; }
  bool aggregate_filter() const override { return true; }
  bool aggregate_order_by() const override { return true; }
};

}  // namespace

bool postgres_ident_needs_quotes(const char *ident) {
  if (ident[0] == '\0') return true;
  if (!((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_')) return true;
  for (const char *p = ident; *p; ++p) {
    char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return true;
  }
  for (const char *word : kReserved)
    if (std::strcmp(word, ident) == 0) return true;
  return false;
}

const Dialect &postgres_dialect() {
  static const PostgresDialect dialect;
  return dialect;
}

}  // namespace wfdw
