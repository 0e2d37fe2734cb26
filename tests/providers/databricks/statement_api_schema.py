"""Databricks SQL Statement Execution API 2.0 as Databricks defines it, for
tests/fakes/schema_check.py.

Source: the types Databricks generates from its OpenAPI specification into
its official Go SDK, github.com/databricks/databricks-sdk-go,
service/sql/model.go (snapshot of commit 1ff3c785425fbb6ad4c96c50c538231fce761996,
2026-08-19): StatementResponse, StatementStatus, ServiceError,
ServiceErrorCode, StatementState, ResultManifest, ResultSchema, ColumnInfo,
ColumnInfoTypeName, Format, BaseChunkInfo, ResultData, ExternalLink; the
operations in service/sql/impl.go (ExecuteStatement POST
/api/2.0/sql/statements, GetStatement GET .../{statement_id},
GetStatementResultChunkN GET .../{statement_id}/result/chunks/{chunk_index}
answering ResultData, CancelExecution POST .../{statement_id}/cancel with an
empty body); the REST error shape of apierr/errors.go (error_code, message,
details) with the statuses of apierr/error_mapping.go. Reference page:
https://docs.databricks.com/api/workspace/statementexecution.
Transcribed by hand. Go's `int`/`int64` fields are integers, `bool`
booleans, enums closed lists. A field the SDK does not declare is a
violation. ResultData.data_array is [][]string in Go; the reference page
documents SQL NULL as JSON null in JSON_ARRAY results, so a cell may be null.

The OAuth M2M token endpoint (/oidc/v1/token) answers as RFC 6749 sections
5.1 and 5.2 say (the SDK reads it with golang.org/x/oauth2).

CONTRACT adds rules the reference states in prose: DECIMAL precision 1..38
and scale 0..precision (Databricks SQL DECIMAL(p,s), "p: 1 to 38, s: 0 to p",
https://docs.databricks.com/sql/language-manual/data-types/decimal-type.html);
schema.column_count equals the columns listed; a row has one cell per
column; a chunk's row_count equals its data_array rows; a FAILED status
carries an error, a SUCCEEDED one a manifest.
"""
import re

STRING = {"type": "string"}
INT = {"type": "integer", "format": "int32"}
INT64 = {"type": "integer", "format": "int64"}
BOOL = {"type": "boolean"}

STATEMENT_STATE = ["CANCELED", "CLOSED", "FAILED", "PENDING", "RUNNING", "SUCCEEDED"]
SERVICE_ERROR_CODE = ["ABORTED", "ALREADY_EXISTS", "BAD_REQUEST", "CANCELLED", "DEADLINE_EXCEEDED", "INTERNAL_ERROR",
                      "IO_ERROR", "NOT_FOUND", "RESOURCE_EXHAUSTED", "SERVICE_UNDER_MAINTENANCE",
                      "TEMPORARILY_UNAVAILABLE", "UNAUTHENTICATED", "UNKNOWN", "WORKSPACE_TEMPORARILY_UNAVAILABLE"]
COLUMN_TYPE_NAME = ["ARRAY", "BINARY", "BOOLEAN", "BYTE", "CHAR", "DATE", "DECIMAL", "DOUBLE", "FLOAT", "INT",
                    "INTERVAL", "LONG", "MAP", "NULL", "SHORT", "STRING", "STRUCT", "TIMESTAMP", "USER_DEFINED_TYPE"]
# One deliberate addition: TIMESTAMP_NTZ. The SDK's sql.ColumnInfoTypeName lacks it, while the same SDK's
# catalog.ColumnTypeName (service/catalog/model.go) lists TIMESTAMP_NTZ for the same Databricks type, and
# the contract the FDW was written to (/work/notes/databricks-contract.md) has type_name TIMESTAMP_NTZ. Which
# one a real warehouse sends is not settled here; the FDW reads both (type_text TIMESTAMP_NTZ decides, see
# src/providers/databricks/databricks_values.cpp), and the fake keeps TIMESTAMP_NTZ.
COLUMN_TYPE_NAME.append("TIMESTAMP_NTZ")
FORMAT = ["ARROW_STREAM", "CSV", "JSON_ARRAY"]

