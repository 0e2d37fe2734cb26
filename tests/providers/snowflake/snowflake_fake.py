#!/usr/bin/python3
"""A local Snowflake SQL API v2 service for warehouse_fdw's tests.

Speaks the wire shapes of ../shared/docs/protocols.md §2 on 127.0.0.1 only:
POST /api/v2/statements (requestId; retry=true returns the statement already
submitted, never a second run), 200 results in jsonv2 with lowercase
rowType types, 202 then polling for slow statements, 422 errors with
Snowflake codes and SQL states, partitions (0 inline; 1..N by
?partition=N, always gzip, only {"data": ...}), cancel (then 422 000604 /
57014), EXPLAIN USING JSON (GlobalStats), key-pair JWT verified against each
user's registered public key (issuer with the SHA256 fingerprint, subject,
signature, lifetime), OAuth tokens, and injected faults (HTTP statuses,
dropped connections, slow statements, slow partitions).

Snowflake SQL is translated token by token into PostgreSQL and run on a real
database whose schemas are Snowflake schemas of one database (--database).
As in Snowflake, an unquoted identifier folds to UPPER case and a quoted one
is exact; string literals read backslash escapes; `:N` and `?` are binds
typed by the request's bindings (DATE in epoch milliseconds, TIME and
TIMESTAMP in epoch nanoseconds). INFORMATION_SCHEMA.TABLES and COLUMNS are
tables the fake fills from the catalog (refreshed by POST /_fake/reset).
Keywords are recognised whatever their case. Stops when its parent process
exits or on SIGTERM. The HTTP server, admin endpoints, fault injection and
tokenizer come from fake_core.py.
"""
import base64, gzip, hashlib, json, re, time, uuid
from urllib.parse import parse_qs

import psycopg2
from cryptography.hazmat.primitives import serialization

import os, sys  # fake_core.py, shared by every fake, is in tests/fakes
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fakes"))
from fake_core import (FakeBase, FakeHandler, Tokenizer, TranslatorBase, arg_parser, decode_jwt, load_public_keys,
                       numeric_typmod, pg_ident, pg_literal, pg_message, rs256_valid, serve, session_sql)


class SfError(Exception):
    """A statement failure: HTTP 422 unless `http` says otherwise."""

    def __init__(self, code, sql_state, message, http=422):
        super().__init__(message)
        self.code, self.sql_state, self.message, self.http = code, sql_state, message, http


def compile_error(msg, state="42000", code="001003"):
    return SfError(code, state, "SQL compilation error:\n" + msg)


# ---------------------------------------------------------------------------
# Snowflake SQL -> PostgreSQL

TOKEN_RE = re.compile(r"""
  (?P<ws>\s+|--[^\n]*|//[^\n]*|/\*.*?\*/)
 |(?P<str>'(?:[^'\\]|\\.|'')*'|\$\$.*?\$\$)
 |(?P<badstr>')
 |(?P<qid>"(?:[^"]|"")*")
 |(?P<num>\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)
 |(?P<bind>:\d+|\?)
 |(?P<ident>[A-Za-z_][A-Za-z_0-9$]*)
 |(?P<op><=|>=|<>|!=|\|\||::|=>|[-+*/%=<>(),.;:\[\]])
""", re.S | re.X)

# Snowflake type names -> PostgreSQL.
TYPE_MAP = {"NUMBER": "numeric", "DECIMAL": "numeric", "NUMERIC": "numeric", "INT": "numeric", "INTEGER": "numeric",
            "BIGINT": "numeric", "SMALLINT": "numeric", "FLOAT": "double precision", "FLOAT8": "double precision",
            "DOUBLE": "double precision", "REAL": "double precision", "VARCHAR": "text", "STRING": "text",
            "TEXT": "text", "CHAR": "text", "BINARY": "bytea", "VARBINARY": "bytea", "BOOLEAN": "boolean",
            "DATE": "date", "TIME": "time", "TIMESTAMP_NTZ": "timestamp", "DATETIME": "timestamp",
            "TIMESTAMP_LTZ": "timestamptz", "TIMESTAMP_TZ": "timestamptz", "VARIANT": "jsonb", "OBJECT": "jsonb",
            "ARRAY": "jsonb"}
# Functions whose Snowflake meaning needs a PostgreSQL helper.
FUNC_MAP = {"REGEXP_INSTR": "sf_regexp_instr", "DATEADD": "sf_dateadd", "DATEDIFF": "sf_datediff",
            "STARTSWITH": "starts_with", "IFF": "sf_iff", "DIV0": "sf_div0", "LEN": "length",
            "REGEXP_LIKE": "sf_regexp_like", "TO_VARCHAR": "sf_to_varchar", "BOOLAND_AGG": "bool_and",
            "BOOLOR_AGG": "bool_or", "DAYOFWEEKISO": "sf_dayofweekiso", "WEEKISO": "sf_weekiso",
            "YEAROFWEEKISO": "sf_yearofweekiso", "DAYOFYEAR": "sf_dayofyear"}
