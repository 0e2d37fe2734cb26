"""What the local warehouse fakes (bigquery_fake.py, snowflake_fake.py) and
the security suite's recording_listener.py share.

- serve(): a threaded HTTP server on 127.0.0.1 only, that stops when its
  parent process exits (or after a lifetime) and on SIGTERM;
- FakeHandler: request parsing, JSON/gzip responses, the admin endpoints
  (POST /_fake/faults, POST /_fake/reset, GET /_fake/state) and the answer
  to an injected fault (an HTTP status, a dropped connection, a delay);
- FakeBase: the fault list and counters behind them, and one autocommitting
  PostgreSQL connection per thread for the fakes backed by PostgreSQL;
- RS256 JWT helpers for the services' key checks;
- Tokenizer and TranslatorBase: the token-by-token SQL translation both
  dialects use. Keywords are recognised whatever their case: a token's `up`
  is its upper-case text, and everything the base writes or compares is
  upper case (a lower-case `select * from t` is a SELECT * like any other).
"""
import argparse, base64, copy, gzip, json, os, signal, socket, sys, threading, time
from collections import namedtuple
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs


# ---------------------------------------------------------------------------
# Server and lifetime

def serve(handler_cls, port, banner=None, watch_parent=True, lifetime=None, bind_attempts=1):
    """Serves handler_cls on 127.0.0.1:port until the parent exits (when
    watch_parent), lifetime seconds pass (when given) or SIGTERM."""
    for attempt in range(bind_attempts):
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler_cls)
            break
        except OSError:  # the port may be held for a moment by a client's ephemeral socket
            if attempt == bind_attempts - 1:
                raise
            time.sleep(0.2)
    server.daemon_threads = True
    parent = os.getppid()
    started = time.time()

    def watch():
        while True:
            time.sleep(1)
            if (watch_parent and os.getppid() != parent) or (lifetime is not None and
                                                             time.time() - started >= lifetime):
                os.kill(os.getpid(), signal.SIGTERM)
    if watch_parent or lifetime is not None:
        threading.Thread(target=watch, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    if banner:
        print("%s listening on 127.0.0.1:%d" % (banner, port), flush=True)
    server.serve_forever()


def arg_parser(keys_help, result_cache_help):
    """The options every PostgreSQL-backed fake takes: --port, --dsn,
    --keys (registered public keys) and --result-cache."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--keys", help=keys_help)
    ap.add_argument("--result-cache", action="store_true", help=result_cache_help)
    return ap


# ---------------------------------------------------------------------------
# State: faults, counters, PostgreSQL

class FakeBase:
    """Faults and counters of a fake; a PostgreSQL connection per thread when
    SESSION_SQL is set (with args.dsn)."""
    STATS = {}          # counters /_fake/state shows, as at start
    RESET_STATS = ()    # the counters POST /_fake/reset puts back
    SESSION_SQL = None  # run once on each new PostgreSQL connection

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.faults = []
        self.stats = copy.deepcopy(self.STATS)
        self.local = threading.local()

    def add_faults(self, faults):
        with self.lock:
            self.faults.extend(faults)

    def take_fault(self, match):
        """The first fault with count left (default 1) that match(fault)
        accepts, its count taken one down; or None."""
        with self.lock:
            for f in self.faults:
                if f.get("count", 1) > 0 and match(f):
                    f["count"] = f.get("count", 1) - 1
                    return f
        return None

    def count(self, name, n=1):
        with self.lock:
            self.stats[name] += n

    def reset(self):
        """POST /_fake/reset: no faults, counters as at start."""
        with self.lock:
            self.faults.clear()
            self.stats.update({k: copy.deepcopy(self.STATS[k]) for k in self.RESET_STATS})

    def conn(self):
        c = getattr(self.local, "conn", None)
        if c is None or c.closed:
            import psycopg2
            c = psycopg2.connect(self.args.dsn)
            c.autocommit = True
            with c.cursor() as cur:
                cur.execute(self.SESSION_SQL)
            self.local.conn = c
        return c

    def table_exists(self, schema, table):
        with self.conn().cursor() as cur:
            cur.execute("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = %s AND c.relname = %s AND c.relkind IN ('r','v','m','p')", (schema, table))
            return cur.fetchone() is not None


def session_sql(helper_schema, extra_float_digits):
    return ("SET search_path = pg_catalog, %s; SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; "
            "SET IntervalStyle = 'postgres'; SET extra_float_digits = %d" % (helper_schema, extra_float_digits))


def pg_message(e):
    """The first line of a psycopg2 error, without PostgreSQL's 'ERROR:  '."""
    return (e.pgerror or str(e)).strip().split("\n")[0].replace("ERROR:  ", "")


def numeric_typmod(typmod):
    """(precision, scale) of a numeric typmod (PostgreSQL 15 scales may be
    negative or exceed the precision), or None without one."""
    if typmod < 4:
        return None
    p, s = ((typmod - 4) >> 16) & 0xFFFF, (typmod - 4) & 0x7FF
    return p, (s - 0x800 if s & 0x400 else s)


def pg_literal(s):
    return "'" + s.replace("'", "''") + "'"


def pg_ident(s):
    return '"' + s.replace('"', '""') + '"'


# ---------------------------------------------------------------------------
# HTTP

class FakeHandler(BaseHTTPRequestHandler):
    """Subclasses set `fake` and implement route(method, path, qs, body);
    requests under /_fake/ go to admin()."""
    protocol_version = "HTTP/1.1"
    fake = None
    content_type = "application/json"
    log_prefix = "fake"
    # A fault of kind "drop" answers 200 with these bytes of a body that
    # announces more, then closes the connection (None: closes at once).
    drop_prefix = None
    # A schema_check.SchemaChecker (the fake's --check-schema FILE): every
    # response is checked against the vendor's API definition.
    schema_checker = None
    answering_fault = False

    def log_enabled(self):
        return False

    def log_message(self, fmt, *args):
        if self.log_enabled():
            sys.stderr.write("%s: %s\n" % (self.log_prefix, fmt % args))

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send_body(self, status, body, content_type=None, headers=None, may_gzip=False):
        if isinstance(body, str):
            body = body.encode()
        if self.schema_checker is not None:
            url = urlparse(self.path)
            self.schema_checker.check(self.command, url.path, parse_qs(url.query), status, body,
                                      (headers or {}).get("Content-Encoding"), fault=self.answering_fault)
        self.send_response(status)
        self.send_header("Content-Type", content_type or self.content_type)
        if may_gzip and "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 1024:
            body = gzip.compress(body, compresslevel=1)
            self.send_header("Content-Encoding", "gzip")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status, doc, extra_headers=None):
        """doc: a JSON value, or JSON text already; gzip when the client accepts it."""
        body = doc if isinstance(doc, (bytes, str)) else json.dumps(doc, separators=(",", ":"))
        self.send_body(status, body, headers=extra_headers, may_gzip=True)

    def send_gzipped(self, body):
        """A body compressed already, sent gzip whatever Accept-Encoding says."""
        self.send_body(200, body, headers={"Content-Encoding": "gzip"})

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method):
        url = urlparse(self.path)
        qs = {k: v[0] for k, v in parse_qs(url.query).items()}
        body = self.read_body()
        self.answering_fault = False
        try:
            if url.path.startswith("/_fake/"):
                return self.admin(method, url.path, body)
            return self.route(method, url.path, qs, body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as e:
            self.on_error(e)

    def on_error(self, e):
        """An exception route() raised: the service's error answer."""
        raise e

    def route(self, method, path, qs, body):
        raise NotImplementedError

    # -- admin ---------------------------------------------------------------
    def admin(self, method, path, body):
        fake = self.fake
        if path == "/_fake/faults" and method == "POST":
            fake.add_faults(json.loads(body))
            return self.send_json(200, {"ok": True})
        if path == "/_fake/reset" and method == "POST":
            fake.reset()
            return self.send_json(200, {"ok": True})
        if path == "/_fake/state":
            with fake.lock:
                return self.send_json(200, fake.stats)
        return self.not_found(path)

    def not_found(self, path):
        return self.send_json(404, {"message": "Not found: " + path})

    # -- faults --------------------------------------------------------------
    def answer_fault(self, fault):
        """Acts on a fault taken for this request: True when that answered it
        (a status, a dropped connection), False when the request goes on
        (after a delay, for kind "slow")."""
        kind = fault["kind"]
        self.answering_fault = kind in ("status", "http")
        if kind == "drop":
            self.drop_connection()
            return True
        if kind == "slow":
            time.sleep(fault.get("seconds", 1))
            return False
        if kind in ("status", "http"):
            status = fault.get("status", 503)
            hdr = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else None
            self.send_json(status, self.fault_body(status, fault), hdr)
            return True
        return False

    def fault_body(self, status, fault):
        return {"message": fault.get("message", "Injected fault")}

    def drop_connection(self):
        if self.drop_prefix is not None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(self.drop_prefix)
            self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


# ---------------------------------------------------------------------------
# JWT (RS256), as both services' key-pair auth uses it

def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def decode_jwt(token):
    """(header, claims, signature, signed bytes) of a compact JWT; ValueError
    when it is not one."""
    try:
        h64, c64, s64 = token.split(".")
        return (json.loads(b64url_decode(h64)), json.loads(b64url_decode(c64)), b64url_decode(s64),
                (h64 + "." + c64).encode())
    except Exception:
        raise ValueError("not a JWT")


def rs256_valid(key, sig, signed):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    try:
        key.verify(sig, signed, padding.PKCS1v15(), hashes.SHA256())
        return True
    except Exception:
        return False


def load_public_keys(path):
    """{name: public key} from a JSON file {name: PEM}; {} without a path."""
    from cryptography.hazmat.primitives import serialization
    if not path:
        return {}
    with open(path) as f:
        return {name: serialization.load_pem_public_key(pem.encode()) for name, pem in json.load(f).items()}


# ---------------------------------------------------------------------------
# SQL: tokens and the translator's shared parts

class Token(namedtuple("Token", "kind text pos end")):
    """A token; `up` is its text in upper case, for keyword checks."""
    __slots__ = ()

    @property
    def up(self):
        return self.text.upper()


class Tokenizer:
    """Splits SQL by a regular expression of named groups (one match a
    token; group "ws" is skipped, group "badstr" is an unclosed literal)."""

    def __init__(self, token_re, unexpected, unclosed, check=None):
        self.token_re, self.unexpected, self.unclosed, self.check = token_re, unexpected, unclosed, check

    def __call__(self, sql):
        toks, pos = [], 0
        while pos < len(sql):
            m = self.token_re.match(sql, pos)
            if not m:
                raise self.unexpected(pos, sql[pos])
            kind = m.lastgroup
            if kind == "badstr":
                raise self.unclosed(pos)
            if kind != "ws":
                tok = Token(kind, m.group(0), pos, m.end())
                if self.check:
                    self.check(toks, tok)
                toks.append(tok)
            pos = m.end()
        return toks


# Clauses that end a FROM list, and those that start one.
FROM_ENDS = ("WHERE", "GROUP", "ORDER", "LIMIT", "SELECT", "ON", "HAVING")


class TranslatorBase:
    """State and steps the dialect translators share. `out` holds the
    PostgreSQL tokens written so far; keywords are written in upper case."""

    def __init__(self):
        self.tables, self.columns, self.star, self.positional = [], set(), False, 0
        self.seen_limit = False

    def note_star(self, out):
        """A '*' about to be written: SELECT *, SELECT DISTINCT *, t.*, or , *
        reads every column (whatever the case the query wrote)."""
        if out and (out[-1].upper() in ("SELECT", ",", "DISTINCT") or out[-1].endswith(".")):
            self.star = True

    def check_offset(self, tok, toks, i, error):
        """OFFSET only after LIMIT (allow_offset says when else)."""
        if tok.up == "OFFSET" and not self.seen_limit and not self.allow_offset(toks, i):
            raise error
        if tok.up == "LIMIT":
            self.seen_limit = True

    def allow_offset(self, toks, i):
        return False

    @staticmethod
    def keyword_state(up, out):
        """prev_kw after keyword `up` was written: FROM of EXTRACT(part FROM x)
        and of IS [NOT] DISTINCT FROM starts no table list."""
        if up == "FROM" and len(out) >= 2 and out[-2].upper() == "DISTINCT":
            return None
        if up == "FROM" and len(out) >= 4 and out[-4].upper() == "EXTRACT":
            return None
        return up

    @staticmethod
    def after_punct(text, prev_kw, out):
        """prev_kw after a token other than a keyword or name was written:
        '(' right after FROM/JOIN keeps a table list going (FROM (a JOIN b
        ...)), and a ',' inside a FROM list starts another table."""
        if text == "(" and prev_kw in ("FROM", "JOIN"):
            return prev_kw
        if text == ",":
            return "FROM" if TranslatorBase.in_from(out) else None
        return None

    @staticmethod
    def in_from(out):
        """Whether the end of `out` is inside a FROM list."""
        depth = 0
        for t in reversed(out):
            if t == ")":
                depth += 1
            elif t == "(":
                if depth == 0:
                    return False
                depth -= 1
            elif depth == 0 and t.upper() in FROM_ENDS:
                return False
            elif depth == 0 and t.upper() in ("FROM", "JOIN"):
                return True
        return False

    @staticmethod
    def in_cast(out):
        """Whether the AS just written is CAST(... AS type)."""
        depth = 0
        for k in range(len(out) - 2, -1, -1):
            t = out[k]
            if t == ")":
                depth += 1
            elif t == "(":
                if depth == 0:
                    return k > 0 and out[k - 1].upper() in ("CAST", "TRY_CAST")
                depth -= 1
        return False
