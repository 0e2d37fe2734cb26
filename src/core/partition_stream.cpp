#define WFDW_PURE_TU 1
#include "core/partition_stream.hpp"

#include <algorithm>
#include <chrono>

namespace wfdw {

PartitionStream::PartitionStream(std::unique_ptr<PartitionSource> source, int max_parallel)
    : source_(std::move(source)), window_(static_cast<size_t>(std::max(1, max_parallel))) {
  leader_ = std::thread([this] { lead(); });
}

PartitionStream::~PartitionStream() {
  stop_ = true;
  cv_.notify_all();
  if (leader_.joinable()) leader_.join();  // the leader starts downloaders only before it ends
  for (std::thread &t : downloaders_)
    if (t.joinable()) t.join();
  bool cancel;
  std::string id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancel = !result_ready_ && !stats_.id.empty();
    id = stats_.id;
  }
  // Abandoned while the remote work may still run (and bill).
  if (cancel) source_->cancel_quietly(id);
  fetchers_.clear();
  source_.reset();
}

void PartitionStream::fail(std::exception_ptr e) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!stop_ && error_ == nullptr) error_ = e;
  stop_ = true;  // the other workers stop too
  cv_.notify_all();
}

void PartitionStream::lead() {
  AbortCheck abort = [this] { return stop_.load(); };
  try {
    auto started = std::chrono::steady_clock::now();
    PartitionLead r = source_->lead(abort, [this](const std::string &id) {
      std::lock_guard<std::mutex> lock(mu_);
      stats_.id = id;
    });
    size_t nparts = std::max<size_t>(r.partitions, 1);
    if (r.first == nullptr) r.first = std::make_unique<CellPage>();
    std::lock_guard<std::mutex> lock(mu_);
    result_ready_ = true;
    npartitions_ = nparts;
    stats_.rows = r.rows;
    stats_.partitions = static_cast<int64_t>(nparts);
    stats_.partitions_fetched = 1;
    stats_.retries += r.retries;
    stats_.bytes_received += r.bytes_received;
    stats_.statement_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ready_[0] = std::move(r.first);
    cv_.notify_all();
    if (stop_ || nparts < 2) return;
    size_t n = std::min(window_, nparts - 1);
    for (size_t i = 0; i < n; i++) {
      fetchers_.push_back(source_->fetcher());
      PartitionFetcher *f = fetchers_.back().get();
      downloaders_.emplace_back([this, f] { download(f); });
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void PartitionStream::download(PartitionFetcher *fetcher) {
  AbortCheck abort = [this] { return stop_.load(); };
  // The fetcher's counters are added as each partition is published (under
  // the same lock), so a reader that has every partition sees every retry.
  int seen_retries = 0;
  uint64_t seen_bytes = 0;
  auto add_new_stats = [&] {  // mu_ held
    stats_.retries += fetcher->retries() - seen_retries;
    stats_.bytes_received += fetcher->bytes_received() - seen_bytes;
    seen_retries = fetcher->retries();
    seen_bytes = fetcher->bytes_received();
  };
  try {
    for (;;) {
      size_t n;
      {
        std::unique_lock<std::mutex> lock(mu_);
        // Claim the next partition once it is within the window.
        cv_.wait(lock, [this] { return stop_ || next_claim_ >= npartitions_ || next_claim_ < next_out_ + window_; });
        if (stop_ || next_claim_ >= npartitions_) break;
        n = next_claim_++;
      }
      std::unique_ptr<CellPage> page = fetcher->fetch(n, abort);
      if (page == nullptr) page = std::make_unique<CellPage>();
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

PartitionStream::Wait PartitionStream::next(std::unique_ptr<CellPage> *out, int timeout_ms) {
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

PartitionStreamStats PartitionStream::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace wfdw
