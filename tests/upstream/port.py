#!/usr/bin/python3
"""Ports PostgreSQL 15's contrib/postgres_fdw/sql/postgres_fdw.sql into
tests/upstream/postgres_fdw_15.sql, the statement list run.py executes.

Usage: /usr/bin/python3 tests/upstream/port.py UPSTREAM_postgres_fdw.sql > tests/upstream/postgres_fdw_15.sql

The upstream file comes from the PostgreSQL 15 sources (Debian: add a deb-src
line, `apt-get source postgresql-15`; the committed port was made from 15.18).
Every upstream statement is kept, in order, under a tag line

    -- @L<line> <kind>

where <line> is its first line in the upstream file (the statement id used by
run.py and known_failures.txt) and <kind> tells run.py where it runs:

    all       plain SQL (tables, types, functions, data): on the remote database
              and in both local databases (the upstream suite runs against a
              loopback server, so its "remote" tables live in the same database)
    both      refers to foreign tables but is not a compared query (foreign DDL,
              ANALYZE, local tables filled from foreign ones): both local
              databases; a warehouse_fdw error where postgres_fdw has none counts
    session   SET/RESET/BEGIN/COMMIT/SAVEPOINT/PREPARE/DECLARE...: both sessions
    query     SELECT/VALUES/EXECUTE/FETCH: rows and errors compared
    explain   EXPLAIN: errors compared, plans compared for pushdown depth
    pgf       DML through a foreign table: not compared (warehouse_fdw is
              read-only), run through postgres_fdw only so that the remote data
              evolves as the suite expects
    pgf-only  DML on an inheritance parent with foreign children: the whole
              statement through postgres_fdw, the same statement with ONLY
              through warehouse_fdw (so local parent rows stay equal)
    skip:<group>  not run; the statement is kept as a comment. The groups and
              their reasons are in SKIP_GROUPS below (run.py prints them).

Rewrites (each marked by a comment line above the tag): CREATE SERVER/FOREIGN
TABLE with postgres_fdw-only options is kept without those options; psql's
\det+/\d of the IMPORT FOREIGN SCHEMA section become a catalog query of the
imported definitions. run.py itself adds connection options to servers the
suite creates, user/password to its user mappings, and runs CREATE SERVER ...
FOREIGN DATA WRAPPER postgres_fdw as warehouse_fdw (provider 'postgres') in
warehouse_fdw's database.
"""
import re
import sys

# group -> reason. Whole sections are skipped by their header; single
# statements by the rules in classify().
SKIP_GROUPS = {
    "fdw-objects": "CREATE EXTENSION/SERVER/USER MAPPING: run.py creates both extensions, servers "
                   "loopback/loopback2/loopback3 per database and user mappings with a remote password user",
    "validator": "postgres_fdw/libpq option validation on server testserver1 (option catalogs differ by design)",
    "reconnection": "ALTER SERVER/USER MAPPING changing dbname/user to test reconnection: connection "
                    "options are owned by run.py",
    "psql": "psql meta-command (\\det+, \\d, \\set): output format of psql, not query results",
    "pgfdw-option": "postgres_fdw-only option (extensions, updatable, truncatable, batch_size, async_capable, "
                    "parallel_commit) or ALTER EXTENSION postgres_fdw ADD (its 'shippable' objects): "
                    "skipped in both databases so both plan with the same information",
    "dml-explain": "EXPLAIN of INSERT/UPDATE/DELETE on foreign tables: warehouse_fdw is read-only",
    "copy": "COPY ... FROM stdin (into foreign tables and their local counterparts): the ported file does not "
            "carry the inline data, and warehouse_fdw is read-only",
    "publication": "CREATE PUBLICATION on a foreign table: core error, FDW-independent",
    "connection-mgmt": "sections on access rights, password_required, reconnection, postgres_fdw_get_connections/"
                       "postgres_fdw_disconnect, keep_connections, application_name GUC, parallel commit, "
                       "cleanup of failed connections: postgres_fdw functions and libpq/role semantics",
    "psql-vars": "statement uses psql variables (:var)",
    "txn-dml": "query inside a transaction that already wrote through postgres_fdw only (it would read "
               "uncommitted remote rows warehouse_fdw's connection cannot see); counted at run time",
    "returning-dml": "data-modifying statement through a foreign table inside a compared query form",
}

