#!/usr/bin/python3
"""TPC-H-shaped check (and benchmark) of warehouse_fdw's pushdown.

Loads tests/tpch/schema.sql into database tpch of the remote cluster, maps it
into database tpchtest of the local cluster through warehouse_fdw (schema wf,
postgres provider) and, with --bench, through postgres_fdw too (schema pf).

Test mode: each of the 22 queries runs through wf and directly on the
remote; the rows must be identical. Prints which queries were fully pushed
(the plan is one Foreign Scan) and exits non-zero on any difference.

Bench mode: per query, the median of 3 timed runs through warehouse_fdw and
postgres_fdw, and the rows each transferred (rows the Foreign Scan nodes
returned plus those their local filters removed, times loops).

--provider databricks (test mode only): the same 22 queries through the
Databricks provider. The script starts its own Databricks fake
(tests/providers/databricks/databricks_fake.py) over database tpch of the
remote, as catalog `tpch` (its schema public is the tables), on a free port
from REMOTE_PORT + 10 up (or DBX_TPCH_PORT); the fake stops when this script
exits. The rows must be identical to the direct ones.

Arguments: LOCAL_HOST LOCAL_PORT REMOTE_HOST REMOTE_PORT [--bench] [--provider postgres|databricks]
"""
import os, re, socket, statistics, subprocess, sys, time
import urllib.request
import psycopg2

from plans import fully_pushed, transferred

here = os.path.dirname(os.path.abspath(__file__))
lhost, lport, rhost, rport = sys.argv[1:5]
bench = "--bench" in sys.argv
provider = sys.argv[sys.argv.index("--provider") + 1] if "--provider" in sys.argv else "postgres"
if provider not in ("postgres", "databricks") or (bench and provider != "postgres"):
    sys.exit("--provider postgres|databricks (--bench: postgres only)")


def connect(host, port, db):
    c = psycopg2.connect(host=host, port=port, user="postgres", dbname=db)
    c.autocommit = True
    return c


def setup():
    r = connect(rhost, rport, "postgres")
    r.cursor().execute("DROP DATABASE IF EXISTS tpch")
    r.cursor().execute("CREATE DATABASE tpch")
    rt = connect(rhost, rport, "tpch")
    rt.cursor().execute(open(os.path.join(here, "schema.sql")).read())
    rt.cursor().execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    l = connect(lhost, lport, "postgres")
    l.cursor().execute("DROP DATABASE IF EXISTS tpchtest")
    l.cursor().execute("CREATE DATABASE tpchtest")
    lt = connect(lhost, lport, "tpchtest")
    cur = lt.cursor()
    cur.execute("SET client_min_messages = warning")
    cur.execute("CREATE EXTENSION warehouse_fdw")
    if provider == "databricks":
        port = start_databricks_fake()
        cur.execute("CREATE SERVER wfs FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'databricks', "
                    "endpoint %s, warehouse_id 'fake-warehouse-0001', catalog 'tpch')",
                    ("http://127.0.0.1:%d" % port,))
        cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER wfs OPTIONS (token 'dapi-fake-token-0001')")
    else:
        cur.execute("CREATE SERVER wfs FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', "
                    "host '127.0.0.1', port %s, dbname 'tpch')", (rport,))
        cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER wfs OPTIONS (user 'reader', password 'reader_pw')")
    cur.execute("CREATE SCHEMA wf")
    cur.execute("IMPORT FOREIGN SCHEMA public FROM SERVER wfs INTO wf")
    schemas = ["wf"]
    if bench:
        cur.execute("CREATE EXTENSION postgres_fdw")
        cur.execute("CREATE SERVER pfs FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port %s, "
                    "dbname 'tpch')", (rport,))
        cur.execute("CREATE USER MAPPING FOR CURRENT_USER SERVER pfs OPTIONS (user 'reader', password 'reader_pw')")
        cur.execute("CREATE SCHEMA pf")
        cur.execute("IMPORT FOREIGN SCHEMA public FROM SERVER pfs INTO pf")
        schemas.append("pf")
    # Statistics, as a user would gather them: join estimates need them.
    for s in schemas:
        for t in ("region", "nation", "part", "supplier", "partsupp", "customer", "orders", "lineitem"):
            cur.execute("ANALYZE %s.%s" % (s, t))
    return lt, rt


