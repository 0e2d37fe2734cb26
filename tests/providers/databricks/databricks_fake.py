#!/usr/bin/python3
"""A local Databricks SQL Statement Execution API 2.0 service for
warehouse_fdw's tests.

Speaks the wire contract of /work/notes/databricks-contract.md (and
../shared/docs/protocols.md §3) on 127.0.0.1 only:
POST /api/2.0/sql/statements (wait_timeout 0s or 5s..50s, on_wait_timeout
CONTINUE|CANCEL, disposition INLINE + format JSON_ARRAY, named `:p`
parameters with types), GET .../{id} (PENDING/RUNNING/SUCCEEDED/FAILED/
CANCELED/CLOSED), GET .../{id}/result/chunks/{n} (any order, in parallel),
POST .../{id}/cancel; a failed statement is HTTP 200 with state FAILED and a
Databricks-style message "[ERROR_CLASS] ... SQLSTATE: xxxxx". Auth: personal
access tokens (--tokens) and OAuth M2M (POST /oidc/v1/token, client
credentials with HTTP Basic, --oauth-clients); "no-access-token" is a valid
token without access to the warehouse (403).

Spark SQL is translated token by token into PostgreSQL and run on a real
database (--dsn): catalog --catalog (default `main`) is that database, its
schemas are PostgreSQL schemas (resolved case-insensitively, like Unity
Catalog), `main.information_schema.tables/columns` are tables the fake fills
from the catalog (refreshed by POST /_fake/reset). Spark semantics kept:
backslash escapes in literals, "x" is a string literal, adjacent literals
concatenate, `/` on integers is a double division, `div` integer division,
ASC NULLS FIRST / DESC NULLS LAST by default, Spark type names only in
casts, only known Spark functions. Result cells are strings as Databricks
prints them. Statement faults (pending polls, FAILED, slow statements, slow
chunks) and HTTP faults come through POST /_fake/faults.

Options: --dsn, --port, --tokens (PATs, comma-separated; default
dapi-fake-token-0001), --oauth-clients (id:secret,...; default
fdw-client:fdw-secret), --token-lifetime S (3600), --warehouse-id (repeatable;
default fake-warehouse-0001), --catalog (main), --chunk-rows (10000),
--chunk-latency-ms, --pending-polls N (every statement answers PENDING/RUNNING
to its first N polls), --statement-delay S, --result-ttl S (then CLOSED),
--max-results N (older results CLOSED), --workers N, --result-cache (a statement run again
answers its first run's rows, as Databricks SQL's query result cache does), --verbose.

Faults (POST /_fake/faults, a JSON list; "count" defaults to 1):
  {"kind": "http", "status": 503, "on": "submit|status|chunk|cancel|token|any", "retry_after": 1}
  {"kind": "drop", "on": ...}            the connection closes mid-answer
  {"kind": "slow", "seconds": 2, "on": ...}   the answer is delayed
  {"kind": "pending_polls", "polls": 3}  the next statement: POST answers PENDING, then polls PENDING, RUNNING...
  {"kind": "slow_statement", "seconds": 5}    the next statement runs that long (cancel it meanwhile)
  {"kind": "fail_statement", "error_code": "...", "message": "...", "sql_state": "..."}  the next one FAILS
  {"kind": "slow_chunk", "seconds": 2, "chunk": 1}
  {"kind": "token_lifetime", "seconds": 1}    the next OAuth token expires that soon
POST /_fake/expire_tokens expires every OAuth token issued; GET /_fake/state
shows the counters (statements, polls, chunk_fetches, chunks_fetched,
max_parallel_chunk_fetches, cancels, canceled, token_requests, tokens_issued,
auth_failures, explains, failed, last_statement{statement, parameters, ...}).

The HTTP server, admin endpoints, fault answers and tokenizer come from
tests/fakes/fake_core.py. Stops when its parent process exits or on SIGTERM.
"""
import base64, json, re, secrets, threading, time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, ROUND_HALF_UP, Context
from urllib.parse import parse_qs

import psycopg2

import os, sys  # fake_core.py, shared by every fake, is in tests/fakes
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fakes"))
from fake_core import (FakeBase, FakeHandler, Tokenizer, TranslatorBase, arg_parser, numeric_typmod, pg_ident,
                       pg_literal, pg_message, serve, session_sql)

HELPER = "dbxfake"  # PostgreSQL schema of the fake's helpers and INFORMATION_SCHEMA tables


class FixtureError(Exception):
    """The data behind the fake holds something Databricks cannot (a table
    column of DECIMAL(p,s) beyond p <= 38, 0 <= s <= p)."""


class ApiError(Exception):
    """A request the API refuses (HTTP 4xx/5xx with error_code)."""

    def __init__(self, http, code, message):
        super().__init__(message)
        self.http, self.code, self.message = http, code, message


class SqlError(Exception):
    """A statement failure: HTTP 200, state FAILED."""

    def __init__(self, error_class, sql_state, text, error_code="BAD_REQUEST"):
        msg = "[%s] %s SQLSTATE: %s" % (error_class, text, sql_state) if error_class else text
        super().__init__(msg)
        self.error_class, self.sql_state, self.message, self.error_code = error_class, sql_state, msg, error_code


def syntax_error(near):
    return SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near %s." % near)


def not_found(name):
    return SqlError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
                    "The table or view %s cannot be found. Verify the spelling and correctness of the schema and "
                    "catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or "
                    "qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP "
                    "VIEW IF EXISTS or DROP TABLE IF EXISTS." % name)


def bq(*parts):
    return ".".join("`%s`" % p.replace("`", "``") for p in parts)


# ---------------------------------------------------------------------------
# Spark SQL -> PostgreSQL

TOKEN_RE = re.compile(r"""
  (?P<ws>\s+|--[^\n]*|/\*.*?\*/)
 |(?P<hex>[Xx]'[^']*')
 |(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
 |(?P<bid>`(?:[^`]|``)*`)
 |(?P<badstr>['"`])
 |(?P<num>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?(?:BD|[LSYDF])?(?![A-Za-z_0-9]))
 |(?P<op><=>|<=|>=|<>|!=|==|\|\||::|->|[-+*/%=<>(),.;\[\]&|^~!])
 |(?P<param>:[A-Za-z_][A-Za-z_0-9]*)
 |(?P<qmark>\?)
 |(?P<ident>[A-Za-z_][A-Za-z_0-9]*)
""", re.S | re.X | re.I)

tokenize = Tokenizer(TOKEN_RE, lambda pos, ch: syntax_error("'%s'" % ch),
                     lambda pos: SqlError("PARSE_SYNTAX_ERROR", "42601",
                                          "Syntax error at or near end of input: unclosed literal or identifier."))

KEYWORDS = set("""EXTRACT SELECT FROM WHERE AND OR NOT AS ON JOIN LEFT RIGHT FULL OUTER INNER CROSS SEMI ANTI GROUP BY ORDER
HAVING LIMIT OFFSET ASC DESC NULLS FIRST LAST NULL TRUE FALSE IS IN LIKE ILIKE RLIKE REGEXP ESCAPE BETWEEN CASE WHEN
THEN ELSE END CAST TRY_CAST DISTINCT UNION ALL EXCEPT INTERSECT MINUS WITH EXISTS INTERVAL OVER PARTITION USING ANY
SOME ROWS RANGE UNBOUNDED PRECEDING FOLLOWING CURRENT ROW LATERAL VALUES DIV FILTER WITHIN NATURAL TABLESAMPLE
QUALIFY WINDOW""".split())
# Spark type names (casts) -> PostgreSQL; DECIMAL/VARCHAR/CHAR take arguments.
TYPE_MAP = {"STRING": "text", "INT": "int4", "INTEGER": "int4", "BIGINT": "int8", "LONG": "int8",
            "SMALLINT": "int2", "SHORT": "int2", "TINYINT": "int2", "BYTE": "int2", "DOUBLE": "float8",
            "FLOAT": "float4", "REAL": "float4", "DECIMAL": "numeric", "DEC": "numeric", "NUMERIC": "numeric",
            "DATE": "date", "TIMESTAMP": "timestamptz", "TIMESTAMP_LTZ": "timestamptz", "TIMESTAMP_NTZ": "timestamp",
            "BOOLEAN": "boolean", "BINARY": "bytea", "VARCHAR": "text", "CHAR": "text", "VOID": "text"}
INT_CASTS = {"int4": "dbx_to_int4", "int8": "dbx_to_int8", "int2": "dbx_to_int2"}
# Spark functions whose PostgreSQL counterpart has another name (or is a helper).
FUNC_MAP = {"nvl": "coalesce", "ifnull": "coalesce", "nvl2": "dbx_nvl2", "if": "dbx_if", "iff": "dbx_if",
            "lcase": "lower", "ucase": "upper", "instr": "strpos", "locate": "dbx_locate", "substr": "dbx_substr",
            "substring": "dbx_substr", "startswith": "starts_with", "endswith": "dbx_endswith",
            "contains": "dbx_contains", "concat": "dbx_concat", "year": "dbx_year", "month": "dbx_month",
            "day": "dbx_day", "dayofmonth": "dbx_day", "hour": "dbx_hour", "minute": "dbx_minute",
            "second": "dbx_second", "quarter": "dbx_quarter", "dayofweek": "dbx_dayofweek",
            "dayofyear": "dbx_dayofyear", "weekofyear": "dbx_weekofyear", "datediff": "dbx_datediff",
            "date_add": "dbx_date_add", "date_sub": "dbx_date_sub", "add_months": "dbx_add_months",
            "last_day": "dbx_last_day", "to_date": "dbx_to_date", "to_timestamp": "dbx_to_timestamp",
            "current_timezone": "dbx_current_timezone", "try_divide": "dbx_try_divide", "isnull": "dbx_isnull",
            "isnotnull": "dbx_isnotnull", "count_if": "dbx_count_if", "every": "bool_and", "collect_list": "array_agg",
            "signum": "sign", "pow": "power", "char": "chr", "rlike": "regexp_like", "regexp": "regexp_like",
            "regexp_replace": "dbx_regexp_replace", "round": "dbx_round", "trunc": "dbx_trunc", "log2": "dbx_log2",
            "ceil": "dbx_ceil", "ceiling": "dbx_ceil", "floor": "dbx_floor", "character_length": "char_length",
            "len": "char_length", "length": "char_length", "std": "stddev", "btrim": "btrim",
            "to_json": "to_json", "any_value": "dbx_any_value", "first": "dbx_any_value",
            "unix_timestamp": "dbx_unix_timestamp", "from_unixtime": "dbx_from_unixtime",
            "string_agg": "string_agg", "listagg": "string_agg", "median": "dbx_median", "sum": "dbx_sum",
            "avg": "dbx_avg", "mean": "dbx_avg", "range": "dbx_range"}
