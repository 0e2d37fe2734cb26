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

class DbxStream final : public PartitionStream {
 public:
  // stats(): PartitionStream's (id = statement id, partitions = chunks).
  DbxStream(const DatabricksConfig &config, std::string sql, std::vector<DbxParam> params);
};

}  // namespace wfdw
