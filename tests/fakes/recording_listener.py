#!/usr/bin/python3
"""A recording HTTP listener for the `security` pg_regress suite.

It stands where an attacker's (or a broken) service would: every request it
receives is logged (method, path, Authorization header), so the suite can
prove that no credential of another user mapping ever reaches it. It also
answers with scripted, deliberately wrong BigQuery / Snowflake responses
(short pages, repeated page tokens, partitions shorter than announced, wrong
JSON types, bodies that are not JSON) to show that scans fail loudly instead
of returning partial results.

127.0.0.1 only; it stops itself after --lifetime seconds.

  POST /_rec/mode   body: a mode name (see RESPONSES)   -> "ok"
  POST /_rec/reset  forget the log                      -> "ok"
  GET  /_rec/log    the log, one request a line: method TAB path TAB authorization

It is also a forward proxy for the https_proxy option's tests: a request
whose target is an absolute http:// URL (what a client sends to a proxy) is
logged with that URL and relayed to it; the answer goes back unchanged.
"""
import argparse
import json
import threading
import urllib.error
import urllib.request
from urllib.parse import urlsplit, parse_qs

from fake_core import FakeHandler, serve

SECRET = "SECRET-FILE-CONTENT-do-not-echo"


def bq_job(total_rows, rows, fields=1, page_token=None, complete=True):
    doc = {"kind": "bigquery#queryResponse",
           "jobReference": {"projectId": "fake-project", "jobId": "rec-job", "location": "US"},
           "jobComplete": complete,
           "schema": {"fields": [{"name": "c%d" % i, "type": "INT64", "mode": "NULLABLE"} for i in range(fields)]},
           "totalRows": str(total_rows)}
    if rows is not None:
        doc["rows"] = [{"f": [{"v": str(r)} for _ in range(fields)]} for r in rows]
    if page_token:
        doc["pageToken"] = page_token
    return 200, json.dumps(doc)


def sf_result(num_rows, partitions, data):
    meta = {"numRows": num_rows, "format": "jsonv2",
            "rowType": [{"name": "ID", "type": "fixed", "scale": 0, "precision": 38, "nullable": True}],
            "partitionInfo": [{"rowCount": n} for n in partitions]}
    return 200, json.dumps({"statementHandle": "rec-handle", "resultSetMetaData": meta, "data": data})


def respond(mode, method, path, query):
    """(status, body) for a request in `mode`."""
    bq_query = method == "POST" and path.endswith("/queries")
    bq_page = method == "GET" and "/queries/" in path
    sf_statement = method == "POST" and path == "/api/v2/statements"
    sf_partition = method == "GET" and path.startswith("/api/v2/statements/")
    if mode == "bq_short":  # totalRows 3, one page of 1 row, no pageToken
        if bq_query:
            return bq_job(3, [1])
    elif mode == "bq_no_rows":  # totalRows 2, no "rows" at all
        if bq_query:
            return bq_job(2, None)
    elif mode == "bq_repeat_token":  # the same pageToken again and again
        if bq_query:
            return bq_job(100, [1], page_token="T1")
        if bq_page:
            return bq_job(100, [2], page_token="T1")
    elif mode == "bq_columns":  # two columns where one was asked for
        if bq_query:
            return bq_job(1, [7], fields=2)
    elif mode == "bq_type_error":  # jobComplete is a string
        if bq_query:
            return 200, json.dumps({"jobReference": {"jobId": "rec-job"}, "jobComplete": "yes"})
    elif mode == "bq_bad_page":  # rows that are not JSON
        if bq_query:
            status, body = bq_job(1, [1])
            return status, body.replace('"rows": [', '"rows": [' + SECRET + ",")
    elif mode == "sf_empty_partition":  # partition 1 is {}
        if sf_statement:
            return sf_result(2, [1, 1], [["1"]])
        if sf_partition:
            return 200, "{}"
    elif mode == "sf_short_partition":  # partition 0 announces 3 rows, holds 1
        if sf_statement:
            return sf_result(3, [3], [["1"]])
    elif mode == "sf_numrows":  # numRows disagrees with the partitions
        if sf_statement:
            return sf_result(5, [1], [["1"]])
    elif mode == "bq_import_inject":  # names and descriptions that try to end the statement
        evil = 'x"; DROP TABLE sec.rec_log; --'
        if method == "GET" and path.endswith("/tables"):
            return 200, json.dumps({"tables": [{"tableReference": {"tableId": evil}, "type": "TABLE"}]})
        if method == "GET" and "/tables/" in path:
            return 200, json.dumps({"type": "TABLE", "description": "'); DROP TABLE sec.rec_log; --",
                                    "schema": {"fields": [{"name": "c') OPTIONS (x 'y'); DROP TABLE sec.rec_log; --",
                                                           "type": "STRING", "mode": "NULLABLE",
                                                           "description": "$$; DROP TABLE sec.rec_log; $$"}]}})
    elif mode == "redirect":  # a redirect elsewhere: never followed
        return 302, "redirect:/_stolen"
    elif mode == "not_json":  # 200 with a body that is not JSON (a file, a proxy page)
        return 200, SECRET + "\n"
    elif mode == "html_error":  # an error page that is not the service's JSON
        return 500, "<html><body>" + SECRET + "</body></html>"
    # default: the service refuses (Google's error shape; Snowflake reads "message")
    return 401, json.dumps({"error": {"code": 401, "message": "recorded and refused", "status": "UNAUTHENTICATED"},
                            "message": "recorded and refused", "code": "390101"})