# Spark functions PostgreSQL has with the same meaning (for our purposes).
SAME_FUNCS = set("""count min max abs coalesce nullif greatest least lower upper trim ltrim rtrim replace
concat_ws lpad rpad left right sqrt exp ln log log10 power mod sign stddev stddev_samp stddev_pop variance var_samp
var_pop corr covar_pop covar_samp bool_and bool_or date_trunc extract make_date initcap reverse repeat translate ascii
chr md5 regexp_like split_part octet_length char_length bit_length row_number rank dense_rank percent_rank cume_dist
ntile lag lead first_value last_value nth_value percentile_cont percentile_disc array_agg bit_and bit_or bit_xor
position overlay pi radians degrees sin cos tan asin acos atan atan2 cbrt starts_with""".split())
SPARK_ONLY_FIELDS = ("DOW", "DAYOFWEEK", "DOW_ISO", "DAYOFWEEK_ISO", "YEAROFWEEK")
HELPERS = r"""
CREATE SCHEMA IF NOT EXISTS dbxfake;
SET search_path = dbxfake, pg_catalog;
-- `/` on integers returns DOUBLE, as Spark's does; `div` (written //) integer division.
DO $$ DECLARE a text; b text; BEGIN
  FOREACH a IN ARRAY ARRAY['int2','int4','int8'] LOOP FOREACH b IN ARRAY ARRAY['int2','int4','int8'] LOOP
    EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_fdiv(%1$s, %2$s) RETURNS float8 LANGUAGE sql IMMUTABLE '
                   'AS ''SELECT $1::float8 / $2::float8''', a, b);
    IF NOT EXISTS (SELECT 1 FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
                   WHERE n.nspname = 'dbxfake' AND o.oprname = '/' AND o.oprleft = a::regtype AND o.oprright = b::regtype) THEN
      EXECUTE format('CREATE OPERATOR dbxfake./ (LEFTARG = %1$s, RIGHTARG = %2$s, FUNCTION = dbxfake.dbx_fdiv)', a, b);
    END IF;
  END LOOP; END LOOP;
END $$;
CREATE OR REPLACE FUNCTION dbxfake.dbx_idiv(numeric, numeric) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT trunc($1 / $2)::int8';
DO $$ DECLARE a text; b text; BEGIN
  FOREACH a IN ARRAY ARRAY['int2','int4','int8','numeric'] LOOP
    FOREACH b IN ARRAY ARRAY['int2','int4','int8','numeric'] LOOP
    CONTINUE WHEN (a = 'numeric') <> (b = 'numeric');
    IF a <> 'numeric' THEN
      EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_idiv(%1$s, %2$s) RETURNS int8 LANGUAGE sql IMMUTABLE '
                     'AS ''SELECT $1::int8 OPERATOR(pg_catalog./) $2::int8''', a, b);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
                   WHERE n.nspname = 'dbxfake' AND o.oprname = '//' AND o.oprleft = a::regtype
                     AND o.oprright = b::regtype) THEN
      EXECUTE format('CREATE OPERATOR dbxfake.// (LEFTARG = %1$s, RIGHTARG = %2$s, FUNCTION = dbxfake.dbx_idiv)',
                     a, b);
    END IF;
  END LOOP; END LOOP;
END $$;
-- CAST(x AS INT|BIGINT|SMALLINT) truncates toward zero in Spark.
DO $$ DECLARE t text; a text; BEGIN
  FOREACH t IN ARRAY ARRAY['int2','int4','int8'] LOOP
    FOREACH a IN ARRAY ARRAY['int2','int4','int8'] LOOP
      EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_to_%1$s(%2$s) RETURNS %1$s LANGUAGE sql IMMUTABLE '
                     'AS ''SELECT $1::%1$s''', t, a);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_to_%1$s(numeric) RETURNS %1$s LANGUAGE sql IMMUTABLE '
                   'AS ''SELECT trunc($1)::%1$s''', t);
    EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_to_%1$s(float8) RETURNS %1$s LANGUAGE sql IMMUTABLE '
                   'AS ''SELECT trunc($1)::%1$s''', t);
    EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_to_%1$s(text) RETURNS %1$s LANGUAGE sql IMMUTABLE '
                   'AS ''SELECT trunc(btrim($1)::numeric)::%1$s''', t);
    EXECUTE format('CREATE OR REPLACE FUNCTION dbxfake.dbx_to_%1$s(boolean) RETURNS %1$s LANGUAGE sql IMMUTABLE '
                   'AS ''SELECT $1::int4::%1$s''', t);
  END LOOP;
END $$;
CREATE OR REPLACE FUNCTION dbxfake.dbx_nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_if(boolean, anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 THEN $2 ELSE $3 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_locate(text, text) RETURNS int4 LANGUAGE sql IMMUTABLE
  AS 'SELECT strpos($2, $1)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_substr(text, int4) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $2 > 0 THEN substr($1, $2) WHEN $2 = 0 THEN $1
    ELSE substr($1, greatest(char_length($1) + $2 + 1, 1)) END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_substr(text, int4, int4) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $3 <= 0 THEN '''' WHEN $2 > 0 THEN substr($1, $2, $3) WHEN $2 = 0 THEN substr($1, 1, $3)
    ELSE substr($1, char_length($1) + $2 + 1, $3) END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_endswith(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT right($1, char_length($2)) = $2';
CREATE OR REPLACE FUNCTION dbxfake.dbx_contains(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT strpos($1, $2) > 0';
CREATE OR REPLACE FUNCTION dbxfake.dbx_concat(VARIADIC text[]) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN array_position($1, NULL) IS NULL THEN array_to_string($1, '''') END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_datediff(date, date) RETURNS int4 LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE OR REPLACE FUNCTION dbxfake.dbx_date_add(date, int4) RETURNS date LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE OR REPLACE FUNCTION dbxfake.dbx_date_sub(date, int4) RETURNS date LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE OR REPLACE FUNCTION dbxfake.dbx_add_months(date, int4) RETURNS date LANGUAGE sql IMMUTABLE
  AS 'SELECT ($1 + make_interval(months => $2))::date';
CREATE OR REPLACE FUNCTION dbxfake.dbx_last_day(date) RETURNS date LANGUAGE sql IMMUTABLE
  AS 'SELECT (date_trunc(''month'', $1) + interval ''1 month'' - interval ''1 day'')::date';
CREATE OR REPLACE FUNCTION dbxfake.dbx_to_date(text) RETURNS date LANGUAGE sql IMMUTABLE AS 'SELECT $1::date';
CREATE OR REPLACE FUNCTION dbxfake.dbx_to_date(timestamptz) RETURNS date LANGUAGE sql STABLE AS 'SELECT $1::date';
CREATE OR REPLACE FUNCTION dbxfake.dbx_to_timestamp(text) RETURNS timestamptz LANGUAGE sql STABLE
  AS 'SELECT $1::timestamptz';
CREATE OR REPLACE FUNCTION dbxfake.dbx_current_timezone() RETURNS text LANGUAGE sql STABLE
  AS 'SELECT current_setting(''TimeZone'')';
CREATE OR REPLACE FUNCTION dbxfake.dbx_try_divide(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $2 <> 0 THEN $1 / $2 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_try_divide(float8, float8) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $2 <> 0 THEN $1 / $2 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_isnull(anyelement) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT $1 IS NULL';
CREATE OR REPLACE FUNCTION dbxfake.dbx_isnotnull(anyelement) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT $1 IS NOT NULL';
CREATE OR REPLACE FUNCTION dbxfake.dbx_count_if_sf(int8, boolean) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END';
CREATE OR REPLACE AGGREGATE dbxfake.dbx_count_if(boolean) (SFUNC = dbxfake.dbx_count_if_sf, STYPE = int8,
  INITCOND = '0');
CREATE OR REPLACE FUNCTION dbxfake.dbx_any_value_sf(anyelement, anyelement) RETURNS anyelement LANGUAGE sql
  IMMUTABLE AS 'SELECT coalesce($1, $2)';
CREATE OR REPLACE AGGREGATE dbxfake.dbx_any_value(anyelement) (SFUNC = dbxfake.dbx_any_value_sf, STYPE = anyelement);
CREATE OR REPLACE FUNCTION dbxfake.dbx_median_ff(float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest($1) x';
CREATE OR REPLACE AGGREGATE dbxfake.dbx_median(float8) (SFUNC = array_append, STYPE = float8[],
  FINALFUNC = dbxfake.dbx_median_ff, INITCOND = '{}');
-- sum of integers is BIGINT (overflow is an error), avg of integers and doubles is DOUBLE, as in Spark.
CREATE OR REPLACE FUNCTION dbxfake.dbx_sum_sf(int8, int4) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + $2 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_sum_sf(int8, int2) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + $2 END';
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(int2) (SFUNC = dbxfake.dbx_sum_sf, STYPE = int8);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(int4) (SFUNC = dbxfake.dbx_sum_sf, STYPE = int8);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(int8) (SFUNC = pg_catalog.int8pl, STYPE = int8);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(numeric) (SFUNC = pg_catalog.numeric_add, STYPE = numeric);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(float8) (SFUNC = pg_catalog.float8pl, STYPE = float8);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_sum(interval) (SFUNC = pg_catalog.interval_pl, STYPE = interval);
CREATE OR REPLACE AGGREGATE dbxfake.dbx_avg(float8) (SFUNC = pg_catalog.float8_accum, STYPE = float8[],
  FINALFUNC = pg_catalog.float8_avg, INITCOND = '{0,0,0}');
CREATE OR REPLACE AGGREGATE dbxfake.dbx_avg(numeric) (SFUNC = pg_catalog.numeric_avg_accum, STYPE = internal,
  FINALFUNC = pg_catalog.numeric_avg);
-- The range(...) table-valued function: one BIGINT column id.
CREATE OR REPLACE FUNCTION dbxfake.dbx_range(int8) RETURNS TABLE (id int8) LANGUAGE sql IMMUTABLE
  AS 'SELECT generate_series(0, $1 - 1)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_range(int8, int8) RETURNS TABLE (id int8) LANGUAGE sql IMMUTABLE
  AS 'SELECT generate_series($1, $2 - 1)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_range(int8, int8, int8) RETURNS TABLE (id int8) LANGUAGE sql IMMUTABLE
  AS 'SELECT generate_series($1, $2 - sign($3)::int8, $3)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_regexp_replace(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT regexp_replace($1, $2, $3, ''g'')';
CREATE OR REPLACE FUNCTION dbxfake.dbx_round(numeric, int4 DEFAULT 0) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS 'SELECT round($1, $2)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_round(float8, int4 DEFAULT 0) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN $1 IN (''NaN'', ''Infinity'', ''-Infinity'') THEN $1 ELSE round($1::numeric, $2)::float8 END';
CREATE OR REPLACE FUNCTION dbxfake.dbx_round(int4, int4 DEFAULT 0) RETURNS int4 LANGUAGE sql IMMUTABLE
  AS 'SELECT round($1::numeric, $2)::int4';
CREATE OR REPLACE FUNCTION dbxfake.dbx_round(int8, int4 DEFAULT 0) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT round($1::numeric, $2)::int8';
CREATE OR REPLACE FUNCTION dbxfake.dbx_ceil(float8) RETURNS int8 LANGUAGE sql IMMUTABLE AS 'SELECT ceil($1)::int8';
CREATE OR REPLACE FUNCTION dbxfake.dbx_ceil(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT ceil($1)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_floor(float8) RETURNS int8 LANGUAGE sql IMMUTABLE AS 'SELECT floor($1)::int8';
CREATE OR REPLACE FUNCTION dbxfake.dbx_floor(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT floor($1)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_log2(float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT ln($1) / ln(2)';
CREATE OR REPLACE FUNCTION dbxfake.dbx_trunc(date, text) RETURNS date LANGUAGE sql IMMUTABLE
  AS 'SELECT date_trunc(lower($2), $1)::date';
CREATE OR REPLACE FUNCTION dbxfake.dbx_unix_timestamp(timestamptz) RETURNS int8 LANGUAGE sql IMMUTABLE
  AS 'SELECT floor(extract(epoch FROM $1))::int8';
CREATE OR REPLACE FUNCTION dbxfake.dbx_from_unixtime(int8) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT to_char(to_timestamp($1) AT TIME ZONE ''UTC'', ''YYYY-MM-DD HH24:MI:SS'')';
""" + "".join(
    "CREATE OR REPLACE FUNCTION dbxfake.dbx_%s(%s) RETURNS int4 LANGUAGE sql IMMUTABLE AS "
    "'SELECT %s::int4';\n" % (fn, typ, expr)
    for fn, expr in (("year", "extract(year FROM $1)"), ("month", "extract(month FROM $1)"),
                     ("day", "extract(day FROM $1)"), ("hour", "extract(hour FROM $1)"),
                     ("minute", "extract(minute FROM $1)"), ("second", "floor(extract(second FROM $1))"),
                     ("quarter", "extract(quarter FROM $1)"), ("dayofweek", "(extract(dow FROM $1) + 1)"),
                     ("dayofyear", "extract(doy FROM $1)"), ("weekofyear", "extract(week FROM $1)"))
    for typ in ("timestamptz", "timestamp", "date")) + "".join(
    "CREATE OR REPLACE FUNCTION dbxfake.dbx_extract(text, %s) RETURNS int4 LANGUAGE sql IMMUTABLE AS "
    "'SELECT CASE upper($1) WHEN ''DOW'' THEN extract(dow FROM $2) + 1 WHEN ''DAYOFWEEK'' THEN extract(dow FROM $2) + 1 "
    "WHEN ''DOW_ISO'' THEN extract(isodow FROM $2) WHEN ''DAYOFWEEK_ISO'' THEN extract(isodow FROM $2) "
    "WHEN ''YEAROFWEEK'' THEN extract(isoyear FROM $2) END::int4';\n" % typ
    for typ in ("timestamptz", "timestamp", "date")) + r"""
-- A double as Java's Double.toString prints it (what Databricks sends): 1.0, 1.0E7, 1.0E-4, -0.0, NaN, Infinity.
CREATE OR REPLACE FUNCTION dbxfake.dbx_java_double(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE neg boolean; m text; e int; digits text; ipart text; fpart text; v numeric;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  IF t IN ('NaN', 'Infinity', '-Infinity') THEN RETURN t; END IF;
  neg := left(t, 1) = '-';
  IF neg THEN t := substr(t, 2); END IF;
  IF t = '0' THEN RETURN CASE WHEN neg THEN '-0.0' ELSE '0.0' END; END IF;
  v := t::numeric;
  IF v >= 0.001 AND v < 10000000 THEN
    IF position('e' IN t) > 0 THEN t := v::text; END IF;
    IF position('.' IN t) = 0 THEN t := t || '.0'; END IF;
    RETURN CASE WHEN neg THEN '-' ELSE '' END || t;
  END IF;
  -- scientific: digits and the exponent of the first digit
  IF position('e' IN t) > 0 THEN
    m := split_part(t, 'e', 1); e := split_part(t, 'e', 2)::int;
  ELSE
    m := t; e := 0;
  END IF;
  ipart := split_part(m, '.', 1); fpart := split_part(m, '.', 2);
  digits := ipart || fpart;
  e := e + length(ipart) - 1;
  WHILE left(digits, 1) = '0' AND length(digits) > 1 LOOP digits := substr(digits, 2); e := e - 1; END LOOP;
  digits := rtrim(digits, '0');
  IF digits = '' THEN digits := '0'; END IF;
  RETURN CASE WHEN neg THEN '-' ELSE '' END || left(digits, 1) || '.' ||
         CASE WHEN length(digits) > 1 THEN substr(digits, 2) ELSE '0' END || 'E' || e;
END $f$;
-- Spark's string form of a day-time interval.
CREATE OR REPLACE FUNCTION dbxfake.dbx_interval_text(i interval) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT 'INTERVAL ''' || CASE WHEN s < 0 THEN '-' ELSE '' END ||
    (floor(abs(s) / 86400))::bigint || ' ' || to_char(make_interval(secs => abs(s) - floor(abs(s) / 86400) * 86400),
    'HH24:MI:SS') || CASE WHEN abs(s) - floor(abs(s)) > 0
      THEN rtrim(substr((abs(s) - floor(abs(s)))::text, 2), '0') ELSE '' END || ''' DAY TO SECOND'
  FROM (SELECT extract(epoch FROM justify_hours(i))::numeric AS s) x
$f$;
-- A value as DECIMAL(p, s) holds it: rounded to s digits, and NUMERIC_VALUE_OUT_OF_RANGE (22003) when it
-- needs more than p - s digits before the point; NaN and infinities are no DECIMAL.
CREATE OR REPLACE FUNCTION dbxfake.dbx_decimal(v numeric, p int, s int, pad boolean) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE r numeric;
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  IF v NOT IN ('NaN', 'Infinity', '-Infinity') THEN
    r := CASE WHEN pad OR scale(v) > s THEN round(v, s) ELSE v END;
    IF abs(r) < 10::numeric ^ (p - s) THEN RETURN r::text; END IF;
  END IF;
  RAISE EXCEPTION USING ERRCODE = '22003', MESSAGE = format('[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] %s cannot '
    'be represented as Decimal(%s, %s). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, '
    'and return NULL instead. SQLSTATE: 22003', v, p, s);
END $f$;
CREATE OR REPLACE FUNCTION dbxfake.row_count(regclass) RETURNS bigint LANGUAGE plpgsql AS
  'DECLARE n bigint; BEGIN EXECUTE ''SELECT count(*) FROM '' || $1 INTO n; RETURN n; END';
"""


