#!/usr/bin/python3
"""A local BigQuery REST v2 service for warehouse_fdw's tests.

Speaks the wire shapes of ../shared/docs/protocols.md §1 on 127.0.0.1 only:
jobs.query (jobComplete:false then polling for slow jobs), jobs.insert,
jobs.get, jobs.list and jobs.cancel of query jobs, getQueryResults with
pageToken, a page cap and formatOptions.useInt64Timestamp, dry runs with a
byte estimate, named/positional scalar, ARRAY and STRUCT parameters,
datasets list and get, tables list and get, tabledata.list, insertAll
(all-or-nothing unless skipInvalidRows), an OAuth token endpoint that
verifies RS256 JWT assertions, Google's error JSON (domain "global", a
query's errors at location "q"), and injected faults. Google's own Node.js
client is run against it by the conformance stage of scripts/test.sh
(tests/providers/bigquery/conformance/conformance.js).

GoogleSQL is translated token by token into PostgreSQL and run on a real
database: each dataset is a schema. The translator rejects what BigQuery
rejects and PostgreSQL would accept (a '%' operator, '::' casts, ILIKE,
'' inside a literal, raw newlines in literals, unqualified tables, OFFSET
without LIMIT), and a double-quoted token is a string, as in GoogleSQL.
(Debian's sqlglot 10.6 drops NULLS LAST and garbles several functions, so it
is not used.) Keywords are recognised whatever their case. Stops when its
parent process exits or on SIGTERM. The HTTP server, admin endpoints, fault
injection and tokenizer come from fake_core.py.
"""
import base64, binascii, decimal, hashlib, json, os, re, secrets, threading, time, uuid
from urllib.parse import parse_qs, unquote

import psycopg2
import psycopg2.errors

import os, sys  # fake_core.py, shared by every fake, is in tests/fakes
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fakes"))
from fake_core import (FakeBase, FakeHandler, Tokenizer, TranslatorBase, arg_parser, decode_jwt, load_public_keys,
                       pg_ident, pg_literal, pg_message, rs256_valid, serve, session_sql)


class BqError(Exception):
    def __init__(self, code, reason, message, location=None):
        super().__init__(message)
        self.code, self.reason, self.message, self.location = code, reason, message, location


STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}


def error_body(code, reason, message, location=None):
    """Google's error JSON. BigQuery names the request parameter at fault:
    a query's errors have location "q", locationType "parameter"."""
    e = {"message": message, "domain": "global", "reason": reason}
    if location:
        e["location"] = location
        e["locationType"] = "parameter"
    return {"error": {"code": code, "message": message, "errors": [e], "status": STATUS_NAMES.get(code, "UNKNOWN")}}


# ---------------------------------------------------------------------------
# GoogleSQL -> PostgreSQL

TOKEN_RE = re.compile(r"""
  (?P<ws>\s+|--[^\n]*|\#[^\n]*|/\*.*?\*/)
 |(?P<bt>`(?:[^`\\]|\\.)*`)
 |(?P<str>[rRbB]{0,2}(?:'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
 |(?P<badstr>['"])
 |(?P<num>\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)
 |(?P<param>@@?\w+|\?)
 |(?P<ident>[A-Za-z_][A-Za-z_0-9]*)
 |(?P<op><=|>=|<>|!=|\|\||::|<<|>>|[-+*/%=<>(),.;\[\]&|^~:!])
""", re.S | re.X)

TYPE_MAP = {"INT64": "bigint", "INTEGER": "bigint", "FLOAT64": "double precision", "NUMERIC": "numeric",
            "BIGNUMERIC": "numeric", "STRING": "text", "BOOL": "boolean", "BOOLEAN": "boolean", "BYTES": "bytea",
            "DATE": "date", "TIME": "time", "DATETIME": "timestamp", "TIMESTAMP": "timestamptz", "JSON": "jsonb"}
FUNC_MAP = {"POW": "power", "POWER": "power", "LOGICAL_AND": "bool_and", "LOGICAL_OR": "bool_or", "DIV": "bq_div",
            "REGEXP_CONTAINS": "bq_regexp_contains", "DATE_ADD": "bq_date_add", "DATE_SUB": "bq_date_sub",
            "DATE_DIFF": "bq_date_diff", "CHAR_LENGTH": "char_length", "IFNULL": "coalesce",
            "DATETIME_TRUNC": "bq_datetime_trunc", "STDDEV_SAMP": "stddev_samp", "STDDEV_POP": "stddev_pop",
            "VAR_SAMP": "var_samp", "VAR_POP": "var_pop", "IS_NAN": "bq_is_nan"}
UNITS = {"DAY", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "HOUR", "MINUTE", "SECOND"}
# EXTRACT parts PostgreSQL spells differently (DAYOFWEEK: 1 = Sunday).
EXTRACT_PARTS = {'EXTRACT ( "dayofweek" FROM': "bq_dayofweek (", 'EXTRACT ( "dayofyear" FROM': "EXTRACT ( doy FROM",
                 'EXTRACT ( ISOWEEK FROM': "EXTRACT ( week FROM"}
HELPERS = """
CREATE SCHEMA IF NOT EXISTS bqfake_fns;
CREATE OR REPLACE FUNCTION bqfake_fns.bq_regexp_contains(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 ~ $2';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_is_nan(double precision) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 = ''NaN''::double precision';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_div(bigint, bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 / $2';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_fdiv(bigint, bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS 'SELECT $1::double precision / $2::double precision';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_fdiv(double precision, double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 / $2';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_fdiv(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 / $2';
DO $$ BEGIN
  CREATE OPERATOR bqfake_fns./ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = bqfake_fns.bq_fdiv);
  CREATE OPERATOR bqfake_fns./ (LEFTARG = double precision, RIGHTARG = double precision, FUNCTION = bqfake_fns.bq_fdiv);
  CREATE OPERATOR bqfake_fns./ (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = bqfake_fns.bq_fdiv);
EXCEPTION WHEN duplicate_function OR duplicate_object THEN NULL;
END $$;
CREATE OR REPLACE FUNCTION bqfake_fns.bq_date_add(date, interval) RETURNS date
  LANGUAGE sql IMMUTABLE AS 'SELECT ($1 + $2)::date';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_date_sub(date, interval) RETURNS date
  LANGUAGE sql IMMUTABLE AS 'SELECT ($1 - $2)::date';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_date_diff(date, date, text) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT ($1 - $2)::bigint';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_datetime_trunc(timestamp, text) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS 'SELECT date_trunc(CASE upper($2) WHEN ''ISOWEEK'' THEN ''week'' ELSE $2 END, $1)';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_dayofweek(timestamp) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT extract(dow FROM $1)::bigint + 1';
CREATE OR REPLACE FUNCTION bqfake_fns.bq_dayofweek(date) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT extract(dow FROM $1)::bigint + 1';
"""


def decode_literal(tok):
    prefix = re.match(r"[rRbB]*", tok).group(0)
    body = tok[len(prefix):]
    q = 3 if body[:3] in ("'''", '"""') else 1
    body = body[q:-q]
    if "r" in prefix.lower():
        return body
    out, i = [], 0
    esc = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "`": "`", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v", "?": "?"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            n = body[i + 1]
            if n in esc:
                out.append(esc[n]); i += 2; continue
            if n in "xX":
                out.append(chr(int(body[i + 2:i + 4], 16))); i += 4; continue
            if n == "u":
                out.append(chr(int(body[i + 2:i + 6], 16))); i += 6; continue
            raise BqError(400, "invalidQuery", "Syntax error: Illegal escape sequence: \\" + n)
        out.append(c); i += 1
    return "".join(out)


def syntax(msg):
    return BqError(400, "invalidQuery", "Syntax error: " + msg, "q")


def adjacent_strings(toks, tok):
    if tok.kind == "str" and toks and toks[-1].kind == "str" and toks[-1].end == tok.pos:
        raise syntax("concatenated string literals must be separated by whitespace or comments at [1:%d]"
                     % (tok.pos + 1))


