// A SQL dialect: how a remote warehouse spells identifiers, literals, types,
// operators, functions, NULL ordering and LIMIT. The deparser (src/pg/deparse)
// walks PostgreSQL expression trees and asks the dialect for every spelling;
// the same answers decide shippability, so "we can print it" and "it is safe
// to push" never disagree. Implementations are pure C++ and allocate nothing:
// they write through a SqlSink, so no C++ object is alive if the sink's
// PostgreSQL allocation raises an error.
#pragma once
#include "core/pure_zone.hpp"

#include <cstddef>
#include <cstring>

namespace wfdw {

class SqlSink {
 public:
  virtual void append(const char *text, size_t len) = 0;
  void append(const char *text) { append(text, std::strlen(text)); }

 protected:
  ~SqlSink() = default;
};

// What the deparser knows of an operator or function when it asks the dialect.
// Type names are PostgreSQL's (format_type), e.g. "integer", "text".
struct RoutineRef {
  const char *name;          // operator symbol or function name
  int nargs;                 // 1 or 2 for operators (prefix / infix)
  const char *arg_types[2];  // first two argument types, or nullptr
  const char *result_type;
  // The first argument when it is a text constant, lower-cased: the field
  // of date_trunc('month', x) and extract(year from x), which dialects spell
  // as a keyword. nullptr otherwise.
  const char *const_text;
  // What follows is filled by the deparser where it knows it; the defaults
  // (so a RoutineRef that is not filled in is safe) are the cautious
  // values: the dialect then keeps the routine local (see
  // docs/dialect-semantics.md).
  //
  // The second argument when it is a non-null text (or varchar) constant,
  // verbatim: a regular expression, REPLACE's search string.
  const char *const_arg2 = nullptr;
  // Whether the routine's input collation has an LC_CTYPE of C or POSIX
  // (lc_ctype_is_c(inputcollid)): then PostgreSQL's lower, upper and ILIKE
  // fold ASCII letters only.
  bool ctype_is_c = false;
  // Each of the first two arguments' type with its modifier, looking through
  // implicit casts: "numeric(12,2)" for such a column, "integer" for an
  // integer promoted to numeric, "numeric(3,2)" for the constant 1.25 if
  // the deparser spells constants so. nullptr when unknown.
  const char *exact_types[2] = {nullptr, nullptr};
};

enum class ConstKind { Number, Boolean, String, BitString };

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual const char *name() const = 0;

  virtual void identifier(SqlSink &out, const char *ident) const = 0;
  virtual void string_literal(SqlSink &out, const char *value) const = 0;
  // A constant whose text form PostgreSQL produced; kind says how to print
  // it. By default: numbers via number_constant, TRUE/FALSE, strings (and
  // bit strings) via string_literal.
  virtual void constant(SqlSink &out, ConstKind kind, const char *text) const;
  // catalog (a BigQuery project) may be null or empty.
  virtual void table_reference(SqlSink &out, const char *catalog, const char *schema, const char *table) const;

  // The remote spelling of a PostgreSQL type (for casts), or nullptr when the
  // dialect has no exact equivalent (then the expression is not shipped).
  virtual const char *type_name(const char *pg_type) const = 0;
  // Whether values of a PostgreSQL type can be shipped (compared, sorted,
  // returned) even when casts to it cannot: Snowflake's NUMBER holds every
  // numeric value exactly, but NUMBER without a scale rounds to integers.
  virtual bool value_type_shippable(const char *pg_type) const { return type_name(pg_type) != nullptr; }
  // The remote spelling of an operator/function, or nullptr if not shippable.
  // A spelling containing %1 (and %2) is a template the arguments are
  // substituted into, e.g. "MOD(%1, %2)".
  virtual const char *map_operator(const RoutineRef &op) const = 0;
  virtual const char *map_function(const RoutineRef &fn) const = 0;

  // The remote name of a built-in aggregate for these argument types (nargs
  // 0 is count(*)), or nullptr when its result would differ (avg of an
  // integer is an exact numeric in PostgreSQL). The deparser prints
  // DISTINCT, the arguments, ORDER BY and FILTER around it.
  virtual const char *map_aggregate(const RoutineRef &agg) const = 0;
  // A type the (single) argument of a mapped aggregate is cast to remotely,
  // so that the remote result has PostgreSQL's range: sum(bigint) is numeric
  // here but a 64-bit integer that overflows in GoogleSQL and Spark SQL.
  // nullptr: the argument as it is.
  virtual const char *aggregate_arg_type(const RoutineRef &agg) const {
    (void)agg;
    return nullptr;
  }
  // Whether aggregates take FILTER (WHERE ...); otherwise a filtered
  // aggregate is printed over CASE WHEN cond THEN arg END, which is the same
  // for aggregates that skip NULLs (all the shipped ones).
  virtual bool aggregate_filter() const { return false; }
  // Whether an ORDER BY may appear inside an aggregate's parentheses.
  virtual bool aggregate_order_by() const { return false; }