def decode_string(tok):
    """A Spark string literal's value: backslash escapes on, either quote."""
    body, out, i = tok[1:-1], [], 0
    esc = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "0": "\0", "Z": "\x1a", "\\": "\\", "'": "'", '"': '"',
           "%": "\\%", "_": "\\_"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", body[i + 2:i + 6]):
                out.append(chr(int(body[i + 2:i + 6], 16))); i += 6; continue
            if n in "01234567" and re.fullmatch(r"[0-3][0-7][0-7]", body[i + 1:i + 4]):
                out.append(chr(int(body[i + 1:i + 4], 8))); i += 4; continue
            out.append(esc.get(n, n)); i += 2; continue  # an unknown escape drops the backslash
        out.append(c); i += 1
    return "".join(out)


def pg_string(s):
    if "\0" in s:
        raise SqlError("INVALID_PARAMETER_VALUE", "22023", "A string literal contains a NUL character.")
    return pg_literal(s)


class Translator(TranslatorBase):
    def __init__(self, fake, catalog, schema, params):
        super().__init__()
        self.fake, self.catalog, self.schema, self.params = fake, catalog, schema, params
        self.alias_case, self.ctes, self.used_params, self.close_suffix = {}, set(), set(), {}

    def allow_offset(self, toks, i):
        """OFFSET n without LIMIT is Databricks SQL (DBR 11.3+): ... ORDER BY name OFFSET 3."""
        return True

    # -- names ---------------------------------------------------------------
    def name_of(self, tok):
        return tok.text[1:-1].replace("``", "`") if tok.kind == "bid" else tok.text

    def table(self, parts):
        low = [p.lower() for p in parts]
        if len(low) == 1 and low[0] in self.ctes:
            return pg_ident(low[0])
        cat, sch = self.catalog, self.schema
        if len(low) == 3:
            cat, sch, tb = low
        elif len(low) == 2:
            sch, tb = low
        elif len(low) == 1:
            tb = low[0]
        else:
            raise syntax_error("'.'")
        if cat != self.fake.catalog:
            raise not_found(bq(*(parts if len(parts) == 3 else [cat] + parts)))
        if sch == "information_schema" and tb in ("tables", "columns", "schemata"):
            self.tables.append((HELPER, "is_" + tb))
            return "%s.%s" % (HELPER, pg_ident("is_" + tb))
        real = self.fake.resolve(sch, tb)
        if real is None:
            raise not_found(bq(cat, sch, tb))
        self.tables.append(real)
        return self.fake.table_sql(*real)

    def param(self, tok):
        name = tok.text[1:]
        p = self.params.get(name)
        if p is None:
            raise SqlError("UNBOUND_SQL_PARAMETER", "42P02", "Found the unbound parameter: %s. Please, fix `args` "
                           "and provide a mapping of the parameter to either a SQL literal or collection constructor "
                           "functions such as `map()`, `array()`, `struct()`." % name)
        self.used_params.add(name)
        return p

    def read_type(self, toks, i):
        """A Spark type name at toks[i]: (PostgreSQL type, index after it)."""
        tok = toks[i]
        up = tok.up if tok.kind in ("ident", "bid") else None
        if up not in TYPE_MAP:
            raise SqlError("UNSUPPORTED_DATATYPE", "0A000", "Unsupported data type \"%s\"." % tok.text.upper())
        pgt, j = TYPE_MAP[up], i + 1
        if j < len(toks) and toks[j].text == "(":
            k = j
            while k < len(toks) and toks[k].text != ")":
                k += 1
            args = [t.text for t in toks[j + 1:k] if t.text != ","]
            if pgt == "numeric":
                if not all(a.isdigit() for a in args) or not 1 <= len(args) <= 2 or int(args[0]) > 38 or \
                        int(args[0]) < 1 or (len(args) == 2 and int(args[1]) > int(args[0])):
                    raise SqlError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION" if args and args[0].isdigit() and
                                   int(args[0]) > 38 else "INVALID_DECIMAL_TYPE", "22003" if args and
                                   args[0].isdigit() and int(args[0]) > 38 else "42K09",
                                   "Invalid decimal type (%s)." % ",".join(args))
                pgt = "numeric(%s)" % ",".join(args)
            elif up not in ("VARCHAR", "CHAR"):
                raise syntax_error("'('")
            j = k + 1
        elif up in ("DECIMAL", "DEC", "NUMERIC"):
            pgt = "numeric(10,0)"
        elif up in ("VARCHAR", "CHAR"):
            raise SqlError("DATATYPE_MISSING_SIZE", "42K01", "DataType \"%s\" requires a length parameter, for "
                           "example \"%s\"(10). Please specify the length." % (up.lower(), up.lower()))
        return pgt, j

    # -- the translation -----------------------------------------------------
    def translate(self, sql):
        toks = [t for t in tokenize(sql)]
        while toks and toks[-1].text == ";":
            toks.pop()
        if any(t.text == ";" for t in toks):
            raise syntax_error("';'")
        # CTE names: WITH name AS ( ... ), name AS ( ... )
        for k, t in enumerate(toks):
            if t.kind in ("ident", "bid") and k + 2 < len(toks) and toks[k + 1].up == "AS" and \
                    toks[k + 2].text == "(" and k > 0 and (toks[k - 1].up == "WITH" or toks[k - 1].text == ","):
                self.ctes.add(self.name_of(t).lower())
        out, i, prev_kw, depth = [], 0, None, 0
        orders = []  # open ORDER BY lists: [depth, direction, nulls given]

        def end_item():
            o = orders[-1]
            if not o[2]:
                out.append("NULLS LAST" if o[1] == "DESC" else "NULLS FIRST")
            o[1], o[2] = None, False

        semis = []  # open LEFT SEMI/ANTI JOINs: [depth, ON seen]
        derived = []  # depths of open derived tables (FROM ( ... ))

        def end_semi():
            out.append(")) AS _semi%d" % len(semis))
            semis.pop()

        while i < len(toks):
            tok = toks[i]
            kind, text, up = tok.kind, tok.text, tok.up
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            # The end of a semi/anti join's condition.
            if semis and semis[-1][1] and depth == semis[-1][0] and (text in (",", ")") or (kind == "ident" and up in (
                    "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "SEMI", "ANTI", "WHERE", "GROUP",
                    "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "MINUS", "WINDOW",
                    "QUALIFY"))):
                end_semi()
            # [LEFT] SEMI JOIN t ON c -> CROSS JOIN LATERAL (SELECT 1 WHERE EXISTS (SELECT 1 FROM t WHERE c)) AS _semiN
            if kind == "ident" and (up in ("SEMI", "ANTI") or (up == "LEFT" and nxt is not None and nxt.up in (
                    "SEMI", "ANTI"))):
                j = i + 1 if up == "LEFT" else i
                if j + 1 >= len(toks) or toks[j + 1].up != "JOIN":
                    raise syntax_error("'%s'" % toks[j].text)
                out.append("CROSS JOIN LATERAL ( SELECT 1 WHERE %sEXISTS ( SELECT 1 FROM" %
                           ("NOT " if toks[j].up == "ANTI" else ""))
                semis.append([depth, False])
                prev_kw = "FROM"
                i = j + 2
                continue
            if kind == "ident" and up == "ON" and semis and depth == semis[-1][0] and not semis[-1][1]:
                semis[-1][1] = True
                out.append("WHERE")
                prev_kw = None
                i += 1
                continue
            # The end of an ORDER BY item or list.
            if orders and depth == orders[-1][0] and (text == "," or up in (
                    "LIMIT", "OFFSET", "ROWS", "RANGE", "UNION", "EXCEPT", "INTERSECT", "MINUS", "WINDOW")):
                end_item()
                if text != ",":
                    orders.pop()
            if orders and text == ")" and depth == orders[-1][0]:
                end_item()
                orders.pop()
            if kind == "str":
                s = decode_string(text)
                while nxt is not None and nxt.kind == "str":  # 'a' 'b' is 'ab'
                    i += 1
                    s += decode_string(nxt.text)
                    nxt = toks[i + 1] if i + 1 < len(toks) else None
                out.append(pg_string(s))
                prev_kw = None
                i += 1
                continue
            if kind == "hex":
                h = text[2:-1]
                if len(h) % 2 or not re.fullmatch(r"[0-9A-Fa-f]*", h):
                    raise SqlError("INVALID_TYPED_LITERAL", "42604", "The value of the typed literal \"X\" is "
                                   "invalid: '%s'." % h)
                out.append("'\\x%s'::bytea" % h)
            elif kind == "num":
                m = re.fullmatch(r"([0-9.]+(?:[eE][+-]?\d+)?)(BD|[LSYDF])?", text, re.I)
                v, suf = m.group(1), (m.group(2) or "").upper()
                if suf in ("L", "S", "Y") and not re.fullmatch(r"\d+", v):
                    raise syntax_error("'%s'" % text)
                pgt = {"L": "int8", "S": "int2", "Y": "int2", "D": "float8", "F": "float4", "BD": "numeric"}.get(suf)
                if pgt is None and re.search(r"[eE]", v):
                    pgt = "float8"  # 1e10 is a DOUBLE in Spark
                out.append("%s::%s" % (v, pgt) if pgt else v)
            elif kind == "param":
                out.append(self.param(tok))
            elif kind == "qmark":
                self.positional += 1
                raise SqlError("UNBOUND_SQL_PARAMETER", "42P02", "Found the unbound parameter: _%d. Please, fix "
                               "`args` and provide a mapping of the parameter to either a SQL literal or collection "
                               "constructor functions such as `map()`, `array()`, `struct()`." % tok.pos)
            elif kind in ("ident", "bid") and prev_kw == "TYPE":
                pgt, j = self.read_type(toks, i)
                intf = INT_CASTS.get(pgt)
                if intf and out and out[-1] == "AS":
                    # CAST(x AS INT) -> dbx_to_int4(x): Spark truncates
                    d, k = 0, len(out) - 2
                    while k >= 0:
                        if out[k] == ")":
                            d += 1
                        elif out[k] == "(":
                            if d == 0:
                                break
                            d -= 1
                        k -= 1
                    out[k - 1] = intf
                    out.pop()
                else:
                    out.append(pgt)
                prev_kw = None
                i = j
                continue
            elif kind == "ident" and nxt is not None and nxt.kind == "str" and up not in KEYWORDS:
                lit = {"DATE": "DATE", "TIMESTAMP": "TIMESTAMPTZ", "TIMESTAMP_LTZ": "TIMESTAMPTZ",
                       "TIMESTAMP_NTZ": "TIMESTAMP"}.get(up)
                if lit is None:
                    raise SqlError("UNSUPPORTED_TYPED_LITERAL", "0A000", "Literals of the type \"%s\" are not "
                                   "supported. Supported types are \"DATE\", \"TIMESTAMP_NTZ\", \"TIMESTAMP_LTZ\", "
                                   "\"TIMESTAMP\", \"INTERVAL\", \"X\"." % up)
                out.append("%s %s" % (lit, pg_string(decode_string(nxt.text))))
                i += 2
                prev_kw = None
                continue
            elif kind in ("ident", "bid") and not (kind == "ident" and (up in KEYWORDS or (
                    nxt is not None and nxt.text == "("))):
                parts, j = [self.name_of(tok)], i
                while j + 2 < len(toks) and toks[j + 1].text == "." and toks[j + 2].kind in ("ident", "bid"):
                    j += 2
                    parts.append(self.name_of(toks[j]))
                if prev_kw in ("FROM", "JOIN"):
                    out.append(self.table(parts))
                    after = toks[j + 1] if j + 1 < len(toks) else None
                    aliased = after is not None and (after.kind == "bid" or (after.kind == "ident" and (
                        after.up == "AS" or after.up not in KEYWORDS)))
                    if out[-1].startswith("(") and not aliased:
                        out.append("AS " + pg_ident(parts[-1].lower()))
                else:
                    if out and out[-1] == "AS" and len(parts) == 1 and not self.in_from(out):
                        self.alias_case[parts[0].lower()] = parts[0]
                    self.columns.add(parts[-1].lower())
                    out.append(".".join(pg_ident(p.lower()) for p in parts))
                i = j + 1
                prev_kw = None
                continue
            elif kind == "ident":
                self.check_offset(tok, toks, i, syntax_error("'OFFSET'"))
                if up in ("FETCH", "ONLY", "RETURNING") or (up == "ON" and out and out[-1] == "DISTINCT"):
                    raise syntax_error("'%s'" % text)
                if nxt is not None and nxt.text == "(" and (up not in KEYWORDS or up in (
                        "CAST", "TRY_CAST", "EXTRACT", "LEFT", "RIGHT", "IF", "ANY", "SOME", "RANGE")):
                    low = text.lower()
                    if low in ("current_date", "current_timestamp", "now") and i + 2 < len(toks) and \
                            toks[i + 2].text == ")":
                        out.append("CURRENT_DATE" if low == "current_date" else "CURRENT_TIMESTAMP")
                        i += 3
                        prev_kw = None
                        continue
                    if up == "EXTRACT" and i + 3 < len(toks) and toks[i + 2].up in SPARK_ONLY_FIELDS and \
                            toks[i + 3].up == "FROM":
                        # Spark's DOW is 1 = Sunday .. 7 (PostgreSQL's 0 .. 6); DOW_ISO, YEAROFWEEK are
                        # PostgreSQL's isodow, isoyear
                        out.extend(["dbx_extract", "(", pg_string(toks[i + 2].up), ","])
                        depth += 1
                        prev_kw = None
                        i += 4
                        continue
                    if up == "EXTRACT" and i + 2 < len(toks):
                        # Spark's EXTRACT is an INT (SECOND: DECIMAL(8,6)); PostgreSQL's a numeric.
                        d, k = 0, i + 1
                        while k < len(toks):
                            d += {"(": 1, ")": -1}.get(toks[k].text, 0)
                            if d == 0:
                                break
                            k += 1
                        self.close_suffix[k] = "::numeric(8,6)" if toks[i + 2].up == "SECOND" else "::int4"
                        out.append("EXTRACT")
                        prev_kw = None
                        i += 1
                        continue
                    if up in KEYWORDS and up not in ("LEFT", "RIGHT", "IF", "ANY", "SOME", "RANGE"):
                        out.append(up)
                        if up in ("CAST", "TRY_CAST"):
                            out[-1] = "CAST"  # TRY_CAST: errors instead of NULL (not emulated)
                    elif low in FUNC_MAP:
                        out.append(FUNC_MAP[low])
                    elif low in SAME_FUNCS:
                        out.append(low)
                    else:
                        raise SqlError("UNRESOLVED_ROUTINE", "42883", "Cannot resolve routine %s on search path "
                                       "[`system`.`builtin`, `system`.`session`, `%s`.`%s`]." %
                                       (bq(text), self.catalog, self.schema))
                    prev_kw = None
                    i += 1
                    continue
                if up == "DIV":
                    out.append("//")
                elif up in ("RLIKE", "REGEXP"):
                    if out and out[-1] == "NOT":
                        out[-1] = "!~"
                    else:
                        out.append("~")
                elif up in ("CURRENT_DATE", "CURRENT_TIMESTAMP"):
                    out.append(up)
                else:
                    out.append(up)
                if up in ("ASC", "DESC") and orders and depth == orders[-1][0]:
                    orders[-1][1] = up
                if up == "NULLS" and orders and depth == orders[-1][0]:
                    orders[-1][2] = True
                if up == "BY" and len(out) >= 2 and out[-2] == "ORDER":
                    orders.append([depth, None, False])
                prev_kw = "TYPE" if up == "AS" and self.in_cast(out) else self.keyword_state(up, out)
                i += 1
                continue
            elif kind == "op":
                if text == "::":
                    out.append("::")
                    prev_kw = "TYPE"
                    i += 1
                    continue
                if text == "<=>":
                    out.append("IS NOT DISTINCT FROM")
                elif text == "==":
                    out.append("=")
                elif text == "*":
                    self.note_star(out)
                    out.append(text)
                elif text in ("~", "!", "^", "&", "|", "[", "]", "->"):
                    raise syntax_error("'%s'" % text)
                else:
                    out.append(text)
                if text == "(":
                    if prev_kw in ("FROM", "JOIN") and nxt is not None and nxt.up in ("SELECT", "WITH", "VALUES",
                                                                                     "FROM", "TABLE"):
                        derived.append(depth)  # a subquery (not a parenthesized join)
                    depth += 1
                elif text == ")":
                    depth -= 1
                    if i in self.close_suffix:
                        out.append(self.close_suffix[i])
                    if derived and derived[-1] == depth:
                        derived.pop()
                        # Spark names an unaliased derived table itself; PostgreSQL 15 wants an alias.
                        if nxt is None or not (nxt.kind == "bid" or (nxt.kind == "ident" and (
                                nxt.up == "AS" or nxt.up not in KEYWORDS))):
                            out.append("AS __auto_generated_subquery_name_%d" % i)
            else:
                out.append(text)
            prev_kw = self.after_punct(text, prev_kw, out)
            i += 1
        while orders:
            end_item()
            orders.pop()
        while semis:
            end_semi()
        return " ".join(out)


