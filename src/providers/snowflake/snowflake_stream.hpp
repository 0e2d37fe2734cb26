// A Snowflake statement's rows as a PageStream (core/partition_stream): a
// leader submits the statement, polls a 202 until it finishes and decodes
// partition 0 (inline in the result); then up to max_parallel_downloads
// threads, each with its own connection, fetch and decode partitions 1..N
// concurrently, handed to the executor strictly in order within a bounded
// window. Every partition must hold the rows announced. The destructor stops
// the workers and cancels a statement still running. Workers never call
// PostgreSQL.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/partition_stream.hpp"
#include "providers/snowflake/snowflake_client.hpp"

namespace wfdw {

class SfStream final : public PartitionStream {
 public:
  // stats(): PartitionStream's (id = statement handle).
  SfStream(const SnowflakeConfig &config, std::string sql, std::vector<SfBinding> bindings);
};

}  // namespace wfdw
