"""Reads sqlsmith's error log (tests/sqlsmith/run.sh) and decides pass/fail.

  /usr/bin/python3 triage.py mirror   LOCAL_HOST LOCAL_PORT DB MIRROR_DB
  /usr/bin/python3 triage.py report   LOCAL_HOST LOCAL_PORT DB LOGDB MIRROR_DB CRASHES_IN_SERVER_LOG

"mirror" builds MIRROR_DB: the same schemas, tables, inheritance and
partitions as DB, but plain local tables holding the rows the foreign tables
return. "report" groups the logged errors: lost connections (crashes),
internal errors (SQLSTATE XX000) and errors of the foreign-data layer. Every
XX000 query is run again on MIRROR_DB: an error PostgreSQL also raises on
plain tables (internal functions called with arguments they do not expect,
e.g. intervaltypmodout(83)) is PostgreSQL's, not warehouse_fdw's, and does
not fail the run. Prints the failing queries and "N passed, N failed" last.
"""
import io
import os
import re
import sys
import time

import psycopg2

SCHEMAS = ("pgest", "pgloc", "bq", "sf", "dbx", "mixed")
LOST = ("server closed the connection unexpectedly", "terminating connection because of crash")
STRICT = os.environ.get("STRICT", "0") == "1"
EXAMPLES = int(os.environ.get("TRIAGE_EXAMPLES", "3"))


def connect(host, port, db, user="postgres", wait=60):
    """A connection; waits for a server that is restarting after a crash."""
    for i in range(wait * 2):
        try:
            c = psycopg2.connect(host=host, port=port, dbname=db, user=user)
            c.autocommit = True
            return c
        except psycopg2.OperationalError:
            if i == wait * 2 - 1:
                raise
            time.sleep(0.5)


def build_mirror(host, port, db, mirror):
    src = connect(host, port, db)
    admin = connect(host, port, "postgres")
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS %s" % mirror)
        cur.execute("CREATE DATABASE %s" % mirror)
    dst = connect(host, port, mirror)
    s, d = src.cursor(), dst.cursor()
    # The extension's own views (warehouse_fdw_stats, _query_log, _spend,
    # _pending_approvals in public) are in sqlsmith's catalog too: without
    # them a query naming one fails on the mirror (42P01) before reaching
    # the error PostgreSQL raises on the rest, and an XX000 of PostgreSQL's
    # counted as warehouse_fdw's.
    d.execute("CREATE EXTENSION warehouse_fdw")
    s.execute("""
      SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind, c.relispartition,
             (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid),
             pg_get_expr(c.relpartbound, c.oid),
             CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY (%s) AND c.relkind IN ('r', 'p', 'f')
      ORDER BY (SELECT count(*) FROM pg_inherits i WHERE i.inhrelid = c.oid), c.oid""", (list(SCHEMAS),))
    rels = s.fetchall()
    for nsp in SCHEMAS:
        d.execute("CREATE SCHEMA %s" % nsp)
    leaves = []
    for oid, name, kind, is_part, parent, bound, partkey in rels:
        if is_part:
            d.execute("CREATE TABLE %s PARTITION OF %s %s" % (name, parent, bound))
        elif parent:
            d.execute("CREATE TABLE %s () INHERITS (%s)" % (name, parent))
        else:
            s.execute("""
              SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                     || CASE WHEN a.attcollation <> t.typcollation
                             THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
              WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""", (oid,))
            cols = ", ".join(r[0] for r in s.fetchall())
            d.execute("CREATE TABLE %s (%s)%s" % (name, cols, " PARTITION BY " + partkey if partkey else ""))
        if kind != "p":
            leaves.append(name)
    complete = True
    for name in leaves:
        buf = io.StringIO()
        try:
            s.copy_expert("COPY (SELECT * FROM ONLY %s) TO STDOUT" % name, buf)
        except psycopg2.Error as e:
            print("mirror: could not copy %s: %s" % (name, str(e).splitlines()[0]))
            complete = False
            if src.closed or dst.closed or isinstance(e, psycopg2.OperationalError):
                src, dst = connect(host, port, db), connect(host, port, mirror)  # the server restarted
                s, d = src.cursor(), dst.cursor()
            continue
        buf.seek(0)
        d.copy_expert("COPY %s FROM STDIN" % name, buf)
    # Views last (their definitions name the schemas, so they read the same on the mirror).
    s.execute("""
      SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_viewdef(c.oid)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY (%s) AND c.relkind = 'v' ORDER BY c.oid""", (list(SCHEMAS),))
    for name, definition in s.fetchall():
        d.execute("CREATE VIEW %s AS %s" % (name, definition))
    d.execute("ANALYZE")
    d.execute("GRANT USAGE ON SCHEMA %s TO smith" % ", ".join(SCHEMAS))
    d.execute("GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA %s TO smith" % ", ".join(SCHEMAS))
    return complete


# XX000 messages PostgreSQL raises for a bad argument of a built-in function
# whatever the tables: the mirror rerun can miss them when the argument comes
# from an unordered LIMIT/OFFSET subquery (another row there, say a NULL).
# Each is reproduced on constants, e.g. SELECT interval('1 day', 63).
CORE_ARGUMENT_ERRORS = ("unrecognized interval typmod",)


def first_line(msg):
    return re.sub(r"^(ERROR|FATAL|PANIC):\s+", "", (msg or "").split("\n", 1)[0].strip())


