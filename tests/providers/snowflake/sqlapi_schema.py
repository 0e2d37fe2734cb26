"""Snowflake SQL API v2 as Snowflake publishes it, for tests/fakes/schema_check.py.

Source: Snowflake's OpenAPI definition of the SQL API,
  https://github.com/snowflakedb/snowflake-rest-api-specs/blob/main/specifications/sqlapi.yaml
  (openapi 3.0.0, info.version 2.0.0; read at commit 47b9a0d2e691c1454caf10cce73ac5d89e55f2e0)
and its reference page https://docs.snowflake.com/en/developer-guide/sql-api/reference.
Transcribed by hand: components.schemas QueryStatus, QueryFailureStatus,
CancelStatus and ResultSet (with resultSetMetaData, rowType, partitionInfo,
data, stats), and each path's responses. Where the definition gives a status
no body schema (400, 401, 403, 404, 405, 415, 429, 500, 503, 504: "The
response body may include the error code and message"), the body must be a
JSON object whose code/message/sqlState, when present, are strings.

Strictness beyond the definition (so that a misspelt field is caught): a
field the definition does not declare is a violation (additional: False).

The OAuth token endpoint (/oauth/token-request) is not in sqlapi.yaml; its
answers follow RFC 6749 section 5.1 (success) and 5.2 (error), as
Snowflake's OAuth documentation describes
(https://docs.snowflake.com/en/user-guide/oauth-custom).

CONTRACT adds what the definition and Snowflake's documentation state in
prose: a data row has one cell per rowType column; numRows is the sum of the
partitions' rowCount; a FIXED column has precision 1..38 and scale 0..37 and
scale <= precision (https://docs.snowflake.com/en/sql-reference/data-types-numeric);
rowType types are the SQL API's lower-case jsonv2 type names.
"""
import re

STRING = {"type": "string"}
INT64 = {"type": "integer", "format": "int64"}
UINT64 = {"type": "integer", "format": "int64", "minimum": 0}
URI = {"type": "string"}  # format: uri (a relative URL in Snowflake's own answers)
HANDLE = {"type": "string", "format": "uuid"}

QUERY_STATUS = {"type": "object", "additional": False, "required": ["statementHandle"], "properties": {
    "code": STRING, "sqlState": STRING, "message": STRING, "statementHandle": HANDLE, "createdOn": INT64,
    "statementStatusUrl": URI}}
QUERY_FAILURE_STATUS = {"type": "object", "additional": False, "required": ["message", "statementHandle"],
                        "properties": dict(QUERY_STATUS["properties"])}
CANCEL_STATUS = {"type": "object", "additional": False, "required": ["statementHandle"], "properties": {
    "code": STRING, "sqlState": STRING, "message": STRING, "statementHandle": HANDLE, "statementStatusUrl": URI}}

ROW_TYPE = {"type": "object", "additional": False, "properties": {
    "name": STRING, "type": STRING, "length": UINT64, "precision": UINT64, "scale": UINT64,
    "nullable": {"type": "boolean"}}}
PARTITION_INFO = {"type": "object", "additional": False, "properties": {
    "rowCount": UINT64, "compressedSize": UINT64, "uncompressedSize": UINT64}}
PARAMETERS = {"type": "object", "additional": False, "properties": {
    k: STRING for k in ("binary_output_format", "date_output_format", "time_output_format",
                        "timestamp_output_format", "timestamp_ltz_output_format", "timestamp_ntz_output_format",
                        "timestamp_tz_output_format")}}
PARAMETERS["properties"]["multi_statement_count"] = {"type": "integer"}
RESULT_SET = {"type": "object", "additional": False, "properties": {
    "code": STRING, "sqlState": STRING, "message": STRING, "statementHandle": HANDLE, "createdOn": INT64,
    "statementStatusUrl": URI,
    "resultSetMetaData": {"type": "object", "additional": False, "properties": {
        "format": {"type": "string", "enum": ["jsonv2"]},
        "numRows": INT64,
        "rowType": {"type": "array", "minItems": 1, "items": ROW_TYPE},
        "partitionInfo": {"type": "array", "items": PARTITION_INFO},
        "nullable": {"type": "boolean"},
        "parameters": PARAMETERS}},
    "data": {"type": "array", "items": {"type": "array", "items": {"type": "string", "nullable": True}}},
    "stats": {"type": "object", "additional": False, "properties": {
        k: UINT64 for k in ("numRowsInserted", "numRowsUpdated", "numRowsDeleted", "numDuplicateRowsUpdated")}}}}

