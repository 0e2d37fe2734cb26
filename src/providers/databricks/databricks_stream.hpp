// A Databricks statement's rows as a PageStream (core/partition_stream): a
// leader submits the statement, polls it until it finished and decodes
// chunk 0 (inline in the final status); then up to max_parallel_downloads
// threads, each with its own connection, fetch and decode chunks 1..N-1
// concurrently, handed to the executor strictly in order within a bounded
// window. Every chunk must hold the rows the manifest announced. The
// destructor stops the workers and cancels a statement still running.
// Workers never call PostgreSQL.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/partition_stream.hpp"
#include "providers/databricks/databricks_client.hpp"

namespace wfdw {

// For EXPLAIN ANALYZE.
struct DbxStreamStats {
  std::string statement_id;
  int64_t rows = -1;           // manifest.total_row_count
  int64_t chunks = 0;          // in the result
  int64_t chunks_fetched = 0;  // decoded so far
  int64_t retries = 0;
  uint64_t bytes_received = 0;
  double statement_ms = 0;  // submit to result
};

class DbxStream final : public PartitionStream {
 public:
  DbxStream(const DatabricksConfig &config, std::string sql, std::vector<DbxParam> params);
  DbxStreamStats stats();
};

}  // namespace wfdw