SERVICE_ERROR = {"type": "object", "additional": False, "properties": {
    "error_code": {"type": "string", "enum": SERVICE_ERROR_CODE}, "message": STRING}}
STATEMENT_STATUS = {"type": "object", "additional": False, "properties": {
    "error": SERVICE_ERROR, "sql_state": STRING, "state": {"type": "string", "enum": STATEMENT_STATE}}}
COLUMN_INFO = {"type": "object", "additional": False, "properties": {
    "name": STRING, "position": INT, "type_interval_type": STRING,
    "type_name": {"type": "string", "enum": COLUMN_TYPE_NAME}, "type_precision": INT, "type_scale": INT,
    "type_text": STRING}}
BASE_CHUNK_INFO = {"type": "object", "additional": False, "properties": {
    "byte_count": INT64, "chunk_index": INT, "row_count": INT64, "row_offset": INT64}}
RESULT_MANIFEST = {"type": "object", "additional": False, "properties": {
    "chunks": {"type": "array", "items": BASE_CHUNK_INFO}, "format": {"type": "string", "enum": FORMAT},
    "schema": {"type": "object", "additional": False, "properties": {
        "column_count": INT, "columns": {"type": "array", "items": COLUMN_INFO}}},
    "total_byte_count": INT64, "total_chunk_count": INT, "total_row_count": INT64, "truncated": BOOL}}
EXTERNAL_LINK = {"type": "object", "additional": False, "properties": {
    "byte_count": INT64, "chunk_index": INT, "expiration": STRING, "external_link": STRING,
    "http_headers": {"type": "object"}, "next_chunk_index": INT, "next_chunk_internal_link": STRING,
    "row_count": INT64, "row_offset": INT64}}
RESULT_DATA = {"type": "object", "additional": False, "properties": {
    "byte_count": INT64, "chunk_index": INT,
    "data_array": {"type": "array", "items": {"type": "array", "items": {"type": "string", "nullable": True}}},
    "external_links": {"type": "array", "items": EXTERNAL_LINK}, "next_chunk_index": INT,
    "next_chunk_internal_link": STRING, "row_count": INT64, "row_offset": INT64}}
STATEMENT_RESPONSE = {"type": "object", "additional": False, "properties": {
    "manifest": RESULT_MANIFEST, "result": RESULT_DATA, "statement_id": STRING, "status": STATEMENT_STATUS}}
CANCEL_RESPONSE = {"type": "object", "additional": False, "properties": {}}

# apierr: {"error_code": ..., "message": ..., "details": [...]}, for every status apierr maps.
API_ERROR = {"type": "object", "additional": False, "properties": {
    "error_code": STRING, "message": STRING, "details": {"type": "array"}}}
ERRORS = {s: API_ERROR for s in (400, 401, 403, 404, 405, 409, 429, 499, 500, 501, 503, 504)}

OAUTH_TOKEN = {"type": "object", "required": ["access_token", "token_type"], "properties": {
    "access_token": STRING, "token_type": STRING, "expires_in": {"type": "integer", "minimum": 0},
    "refresh_token": STRING, "scope": STRING}}
OAUTH_ERROR = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "string", "enum": ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                                         "unsupported_grant_type", "invalid_scope"]},
    "error_description": STRING, "error_uri": STRING}}

