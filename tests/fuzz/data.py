"""Tables of the differential fuzzer: t1, t2, t3 with the same columns.

The rows are generated from a fixed seed (independent of the query seed, so
a reproducer stays valid across runs): NULLs, duplicates, negatives and
zeros, awkward strings, month-end and leap-day dates, fractional
timestamps, NaN/+-Infinity/-0 doubles. Values are kept as text (or None)
and cast by the column types on insert.

Column types per provider are those the provider's IMPORT FOREIGN SCHEMA
maps back to the same local type, so local evaluation (pushdown off) and
direct evaluation on the remote see the same types:
  postgres  id int4, a int4, b int8, n numeric(12,3), d float8, s text, dt date, ts timestamp, f bool
  bigquery  every integer is INT64 (bigint); numeric(12,3) is NUMERIC
  snowflake every integer is NUMBER(38,0) (numeric(38,0))
  databricks the postgres types (INT, BIGINT, DECIMAL(12,3), DOUBLE, STRING, DATE, TIMESTAMP_NTZ, BOOLEAN)
Values a warehouse cannot hold (infinite dates and timestamps) exist only on
the postgres provider.
"""
import random

COLUMNS = ["id", "a", "b", "n", "d", "s", "dt", "ts", "f"]
# Generator types of the columns.
KIND = {"id": "int", "a": "int", "b": "big", "n": "num", "d": "float", "s": "text", "dt": "date",
        "ts": "timestamp", "f": "bool"}

SQL_TYPES = {
    "postgres": {"id": "integer", "a": "integer", "b": "bigint", "n": "numeric(12,3)", "d": "double precision",
                 "s": "text", "dt": "date", "ts": "timestamp without time zone", "f": "boolean"},
    "bigquery": {"id": "bigint", "a": "bigint", "b": "bigint", "n": "numeric(12,3)", "d": "double precision",
                 "s": "text", "dt": "date", "ts": "timestamp without time zone", "f": "boolean"},
    "snowflake": {"id": "numeric(38,0)", "a": "numeric(38,0)", "b": "numeric(38,0)", "n": "numeric(12,3)",
                  "d": "double precision", "s": "text", "dt": "date", "ts": "timestamp without time zone",
                  "f": "boolean"},
}
SQL_TYPES["databricks"] = dict(SQL_TYPES["postgres"])

INTS = ["0", "1", "-1", "2", "3", "5", "7", "10", "42", "-42", "99", "-100", "100", "13", "-7"]
BIGS = ["0", "1", "-1", "9007199254740993", "-9007199254740993", "1000000000000", "4294967296", "-2147483649",
        "123456789012345", "77", "-5"]
NUMS = ["0", "1.5", "2.5", "-2.5", "-0.5", "0.001", "-1000", "123456789.123", "3.333", "1", "10", "0.125", "-0.001"]
FLOATS = ["NaN", "Infinity", "-Infinity", "-0", "0", "1.5", "0.1", "-2.25", "3.141592653589793", "1e-05",
          "100000", "0.3333333333333333", "2.5", "-1", "1", "12345.678"]
TEXTS = ["", "%", "_", "a%b", "a_b", "\\", "back\\slash", "it's", "\"dq\"", "ünïcödé", "straße", "İstanbul",
         "trail  ", " lead", "Mixed", "mixed", "MIXED", "abc", "abd", "a", "A", "zz", "😀 emoji", "line\nbreak",
         "tab\there", "50%", "x_y_z", "NULL", "0", "10", "9", "ÀÉÎ", "àéî", "aa", "ab", "b", "cr\rlf", "ctl\x01\x1f",
         "quote\\'mix", "日本語"]
DATES = ["2024-02-29", "2024-01-31", "2023-12-31", "2000-02-29", "1999-12-31", "2024-03-01", "1970-01-01",
         "1900-02-28", "2023-02-28", "2024-04-30", "2100-12-31", "1969-12-31"]
TIMESTAMPS = ["2024-02-29 23:59:59.999999", "2024-01-01 00:00:00", "2023-06-15 12:34:56.5",
              "1970-01-01 00:00:00.000001", "1969-12-31 23:59:59.999999", "2000-02-29 12:00:00",
              "2024-03-31 23:00:00.123", "1999-12-31 23:59:59", "2024-02-29 00:00:00", "2023-12-31 18:30:00.25"]
PG_ONLY_DATES = ["infinity", "-infinity", "0044-03-15 BC"]
PG_ONLY_TIMESTAMPS = ["infinity", "-infinity", "0001-12-31 23:59:59.5 BC"]
PG_ONLY_NUMS = ["NaN"]
LONG_TEXT = "long " + "x" * 3000 + " end"

SIZES = {"t1": 300, "t2": 200, "t3": 30, "lt": 25}
# lt is a plain local table in the local database (joins with it use parameterized foreign scans); the same
# rows are in the remote schema for the direct runs (and left out of IMPORT FOREIGN SCHEMA).
FOREIGN = ["t1", "t2", "t3"]


def rows(provider, table):
    rnd = random.Random("fuzz-data-%s" % table)  # the same rows for every provider (but the PG-only values)
    out = []
    n = SIZES[table]
    dates = DATES + (PG_ONLY_DATES if provider == "postgres" else [])
    nums = NUMS + (PG_ONLY_NUMS if provider == "postgres" else [])
    stamps = TIMESTAMPS + (PG_ONLY_TIMESTAMPS if provider == "postgres" else [])

    def pick(pool, null=0.12):
        return None if rnd.random() < null else rnd.choice(pool)

    for i in range(n):
        if table == "t1":
            rid = str(i + 1) if rnd.random() < 0.85 else rnd.choice([None, "0", "-3", str(rnd.randint(1, 250))])
        elif table == "t2":
            rid = str(rnd.randint(-5, 260)) if rnd.random() < 0.93 else None
        else:
            rid = str(rnd.randint(0, 40)) if rnd.random() < 0.9 else None
        a = pick(INTS) if rnd.random() < 0.5 else (None if rnd.random() < 0.1 else str(rnd.randint(-100, 100)))
        text = pick(TEXTS, 0.1) if rnd.random() < 0.99 else LONG_TEXT
        row = [rid, a, pick(BIGS), pick(nums), pick(FLOATS, 0.1), text, pick(dates), pick(stamps),
               pick(["true", "false"], 0.2)]
        # Stored values of the sentinel rows a warehouse cannot hold are dropped in the generator (see above).
        out.append(row)
    # Exact duplicates and an all-NULL row.
    for k in range(0, n, 37):
        out.append(list(out[k]))
    out.append([None] * len(COLUMNS))
    return out


def setup_sql(provider, schema_sql, tables=None):
    """DDL for schema_sql.t1..t3, lt (values inserted separately, with parameters)."""
    types = SQL_TYPES[provider]
    stmts = []
    if tables is None:
        stmts.append("DROP VIEW IF EXISTS %s.par" % schema_sql)
    for t in tables or SIZES:
        stmts.append("DROP TABLE IF EXISTS %s.%s" % (schema_sql, t))
        stmts.append("CREATE TABLE %s.%s (%s)" % (schema_sql, t, ", ".join("%s %s" % (c, types[c]) for c in COLUMNS)))
    return stmts
