#!/usr/bin/python3
"""Differential run of PostgreSQL 15's postgres_fdw regression statements
(tests/upstream/postgres_fdw_15.sql, ported by port.py) through warehouse_fdw
(provider 'postgres') and through postgres_fdw, against the same remote.

Two local databases hold identical objects: up_pgf, whose servers loopback,
loopback2 and loopback3 are postgres_fdw servers, and up_whf, where the same
server names are warehouse_fdw servers. All point at database "upstream" of
the remote cluster. So every statement of the suite runs unchanged in both
(same table names, same local parents of foreign partitions/children).

Each compared statement's rows (as sorted lists unless the statement has a
top-level ORDER BY) and errors (SQLSTATE) must be the same; backend crashes
are detected (connection lost) and the sessions re-established. Each SELECT is
also EXPLAINed (VERBOSE, COSTS OFF) in both, and a heuristic counts statements
where warehouse_fdw leaves more work local than postgres_fdw.

Usage: run.py --local-host DIR --local-port N --remote-host DIR --remote-port N
              [--report FILE] [--only L123,L456] [--verbose]
Last line: "N passed, N failed" (passed = identical or listed in
known_failures.txt; a listed statement that now matches fails, so the list
only shrinks). Exit status 0 when nothing failed.
"""
import argparse
import json
import os
import re
import sys
import time

import psycopg2
import psycopg2.extensions as ext

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # port.py is imported; keep the tree clean
sys.path.insert(0, HERE)
from port import SKIP_GROUPS  # noqa: E402

REMOTE_DB = "upstream"
REMOTE_USER, REMOTE_PW = "upstream_fdw", "upstream_fdw_pw"
DBS = ("up_pgf", "up_whf")

# every value as the text the server prints
for _oid in list(ext.string_types.keys()):
    ext.register_type(ext.new_type((_oid,), "RAW%d" % _oid, lambda v, c: v))


def parse_ported(path):
    stmts, cur = [], None
    for line in open(path):
        m = re.match(r"-- @L(\d+) (\S+)\s*$", line)
        if m:
            cur = {"id": "L" + m.group(1), "kind": m.group(2), "sql": ""}
            stmts.append(cur)
            continue
        if cur is None:
            continue
        if cur["kind"].startswith("skip:"):
            cur["sql"] += line[3:] if line.startswith("-- ") else line
        elif not line.startswith("-- "):  # section headers and notes of port.py
            cur["sql"] += line
    for s in stmts:
        s["sql"] = s["sql"].strip()
        if s["sql"].endswith(";"):
            s["sql"] = s["sql"][:-1].rstrip()
    return stmts


def strip_literals(sql):
    sql = re.sub(r"'(?:[^']|'')*'", "''", sql)
    sql = re.sub(r'"(?:[^"]|"")*"', '""', sql)
    sql = re.sub(r"\$(\w*)\$.*?\$\1\$", "''", sql, flags=re.S)
    return sql


def top_level_order_by(sql):
    s = strip_literals(sql)
    depth = 0
    for m in re.finditer(r"\(|\)|\bORDER\s+BY\b", s, re.I):
        t = m.group(0)
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
        elif depth == 0:
            return True
    return False


class Session:
    """A local or remote session; reconnects after a crash and replays SETs."""

    def __init__(self, name, host, port, db, user="postgres"):
        self.name, self.host, self.port, self.db, self.user = name, host, port, db, user
        self.sets = []
        self.conn = None
        self.connect()

    def connect(self):
        deadline = time.time() + 90
        while True:
            try:
                self.conn = psycopg2.connect(host=self.host, port=self.port, dbname=self.db, user=self.user,
                                             options="-c statement_timeout=60000 -c client_min_messages=error"
                                                     " -c timezone=PST8PDT -c datestyle=Postgres,MDY"
                                                     " -c intervalstyle=postgres_verbose"
                                                     " -c lc_messages=C")
                self.conn.autocommit = True
                break
            except psycopg2.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(1)
        for s in self.sets:
            self.execute(s)

    def alive(self):
        if self.conn.closed:
            return False
        try:
            with self.conn.cursor() as c:
                c.execute("SELECT 1")
            return True
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            return False
        except psycopg2.Error:
            return True  # e.g. inside an aborted transaction

    def execute(self, sql, fetch=False):
        """Returns dict(ok, rows, sqlstate, error, crashed)."""
        try:
            with self.conn.cursor() as c:
                c.execute(sql)
                rows = None
                if fetch and c.description is not None:
                    rows = [tuple(r) for r in c.fetchall()]
                return {"ok": True, "rows": rows, "sqlstate": None, "error": None, "crashed": False}
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            crashed = self.conn.closed != 0 or e.pgcode is None
            return {"ok": False, "rows": None, "sqlstate": e.pgcode, "error": str(e).strip()[:500],
                    "crashed": crashed}
        except psycopg2.Error as e:
            return {"ok": False, "rows": None, "sqlstate": e.pgcode, "error": str(e).strip().split("\n")[0][:500],
                    "crashed": False}

    def track(self, sql):
        u = sql.lstrip().upper()
        if u.startswith("SET ") or u.startswith("RESET "):
            if not u.startswith("SET LOCAL") and not u.startswith("SET TRANSACTION"):
                self.sets.append(sql)