BASE = r"^/api/2\.0/sql/statements"
ROUTES = [
    ("POST", re.compile(BASE + r"$"), "ExecuteStatement", {**ERRORS, 200: STATEMENT_RESPONSE}),
    ("GET", re.compile(BASE + r"/[^/]+$"), "GetStatement", {**ERRORS, 200: STATEMENT_RESPONSE}),
    ("GET", re.compile(BASE + r"/[^/]+/result/chunks/[^/]+$"), "GetStatementResultChunkN",
     {**ERRORS, 200: RESULT_DATA}),
    ("POST", re.compile(BASE + r"/[^/]+/cancel$"), "CancelExecution", {**ERRORS, 200: CANCEL_RESPONSE}),
    ("POST", re.compile(r"^/oidc/v1/token$"), "OAuthToken", {200: OAUTH_TOKEN, 400: OAUTH_ERROR, 401: OAUTH_ERROR}),
]


def _result_checks(where, res, ncols, out):
    rows = res.get("data_array")
    if isinstance(rows, list):
        if isinstance(res.get("row_count"), int) and res["row_count"] != len(rows):
            out.append("%s: row_count %d but %d rows in data_array" % (where, res["row_count"], len(rows)))
        if ncols is not None:
            for r, row in enumerate(rows):
                if isinstance(row, list) and len(row) != ncols:
                    out.append("%s.data_array[%d]: %d cells for %d columns" % (where, r, len(row), ncols))
                    break
    elif res.get("row_count") and "external_links" not in res:
        out.append("%s: row_count %d without data_array or external_links" % (where, res["row_count"]))


def CONTRACT(op, status, doc, query):
    out = []
    if status != 200 or not isinstance(doc, dict):
        return out
    if op == "GetStatementResultChunkN":
        _result_checks("$", doc, None, out)
        return out
    if op not in ("ExecuteStatement", "GetStatement"):
        return out
    st = doc.get("status") or {}
    state = st.get("state")
    if state == "FAILED" and "error" not in st:
        out.append("$.status: FAILED without an error")
    if state == "SUCCEEDED" and "manifest" not in doc:
        out.append("$: SUCCEEDED without a manifest")
    if state != "SUCCEEDED" and ("manifest" in doc or "result" in doc):
        out.append("$: %s with a result" % state)
    man = doc.get("manifest") or {}
    sch = man.get("schema") or {}
    cols = sch.get("columns") if isinstance(sch.get("columns"), list) else []
    if "column_count" in sch and sch["column_count"] != len(cols):
        out.append("$.manifest.schema: column_count %s but %d columns" % (sch["column_count"], len(cols)))
    for i, c in enumerate(cols):
        if isinstance(c, dict) and c.get("type_name") == "DECIMAL":
            p, s = c.get("type_precision"), c.get("type_scale")
            if not (isinstance(p, int) and 1 <= p <= 38 and isinstance(s, int) and 0 <= s <= p):
                out.append("$.manifest.schema.columns[%d]: DECIMAL(%s,%s) is beyond Databricks' DECIMAL "
                           "(precision 1..38, scale 0..precision)" % (i, p, s))
            if c.get("type_text") != "DECIMAL(%s,%s)" % (p, s):
                out.append("$.manifest.schema.columns[%d]: type_text %r disagrees with DECIMAL(%s,%s)"
                           % (i, c.get("type_text"), p, s))
        if isinstance(c, dict) and c.get("position") != i:
            out.append("$.manifest.schema.columns[%d]: position %r" % (i, c.get("position")))
    chunks = man.get("chunks")
    if isinstance(chunks, list) and isinstance(man.get("total_row_count"), int):
        total = sum(ch.get("row_count", 0) for ch in chunks if isinstance(ch, dict))
        if total != man["total_row_count"]:
            out.append("$.manifest: total_row_count %d but the chunks hold %d" % (man["total_row_count"], total))
        if isinstance(man.get("total_chunk_count"), int) and man["total_chunk_count"] != len(chunks):
            out.append("$.manifest: total_chunk_count %d but %d chunks" % (man["total_chunk_count"], len(chunks)))
    if isinstance(doc.get("result"), dict):
        _result_checks("$.result", doc["result"], len(cols) if cols else None, out)
    return out