tokenize = Tokenizer(TOKEN_RE, lambda pos, ch: syntax('Unexpected character "%s" at [1:%d]' % (ch, pos + 1)),
                     lambda pos: syntax("Unclosed string literal at [1:%d]" % (pos + 1)), adjacent_strings)


class Translator(TranslatorBase):
    def __init__(self, fake, params, param_mode):
        super().__init__()
        self.fake, self.params, self.param_mode = fake, params, param_mode

    def param(self, tok):
        if tok == "?":
            if self.param_mode and str(self.param_mode).upper() == "NAMED":
                raise BqError(400, "invalidQuery", "Positional parameters are not allowed in named parameter mode",
                              "q")
            if self.positional >= len(self.params):
                raise BqError(400, "invalidQuery", "Query has more positional parameters than were given", "q")
            p = self.params[self.positional]; self.positional += 1
            label = "positional parameter %d" % self.positional
        else:
            name = tok[1:]
            p = next((q for q in self.params if isinstance(q, dict) and str(q.get("name", "")).lower()
                      == name.lower()), None)
            if p is None:
                raise BqError(400, "invalidQuery", "Query parameter '%s' not found at [1:1]" % name, "q")
            label = "parameter " + name
        if not isinstance(p, dict):
            raise BqError(400, "invalidQuery", "Invalid query parameter: expected an object", "q")
        return "(%s)" % self.fake.param_sql(p.get("parameterType"), p.get("parameterValue"), label)

    def table(self, parts, pos):
        project = self.fake.project
        if len(parts) == 1:
            raise BqError(400, "invalidQuery", 'Table "%s" must be qualified with a dataset (e.g. dataset.table).'
                          % parts[0], "q")
        if len(parts) >= 3:
            project, parts = parts[0], parts[1:]
        if project != self.fake.project:
            raise BqError(404, "notFound", "Not found: Project %s" % project)
        ds, tb = parts[0], parts[1]
        if not self.fake.table_exists(ds, tb):
            raise BqError(404, "notFound", "Not found: Table %s:%s.%s was not found in location %s"
                          % (project, ds, tb, self.fake.location))
        self.tables.append((ds, tb))
        return '"%s"."%s"' % (ds.replace('"', '""'), tb.replace('"', '""'))

    def translate(self, sql):
        toks = tokenize(sql)
        out, i, prev_kw = [], 0, None
        interval_ends = {}  # token index of a unit closing "INTERVAL <expression> <unit>"
        while i < len(toks):
            tok = toks[i]
            kind, text, pos, up = tok.kind, tok.text, tok.pos, tok.up
            if i in interval_ends:
                out.append(") * INTERVAL '1 %s')" % interval_ends.pop(i))
                i += 1
                continue
            if kind == "op" and text == "%":
                raise syntax('Unexpected "%%" at [1:%d]' % (pos + 1))
            if kind == "op" and text == "::":
                raise syntax('Unexpected ":" at [1:%d]' % (pos + 1))
            if kind == "op" and text == "~" and out and not re.match(r"^(\(|,|=|AND|OR|NOT)$", out[-1], re.I):
                raise syntax('Unexpected "~" at [1:%d]' % (pos + 1))
            if kind == "ident" and up == "ILIKE":
                raise syntax('Unexpected identifier "ILIKE" at [1:%d]' % (pos + 1))
            if kind == "bt" or (kind == "ident" and up not in TYPE_MAP and up not in FUNC_MAP and up != "ARRAY"):
                # A path: ident(.ident)*, backticks may hold dots.
                parts, j = [], i
                while True:
                    k, t = toks[j][0], toks[j][1]
                    if k == "bt":
                        parts.extend(t[1:-1].replace("\\`", "`").split("."))
                    else:
                        parts.append(t)
                    if j + 2 < len(toks) and toks[j + 1][1] == "." and toks[j + 2][0] in ("bt", "ident"):
                        j += 2
                    else:
                        break
                is_call = j + 1 < len(toks) and toks[j + 1][1] == "(" and kind == "ident"
                if prev_kw in ("FROM", "JOIN") and not is_call:
                    out.append(self.table(parts, pos))
                    i = j + 1
                    prev_kw = None
                    continue
                if kind == "ident" and len(parts) == 1 and (is_call or up in KEYWORDS or up in UNITS):
                    self.check_offset(tok, toks, i, syntax("OFFSET is only allowed after LIMIT at [1:%d]" % (pos + 1)))
                    if up == "INTERVAL" and i + 2 < len(toks) and toks[i + 2][1].upper() in UNITS \
                            and toks[i + 1][0] in ("num", "param"):
                        v = toks[i + 1]
                        val = self.param(v[1]) if v[0] == "param" else v[1]
                        out.append("(%s * INTERVAL '1 %s')" % (val, toks[i + 2][1].upper()))
                        i += 3
                        continue
                    if up == "INTERVAL":
                        # GoogleSQL: INTERVAL <int64 expression> <unit>, e.g. INTERVAL -4 DAY or
                        # INTERVAL MOD(x, 7) DAY: the expression runs to the unit at depth 0.
                        depth, j = 0, i + 1
                        while j < len(toks):
                            t = toks[j][1]
                            if t == "(":
                                depth += 1
                            elif t == ")":
                                depth -= 1
                            elif depth == 0 and t.upper() in UNITS and j > i + 1:
                                break
                            j += 1
                        if j < len(toks) and depth == 0:
                            interval_ends[j] = toks[j][1].upper()
                            out.append("((")
                            i += 1
                            prev_kw = None
                            continue
                    if up in ("IN", "NOT") and i + 2 < len(toks) and toks[i + 1][1].upper() == "UNNEST":
                        out.append("= ANY"); i += 2; prev_kw = None; continue
                    if up == "NOT" and i + 2 < len(toks) and toks[i + 1][1].upper() == "IN" \
                            and toks[i + 2][1].upper() == "UNNEST":
                        out.append("<> ALL"); i += 3; prev_kw = None; continue
                    if up in UNITS and out and out[-1] == "," and i + 1 < len(toks) and toks[i + 1][1] == ")":
                        out.append(pg_literal(up)); i += 1; continue
                    out.append(up)  # keywords and function names in upper case, whatever the query wrote
                    prev_kw = self.keyword_state(up, out)
                    i += 1
                    continue
                for p in parts:
                    self.columns.add(p.lower())
                out.append(".".join('"%s"' % p.lower().replace('"', '""') for p in parts))
                i = j + 1
                prev_kw = None
                continue
            if kind == "ident":
                if up in FUNC_MAP:
                    out.append(FUNC_MAP[up])
                elif up == "ARRAY" and i + 1 < len(toks) and toks[i + 1][1] == "<":
                    t = toks[i + 2][1].upper()
                    i += 4  # ARRAY < T >
                    if i < len(toks) and toks[i][1] == "[":  # a typed array literal ARRAY<T>[...]
                        out.append("ARRAY[")
                        i += 1
                    else:  # a type, as in CAST(x AS ARRAY<T>)
                        out.append(TYPE_MAP.get(t, t.lower()) + "[]")
                    continue
                else:
                    out.append(TYPE_MAP.get(up, up))
                i += 1
                prev_kw = None
                continue
            if kind == "str":
                if text[:1] in "bB":
                    out.append("'\\x%s'::bytea" % decode_literal(text).encode("latin-1").hex())
                else:
                    out.append(pg_literal(decode_literal(text)))
            elif kind == "param":
                out.append(self.param(text))
            elif kind == "op" and text == "*":
                self.note_star(out)
                out.append(text)
            elif kind == "op" and text == "/":
                out.append("OPERATOR(bqfake_fns./)")  # INT64 / INT64 is FLOAT64 in GoogleSQL
            elif kind == "op" and text == "[":
                prevk = toks[i - 1].kind if i else None
                out.append("[" if prevk in ("ident", "bt") or (i and toks[i - 1].text in (")", "]")) else "ARRAY[")
            else:
                out.append(text)
            prev_kw = self.after_punct(text, prev_kw, out)
            i += 1
        sql = " ".join(out)
        for part, pg in EXTRACT_PARTS.items():
            sql = sql.replace(part, pg)
        return sql