# ---- pushdown heuristic ----------------------------------------------------

NODE_RE = re.compile(r"^\s*(?:->\s*)?([A-Z][A-Za-z ]+?)(?:\s+(?:on|using)\b.*)?(?:\s+\(.*)?$")


def plan_nodes(plan):
    lines = plan.split("\n")
    nodes, filters, remote = [], 0, []
    for i, l in enumerate(lines):
        s = l.strip()
        if i == 0 or s.startswith("->"):
            m = NODE_RE.match(s)
            nodes.append(m.group(1).strip() if m else s)
        elif re.match(r"(Filter|Join Filter|Hash Cond|Merge Cond):", s):
            if s.startswith("Filter") or s.startswith("Join Filter"):
                filters += 1
        elif re.match(r"Remote (SQL|query|Query)\b", s) or s.startswith("Remote"):
            remote.append(s)
    return nodes, filters, remote


def top_level(sql):
    """sql with the contents of parentheses removed (clauses of the outermost query)."""
    s = strip_literals(sql)
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"\([^()]*\)", "\x01", s)
    return s.replace("\x01", "()").upper()


HELPER_NODES = ("Hash", "Materialize", "Memoize", "Result")


def pushdown_compare(sql, pplan, wplan):
    """None, or the category of a statement where warehouse_fdw leaves more
    work local than postgres_fdw (a heuristic over EXPLAIN VERBOSE)."""
    pn, pf, pr = plan_nodes(pplan)
    wn, wf, wr = plan_nodes(wplan)

    def score(nodes, filters):
        return len([n for n in nodes if n not in HELPER_NODES]) + filters
    pscore, wscore = score(pn, pf), score(wn, wf)
    if wscore < pscore:
        return "+more"  # warehouse_fdw pushes more (informational)
    if wscore == pscore:
        # same plan shape: less only if postgres_fdw's remote SQL has a clause ours lacks
        ptop = " ".join(top_level(r) for r in pr)
        wtop = " ".join(top_level(r) for r in wr)
        extra = [k for k in ("LIMIT", "GROUP BY", "FOR UPDATE", "FOR SHARE") if ptop.count(k) > wtop.count(k)]
        if not extra and " ".join(pr).count("JOIN") <= " ".join(wr).count("JOIN") and \
                ptop.count("WHERE") <= wtop.count("WHERE"):
            if ptop.count("ORDER BY") > wtop.count("ORDER BY"):
                return "sorted foreign paths (ORDER BY for an ordered join input)"
            return None
    wl = [n for n in wn if "Foreign Scan" not in n and n not in HELPER_NODES]
    pl = [n for n in pn if "Foreign Scan" not in n and n not in HELPER_NODES]
    up = top_level(sql)
    full = strip_literals(sql).upper()
    pr_txt, wr_txt = " ".join(pr).upper(), " ".join(wr).upper()

    def n_sorts(nodes):
        return sum(1 for n in nodes if n in ("Sort", "Incremental Sort"))
    if re.search(r"\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b", up):
        return "row-marked query (FOR UPDATE/SHARE)"
    if "WITHIN GROUP" in full:
        return "ordered-set aggregate"
    if any(n.startswith("Merge") for n in pn + wn) and n_sorts(wl) > n_sorts(pl):
        return "sort for merge join / merge append"
    if pr_txt.count("FULL JOIN") > wr_txt.count("FULL JOIN"):
        return "FULL JOIN of filtered inputs"
    if sum(1 for n in wn if "Foreign Scan" in n) > sum(1 for n in pn if "Foreign Scan" in n):
        if re.search(r"Output: .*\b\w+\.\*", wplan):
            return "join with whole-row reference kept local"
        return "join kept local"
    if wl.count("Limit") > pl.count("Limit"):
        return "LIMIT over join" if "JOIN" in pr_txt else "LIMIT not pushed"
    if re.search(r"GROUP\s+BY\s+(?:[\w.]+\s*,\s*)*(?:''|\d|NULL|TRUE|FALSE)", up) or \
            re.search(r"Group Key: .*('|\b\d+\b)", wplan):
        return "GROUP BY constant"
    if re.search(r"\]\s*\[\d|\w\[\d", strip_literals(sql)) or re.search(r"Filter: .*\w\[", wplan):
        return "array subscript"
    if re.search(r"Filter: .*\bctid\b", wplan):
        return "system column (ctid) condition"
    if sum(1 for n in wl if "Aggregate" in n or n == "Group") > sum(1 for n in pl if "Aggregate" in n or n == "Group"):
        return "aggregate kept local"
    if n_sorts(wl) > n_sorts(pl):
        return "ORDER BY not pushed"
    if wf > pf:
        return "filter kept local"
    return "other"


