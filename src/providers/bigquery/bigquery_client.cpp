#define WFDW_PURE_TU 1
#include "providers/bigquery/bigquery_client.hpp"

#include <random>
#include <set>

#include "core/json_scan.hpp"
#include "core/response_errors.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

const char kScope[] = "https://www.googleapis.com/auth/bigquery";
const char kQueryShape[] =
    "a jobs.query/getQueryResults response: a JSON object with jobReference {jobId, location} (strings), jobComplete "
    "(boolean), schema {fields: [...]}, rows [{\"f\": [{\"v\": ...}]}], pageToken and totalRows (strings)";

int64_t int64_field(const json &doc, const char *name) {
  auto it = doc.find(name);
  if (it == doc.end()) return -1;
  if (it->is_string()) return std::strtoll(it->get_ref<const std::string &>().c_str(), nullptr, 10);
  if (it->is_number_integer()) return it->get<int64_t>();
  return -1;
}

const char *hint_for_reason(const std::string &reason, long status) {
  if (status == 401)
    return "The access token or service account key was rejected: check the user mapping's credentials.";
  if (reason == "invalidQuery")
    return "BigQuery rejected the remote query. EXPLAIN VERBOSE shows the Remote SQL that was sent.";
  if (reason == "notFound")
    return "Check the project, dataset and table options of the server and foreign table (IMPORT FOREIGN SCHEMA "
           "again if the table was renamed).";
  if (reason == "accessDenied")
    return "Grant the account roles/bigquery.dataViewer on the dataset and roles/bigquery.jobUser on the project.";
  if (reason == "bytesBilledLimitExceeded")
    return "The query would scan more than the server's max_bytes_billed: filter more, or raise the option.";
  if (reason == "quotaExceeded") return "A BigQuery quota is exhausted; retrying now will not help.";
  if (reason == "rateLimitExceeded" || reason == "backendError" || reason == "internalError")
    return "BigQuery stayed unavailable through every retry; try again later or raise max_retries.";
  return "See the BigQuery message.";
}

const char *sqlstate_for(const std::string &reason, long status) {
  if (status == 401) return sqlstate::kInvalidAuthorization;
  if (reason == "notFound") return sqlstate::kUndefinedTable;
  if (reason == "accessDenied") return sqlstate::kInsufficientPrivilege;
  if (reason == "bytesBilledLimitExceeded") return sqlstate::kProgramLimitExceeded;
  if (reason == "quotaExceeded") return sqlstate::kConfigurationLimitExceeded;
  if (reason == "rateLimitExceeded") return sqlstate::kTooManyConnections;
  if (reason == "stopped") return sqlstate::kQueryCanceled;
  return sqlstate::kFdwError;
}

}  // namespace


BqResult parse_bq_response(std::string body) {
  BqResult r;
  r.body = std::move(body);
  json doc = parse_object_except(r.body, "rows", &r.rows_begin, &r.rows_end);
  if (doc.contains("jobReference")) {
    const json &ref = doc["jobReference"];
    r.job_id = ref.value("jobId", "");
    r.location = ref.value("location", "");
  }
  r.complete = doc.value("jobComplete", false);
  if (doc.contains("schema")) r.schema = parse_bq_schema(doc["schema"]);
  r.page_token = doc.value("pageToken", "");
  r.total_rows = int64_field(doc, "totalRows");
  r.bytes_processed = int64_field(doc, "totalBytesProcessed");
  r.bytes_billed = int64_field(doc, "totalBytesBilled");
  r.cache_hit = doc.value("cacheHit", false);
  return r;
}

BigQueryClient::BigQueryClient(BigQueryConfig config) : config_(std::move(config)), http_(config_.tls) {}

std::string BigQueryClient::bearer(const AbortCheck &abort) {
  std::string base = base_bearer(abort);
  if (config_.impersonate.empty()) return base;
  // The base credential's identity in the cache key: a token is reused only
  // by the same base credential.
  std::string base_key = config_.auth == BigQueryConfig::Auth::ServiceAccount
                             ? google_token_cache_key(config_.key, kScope)
                             : config_.auth == BigQueryConfig::Auth::MetadataServer ? "metadata\n" + config_.metadata_endpoint
                                                                                    : "token\n" + base;
  return naming_server("BigQuery", config_.server_name,
                       "a generateAccessToken response: a JSON object with accessToken and expireTime", [&] {
                         return google_impersonated_token(config_.iam_endpoint, config_.impersonate, base, base_key,
                                                          kScope, http_, config_.retry, abort);
                       });
}

