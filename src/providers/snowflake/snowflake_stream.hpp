// A Snowflake statement's rows, produced by worker threads. A leader
// submits the statement, polls a 202 until it finishes and decodes
// partition 0 (inline in the result); then up to max_parallel_downloads
// threads, each with its own connection, fetch and decode partitions 1..N
// concurrently. The executor receives partitions strictly in order. A
// partition is claimed only while it is fewer than max_parallel_downloads
// ahead of the one the executor is waiting for, so memory is bounded by the
// partitions in flight, not by the result. Workers never call PostgreSQL.
#pragma once
#include "core/pure_zone.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "providers/snowflake/snowflake_client.hpp"
#include "core/page_stream.hpp"

namespace wfdw {

struct SfStreamStats {
  std::string handle;
  int64_t num_rows = -1;
  int64_t partitions = 0;          // in the result
  int64_t partitions_fetched = 0;  // decoded so far
  int64_t retries = 0;
  uint64_t bytes_received = 0;
  double statement_ms = 0;  // submit to result
};

class SfStream final : public PageStream {
 public:
  SfStream(const SnowflakeConfig &config, std::string sql, std::vector<SfBinding> bindings);
  ~SfStream() override;  // stops the workers; cancels a statement still running
  SfStream(const SfStream &) = delete;
  SfStream &operator=(const SfStream &) = delete;

  // Waits up to `timeout_ms` for the next partition. Rethrows a worker's error.
  Wait next(std::unique_ptr<CellPage> *out, int timeout_ms) override;
  SfStreamStats stats();

 private:
  void lead();
  // Decodes a partition's data and checks it holds the rows announced.
  std::unique_ptr<CellPage> decode_partition(const SfResult &r, size_t n);
  void download(SnowflakeClient *client);
  void fail(std::exception_ptr e);
  void add_client_stats(const SnowflakeClient &client);

  SnowflakeConfig config_;
  std::string sql_;
  std::vector<SfBinding> bindings_;
  std::vector<SfColumn> columns_;
  std::vector<int64_t> partition_rows_;  // partitionInfo[].rowCount (-1: not announced); set before downloads

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<size_t, std::unique_ptr<CellPage>> ready_;  // decoded partitions by number
  size_t next_out_ = 0;                                // the partition the executor waits for
  size_t next_claim_ = 1;                              // the next partition a downloader takes
  size_t npartitions_ = 0;                             // known once the result arrived
  bool result_ready_ = false;                          // the statement finished: nothing to cancel
  std::exception_ptr error_;
  SfStreamStats stats_;
  std::atomic<bool> stop_{false};
  std::thread leader_;
  std::vector<std::thread> downloaders_;  // started by the leader, joined by the destructor
  std::vector<std::unique_ptr<SnowflakeClient>> clients_;
};

}  // namespace wfdw
