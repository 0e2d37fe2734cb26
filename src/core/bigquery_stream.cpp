#define WFDW_PURE_TU 1
#include "core/bigquery_stream.hpp"

#include <chrono>

namespace wfdw {

BqStream::BqStream(const BigQueryConfig &config, std::string sql, std::vector<BqParam> params)
    : config_(config), sql_(std::move(sql)), params_(std::move(params)) {
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

void BqStream::publish(std::unique_ptr<BqPage> page) {
  std::unique_lock<std::mutex> lock(mu_);
  // One decoded page may wait: the executor holds another.
  cv_.wait(lock, [this] { return ready_.empty() || stop_; });
  if (stop_) return;
  ready_.push_back(std::move(page));
  cv_.notify_all();
}

std::unique_ptr<BqPage> BqStream::decode(const BqResult &r) {
  auto page = std::make_unique<BqPage>();
  page->ncols = schema_.size();
  if (r.rows.is_array()) {
    page->nrows = r.rows.size();
    page->offsets.reserve(page->nrows * page->ncols);
    page->text.reserve(r.body_bytes / 2);
    for (const nlohmann::json &row : r.rows) {
      const nlohmann::json &f = row.at("f");
      for (size_t c = 0; c < page->ncols; c++) {
        int64_t off = static_cast<int64_t>(page->text.size());
        if (c < f.size() && bq_cell_to_pg_text(schema_[c], f[c].at("v"), page->text)) {
          page->text.push_back('\0');
          page->offsets.push_back(off);
        } else {
          page->offsets.push_back(-1);
        }
      }
    }
  }
  page->last = r.page_token.empty();
  return page;
}

void BqStream::run() {
  AbortCheck abort = [this] { return stop_.load(); };
  try {
    BigQueryClient client(config_);
    auto started = std::chrono::steady_clock::now();
    BqResult r = client.query(sql_, params_, false, new_request_id(), abort);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stats_.job_id = r.job_id;
      stats_.location = r.location.empty() ? config_.location : r.location;
    }
    while (!r.complete) r = client.get_results(stats_.job_id, stats_.location, "", abort);
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_finished_ = true;
      stats_.job_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      stats_.total_rows = r.total_rows;
      if (r.bytes_processed >= 0) stats_.bytes_processed = r.bytes_processed;
      if (r.bytes_billed >= 0) stats_.bytes_billed = r.bytes_billed;
      stats_.cache_hit = r.cache_hit;
      schema_ = r.schema;
    }
    for (;;) {
      std::unique_ptr<BqPage> page = decode(r);
      bool last = page->last;
      std::string token = r.page_token;
      r = BqResult();  // free the JSON before fetching the next page
      {
        std::lock_guard<std::mutex> lock(mu_);
        stats_.pages++;
        stats_.retries = client.retries();
        stats_.bytes_received = client.bytes_received();
      }
      publish(std::move(page));
      if (last || stop_) break;
      r = client.get_results(stats_.job_id, stats_.location, token, abort);
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stop_) error_ = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

BqStream::Wait BqStream::next(std::unique_ptr<BqPage> *out, int timeout_ms) {
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