def normalize(msg):
    return re.sub(r"\d+", "N", first_line(msg))


def rerun(conn, query):
    """(sqlstate, first line) of query on conn, or (None, 'ok')."""
    with conn.cursor() as cur:
        try:
            cur.execute("BEGIN")
            cur.execute("SET LOCAL statement_timeout = '5s'")
            cur.execute(query)
            return None, "ok"
        except psycopg2.Error as e:
            return e.pgcode, first_line(e.pgerror or str(e))
        finally:
            try:
                cur.execute("ROLLBACK")
            except psycopg2.Error:
                pass


def show(label, rows):
    for sqlstate, msg, query in rows:
        print("-- %s%s: %s" % (label, sqlstate or "", first_line(msg)))
        print(query.rstrip() + ";\n")


def report(host, port, db, logdb, mirror, server_crashes):
    log = connect(host, port, logdb)
    cur = log.cursor()
    cur.execute("SELECT coalesce(max(generated), 0) FROM stat")
    generated = cur.fetchone()[0]
    cur.execute("SELECT errid, sqlstate, msg, query FROM error ORDER BY errid")
    errors = cur.fetchall()
    passed = failed = 0

    def check(name, n):
        nonlocal passed, failed
        if n == 0:
            passed += 1
            print("PASS: " + name)
        else:
            failed += n
            print("FAIL: %s (%d)" % (name, n))

    print("--- error classes (count, sqlstate, first line), top 30:")
    cur.execute("""SELECT count(*), sqlstate, left(split_part(msg, E'\\n', 1), 110) FROM error
                   GROUP BY 2, 3 ORDER BY 1 DESC LIMIT 30""")
    for n, st, m in cur.fetchall():
        print("%6d %s %s" % (n, st, m))

    lost = [e for e in errors if any(t in (e[2] or "") for t in LOST) or e[1] in ("57P02", "08000", "?????")]
    lost_ids = {e[0] for e in lost}
    by_query = {}
    for e in lost:
        by_query.setdefault(e[3], e)
    if lost:
        print("--- queries that lost the connection (the query running when a backend crashed):")
        show("", [(e[1], e[2], e[3]) for e in list(by_query.values())[:10]])
    check("no backend crash", max(server_crashes, len(by_query)))

    fdw = [e for e in errors if e[0] not in lost_ids and e[1] != "XX000"
           and (re.match(r"^(08|HV)", e[1] or "") or re.search(r"remote|bigquery|snowflake|warehouse_fdw",
                                                              e[2] or "", re.I))]
    groups = {}
    for e in fdw:
        groups.setdefault(normalize(e[2]), []).append(e)
    mirror_conn = []

    def on_mirror(query):
        if not mirror_conn:
            mirror_conn.append(connect(host, port, mirror, user="smith"))
        return rerun(mirror_conn[0], query)

    odd = {}
    for key, es in groups.items():
        es.sort(key=lambda e: len(e[3]))
        st, m = on_mirror(es[0][3])
        if st != es[0][1]:  # plain tables do not fail the same way
            odd[key] = (es, st, m)
    if groups:
        print("--- errors of the foreign-data layer: %d kinds, %d of them not raised on plain tables"
              " (not a failure unless STRICT=1):" % (len(groups), len(odd)))
        for key, (es, st, m) in sorted(odd.items(), key=lambda kv: -len(kv[1][0])):
            print("-- %d times; on plain tables: %s %s" % (len(es), st or "", m))
            show("", [(es[0][1], es[0][2], es[0][3])])
    if STRICT:
        check("no error of the foreign-data layer (STRICT=1)", len(odd))

    xx = {}
    for e in errors:
        if e[1] == "XX000":
            xx.setdefault(normalize(e[2]), []).append(e)
    ours, core = {}, {}
    if xx:
        for key, es in xx.items():
            es.sort(key=lambda e: len(e[3]))
            verdict = "core" if key.startswith(CORE_ARGUMENT_ERRORS) else None
            for e in es[:EXAMPLES] if verdict is None else []:
                st, m = on_mirror(e[3])
                if st == "XX000" and normalize(m) == key:
                    verdict = "core"
                    break
            (core if verdict == "core" else ours)[key] = es
    if core:
        print("--- internal errors PostgreSQL also raises on plain tables (not counted):")
        for key, es in core.items():
            print("-- %d times: %s" % (len(es), first_line(es[0][2])))
    if ours:
        print("--- internal errors (XX000) of warehouse_fdw, shortest query of each:")
        for key, es in sorted(ours.items(), key=lambda kv: -len(kv[1])):
            print("-- %d times" % len(es))
            show("", [(es[0][1], es[0][2], es[0][3])])
    check("no internal error (XX000)", len(ours))
    print("queries generated: %d, errors logged: %d" % (generated, len(errors)))
    return passed, failed


def main():
    if sys.argv[1] == "mirror":
        return 0 if build_mirror(*sys.argv[2:6]) else 1
    passed, failed = report(*sys.argv[2:7], int(sys.argv[7]))
    extra_failed = int(os.environ.get("EXTRA_FAILED", "0"))
    extra_passed = int(os.environ.get("EXTRA_PASSED", "0"))
    print("%d passed, %d failed" % (passed + extra_passed, failed + extra_failed))
    return 0 if failed + extra_failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
