// Databricks SQL Statement Execution API 2.0 calls: POST
// /api/2.0/sql/statements (disposition INLINE, format JSON_ARRAY, named
// parameters), polling GET /api/2.0/sql/statements/{id} until the
// statement leaves PENDING/RUNNING, GET .../result/chunks/{n}, POST
// .../cancel. Personal access token or OAuth M2M bearer. A FAILED statement
// (HTTP 200) becomes a wfdw::Error with the statement's SQLSTATE and
// Databricks' error_code and message; a 4xx body {"error_code","message"}
// an error naming the server; 429 and 503 (and, for calls that cannot run
// a statement twice, 500/502/504 and dropped connections) are retried with
// backoff, honouring Retry-After. Pure C++; a client is used by one thread
// at a time.
#pragma once
#include "core/pure_zone.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/http_client.hpp"
#include "core/retry_policy.hpp"
#include "providers/databricks/databricks_auth.hpp"
#include "providers/databricks/databricks_values.hpp"

namespace wfdw {

struct DatabricksConfig {
  std::string server_name;  // for messages
  std::string endpoint;     // https://<workspace host> (see databricks_base_url), or a local service
  bool allow_http = false;  // the endpoint was set by a superuser: http:// allowed
  std::string warehouse_id;
  std::string catalog, schema;  // the statement's defaults; empty: the warehouse's
  enum class Auth { Token, OAuthM2M } auth = Auth::Token;
  std::string token;                     // Auth::Token: a personal access token
  std::string client_id, client_secret;  // Auth::OAuthM2M: a service principal's OAuth secret
  TlsSettings tls;
  long timeout_ms = 300000;      // per HTTP request
  long statement_timeout_s = 0;  // the client cancels a statement still running after this; 0 = none
  // wait_timeout of the submission: 0 returns at once with the statement id
  // (so a statement abandoned at once can still be cancelled), 5..50 waits
  // that long for a result inline (one round trip less for quick queries).
  int submit_wait_s = 0;
  RetryPolicy retry;
  int max_parallel_downloads = 4;
  // Tests: performs requests instead of a libcurl connection. Must be
  // thread-safe when streams use it (each downloader calls it).
  DbxTransport transport;
};

// "https://<host>" for a host option ("dbc-1.cloud.databricks.com",
// optionally with https:// and a trailing slash).
std::string databricks_base_url(const std::string &host);

// A named parameter (the statement says :name). type is a Databricks SQL
// type: INT, BIGINT, DECIMAL(10,2), DOUBLE, STRING, BOOLEAN, DATE,
// TIMESTAMP, TIMESTAMP_NTZ, BINARY, ...; value is its text form.
struct DbxParam {
  std::string name;
  std::string type;
  bool is_null = false;
  std::string value;
};

enum class DbxState { Unknown, Pending, Running, Succeeded, Failed, Canceled, Closed };

// One response: a statement's status (with its manifest and chunk 0 once
// SUCCEEDED), or one result chunk.
struct DbxResult {
  std::string statement_id;
  DbxState state = DbxState::Unknown;
  // status.error and status.sql_state (FAILED).
  std::string error_code, error_message, sql_state;
  // manifest (SUCCEEDED)
  bool has_manifest = false;
  std::vector<DbxColumn> columns;
  int64_t total_chunk_count = -1;
  int64_t total_row_count = -1;
  bool truncated = false;
  std::vector<int64_t> chunk_rows;  // manifest.chunks[i].row_count by chunk_index (-1: not announced)
  // result (chunk 0 of a statement response, or a chunk response)
  bool has_result = false;
  int64_t chunk_index = -1, row_offset = -1, row_count = -1, next_chunk_index = -1;
  std::string next_chunk_internal_link;
  // The response text; result.data_array stays undecoded at
  // [data_begin, data_end) for decode_dbx_rows (both 0 when absent).
  std::string body;
  size_t data_begin = 0, data_end = 0;
};

DbxState parse_dbx_state(const std::string &state);
const char *dbx_state_name(DbxState state);

// Parses a statement response (POST/GET), or a chunk response (the result
// object alone) when `chunk` is set. Throws MalformedResponse / JSON errors
// (callers name the server).
DbxResult parse_dbx_response(std::string body, bool chunk = false);

// The SQLSTATE of a failed statement: status.sql_state, else the message's
// "SQLSTATE: xxxxx", else from the error_code; codes PostgreSQL could
// mistake for its own (classes 00, 01, 02, XX) or of a non-standard class
// become HV000.
std::string dbx_sqlstate(const std::string &sql_state, const std::string &message, const std::string &error_code);

// The error of a statement that ended FAILED, CANCELED or CLOSED.
Error dbx_statement_error(const std::string &server_name, const DbxResult &r);

// The error of an HTTP error response (4xx other than 429, or retries
// exhausted): Databricks' error_code and message, never the raw body.
Error dbx_http_error(const std::string &server_name, long status, const std::string &body, int attempts);

class DatabricksClient {
 public:
  explicit DatabricksClient(DatabricksConfig config);
  const DatabricksConfig &config() const { return config_; }

  // Submits a statement; returns the first response (usually PENDING or
  // RUNNING, possibly already final). Does not throw for FAILED: wait() does.
  DbxResult submit(const std::string &sql, const std::vector<DbxParam> &params, const AbortCheck &abort);
  // GET the statement's status (and chunk 0 once SUCCEEDED).
  DbxResult status(const std::string &statement_id, const AbortCheck &abort);
  // GET result chunk n.
  DbxResult chunk(const std::string &statement_id, int64_t n, const AbortCheck &abort);
  void cancel(const std::string &statement_id, const AbortCheck &abort);

  // Polls status() with backoff (50 ms doubling to 2 s) until `r`, a
  // submit() response, is final. Returns a SUCCEEDED response with its
  // manifest; throws dbx_statement_error for FAILED, CANCELED and CLOSED.
  // With statement_timeout_s, cancels the statement and throws 57014 once
  // that many seconds passed since `started`.
  DbxResult wait(DbxResult r, const AbortCheck &abort,
                 std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now());
  // submit() then wait(); cancels the statement when interrupted.
  DbxResult run(const std::string &sql, const std::vector<DbxParam> &params, const AbortCheck &abort);

  uint64_t bytes_received() const;
  int retries() const { return retries_; }
  // The last state wait() saw (CANCELED after a statement_timeout cancel):
  // tells whether a statement that raised an error may still be running.
  DbxState last_state() const { return last_state_; }

 private:
  // One API call with auth and retries. `replayable`: the call cannot run a
  // statement twice (every call but the submission).
  HttpResponse call(const std::string &method, const std::string &path, const std::string &body,
                    const AbortCheck &abort, bool replayable);
  HttpResponse send(const HttpRequest &req, const AbortCheck &abort);
  std::string bearer(const AbortCheck &abort);

  DatabricksConfig config_;
  std::unique_ptr<HttpClient> http_;  // null when config_.transport is set
  uint64_t injected_bytes_ = 0;
  int retries_ = 0;
  DbxState last_state_ = DbxState::Unknown;
};

// The JSON body of a submission (exposed for tests).
std::string dbx_submit_body(const DatabricksConfig &config, const std::string &sql,
                            const std::vector<DbxParam> &params);

// POSTs /cancel for a statement abandoned while it may still run (and bill):
// bounded (5 s, 2 attempts), best effort, never throws.
void cancel_dbx_statement_quietly(const DatabricksConfig &config, const std::string &statement_id) noexcept;

}  // namespace wfdw