KEYWORDS = set("""SELECT FROM WHERE AND OR NOT AS ON JOIN LEFT RIGHT FULL OUTER INNER CROSS GROUP BY ORDER HAVING LIMIT
OFFSET ASC DESC NULLS FIRST LAST NULL TRUE FALSE IS IN LIKE BETWEEN CASE WHEN THEN ELSE END CAST DISTINCT UNION ALL
EXCEPT INTERSECT WITH EXISTS INTERVAL UNNEST DATE TIME OVER PARTITION COUNT SUM AVG MIN MAX COALESCE NULLIF EXTRACT
SAFE_CAST ANY SOME USING""".split())


# ---------------------------------------------------------------------------
# Result encoding: PostgreSQL builds each row's JSON, BigQuery-shaped.

SCALAR_TYPES = {20: "INTEGER", 21: "INTEGER", 23: "INTEGER", 26: "INTEGER", 700: "FLOAT", 701: "FLOAT",
                1700: "NUMERIC", 16: "BOOLEAN", 25: "STRING", 1043: "STRING", 1042: "STRING", 19: "STRING",
                17: "BYTES", 1082: "DATE", 1083: "TIME", 1114: "DATETIME", 1184: "TIMESTAMP", 114: "JSON",
                3802: "JSON", 1186: "INTERVAL"}


def encode_scalar(expr, bqtype, int64_ts):
    if bqtype == "DATETIME":
        return "to_char(%s, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')" % expr
    if bqtype == "TIMESTAMP":
        if int64_ts:
            return "((extract(epoch from %s) * 1000000)::bigint)::text" % expr
        return "(extract(epoch from %s)::float8)::text" % expr
    if bqtype == "BYTES":
        return "translate(encode(%s, 'base64'), E'\\n', '')" % expr
    if bqtype == "INTERVAL":
        e = expr
        return ("CASE WHEN {e} IS NULL THEN NULL ELSE format('%s%s-%s %s %s%s:%s:%s', "
                "CASE WHEN extract(year from {e}) < 0 OR extract(month from {e}) < 0 THEN '-' ELSE '' END, "
                "abs(extract(year from {e})::int), abs(extract(month from {e})::int), extract(day from {e})::int, "
                "CASE WHEN extract(epoch from ({e} - date_trunc('day', {e}))) < 0 THEN '-' ELSE '' END, "
                "abs(extract(hour from {e})::int), abs(extract(minute from {e})::int), "
                "trim_scale(abs(extract(second from {e})))) END").format(e=e)
    return "(%s)::text" % expr