def rowkey(row):
    return tuple((v is None, v or "") for v in row)


def explainable(sql):
    return re.match(r"\s*(SELECT|WITH|VALUES|TABLE)\b", sql, re.I) is not None


def inner_of_explain(sql):
    m = re.match(r"\s*EXPLAIN\s*(\([^)]*\))?\s*(VERBOSE\s+)?(.*)$", sql, re.I | re.S)
    if not m:
        return None
    opts = (m.group(1) or "").upper()
    if "ANALYZE" in opts:
        return None
    inner = m.group(3)
    return inner if explainable(inner) else None


# ---- main ------------------------------------------------------------------

def setup(args):
    r = psycopg2.connect(host=args.remote_host, port=args.remote_port, dbname="postgres", user="postgres")
    r.autocommit = True
    c = r.cursor()
    c.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % REMOTE_DB)
    c.execute("CREATE DATABASE %s" % REMOTE_DB)
    c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (REMOTE_USER,))
    if not c.fetchone():
        # superuser on the remote: the suite's remote objects are created by postgres
        # and include triggers/functions; the password is required over TCP (scram).
        c.execute("CREATE ROLE %s LOGIN SUPERUSER PASSWORD '%s'" % (REMOTE_USER, REMOTE_PW))
    r.close()
    l = psycopg2.connect(host=args.local_host, port=args.local_port, dbname="postgres", user="postgres")
    l.autocommit = True
    c = l.cursor()
    for db in DBS:
        c.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % db)
        c.execute("CREATE DATABASE %s" % db)
    l.close()
    for db in DBS:
        wrapper = "postgres_fdw" if db == "up_pgf" else "warehouse_fdw"
        extra = "" if db == "up_pgf" else "provider 'postgres', "
        for attempt in range(6):
            conn = psycopg2.connect(host=args.local_host, port=args.local_port, dbname=db, user="postgres")
            conn.autocommit = True
            c = conn.cursor()
            try:
                c.execute("CREATE EXTENSION IF NOT EXISTS %s" % wrapper)
                break
            except psycopg2.Error as e:
                print("CREATE EXTENSION %s failed (%s), retrying in 60s" % (wrapper, str(e).strip()), flush=True)
                conn.close()
                time.sleep(60)
        else:
            sys.exit("cannot create extension %s" % wrapper)
        for srv in ("loopback", "loopback2", "loopback3"):
            c.execute("CREATE SERVER %s FOREIGN DATA WRAPPER %s OPTIONS (%shost '127.0.0.1', port '%s', dbname '%s')"
                      % (srv, wrapper, extra, args.remote_port, REMOTE_DB))
        for who, srv in (("CURRENT_USER", "loopback"), ("CURRENT_USER", "loopback2"), ("public", "loopback3")):
            c.execute("CREATE USER MAPPING FOR %s SERVER %s OPTIONS (user '%s', password '%s')"
                      % (who, srv, REMOTE_USER, REMOTE_PW))
        conn.close()


def whf_sql(sql):
    """The statement as warehouse_fdw's database runs it: a server the suite
    creates itself gets the wrapper name and provider of ours."""
    if not re.match(r"\s*CREATE\s+SERVER\b", sql, re.I):
        return re.sub(r"FOREIGN\s+DATA\s+WRAPPER\s+postgres_fdw\b", "FOREIGN DATA WRAPPER warehouse_fdw", sql,
                      flags=re.I)
    return re.sub(r"FOREIGN\s+DATA\s+WRAPPER\s+postgres_fdw(\s+OPTIONS\s*\()?",
                  lambda m: "FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', " if m.group(1)
                  else "FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres')", sql, flags=re.I)


