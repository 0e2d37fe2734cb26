"""Checks every response a fake sends against the vendor's published API
schema (pure Python, no PyPI): the fakes of Snowflake and Databricks have no
official client to hold them to, so the tests hold them to the vendors'
definitions instead.

A schema is a small JSON-Schema subset written as Python data, derived by
hand from the vendor's definition (each schema module cites its source):

  {"type": "object"|"array"|"string"|"integer"|"boolean"|"number"|"any",
   "properties": {...}, "required": [...],
   "additional": False     -> a field the definition does not declare is a violation
   "nullable": True        -> null is allowed (OpenAPI 3.0 `nullable`)
   "enum": [...], "items": {...}, "minimum": n, "format": "uuid"|"int32"|"int64"}

A route table says, per operation, which HTTP statuses the definition
allows and the schema of each one's body (None: any JSON object, for the
statuses the definition gives no body schema):

  [(method, compiled path regex, operation name, {status: schema or None})]

plus optional `contract` checks (functions of status and document) for
rules the definition states in prose (Snowflake's NUMBER limits, row widths
equal to the column count, ...).

A fake started with --check-schema FILE calls SchemaChecker.check() on each
response it sends (fake_core.FakeHandler.send_body) and appends one line per
violation to FILE; scripts/test.sh fails a run whose file is not empty.
Responses to faults the tests inject (an HTTP status a proxy or gateway
could send) are exempt from the status check, not from the body check.
"""
import gzip, json, re, threading, time

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
INT_RANGE = {"int32": (-2 ** 31, 2 ** 31 - 1), "int64": (-2 ** 63, 2 ** 63 - 1)}


def validate(doc, schema, where="$", out=None):
    """The violations (strings) of doc against schema."""
    out = [] if out is None else out
    if schema is None:
        return out
    if doc is None:
        if not schema.get("nullable") and schema.get("type") != "any":
            out.append("%s: null where the schema wants %s" % (where, schema.get("type")))
        return out
    t = schema.get("type", "any")
    ok = {"object": isinstance(doc, dict), "array": isinstance(doc, list), "string": isinstance(doc, str),
          "integer": isinstance(doc, int) and not isinstance(doc, bool), "boolean": isinstance(doc, bool),
          "number": isinstance(doc, (int, float)) and not isinstance(doc, bool), "any": True}[t]
    if not ok:
        out.append("%s: %s where the schema wants %s" % (where, type(doc).__name__, t))
        return out
    if "enum" in schema and doc not in schema["enum"]:
        out.append("%s: %r is not one of %s" % (where, doc, "|".join(map(str, schema["enum"]))))
    if t == "integer":
        lo, hi = INT_RANGE.get(schema.get("format"), (None, None))
        if lo is not None and not lo <= doc <= hi:
            out.append("%s: %d is out of %s range" % (where, doc, schema["format"]))
        if "minimum" in schema and doc < schema["minimum"]:
            out.append("%s: %d is below the minimum %d" % (where, doc, schema["minimum"]))
    if t == "string" and schema.get("format") == "uuid" and not UUID_RE.match(doc):
        out.append("%s: %r is not a UUID" % (where, doc))
    if t == "object":
        props = schema.get("properties", {})
        for k in schema.get("required", ()):
            if k not in doc:
                out.append("%s: required field %s is missing" % (where, k))
        for k, v in doc.items():
            if k in props:
                validate(v, props[k], "%s.%s" % (where, k), out)
            elif schema.get("additional") is False:
                out.append("%s: field %s is not in the definition" % (where, k))
    if t == "array":
        if "minItems" in schema and len(doc) < schema["minItems"]:
            out.append("%s: %d items, fewer than %d" % (where, len(doc), schema["minItems"]))
        item = schema.get("items")
        if item is not None:
            for i, v in enumerate(doc):
                validate(v, item, "%s[%d]" % (where, i), out)
                if len(out) > 50:  # one bad column repeats on every row: enough to show it
                    break
    return out


class SchemaChecker:
    """Checks responses of one service against its route table; appends
    violations to log_path."""

    def __init__(self, service, routes, log_path, contract=None):
        self.service, self.routes, self.log_path, self.contract = service, routes, log_path, contract
        self.lock = threading.Lock()
        self.checked = 0

    def operation(self, method, path):
        for m, rx, name, statuses in self.routes:
            if m == method and rx.match(path):
                return name, statuses
        return None, None

    def check(self, method, path, query, status, body, content_encoding=None, fault=False):
        if path.startswith("/_fake/"):
            return []
        problems = []
        name, statuses = self.operation(method, path)
        if name is None:
            if status not in (404, 405):  # an endpoint the definition lacks must be refused as such
                problems.append("%s %s is no operation of the definition, answered %d" % (method, path, status))
            statuses = {status: None}
            name = "(none)"
        if status not in statuses and not fault:
            problems.append("HTTP %d is not a status the definition allows for %s (allowed: %s)"
                            % (status, name, ", ".join(str(s) for s in sorted(statuses))))
        schema = statuses.get(status)
        if content_encoding == "gzip":
            try:
                body = gzip.decompress(body)
            except OSError:
                problems.append("body announced as gzip does not decompress")
                body = b""
        try:
            doc = json.loads(body) if body else None
        except ValueError:
            doc = None
            problems.append("body is not JSON: %r" % body[:80])
        else:
            if doc is None:
                problems.append("empty body; the definition wants a JSON document")
            elif schema is None:
                if not isinstance(doc, dict):
                    problems.append("body is %s, not a JSON object" % type(doc).__name__)
            else:
                problems += validate(doc, schema)
                if self.contract is not None:
                    problems += self.contract(name, status, doc, query)
        if problems:
            self.log(method, path, status, problems)
        return problems

    def log(self, method, path, status, problems):
        with self.lock, open(self.log_path, "a") as f:
            for p in problems:
                f.write("%s %s %s %s -> %d: %s\n" % (time.strftime("%H:%M:%S"), self.service, method, path, status,
                                                     p))


def load(module_name, service, log_path):
    """A SchemaChecker from a schema module (ROUTES, optional CONTRACT)."""
    import importlib
    mod = importlib.import_module(module_name)
    return SchemaChecker(service, mod.ROUTES, log_path, getattr(mod, "CONTRACT", None))