class Fake(FakeBase):
    STATS = {"jobs_created": 0, "cancelled": [], "dry_runs": 0, "requests": 0, "token_grants": 0, "metadata_tokens": 0,
             "impersonations": 0}
    RESET_STATS = ("jobs_created", "cancelled", "dry_runs", "requests")
    SESSION_SQL = session_sql("bqfake_fns", 3)

    def __init__(self, args):
        super().__init__(args)
        self.project, self.location = args.project, args.location
        self.page_cap = args.page_cap
        self.jobs, self.request_ids, self.tokens = {}, {}, {}
        self.keys = load_public_keys(args.keys)  # client_email -> public key
        self.table_cache = {}
        self.struct_types, self.struct_lock = set(), threading.Lock()
        self.started_ms = str(int(time.time() * 1000))
        # BigQuery's query cache (opt-in here: tests count bytes per job).
        # Same text and parameters -> a new job with cacheHit true, nothing
        # billed, the stored rows.
        self.result_cache = {} if args.result_cache else None
        c = self.conn()
        with c.cursor() as cur:
            cur.execute(HELPERS)
            cur.execute("SELECT to_regtype('public.geography') IS NOT NULL, to_regtype('public.bignumeric') IS NOT NULL")
            self.has_geography, self.has_bignumeric = cur.fetchone()

    def reset(self):
        super().reset()
        with self.lock:
            self.table_cache.clear()

    def datasets(self):
        with self.conn().cursor() as cur:
            cur.execute("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%%' AND nspname NOT IN "
                        "('information_schema', 'bqfake_fns') ORDER BY 1")
            return [r[0] for r in cur.fetchall()]

    # -- query parameters --------------------------------------------------
    SCALAR_PARAM_CHECKS = {
        "INT64": lambda v: re.fullmatch(r"[+-]?\d+", v) and -2 ** 63 <= int(v) < 2 ** 63,
        "FLOAT64": lambda v: re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity)|nan",
                                          v, re.I),
        "NUMERIC": lambda v: re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", v),
        "BIGNUMERIC": lambda v: re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", v),
        "BOOL": lambda v: v.lower() in ("true", "false"),
    }

    def param_type(self, ptype, label):
        """The PostgreSQL type of a query parameter's parameterType."""
        if not isinstance(ptype, dict) or not isinstance(ptype.get("type"), str):
            raise BqError(400, "invalidQuery", "Invalid query parameter type for %s: expected an object with a "
                          "type" % label, "q")
        t = ptype["type"].upper()
        t = {"INTEGER": "INT64", "FLOAT": "FLOAT64", "BOOLEAN": "BOOL", "RECORD": "STRUCT"}.get(t, t)
        if t == "ARRAY":
            if "arrayType" not in ptype:
                raise BqError(400, "invalidQuery", "Array type of %s has no arrayType" % label, "q")
            inner_t, inner_pg = self.param_type(ptype["arrayType"], label)
            if inner_t == "ARRAY":
                raise BqError(400, "invalidQuery", "Arrays of arrays are not supported (%s)" % label, "q")
            return t, inner_pg + "[]"
        if t == "STRUCT":
            fields = ptype.get("structTypes")
            if not isinstance(fields, list) or not fields:
                raise BqError(400, "invalidQuery", "Struct type of %s has no structTypes" % label, "q")
            cols = []
            for i, f in enumerate(fields):
                if not isinstance(f, dict):
                    raise BqError(400, "invalidQuery", "Invalid struct field type in %s" % label, "q")
                cols.append((f.get("name") or "_field_%d" % (i + 1), self.param_type(f.get("type"), label)[1]))
            return t, self.struct_type(cols)
        if t == "GEOGRAPHY" and self.has_geography:
            return t, "public.geography"
        if t == "BIGNUMERIC" and self.has_bignumeric:
            return t, "public.bignumeric"
        pgt = TYPE_MAP.get(t) or {"GEOGRAPHY": "text"}.get(t)
        if pgt is None:
            raise BqError(400, "invalidQuery", "Unsupported query parameter type %s for %s" % (t, label), "q")
        return t, pgt

    def struct_type(self, cols):
        """A composite type (in bqfake_fns) with these (name, PostgreSQL type)
        columns, created once: a STRUCT parameter's value keeps its field
        names, as GoogleSQL's does."""
        body = ", ".join("%s %s" % (pg_ident(n), t) for n, t in cols)
        name = "bq_struct_" + hashlib.md5(body.encode()).hexdigest()[:16]
        with self.struct_lock:
            if name not in self.struct_types:
                with self.conn().cursor() as cur:
                    try:
                        cur.execute("CREATE TYPE bqfake_fns.%s AS (%s)" % (name, body))
                    except psycopg2.errors.DuplicateObject:
                        pass
                self.struct_types.add(name)
        return "bqfake_fns." + name

    def param_sql(self, ptype, pvalue, label):
        """SQL for one parameter: its value cast to its type; 400 invalidQuery
        for anything malformed (never a 500, which clients retry)."""
        t, pgt = self.param_type(ptype, label)
        if pvalue is None:
            return "CAST(NULL AS %s)" % pgt
        if not isinstance(pvalue, dict):
            raise BqError(400, "invalidQuery", "Invalid value for %s: parameterValue must be an object" % label, "q")
        if t == "ARRAY":
            vals = pvalue.get("arrayValues") or []
            if not isinstance(vals, list):
                raise BqError(400, "invalidQuery", "Invalid value for %s: arrayValues must be a list" % label, "q")
            return "CAST(ARRAY[%s]::%s AS %s)" % (", ".join(self.param_sql(ptype["arrayType"], v, label)
                                                            for v in vals), pgt, pgt) if vals else \
                "CAST('{}' AS %s)" % pgt
        if t == "STRUCT":
            vals = pvalue.get("structValues")
            if vals is None:
                return "CAST(NULL AS %s)" % pgt
            if not isinstance(vals, dict):
                raise BqError(400, "invalidQuery", "Invalid value for %s: structValues must be an object" % label,
                              "q")
            parts = []
            for i, f in enumerate(ptype["structTypes"]):
                fname = f.get("name") or "_field_%d" % (i + 1)
                parts.append(self.param_sql(f.get("type"), vals.get(fname), label + "." + fname))
            return "CAST(ROW(%s) AS %s)" % (", ".join(parts), pgt)
        if "value" not in pvalue or pvalue["value"] is None:
            return "CAST(NULL AS %s)" % pgt
        val = pvalue["value"]
        if isinstance(val, bool):
            val = "true" if val else "false"
        elif isinstance(val, (int, float)):
            val = repr(val)
        if not isinstance(val, str):
            raise BqError(400, "invalidQuery", "Invalid value for %s: a %s value must be a string" % (label, t), "q")
        check = self.SCALAR_PARAM_CHECKS.get(t)
        if check and not check(val.strip()):
            raise BqError(400, "invalidQuery", "Invalid %s value for %s: %s" % (t, label, val), "q")
        if t == "BYTES":
            try:
                val = "\\x" + base64.b64decode(val, validate=True).hex()
            except (binascii.Error, ValueError):
                raise BqError(400, "invalidQuery", "Invalid BYTES value for %s: not base64" % label, "q")
        return "CAST(%s AS %s)" % (pg_literal(val), pgt)

    # -- schemas -----------------------------------------------------------
    def field_for(self, name, typoid, typname=None):
        cur = self.conn().cursor()
        cur.execute("SELECT t.typtype, t.typelem, t.typrelid, t.typbasetype, t.typname, "
                    "(SELECT e.typname FROM pg_type e WHERE e.oid = t.typelem) FROM pg_type t WHERE t.oid = %s",
                    (typoid,))
        typtype, typelem, typrelid, basetype, tname, ename = cur.fetchone()
        if typtype == "d":
            if tname == "bignumeric":
                return {"name": name, "type": "BIGNUMERIC", "mode": "NULLABLE"}
            if tname == "geography":
                return {"name": name, "type": "GEOGRAPHY", "mode": "NULLABLE"}
            return self.field_for(name, basetype)
        if typelem and tname.startswith("_"):
            f = self.field_for(name, typelem)
            f["mode"] = "REPEATED"
            return f
        if typtype == "c":
            cur.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s AND attnum > 0 AND NOT "
                        "attisdropped ORDER BY attnum", (typrelid,))
            return {"name": name, "type": "RECORD", "mode": "NULLABLE",
                    "fields": [self.field_for(a, t) for a, t in cur.fetchall()]}
        return {"name": name, "type": SCALAR_TYPES.get(typoid, "STRING"), "mode": "NULLABLE"}

    def encode_field(self, expr, field, int64_ts):
        if field["mode"] == "REPEATED":
            inner = dict(field, mode="NULLABLE")
            return ("(SELECT coalesce(json_agg(json_build_object('v', %s)), '[]'::json) FROM unnest(%s) AS _e(x))"
                    % (self.encode_field("_e.x", inner, int64_ts), expr))
        if field["type"] == "RECORD":
            parts = ", ".join("json_build_object('v', %s)" % self.encode_field("(%s).%s" % (expr, f["name"]), f,
                                                                                   int64_ts) for f in field["fields"])
            # num_nulls, not IS NULL: a row whose fields are all NULL "IS NULL" in PostgreSQL, but it is a
            # STRUCT with NULL fields in BigQuery.
            return ("CASE WHEN num_nulls(%s) = 1 THEN NULL ELSE json_build_object('f', json_build_array(%s)) END"
                    % (expr, parts))
        return encode_scalar(expr, field["type"], int64_ts)

    def table_stats(self, ds, tb):
        key = (ds, tb)
        if key not in self.table_cache:
            cur = self.conn().cursor()
            cur.execute("SELECT a.attname, a.atttypid, a.attnotnull, col_description(c.oid, a.attnum), "
                        "obj_description(c.oid, 'pg_class'), c.relkind FROM pg_attribute a JOIN pg_class c ON "
                        "c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s "
                        "AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", (ds, tb))
            cols = cur.fetchall()
            fields = []
            for name, typ, notnull, cdesc, _, _ in cols:
                f = self.field_for(name, typ)
                if notnull and f["mode"] == "NULLABLE":
                    f["mode"] = "REQUIRED"
                if cdesc:
                    f["description"] = cdesc
                fields.append(f)
            if cols and cols[0][5] in ("v", "m"):
                # Views have no stored rows: BigQuery reports no numRows for them.
                cur.execute("SELECT pg_get_viewdef(%s::regclass)", ("%s.%s" % (pg_ident(ds), pg_ident(tb)),))
                self.table_cache[key] = {"fields": fields, "rows": None, "col_bytes": {}, "type": "VIEW",
                                         "description": cols[0][4], "view_query": cur.fetchone()[0].strip()}
                return self.table_cache[key]
            sizes = ", ".join("coalesce(sum(octet_length(%s::text)), 0)" % psycopg2.extensions.quote_ident(c[0], cur)
                              for c in cols)
            cur.execute('SELECT count(*)%s FROM "%s"."%s"' % (", " + sizes if sizes else "", ds, tb))
            row = cur.fetchone()
            col_bytes = {}
            for (name, typ, *_), f, total in zip(cols, fields, row[1:]):
                fixed = {"INTEGER": 8, "FLOAT": 8, "TIMESTAMP": 8, "DATE": 8, "DATETIME": 8, "TIME": 8,
                         "BOOLEAN": 1, "NUMERIC": 16, "BIGNUMERIC": 32}.get(f["type"])
                col_bytes[name.lower()] = (fixed * row[0]) if fixed and f["mode"] != "REPEATED" else \
                    int(total) + 2 * row[0]
            self.table_cache[key] = {"fields": fields, "rows": row[0], "col_bytes": col_bytes,
                                     "description": cols[0][4] if cols else None,
                                     "type": "VIEW" if cols and cols[0][5] == "v" else "TABLE"}
        return self.table_cache[key]

    def bytes_for(self, tr):
        total = 0
        for ds, tb in set(tr.tables):
            st = self.table_stats(ds, tb)
            for col, b in st["col_bytes"].items():
                if tr.star or col in tr.columns:
                    total += b
        return total

    # -- jobs --------------------------------------------------------------
    def run_query(self, body):
        if body.get("useLegacySql", True) is not False:
            raise BqError(400, "invalidQuery", "Invalid table name: legacy SQL is the default; this service only "
                          "runs queries sent with useLegacySql: false")
        params = body.get("queryParameters", [])
        tr = Translator(self, params, body.get("parameterMode"))
        pgsql = tr.translate(body.get("query", ""))
        int64_ts = body.get("formatOptions", {}).get("useInt64Timestamp", False)
        cur = self.conn().cursor()
        try:
            cur.execute("SELECT * FROM (%s) AS _q LIMIT 0" % pgsql)
        except psycopg2.Error as e:
            raise BqError(400, "invalidQuery", pg_message(e), "q")
        names = [d.name for d in cur.description]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise BqError(400, "invalidQuery", "Duplicate column names in the result are not supported. Found "
                          "duplicate(s): " + ", ".join(sorted(dup)))
        # The result description gives a domain's base type (numeric for
        # bignumeric, text for geography): pg_typeof over an empty row keeps it.
        cols = ", ".join("c%d" % i for i in range(len(names)))
        try:
            cur.execute("SELECT %s FROM (SELECT 1) AS _d LEFT JOIN (SELECT * FROM (%s) AS _q LIMIT 0) AS _r(%s) ON true"
                        % (", ".join("pg_typeof(_r.c%d)::oid" % i for i in range(len(names))), pgsql, cols))
            types = cur.fetchone()
        except psycopg2.Error:
            types = [d.type_code for d in cur.description]
        fields = [self.field_for(n, t) for n, t in zip(names, types)]
        nbytes = self.bytes_for(tr)
        return tr, pgsql, fields, nbytes, int64_ts

    def encode_rows(self, fields, source, int64_ts):
        """Each row of `source` (SQL whose columns match `fields`) as
        BigQuery's JSON row text."""
        cols = ", ".join("c%d" % i for i in range(len(fields)))
        encs = ", ".join("json_build_object('v', %s)" % self.encode_field("_q.c%d" % i, f, int64_ts)
                         for i, f in enumerate(fields))
        sql = "SELECT json_build_object('f', json_build_array(%s))::text FROM (%s) AS _q(%s)" % (
            encs, source, cols) if fields else "SELECT '{\"f\":[]}' FROM (%s) _q" % source
        cur = self.conn().cursor()
        cur.execute(sql)
        return [r[0] for r in cur.fetchall()]

    def execute_job(self, job):
        try:
            job["rows"] = self.encode_rows(job["fields"], job["pgsql"], job["int64_ts"])
        except psycopg2.Error as e:
            job["error"] = BqError(400, "invalidQuery", pg_message(e), "q")
        job["done_at"] = max(job["done_at"], time.time())

    @staticmethod
    def has_timestamp(fields):
        return any(f["type"] == "TIMESTAMP" or Fake.has_timestamp(f.get("fields", [])) for f in fields)

    def rows_for(self, job, int64_ts):
        """The job's rows with TIMESTAMPs as int64 microseconds (int64_ts) or
        float seconds, as getQueryResults' formatOptions.useInt64Timestamp asks."""
        if int64_ts == job["int64_ts"] or not self.has_timestamp(job["fields"]):
            return job["rows"]
        if "rows_alt" not in job:
            job["rows_alt"] = self.encode_rows(job["fields"], job["pgsql"], int64_ts)
        return job["rows_alt"]

    def job_state(self, job, wait_ms):
        deadline = time.time() + wait_ms / 1000.0
        while time.time() < job["done_at"] and time.time() < deadline and not job["cancelled"]:
            time.sleep(0.02)
        if job["cancelled"]:
            raise BqError(400, "stopped", "Job execution was cancelled: User requested cancellation")
        if job.get("error"):
            raise job["error"]
        return time.time() >= job["done_at"] and "rows" in job

    # -- table data ----------------------------------------------------------
    def table_rows(self, ds, tb, fields, start, n, int64_ts):
        """Rows start..start+n of a table in storage order, as tabledata.list reads them."""
        cols = ", ".join(pg_ident(f["name"]) for f in fields)
        source = "SELECT %s FROM %s.%s ORDER BY ctid LIMIT %d OFFSET %d" % (cols or "1", pg_ident(ds), pg_ident(tb),
                                                                          n, start)
        return self.encode_rows(fields, source, int64_ts)

    def dataset_resource(self, ds):
        with self.conn().cursor() as cur:
            cur.execute("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s", (ds,))
            row = cur.fetchone()
        doc = {"kind": "bigquery#dataset", "etag": base64.b64encode(hashlib.md5(ds.encode()).digest()[:9]).decode(),
               "id": "%s:%s" % (self.project, ds),
               "selfLink": "https://bigquery.googleapis.com/bigquery/v2/projects/%s/datasets/%s" % (self.project, ds),
               "datasetReference": {"datasetId": ds, "projectId": self.project},
               "access": [{"role": "OWNER", "specialGroup": "projectOwners"},
                          {"role": "READER", "specialGroup": "projectReaders"}],
               "creationTime": self.started_ms, "lastModifiedTime": self.started_ms,
               "location": self.location, "type": "DEFAULT"}
        if row and row[0]:
            doc["description"] = row[0]
        return doc