def sync_local_children(src, dst, sql):
    """After a write through postgres_fdw only (DML on a partitioned table or
    inheritance parent), copies the rows of the target's plain-table members
    from src to dst, so local partitions stay equal."""
    name = r'(?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?'
    m = re.match(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+(?:ONLY\s+)?(' + name + ')', sql, re.I)
    if m:
        targets = [m.group(1)]
    else:
        m = re.match(r"\s*TRUNCATE\s+(?:TABLE\s+)?(.*)$", sql, re.I | re.S)
        if not m:
            return
        targets = [t for t in re.findall(name, m.group(1))
                   if t.upper() not in ("ONLY", "CASCADE", "RESTRICT", "RESTART", "CONTINUE", "IDENTITY")]
    q = """WITH RECURSIVE t(oid) AS (SELECT to_regclass(%s)::oid
             UNION SELECT i.inhrelid FROM pg_inherits i JOIN t ON i.inhparent = t.oid)
           SELECT t.oid::regclass::text FROM t JOIN pg_class c ON c.oid = t.oid WHERE c.relkind = 'r'"""
    tables = []
    try:
        with src.conn.cursor() as c:
            for t in targets:
                c.execute(q, (t,))
                tables += [r[0] for r in c.fetchall()]
    except psycopg2.Error:
        return
    if src.conn.info.transaction_status != ext.TRANSACTION_STATUS_IDLE:
        return  # uncommitted; the statements that read it are skipped (txn-dml)
    import io
    for t in tables:
        buf = io.StringIO()
        try:
            with src.conn.cursor() as c:
                c.copy_expert("COPY %s TO STDOUT" % t, buf)
            buf.seek(0)
            with dst.conn.cursor() as c:
                c.execute("DELETE FROM ONLY %s" % t)
                c.copy_expert("COPY %s FROM STDIN" % t, buf)
        except psycopg2.Error as e:
            print("note: could not copy %s to warehouse_fdw's database: %s" % (t, str(e).strip()))


def outcome_str(o):
    if o["crashed"]:
        return "CRASH (%s)" % (o["error"] or "connection lost")
    if not o["ok"]:
        return "ERROR %s: %s" % (o["sqlstate"], o["error"])
    if o["rows"] is None:
        return "OK"
    return "%d rows" % len(o["rows"])


def load_known():
    known = {}
    path = os.path.join(HERE, "known_failures.txt")
    if os.path.exists(path):
        for line in open(path):
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            sid, _, reason = line.partition(" ")
            known[sid] = reason.strip()
    return known


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--local-host", required=True)
    ap.add_argument("--local-port", required=True)
    ap.add_argument("--remote-host", required=True)
    ap.add_argument("--remote-port", required=True)
    ap.add_argument("--report", help="write every result as JSON lines here")
    ap.add_argument("--only", help="comma-separated statement ids to compare (setup still runs)")
    ap.add_argument("--verbose", action="store_true", help="print the first rows of wrong results")
    ap.add_argument("--stop-after", help="stop after this statement id (to inspect the databases)")
    ap.add_argument("--no-explain", action="store_true")
    args = ap.parse_args()

    stmts = parse_ported(os.path.join(HERE, "postgres_fdw_15.sql"))
    known = load_known()
    only = set(args.only.split(",")) if args.only else None
    setup(args)
    remote = Session("remote", args.remote_host, args.remote_port, REMOTE_DB)
    pgf = Session("pgf", args.local_host, args.local_port, "up_pgf")
    whf = Session("whf", args.local_host, args.local_port, "up_whf")
    report = open(args.report, "w") if args.report else None

    counts = {"identical": 0, "crashed": 0, "errored": 0, "wrong rows": 0, "order differs": 0,
              "different error": 0, "pgf errored": 0}
    pushed_less = {}
    pushed_less_ids = {}
    pushed_more = []
    skipped = {}
    passed = failed = 0
    explained = set()
    mismatches = []
    seen = set()
    pgf_only = {"pgf": 0, "pgf-only": 0}

    def recover():
        for s in (pgf, whf):
            if not s.alive():
                s.connect()

    def run_pair(sql, fetch, wsql=None):
        po = pgf.execute(sql, fetch)
        if po["crashed"]:
            recover()
        wo = whf.execute(wsql or sql, fetch)
        if wo["crashed"]:
            time.sleep(2)
            recover()
        elif not pgf.alive():
            recover()
        return po, wo

    dirty = False  # the sessions' open transaction wrote through postgres_fdw only
    pending_sync = []

    def in_txn():
        return pgf.conn.info.transaction_status != ext.TRANSACTION_STATUS_IDLE

    for st in stmts:
        sid, kind, sql = st["id"], st["kind"], st["sql"]
        if kind.startswith("skip:"):
            g = kind[5:]
            skipped[g] = skipped.get(g, 0) + 1
            continue
        if args.stop_after and int(sid[1:]) > int(args.stop_after.lstrip("L")):
            break
        if dirty and not in_txn():
            dirty = False
            for q in pending_sync:
                sync_local_children(pgf, whf, q)
            pending_sync.clear()
        if dirty and kind in ("query", "explain"):
            # reads the uncommitted writes of postgres_fdw's remote transaction
            skipped["txn-dml"] = skipped.get("txn-dml", 0) + 1
            continue
        compare = only is None or sid in only
        if re.match(r"\s*(CREATE|DROP|ALTER)\s+(ROLE|USER)\b(?!\s+MAPPING)", sql, re.I):
            # roles are global to the cluster both local databases share
            remote.execute(sql)
            pgf.execute(sql)
            continue
        if re.match(r"\s*CREATE\s+USER\s+MAPPING\b", sql, re.I) and not re.search(r"\bOPTIONS\s*\(", sql, re.I):
            sql += " OPTIONS (user '%s', password '%s')" % (REMOTE_USER, REMOTE_PW)
        if re.match(r"\s*CREATE\s+SERVER\b", sql, re.I) and not re.search(r"\b(dbname|host|port)\b", sql, re.I):
            # a server of the suite's own (loopback by default): point it at the remote
            conn_opts = "host '127.0.0.1', port '%s', dbname '%s'" % (args.remote_port, REMOTE_DB)
            if re.search(r"\bOPTIONS\s*\(", sql, re.I):
                sql = re.sub(r"\bOPTIONS\s*\(", "OPTIONS (" + conn_opts + ", ", sql, count=1, flags=re.I)
            else:
                sql += " OPTIONS (" + conn_opts + ")"
        if kind == "all":
            remote.execute(sql)
        if kind in ("pgf", "pgf-only"):
            pgf_only[kind] += 1
            o = pgf.execute(sql)
            if o["crashed"]:
                recover()
            if in_txn():
                dirty = True
                pending_sync.append(sql)
            if kind == "pgf":
                sync_local_children(pgf, whf, sql)
                continue
            if not o["ok"]:
                continue  # nothing changed on postgres_fdw's side either
            sql = re.sub(r"^\s*(UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+", lambda m: m.group(0) + "ONLY ", sql,
                         flags=re.I)
            wo = whf.execute(sql)
            if wo["crashed"]:
                recover()
            po = o
            if po["ok"] == wo["ok"] and not wo["crashed"]:
                continue
        else:
            fetch = kind == "query"
            po, wo = run_pair(sql, fetch, whf_sql(sql))
        if kind == "session":
            pgf.track(sql)
            whf.track(sql)
        # pushdown comparison
        push = None
        if not args.no_explain and kind in ("query", "explain") and compare:
            inner = sql if kind == "query" and explainable(sql) else inner_of_explain(sql) if kind == "explain" else None
            key = re.sub(r"\s+", " ", inner or "").strip().lower()
            if inner and key not in explained:
                explained.add(key)
                pe, we = run_pair("EXPLAIN (VERBOSE, COSTS OFF) " + inner, True)
                if pe["ok"] and we["ok"]:
                    pplan = "\n".join(r[0] for r in pe["rows"])
                    wplan = "\n".join(r[0] for r in we["rows"])
                    push = pushdown_compare(inner, pplan, wplan)
                    if push == "+more":
                        pushed_more.append(sid)
                        push = None
                    if push:
                        pushed_less[push] = pushed_less.get(push, 0) + 1
                        pushed_less_ids.setdefault(push, []).append(sid)
                        if report:
                            report.write(json.dumps({"id": sid, "type": "pushdown", "category": push, "sql": inner,
                                                     "pgf_plan": pplan, "whf_plan": wplan}) + "\n")
                elif we["crashed"] or (not we["ok"] and pe["ok"]):
                    # an EXPLAIN failure only on our side is a failure of this statement too
                    if wo["ok"] or not po["ok"]:
                        wo = dict(we, explain=True)
        if kind in ("session",) and po["ok"] == wo["ok"] and not wo["crashed"]:
            continue
        if not compare:
            continue
        # classify
        if wo["crashed"]:
            verdict = "crashed"
        elif po["ok"] and not wo["ok"]:
            verdict = "errored"
        elif not po["ok"] and wo["ok"]:
            verdict = "pgf errored"
        elif not po["ok"] and not wo["ok"]:
            verdict = "identical" if po["sqlstate"] == wo["sqlstate"] else "different error"
        elif kind != "query" or po["rows"] is None or wo["rows"] is None:
            verdict = "identical"
        else:
            ordered = top_level_order_by(sql) or re.match(r"\s*(FETCH|EXECUTE)\b", sql, re.I)
            if ordered and po["rows"] == wo["rows"]:
                verdict = "identical"
            elif sorted(po["rows"], key=rowkey) == sorted(wo["rows"], key=rowkey):
                verdict = "identical" if not ordered else "order differs"
            else:
                verdict = "wrong rows"
        if kind in ("all", "both", "session", "pgf-only") and verdict == "identical" and sid not in known:
            continue  # setup statements count only when they differ (or are listed as known failures)
        counts[verdict] += 1
        seen.add(sid)
        ok = verdict == "identical"
        if ok and sid in known:
            failed += 1
            print("%s now passes: remove from known_failures.txt (%s)" % (sid, known[sid]))
        elif ok or sid in known:
            passed += 1
        else:
            failed += 1
        if not ok:
            mismatches.append(sid)
            tag = " [known: %s]" % known[sid] if sid in known else ""
            print("%s %s (%s)%s: %s" % (sid, verdict.upper(), kind, tag, re.sub(r"\s+", " ", sql)[:300]))
            print("    postgres_fdw:  %s" % outcome_str(po))
            print("    warehouse_fdw: %s%s" % (outcome_str(wo), " (in EXPLAIN)" if wo.get("explain") else ""))
            if verdict in ("wrong rows", "order differs") and args.verbose:
                print("    pgf rows: %s" % (po["rows"][:5],))
                print("    whf rows: %s" % (wo["rows"][:5],))
        if report:
            rec = {"id": sid, "type": "result", "kind": kind, "verdict": verdict, "sql": sql,
                   "pgf": outcome_str(po), "whf": outcome_str(wo)}
            if verdict in ("wrong rows", "order differs"):
                rec["pgf_rows"] = po["rows"][:20]
                rec["whf_rows"] = wo["rows"][:20]
            report.write(json.dumps(rec) + "\n")
            report.flush()

    if only is None and not args.stop_after:
        compared_ids = {st["id"] for st in stmts if st["kind"] in ("query", "explain", "both", "all", "pgf-only")}
        for sid in sorted(set(known) - compared_ids):
            failed += 1
            print("%s in known_failures.txt is not a compared statement: remove from list" % sid)
    print()
    print("skipped statement groups (not run; see port.py):")
    for g, n in sorted(skipped.items()):
        print("  %-18s %4d  %s" % (g, n, SKIP_GROUPS.get(g, "?")))
    print("  %-18s %4d  DML through foreign tables: not compared (warehouse_fdw is read-only), run through "
          "postgres_fdw only so the remote data evolves as in the suite" % ("(pgf)", pgf_only["pgf"]))
    print("  %-18s %4d  UPDATE/DELETE of an inheritance parent with foreign children: whole through postgres_fdw,"
          " ONLY the parent in warehouse_fdw's database (errors compared)" % ("(pgf-only)", pgf_only["pgf-only"]))
    print("compared statements:")
    for k in ("identical", "crashed", "errored", "wrong rows", "order differs", "different error", "pgf errored"):
        label = {"errored": "errored where postgres_fdw did not", "pgf errored": "postgres_fdw errored, warehouse_fdw did not",
                 "different error": "different SQLSTATE"}.get(k, k)
        print("  %-45s %d" % (label, counts[k]))
    print("pushed less than postgres_fdw (heuristic): %d" % sum(pushed_less.values()))
    for cat, n in sorted(pushed_less.items(), key=lambda x: -x[1]):
        print("  %-35s %3d  %s" % (cat, n, " ".join(pushed_less_ids[cat][:12]) + (" ..." if n > 12 else "")))
    print("pushed more than postgres_fdw (information): %d  %s" % (len(pushed_more), " ".join(pushed_more[:20])
                                                                  + (" ..." if len(pushed_more) > 20 else "")))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
