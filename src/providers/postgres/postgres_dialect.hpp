// The PostgreSQL dialect (remote PostgreSQL and, later, Redshift).
#pragma once
#include "core/dialect.hpp"

namespace wfdw {

const Dialect &postgres_dialect();

// Whether an identifier needs quoting in PostgreSQL (exposed for unit tests).
bool postgres_ident_needs_quotes(const char *ident);

}  // namespace wfdw