class Handler(FakeHandler):
    content_type = "application/json; charset=UTF-8"
    log_prefix = "bqfake"
    drop_prefix = b'{"kind":"bigquery#getQueryResultsResponse","rows":[{"f":['

    def log_enabled(self):
        return bool(os.environ.get("BQFAKE_LOG"))

    def fault_body(self, status, fault):
        return error_body(status, fault.get("reason", "backendError"), fault.get("message", "Injected fault"))

    def not_found(self, path):
        raise BqError(404, "notFound", "Not found: " + path)

    def on_error(self, e):
        if isinstance(e, BqError):
            self.send_json(e.code, error_body(e.code, e.reason, e.message, e.location))
        else:  # a bug of the fake: answer as Google's backend would
            self.send_json(500, error_body(500, "internalError", "fake: %s" % str(e).split("\n")[0]))

    def route(self, method, path, qs, body):
        fake = self.fake
        if path == "/token":
            return self.token(body)
        if path == "/computeMetadata/v1/instance/service-accounts/default/token":
            return self.metadata_token(qs)
        m = re.fullmatch(r"/v1/projects/-/serviceAccounts/([^/:]+):generateAccessToken", unquote(path))
        if m and method == "POST":
            return self.generate_access_token(m.group(1), json.loads(body or b"{}"))
        if path.startswith("/bigquery/v2"):
            path = path[len("/bigquery/v2"):]
        fake.count("requests")
        # Faults on requests whose path holds the fault's "path" (slow_job is taken by jobs.query).
        fault = fake.take_fault(lambda f: f.get("path", "") in path and f["kind"] != "slow_job")
        if fault and self.answer_fault(fault):
            return
        self.authenticate()
        parts = [unquote(p) for p in path.split("/") if p]
        if len(parts) < 2 or parts[0] != "projects":
            raise BqError(404, "notFound", "Not found: URL " + path)
        if parts[1] != fake.project:
            raise BqError(404, "notFound", "Not found: Project " + parts[1])
        rest = parts[2:]
        if method == "POST" and rest == ["queries"]:
            return self.jobs_query(json.loads(body or b"{}"))
        if method == "GET" and len(rest) == 2 and rest[0] == "queries":
            return self.get_results(rest[1], qs)
        if method == "POST" and len(rest) == 3 and rest[0] == "jobs" and rest[2] == "cancel":
            return self.cancel(rest[1])
        if method == "POST" and rest == ["jobs"]:
            return self.jobs_insert(json.loads(body or b"{}"))
        if method == "GET" and rest == ["jobs"]:
            return self.list_jobs(qs)
        if method == "GET" and len(rest) == 2 and rest[0] == "jobs":
            return self.get_job(rest[1])
        if method == "GET" and rest == ["datasets"]:
            ds = fake.datasets()
            start = int(qs["pageToken"]) if qs.get("pageToken", "").isdigit() else 0
            n = min(int(qs.get("maxResults", 0) or 0) or 1000, 1000)
            doc = {"kind": "bigquery#datasetList", "etag": "x"}
            if ds[start:start + n]:
                doc["datasets"] = [{"kind": "bigquery#dataset", "id": "%s:%s" % (fake.project, d),
                                    "datasetReference": {"projectId": fake.project, "datasetId": d},
                                    "location": fake.location} for d in ds[start:start + n]]
            if start + n < len(ds):
                doc["nextPageToken"] = str(start + n)
            return self.send_json(200, doc)
        if len(rest) >= 2 and rest[0] == "datasets":
            if rest[1] not in fake.datasets():
                raise BqError(404, "notFound", "Not found: Dataset %s:%s" % (fake.project, rest[1]))
            if method == "GET" and len(rest) == 2:
                return self.send_json(200, fake.dataset_resource(rest[1]))
            if method == "GET" and len(rest) == 3 and rest[2] == "tables":
                return self.list_tables(rest[1], qs)
            if method == "GET" and len(rest) == 4 and rest[2] == "tables":
                return self.get_table(rest[1], rest[3])
            if method == "GET" and len(rest) == 5 and rest[2] == "tables" and rest[4] == "data":
                return self.table_data(rest[1], rest[3], qs)
            if method == "POST" and len(rest) == 5 and rest[4] == "insertAll":
                return self.insert_all(rest[1], rest[3], json.loads(body or b"{}"))
        raise BqError(404, "notFound", "Not found: URL " + path)

    def authenticate(self):
        if self.fake.args.no_auth:
            return
        h = self.headers.get("Authorization", "")
        tok = h[7:] if h.startswith("Bearer ") else None
        exp = self.fake.tokens.get(tok) if tok else None
        if tok and tok in self.fake.args.static_tokens:
            return
        if exp is None or exp < time.time():
            raise BqError(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 "
                          "access token, login cookie or other valid authentication credential.")

    def metadata_token(self, qs):
        """The GCE metadata server's token of the host's service account:
        refused without Metadata-Flavor: Google (as the real one refuses
        requests that could come from a browser or a redirect)."""
        if self.headers.get("Metadata-Flavor") != "Google":
            return self.send_body(403, "Missing Metadata-Flavor:Google header.", "text/plain")
        scopes = qs.get("scopes", "")
        scopes = ",".join(scopes) if isinstance(scopes, list) else scopes
        if scopes and "bigquery" not in scopes and "cloud-platform" not in scopes:
            return self.send_json(400, {"error": "invalid_scope", "error_description": "Invalid OAuth scope"})
        tok = "ya29.metadata-" + secrets.token_urlsafe(24)
        with self.fake.lock:
            self.fake.tokens[tok] = time.time() + 3599
            self.fake.stats["metadata_tokens"] += 1
        self.send_json(200, {"access_token": tok, "expires_in": 3599, "token_type": "Bearer"})

    def generate_access_token(self, target, req):
        """IAM Credentials' generateAccessToken: the caller's token must be
        valid and allowed to act as `target` (--impersonable)."""
        self.authenticate()
        if target not in self.fake.args.impersonable:
            return self.send_json(403, {"error": {"code": 403, "status": "PERMISSION_DENIED",
                                                  "message": "Permission 'iam.serviceAccounts.getAccessToken' denied "
                                                             "on resource (or it may not exist)."}})
        scope = req.get("scope") or []
        if not isinstance(scope, list) or not any("bigquery" in s or "cloud-platform" in s for s in scope):
            return self.send_json(400, {"error": {"code": 400, "status": "INVALID_ARGUMENT",
                                                  "message": "Scope required."}})
        tok = "ya29.impersonated-" + secrets.token_urlsafe(24)
        with self.fake.lock:
            self.fake.tokens[tok] = time.time() + 3600
            self.fake.stats["impersonations"] += 1
        expire = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
        self.send_json(200, {"accessToken": tok, "expireTime": expire})

    def token(self, body):
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}

        def refuse(desc):
            self.send_json(400, {"error": "invalid_grant", "error_description": desc})
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return self.send_json(400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"})
        try:
            header, claims, sig, signed = decode_jwt(form.get("assertion", ""))
        except ValueError:
            return refuse("Invalid JWT: Token must be a short-lived token and in a reasonable timeframe")
        if header.get("alg") != "RS256":
            return refuse("Invalid JWT: unsupported algorithm")
        key = self.fake.keys.get(claims.get("iss"))
        if key is None or not rs256_valid(key, sig, signed):
            return refuse("Invalid JWT Signature.")
        now = time.time()
        if claims.get("aud") != "http://127.0.0.1:%d/token" % self.fake.args.port:
            return refuse("Invalid JWT: Failed audience check.")
        if not isinstance(claims.get("exp"), int) or claims["exp"] < now or claims.get("iat", 0) > now + 60 \
                or claims["exp"] - claims.get("iat", 0) > 3600:
            return refuse("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
                          " Check your iat and exp values in the JWT claim.")
        if "bigquery" not in claims.get("scope", "") and "cloud-platform" not in claims.get("scope", ""):
            return self.send_json(400, {"error": "invalid_scope", "error_description": "Invalid OAuth scope"})
        tok = "ya29.fake-" + secrets.token_urlsafe(24)
        with self.fake.lock:
            self.fake.tokens[tok] = now + 3599
            self.fake.stats["token_grants"] += 1
        self.send_json(200, {"access_token": tok, "expires_in": 3599, "token_type": "Bearer"})

    def page(self, job, start, max_results, kind="bigquery#getQueryResultsResponse", int64_ts=None):
        rows_all = job["rows"] if int64_ts is None else self.fake.rows_for(job, int64_ts)
        n = min(max_results or self.fake.page_cap, self.fake.page_cap)
        rows = rows_all[start:start + n]
        # Each row is already JSON text: splice rather than re-encode.
        doc = {"kind": kind, "etag": "x",
               "schema": {"fields": job["fields"]},
               "jobReference": {"projectId": self.fake.project, "jobId": job["id"], "location": self.fake.location},
               "totalRows": str(len(rows_all)), "jobComplete": True, "cacheHit": job.get("cache_hit", False),
               "totalBytesProcessed": str(job["bytes"]), "totalBytesBilled": str(job["billed"])}
        if start + n < len(rows_all):
            doc["pageToken"] = "%s:%d" % (job["id"], start + n)
        head = json.dumps(doc, separators=(",", ":"))[:-1]
        return head + ',"rows":[' + ",".join(rows) + "]}"

    def create_job(self, cfg, job_id=None, dry_run=False):
        """A query job from a jobs.query body or a jobs.insert
        configuration.query (plus job_id, dry_run): the job dict, or for a
        dry run the statistics. Query errors raise BqError."""
        fake = self.fake
        tr, pgsql, fields, nbytes, int64_ts = fake.run_query(cfg)
        billed = 0 if nbytes == 0 else max(10 * 1024 * 1024, -(-nbytes // (1024 * 1024)) * 1024 * 1024)
        if dry_run:
            with fake.lock:
                fake.stats["dry_runs"] += 1
            return {"fields": fields, "bytes": nbytes}
        mbb = cfg.get("maximumBytesBilled")
        if mbb is not None and billed > int(mbb):
            raise BqError(400, "bytesBilledLimitExceeded", "Query exceeded limit for bytes billed: %s. %d or "
                          "higher required." % (mbb, billed))
        slow = fake.take_fault(lambda f: f["kind"] == "slow_job")
        delay = slow.get("seconds", 5) if slow else 0
        now = time.time()
        with fake.lock:
            job = {"id": job_id or "job_" + uuid.uuid4().hex[:20], "fields": fields, "pgsql": pgsql, "bytes": nbytes,
                   "billed": billed, "int64_ts": int64_ts, "cancelled": False, "done_at": now + delay,
                   "labels": cfg.get("labels", {}), "query": cfg.get("query"), "created": now,
                   "config": cfg}
            fake.jobs[job["id"]] = job
            fake.stats["jobs_created"] += 1
            fake.stats["last_job"] = {"id": job["id"], "labels": job["labels"], "query": job["query"]}
        # useQueryCache false: the cache is not looked in (the results are still stored, as BigQuery's are).
        key = json.dumps([cfg.get("query"), cfg.get("queryParameters"), int64_ts], sort_keys=True)
        cached = fake.result_cache.get(key) if fake.result_cache is not None and \
            cfg.get("useQueryCache", True) is not False else None
        if cached is not None:
            job.update(rows=cached, cache_hit=True, bytes=0, billed=0)
        else:
            fake.execute_job(job)
            if fake.result_cache is not None and "rows" in job:
                fake.result_cache[key] = job["rows"]
        return job

    def job_resource(self, job, full=True):
        """The Job resource (jobs.get, jobs.insert, jobs.list, jobs.cancel)."""
        fake = self.fake
        ref = {"projectId": fake.project, "jobId": job["id"], "location": fake.location}
        done = job["cancelled"] or time.time() >= job["done_at"]
        status = {"state": "DONE" if done else "RUNNING"}
        err = None
        if job["cancelled"]:
            err = {"reason": "stopped", "message": "Job execution was cancelled: User requested cancellation"}
        elif done and job.get("error"):
            e = job["error"]
            err = {"reason": e.reason, "message": e.message}
            if e.location:
                err["location"] = "query"
        if err:
            status["errorResult"] = err
            status["errors"] = [err]
        ms = lambda t: str(int(t * 1000))
        stats = {"creationTime": ms(job["created"]), "startTime": ms(job["created"])}
        q = {"cacheHit": job.get("cache_hit", False), "statementType": "SELECT"}
        if done:
            stats["endTime"] = ms(max(job["done_at"], job["created"]) if not job["cancelled"] else time.time())
            stats["totalBytesProcessed"] = str(job["bytes"])
            q.update(totalBytesProcessed=str(job["bytes"]), totalBytesBilled=str(job["billed"]),
                     billingTier=1)
            if not err:
                q["schema"] = {"fields": job["fields"]}
        stats["query"] = q
        cfg = {k: v for k, v in job["config"].items() if k not in ("labels", "formatOptions", "requestId",
                                                                   "timeoutMs", "maxResults", "location")}
        cfg.setdefault("useLegacySql", False)
        doc = {"kind": "bigquery#job", "etag": base64.b64encode(job["id"].encode()[:12]).decode(),
               "id": "%s:%s.%s" % (fake.project, fake.location, job["id"]),
               "selfLink": "https://bigquery.googleapis.com/bigquery/v2/projects/%s/jobs/%s?location=%s"
                           % (fake.project, job["id"], fake.location),
               "user_email": "fdw-test@fake-project.iam.gserviceaccount.com",
               "jobReference": ref, "statistics": stats, "status": status,
               "principal_subject": "serviceAccount:fdw-test@fake-project.iam.gserviceaccount.com"}
        if full:
            doc["configuration"] = {"query": cfg, "jobType": "QUERY"}
            if job["labels"]:
                doc["configuration"]["labels"] = job["labels"]
        return doc

    def jobs_insert(self, body):
        """jobs.insert of a query job (the only kind this fake runs)."""
        fake = self.fake
        conf = body.get("configuration") or {}
        cfg = dict(conf.get("query") or {})
        if not cfg.get("query"):
            raise BqError(400, "invalid", "Required parameter is missing: configuration.query", "configuration")
        if conf.get("labels"):
            cfg["labels"] = conf["labels"]
        ref = body.get("jobReference") or {}
        if ref.get("location") and ref["location"] != fake.location:
            raise BqError(404, "notFound", "Not found: Dataset location %s does not match %s"
                          % (ref["location"], fake.location))
        cfg.setdefault("useLegacySql", True)  # jobs.insert's default, as BigQuery's
        job_id = ref.get("jobId")
        if job_id is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,1024}", str(job_id)):
            raise BqError(400, "invalid", "Invalid job ID \"%s\"" % job_id, "jobReference.jobId")
        if conf.get("dryRun"):
            st = self.create_job(cfg, dry_run=True)
            q = {"totalBytesProcessed": str(st["bytes"]), "totalBytesBilled": "0", "cacheHit": False,
                 "statementType": "SELECT", "schema": {"fields": st["fields"]},
                 "totalBytesProcessedAccuracy": "PRECISE"}
            now = str(int(time.time() * 1000))
            return self.send_json(200, {"kind": "bigquery#job", "etag": "x",
                                        "jobReference": {"projectId": fake.project, "location": fake.location},
                                        "configuration": {"query": cfg, "dryRun": True, "jobType": "QUERY"},
                                        "status": {"state": "DONE"},
                                        "statistics": {"creationTime": now, "totalBytesProcessed": q[
                                            "totalBytesProcessed"], "query": q},
                                        "user_email": "fdw-test@fake-project.iam.gserviceaccount.com"})
        if job_id is not None and job_id in fake.jobs:
            raise BqError(409, "duplicate", "Already Exists: Job %s:%s.%s" % (fake.project, fake.location, job_id))
        try:
            job = self.create_job(cfg, job_id=job_id)
        except BqError as e:
            if e.code != 400:
                raise
            # A query that fails is a job that failed: DONE with its errorResult.
            now = time.time()
            job = {"id": job_id or "job_" + uuid.uuid4().hex[:20], "fields": [], "pgsql": None, "bytes": 0,
                   "billed": 0, "int64_ts": False, "cancelled": False, "done_at": now, "labels": cfg.get("labels", {}),
                   "query": cfg.get("query"), "created": now, "config": cfg, "error": e}
            with fake.lock:
                fake.jobs[job["id"]] = job
        self.send_json(200, self.job_resource(job))

    def get_job(self, job_id):
        self.send_json(200, self.job_resource(self.find_job(job_id)))

    def find_job(self, job_id):
        job = self.fake.jobs.get(job_id)
        if job is None:
            raise BqError(404, "notFound", "Not found: Job %s:%s.%s" % (self.fake.project, self.fake.location, job_id))
        return job

    def list_jobs(self, qs):
        with self.fake.lock:
            jobs = sorted(self.fake.jobs.values(), key=lambda j: -j["created"])
        states = qs.get("stateFilter")
        full = qs.get("projection", "minimal") == "full"
        docs = []
        for j in jobs:
            d = self.job_resource(j, full)
            d["state"] = d["status"]["state"]
            if "errorResult" in d["status"]:
                d["errorResult"] = d["status"]["errorResult"]
            if states and d["state"].lower() not in states.lower().split(","):
                continue
            docs.append(d)
        start = int(qs.get("pageToken", "0")) if qs.get("pageToken", "0").isdigit() else 0
        n = min(int(qs.get("maxResults", 1000) or 1000), 1000)
        doc = {"kind": "bigquery#jobList", "etag": "x"}
        if docs[start:start + n]:
            doc["jobs"] = docs[start:start + n]
        if start + n < len(docs):
            doc["nextPageToken"] = str(start + n)
        self.send_json(200, doc)

    def jobs_query(self, body):
        fake = self.fake
        rid = body.get("requestId")
        if body.get("location") and body["location"] != fake.location:
            raise BqError(404, "notFound", "Not found: Dataset location %s does not match %s"
                          % (body["location"], fake.location))
        with fake.lock:
            job = fake.jobs.get(fake.request_ids.get(rid)) if rid else None
        if job is None:
            cfg = dict(body)
            cfg.setdefault("useLegacySql", True)
            if body.get("dryRun"):
                st = self.create_job(cfg, dry_run=True)
                return self.send_json(200, {"kind": "bigquery#queryResponse", "schema": {"fields": st["fields"]},
                                            "jobReference": {"projectId": fake.project, "location": fake.location},
                                            "totalBytesProcessed": str(st["bytes"]), "jobComplete": True,
                                            "cacheHit": False})
            job = self.create_job(cfg)
            if rid:
                with fake.lock:
                    fake.request_ids[rid] = job["id"]
        if not fake.job_state(job, body.get("timeoutMs", 10000)):
            return self.send_json(200, {"kind": "bigquery#queryResponse", "jobComplete": False,
                                        "jobReference": {"projectId": fake.project, "jobId": job["id"],
                                                         "location": fake.location}})
        self.send_json(200, self.page(job, 0, body.get("maxResults"), kind="bigquery#queryResponse"))

    def get_results(self, job_id, qs):
        job = self.find_job(job_id)
        if not self.fake.job_state(job, int(qs.get("timeoutMs", 10000))):
            return self.send_json(200, {"kind": "bigquery#getQueryResultsResponse", "jobComplete": False,
                                        "jobReference": {"projectId": self.fake.project, "jobId": job_id,
                                                         "location": self.fake.location}})
        start = 0
        if "pageToken" in qs:
            jid, _, off = qs["pageToken"].partition(":")
            if jid != job_id or not off.isdigit():
                raise BqError(400, "invalid", "Invalid page token")
            start = int(off)
        elif "startIndex" in qs:
            start = int(qs["startIndex"])
        int64_ts = qs.get("formatOptions.useInt64Timestamp", "false").lower() == "true"
        self.send_json(200, self.page(job, start, int(qs.get("maxResults", 0)) or None, int64_ts=int64_ts))

    def cancel(self, job_id):
        job = self.find_job(job_id)
        with self.fake.lock:
            # A job that has finished stays as it finished; one still running stops.
            if time.time() < job["done_at"] or "rows" not in job and not job.get("error"):
                job["cancelled"] = True
            self.fake.stats["cancelled"].append(job_id)
        self.send_json(200, {"kind": "bigquery#jobCancelResponse", "job": self.job_resource(job)})

    def table_data(self, ds, tb, qs):
        """tabledata.list: a table's rows in storage order, paged."""
        if not self.fake.table_exists(ds, tb):
            raise BqError(404, "notFound", "Not found: Table %s:%s.%s" % (self.fake.project, ds, tb))
        st = self.fake.table_stats(ds, tb)
        if st["type"] != "TABLE":
            raise BqError(400, "invalid", "Cannot list a table of type VIEW.")
        fields = st["fields"]
        if qs.get("selectedFields"):
            want = [f.strip().lower() for f in qs["selectedFields"].split(",")]
            unknown = [w for w in want if w not in [f["name"].lower() for f in fields]]
            if unknown:
                raise BqError(400, "invalid", "Field %s not found in table schema" % unknown[0], "selectedFields")
            fields = [f for f in fields if f["name"].lower() in want]
        start = 0
        tok = qs.get("pageToken")
        if tok is not None:
            if not tok.isdigit():
                raise BqError(400, "invalid", "Invalid page token")
            start = int(tok)
        elif "startIndex" in qs:
            start = int(qs["startIndex"])
        n = min(int(qs.get("maxResults", 0) or 0) or self.fake.page_cap, self.fake.page_cap)
        int64_ts = qs.get("formatOptions.useInt64Timestamp", "false").lower() == "true"
        rows = self.fake.table_rows(ds, tb, fields, start, n, int64_ts)
        total = st["rows"]
        doc = {"kind": "bigquery#tableDataList", "etag": "x", "totalRows": str(total)}
        if start + n < total:
            doc["pageToken"] = str(start + n)
        head = json.dumps(doc, separators=(",", ":"))[:-1]
        self.send_json(200, head + (',"rows":[' + ",".join(rows) + "]}" if rows else "}"))

    def list_tables(self, ds, qs):
        cur = self.fake.conn().cursor()
        cur.execute("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = %s AND c.relkind IN ('r','v','m','p') ORDER BY 1", (ds,))
        rows = cur.fetchall()
        start = int(qs.get("pageToken", "0"))
        n = min(int(qs.get("maxResults", 1000)), 50)
        doc = {"kind": "bigquery#tableList", "totalItems": len(rows)}
        if rows[start:start + n]:
            doc["tables"] = [{"kind": "bigquery#table", "id": "%s:%s.%s" % (self.fake.project, ds, r),
                              "tableReference": {"projectId": self.fake.project, "datasetId": ds, "tableId": r},
                              "type": {"v": "VIEW", "m": "MATERIALIZED_VIEW"}.get(k, "TABLE"),
                              "creationTime": self.fake.started_ms}
                             for r, k in rows[start:start + n]]
        if start + n < len(rows):
            doc["nextPageToken"] = str(start + n)
        self.send_json(200, doc)

    def get_table(self, ds, tb):
        if not self.fake.table_exists(ds, tb):
            raise BqError(404, "notFound", "Not found: Table %s:%s.%s" % (self.fake.project, ds, tb))
        st = self.fake.table_stats(ds, tb)
        doc = {"kind": "bigquery#table", "etag": "x", "id": "%s:%s.%s" % (self.fake.project, ds, tb),
               "selfLink": "https://bigquery.googleapis.com/bigquery/v2/projects/%s/datasets/%s/tables/%s"
                           % (self.fake.project, ds, tb),
               "tableReference": {"projectId": self.fake.project, "datasetId": ds, "tableId": tb},
               "schema": {"fields": st["fields"]}, "type": st["type"], "location": self.fake.location,
               "creationTime": self.fake.started_ms, "lastModifiedTime": self.fake.started_ms}
        if st["type"] == "VIEW":
            doc["view"] = {"query": st.get("view_query") or "", "useLegacySql": False}
        if st["rows"] is not None:
            doc["numRows"] = str(st["rows"])
            doc["numBytes"] = str(sum(st["col_bytes"].values()))
        if st["description"]:
            doc["description"] = st["description"]
        self.send_json(200, doc)

    def insert_all(self, ds, tb, body):
        """tabledata.insertAll. With skipInvalidRows false (the default) one
        invalid row fails the request: every row gets insertErrors (the
        valid ones reason "stopped") and none is written; with it true the
        valid rows are written. A field the table lacks is invalid unless
        ignoreUnknownValues."""
        if not self.fake.table_exists(ds, tb):
            raise BqError(404, "notFound", "Not found: Table %s:%s.%s" % (self.fake.project, ds, tb))
        rows = body.get("rows", [])
        if not isinstance(rows, list):
            raise BqError(400, "invalid", "Invalid value for rows", "rows")
        known = {f["name"].lower() for f in self.fake.table_stats(ds, tb)["fields"]}
        skip_invalid, ignore_unknown = bool(body.get("skipInvalidRows")), bool(body.get("ignoreUnknownValues"))
        errors, ok = {}, []
        conn = self.fake.conn()
        cur = conn.cursor()
        cur.execute("BEGIN")
        try:
            for i, row in enumerate(rows):
                rec = row.get("json", {}) if isinstance(row, dict) else None
                if not isinstance(rec, dict):
                    errors[i] = [{"reason": "invalid", "location": "", "debugInfo": "", "message": "Invalid row"}]
                    continue
                extra = [k for k in rec if k.lower() not in known]
                if extra and not ignore_unknown:
                    errors[i] = [{"reason": "invalid", "location": extra[0], "debugInfo": "",
                                  "message": "no such field: %s." % extra[0]}]
                    continue
                cur.execute("SAVEPOINT r")
                try:
                    cur.execute('INSERT INTO %s.%s SELECT * FROM jsonb_populate_record(NULL::%s.%s, %%s)'
                                % (pg_ident(ds), pg_ident(tb), pg_ident(ds), pg_ident(tb)),
                                (json.dumps({k.lower(): v for k, v in rec.items()}),))
                    cur.execute("RELEASE SAVEPOINT r")
                    ok.append(i)
                except psycopg2.Error as e:
                    cur.execute("ROLLBACK TO SAVEPOINT r")
                    errors[i] = [{"reason": "invalid", "location": "", "debugInfo": "",
                                  "message": pg_message(e)}]
            if errors and not skip_invalid:
                cur.execute("ROLLBACK")
                for i in ok:
                    errors[i] = [{"reason": "stopped", "location": "", "debugInfo": "", "message": ""}]
            else:
                cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        self.fake.table_cache.pop((ds, tb), None)
        doc = {"kind": "bigquery#tableDataInsertAllResponse"}
        if errors:
            doc["insertErrors"] = [{"index": i, "errors": errors[i]} for i in sorted(errors)]
        self.send_json(200, doc)


def main():
    ap = arg_parser("JSON {client_email: public key PEM}", "serve repeated queries from a cache, as BigQuery's "
                    "query cache does (the benchmark uses it so every run reads the same stored pages)")
    ap.add_argument("--project", default="fake-project")
    ap.add_argument("--location", default="US")
    ap.add_argument("--static-token", dest="static_tokens", action="append", default=[])
    ap.add_argument("--impersonable", action="append",
                    default=["team-a@fake-project.iam.gserviceaccount.com"],
                    help="service accounts any valid caller may impersonate")
    ap.add_argument("--no-auth", action="store_true")
    ap.add_argument("--page-cap", type=int, default=5000, help="most rows in one page")
    args = ap.parse_args()
    Handler.fake = Fake(args)
    serve(Handler, args.port, "bigquery fake")


if __name__ == "__main__":
    main()