# ---------------------------------------------------------------------------
# Types: PostgreSQL column types -> Databricks (type_name, type_text, precision, scale, PG encoding)

INT_TYPES = {20: ("LONG", "BIGINT"), 23: ("INT", "INT"), 21: ("SHORT", "SMALLINT"), 26: ("LONG", "BIGINT")}
SIMPLE = {701: ("DOUBLE", "DOUBLE"), 700: ("FLOAT", "FLOAT"), 16: ("BOOLEAN", "BOOLEAN"), 17: ("BINARY", "BINARY"),
          1082: ("DATE", "DATE"), 1184: ("TIMESTAMP", "TIMESTAMP"), 1114: ("TIMESTAMP_NTZ", "TIMESTAMP_NTZ"),
          1186: ("INTERVAL", "INTERVAL DAY TO SECOND"), 25: ("STRING", "STRING"), 1043: ("STRING", "STRING"),
          1042: ("STRING", "STRING"), 19: ("STRING", "STRING"), 705: ("STRING", "STRING")}
ELEM_TEXT = {"LONG": "BIGINT", "SHORT": "SMALLINT"}


def encode(expr, col):
    """SQL giving the JSON_ARRAY string of a value of column type col."""
    t = col["type_name"]
    if t == "CHAR":  # Spark pads CHAR(n) values to n characters when it reads them
        return "rpad((%s)::text, %d)" % (expr, int(re.search(r"\d+", col["type_text"]).group()))
    if t in ("INT", "LONG", "SHORT", "BYTE", "STRING"):
        return "(%s)::text" % expr
    if t == "DECIMAL" and col.get("free"):
        # scale set afterwards, from the values: rounded to at most 38 digits, at most 38 before the point
        return "dbxfake.dbx_decimal(%s, 76, 38, false)" % expr
    if t == "DECIMAL" and col.get("check"):  # a type derived here, not declared: the values may not fit
        return "dbxfake.dbx_decimal(%s, %d, %d, true)" % (expr, col["type_precision"], col["type_scale"])
    if t == "DECIMAL":
        return "round(%s, %d)::text" % (expr, col["type_scale"])
    if t in ("DOUBLE", "FLOAT"):  # the common plain range inline, the rest by the helper
        return ("CASE WHEN abs({e}) >= 0.001 AND abs({e}) < 10000000 THEN CASE WHEN strpos(({e})::text, '.') > 0 "
                "THEN ({e})::text ELSE ({e})::text || '.0' END ELSE dbxfake.dbx_java_double(({e})::text) END"
                ).format(e=expr)
    if t == "BOOLEAN":
        return "CASE WHEN {e} THEN 'true' WHEN NOT {e} THEN 'false' END".format(e=expr)
    if t == "BINARY":
        return "translate(encode(%s, 'base64'), E'\\n', '')" % expr
    if t == "DATE":
        return "(%s)::text" % expr
    if t in ("TIMESTAMP", "TIMESTAMP_NTZ"):
        e = "(%s) AT TIME ZONE 'UTC'" % expr if t == "TIMESTAMP" else "(%s)" % expr
        return "regexp_replace(to_char(%s, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '\\.?0+$', '')%s" % (
            e, " || 'Z'" if t == "TIMESTAMP" else "")
    if t == "INTERVAL":
        return "dbxfake.dbx_interval_text(%s)" % expr
    if t in ("ARRAY", "MAP", "STRUCT"):
        return "to_json(%s)::text" % expr
    return "(%s)::text" % expr


