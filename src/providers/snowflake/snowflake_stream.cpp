#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_stream.hpp"

#include <chrono>

#include "core/response_errors.hpp"

namespace wfdw {

SfStream::SfStream(const SnowflakeConfig &config, std::string sql, std::vector<SfBinding> bindings)
    : config_(config), sql_(std::move(sql)), bindings_(std::move(bindings)) {
  leader_ = std::thread([this] { lead(); });
}

SfStream::~SfStream() {
  stop_ = true;
  cv_.notify_all();
  if (leader_.joinable()) leader_.join();  // the leader starts downloaders only before it ends
  for (std::thread &t : downloaders_)
    if (t.joinable()) t.join();
  bool cancel;
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancel = !result_ready_ && !stats_.handle.empty();
  }
  // Abandoned while the statement may still run on the warehouse and bill.
  if (cancel) cancel_sf_statement_quietly(config_, stats_.handle);
}

void SfStream::fail(std::exception_ptr e) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!stop_ && error_ == nullptr) error_ = e;
  stop_ = true;  // the other workers stop too
  cv_.notify_all();
}

void SfStream::add_client_stats(const SnowflakeClient &client) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_.retries += client.retries();
  stats_.bytes_received += client.bytes_received();
}

std::unique_ptr<CellPage> SfStream::decode_partition(const SfResult &r, size_t n) {
  auto page = std::make_unique<CellPage>();
  page->ncols = columns_.size();
  if (r.data_end > r.data_begin)
    naming_server("Snowflake", config_.server_name,
                  "a result partition: data [[cell, ...], ...] with one value per column of resultSetMetaData.rowType",
                  [&] { decode_sf_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, columns_, *page); });
  // A partition is never silently shorter (or longer) than announced.
  int64_t announced = n < partition_rows_.size() ? partition_rows_[n] : -1;
  if (announced >= 0 && static_cast<int64_t>(page->nrows) != announced)
    throw Error(sqlstate::kFdwError,
                "Snowflake server \"" + config_.server_name + "\" sent " + std::to_string(page->nrows) +
                    " rows in partition " + std::to_string(n) + " of statement " + r.handle + ", which announced " +
                    std::to_string(announced),
                "Expected partitionInfo[" + std::to_string(n) + "].rowCount rows in the partition's data.",
                "The result is incomplete and is not returned; run the query again.");
  return page;
}

void SfStream::lead() {
  AbortCheck abort = [this] { return stop_.load(); };
  try {
    SnowflakeClient client(config_);
    auto started = std::chrono::steady_clock::now();
    SfResult r = client.submit(sql_, bindings_, new_sf_request_id(), abort);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stats_.handle = r.handle;
    }
    r = client.wait(std::move(r), abort);  // the handle is known first, so an abandoned statement is cancelled
    columns_ = r.columns;
    partition_rows_ = r.partition_rows;
    // numRows is the sum of the partitions' rowCounts; with no partitionInfo
    // partition 0 holds all numRows rows.
    if (partition_rows_.empty()) {
      partition_rows_.push_back(r.num_rows);
    } else if (r.num_rows >= 0) {
      int64_t sum = 0;
      for (int64_t n : partition_rows_) sum = n >= 0 && sum >= 0 ? sum + n : -1;
      if (sum >= 0 && sum != r.num_rows)
        throw Error(sqlstate::kFdwError,
                    "Snowflake server \"" + config_.server_name + "\" announced " + std::to_string(r.num_rows) +
                        " rows for statement " + r.handle + " but partitions of " + std::to_string(sum),
                    "Expected resultSetMetaData.numRows to equal the sum of partitionInfo[].rowCount.",
                    "The result is incomplete and is not returned; run the query again.");
    }
    if (columns_.empty() && r.num_rows > 0)
      throw Error(sqlstate::kFdwError,
                  "Snowflake server \"" + config_.server_name + "\" announced " + std::to_string(r.num_rows) +
                      " rows without their columns",
                  "Expected resultSetMetaData.rowType.");
    std::unique_ptr<CellPage> page = decode_partition(r, 0);
    size_t nparts = std::max<size_t>(r.partition_rows.size(), 1);
    int64_t num_rows = r.num_rows;
    r = SfResult();  // free partition 0's text
    add_client_stats(client);
    {
      std::lock_guard<std::mutex> lock(mu_);
      result_ready_ = true;
      npartitions_ = nparts;
      stats_.num_rows = num_rows;
      stats_.partitions = static_cast<int64_t>(nparts);
      stats_.partitions_fetched = 1;
      stats_.statement_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      ready_[0] = std::move(page);
      cv_.notify_all();
      if (stop_) return;
      int n = std::max(1, std::min<int>(config_.max_parallel_downloads, static_cast<int>(nparts) - 1));
      if (nparts > 1) {
        for (int i = 0; i < n; i++) {
          clients_.push_back(std::make_unique<SnowflakeClient>(config_));
          SnowflakeClient *c = clients_.back().get();
          downloaders_.emplace_back([this, c] { download(c); });
        }
      }
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void SfStream::download(SnowflakeClient *client) {
  AbortCheck abort = [this] { return stop_.load(); };
  // The client's counters are added as each partition is published (under
  // the same lock), so a reader that has every partition sees every retry.
  int seen_retries = 0;
  uint64_t seen_bytes = 0;
  auto add_new_stats = [&] {
    stats_.retries += client->retries() - seen_retries;
    stats_.bytes_received += client->bytes_received() - seen_bytes;
    seen_retries = client->retries();
    seen_bytes = client->bytes_received();
  };
  try {
    for (;;) {
      size_t n;
      std::string handle;
      {
        std::unique_lock<std::mutex> lock(mu_);
        // Claim the next partition once it is within the window.
        cv_.wait(lock, [this] {
          return stop_ || next_claim_ >= npartitions_ ||
                 next_claim_ < next_out_ + static_cast<size_t>(std::max(1, config_.max_parallel_downloads));
        });
        if (stop_ || next_claim_ >= npartitions_) break;
        n = next_claim_++;
        handle = stats_.handle;
      }
      SfResult r = client->partition(handle, n, abort);
      std::unique_ptr<CellPage> page = decode_partition(r, n);
      std::lock_guard<std::mutex> lock(mu_);
      ready_[n] = std::move(page);
      stats_.partitions_fetched++;
      add_new_stats();
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    add_new_stats();
  } catch (...) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      add_new_stats();
    }
    fail(std::current_exception());
  }
}

SfStream::Wait SfStream::next(std::unique_ptr<CellPage> *out, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  auto have = [this] {
    return ready_.count(next_out_) > 0 || error_ != nullptr || (result_ready_ && next_out_ >= npartitions_);
  };
  cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), have);
  auto it = ready_.find(next_out_);
  if (it != ready_.end()) {
    *out = std::move(it->second);
    ready_.erase(it);
    next_out_++;
    (*out)->last = next_out_ >= npartitions_;
    cv_.notify_all();  // the window moved
    return Wait::Page;
  }
  if (error_ != nullptr) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
  return result_ready_ && next_out_ >= npartitions_ ? Wait::End : Wait::Timeout;
}

SfStreamStats SfStream::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace wfdw
