// A BigQuery query's rows, produced by a worker thread: it runs jobs.query,
// polls until the job completes, then fetches page after page and decodes
// each into PostgreSQL input text while the executor converts the previous
// one. At most one decoded page waits in the queue, so memory is bounded by
// two or three pages whatever the result size. The worker never calls
// PostgreSQL; the executor waits with a timeout and checks for interrupts
// itself.
#pragma once
#include "core/pure_zone.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "providers/bigquery/bigquery_client.hpp"
#include "core/page_stream.hpp"
#include "providers/bigquery/bigquery_rows.hpp"

namespace wfdw {

struct BqStreamStats {
  std::string job_id;
  std::string location;
  int64_t total_rows = -1;
  int64_t bytes_processed = -1;
  int64_t bytes_billed = -1;
  bool cache_hit = false;
  int64_t pages = 0;
  int64_t retries = 0;
  uint64_t bytes_received = 0;
  double job_ms = 0;          // from jobs.query to jobComplete
  bool job_complete = false;  // the job finished: its results can be read again
  bool replayed = false;      // the rows were read again from a finished job, no new job
};

class BqStream final : public PageStream {
 public:
  BqStream(const BigQueryConfig &config, std::string sql, std::vector<BqParam> params);
  // Reads the results of a job that already completed again, from the first
  // page, without running anything: a rescan of a scan without parameters
  // (the inner side of a nested loop) would otherwise bill a new job each time.
  BqStream(const BigQueryConfig &config, std::string job_id, std::string location);
  ~BqStream() override;  // stops the worker; cancels the job if it may still run
  BqStream(const BqStream &) = delete;
  BqStream &operator=(const BqStream &) = delete;

  // Waits up to `timeout_ms` for the next page. Rethrows the worker's error.
  Wait next(std::unique_ptr<CellPage> *out, int timeout_ms) override;
  const std::vector<BqField> &schema() const { return schema_; }  // valid after the first page
  BqStreamStats stats();

 private:
  void run();
  void publish(std::unique_ptr<CellPage> page);
  std::unique_ptr<CellPage> decode(const BqResult &r);

  BigQueryConfig config_;
  std::string sql_;
  std::vector<BqParam> params_;
  std::string replay_job_;  // non-empty: read this finished job's results again
  std::vector<BqField> schema_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<CellPage>> ready_;
  std::exception_ptr error_;
  bool done_ = false;          // worker finished (all pages published or failed)
  bool job_finished_ = false;  // the job completed or failed: nothing to cancel
  BqStreamStats stats_;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

}  // namespace wfdw