KEYWORDS = set("""SELECT FROM WHERE AND OR NOT AS ON JOIN LEFT RIGHT FULL OUTER INNER CROSS GROUP BY ORDER HAVING LIMIT
OFFSET ASC DESC NULLS FIRST LAST NULL TRUE FALSE IS IN LIKE ILIKE ESCAPE BETWEEN CASE WHEN THEN ELSE END CAST
DISTINCT UNION ALL EXCEPT INTERSECT MINUS WITH EXISTS INTERVAL OVER PARTITION USING ANY SOME FETCH NEXT ROW ROWS ONLY
LATERAL QUALIFY""".split())
UNSUPPORTED_API = ("USE", "BEGIN", "COMMIT", "ROLLBACK", "PUT", "GET", "START")
HELPERS = """
CREATE SCHEMA IF NOT EXISTS sffake_fns;
CREATE OR REPLACE FUNCTION sffake_fns.sf_regexp_instr(text, text) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL
    WHEN $1 ~ $2 THEN length(substring($1 from 0 for position(substring($1 from $2) in $1))) + 1 ELSE 0 END';
CREATE OR REPLACE FUNCTION sffake_fns.sf_regexp_instr(text, text, bigint, bigint, bigint, text) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $3 = 1 AND $4 = 1 AND $5 = 0 AND $6 = ''s''
    THEN sffake_fns.sf_regexp_instr($1, $2) END';
CREATE OR REPLACE FUNCTION sffake_fns.sf_regexp_like(text, text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS 'SELECT $1 ~ (''^(?:'' || $2 || '')$'')';
CREATE OR REPLACE FUNCTION sffake_fns.sf_dateadd(text, numeric, date) RETURNS date
  LANGUAGE sql IMMUTABLE AS 'SELECT ($3 + (trunc($2)::bigint || '' '' || $1)::interval)::date';
CREATE OR REPLACE FUNCTION sffake_fns.sf_datediff(text, date, date) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE lower($1) WHEN ''day'' THEN ($3 - $2)::bigint END';
CREATE OR REPLACE FUNCTION sffake_fns.sf_iff(boolean, anyelement, anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 THEN $2 ELSE $3 END';
CREATE OR REPLACE FUNCTION sffake_fns.sf_div0(numeric, numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $2 = 0 THEN 0 ELSE $1 / $2 END';
CREATE OR REPLACE FUNCTION sffake_fns.sf_to_varchar(anyelement) RETURNS text
  LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
-- A value as NUMBER(p, $2) holds it, $3 = p - $2 digits before the point: rounded to the scale, an error
-- (22003) when it does not fit; NaN and infinities are no NUMBER.
CREATE OR REPLACE FUNCTION sffake_fns.sf_fixed(numeric, int, int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
  'DECLARE v numeric; BEGIN
     IF $1 IS NULL THEN RETURN NULL; END IF;
     IF $1 IN (''NaN''::numeric, ''Infinity''::numeric, ''-Infinity''::numeric) THEN
       RAISE EXCEPTION USING ERRCODE = ''22003'', MESSAGE = ''Number out of representable range: type FIXED, value '' || $1;
     END IF;
     v := CASE WHEN scale($1) > $2 THEN round($1, $2) ELSE $1 END;
     IF abs(v) >= 10::numeric ^ $3 THEN
       RAISE EXCEPTION USING ERRCODE = ''22003'', MESSAGE = ''Number out of representable range: type FIXED, value '' || $1;
     END IF;
     RETURN v::text; END';
CREATE OR REPLACE FUNCTION sffake_fns.row_count(regclass) RETURNS bigint LANGUAGE plpgsql AS
  'DECLARE n bigint; BEGIN EXECUTE ''SELECT count(*) FROM '' || $1 INTO n; RETURN n; END';
""" + "".join(
    # Date parts as functions, of timestamps and dates alike.
    "CREATE OR REPLACE FUNCTION sffake_fns.%s(%s) RETURNS bigint\n"
    "  LANGUAGE sql IMMUTABLE AS 'SELECT extract(%s FROM $1)::bigint';\n" % (fn, typ, part)
    for fn, part in (("sf_dayofweekiso", "isodow"), ("sf_weekiso", "week"), ("sf_yearofweekiso", "isoyear"),
                     ("sf_dayofyear", "doy"))
    for typ in ("timestamp", "date"))


def decode_string(tok):
    if tok.startswith("$$"):
        return tok[2:-2]
    body, out, i = tok[1:-1], [], 0
    esc = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "\\": "\\", "'": "'", '"': '"'}
    while i < len(body):
        c = body[i]
        if c == "'":  # '' inside a literal
            out.append("'"); i += 2; continue
        if c == "\\":
            n = body[i + 1]
            if n == "x":
                out.append(chr(int(body[i + 2:i + 4], 16))); i += 4; continue
            if n == "u":
                out.append(chr(int(body[i + 2:i + 6], 16))); i += 6; continue
            out.append(esc.get(n, n)); i += 2; continue  # an unknown escape drops the backslash
        out.append(c); i += 1
    s = "".join(out)
    if "\0" in s:
        raise SfError("100069", "22P02", "String contains a NUL character")
    return s


def ident_value(kind, text):
    """The name an identifier token denotes: quoted exact, unquoted upper."""
    return text[1:-1].replace('""', '"') if kind == "qid" else text.upper()


tokenize = Tokenizer(TOKEN_RE,
                     lambda pos, ch: compile_error("syntax error line 1 at position %d unexpected '%s'." % (pos, ch),
                                                   code="001003"),
                     lambda pos: compile_error("syntax error line 1 at position %d unexpected '''." % pos))


def bind_literal(b, n):
    """A Snowflake binding {type, value} as a typed PostgreSQL literal."""
    t, v = (b.get("type") or "").upper(), b.get("value")
    pgt = {"FIXED": "numeric", "REAL": "double precision", "TEXT": "text", "BOOLEAN": "boolean", "BINARY": "bytea",
           "DATE": "date", "TIME": "time", "TIMESTAMP_NTZ": "timestamp", "TIMESTAMP_LTZ": "timestamptz",
           "TIMESTAMP_TZ": "timestamptz"}.get(t)
    if pgt is None:
        raise SfError("002049", "22000", "Unsupported data type '%s' for binding %s." % (t, n))
    if v is None:
        return "CAST(NULL AS %s)" % pgt
    if not isinstance(v, str):
        raise SfError("390142", "08P01", "Incoming request does not contain a valid payload.", http=400)

    def bad(kind):
        return SfError("100038" if kind == "Numeric" else "100040", "22018" if kind == "Numeric" else "22007",
                       "%s value '%s' is not recognized" % (kind, v))
    if t == "FIXED" and not re.fullmatch(r"[-+]?\d+(\.\d+)?", v):
        raise bad("Numeric")
    if t == "REAL" and not re.fullmatch(r"[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|NaN|inf)", v, re.I):
        raise bad("Numeric")
    if t == "BOOLEAN" and v.lower() not in ("true", "false"):
        raise SfError("100037", "22018", "Boolean value '%s' is not recognized" % v)
    if t == "BINARY":
        if not re.fullmatch(r"([0-9A-Fa-f]{2})*", v):
            raise SfError("100115", "22000", "The following string is not a legal hex-encoded value: '%s'" % v)
        return "'\\x%s'::bytea" % v
    if t == "DATE":  # epoch milliseconds
        if not re.fullmatch(r"-?\d+", v):
            raise bad("Date")
        return "(DATE '1970-01-01' + floor(%s / 86400000.0)::int)" % v
    if t == "TIME":  # nanoseconds since midnight
        if not re.fullmatch(r"\d+", v):
            raise bad("Time")
        return "(TIME '00:00' + make_interval(secs => %s / 1e9))" % v
    if t in ("TIMESTAMP_NTZ", "TIMESTAMP_LTZ"):  # epoch nanoseconds
        if not re.fullmatch(r"-?\d+", v):
            raise bad("Timestamp")
        e = "(TIMESTAMPTZ 'epoch' + make_interval(secs => %s / 1e9))" % v
        return "(%s AT TIME ZONE 'UTC')" % e if t == "TIMESTAMP_NTZ" else e
    if t == "TIMESTAMP_TZ":  # "<ns> <offset minutes + 1440>"
        m = re.fullmatch(r"(-?\d+) (\d+)", v)
        if not m:
            raise bad("Timestamp")
        return "(TIMESTAMPTZ 'epoch' + make_interval(secs => %s / 1e9))" % m.group(1)
    if t == "REAL":
        v = {"inf": "Infinity", "-inf": "-Infinity"}.get(v.lower(), v)
    return "CAST(%s AS %s)" % (pg_literal(v), pgt)


