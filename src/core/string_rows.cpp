#define WFDW_PURE_TU 1
#include "core/string_rows.hpp"

#include "core/errors.hpp"
#include "core/json_scan.hpp"

namespace wfdw {

void decode_string_rows(const char *begin, const char *end, const std::vector<bool> &verbatim,
                        const std::function<void(size_t, const std::string &, std::string &)> &convert,
                        const char *label, const char *schema_name, CellPage &page) {
  const size_t ncols = verbatim.size();
  JsonScanner scan(begin, end);
  std::string scratch;
  scan.array([&] {
    size_t c = 0;
    scan.array([&] {
      if (c == ncols)
        throw Error(sqlstate::kFdwError, std::string(label) + " sent a row with more values than the " +
                                             std::to_string(ncols) + " columns of its " + schema_name);
      int64_t off = static_cast<int64_t>(page.text.size());
      if (scan.consume_null()) {
        page.null_cell();
      } else if (verbatim[c]) {
        scan.read_string(page.text);
        page.end_cell(off);
      } else {
        scratch.clear();
        scan.read_string(scratch);
        convert(c, scratch, page.text);
        page.end_cell(off);
      }
      c++;
    });
    if (c != ncols)
      throw Error(sqlstate::kFdwError, std::string(label) + " sent a row of " + std::to_string(c) + " values for the " +
                                           std::to_string(ncols) + " columns of its " + schema_name);
    page.nrows++;
  });
}

}  // namespace wfdw