std::string BigQueryClient::base_bearer(const AbortCheck &abort) {
  switch (config_.auth) {
    case BigQueryConfig::Auth::None:
      return {};
    case BigQueryConfig::Auth::AccessToken:
      return config_.access_token;
    case BigQueryConfig::Auth::ServiceAccount:
      return naming_server("BigQuery", config_.server_name,
                           "an OAuth token response: a JSON object with access_token (string) and expires_in (number)",
                           [&] { return google_access_token(config_.key, kScope, http_, config_.retry, abort); });
    case BigQueryConfig::Auth::MetadataServer:
      return naming_server("BigQuery", config_.server_name,
                           "a metadata server token response: a JSON object with access_token and expires_in",
                           [&] { return google_metadata_token(config_.metadata_endpoint, kScope, http_, config_.retry,
                                                              abort); });
  }
  return {};
}

json BigQueryClient::call(const std::string &method, const std::string &path, const std::string &body,
                          const AbortCheck &abort) {
  json doc = json::parse(call_raw(method, path, body, abort), nullptr, false);
  if (doc.is_discarded())
    throw Error(sqlstate::kFdwError,
                "BigQuery sent a response that is not JSON (server \"" + config_.server_name + "\")");
  return doc;
}

std::string BigQueryClient::call_raw(const std::string &method, const std::string &path, const std::string &body,
                                     const AbortCheck &abort) {
  HttpRequest req;
  req.method = method;
  req.url = config_.endpoint + "/" + path;
  req.body = body;
  req.timeout_ms = config_.timeout_ms;
  req.allow_http = config_.allow_http;
  bool refreshed_token = false;
  RetryHooks hooks;
  hooks.label = "BigQuery";
  hooks.server_name = config_.server_name;
  hooks.unreachable_hint = "Check the server's endpoint option and the network; the timeout option bounds each request.";
  hooks.prepare = [&](HttpRequest &r, int) {
    r.headers = {"Accept: application/json"};
    if (!body.empty() || method == "POST") r.headers.push_back("Content-Type: application/json");
    std::string token = bearer(abort);
    if (!token.empty()) r.headers.push_back("Authorization: Bearer " + token);
  };
  hooks.judge = [&](const HttpResponse &resp) {
    if (resp.status >= 200 && resp.status < 300) return RetryVerdict::Accept;
    if (resp.status == 401 &&
        (config_.auth == BigQueryConfig::Auth::ServiceAccount || config_.auth == BigQueryConfig::Auth::MetadataServer ||
         !config_.impersonate.empty()) &&
        !refreshed_token) {
      forget_google_tokens();  // expired or revoked early: one fresh token
      refreshed_token = true;
      return RetryVerdict::AgainNow;
    }
    return google_error_retryable(resp.status, resp.body) ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  hooks.fail = [&](const HttpResponse &resp, int attempt) {
    // Google's error JSON: {"error":{"code","message","errors":[{"reason","message","location"}],"status"}}
    json doc = json::parse(resp.body, nullptr, false);
    std::string message = "HTTP " + std::to_string(resp.status);
    std::string reason, location;
    try {
      if (!doc.is_discarded() && doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
        const json &err = doc["error"];
        message = err.value("message", message);
        if (err.contains("errors") && err["errors"].is_array() && !err["errors"].empty()) {
          reason = err["errors"][0].value("reason", "");
          location = err["errors"][0].value("location", "");
        }
        if (reason.empty()) reason = err.value("status", "");
      }
    } catch (const json::exception &) {
      // Not Google's error shape: only the status is reported, never the body.
      message = "HTTP " + std::to_string(resp.status);
      reason.clear();
      location.clear();
    }
    std::string detail = "HTTP " + std::to_string(resp.status);
    if (!reason.empty()) detail += ", reason " + reason;
    if (!location.empty()) detail += ", location " + location;
    if (attempt > 1) detail += ", after " + std::to_string(attempt) + " attempts";
    detail += ".";
    throw Error(sqlstate_for(reason, resp.status),
                "BigQuery error on server \"" + config_.server_name + "\": " + message, detail,
                resp.status == 401 && config_.auth == BigQueryConfig::Auth::AccessToken
                    ? "An access_token expires an hour after it was issued: set a fresh one (ALTER USER MAPPING "
                      "... OPTIONS (SET access_token '...')), or use service_account_key, whose tokens warehouse_fdw "
                      "renews itself."
                    : hint_for_reason(reason, resp.status));
  };
  HttpResponse resp = perform_with_retries(http_, req, config_.retry, abort, hooks, &retries_);
  return std::move(resp.body);
}

BqResult BigQueryClient::query(const std::string &sql, const std::vector<BqParam> &params, bool dry_run,
                               const std::string &request_id, const AbortCheck &abort) {
  json body = {{"query", sql},
               {"useLegacySql", false},
               {"maxResults", config_.page_rows},
               {"timeoutMs", 250},  // the job id comes back at once, so a cancel can name it
               {"formatOptions", {{"useInt64Timestamp", true}}},
               {"requestId", request_id}};
  if (!config_.location.empty()) body["location"] = config_.location;
  if (dry_run) body["dryRun"] = true;
  if (!config_.labels.empty()) body["labels"] = config_.labels;
  if (config_.max_bytes_billed >= 0) body["maximumBytesBilled"] = std::to_string(config_.max_bytes_billed);
  if (!params.empty()) {
    // Named @p1..@pn: the deparser may print one parameter several times.
    body["parameterMode"] = "NAMED";
    json list = json::array();
    int n = 0;
    for (const BqParam &p : params) {
      json value = p.is_null ? json::object() : json{{"value", p.value}};
      list.push_back(
          {{"name", "p" + std::to_string(++n)}, {"parameterType", {{"type", p.type}}}, {"parameterValue", value}});
    }
    body["queryParameters"] = list;
  }
  std::string text = call_raw("POST", "projects/" + url_encode(config_.project) + "/queries", body.dump(), abort);
  BqResult r =
      naming_server("BigQuery", config_.server_name, kQueryShape, [&] { return parse_bq_response(std::move(text)); });
  if (dry_run) r.complete = true;
  return r;
}

BqResult BigQueryClient::get_results(const std::string &job_id, const std::string &location,
                                     const std::string &page_token, const AbortCheck &abort) {
  std::string path =
      "projects/" + url_encode(config_.project) + "/queries/" + url_encode(job_id) +
      "?formatOptions.useInt64Timestamp=true&timeoutMs=10000&maxResults=" + std::to_string(config_.page_rows);
  if (!location.empty()) path += "&location=" + url_encode(location);
  if (!page_token.empty()) path += "&pageToken=" + url_encode(page_token);
  std::string text = call_raw("GET", path, "", abort);
  BqResult r =
      naming_server("BigQuery", config_.server_name, kQueryShape, [&] { return parse_bq_response(std::move(text)); });
  if (r.job_id.empty()) r.job_id = job_id;
  return r;
}

void BigQueryClient::cancel(const std::string &job_id, const std::string &location, const AbortCheck &abort) {
  std::string path = "projects/" + url_encode(config_.project) + "/jobs/" + url_encode(job_id) + "/cancel";
  if (!location.empty()) path += "?location=" + url_encode(location);
  call("POST", path, "", abort);
}

std::vector<BqTable> BigQueryClient::list_tables(const std::string &project, const std::string &dataset,
                                                 const AbortCheck &abort) {
  std::vector<BqTable> out;
  std::string token;
  std::set<std::string> seen;
  do {
    std::string path =
        "projects/" + url_encode(project) + "/datasets/" + url_encode(dataset) + "/tables?maxResults=1000";
    if (!token.empty()) path += "&pageToken=" + url_encode(token);
    json doc = call("GET", path, "", abort);
    std::string next = naming_server(
        "BigQuery", config_.server_name,
        "a tables.list response: tables [{tableReference {tableId}, type}] and nextPageToken (strings)", [&] {
          if (doc.contains("tables"))
            for (const json &t : doc.at("tables")) {
              BqTable table;
              table.table_id = t.at("tableReference").value("tableId", "");
              table.type = t.value("type", "TABLE");
              out.push_back(std::move(table));
            }
          return doc.value("nextPageToken", "");
        });
    if (!next.empty() && !seen.insert(next).second)
      throw Error(sqlstate::kFdwError,
                  "BigQuery server \"" + config_.server_name + "\" sent the same tables.list pageToken twice", {},
                  "The listing would never end; check the server's endpoint option.");
    token = next;
  } while (!token.empty());
  return out;
}

BqTable BigQueryClient::get_table(const std::string &project, const std::string &dataset, const std::string &table,
                                  const AbortCheck &abort) {
  json doc = call(
      "GET", "projects/" + url_encode(project) + "/datasets/" + url_encode(dataset) + "/tables/" + url_encode(table),
      "", abort);
  return naming_server("BigQuery", config_.server_name,
                       "a tables.get response: type and description (strings), numRows and numBytes (strings), "
                       "schema {fields: [{name, type, mode, fields}]}",
                       [&] {
                         BqTable t;
                         t.table_id = table;
                         t.type = doc.value("type", "TABLE");
                         t.description = doc.value("description", "");
                         t.num_rows = int64_field(doc, "numRows");
                         t.num_bytes = int64_field(doc, "numBytes");
                         if (doc.contains("schema")) t.schema = parse_bq_schema(doc["schema"]);
                         return t;
                       });
}

size_t BigQueryClient::count_datasets(const AbortCheck &abort) {
  json doc = call("GET", "projects/" + url_encode(config_.project) + "/datasets", "", abort);
  return naming_server("BigQuery", config_.server_name, "a datasets.list response: datasets [...]",
                       [&] { return doc.contains("datasets") ? doc.at("datasets").size() : size_t{0}; });
}

}  // namespace wfdw