# section header text (first line after the ==== line) -> skip group
SKIP_SECTIONS = {
    "create FDW objects": "fdw-objects",
    "test error case for create publication on foreign table": "publication",
    "access rights and superuser": "connection-mgmt",
    "reestablish new connection": "connection-mgmt",
    "test connection invalidation cases and postgres_fdw_get_connections function": "connection-mgmt",
    "test postgres_fdw_disconnect and postgres_fdw_disconnect_all functions": "connection-mgmt",
    "test case for having multiple cached connections for a foreign server": "connection-mgmt",
    "Test foreign server level option keep_connections": "connection-mgmt",
    "test postgres_fdw.application_name GUC": "connection-mgmt",
    "test parallel commit": "connection-mgmt",
    "test cleanup of failed connections on abort": "connection-mgmt",
}

PGFDW_ONLY_OPTIONS = ("extensions", "updatable", "truncatable", "batch_size", "async_capable",
                      "parallel_commit", "parallel_abort")


IMPORTED_DEFS = """SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = '%s' ORDER BY c.relname, a.attnum"""


def strip_pgfdw_options(sql):
    opt = r"\s*(?:%s)\s+'(?:[^']|'')*'\s*" % "|".join(PGFDW_ONLY_OPTIONS)
    sql = re.sub(r"(?i),%s(?=[,)])" % opt, "", sql)
    sql = re.sub(r"(?i)(\(\s*)%s,\s*" % opt[3:], r"\1", sql)
    sql = re.sub(r"(?i)\(%s\)" % opt, "()", sql)
    return re.sub(r"(?i)\s*OPTIONS\s*\(\s*\)", "", sql)


