#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_stream.hpp"

#include "core/response_errors.hpp"

namespace wfdw {
namespace {

// What the leader learnt that every downloader needs.
struct SfShared {
  SnowflakeConfig config;
  std::vector<SfColumn> columns;
  std::vector<int64_t> partition_rows;  // partitionInfo[].rowCount (-1: not announced)
  std::string handle;
};

// Decodes a partition's data and checks it holds the rows announced.
std::unique_ptr<CellPage> decode_partition(const SfShared &sh, const SfResult &r, size_t n) {
  auto page = std::make_unique<CellPage>();
  page->ncols = sh.columns.size();
  if (r.data_end > r.data_begin)
    naming_server("Snowflake", sh.config.server_name,
                  "a result partition: data [[cell, ...], ...] with one value per column of resultSetMetaData.rowType",
                  [&] { decode_sf_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, sh.columns, *page); });
  // A partition is never silently shorter (or longer) than announced.
  int64_t announced = n < sh.partition_rows.size() ? sh.partition_rows[n] : -1;
  if (announced >= 0 && static_cast<int64_t>(page->nrows) != announced)
    throw Error(sqlstate::kFdwError,
                "Snowflake server \"" + sh.config.server_name + "\" sent " + std::to_string(page->nrows) +
                    " rows in partition " + std::to_string(n) + " of statement " + sh.handle + ", which announced " +
                    std::to_string(announced),
                "Expected partitionInfo[" + std::to_string(n) + "].rowCount rows in the partition's data.",
                "The result is incomplete and is not returned; run the query again.");
  return page;
}

class SfFetcher final : public PartitionFetcher {
 public:
  explicit SfFetcher(const SfShared &shared) : shared_(shared), client_(shared.config) {}
  std::unique_ptr<CellPage> fetch(size_t n, const AbortCheck &abort) override {
    SfResult r = client_.partition(shared_.handle, n, abort);
    return decode_partition(shared_, r, n);
  }
  int retries() const override { return client_.retries(); }
  uint64_t bytes_received() const override { return client_.bytes_received(); }

 private:
  const SfShared &shared_;
  SnowflakeClient client_;
};

class SfSource final : public PartitionSource {
 public:
  SfSource(const SnowflakeConfig &config, std::string sql, std::vector<SfBinding> bindings)
      : sql_(std::move(sql)), bindings_(std::move(bindings)) {
    shared_.config = config;
  }

  PartitionLead lead(const AbortCheck &abort, const std::function<void(const std::string &)> &started) override {
    const SnowflakeConfig &config = shared_.config;
    SnowflakeClient client(config);
    SfResult r = client.submit(sql_, bindings_, new_request_id(), abort);
    started(r.handle);
    shared_.handle = r.handle;
    r = client.wait(std::move(r), abort);  // the handle is known first, so an abandoned statement is cancelled
    shared_.columns = r.columns;
    shared_.partition_rows = r.partition_rows;
    // numRows is the sum of the partitions' rowCounts; with no partitionInfo
    // partition 0 holds all numRows rows.
    if (shared_.partition_rows.empty()) {
      shared_.partition_rows.push_back(r.num_rows);
    } else if (r.num_rows >= 0) {
      int64_t sum = 0;
      for (int64_t n : shared_.partition_rows) sum = n >= 0 && sum >= 0 ? sum + n : -1;
      if (sum >= 0 && sum != r.num_rows)
        throw Error(sqlstate::kFdwError,
                    "Snowflake server \"" + config.server_name + "\" announced " + std::to_string(r.num_rows) +
                        " rows for statement " + r.handle + " but partitions of " + std::to_string(sum),
                    "Expected resultSetMetaData.numRows to equal the sum of partitionInfo[].rowCount.",
                    "The result is incomplete and is not returned; run the query again.");
    }
    if (shared_.columns.empty() && r.num_rows > 0)
      throw Error(sqlstate::kFdwError,
                  "Snowflake server \"" + config.server_name + "\" announced " + std::to_string(r.num_rows) +
                      " rows without their columns",
                  "Expected resultSetMetaData.rowType.");
    PartitionLead lead;
    lead.first = decode_partition(shared_, r, 0);
    lead.partitions = std::max<size_t>(r.partition_rows.size(), 1);
    lead.rows = r.num_rows;
    lead.retries = client.retries();
    lead.bytes_received = client.bytes_received();
    return lead;
  }

  std::unique_ptr<PartitionFetcher> fetcher() override { return std::make_unique<SfFetcher>(shared_); }

  // Abandoned while the statement may still run on the warehouse and bill.
  void cancel_quietly(const std::string &id) noexcept override { cancel_sf_statement_quietly(shared_.config, id); }

 private:
  SfShared shared_;
  std::string sql_;
  std::vector<SfBinding> bindings_;
};

}  // namespace

SfStream::SfStream(const SnowflakeConfig &config, std::string sql, std::vector<SfBinding> bindings)
    : PartitionStream(std::make_unique<SfSource>(config, std::move(sql), std::move(bindings)),
                      config.max_parallel_downloads) {}

}  // namespace wfdw
