// A decoded batch of rows, the unit every HTTP provider's worker threads
// hand to the executor: row-major NUL-terminated PostgreSQL input text in
// one buffer, so the executor only runs input functions.
#pragma once
#include "core/pure_zone.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wfdw {

struct CellPage {
  size_t nrows = 0;
  size_t ncols = 0;
  std::string text;
  std::vector<int64_t> offsets;  // per cell; -1 for NULL
  bool last = false;
  const char *cell(size_t row, size_t col) const {
    int64_t off = offsets[row * ncols + col];
    return off < 0 ? nullptr : text.data() + off;
  }
  // Ends the cell begun at byte `start` of text.
  void end_cell(int64_t start) {
    text.push_back('\0');
    offsets.push_back(start);
  }
  void null_cell() { offsets.push_back(-1); }
};

}  // namespace wfdw