def split(text):
    """Returns [(first_line, sql, section)] for every statement; psql
    meta-commands are single-line statements starting with a backslash."""
    i, n, line = 0, len(text), 1
    section, sec_pending = None, False
    start, start_line, buf = None, None, []
    out = []
    while i < n:
        c = text[i]
        if start is None:
            # between statements: skip whitespace and comments, note sections
            if c == "\n":
                line += 1
                i += 1
                continue
            if c.isspace():
                i += 1
                continue
            if text.startswith("--", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                comment = text[i:j]
                if re.fullmatch(r"-- =+\s*", comment):
                    if sec_pending == "close":
                        sec_pending = False
                    else:
                        sec_pending = True
                elif sec_pending is True:
                    section = comment[2:].strip()
                    sec_pending = "close"
                i = j
                continue
            if c == "\\":
                j = text.find("\n", i)
                j = n if j < 0 else j
                out.append((line, text[i:j].strip(), section))
                i = j
                continue
            start, start_line, buf = i, line, []
        # inside a statement
        if c == "'" or c == '"':
            j = i + 1
            while j < n:
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            chunk = text[i:j + 1]
            buf.append(chunk)
            line += chunk.count("\n")
            i = j + 1
            continue
        if c == "$":
            m = re.match(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$", text[i:])
            if m:
                tag = m.group(0)
                j = text.find(tag, i + len(tag))
                j = n if j < 0 else j + len(tag)
                chunk = text[i:j]
                buf.append(chunk)
                line += chunk.count("\n")
                i = j
                continue
        if text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j  # drop trailing comments inside statements
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i)
            chunk = text[i:j + 2]
            line += chunk.count("\n")
            i = j + 2
            continue
        if c == ";":
            stmt = "".join(buf).strip()
            out.append((start_line, stmt, section))
            start = None
            i += 1
            # COPY ... FROM stdin: data follows up to a line "\."
            if re.match(r"(?is)copy\b.*\bfrom\s+stdin", stmt):
                j = text.find("\n\\.", i)
                data = text[i:j + 3]
                line += data.count("\n")
                i = j + 3
            continue
        if c == "\n":
            line += 1
        buf.append(c)
        i += 1
    return out


NAME = r'((?:"[^"]+"|[A-Za-z_][A-Za-z_0-9$]*)(?:\.(?:"[^"]+"|[A-Za-z_][A-Za-z_0-9$]*))?)'


def norm(name):
    parts = re.findall(r'"[^"]+"|[^.]+', name)
    return ".".join(p[1:-1] if p.startswith('"') else p.lower() for p in parts).split(".")[-1]


class Classifier:
    def __init__(self):
        self.foreign = set()       # foreign tables
        self.partitioned = set()   # partitioned tables with foreign partitions
        self.inh_parents = set()   # inheritance parents with foreign children
        self.children = {}         # parent -> foreign children
        self.dml_prepared = set()  # prepared statements that write foreign tables
        self.import_schemas = set()
        self.views = set()         # views over foreign tables (DML on them writes through the FDW)

    def mentions(self, sql, names):
        """Does sql name one of names as a relation (after FROM, JOIN, ...)?"""
        ctx = r"(?:FROM|JOIN|INTO|UPDATE|TABLE|ONLY|ON|LIKE|USING|ANALYZE|VACUUM|INHERITS\s*\(|PARTITION\s+OF)\s+"
        for m in re.finditer(r"(?i)\b" + ctx + NAME, sql):
            if norm(m.group(1)) in names:
                return True
        # FROM lists: "FROM x a, ft1 b"
        for m in re.finditer(r"(?i),\s*" + NAME + r"\s+(?:AS\s+)?\w+\s*(?:,|WHERE|\)|$)", sql):
            if norm(m.group(1)) in names:
                return True
        return False

    def classify(self, sql, section):
        up = sql.upper()
        first = re.match(r"\s*(\w+)", up)
        first = first.group(1) if first else ""
        fnames = self.foreign | self.partitioned | self.inh_parents | self.views
        if sql.startswith("\\"):
            return "skip:psql"
        if first == "IMPORT" and re.search(r"\bFOREIGN\s+SCHEMA\b", up):
            for t in re.findall(r"\bINTO\s+" + NAME, sql, re.I):
                self.import_schemas.add(norm(t))
            return "both"
        if section in SKIP_SECTIONS:
            # a skipped section may reset a planner setting an earlier, included section set
            if re.match(r"RESET\s+(enable_\w+|constraint_exclusion|plan_cache_mode)\s*$", sql, re.I):
                return "session"
            return "skip:" + SKIP_SECTIONS[section]
        if re.search(r"(?<!:):[A-Za-z_'\"]", sql):
            return "skip:psql-vars"
        if "TESTSERVER1" in up:
            return "skip:validator"
        if first == "ALTER" and re.match(r"ALTER\s+USER\s+MAPPING", up):
            return "skip:reconnection"
        if re.match(r"ALTER\s+SERVER\s+\w+\s+OPTIONS\s*\(\s*SET\s+DBNAME", up) or \
                (first == "DO" and "ALTER SERVER" in up):
            return "skip:reconnection"
        if first == "CREATE" and re.match(r"CREATE\s+PUBLICATION", up):
            return "skip:publication"
        if first in ("ALTER", "CREATE") and re.search(r"\bOPTIONS\s*\(", up):
            opts = re.findall(r"(?:\(|,)\s*(?:ADD\s+|SET\s+|DROP\s+)?(\w+)", up[up.find("OPTIONS"):])
            opts = [o.lower() for o in opts]
            if opts and all(o in PGFDW_ONLY_OPTIONS for o in opts) and re.match(r"ALTER\s+(SERVER|FOREIGN)", up):
                return "skip:pgfdw-option"
            if any(o in PGFDW_ONLY_OPTIONS for o in opts) and re.match(r"CREATE\s+(SERVER|FOREIGN)", up):
                return "strip"
        # track foreign tables
        m = re.match(r"CREATE\s+FOREIGN\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + NAME, sql, re.I)
        if m:
            self.foreign.add(norm(m.group(1)))
            p = re.search(r"\bPARTITION\s+OF\s+" + NAME, sql, re.I)
            if p:
                self.partitioned.add(norm(p.group(1)))
                self.children.setdefault(norm(p.group(1)), set()).add(norm(m.group(1)))
            p = re.search(r"\bINHERITS\s*\(\s*" + NAME, sql, re.I)
            if p:
                self.inh_parents.add(norm(p.group(1)))
                self.children.setdefault(norm(p.group(1)), set()).add(norm(m.group(1)))
            return "both"
        m = re.match(r"ALTER\s+TABLE\s+" + NAME + r"\s+ATTACH\s+PARTITION\s+" + NAME, sql, re.I)
        if m and norm(m.group(2)) in self.foreign:
            self.partitioned.add(norm(m.group(1)))
            return "both"
        if re.match(r"DROP\s+FOREIGN\s+TABLE", up):
            for nm in re.findall(NAME, sql[len("DROP FOREIGN TABLE"):]):
                if nm.upper() not in ("IF", "EXISTS", "CASCADE", "RESTRICT"):
                    self.foreign.discard(norm(nm))
            return "both"
        if re.match(r"CREATE\s+(?:UNLOGGED\s+)?TABLE\b", up):
            return "all"  # a new plain table: the remote needs it too (LIKE/PARTITION OF a parent copy there)
        m = re.match(r"DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(.*)", sql, re.I | re.S)
        if m:
            names = [norm(x) for x in re.findall(NAME, m.group(1)) if x.upper() not in ("CASCADE", "RESTRICT")]
            kind = "all"  # also on the remote: its copy of a local parent must go too, names get reused
            for nm in names:
                for ch in self.children.pop(nm, set()):
                    self.foreign.discard(ch)
                self.partitioned.discard(nm)
                self.inh_parents.discard(nm)
            return kind
        if re.match(r"ALTER\s+EXTENSION\s+POSTGRES_FDW", up):
            return "skip:pgfdw-option"
        m = re.match(r"ALTER\s+FOREIGN\s+TABLE\s+" + NAME + r"\s+INHERIT\s+" + NAME, sql, re.I)
        if m:
            self.inh_parents.add(norm(m.group(2)))
            self.children.setdefault(norm(m.group(2)), set()).add(norm(m.group(1)))
            return "both"
        m = re.match(r"PREPARE\s+(\w+)(?:\s*\([^)]*\))?\s+AS\s+(INSERT|UPDATE|DELETE|MERGE)\b", sql, re.I)
        if m:
            self.dml_prepared.add(m.group(1).lower())
            return "skip:dml-explain"
        m = re.search(r"\bEXECUTE\s+(\w+)", sql, re.I)
        if m and m.group(1).lower() in self.dml_prepared and first in ("EXPLAIN", "EXECUTE"):
            return "skip:dml-explain"
        m = re.match(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?VIEW\s+" + NAME, sql, re.I)
        if m and self.mentions(sql, fnames):
            self.views.add(norm(m.group(1)))
            return "both"
        if first == "EXPLAIN":
            if re.search(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b", up):
                return "skip:dml-explain"
            return "explain"
        if first in ("SELECT", "VALUES", "TABLE", "EXECUTE", "FETCH"):
            return "query"
        if first == "WITH":
            if re.search(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b", up):
                return "skip:returning-dml" if self.mentions(sql, fnames) else "all"
            return "query"
        if first in ("SET", "RESET", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
                     "RELEASE", "PREPARE", "DEALLOCATE", "DECLARE", "CLOSE", "DISCARD"):
            return "session"
        if first == "COPY":
            return "skip:copy"
        if re.search(r"\bWHERE\s+CURRENT\s+OF\b", up):
            return "pgf"
        dml = re.match(r"(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+(ONLY\s+)?" + NAME,
                       sql, re.I)
        if dml:
            target = norm(dml.group(2))
            if target in self.foreign or target in self.partitioned or target in self.views:
                return "pgf"
            if target in self.inh_parents and not dml.group(1) and first in ("UPDATE", "DELETE", "MERGE"):
                return "pgf-only"
            return "both" if self.mentions(sql, fnames) else "all"
        if first in ("ALTER", "CREATE", "DROP", "IMPORT", "ANALYZE", "VACUUM", "REINDEX", "GRANT",
                     "REVOKE", "COMMENT", "LOCK", "DO", "SECURITY") or True:
            if re.match(r"(ALTER|CREATE|DROP)\s+(SERVER|FOREIGN|USER\s+MAPPING)|IMPORT", up):
                return "both"
            return "both" if self.mentions(sql, fnames) else "all"


def main():
    src = open(sys.argv[1]).read()
    cl = Classifier()
    print("""-- Read-only statements of PostgreSQL 15's contrib/postgres_fdw/sql/postgres_fdw.sql
-- (release 15.18), tagged for tests/upstream/run.py by tests/upstream/port.py. Statements
-- that are not run are kept as comments under a "skip:<group>" tag; run.py lists the
-- groups with their reasons. Tags: "-- @L<upstream line> <kind>" (see port.py).
--
-- The statements are taken from PostgreSQL, which carries this notice:
--
-- PostgreSQL Database Management System
-- (also known as Postgres, formerly known as Postgres95)
--
-- Portions Copyright (c) 1996-2026, PostgreSQL Global Development Group
--
-- Portions Copyright (c) 1994, The Regents of the University of California
--
-- Permission to use, copy, modify, and distribute this software and its
-- documentation for any purpose, without fee, and without a written agreement
-- is hereby granted, provided that the above copyright notice and this
-- paragraph and the following two paragraphs appear in all copies.
--
-- IN NO EVENT SHALL THE UNIVERSITY OF CALIFORNIA BE LIABLE TO ANY PARTY FOR
-- DIRECT, INDIRECT, SPECIAL, INCIDENTAL, OR CONSEQUENTIAL DAMAGES, INCLUDING
-- LOST PROFITS, ARISING OUT OF THE USE OF THIS SOFTWARE AND ITS
-- DOCUMENTATION, EVEN IF THE UNIVERSITY OF CALIFORNIA HAS BEEN ADVISED OF THE
-- POSSIBILITY OF SUCH DAMAGE.
--
-- THE UNIVERSITY OF CALIFORNIA SPECIFICALLY DISCLAIMS ANY WARRANTIES,
-- INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
-- AND FITNESS FOR A PARTICULAR PURPOSE.  THE SOFTWARE PROVIDED HEREUNDER IS
-- ON AN "AS IS" BASIS, AND THE UNIVERSITY OF CALIFORNIA HAS NO OBLIGATIONS TO
-- PROVIDE MAINTENANCE, SUPPORT, UPDATES, ENHANCEMENTS, OR MODIFICATIONS.
""")
    section = None
    for line, sql, sec in split(src):
        if sec != section:
            section = sec
            print("\n-- ==== %s ====" % sec)
        kind = cl.classify(sql, sec)
        if kind == "strip":
            # CREATE SERVER/FOREIGN TABLE with postgres_fdw-only options: created without them in both
            print("-- (postgres_fdw-only options removed: %s)" % ", ".join(
                o for o in PGFDW_ONLY_OPTIONS if re.search(r"\b%s\b" % o, sql, re.I)))
            sql = strip_pgfdw_options(sql)
            kind = cl.classify(sql, sec)
        m = re.match(r"\\d(?:et)?\+?\s+(\w+)\.\*$", sql)
        if m and sec == "test IMPORT FOREIGN SCHEMA":
            # psql's \det+ / \d of imported tables: compare the definitions instead
            print("-- instead of psql's %s: the imported definitions" % sql)
            print("-- @L%d query" % line)
            print(IMPORTED_DEFS % m.group(1) + ";")
            continue
        print("-- @L%d %s" % (line, kind))
        if kind.startswith("skip:"):
            print("\n".join("-- " + l for l in sql.split("\n")) + (";" if not sql.startswith("\\") else ""))
        else:
            print(sql + ";")


if __name__ == "__main__":
    main()