class Fake(FakeBase):
    STATS = {"requests": 0, "statements": 0, "polls": 0, "chunk_fetches": 0, "chunks_fetched": [],
             "max_parallel_chunk_fetches": 0, "cancels": 0, "canceled": [], "token_requests": 0,
             "tokens_issued": 0, "auth_failures": 0, "explains": 0, "failed": 0, "last_statement": None,
             "last_statement_id": None}
    RESET_STATS = tuple(STATS)
    SESSION_SQL = session_sql(HELPER, 1) + "; SET search_path = %s, pg_catalog" % HELPER

    def __init__(self, args):
        super().__init__(args)
        self.catalog = args.catalog.lower()
        self.statements, self.oauth_tokens = {}, {}
        self.type_cache, self.table_cache, self.view_decimals = {}, {}, {}
        self.result_cache = {} if args.result_cache else None
        self.pool = ThreadPoolExecutor(max_workers=args.workers)
        self.inflight_chunks = 0
        with self.conn().cursor() as cur:
            cur.execute(HELPERS)
            cur.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            coll = cur.fetchone()[0]
            if coll not in ("C", "POSIX", "C.UTF-8", "C.utf8"):
                sys.stderr.write("databricks fake: database collation %s is not bytewise; string comparisons "
                                 "will differ from Databricks'\n" % coll)
        self.refresh_catalog()

    def reset(self):
        super().reset()
        if self.result_cache is not None:
            self.result_cache.clear()
        self.refresh_catalog()

    # -- catalog ---------------------------------------------------------------
    def resolve(self, sch, tb):
        """(schema, table) of PostgreSQL, matched case-insensitively as Unity Catalog does; or None."""
        key = ("rel", sch, tb)
        if key not in self.table_cache:
            with self.conn().cursor() as cur:
                cur.execute("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE lower(n.nspname) = %s AND lower(c.relname) = %s AND c.relkind IN ('r','v','m','p','f') "
                            "AND n.nspname NOT IN ('pg_catalog', 'information_schema', %s) "
                            "ORDER BY n.nspname = %s DESC, c.relname = %s DESC LIMIT 1", (sch, tb, HELPER, sch, tb))
                self.table_cache[key] = cur.fetchone()
        return self.table_cache[key]

    def schema_exists(self, sch):
        with self.conn().cursor() as cur:
            cur.execute("SELECT 1 FROM pg_namespace WHERE lower(nspname) = %s AND nspname NOT LIKE 'pg\\_%%' "
                        "AND nspname NOT IN (%s)", (sch.lower(), HELPER))
            return cur.fetchone() is not None or sch.lower() == "information_schema"

    def table_sql(self, sch, tb):
        """A table as Databricks would have it: lower-case column names (resolution is case-insensitive), and
        columns of types Databricks lacks (enums, tsvector, time, uuid, json, ...) read as STRING."""
        key = ("sql", sch, tb)
        if key not in self.table_cache:
            cur = self.conn().cursor()
            cur.execute("SELECT a.attname, a.atttypid, a.atttypmod, coalesce(CASE WHEN c.collname = 'default' THEN "
                        "(SELECT datcollate FROM pg_database WHERE datname = current_database()) ELSE c.collname END, "
                        "'C') FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation "
                        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                        (pg_ident(sch) + "." + pg_ident(tb),))
            cols, wrap = [], False
            for name, typ, mod, coll in cur.fetchall():
                t = self.dbx_type(typ, mod)
                expr = pg_ident(name)
                if t.get("as_text"):
                    expr, wrap = "%s::text" % expr, True
                if t["type_name"] == "STRING" and coll not in ("C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"):
                    expr, wrap = '%s COLLATE "C"' % expr, True  # Databricks compares strings by their bytes
                if name != name.lower():
                    wrap = True
                cols.append("%s AS %s" % (expr, pg_ident(name.lower())))
            ref = pg_ident(sch) + "." + pg_ident(tb)
            self.table_cache[key] = "(SELECT %s FROM %s)" % (", ".join(cols), ref) if wrap else ref
        return self.table_cache[key]

    def dbx_type(self, typoid, typmod):
        """The Databricks column description of a PostgreSQL type: type_name, type_text, full (lower-case
        full_data_type), precision/scale; as_text when the value is read as text."""
        key = (typoid, typmod)
        if key in self.type_cache:
            return dict(self.type_cache[key])
        cur = self.conn().cursor()
        cur.execute("SELECT typtype, typelem, typbasetype, typtypmod, typname, typcategory FROM pg_type WHERE oid = %s",
                    (typoid,))
        row = cur.fetchone()
        col = {"type_name": "STRING", "type_text": "STRING"}
        if row is None:
            pass
        else:
            typtype, typelem, basetype, basemod, tname, cat = row
            m = re.match(r"(?i)(array|map|struct)<", tname)
            if typtype == "d" and m:  # fixture domains named for the complex type they stand for
                col = {"type_name": m.group(1).upper(), "type_text": tname}
            elif typtype == "d":
                col = self.dbx_type(basetype, basemod)
            elif cat == "A" and typelem:
                el = self.dbx_type(typelem, -1)
                if el.get("as_text") or el["type_name"] in ("ARRAY", "MAP", "STRUCT", "INTERVAL"):
                    col = {"type_name": "STRING", "type_text": "STRING", "as_text": True}
                else:
                    col = {"type_name": "ARRAY", "type_text": "ARRAY<%s>" % el["type_text"]}
            elif typoid in INT_TYPES:
                col = {"type_name": INT_TYPES[typoid][0], "type_text": INT_TYPES[typoid][1]}
            elif typoid == 1700:
                # DECIMAL(p,s): p 1..38, s 0..p. An unconstrained numeric is Spark's default DECIMAL(38,18); a
                # typmod beyond DECIMAL (numeric(1000,501), a negative scale) the nearest DECIMAL, its values
                # rounded and checked (a table with one is refused: see refresh_catalog).
                ps = numeric_typmod(typmod) or (38, 18)
                p, s = ps
                if not (p <= 38 and 0 <= s <= p):  # Spark's DecimalType.adjustPrecisionScale: the digits
                    p, s = 38, max(0, min(s, max(38 - max(p - s, 0), min(s, 6))))  # before the point first
                    col = {"unrepresentable": ps}
                else:
                    col = {}
                col.update({"type_name": "DECIMAL", "type_text": "DECIMAL(%d,%d)" % (p, s), "type_precision": p,
                            "type_scale": s})
            elif typoid == 1042 and typmod > 4:  # character(n): Databricks' CHAR(n), padded when read
                col = {"type_name": "CHAR", "type_text": "CHAR(%d)" % (typmod - 4)}
            elif typoid in SIMPLE:
                col = {"type_name": SIMPLE[typoid][0], "type_text": SIMPLE[typoid][1]}
            else:
                col = {"type_name": "STRING", "type_text": "STRING", "as_text": True}
        col["full"] = col["type_text"].lower()
        self.type_cache[key] = col
        return dict(col)

    def refresh_catalog(self):
        """INFORMATION_SCHEMA.TABLES / COLUMNS / SCHEMATA as tables, in Databricks' shape."""
        self.type_cache.clear()
        self.table_cache.clear()
        cur = self.conn().cursor()
        cur.execute("""
          SELECT n.nspname, c.relname, c.relkind, c.oid, obj_description(c.oid, 'pg_class')
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r','v','m','p','f') AND n.nspname NOT LIKE 'pg\\_%%'
            AND n.nspname NOT IN ('information_schema', %s) AND NOT c.relispartition ORDER BY 1, 2""", (HELPER,))
        tables, columns, schemas, bad = [], [], set(), []
        for sch, tb, kind, oid, comment in cur.fetchall():
            schemas.add(sch)
            tables.append((self.catalog, sch, tb, "VIEW" if kind in ("v", "m") else
                           ("EXTERNAL" if kind == "f" else "MANAGED"), None if kind in ("v", "m") else "DELTA",
                           comment))
            cur.execute("SELECT a.attname, a.attnum, a.attnotnull, a.atttypid, a.atttypmod, "
                        "col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = %s "
                        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", (oid,))
            for name, num, notnull, typ, mod, cdesc in cur.fetchall():
                if typ == 1700 and mod < 4 and kind in ("v", "m"):
                    # A view's computed decimal (sum(amount)): Databricks derives its type from the expression
                    # (sum of DECIMAL(5,2) is DECIMAL(15,2)); PostgreSQL only keeps the scale in the values. A
                    # view that fails when run (division by zero) is described without running it: Spark's
                    # default DECIMAL(38,18).
                    try:
                        cur.execute("SELECT coalesce(max(scale(%s)), 0) FROM %s.%s" % (pg_ident(name), pg_ident(sch),
                                                                                       pg_ident(tb)))
                        sc = min(cur.fetchone()[0], 38)
                    except psycopg2.Error:
                        sc = 18
                    mod = ((38 << 16) | sc) + 4
                    self.view_decimals[(sch, tb, name)] = mod
                t = self.dbx_type(typ, mod)
                if t.get("unrepresentable") and kind not in ("v", "m"):
                    bad.append("%s.%s.%s DECIMAL(%d,%d)" % ((sch, tb, name) + t["unrepresentable"]))
                dtype = {"LONG": "BIGINT", "SHORT": "SMALLINT", "BYTE": "TINYINT"}.get(t["type_name"], t["type_name"])
                # Base-2 types: the number of bits; DECIMAL: digits.
                prec = t.get("type_precision") or {"INT": 32, "LONG": 64, "SHORT": 16, "DOUBLE": 53,
                                                   "FLOAT": 24}.get(t["type_name"])
                radix = 10 if t["type_name"] == "DECIMAL" else (
                    2 if t["type_name"] in ("INT", "LONG", "SHORT", "DOUBLE", "FLOAT") else None)
                scale = t.get("type_scale", 0 if t["type_name"] in ("INT", "LONG", "SHORT") else None)
                columns.append((self.catalog, sch, tb, name, num, "NO" if notnull else "YES", dtype,
                                t["full"], prec, radix, scale, cdesc))
        if bad:
            raise FixtureError("tables with columns no Databricks DECIMAL can hold (precision <= 38, scale 0.."
                               "precision): " + ", ".join(bad))
        cur.execute("""
          DROP TABLE IF EXISTS dbxfake.is_tables, dbxfake.is_columns, dbxfake.is_schemata;
          CREATE TABLE dbxfake.is_tables (table_catalog text, table_schema text, table_name text, table_type text,
            data_source_format text, comment text);
          CREATE TABLE dbxfake.is_columns (table_catalog text, table_schema text, table_name text, column_name text,
            ordinal_position int4, is_nullable text, data_type text, full_data_type text, numeric_precision int4,
            numeric_precision_radix int4, numeric_scale int4, comment text);
          CREATE TABLE dbxfake.is_schemata (catalog_name text, schema_name text, comment text);""")
        if tables:
            cur.execute("INSERT INTO dbxfake.is_tables VALUES " + ",".join(["%s"] * len(tables)), tables)
        if columns:
            cur.execute("INSERT INTO dbxfake.is_columns VALUES " + ",".join(["%s"] * len(columns)), columns)
        for s in sorted(schemas | {"information_schema"}):
            cur.execute("INSERT INTO dbxfake.is_schemata VALUES (%s, %s, NULL)", (self.catalog, s))

    # -- parameters ------------------------------------------------------------
    def bind_params(self, params):
        """{name: typed PostgreSQL literal} of the request's parameters (HTTP 400 when malformed)."""
        out = {}
        if params is None:
            return out
        if not isinstance(params, list):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "parameters must be a list")
        for p in params:
            if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"]:
                raise ApiError(400, "INVALID_PARAMETER_VALUE", "Parameter name must be a non-empty string.")
            name, typ, val = p["name"], p.get("type") or "STRING", p.get("value")
            if val is not None and not isinstance(val, str):
                raise ApiError(400, "INVALID_PARAMETER_VALUE", "Parameter %s: value must be a string." % name)
            m = re.fullmatch(r"\s*([A-Za-z_]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*", typ)
            base = m.group(1).upper() if m else None
            if base not in TYPE_MAP or base in ("VOID",):
                raise ApiError(400, "INVALID_PARAMETER_VALUE", "Parameter %s: unsupported type '%s'." % (name, typ))
            pgt = TYPE_MAP[base]
            if pgt == "numeric":
                pgt = "numeric(%s,%s)" % (m.group(2) or 10, m.group(3) or 0) if m.group(2) else "numeric(10,0)"
            if name in out:
                raise ApiError(400, "INVALID_PARAMETER_VALUE", "Parameter %s is given twice." % name)
            if val is None:
                out[name] = "CAST(NULL AS %s)" % pgt
            elif base == "BINARY":
                out[name] = "CAST(%s AS text)::bytea" % pg_string(val)
            else:
                out[name] = "CAST(%s AS %s)" % (pg_string(val), pgt)
        return out

    # -- statements ------------------------------------------------------------
    def run(self, st):
        """Runs statement st on a worker (its PostgreSQL connection can be cancelled)."""
        try:
            with self.lock:
                if st["state"] == "CANCELED":
                    return
                st["state"] = "RUNNING"
            conn = self.conn()
            st["conn"] = conn
            if st.get("fail"):
                f = st["fail"]
                raise SqlError(None, f.get("sql_state", "XX000"), f.get("message", "[INTERNAL_ERROR] Injected "
                               "failure. SQLSTATE: XX000"), error_code=f.get("error_code", "INTERNAL_ERROR"))
            key = (st["statement"], st["catalog"], st["schema"], tuple(sorted(st["params"].items())),
                   st["row_limit"])
            cached = self.result_cache.get(key) if self.result_cache is not None else None
            if cached is not None:  # Databricks SQL's query result cache: the same rows again
                cols, rows, truncated = cached
                st["truncated"] = truncated
            else:
                cols, rows = self.execute(st, conn)
                if self.result_cache is not None:
                    self.result_cache[key] = (cols, rows, st["truncated"])
            with self.lock:
                st.update(columns=cols, rows=rows)
                if st["state"] != "CANCELED":
                    st["state"] = "SUCCEEDED"
        except SqlError as e:
            with self.lock:
                if st["state"] != "CANCELED":
                    st.update(state="FAILED", error=e)
                    self.stats["failed"] += 1
        except psycopg2.Error as e:
            with self.lock:
                if st["state"] != "CANCELED":
                    st.update(state="CANCELED" if e.pgcode == "57014" else "FAILED", error=map_pg_error(e))
                    if st["state"] == "FAILED":
                        self.stats["failed"] += 1
        except Exception as e:  # never leave a statement RUNNING
            with self.lock:
                st.update(state="FAILED", error=SqlError("INTERNAL_ERROR", "XX000", "%s: %s" % (type(e).__name__, e),
                                                         error_code="INTERNAL_ERROR"))
        finally:
            st["conn"] = None
            st["done"].set()

    def execute(self, st, conn):
        text = re.sub(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)+", "", st["statement"], flags=re.S)
        m = re.match(r"(?is)\s*EXPLAIN\s+(COST\s+|EXTENDED\s+|FORMATTED\s+)?(.*)$", text)
        if m:
            with self.lock:
                self.stats["explains"] += 1
            return self.explain(st, m.group(2), (m.group(1) or "").strip().upper(), conn)
        ms = re.match(r"(?is)\s*SET\s+TIME\s+ZONE\s+(.*?)\s*;?\s*$", text)
        if ms:
            v = ms.group(1)
            tz = "UTC" if v.upper() == "LOCAL" else (decode_string(v) if v[:1] in "'\"" else v)
            return ([{"name": "key", "position": 0, "type_name": "STRING", "type_text": "STRING"},
                     {"name": "value", "position": 1, "type_name": "STRING", "type_text": "STRING"}],
                    [json.dumps(["spark.sql.session.timeZone", tz])])
        first = re.match(r"\s*\(*\s*(\w*)", text).group(1).upper()
        if first not in ("SELECT", "WITH", "VALUES", "FROM", "TABLE"):
            if first in ("INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE", "USE", "SET",
                         "SHOW", "DESCRIBE", "DESC", "GRANT", "REVOKE", "OPTIMIZE", "VACUUM", "CACHE", "ANALYZE"):
                raise SqlError("UNSUPPORTED_FEATURE.FAKE", "0A000", "The local Databricks fake runs queries only, "
                               "not %s." % first)
            raise syntax_error("'%s'" % (first or text.strip()[:1] or "end of input"))
        pgsql, tr = self.translate(st, text)
        cur = conn.cursor()
        cur.execute("SELECT * FROM (%s) AS _q LIMIT 0" % pgsql)
        cols = self.columns_of(cur, tr)
        names = ", ".join("c%d" % i for i in range(len(cols)))
        encs = ", ".join(encode("_q.c%d" % i, c) for i, c in enumerate(cols))
        limit = " LIMIT %d" % (st["row_limit"] + 1) if st.get("row_limit") else ""
        cur.execute("SELECT json_build_array(%s)::text FROM (SELECT * FROM (%s) AS _i%s) AS _q(%s)"
                    % (encs, pgsql, limit, names))
        rows = [r[0] for r in cur.fetchall()]
        if any(c["type_name"] in ("MAP", "STRUCT") for c in cols):  # JSON text without jsonb's blanks
            idx = [i for i, c in enumerate(cols) if c["type_name"] in ("MAP", "STRUCT")]
            new = []
            for r in rows:
                v = json.loads(r)
                for i in idx:
                    if v[i] is not None:
                        v[i] = json.dumps(json.loads(v[i]), separators=(",", ":"), ensure_ascii=False)
                new.append(json.dumps(v, ensure_ascii=False))
            rows = new
        free = [i for i, c in enumerate(cols) if c.pop("free", False)]
        for c in cols:
            c.pop("check", None)
        if free and rows:
            vals = [json.loads(r) for r in rows]
            for i in free:
                sc = min(38, max((len(v[i].partition(".")[2]) for v in vals if v[i] is not None), default=0))
                for v in vals:  # DECIMAL(38, sc) holds 38 - sc digits before the point
                    if v[i] is not None and len(v[i].lstrip("-").partition(".")[0].lstrip("0")) > 38 - sc:
                        raise SqlError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "22003", "%s cannot be "
                                       "represented as Decimal(38, %d). If necessary set \"spark.sql.ansi.enabled\" "
                                       "to \"false\" to bypass this error, and return NULL instead." % (v[i], sc))
                cols[i].update(type_text="DECIMAL(38,%d)" % sc, type_scale=sc)
                for v in vals:
                    if v[i] is not None:
                        ip, _, fp = v[i].partition(".")
                        v[i] = ip + ("." + fp.ljust(sc, "0") if sc else "")
            rows = [json.dumps(v, ensure_ascii=False) for v in vals]
        elif free:
            for i in free:
                cols[i].update(type_text="DECIMAL(38,0)", type_scale=0)
        if st.get("row_limit") and len(rows) > st["row_limit"]:
            rows = rows[:st["row_limit"]]
            st["truncated"] = True
        return cols, rows

    def translate(self, st, text):
        tr = Translator(self, st["catalog"], st["schema"], st["params"])
        return tr.translate(text), tr

    def columns_of(self, cur, tr):
        cols = []
        for pos, d in enumerate(cur.description):
            typ, mod, derived = d.type_code, -1, False
            if d.table_oid:
                cur.execute("SELECT a.atttypid, a.atttypmod, n.nspname, c.relname, a.attname FROM pg_attribute a "
                            "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE a.attrelid = %s AND a.attnum = %s", (d.table_oid, d.table_column))
                r = cur.fetchone()
                if r:
                    typ, mod = r[0], self.view_decimals.get(tuple(r[2:]), r[1])
                    derived = tuple(r[2:]) in self.view_decimals
            elif typ == 1700 and d.precision is not None and d.scale is not None and 0 < d.precision <= 38 and \
                    d.scale <= d.precision:
                mod = ((d.precision << 16) | d.scale) + 4
            t = self.dbx_type(typ, mod)
            name = d.name[4:] if d.name.startswith("dbx_") and d.name not in tr.alias_case else d.name
            col = {"name": tr.alias_case.get(name, name), "position": pos, "type_name": t["type_name"],
                   "type_text": t["type_text"]}
            if t["type_name"] == "DECIMAL":
                col.update(type_precision=t["type_precision"], type_scale=t["type_scale"])
                if typ == 1700 and mod < 0 and not d.table_oid:
                    col["free"] = True  # an expression's numeric: DECIMAL(38, s), s the largest scale of the values
                elif derived or t.get("unrepresentable"):
                    col["check"] = True
            if t.get("as_text"):
                col["type_name"], col["type_text"] = "STRING", "STRING"
            cols.append(col)
        return cols

    def explain(self, st, query, mode, conn):
        pgsql, tr = self.translate(st, query)
        cur = conn.cursor()
        cur.execute("EXPLAIN (FORMAT JSON, VERBOSE) " + pgsql)
        plan = cur.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        top = plan[0]["Plan"]
        lines = ["== Optimized Logical Plan =="]

        def node(p, level):
            name = spark_node(p, self.catalog)
            stats = ""
            if mode == "COST":
                rows = max(0, int(round(p.get("Plan Rows", 0))))
                size = max(1, rows * int(p.get("Plan Width", 0)))
                stats = ", Statistics(sizeInBytes=%s, rowCount=%s)" % (bytes_to_string(size), big_decimal3(rows))
            prefix = "" if level == 0 else "   " * (level - 1) + "+- "
            lines.append(prefix + name + stats)
            for c in p.get("Plans", []):
                node(c, level + 1)
        node(top, 0)
        lines += ["", "== Physical Plan ==", "AdaptiveSparkPlan isFinalPlan=false",
                  "+- " + spark_node(top, self.catalog), ""]
        return ([{"name": "plan", "position": 0, "type_name": "STRING", "type_text": "STRING"}],
                [json.dumps(["\n".join(lines)])])


