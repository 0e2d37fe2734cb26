// A stream of decoded result pages produced by worker threads (BigQuery's
// pages, Snowflake's partitions). The executor's scan (src/pg/stream_scan)
// reads any provider's stream through this interface; it waits with a
// timeout so it can check for interrupts between waits.
#pragma once
#include "core/pure_zone.hpp"

#include <memory>

#include "core/cell_page.hpp"

namespace wfdw {

class PageStream {
 public:
  enum class Wait { Page, End, Timeout };
  virtual ~PageStream() = default;  // stops the workers; cancels remote work still running
  // Waits up to `timeout_ms` for the next page. Rethrows a worker's error.
  virtual Wait next(std::unique_ptr<CellPage> *out, int timeout_ms) = 0;
};

}  // namespace wfdw
