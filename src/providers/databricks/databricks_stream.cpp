#define WFDW_PURE_TU 1
#include "providers/databricks/databricks_stream.hpp"

#include <atomic>
#include <chrono>
#include <memory>

#include "core/response_errors.hpp"

namespace wfdw {
namespace {

const char kChunkRows[] =
    "a result chunk: data_array [[cell, ...], ...] with one string or null per column of manifest.schema.columns";

class DbxSource final : public PartitionSource {
 public:
  DbxSource(const DatabricksConfig &config, std::string sql, std::vector<DbxParam> params)
      : config_(config), sql_(std::move(sql)), params_(std::move(params)) {}

  PartitionLead lead(const AbortCheck &abort, const std::function<void(const std::string &)> &started) override {
    DatabricksClient client(config_);
    auto t0 = std::chrono::steady_clock::now();
    DbxResult r = client.submit(sql_, params_, abort);
    started(r.statement_id);  // known first, so an abandoned statement is cancelled
    try {
      r = client.wait(std::move(r), abort, t0);
    } catch (...) {
      // FAILED, CANCELED, CLOSED: nothing left to cancel.
      DbxState s = client.last_state();
      ended_ = s == DbxState::Failed || s == DbxState::Canceled || s == DbxState::Closed;
      throw;
    }
    statement_id_ = r.statement_id;
    columns_ = r.columns;
    // total_chunk_count 0 is an empty result (and so is 1 chunk of 0 rows).
    int64_t nchunks = r.total_chunk_count >= 0 ? r.total_chunk_count : static_cast<int64_t>(r.chunk_rows.size());
    chunk_rows_ = r.chunk_rows;
    chunk_rows_.resize(static_cast<size_t>(std::max<int64_t>(nchunks, 1)), -1);
    if (nchunks == 0) chunk_rows_[0] = 0;
    if (r.total_row_count >= 0) {
      int64_t sum = 0;
      for (int64_t n : chunk_rows_) sum = n >= 0 && sum >= 0 ? sum + n : -1;
      if (sum >= 0 && sum != r.total_row_count)
        throw Error(sqlstate::kFdwError,
                    "Databricks server \"" + config_.server_name + "\" announced " + std::to_string(r.total_row_count) +
                        " rows for statement " + r.statement_id + " but chunks of " + std::to_string(sum),
                    "Expected manifest.total_row_count to equal the sum of manifest.chunks[].row_count.",
                    "The result is incomplete and is not returned; run the query again.");
      if (nchunks == 1 && chunk_rows_[0] < 0) chunk_rows_[0] = r.total_row_count;
    }
    if (columns_.empty() && r.total_row_count > 0)
      throw Error(sqlstate::kFdwError,
                  "Databricks server \"" + config_.server_name + "\" announced " + std::to_string(r.total_row_count) +
                      " rows without their columns",
                  "Expected manifest.schema.columns.");
    if (r.has_result && r.chunk_index > 0)
      throw Error(sqlstate::kFdwError, "Databricks server \"" + config_.server_name + "\" sent chunk " +
                                           std::to_string(r.chunk_index) + " inline for statement " + r.statement_id +
                                           " instead of chunk 0");
    PartitionLead lead;
    lead.first = decode(r, 0);
    lead.partitions = chunk_rows_.size();
    lead.rows = r.total_row_count;
    lead.retries = client.retries();
    lead.bytes_received = client.bytes_received();
    return lead;
  }

  std::unique_ptr<PartitionFetcher> fetcher() override;

  void cancel_quietly(const std::string &id) noexcept override {
    if (!ended_) cancel_dbx_statement_quietly(config_, id);
  }

  // Decodes a chunk's rows and checks it holds the rows announced.
  std::unique_ptr<CellPage> decode(const DbxResult &r, size_t n) const {
    auto page = std::make_unique<CellPage>();
    page->ncols = columns_.size();
    if (r.data_end > r.data_begin)
      naming_server("Databricks", config_.server_name, kChunkRows, [&] {
        decode_dbx_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, columns_, *page);
      });
    // A chunk is never silently shorter (or longer) than announced.
    int64_t announced = n < chunk_rows_.size() ? chunk_rows_[n] : -1;
    if (announced < 0) announced = r.row_count;
    if ((announced >= 0 && static_cast<int64_t>(page->nrows) != announced) ||
        (r.row_count >= 0 && r.row_count != announced))
      throw Error(sqlstate::kFdwError,
                  "Databricks server \"" + config_.server_name + "\" sent " + std::to_string(page->nrows) +
                      " rows in chunk " + std::to_string(n) + " of statement " + statement_id_ + ", which announced " +
                      std::to_string(announced),
                  "Expected manifest.chunks[" + std::to_string(n) + "].row_count rows in the chunk's data_array.",
                  "The result is incomplete and is not returned; run the query again.");
    return page;
  }

  const DatabricksConfig &config() const { return config_; }
  const std::string &statement_id() const { return statement_id_; }

 private:
  DatabricksConfig config_;
  std::string sql_;
  std::vector<DbxParam> params_;
  // Set by lead() before any fetcher exists; read-only afterwards.
  std::string statement_id_;
  std::vector<DbxColumn> columns_;
  std::vector<int64_t> chunk_rows_;
  std::atomic<bool> ended_{false};  // the statement ended without a result
};

class DbxFetcher final : public PartitionFetcher {
 public:
  explicit DbxFetcher(const DbxSource &source) : source_(source), client_(source.config()) {}
  std::unique_ptr<CellPage> fetch(size_t n, const AbortCheck &abort) override {
    DbxResult r = client_.chunk(source_.statement_id(), static_cast<int64_t>(n), abort);
    return source_.decode(r, n);
  }
  int retries() const override { return client_.retries(); }
  uint64_t bytes_received() const override { return client_.bytes_received(); }

 private:
  const DbxSource &source_;
  DatabricksClient client_;
};

std::unique_ptr<PartitionFetcher> DbxSource::fetcher() { return std::make_unique<DbxFetcher>(*this); }

}  // namespace

DbxStream::DbxStream(const DatabricksConfig &config, std::string sql, std::vector<DbxParam> params)
    : PartitionStream(std::make_unique<DbxSource>(config, std::move(sql), std::move(params)),
                      config.max_parallel_downloads) {}

}  // namespace wfdw