def spark_node(p, catalog):
    t = p.get("Node Type", "")
    if t in ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"):
        return "Relation %s.%s.%s[] parquet" % (catalog, p.get("Schema", "default"), p.get("Relation Name", "?"))
    if "Join" in t or t == "Nested Loop":
        return "Join %s" % p.get("Join Type", "Inner")
    return {"Aggregate": "Aggregate", "Sort": "Sort", "Limit": "GlobalLimit", "Result": "Project",
            "Subquery Scan": "Project", "Hash": "Project", "Materialize": "Project", "Append": "Union",
            "Unique": "Deduplicate", "Function Scan": "LocalRelation", "Values Scan": "LocalRelation",
            "WindowAgg": "Window", "Incremental Sort": "Sort", "Gather": "Project",
            "Gather Merge": "Project"}.get(t, "Project")


def big_decimal3(n):
    """Java's BigDecimal(n, MathContext(3, HALF_UP)).toString(): 10, 123, 1.00E+3."""
    ctx = Context(prec=3, rounding=ROUND_HALF_UP)
    return str(ctx.plus(Decimal(n)))


def bytes_to_string(size):
    """Spark's Utils.bytesToString."""
    EiB = 1 << 60
    if size >= (1 << 11) * EiB:
        return big_decimal3(size) + " B"
    for unit, shift in (("EiB", 60), ("PiB", 50), ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 2 * (1 << shift):
            value = float(size) / (1 << shift)
            break
    else:
        unit, value = "B", float(size)
    return "%s %s" % (Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP), unit)