class State:
    lock = threading.Lock()
    log = []
    mode = "refuse"


class Handler(FakeHandler):
    """Not a fake's protocol: every path is logged and answered by mode,
    except /_rec/ (no /_fake/ admin endpoints here)."""

    def reply(self, status, text):
        location = None
        if text.startswith("redirect:"):
            location, text = text[len("redirect:"):], ""
        self.send_body(status, text, "application/json" if text[:1] in "{[" else "text/plain",
                       {"Location": location} if location else None)

    def dispatch(self, method):
        self.handle_any(method)

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode(errors="replace") if length else ""
        url = urlsplit(self.path)
        srv = State
        if url.path == "/_rec/mode":
            with srv.lock:
                srv.mode = body.strip()
            return self.reply(200, "ok")
        if url.path == "/_rec/reset":
            with srv.lock:
                srv.log = []
                srv.mode = "refuse"
            return self.reply(200, "ok")
        if url.path == "/_rec/log":
            with srv.lock:
                lines = ["%s\t%s\t%s" % entry for entry in srv.log]
            return self.reply(200, "".join(line + "\n" for line in lines))
        auth = self.headers.get("Authorization", "")
        if self.path.startswith("http://"):
            return self.relay(method, body, auth)
        with srv.lock:
            srv.log.append((method, url.path.replace("\t", " "), auth.replace("\t", " ")))
            mode = srv.mode
        status, text = respond(mode, method, url.path, parse_qs(url.query))
        self.reply(status, text)


    def relay(self, method, body, auth):
        """Forward proxy: logs the absolute URL, relays the request to it."""
        with State.lock:
            State.log.append(("PROXY " + method, self.path.replace("\t", " "), auth.replace("\t", " ")))
        skip = {"host", "proxy-connection", "connection", "content-length", "accept-encoding"}
        headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
        req = urllib.request.Request(self.path, data=body.encode() if method in ("POST", "PUT") else None,
                                     headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                status, text, ctype = resp.status, resp.read().decode(errors="replace"), resp.headers.get("Content-Type")
        except urllib.error.HTTPError as e:
            status, text, ctype = e.code, e.read().decode(errors="replace"), e.headers.get("Content-Type")
        except OSError:
            status, text, ctype = 502, "proxy: upstream unreachable", "text/plain"
        self.send_body(status, text, ctype or "application/json")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--lifetime", type=float, default=1800, help="seconds until it stops itself")
    args = ap.parse_args()
    serve(Handler, args.port, watch_parent=False, lifetime=args.lifetime, bind_attempts=50)


if __name__ == "__main__":
    main()