class Translator(TranslatorBase):
    def __init__(self, fake, ctx, bindings):
        super().__init__()
        self.fake, self.ctx, self.bindings = fake, ctx, bindings or {}

    def bind(self, tok):
        if tok == "?":
            self.positional += 1
            n = str(self.positional)
        else:
            n = tok[1:]
        b = self.bindings.get(n)
        if b is None:
            raise SfError("002049", "22000", "Bind variable :%s not set." % n)
        return bind_literal(b, n)

    def table(self, parts):
        db = self.ctx.get("database")
        sch = self.ctx.get("schema")
        if len(parts) == 3:
            db, sch, tb = parts
        elif len(parts) == 2:
            sch, tb = parts
        else:
            tb = parts[0]
        if db is None:
            raise compile_error("Cannot perform SELECT. This session does not have a current database. Call 'USE "
                                "DATABASE', or use a qualified name.", state="22000", code="090105")
        if sch is None:
            raise compile_error("Cannot perform SELECT. This session does not have a current schema. Call 'USE "
                                "SCHEMA', or use a qualified name.", state="22000", code="090106")
        full = "'%s.%s.%s'" % (db, sch, tb)
        if db != self.fake.database or not self.fake.table_exists(sch, tb):
            raise compile_error("Object %s does not exist or not authorized." % full, state="42S02", code="002003")
        self.tables.append((sch, tb))
        return self.fake.table_sql(sch, tb)

    def translate(self, sql):
        toks = tokenize(sql)
        out, i, prev_kw = [], 0, None
        while i < len(toks):
            tok = toks[i]
            kind, text, pos, up = tok.kind, tok.text, tok.pos, tok.up
            nxt = toks[i + 1][1] if i + 1 < len(toks) else None
            typed_literal = kind == "ident" and up in ("DATE", "TIME", "TIMESTAMP") and i + 1 < len(toks) \
                and toks[i + 1][0] == "str"
            if typed_literal:
                out.append(up)
                i += 1
                continue
            if kind in ("ident", "qid") and not (kind == "ident" and (up in KEYWORDS or (nxt == "(")
                                                                       or (up in TYPE_MAP and prev_kw == "TYPE"))):
                parts, j = [ident_value(kind, text)], i
                while j + 2 < len(toks) and toks[j + 1][1] == "." and toks[j + 2][0] in ("ident", "qid"):
                    j += 2
                    parts.append(ident_value(toks[j][0], toks[j][1]))
                if prev_kw in ("FROM", "JOIN"):
                    out.append(self.table(parts))
                    after = toks[j + 1] if j + 1 < len(toks) else None
                    aliased = after is not None and (after[0] == "qid" or (after[0] == "ident" and (
                        after[1].upper() == "AS" or after[1].upper() not in KEYWORDS)))
                    if out[-1].startswith("(") and not aliased:
                        out.append("AS " + pg_ident(parts[-1]))
                else:
                    self.columns.add(parts[-1])
                    out.append(".".join(pg_ident(p) for p in parts))
                i = j + 1
                prev_kw = None
                continue
            if kind == "ident":
                self.check_offset(tok, toks, i, compile_error("syntax error line 1 at position %d unexpected "
                                                              "'OFFSET'." % pos))
                if nxt == "(" and up in FUNC_MAP:
                    out.append(FUNC_MAP[up])
                    if up in ("DATEADD", "DATEDIFF") and i + 2 < len(toks):
                        out.append("(")
                        out.append(pg_literal(toks[i + 2][1].lower()))
                        i += 3
                        continue
                elif up in TYPE_MAP and prev_kw == "TYPE":
                    out.append(TYPE_MAP[up])
                    if nxt == "(" and up not in ("NUMBER", "DECIMAL", "NUMERIC"):
                        while toks[i][1] != ")":  # VARCHAR(10), TIME(9): PostgreSQL keeps fewer digits
                            i += 1
                else:
                    out.append(text if nxt == "(" else up)
                prev_kw = "TYPE" if up == "AS" and self.in_cast(out) else self.keyword_state(up, out)
                i += 1
                continue
            if kind == "str":
                out.append(pg_literal(decode_string(text)))
            elif kind == "bind":
                out.append(self.bind(text))
            elif kind == "op" and text == "::":
                out.append(text)
                prev_kw = "TYPE"
                i += 1
                continue
            elif kind == "op" and text == "*":
                self.note_star(out)
                out.append(text)
            else:
                out.append(text)
            prev_kw = self.after_punct(text, prev_kw, out)
            i += 1
        return " ".join(out)

    def allow_offset(self, toks, i):
        return any(t.up == "FETCH" for t in toks[i:])  # OFFSET n ROWS FETCH NEXT m ROWS ONLY


# ---------------------------------------------------------------------------
# Types: one mapping from PostgreSQL types to Snowflake's, for result
# rowTypes and for INFORMATION_SCHEMA.COLUMNS alike.

INT_PRECISION = {21: 5, 23: 10, 20: 19, 26: 10}
SIMPLE = {700: "real", 701: "real", 16: "boolean", 17: "binary", 1082: "date", 1083: "time", 1114: "timestamp_ntz",
          1184: "timestamp_ltz", 114: "variant", 3802: "variant"}
# Fixture domains that stand for Snowflake types PostgreSQL lacks.
DOMAIN_TYPES = {"timestamp_tz": "timestamp_tz", "sf_object": "object", "sf_array": "array",
                "geography": "geography", "variant": "variant"}


# Snowflake's NUMBER: precision at most 38, scale at most 37
# (https://docs.snowflake.com/en/sql-reference/data-types-numeric).
MAX_PRECISION, MAX_SCALE = 38, 37
# The scale a view column of unconstrained numeric is described with when its
# values cannot be read (the view fails at run time): Snowflake caps the scale
# a division adds at 12 digits, the widest a derived type commonly gets.
FALLBACK_SCALE = 12


class FixtureError(Exception):
    """The data behind the fake holds something Snowflake cannot (a table
    column of NUMBER(p,s) beyond p <= 38, s <= 37)."""


def encode(expr, col, tz_minutes):
    t = col["type"]
    if t == "fixed" and col.get("free"):  # scale set afterwards, from the values (at most 37 digits)
        return "sffake_fns.sf_fixed(%s, %d, %d)" % (expr, MAX_SCALE, MAX_PRECISION)
    if t == "fixed" and col.get("check"):  # a type beyond NUMBER's limits: rounded, and checked to fit
        return "sffake_fns.sf_fixed(%s, %d, %d)" % (expr, col["scale"], col["precision"] - col["scale"])
    if t == "fixed":
        return "(%s)::text" % expr
    if t == "real":
        return ("CASE WHEN {e} = 'Infinity' THEN 'inf' WHEN {e} = '-Infinity' THEN '-inf' "
                "ELSE ({e})::text::float8::text END").format(e=expr)  # a REAL column holds the double of its text
    if t == "binary":
        return "upper(encode(%s, 'hex'))" % expr
    if t == "boolean":
        return "CASE WHEN {e} THEN 'true' WHEN NOT {e} THEN 'false' END".format(e=expr)
    if t == "date":
        return "((%s) - DATE '1970-01-01')::text" % expr
    if t == "time":
        return "(extract(epoch from %s)::numeric(20,9))::text" % expr
    if t in ("timestamp_ntz", "timestamp_ltz"):
        return "(extract(epoch from %s)::numeric(30,9))::text" % expr
    if t == "timestamp_tz":
        return "(extract(epoch from %s)::numeric(30,9))::text || ' %d'" % (expr, tz_minutes + 1440)
    if t in ("variant", "object", "array"):
        return "jsonb_pretty(to_jsonb(%s))" % expr
    return "(%s)::text" % expr