def start_databricks_fake():
    """A Databricks fake serving database tpch as catalog tpch; its port."""
    port = int(os.environ.get("DBX_TPCH_PORT") or int(rport) + 10)
    while True:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                break
            except OSError:
                port += 1
    fake = os.path.join(here, "..", "providers", "databricks", "databricks_fake.py")
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), "tpch_dbx_fake.%d.log" % os.getpid()), "w")
    subprocess.Popen(["/usr/bin/python3", fake, "--port", str(port), "--catalog", "tpch",
                      "--dsn", "host=%s port=%s user=postgres dbname=tpch" % (rhost, rport)],
                     stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/_fake/state" % port, timeout=2).read()
            return port
        except OSError:
            time.sleep(0.2)
    sys.exit("the Databricks fake did not start (log: %s)" % log.name)


def queries():
    text = open(os.path.join(here, "queries.sql")).read()
    out, name, buf = [], None, []
    for line in text.splitlines():
        m = re.match(r"^-- (Q\d+)$", line)
        if m:
            name = m.group(1)
            continue
        if line.startswith("--") or not line.strip():
            continue
        buf.append(line)
        if line.rstrip().endswith(";"):
            out.append((name, "\n".join(buf)))
            buf = []
    return out


def rows(conn, schema, sql):
    cur = conn.cursor()
    cur.execute("SET search_path = %s, public" % schema)
    cur.execute(sql)
    return [tuple(map(str, r)) for r in cur.fetchall()]


def plan(conn, schema, sql, analyze=False):
    cur = conn.cursor()
    cur.execute("SET search_path = %s, public" % schema)
    cur.execute("EXPLAIN (VERBOSE, FORMAT JSON%s) %s" % (", ANALYZE" if analyze else "", sql))
    return cur.fetchone()[0][0]["Plan"]


def timed(conn, schema, sql):
    ms = []
    for _ in range(3):
        t = time.monotonic()
        rows(conn, schema, sql)
        ms.append((time.monotonic() - t) * 1000)
    return statistics.median(ms)


lt, rt = setup()
failed, pushed = [], []
if not bench:
    for name, sql in queries():
        via, direct = rows(lt, "wf", sql), rows(rt, "public", sql)
        if via != direct or not direct:
            failed.append(name)
            print("FAIL %s: %d rows through warehouse_fdw, %d direct" % (name, len(via), len(direct)))
        if fully_pushed(plan(lt, "wf", sql)):
            pushed.append(name)
    print("tpch (%s): %d of 22 identical; fully pushed (one Foreign Scan): %d: %s"
          % (provider, 22 - len(failed), len(pushed), " ".join(pushed)))
    sys.exit(1 if failed or len(queries()) != 22 else 0)

print("| query | warehouse_fdw ms | postgres_fdw ms | time ratio | rows wf | rows pg_fdw | pushed wf | pushed pg_fdw |")
print("|---|---|---|---|---|---|---|---|")
tot = [0, 0, 0, 0, 0, 0]
for name, sql in queries():
    twf, tpf = timed(lt, "wf", sql), timed(lt, "pf", sql)
    pwf, ppf = plan(lt, "wf", sql, True), plan(lt, "pf", sql, True)
    rwf, rpf = transferred(pwf), transferred(ppf)
    fwf, fpf = fully_pushed(pwf), fully_pushed(ppf)
    tot = [tot[0] + twf, tot[1] + tpf, tot[2] + rwf, tot[3] + rpf, tot[4] + fwf, tot[5] + fpf]
    print("| %s | %.1f | %.1f | %.2f | %d | %d | %s | %s |" % (name, twf, tpf, twf / tpf, rwf, rpf,
                                                            "yes" if fwf else "no", "yes" if fpf else "no"))
print("| total | %.1f | %.1f | %.2f | %d | %d | %d | %d |" % (tot[0], tot[1], tot[0] / tot[1], tot[2], tot[3],
                                                            tot[4], tot[5]))