# PostgreSQL SQLSTATE -> Databricks error class, SQLSTATE and message.
def map_pg_error(e):
    code, msg = e.pgcode or "", pg_message(e)
    if code == "22012":
        return SqlError("DIVIDE_BY_ZERO", "22012", "Division by zero. Use `try_divide` to tolerate divisor being 0 "
                        "and return NULL instead. If necessary set \"ansi_mode\" to \"false\" to bypass this error.")
    if code in ("22P02", "22007", "22008", "22009", "22018", "22025"):
        m = re.search(r'"(.*)"', msg)
        return SqlError("CAST_INVALID_INPUT", "22018", "The value '%s' of the type \"STRING\" cannot be cast because "
                        "it is malformed. Correct the value as per the syntax, or change its target type. Use "
                        "`try_cast` to tolerate malformed input and return NULL instead. (%s)" %
                        (m.group(1) if m else "?", msg))
    if code == "22003" and msg.startswith("[NUMERIC_VALUE_OUT_OF_RANGE"):  # dbx_decimal's own message
        return SqlError(None, "22003", msg)
    if code == "22003":
        return SqlError("ARITHMETIC_OVERFLOW", "22003", "%s. If necessary set \"ansi_mode\" to \"false\" to bypass "
                        "this error." % msg)
    if code == "42601":
        m = re.search(r'at or near "(.*)"', msg)
        return SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near '%s'." % (m.group(1) if m else "?"))
    if code == "42P01":
        m = re.search(r'"(.*)"', msg)
        return not_found(bq(m.group(1) if m else "?"))
    if code == "42703":
        m = re.search(r'column "?([^"]*?)"? does not exist', msg)
        return SqlError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "42703", "A column, variable, or function parameter "
                        "with name %s cannot be resolved." % bq(*(m.group(1) if m else "?").split(".")))
    if code == "42883":
        if msg.startswith("operator does not exist"):
            return SqlError("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09", "Cannot resolve the expression due "
                            "to data type mismatch: %s." % msg)
        m = re.search(r"function (\w+)\(", msg)
        return SqlError("UNRESOLVED_ROUTINE", "42883", "Cannot resolve routine %s with these argument types (%s)."
                        % (bq(m.group(1) if m else "?"), msg))
    if code in ("42804", "42846", "42725", "42P18"):
        return SqlError("DATATYPE_MISMATCH", "42K09", "Cannot resolve the expression due to data type mismatch: %s."
                        % msg)
    if code == "42803":
        return SqlError("MISSING_AGGREGATION", "42803", "The non-aggregating expression is based on columns which "
                        "are not participating in the GROUP BY clause. (%s)" % msg)
    if code == "42702":
        return SqlError("AMBIGUOUS_REFERENCE", "42704", "Reference is ambiguous. (%s)" % msg)
    if code == "21000":
        return SqlError("SCALAR_SUBQUERY_TOO_MANY_ROWS", "21000", "More than one row returned by a subquery used as "
                        "an expression.")
    if code == "2201E" or code == "2201F":
        return SqlError("INVALID_ARRAY_INDEX", "22003", msg)
    if code.startswith("22"):
        return SqlError("INVALID_PARAMETER_VALUE", code, msg)
    if code.startswith("42"):
        return SqlError("INVALID_SQL_SYNTAX", "42000", msg)
    return SqlError("INTERNAL_ERROR", "XX000", "%s (SQLSTATE %s in the fake's PostgreSQL)" % (msg, code or "?"),
                    error_code="INTERNAL_ERROR")


# ---------------------------------------------------------------------------
# HTTP

TERMINAL = ("SUCCEEDED", "FAILED", "CANCELED", "CLOSED")
STATEMENTS = "/api/2.0/sql/statements"


