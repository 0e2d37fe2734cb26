#define WFDW_PURE_TU 1
#include "providers/bigquery/bigquery_stream.hpp"

#include <chrono>
#include <future>
#include <set>

#include "core/response_errors.hpp"

namespace wfdw {

BqStream::BqStream(const BigQueryConfig &config, std::string sql, std::vector<BqParam> params)
    : config_(config), sql_(std::move(sql)), params_(std::move(params)) {
  worker_ = std::thread([this] { run(); });
}

BqStream::BqStream(const BigQueryConfig &config, std::string job_id, std::string location)
    : config_(config), replay_job_(std::move(job_id)) {
  stats_.job_id = replay_job_;
  stats_.location = std::move(location);
  stats_.replayed = true;
  job_finished_ = true;  // nothing to cancel
  worker_ = std::thread([this] { run(); });
}

BqStream::~BqStream() {
  stop_ = true;
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  bool cancel;
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancel = !job_finished_ && !stats_.job_id.empty();
  }
  if (cancel) {
    // The scan was abandoned (error, Ctrl-C, LIMIT satisfied early) while the
    // job may still run and bill: ask BigQuery to stop it. Bounded and
    // best-effort; the destructor must not throw.
    try {
      BigQueryConfig quick = config_;
      quick.timeout_ms = 5000;
      quick.retry.max_attempts = 2;
      quick.retry.base_delay_ms = 100;
      BigQueryClient client(quick);
      client.cancel(stats_.job_id, stats_.location, nullptr);
    } catch (...) {
    }
  }
}

void BqStream::publish(std::unique_ptr<CellPage> page) {
  std::unique_lock<std::mutex> lock(mu_);
  // One decoded page may wait: the executor holds another.
  cv_.wait(lock, [this] { return ready_.empty() || stop_; });
  if (stop_) return;
  ready_.push_back(std::move(page));
  cv_.notify_all();
}

std::unique_ptr<CellPage> BqStream::decode(const BqResult &r) {
  auto page = std::make_unique<CellPage>();
  page->ncols = schema_.size();
  if (r.rows_end > r.rows_begin) {
    page->text.reserve(r.body.size() / 2);
    naming_server("BigQuery", config_.server_name,
                  "a result page: rows [{\"f\": [{\"v\": ...}]}] with one cell per field of the schema",
                  [&] { decode_bq_rows(r.body.data() + r.rows_begin, r.body.data() + r.rows_end, schema_, *page); });
  }
  page->last = r.page_token.empty();
  return page;
}

void BqStream::run() {
  AbortCheck abort = [this] { return stop_.load(); };
  try {
    BigQueryClient client(config_);
    auto started = std::chrono::steady_clock::now();
    BqResult r;
    if (!replay_job_.empty()) {
      r = client.get_results(stats_.job_id, stats_.location, "", abort);  // the first page again
    } else {
      r = client.query(sql_, params_, false, new_request_id(), abort);
      std::lock_guard<std::mutex> lock(mu_);
      stats_.job_id = r.job_id;
      stats_.location = r.location.empty() ? config_.location : r.location;
    }
    while (!r.complete) r = client.get_results(stats_.job_id, stats_.location, "", abort);
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_finished_ = true;
      stats_.job_complete = true;
      stats_.job_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      stats_.total_rows = r.total_rows;
      if (replay_job_.empty()) {  // a replay processes and bills nothing
        if (r.bytes_processed >= 0) stats_.bytes_processed = r.bytes_processed;
        if (r.bytes_billed >= 0) stats_.bytes_billed = r.bytes_billed;
      }
      stats_.cache_hit = r.cache_hit;
      schema_ = r.schema;
    }
    // The request for page N+1 is in flight while page N is decoded: the
    // service prepares and sends the next page while this thread works.
    // One client serves both, never at the same time: only the fetch
    // thread touches it until its result is taken.
    std::atomic<bool> abandon{false};
    AbortCheck fetch_abort = [this, &abandon] { return stop_.load() || abandon.load(); };
    // What arrives is reconciled with what the job announced: a page that
    // lost its rows, a page token that comes back, a schema that went
    // missing are errors, never a silently shorter result.
    const std::string server = "BigQuery server \"" + config_.server_name + "\"";
    const int64_t total_rows = r.total_rows;
    int64_t received = 0;
    std::set<std::string> tokens;
    if (schema_.empty() && total_rows > 0)
      throw Error(sqlstate::kFdwError, server + " announced " + std::to_string(total_rows) + " rows without a schema",
                  "Expected schema.fields in the completed job's response.");
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        stats_.pages++;
        stats_.retries = client.retries();
        stats_.bytes_received = client.bytes_received();
      }
      if (!r.page_token.empty() && !tokens.insert(r.page_token).second)
        throw Error(sqlstate::kFdwError, server + " sent a pageToken it had already sent",
                    "Job " + stats_.job_id + ": " + std::to_string(received) +
                        " rows so far; following it again would repeat rows without end.",
                    "The result is incomplete and is not returned.");
      std::future<BqResult> next;
      if (!r.page_token.empty() && !stop_) {
        next = std::async(std::launch::async,
                          [&client, &fetch_abort, job = stats_.job_id, loc = stats_.location, token = r.page_token] {
                            return client.get_results(job, loc, token, fetch_abort);
                          });
      }
      try {
        std::unique_ptr<CellPage> page = decode(r);
        received += static_cast<int64_t>(page->nrows);
        if (page->last && !stop_ && total_rows >= 0 && received != total_rows)
          throw Error(
              sqlstate::kFdwError,
              server + " sent " + std::to_string(received) + " rows of a result of " + std::to_string(total_rows),
              "Job " + stats_.job_id + ": the pages' rows do not add up to its totalRows.",
              "The result is incomplete and is not returned; run the query again.");
        r = BqResult();  // free the response before the next one arrives
        publish(std::move(page));
      } catch (...) {
        abandon = true;  // the in-flight fetch stops within 100 ms; ~future joins it
        throw;
      }
      if (!next.valid() || stop_) break;
      r = next.get();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stop_) error_ = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

BqStream::Wait BqStream::next(std::unique_ptr<CellPage> *out, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
               [this] { return !ready_.empty() || done_ || error_ != nullptr; });
  if (!ready_.empty()) {
    *out = std::move(ready_.front());
    ready_.pop_front();
    cv_.notify_all();
    return Wait::Page;
  }
  if (error_ != nullptr) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
  return done_ ? Wait::End : Wait::Timeout;
}

BqStreamStats BqStream::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace wfdw
