// Rows whose cells are JSON strings or null ([["1","a",null], ...]), as
// Snowflake's jsonv2 and Databricks' JSON_ARRAY results send them, decoded
// straight into a CellPage: a cell PostgreSQL reads as it is is copied;
// the others go through the provider's converter.
#pragma once
#include "core/pure_zone.hpp"

#include <functional>
#include <string>
#include <vector>

#include "core/cell_page.hpp"

namespace wfdw {

// Appends the rows of the JSON array [begin, end) to `page` (page.ncols ==
// verbatim.size()). verbatim[c]: cell c is PostgreSQL input text as sent;
// else convert(c, cell, out) appends its PostgreSQL text to out. A row of
// another width is an error naming `label` ("Snowflake") and `schema_name`
// ("rowType").
void decode_string_rows(const char *begin, const char *end, const std::vector<bool> &verbatim,
                        const std::function<void(size_t, const std::string &, std::string &)> &convert,
                        const char *label, const char *schema_name, CellPage &page);

}  // namespace wfdw