class Handler(FakeHandler):
    log_prefix = "databricks fake"
    drop_prefix = b'{"statement_id":"'

    def log_enabled(self):
        return self.fake.args.verbose

    def fault_body(self, status, fault):
        code = {429: "TOO_MANY_REQUESTS", 503: "TEMPORARILY_UNAVAILABLE", 500: "INTERNAL_ERROR",
                502: "BAD_GATEWAY", 504: "DEADLINE_EXCEEDED", 401: "UNAUTHENTICATED",
                403: "PERMISSION_DENIED", 404: "RESOURCE_DOES_NOT_EXIST"}.get(status, "INTERNAL_ERROR")
        return {"error_code": fault.get("error_code", code), "message": fault.get("message", "Injected fault")}

    def not_found(self, path):
        return self.send_json(404, {"error_code": "ENDPOINT_NOT_FOUND", "message": "No API found for '%s'" % path})

    def on_error(self, e):
        if isinstance(e, FixtureError):  # POST /_fake/reset over data Databricks could not hold
            return self.send_json(500, {"error_code": "INTERNAL_ERROR", "message": str(e)})
        if isinstance(e, ApiError):
            return self.send_json(e.http, {"error_code": e.code, "message": e.message})
        import traceback
        traceback.print_exc()
        return self.send_json(500, {"error_code": "INTERNAL_ERROR", "message": "%s: %s" % (type(e).__name__, e)})

    def admin(self, method, path, body):
        if path == "/_fake/expire_tokens" and method == "POST":  # every OAuth token issued so far expires now
            with self.fake.lock:
                for k in self.fake.oauth_tokens:
                    self.fake.oauth_tokens[k] = (self.fake.oauth_tokens[k][0], 0)
            return self.send_json(200, {"ok": True})
        return super().admin(method, path, body)

    def route(self, method, path, qs, body):
        fake = self.fake
        fake.count("requests")
        if path == "/oidc/v1/token":
            where = "token"
        elif path == STATEMENTS:
            where = "submit"
        elif path.startswith(STATEMENTS + "/"):
            rest = path[len(STATEMENTS) + 1:].split("/")
            where = "cancel" if rest[-1] == "cancel" else ("chunk" if "chunks" in rest else "status")
        else:
            return self.not_found(path)
        f = fake.take_fault(lambda f: f.get("on", "any") in (where, "any") and f["kind"] in ("http", "status",
                                                                                             "drop", "slow"))
        if f is not None and self.answer_fault(f):
            return
        if where == "token":
            if method != "POST":
                raise ApiError(405, "METHOD_NOT_ALLOWED", "Use POST.")
            return self.token(body)
        user = self.authenticate()
        if where == "submit":
            if method != "POST":
                raise ApiError(405, "METHOD_NOT_ALLOWED", "Use POST to submit a statement.")
            return self.submit(user, body)
        rest = path[len(STATEMENTS) + 1:].split("/")
        with fake.lock:
            st = fake.statements.get(rest[0])
        if st is None or st["user"] != user:
            raise ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Statement %s not found." % rest[0])
        if where == "cancel" and method == "POST" and len(rest) == 2:
            return self.cancel(st)
        if where == "status" and method == "GET" and len(rest) == 1:
            return self.poll(st)
        if where == "chunk" and method == "GET" and len(rest) == 4 and rest[1:3] == ["result", "chunks"]:
            return self.chunk(st, rest[3])
        raise ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '%s %s'" % (method, path))

    # -- auth ----------------------------------------------------------------
    def authenticate(self):
        h = self.headers.get("Authorization", "")
        tok = h[7:].strip() if h[:7].lower() == "bearer " else ""
        fake = self.fake
        if tok and tok == "no-access-token":
            fake.count("auth_failures")
            raise ApiError(403, "PERMISSION_DENIED", "User does not have permission to use the SQL warehouse.")
        if tok and tok in fake.args.tokens:
            return "pat:" + tok
        with fake.lock:
            issued = fake.oauth_tokens.get(tok)
        if issued is not None:
            client, exp = issued
            if time.time() < exp:
                return "oauth:" + client
            fake.count("auth_failures")
            raise ApiError(401, "UNAUTHENTICATED", "The access token has expired. Request a new token.")
        fake.count("auth_failures")
        raise ApiError(401, "UNAUTHENTICATED", "Invalid access token." if tok else
                       "Credential was not sent or was of an unsupported type for this API.")

    def token(self, body):
        fake = self.fake
        fake.count("token_requests")
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return self.send_json(400, {"error": "invalid_request", "error_description":
                                        "Content-Type must be application/x-www-form-urlencoded"})
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        cid, secret = form.get("client_id"), form.get("client_secret")
        h = self.headers.get("Authorization", "")
        if h[:6].lower() == "basic ":
            try:
                cid, _, secret = base64.b64decode(h[6:].strip()).decode().partition(":")
            except Exception:
                cid = secret = None
        if form.get("grant_type") != "client_credentials":
            return self.send_json(400, {"error": "unsupported_grant_type", "error_description":
                                        "grant_type must be client_credentials"})
        if not cid or fake.clients.get(cid) != secret:
            return self.send_json(401, {"error": "invalid_client", "error_description": "Client authentication "
                                        "failed"})
        scope = form.get("scope", "")
        if "all-apis" not in scope.split():
            return self.send_json(400, {"error": "invalid_scope", "error_description": "The requested scope is "
                                        "invalid, unknown, or malformed."})
        lt = fake.take_fault(lambda f: f["kind"] == "token_lifetime")
        life = int(lt.get("seconds", 1)) if lt else fake.args.token_lifetime
        tok = "dbx-oauth-" + secrets.token_hex(24)
        with fake.lock:
            fake.oauth_tokens[tok] = (cid, time.time() + life)
            fake.stats["tokens_issued"] += 1
        self.send_json(200, {"access_token": tok, "token_type": "Bearer", "expires_in": life, "scope": "all-apis"})

    # -- statements ----------------------------------------------------------
    def submit(self, user, body):
        fake = self.fake
        try:
            req = json.loads(body or b"{}")
            if not isinstance(req, dict):
                raise ValueError
        except Exception:
            raise ApiError(400, "MALFORMED_REQUEST", "Could not parse request object: invalid JSON.")
        text, wh = req.get("statement"), req.get("warehouse_id")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "statement is required and must be a non-empty string.")
        if not isinstance(wh, str) or not wh:
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "warehouse_id is required.")
        wt = req.get("wait_timeout", "10s")
        m = re.fullmatch(r"(\d+)s", wt) if isinstance(wt, str) else None
        if not m or not (int(m.group(1)) == 0 or 5 <= int(m.group(1)) <= 50):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "wait_timeout must be 0 seconds (disables wait), or "
                           "between 5 seconds and 50 seconds; got '%s'." % wt)
        owt = req.get("on_wait_timeout", "CONTINUE")
        if owt not in ("CONTINUE", "CANCEL"):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "on_wait_timeout must be CONTINUE or CANCEL; got '%s'."
                           % owt)
        disp, fmt = req.get("disposition", "INLINE"), req.get("format", "JSON_ARRAY")
        if disp not in ("INLINE", "EXTERNAL_LINKS"):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "Invalid disposition '%s'." % disp)
        if fmt not in ("JSON_ARRAY", "ARROW_STREAM", "CSV"):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "Invalid format '%s'." % fmt)
        if disp == "INLINE" and fmt != "JSON_ARRAY":
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "The INLINE disposition only supports the JSON_ARRAY "
                           "format.")
        if disp == "EXTERNAL_LINKS":
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "The local Databricks fake supports the INLINE "
                           "disposition only.")
        for k in ("row_limit", "byte_limit"):
            v = req.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                raise ApiError(400, "INVALID_PARAMETER_VALUE", "%s must be a non-negative integer." % k)
        if wh not in fake.args.warehouse_ids:
            raise ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Warehouse %s does not exist." % wh)
        params = fake.bind_params(req.get("parameters"))
        catalog = req.get("catalog") or fake.catalog
        schema = req.get("schema") or "default"
        sid = "01f0%s-%s-%s-%s-%s" % (secrets.token_hex(2), secrets.token_hex(2), "1" + secrets.token_hex(2)[1:],
                                      secrets.token_hex(2), secrets.token_hex(6))
        st = {"id": sid, "user": user, "state": "PENDING", "statement": text, "catalog": str(catalog).lower(),
              "schema": str(schema).lower(), "params": params, "row_limit": req.get("row_limit") or None,
              "truncated": False, "error": None, "rows": None, "columns": None, "created": time.time(),
              "done": threading.Event(), "conn": None, "polls": 0, "hold": fake.args.pending_polls}
        hold = fake.take_fault(lambda f: f["kind"] == "pending_polls")
        if hold:
            st["hold"] = int(hold.get("polls", 2))
        slow = fake.take_fault(lambda f: f["kind"] == "slow_statement")
        st["done_at"] = st["created"] + (slow.get("seconds", 5) if slow else fake.args.statement_delay)
        fail = fake.take_fault(lambda f: f["kind"] == "fail_statement")
        if fail:
            st["fail"] = fail
        with fake.lock:
            fake.statements[sid] = st
            fake.stats["statements"] += 1
            fake.stats["last_statement_id"] = sid
            fake.stats["last_statement"] = {"statement": text, "parameters": req.get("parameters"),
                                            "catalog": req.get("catalog"), "schema": req.get("schema"),
                                            "warehouse_id": wh, "wait_timeout": wt, "on_wait_timeout": owt,
                                            "row_limit": req.get("row_limit"), "byte_limit": req.get("byte_limit"),
                                            "disposition": disp, "format": fmt}
        # The catalog and schema of the request must exist (checked when it runs, as Databricks does).
        if st["catalog"] != fake.catalog:
            st["fail"] = {"error_code": "BAD_REQUEST", "sql_state": "42704", "message": "[NO_SUCH_CATALOG_EXCEPTION] "
                          "Catalog '%s' was not found. Please verify the catalog name and then retry the query or "
                          "command again. SQLSTATE: 42704" % st["catalog"]}
        elif req.get("schema") and not fake.schema_exists(st["schema"]):
            st["fail"] = {"error_code": "BAD_REQUEST", "sql_state": "42704", "message": "[SCHEMA_NOT_FOUND] The "
                          "schema %s cannot be found. Verify the spelling and correctness of the schema and catalog. "
                          "SQLSTATE: 42704" % bq(st["catalog"], st["schema"])}
        with fake.lock:  # results kept: the newest --max-results (older ones are CLOSED, as expired ones are)
            kept = [x for x in fake.statements.values() if x["rows"] is not None]
            for old in kept[:max(0, len(kept) - fake.args.max_results)]:
                old.update(state="CLOSED", rows=None)
        fake.pool.submit(fake.run, st)
        wait = int(m.group(1))
        if wait == 0 or st["hold"] > 0:
            return self.send_json(200, self.doc(st, "PENDING"))
        deadline = time.time() + wait
        while time.time() < deadline:
            if self.visible(st) in TERMINAL:
                break
            st["done"].wait(min(0.05, max(0.0, deadline - time.time())))
        s = self.visible(st)
        if s not in TERMINAL and owt == "CANCEL":
            self.do_cancel(st)
            s = self.visible(st)
        self.send_json(200, self.doc(st, s))

    def visible(self, st):
        """The state a client sees now (a statement is RUNNING until done and its delay has passed)."""
        if st["state"] in ("CANCELED", "CLOSED"):
            return st["state"]
        if not st["done"].is_set() or time.time() < st["done_at"]:
            return "PENDING" if st["state"] == "PENDING" else "RUNNING"
        if st["state"] == "SUCCEEDED" and time.time() - st["created"] > self.fake.args.result_ttl:
            return "CLOSED"
        return st["state"]

    def doc(self, st, state):
        d = {"statement_id": st["id"], "status": {"state": state}}
        if state == "FAILED":
            e = st["error"]
            d["status"]["error"] = {"error_code": e.error_code, "message": e.message}
            if e.sql_state:
                d["status"]["sql_state"] = e.sql_state
        if state == "SUCCEEDED":
            d["manifest"], d["result"] = self.manifest(st), self.chunk_doc(st, 0)
        return d

    def layout(self, st):
        n, per = len(st["rows"]), self.fake.args.chunk_rows
        return [(o, min(per, n - o)) for o in range(0, n, per)] or [(0, 0)]

    def manifest(self, st):
        lay = self.layout(st)
        return {"format": "JSON_ARRAY", "schema": {"column_count": len(st["columns"]), "columns": st["columns"]},
                "total_chunk_count": len(lay), "total_row_count": len(st["rows"]), "truncated": st["truncated"],
                "chunks": [{"chunk_index": k, "row_offset": o, "row_count": c} for k, (o, c) in enumerate(lay)]}

    def chunk_doc(self, st, k):
        lay = self.layout(st)
        o, c = lay[k]
        d = {"chunk_index": k, "row_offset": o, "row_count": c}
        if c:
            d["data_array"] = "@DATA@"
        if k + 1 < len(lay):
            d["next_chunk_index"] = k + 1
            d["next_chunk_internal_link"] = "%s/%s/result/chunks/%d" % (STATEMENTS, st["id"], k + 1)
        return d

    def send_json(self, status, doc, extra_headers=None):
        # Result rows are JSON text already: splice them in where "@DATA@" stands.
        if isinstance(doc, dict):
            res = doc.get("result") if "statement_id" in doc else (doc if "chunk_index" in doc else None)
            if res is not None and res.get("data_array") == "@DATA@":
                st = self.fake.statements[doc.get("statement_id") or self._chunk_owner]
                o, c = res["row_offset"], res["row_count"]
                text = json.dumps(doc, separators=(",", ":"))
                doc = text.replace('"@DATA@"', "[" + ",".join(st["rows"][o:o + c]) + "]", 1)
        return super().send_json(status, doc, extra_headers)

    def poll(self, st):
        fake = self.fake
        fake.count("polls")
        with fake.lock:
            st["polls"] += 1
            held = st["hold"] > 0 and st["state"] not in ("CANCELED",)
            if held:
                st["hold"] -= 1
        if held:
            return self.send_json(200, self.doc(st, "PENDING" if st["polls"] == 1 else "RUNNING"))
        self.send_json(200, self.doc(st, self.visible(st)))

    def chunk(self, st, n):
        fake = self.fake
        s = self.visible(st)
        if s != "SUCCEEDED":
            raise ApiError(400, "BAD_REQUEST", "Statement %s is in state %s; its result is not available."
                           % (st["id"], s))
        lay = self.layout(st)
        if not n.isdigit() or int(n) >= len(lay):
            raise ApiError(400, "INVALID_PARAMETER_VALUE", "Chunk index %s is out of range [0, %d)." % (n, len(lay)))
        k = int(n)
        with fake.lock:
            fake.stats["chunk_fetches"] += 1
            if len(fake.stats["chunks_fetched"]) < 10000:
                fake.stats["chunks_fetched"].append(k)
            fake.inflight_chunks += 1
            fake.stats["max_parallel_chunk_fetches"] = max(fake.stats["max_parallel_chunk_fetches"],
                                                           fake.inflight_chunks)
        try:
            delay = fake.args.chunk_latency_ms / 1000.0
            slow = fake.take_fault(lambda f: f["kind"] == "slow_chunk" and f.get("chunk", k) == k)
            if slow:
                delay += slow.get("seconds", 2)
            if delay:
                time.sleep(delay)
            self._chunk_owner = st["id"]
            self.send_json(200, self.chunk_doc(st, k))
        finally:
            with fake.lock:
                fake.inflight_chunks -= 1

    def do_cancel(self, st):
        fake = self.fake
        with fake.lock:
            if self.visible(st) in ("PENDING", "RUNNING"):
                st["state"] = "CANCELED"
                st["hold"] = 0
                conn = st.get("conn")
                fake.stats["canceled"].append(st["id"])
            else:
                conn = None
        if conn is not None:
            try:
                conn.cancel()
            except Exception:
                pass

    def cancel(self, st):
        self.fake.count("cancels")
        self.do_cancel(st)
        self.send_json(200, {})


def main():
    ap = arg_parser("unused (the Databricks fake has no key pairs)", "a statement run again (same text, catalog, "
                    "schema, parameters) answers the rows of its first run, as Databricks SQL's query result cache "
                    "does (benchmarks)")
    ap.add_argument("--tokens", default="dapi-fake-token-0001", help="accepted personal access tokens, comma-separated")
    ap.add_argument("--oauth-clients", default="fdw-client:fdw-secret", help="OAuth M2M clients id:secret,...")
    ap.add_argument("--token-lifetime", type=int, default=3600, help="seconds an issued OAuth token lives")
    ap.add_argument("--warehouse-id", dest="warehouse_ids", action="append", default=[],
                    help="accepted warehouse ids (default fake-warehouse-0001)")
    ap.add_argument("--catalog", default="main", help="the catalog name of the backing database")
    ap.add_argument("--chunk-rows", type=int, default=10000, help="rows per result chunk")
    ap.add_argument("--chunk-latency-ms", type=float, default=0, help="delay before each chunk fetch answers")
    ap.add_argument("--pending-polls", type=int, default=0, help="polls answering PENDING/RUNNING per statement")
    ap.add_argument("--statement-delay", type=float, default=0, help="seconds every statement runs at least")
    ap.add_argument("--result-ttl", type=float, default=3600, help="seconds a result stays (then CLOSED)")
    ap.add_argument("--workers", type=int, default=4, help="statements run at once")
    ap.add_argument("--max-results", type=int, default=100, help="results kept (older statements become CLOSED)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check-schema", metavar="FILE", help="check every response against the vendor's published API "
                    "definition (statement_api_schema.py) and append each violation to FILE")
    args = ap.parse_args()
    args.tokens = [t for t in args.tokens.split(",") if t]
    args.warehouse_ids = args.warehouse_ids or ["fake-warehouse-0001"]
    try:
        fake = Fake(args)
    except FixtureError as e:
        sys.exit("databricks fake: %s" % e)
    fake.clients = dict(c.split(":", 1) for c in args.oauth_clients.split(",") if ":" in c)
    Handler.fake = fake
    if args.check_schema:
        import schema_check
        Handler.schema_checker = schema_check.load("statement_api_schema", "databricks", args.check_schema)
    serve(Handler, args.port, "databricks fake")


if __name__ == "__main__":
    main()
