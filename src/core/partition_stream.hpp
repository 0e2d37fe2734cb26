// The leader/downloader machinery of a partitioned result (Snowflake's
// partitions, Databricks' chunks), independent of the provider. A leader
// thread runs the remote work until its result is known and decodes
// partition 0 (inline in the final response); then up to `max_parallel`
// threads, each with its own connection (a PartitionFetcher), fetch and
// decode partitions 1..N-1 concurrently. The executor receives partitions
// strictly in order. A partition is claimed only while it is fewer than
// `max_parallel` ahead of the one the executor is waiting for, so memory is
// bounded by the partitions in flight, not by the result. Workers never
// call PostgreSQL.
//
// A provider supplies a PartitionSource (what to run, how to fetch
// partition n, how to cancel) and gets a PageStream. The stream owns the
// source: its destructor stops and joins every thread before the source is
// touched again, so the hooks never run against a half-destroyed object.
#pragma once
#include "core/pure_zone.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/http_client.hpp"
#include "core/page_stream.hpp"

namespace wfdw {

// What the leader found once the remote work finished.
struct PartitionLead {
  std::unique_ptr<CellPage> first;  // partition 0, decoded (an empty page when the result has no rows)
  size_t partitions = 1;            // >= 1
  int64_t rows = -1;                // rows the result announced, -1 when unknown
  int retries = 0;                  // the leader's connection's retries and bytes
  uint64_t bytes_received = 0;
};

// A downloader's own connection; used by one thread.
class PartitionFetcher {
 public:
  virtual ~PartitionFetcher() = default;
  // Fetches and decodes partition n >= 1 (checking it is what was announced).
  virtual std::unique_ptr<CellPage> fetch(size_t n, const AbortCheck &abort) = 0;
  virtual int retries() const { return 0; }
  virtual uint64_t bytes_received() const { return 0; }
};

class PartitionSource {
 public:
  virtual ~PartitionSource() = default;
  // On the leader thread: starts the remote work, calls started(id) as soon
  // as it has an id (so an abandoned stream can cancel it), waits until it
  // finished, and decodes partition 0. Throws on failure.
  virtual PartitionLead lead(const AbortCheck &abort, const std::function<void(const std::string &)> &started) = 0;
  // A new connection for a downloader; called on the leader thread after
  // lead() returned (what lead() learnt is visible to fetchers).
  virtual std::unique_ptr<PartitionFetcher> fetcher() = 0;
  // After every thread stopped, when the stream was abandoned (or failed)
  // before the remote work finished: cancel it. Bounded and quiet.
  virtual void cancel_quietly(const std::string &id) noexcept { (void)id; }
};

struct PartitionStreamStats {
  std::string id;                  // the remote work's id (statement, job), empty before it is known
  int64_t rows = -1;               // announced by the result
  int64_t partitions = 0;          // in the result
  int64_t partitions_fetched = 0;  // decoded so far
  int64_t retries = 0;
  uint64_t bytes_received = 0;
  double statement_ms = 0;  // start to result
};

class PartitionStream : public PageStream {
 public:
  // Starts the leader at once. max_parallel < 1 counts as 1.
  PartitionStream(std::unique_ptr<PartitionSource> source, int max_parallel);
  ~PartitionStream() override;  // stops the workers; cancels remote work still running
  PartitionStream(const PartitionStream &) = delete;
  PartitionStream &operator=(const PartitionStream &) = delete;

  // Waits up to `timeout_ms` for the next partition. Rethrows a worker's error.
  Wait next(std::unique_ptr<CellPage> *out, int timeout_ms) override;
  PartitionStreamStats stats();

 private:
  void lead();
  void download(PartitionFetcher *fetcher);
  void fail(std::exception_ptr e);

  std::unique_ptr<PartitionSource> source_;
  const size_t window_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<size_t, std::unique_ptr<CellPage>> ready_;  // decoded partitions by number
  size_t next_out_ = 0;                                // the partition the executor waits for
  size_t next_claim_ = 1;                              // the next partition a downloader takes
  size_t npartitions_ = 0;                             // known once the result arrived
  bool result_ready_ = false;                          // the remote work finished: nothing to cancel
  std::exception_ptr error_;
  PartitionStreamStats stats_;
  std::atomic<bool> stop_{false};
  std::thread leader_;
  std::vector<std::thread> downloaders_;  // started by the leader, joined by the destructor
  std::vector<std::unique_ptr<PartitionFetcher>> fetchers_;
};

}  // namespace wfdw
