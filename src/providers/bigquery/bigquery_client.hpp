// BigQuery REST v2 calls (jobs.query, getQueryResults, dry runs, jobs.cancel,
// datasets/tables), with auth, retries with backoff, and Google's error JSON
// turned into wfdw::Error with SQLSTATE, reason and a hint. Pure C++: the PG
// zone passes an AbortCheck; the prefetch worker uses its own client.
#pragma once
#include "core/pure_zone.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "providers/bigquery/bigquery_values.hpp"
#include "providers/bigquery/google_auth.hpp"
#include "core/http_client.hpp"
#include "core/retry_policy.hpp"

namespace wfdw {

struct BigQueryConfig {
  std::string server_name;  // for messages
  std::string endpoint;     // base URL ending in /bigquery/v2 (or an emulator's root)
  bool allow_http = false;  // the endpoint was set by a superuser: http:// allowed
  std::string project;
  std::string location;
  // MetadataServer: the host's own service account (metadata_endpoint).
  enum class Auth { None, AccessToken, ServiceAccount, MetadataServer } auth = Auth::None;
  std::string access_token;
  std::string metadata_endpoint = "http://metadata.google.internal";
  // Acts as this service account, with the credential above as the base.
  std::string impersonate;
  std::string iam_endpoint = "https://iamcredentials.googleapis.com";
  ServiceAccountKey key;
  TlsSettings tls;
  long timeout_ms = 300000;
  RetryPolicy retry;
  std::map<std::string, std::string> labels;
  int64_t max_bytes_billed = -1;
  int page_rows = 10000;
};

struct BqParam {
  std::string type;  // GoogleSQL type name
  bool is_null = false;
  std::string value;
};

// One response of jobs.query / getQueryResults.
struct BqResult {
  std::string job_id;
  std::string location;
  bool complete = false;
  std::vector<BqField> schema;
  // The response text; rows ([{"f":[{"v":...}]}]) stay undecoded in it, at
  // [rows_begin, rows_end), for decode_bq_rows.
  std::string body;
  size_t rows_begin = 0, rows_end = 0;
  std::string page_token;
  int64_t total_rows = -1;
  int64_t bytes_processed = -1;
  int64_t bytes_billed = -1;
  bool cache_hit = false;
};

struct BqTable {
  std::string table_id;
  std::string type;  // TABLE, VIEW, MATERIALIZED_VIEW, EXTERNAL
  std::string description;
  int64_t num_rows = -1;
  int64_t num_bytes = -1;
  std::vector<BqField> schema;
};

class BigQueryClient {
 public:
  explicit BigQueryClient(BigQueryConfig config);
  const BigQueryConfig &config() const { return config_; }

  // jobs.query; `request_id` makes retries idempotent. Polls nothing.
  BqResult query(const std::string &sql, const std::vector<BqParam> &params, bool dry_run,
                 const std::string &request_id, const AbortCheck &abort);
  // jobs.getQueryResults (waits up to ~10 s server-side when not complete).
  BqResult get_results(const std::string &job_id, const std::string &location, const std::string &page_token,
                       const AbortCheck &abort);
  void cancel(const std::string &job_id, const std::string &location, const AbortCheck &abort);
  std::vector<BqTable> list_tables(const std::string &project, const std::string &dataset, const AbortCheck &abort);
  BqTable get_table(const std::string &project, const std::string &dataset, const std::string &table,
                    const AbortCheck &abort);
  // GET projects/{p}/datasets: proves the endpoint, auth and project work.
  size_t count_datasets(const AbortCheck &abort);

  uint64_t bytes_received() const { return http_.bytes_received(); }
  int retries() const { return retries_; }

 private:
  nlohmann::json call(const std::string &method, const std::string &path, const std::string &body,
                      const AbortCheck &abort);
  // The body of a successful response, unparsed.
  std::string call_raw(const std::string &method, const std::string &path, const std::string &body,
                       const AbortCheck &abort);
  std::string bearer(const AbortCheck &abort);
  std::string base_bearer(const AbortCheck &abort);

  BigQueryConfig config_;
  HttpClient http_;
  int retries_ = 0;
};


// A jobs.query / getQueryResults response. Every member but "rows" is
// parsed with nlohmann::json; the rows are only located (see BqResult).
BqResult parse_bq_response(std::string body);

}  // namespace wfdw
