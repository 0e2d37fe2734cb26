// ANALYZE of a foreign table: the provider's sampler, if it has one. The
// warehouses have none: row counts come from table metadata at plan time,
// and a sample would be billed as a scan of every column.
#include "pg/fdw_routines.hpp"
#include "pg/provider.hpp"

namespace wfdw {

bool analyze_foreign_table(Relation relation, AcquireSampleRowsFunc *func, BlockNumber *totalpages) {
  ForeignTable *table = GetForeignTable(RelationGetRelid(relation));
  const ProviderOps &provider = server_provider(GetForeignServer(table->serverid));
  return provider.analyze != nullptr && provider.analyze(relation, func, totalpages);
}

}  // namespace wfdw