class Fake(FakeBase):
    STATS = {"statements": 0, "cancelled": [], "explains": 0, "requests": 0, "partitions_served": 0,
             "last": None, "retried_requests": 0, "token_requests": 0}
    RESET_STATS = tuple(STATS)
    SESSION_SQL = session_sql("sffake_fns", 1)

    def __init__(self, args):
        super().__init__(args)
        self.account, self.database = args.account.upper(), args.database
        self.statements, self.request_ids = {}, {}
        self.issued_tokens = {}  # OAuth access token -> expiry (time.time())
        self.keys = {}  # USER -> (public key, fingerprint)
        for user, key in load_public_keys(args.keys).items():
            der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
            self.keys[user.upper()] = (key, "SHA256:" + base64.b64encode(hashlib.sha256(der).digest()).decode())
        self.type_cache, self.table_cache, self.result_cache = {}, {}, ({} if args.result_cache else None)
        self.stored = {}  # id(cached rows) -> partition layout and gzip bodies
        with self.conn().cursor() as cur:
            cur.execute(HELPERS)
        self.refresh_catalog()

    def reset(self):
        super().reset()
        self.refresh_catalog()

    def table_sql(self, sch, tb):
        """A table as Snowflake would have it: columns of types Snowflake
        lacks (enums, tsvector, intervals, ...) are TEXT there, so they are
        read as text; others as they are."""
        key = ("sql", sch, tb)
        if key not in self.type_cache:
            cur = self.conn().cursor()
            cur.execute("SELECT a.attname, a.atttypid, a.atttypmod, t.typcategory FROM pg_attribute a JOIN pg_type t "
                        "ON t.oid = a.atttypid WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT "
                        "a.attisdropped ORDER BY a.attnum", (pg_ident(sch) + "." + pg_ident(tb),))
            cols, cast = [], False
            for name, typ, mod, cat in cur.fetchall():
                if self.sf_type(typ, mod)["type"] == "text" and cat != "S":
                    cols.append("%s::text AS %s" % (pg_ident(name), pg_ident(name)))
                    cast = True
                else:
                    cols.append(pg_ident(name))
            ref = pg_ident(sch) + "." + pg_ident(tb)
            self.type_cache[key] = "(SELECT %s FROM %s)" % (", ".join(cols), ref) if cast else ref
        return self.type_cache[key]

    def sf_type(self, typoid, typmod):
        """Snowflake's column description of a PostgreSQL type."""
        key = (typoid, typmod)
        if key in self.type_cache:
            return dict(self.type_cache[key])
        cur = self.conn().cursor()
        cur.execute("SELECT typtype, typelem, typbasetype, typtypmod, typname, typcategory FROM pg_type WHERE oid = %s",
                    (typoid,))
        typtype, typelem, basetype, basemod, tname, cat = cur.fetchone()
        col = {"type": "text", "precision": None, "scale": None, "length": None}
        if typtype == "d":
            col = dict(type=DOMAIN_TYPES[tname], precision=None, scale=None, length=None) if tname in DOMAIN_TYPES \
                else self.sf_type(basetype, basemod)
        elif cat == "A":
            col["type"] = "array"
        elif typoid in INT_PRECISION:
            col.update(type="fixed", precision=INT_PRECISION[typoid], scale=0)
        elif typoid == 1700:
            ps = numeric_typmod(typmod)
            if ps is None:  # unconstrained: NUMBER(38, s), s from the values (see free)
                col.update(type="fixed", precision=MAX_PRECISION, scale=0, free=True)
            elif ps[0] <= MAX_PRECISION and 0 <= ps[1] <= min(ps[0], MAX_SCALE):
                col.update(type="fixed", precision=ps[0], scale=ps[1])
            else:  # no such NUMBER: the nearest one keeping the digits before the point, values rounded and checked
                sc = max(0, min(ps[1], MAX_SCALE, MAX_PRECISION - max(ps[0] - ps[1], 0)))
                col.update(type="fixed", precision=MAX_PRECISION, scale=sc, check=True, unrepresentable=ps)
        elif typoid in SIMPLE:
            col["type"] = SIMPLE[typoid]
        else:
            col["length"] = (typmod - 4) if typoid in (1043, 1042) and typmod >= 4 else 16777216
        self.type_cache[key] = col
        return dict(col)

    def refresh_catalog(self):
        """INFORMATION_SCHEMA.TABLES / COLUMNS as tables, in Snowflake's shape."""
        self.type_cache.clear()
        cur = self.conn().cursor()
        cur.execute("""
          SELECT n.nspname, c.relname, c.relkind, c.oid, obj_description(c.oid, 'pg_class')
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r','v','m','p') AND n.nspname NOT LIKE 'pg\\_%%'
            AND n.nspname NOT IN ('information_schema', 'INFORMATION_SCHEMA', 'sffake_fns') ORDER BY 1, 2""")
        tables, columns, bad = [], [], []
        self.free_scales = {}  # (relation oid, attnum) of unconstrained numeric columns -> the scale described
        for sch, tb, kind, oid, comment in cur.fetchall():
            rows = nbytes = None
            if kind in ("r", "p"):
                cur.execute("SELECT sffake_fns.row_count(%s), pg_total_relation_size(%s)", (oid, oid))
                rows, nbytes = cur.fetchone()
            tables.append((self.database, sch, tb, "VIEW" if kind in ("v", "m") else "BASE TABLE", rows, nbytes,
                           comment))
            cur.execute("SELECT a.attname, a.attnum, a.attnotnull, a.atttypid, a.atttypmod, "
                        "col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = %s "
                        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", (oid,))
            for name, num, notnull, typ, mod, cdesc in cur.fetchall():
                t = self.sf_type(typ, mod)
                if t.get("unrepresentable") and kind in ("r", "p"):
                    bad.append("%s.%s.%s NUMBER(%d,%d)" % ((sch, tb, name) + t["unrepresentable"]))
                if t.get("free"):
                    # Snowflake derives a view column's scale (SUM of NUMBER(5,2) is NUMBER(38,2)) and gives a
                    # table column one; here: the largest scale of the values, at most 37. A view that fails
                    # at run time (division by zero) gets FALLBACK_SCALE: describing it runs nothing.
                    try:
                        cur.execute("SELECT max(scale(%s)) FROM %s.%s WHERE %s NOT IN ('NaN', 'Infinity', "
                                    "'-Infinity')" % (pg_ident(name), pg_ident(sch), pg_ident(tb), pg_ident(name)))
                        t["scale"] = min(cur.fetchone()[0] or 0, MAX_SCALE)
                    except psycopg2.Error:
                        t["scale"] = FALLBACK_SCALE
                    self.free_scales[(oid, num)] = t["scale"]
                dtype = {"fixed": "NUMBER", "real": "FLOAT"}.get(t["type"], t["type"].upper())
                columns.append((self.database, sch, tb, name, num, "NO" if notnull else "YES", dtype, t["length"],
                                t["precision"], t["scale"], 9 if "time" in t["type"] else None, cdesc))
        if bad:
            raise FixtureError("tables with columns no Snowflake NUMBER can hold (precision <= 38, scale <= 37): "
                               + ", ".join(bad))
        cur.execute("""
          CREATE SCHEMA IF NOT EXISTS "INFORMATION_SCHEMA";
          DROP TABLE IF EXISTS "INFORMATION_SCHEMA"."TABLES", "INFORMATION_SCHEMA"."COLUMNS";
          CREATE TABLE "INFORMATION_SCHEMA"."TABLES" ("TABLE_CATALOG" text, "TABLE_SCHEMA" text, "TABLE_NAME" text,
            "TABLE_TYPE" text, "ROW_COUNT" bigint, "BYTES" bigint, "COMMENT" text);
          CREATE TABLE "INFORMATION_SCHEMA"."COLUMNS" ("TABLE_CATALOG" text, "TABLE_SCHEMA" text, "TABLE_NAME" text,
            "COLUMN_NAME" text, "ORDINAL_POSITION" bigint, "IS_NULLABLE" text, "DATA_TYPE" text,
            "CHARACTER_MAXIMUM_LENGTH" bigint, "NUMERIC_PRECISION" bigint, "NUMERIC_SCALE" bigint,
            "DATETIME_PRECISION" bigint, "COMMENT" text);""")
        if tables:
            cur.execute('INSERT INTO "INFORMATION_SCHEMA"."TABLES" VALUES ' + ",".join(["%s"] * len(tables)), tables)
        if columns:
            cur.execute('INSERT INTO "INFORMATION_SCHEMA"."COLUMNS" VALUES ' + ",".join(["%s"] * len(columns)),
                        columns)
        self.table_cache.clear()

    def table_bytes(self, sch, tb, cols, star):
        """Bytes a scan of these columns would be assigned, and the table's micro-partitions."""
        key = (sch, tb)
        if key not in self.table_cache:
            cur = self.conn().cursor()
            cur.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT "
                        "attisdropped", (pg_ident(sch) + "." + pg_ident(tb),))
            names = [r[0] for r in cur.fetchall()]
            sizes = ", ".join("coalesce(sum(pg_column_size(%s)), 0)" % pg_ident(n) for n in names)
            try:
                cur.execute("SELECT count(*)%s FROM %s.%s" % (", " + sizes if sizes else "", pg_ident(sch),
                                                              pg_ident(tb)))
                row = cur.fetchone()
            except psycopg2.Error:
                # A view that fails when run (division by zero): EXPLAIN compiles, it never runs the view, so
                # the view is assigned the bytes of the tables it reads (their main fork: the free space and
                # visibility maps come and go with autovacuum), spread over its columns.
                cur.execute("SELECT coalesce(sum(sffake_fns.row_count(d.refobjid)), 0), "
                            "coalesce(sum(pg_relation_size(d.refobjid)), 0) FROM (SELECT DISTINCT refobjid "
                            "FROM pg_depend dp JOIN pg_rewrite r ON r.oid = dp.objid AND dp.classid = "
                            "'pg_rewrite'::regclass WHERE r.ev_class = %s::regclass AND dp.refobjid <> r.ev_class "
                            "AND dp.refclassid = 'pg_class'::regclass) d JOIN pg_class c ON c.oid = d.refobjid "
                            "AND c.relkind IN ('r', 'p', 'm')", (pg_ident(sch) + "." + pg_ident(tb),))
                nrows, total = cur.fetchone()
                row = [int(nrows)] + [int(total) // max(1, len(names))] * len(names)
            self.table_cache[key] = (row[0], dict(zip(names, row[1:])))
        rows, col_bytes = self.table_cache[key]
        nbytes = sum(int(b) for n, b in col_bytes.items() if star or n in cols or n.upper() in cols)
        return nbytes, max(1, -(-int(rows) // 1000))

    # -- statements ----------------------------------------------------------
    def prepare(self, text, ctx, bindings):
        stmts = [s for s in split_statements(text) if s.strip()]
        if len(stmts) != 1:
            raise SfError("000008", "0A000", "Actual statement count %d did not match the desired statement count 1."
                          % len(stmts))
        stmt = stmts[0].strip()
        first = stmt.split(None, 1)[0].upper() if stmt else ""
        if first in UNSUPPORTED_API or re.match(r"(?i)ALTER\s+SESSION\b", stmt) or re.match(r"(?i)CREATE\s+("
                                                                                            r"LOCAL\s+)?TEMP", stmt):
            raise SfError("391911", "0A000", "The statement type '%s' is not supported through the SQL API." % first)
        m = re.match(r"(?is)EXPLAIN\s+USING\s+JSON\s+(.*)", stmt)
        tr = Translator(self, ctx, bindings)
        pgsql = tr.translate(m.group(1) if m else stmt)
        cur = self.conn().cursor()
        try:
            cur.execute("SELECT * FROM (%s) AS _q LIMIT 0" % pgsql)
        except psycopg2.Error as e:
            msg = pg_message(e)
            if e.pgcode and e.pgcode.startswith("22"):  # a constant that fails to cast, folded while planning
                raise runtime_error(e)
            raise compile_error(msg, state="42601" if e.pgcode == "42601" else "42000", code="000904")
        if m:
            return {"explain": True, "tr": tr, "pgsql": pgsql}
        cols = []
        for d in cur.description:
            typ, mod = d.type_code, -1
            if d.table_oid:  # a column of a table: its declared type (PostgreSQL sends a domain's base type)
                cur.execute("SELECT atttypid, atttypmod FROM pg_attribute WHERE attrelid = %s AND attnum = %s",
                            (d.table_oid, d.table_column))
                typ, mod = cur.fetchone() or (typ, mod)
            elif d.type_code == 1700 and d.precision is not None and 0 < d.precision <= 1000 and d.scale is not None:
                # an expression's typmod (x::numeric(10,2)); psycopg2 says 65535 for none
                mod = ((d.precision << 16) | (d.scale & 0x7FF)) + 4
            t = self.sf_type(typ, mod)
            if t.get("free") and d.table_oid and (d.table_oid, d.table_column) in self.free_scales:
                # a table's or view's unconstrained column: the NUMBER(38,s) INFORMATION_SCHEMA describes
                t.update(free=False, check=True, scale=self.free_scales[(d.table_oid, d.table_column)])
            cols.append(dict(name=d.name, database=self.database, schema="", table="", nullable=True, **t))
        return {"explain": False, "tr": tr, "pgsql": pgsql, "columns": cols}

    def explain_rows(self, st):
        tr = st["tr"]
        total = assigned = nbytes = 0
        for sch, tb in set(tr.tables):
            b, parts = self.table_bytes(sch, tb, tr.columns, tr.star)
            total += parts
            assigned += parts
            nbytes += b
        plan = {"GlobalStats": {"partitionsTotal": total, "partitionsAssigned": assigned, "bytesAssigned": nbytes},
                "Operations": [[{"id": 0, "operation": "Result"}]]}
        return [json.dumps([json.dumps(plan)])]

    def execute(self, st):
        """The rows (JSON text) of a prepared statement; a failure at run time is Snowflake's 422."""
        cols = st["columns"]
        names = ", ".join("c%d" % i for i in range(len(cols)))
        encs = ", ".join(encode("_q.c%d" % i, c, self.args.tz_offset_minutes) for i, c in enumerate(cols))
        sql = "SELECT json_build_array(%s)::text FROM (%s) AS _q(%s)" % (encs, st["pgsql"], names)
        cur = self.conn().cursor()
        try:
            cur.execute(sql)
        except psycopg2.Error as e:
            raise runtime_error(e)
        rows = [r[0] for r in cur.fetchall()]
        free = [i for i, c in enumerate(cols) if c.get("free")]
        if free:
            # An expression of unconstrained numeric: Snowflake types it NUMBER(38,s); here s is the largest
            # scale of the values (at most 37), and a value with more than 38 - s digits before the point
            # does not fit, as in Snowflake.
            vals = [json.loads(r) for r in rows]
            for i in free:
                cells = [v[i] for v in vals if v[i] is not None]
                sc = max((len(c.partition(".")[2]) for c in cells), default=0)
                for c in cells:
                    if len(c.lstrip("-").partition(".")[0].lstrip("0")) > MAX_PRECISION - sc:
                        raise SfError("100046", "22003", "Number out of representable range: type FIXED, value %s"
                                      % c)
                cols[i].update(scale=sc, free=False)
        return rows


def runtime_error(e):
    """Snowflake's error for a statement PostgreSQL failed while running it
    (division by zero, a failed cast, a number too large)."""
    code, msg = e.pgcode or "", pg_message(e)
    val = re.search(r'"(.*)"', msg)
    val = val.group(1) if val else ""
    if code == "22012":
        return SfError("100051", "22012", "Division by zero")
    if code == "22003":
        m = re.search(r"value (.*)$", msg)
        return SfError("100046", "22003", "Number out of representable range: type FIXED, value %s"
                       % (m.group(1) if m and msg.startswith("Number out of") else val or msg))
    if code == "22P02" and "type boolean" in msg:
        return SfError("100037", "22018", "Boolean value '%s' is not recognized" % val)
    if code == "22P02" and re.search(r"type (numeric|integer|bigint|smallint|double precision|real)", msg):
        return SfError("100038", "22018", "Numeric value '%s' is not recognized" % val)
    if code in ("22007", "22008") or (code == "22P02" and "date" in msg):
        kind = "Date" if "type date" in msg else ("Time" if "type time" in msg and "timestamp" not in msg
                                                  else "Timestamp")
        return SfError({"Date": "100040", "Time": "100108", "Timestamp": "100035"}[kind], "22007",
                       "%s '%s' is not recognized" % (kind, val))
    if code.startswith("22"):
        return SfError("100038", "22018", msg)
    return SfError("000603", "XX000", "SQL execution internal error: Processing aborted due to error 300002:%s; %s"
                   % (code or "?", msg))


def row_type(col):
    """A rowType entry as the SQL API's OpenAPI definition has it
    (specifications/sqlapi.yaml: name, type, length, precision, scale,
    nullable; integers >= 0, 0 where they do not apply)."""
    t = col["type"]
    scale = col["scale"] if t == "fixed" else (9 if t in ("time", "timestamp_ntz", "timestamp_ltz", "timestamp_tz")
                                               else 0)
    return {"name": col["name"], "type": t, "length": col["length"] if t in ("text", "binary") and col["length"]
            else 0, "precision": col["precision"] if t == "fixed" else 0, "scale": scale,
            "nullable": col.get("nullable", True)}


def split_statements(text):
    parts, cur = [], []
    for tok in tokenize(text):
        if tok.kind == "op" and tok.text == ";":
            parts.append(" ".join(cur)); cur = []
        else:
            cur.append(tok.text)
    parts.append(" ".join(cur))
    return parts


# ---------------------------------------------------------------------------
# HTTP

class Handler(FakeHandler):
    log_prefix = "snowflake fake"

    def log_enabled(self):
        return self.fake.args.verbose

    def fault_body(self, status, fault):
        codes = {429: "390505", 503: "390503", 500: "390500", 502: "390502", 504: "390504"}
        return {"code": codes.get(status, "390500"), "message": fault.get(
            "message", "Too many requests" if status == 429 else "Service temporarily unavailable")}

    def not_found(self, path):
        return self.send_json(404, {"code": "390404", "message": "Not found: " + path})

    def on_error(self, e):
        if isinstance(e, FixtureError):  # POST /_fake/reset over data Snowflake could not hold
            return self.send_json(500, {"message": str(e)})
        if not isinstance(e, SfError):  # a bug of the fake: Snowflake's 500, and the traceback in the log
            import traceback
            traceback.print_exc()
            return self.send_json(500, {"code": "390500", "message": "Internal error: %s: %s" % (type(e).__name__,
                                                                                                  e)})
        body = {"code": e.code, "message": e.message, "sqlState": e.sql_state}
        if e.http == 422:  # a statement Snowflake refused still got a query id (QueryFailureStatus requires it)
            body["statementHandle"] = str(uuid.uuid4())
        self.send_json(e.http, body)

    def route(self, method, path, qs, body):
        fake = self.fake
        fake.count("requests")
        parts = path.strip("/").split("/")
        if path == "/oauth/token-request" and method == "POST":
            return self.token_request(body)
        if parts[:3] != ["api", "v2", "statements"]:
            return self.not_found(path)
        if not self.headers.get("User-Agent"):
            return self.send_json(400, {"code": "390142", "message": "User-Agent header is required."})
        where = "submit" if len(parts) == 3 else ("cancel" if parts[-1] == "cancel" else
                                                  ("partition" if "partition" in qs else "status"))
        # Faults on submit, status, partition or cancel requests ("on", default any).
        f = fake.take_fault(lambda f: f.get("on", "any") in (where, "any") and f["kind"] in ("http", "drop"))
        if f is not None and self.answer_fault(f):
            return
        user = self.authenticate()
        if method == "POST" and len(parts) == 3:
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                return self.send_json(415, {"code": "390415", "message": "Unsupported media type."})
            return self.submit(user, qs, body)
        if len(parts) >= 4:
            st = fake.statements.get(parts[3])
            if st is None or st["user"] != user:
                return self.send_json(404, {"code": "333333", "message": "Statement %s not found" % parts[3],
                                            "statementHandle": parts[3]})
            if method == "POST" and len(parts) == 5 and parts[4] == "cancel":
                return self.cancel(st)
            if method == "GET" and len(parts) == 4:
                if "partition" in qs:
                    return self.partition(st, qs["partition"])
                return self.respond(st, wait_s=0)
        return self.send_json(405, {"code": "390405", "message": "Method not allowed."})

    def token_request(self, body):
        """POST /oauth/token-request: a refresh token (and the client's id and
        secret, HTTP Basic) for a new access token, as Snowflake OAuth does."""
        fake = self.fake
        fake.count("token_requests")
        if not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            return self.send_json(400, {"error": "invalid_request", "error_description": "Unsupported content type."})
        h = self.headers.get("Authorization", "")
        try:
            client_id, secret = base64.b64decode(h[6:]).decode().split(":", 1) if h.startswith("Basic ") else ("", "")
        except ValueError:
            client_id, secret = "", ""
        clients = dict((c.split(":")[0], c.split(":", 2)[1:]) for c in fake.args.oauth_clients)
        if client_id not in clients or clients[client_id][0] != secret:
            return self.send_json(401, {"error": "invalid_client", "error_description": "Client authentication failed."})
        form = parse_qs(body if isinstance(body, str) else body.decode())
        if form.get("grant_type") != ["refresh_token"]:
            return self.send_json(400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant type."})
        if form.get("refresh_token") != [clients[client_id][1]]:
            return self.send_json(400, {"error": "invalid_grant", "error_description": "Invalid refresh token."})
        token = "sf-oauth-" + uuid.uuid4().hex
        with fake.lock:
            fake.issued_tokens[token] = time.time() + fake.args.oauth_token_lifetime
        return self.send_json(200, {"access_token": token, "token_type": "Bearer",
                                    "expires_in": fake.args.oauth_token_lifetime})

    def authenticate(self):
        h = self.headers.get("Authorization", "")
        tok = h[7:] if h.startswith("Bearer ") else ""
        kind = self.headers.get("X-Snowflake-Authorization-Token-Type", "")
        if kind == "PROGRAMMATIC_ACCESS_TOKEN":
            if tok and tok in self.fake.args.pats:
                return self.fake.args.oauth_user.upper()
            raise SfError("394400", "08004", "Programmatic access token is invalid.", http=401)
        if kind == "OAUTH" or (kind == "" and tok.count(".") != 2):
            if tok and tok in self.fake.args.oauth_tokens:
                return self.fake.args.oauth_user.upper()
            with self.fake.lock:
                expires = self.fake.issued_tokens.get(tok)
            if expires is not None and expires > time.time():
                return self.fake.args.oauth_user.upper()
            if expires is not None:
                raise SfError("390318", "08004", "OAuth access token expired.", http=401)
            raise SfError("390303", "08004", "Invalid OAuth access token.", http=401)
        if kind not in ("", "KEYPAIR_JWT"):
            raise SfError("390142", "08P01", "Invalid value for X-Snowflake-Authorization-Token-Type.", http=400)
        bad = SfError("390144", "08004", "JWT token is invalid.", http=401)
        try:
            header, claims, sig, signed = decode_jwt(tok)
        except ValueError:
            raise bad
        if header.get("alg") != "RS256":
            raise bad
        iss, sub = claims.get("iss", ""), claims.get("sub", "")
        m = re.fullmatch(r"([^.]+)\.([^.]+)\.(SHA256:.+)", iss)
        if not m or sub != m.group(1) + "." + m.group(2) or m.group(1) != self.fake.account:
            raise bad
        entry = self.fake.keys.get(m.group(2))
        # The fingerprint names which registered key signed (RSA_PUBLIC_KEY_FP).
        if entry is None or entry[1] != m.group(3) or not rs256_valid(entry[0], sig, signed):
            raise bad
        now = time.time()
        iat, exp = claims.get("iat"), claims.get("exp")
        if not isinstance(iat, int) or not isinstance(exp, int) or exp < now or iat > now + 60 or exp - iat > 3600:
            raise bad
        return m.group(2)

    def submit(self, user, qs, body):
        fake = self.fake
        try:
            req = json.loads(body or b"{}")
            text = req["statement"]
            if not isinstance(text, str):
                raise ValueError
        except Exception:
            raise SfError("390142", "08P01", "Incoming request does not contain a valid payload.", http=400)
        rid = qs.get("requestId")
        with fake.lock:
            old = fake.statements.get(fake.request_ids.get(rid)) if rid else None
            if old is not None and qs.get("retry") == "true":
                fake.stats["retried_requests"] += 1
        if old is not None and qs.get("retry") == "true":
            return self.respond(old, wait_s=0.5)
        ctx = {"database": req.get("database", "").upper() if req.get("database") else None,
               "schema": req.get("schema") or None, "user": user}
        if ctx["database"] is not None and ctx["database"] != fake.database:
            raise SfError("390201", "08004", "The requested database does not exist or not authorized.")
        if ctx["schema"] is not None and not re.fullmatch(r'".*"', ctx["schema"]):
            ctx["schema"] = ctx["schema"].upper()
        if req.get("role") and req["role"].upper() not in fake.args.roles:
            raise SfError("390189", "08004", "Role '%s' specified in the connect string does not exist or not "
                          "authorized. Contact your local system administrator, or attempt to login with another "
                          "role, e.g. PUBLIC." % req["role"])
        timeout = req.get("timeout")
        if timeout is not None and (not isinstance(timeout, int) or timeout < 0):
            raise SfError("390142", "08P01", "Incoming request does not contain a valid payload.", http=400)
        bindings = req.get("bindings")
        st = {"handle": str(uuid.uuid4()), "user": user, "state": "running", "rows": None, "error": None,
              "created": time.time(), "query_tag": (req.get("parameters") or {}).get("query_tag"),
              "statement": text, "warehouse": req.get("warehouse"), "role": req.get("role"),
              "bindings": bindings, "timeout": timeout}
        slow = fake.take_fault(lambda f: f["kind"] == "slow_statement")
        delay = slow.get("seconds", 5) if slow else 0
        with fake.lock:
            fake.statements[st["handle"]] = st
            if rid:
                fake.request_ids[rid] = st["handle"]
            fake.stats["statements"] += 1
            fake.stats["last"] = {k: st[k] for k in ("handle", "statement", "query_tag", "warehouse", "role",
                                                     "bindings", "timeout")}
        st["done_at"] = time.time() + delay
        try:
            prep = fake.prepare(text, ctx, bindings)
            if prep["explain"]:
                with fake.lock:
                    fake.stats["explains"] += 1
                st["columns"] = [dict(name="content", type="text", nullable=True, precision=0, scale=0,
                                      length=16777216)]
                st["rows"] = fake.explain_rows(prep)
            else:
                # A warehouse is needed to run (not to compile or EXPLAIN).
                wh = req.get("warehouse")
                if not wh or wh.upper() != fake.args.warehouse.upper():
                    raise SfError("000606", "57P03", "No active warehouse selected in the current session.  Select "
                                  "an active warehouse with the 'use warehouse' command.\n")
                st["columns"] = prep["columns"]
                key = json.dumps([text, bindings], sort_keys=True)
                cached = fake.result_cache.get(key) if fake.result_cache is not None else None
                st["rows"] = cached if cached is not None else fake.execute(prep)
                if fake.result_cache is not None:
                    fake.result_cache[key] = st["rows"]
        except SfError as e:
            st["error"] = e
        except Exception as e:  # a bug of the fake: the statement fails (a retry must not find it half done)
            import traceback
            traceback.print_exc()
            st["error"] = SfError("000603", "XX000", "SQL execution internal error: %s: %s" % (type(e).__name__, e))
        self.respond(st, wait_s=0.5)

    def state_of(self, st):
        if st["state"] == "cancelled":
            return "cancelled"
        now = time.time()
        if st["timeout"] and now - st["created"] > st["timeout"] and st["done_at"] > st["created"] + st["timeout"]:
            return "timeout"
        return "done" if now >= st["done_at"] else "running"

    def respond(self, st, wait_s):
        deadline = time.time() + wait_s
        while self.state_of(st) == "running" and time.time() < deadline:
            time.sleep(0.02)
        s = self.state_of(st)
        h = st["handle"]
        if s == "running":
            return self.send_json(202, {"code": "333334", "message": "Asynchronous execution in progress. Use "
                                        "provided query id to perform query monitoring and management.",
                                        "statementHandle": h, "statementStatusUrl": "/api/v2/statements/" + h})
        if s == "cancelled":
            return self.send_json(422, {"code": "000604", "sqlState": "57014", "message": "SQL execution canceled",
                                        "statementHandle": h})
        if s == "timeout":
            return self.send_json(422, {"code": "000630", "sqlState": "57014", "message": "Statement reached its "
                                        "statement or warehouse timeout of %d second(s) and was canceled."
                                        % st["timeout"], "statementHandle": h})
        if st["error"] is not None:
            e = st["error"]
            return self.send_json(422, {"code": e.code, "sqlState": e.sql_state, "message": e.message,
                                        "statementHandle": h, "statementStatusUrl": "/api/v2/statements/" + h})
        rows, per = st["rows"], self.fake.args.partition_rows
        layout = self.fake.stored.get(id(rows))  # a cached result keeps its stored partitions
        if layout is None:
            bounds = sorted(set([0] + list(range(min(per, len(rows)), len(rows), per)) + [len(rows)])) \
                if rows else [0, 0]
            info = [{"rowCount": bounds[k + 1] - bounds[k], "uncompressedSize":
                     sum(len(r) + 1 for r in rows[bounds[k]:bounds[k + 1]]) + 2} for k in range(len(bounds) - 1)]
            layout = {"bounds": bounds, "info": info, "gz": {}}
            if self.fake.result_cache is not None:
                self.fake.stored[id(rows)] = layout
        st["layout"] = layout
        bounds, info = layout["bounds"], layout["info"]
        meta = {"numRows": len(rows), "format": "jsonv2", "partitionInfo": info,
                "rowType": [row_type(c) for c in st["columns"]]}
        head = json.dumps({"resultSetMetaData": meta, "code": "090001", "statementStatusUrl":
                           "/api/v2/statements/%s?requestId=%s" % (h, uuid.uuid4()),
                           "sqlState": "00000", "statementHandle": h, "message": "Statement executed successfully.",
                           "createdOn": int(st["created"] * 1000)}, separators=(",", ":"))
        self.send_json(200, head[:-1] + ',"data":[' + ",".join(rows[bounds[0]:bounds[1]]) + "]}")

    def partition(self, st, n):
        if self.state_of(st) != "done" or st["error"] is not None or "layout" not in st:
            raise SfError("000709", "02000", "Statement %s not found" % st["handle"], http=422)
        if not n.isdigit() or int(n) >= len(st["layout"]["bounds"]) - 1:
            raise SfError("390142", "22023", "The partition number %s is out of range." % n, http=400)
        k = int(n)
        delay = self.fake.args.partition_latency_ms / 1000.0
        slow = self.fake.take_fault(lambda f: f["kind"] == "slow_partition" and f.get("partition", k) == k)
        if slow:
            delay += slow.get("seconds", 2)
        self.fake.count("partitions_served")
        if delay:
            time.sleep(delay)
        b, gz = st["layout"]["bounds"], st["layout"]["gz"]
        body = gz.get(k)
        if body is None:
            body = gzip.compress(('{"data":[' + ",".join(st["rows"][b[k]:b[k + 1]]) + "]}").encode(), compresslevel=1)
            if self.fake.result_cache is not None:
                gz[k] = body  # stored compressed, as Snowflake's result store does
        self.send_gzipped(body)  # always gzip, whatever Accept-Encoding says

    def cancel(self, st):
        with self.fake.lock:
            if self.state_of(st) == "running":
                st["state"] = "cancelled"
            self.fake.stats["cancelled"].append(st["handle"])
        self.send_json(200, {"code": "000000", "sqlState": "00000", "message": "successfully canceled",
                             "statementHandle": st["handle"],
                             "statementStatusUrl": "/api/v2/statements/" + st["handle"]})


def main():
    ap = arg_parser("JSON {USER: public key PEM}", "serve repeated statements from a cache, as Snowflake's "
                    "result cache does (the benchmark uses it)")
    ap.add_argument("--account", default="MYORG-MYACCT")
    ap.add_argument("--database", default="SALES")
    ap.add_argument("--warehouse", default="ANALYTICS_WH")
    ap.add_argument("--role", dest="roles", action="append", default=[])
    ap.add_argument("--oauth-token", dest="oauth_tokens", action="append", default=[])
    ap.add_argument("--oauth-user", default="OAUTH_USER")
    ap.add_argument("--pat", dest="pats", action="append", default=["sf-pat-0001"],
                    help="accepted programmatic access tokens (user --oauth-user)")
    ap.add_argument("--oauth-client", dest="oauth_clients", action="append",
                    default=["sf-client:sf-secret:sf-refresh-0001"], help="id:secret:refresh_token")
    ap.add_argument("--oauth-token-lifetime", type=int, default=600, help="seconds an issued access token lives")
    ap.add_argument("--partition-rows", type=int, default=1000, help="rows per result partition")
    ap.add_argument("--partition-latency-ms", type=float, default=0, help="delay before each partition >= 1")
    ap.add_argument("--tz-offset-minutes", type=int, default=60, help="offset TIMESTAMP_TZ values carry")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check-schema", metavar="FILE", help="check every response against the vendor's published API "
                    "definition (sqlapi_schema.py) and append each violation to FILE")
    args = ap.parse_args()
    args.roles = [r.upper() for r in (args.roles or ["PUBLIC"])]
    try:
        Handler.fake = Fake(args)
    except FixtureError as e:
        sys.exit("snowflake fake: %s" % e)
    if args.check_schema:
        import schema_check
        Handler.schema_checker = schema_check.load("sqlapi_schema", "snowflake", args.check_schema)
    serve(Handler, args.port, "snowflake fake")


if __name__ == "__main__":
    main()