ERROR_BODY = {"type": "object", "properties": {"code": STRING, "message": STRING, "sqlState": STRING,
                                               "statementHandle": STRING}}

# Every operation answers these with no body schema beyond ERROR_BODY.
COMMON = {s: ERROR_BODY for s in (400, 401, 403, 404, 405, 500, 503, 504)}
SUBMIT = {**COMMON, 200: RESULT_SET, 202: QUERY_STATUS, 408: QUERY_STATUS, 415: ERROR_BODY,
          422: QUERY_FAILURE_STATUS, 429: ERROR_BODY}
STATUS = {**COMMON, 200: RESULT_SET, 202: QUERY_STATUS, 415: ERROR_BODY, 422: QUERY_FAILURE_STATUS, 429: ERROR_BODY}
CANCEL = {**COMMON, 200: CANCEL_STATUS, 422: CANCEL_STATUS}

# RFC 6749 5.1 / 5.2 (Snowflake OAuth's token endpoint).
OAUTH_TOKEN = {"type": "object", "required": ["access_token", "token_type"], "properties": {
    "access_token": STRING, "token_type": STRING, "expires_in": {"type": "integer", "minimum": 0},
    "refresh_token": STRING, "scope": STRING, "refresh_token_expires_in": {"type": "integer"},
    "username": STRING}}
OAUTH_ERROR = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "string", "enum": ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                                         "unsupported_grant_type", "invalid_scope"]},
    "error_description": STRING, "error_uri": STRING}}

ROUTES = [
    ("POST", re.compile(r"^/api/v2/statements$"), "SubmitStatement", SUBMIT),
    ("GET", re.compile(r"^/api/v2/statements/[^/]+$"), "GetStatementStatus", STATUS),
    ("POST", re.compile(r"^/api/v2/statements/[^/]+/cancel$"), "CancelStatement", CANCEL),
    ("POST", re.compile(r"^/oauth/token-request$"), "OAuthTokenRequest",
     {200: OAUTH_TOKEN, 400: OAUTH_ERROR, 401: OAUTH_ERROR}),
]

# The type names of jsonv2's rowType (the SQL API reference, "Handling responses": fixed, real, text,
# binary, boolean, date, time, timestamp_ltz/ntz/tz, variant, object, array, geography, geometry, vector).
SF_TYPES = {"fixed", "real", "decfloat", "text", "binary", "boolean", "date", "time", "timestamp_ltz",
            "timestamp_ntz", "timestamp_tz", "variant", "object", "array", "geography", "geometry", "vector"}


def CONTRACT(op, status, doc, query):
    out = []
    if op not in ("SubmitStatement", "GetStatementStatus") or status != 200 or not isinstance(doc, dict):
        return out
    meta = doc.get("resultSetMetaData")
    if not isinstance(meta, dict):
        if "partition" not in query:  # only a partition >= 1 is data alone
            out.append("$.resultSetMetaData: missing from a statement's first answer")
        return out
    cols = meta.get("rowType") or []
    for i, c in enumerate(cols):
        if not isinstance(c, dict):
            continue
        if c.get("type") not in SF_TYPES:
            out.append("$.resultSetMetaData.rowType[%d].type: %r is not a jsonv2 type name" % (i, c.get("type")))
        if c.get("type") == "fixed":
            p, s = c.get("precision"), c.get("scale")
            if not (isinstance(p, int) and 1 <= p <= 38 and isinstance(s, int) and 0 <= s <= min(p, 37)):
                out.append("$.resultSetMetaData.rowType[%d]: NUMBER(%s,%s) is beyond Snowflake's NUMBER "
                           "(precision 1..38, scale 0..37 and at most the precision)" % (i, p, s))
    parts = meta.get("partitionInfo")
    if isinstance(parts, list) and isinstance(meta.get("numRows"), int):
        total = sum(p.get("rowCount", 0) for p in parts if isinstance(p, dict))
        if total != meta["numRows"]:
            out.append("$.resultSetMetaData: numRows %d but the partitions hold %d rows" % (meta["numRows"], total))
        data = doc.get("data")
        if parts and isinstance(data, list) and len(data) != parts[0].get("rowCount"):
            out.append("$.data: %d rows inline but partitionInfo[0].rowCount is %s" % (len(data),
                                                                                      parts[0].get("rowCount")))
    for r, row in enumerate(doc.get("data") or []):
        if isinstance(row, list) and len(row) != len(cols):
            out.append("$.data[%d]: %d cells for %d rowType columns" % (r, len(row), len(cols)))
            break
    return out