  // ORDER BY item suffix: direction and explicit NULLS FIRST/LAST.
  virtual void order_suffix(SqlSink &out, bool descending, bool nulls_first) const;
  // LIMIT/OFFSET clause; either text may be null.
  virtual void limit_clause(SqlSink &out, const char *limit, const char *offset) const;

  // How a function name is written (after map_function).
  virtual void function_name(SqlSink &out, const char *name) const { out.append(name); }
  // A reference to the n-th (1-based) query parameter of type `type`.
  virtual void param_ref(SqlSink &out, int n, const char *type) const = 0;
  // A value of `type` the remote planner cannot see through; used in
  // EXPLAIN-based estimates of parameterized scans.
  virtual void opaque_value(SqlSink &out, const char *type) const = 0;

  // An extra leading ORDER BY key that makes the remote sort values of this
  // PostgreSQL type as PostgreSQL does: the deparser prints the template
  // (%1 the sort expression) with the same ASC/DESC and NULLS FIRST/LAST
  // before the expression itself. BigQuery sorts NaN below every number,
  // PostgreSQL above: "IS_NAN(%1)". nullptr: the plain ORDER BY is right.
  virtual const char *sort_key(const char *pg_type) const {
    (void)pg_type;
    return nullptr;
  }

  // Whether string ordering is by code point whatever the collation
  // (BigQuery): then text ordering is shipped only under a C collation.
  virtual bool text_order_is_binary() const { return false; }
  // Array constants and constructors as [a, b] instead of ARRAY[...] casts;
  // "x = ANY(array)" as "x IN UNNEST(array)" (and <> ALL as NOT IN).
  virtual bool bracket_arrays() const { return false; }
  // No array values at all: "x = ANY(constant array)" is shipped as
  // "x IN (a, b)" (and <> ALL as NOT IN); any other array stays local.
  virtual bool in_list_arrays() const { return false; }
  // Whether GREATEST/LEAST skip NULL arguments as PostgreSQL's do.
  virtual bool greatest_ignores_nulls() const { return true; }
  // Whether a result's columns must have distinct names (BigQuery rejects
  // SELECT a.id, b.id): then a join's or aggregate's select list is aliased.
  virtual bool unique_result_names() const { return false; }
  // Whether "a LEFT/RIGHT JOIN b ON TRUE" is accepted (an outer join with no
  // join clause); BigQuery wants an equality in an outer join's ON.
  virtual bool join_on_true() const { return false; }
  // Whether a string constant compared with a plain column may be sent as
  // an untyped literal ('foo', not CAST('foo' AS text)), leaving its type to
  // the remote column's: a local column declared text keeps working when the
  // remote one is an enum. PostgreSQL resolves unknown literals that way.
  virtual bool untyped_literals() const { return false; }
  // Whether array[i] and array[i:j] mean what they mean in PostgreSQL
  // (1-based, NULL out of bounds).
  virtual bool array_subscripts() const { return false; }
  // Whether a GROUP BY may name a constant select item by its position
  // ("SELECT 5, count(*) ... GROUP BY 1").
  virtual bool group_by_constants() const { return false; }
  // Whether a FULL JOIN input with conditions may be sent as a derived
  // table "(SELECT ... WHERE ...) sN". Only where the fakes can check it.
  virtual bool from_subqueries() const { return false; }
  // Whether rows have a "ctid" the remote can return (PostgreSQL): then a
  // query reading ctid of a foreign table gets the remote row's.
  virtual bool has_ctid() const { return false; }
  // Whether NaN, Infinity and -Infinity of double precision can be written
  // as typed literals with PostgreSQL's meaning (ordering, equality).
  virtual bool float_special_values() const { return false; }
  // Whether a cast between these PostgreSQL types (format_type names) gives
  // the same value remotely.
  virtual bool cast_shippable(const char *from, const char *to) const {
    (void)from;
    (void)to;
    return true;
  }

 protected:
  // A number bare when it is made of digits and signs, else (NaN, Infinity,
  // -0) as a string literal. A sign gets parentheses so that "- -1" or operator
  // precedence cannot change the meaning.
  void number_constant(SqlSink &out, const char *text) const;
};

}  // namespace wfdw
