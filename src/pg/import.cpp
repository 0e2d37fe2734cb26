// IMPORT FOREIGN SCHEMA: the server's provider builds the CREATE FOREIGN
// TABLE commands (see pg/import_builder.hpp), after the user mapping's
// options are checked against that provider.
#include "pg/fdw_routines.hpp"
#include "pg/options.hpp"
#include "pg/provider.hpp"

namespace wfdw {

List *import_foreign_schema(ImportForeignSchemaStmt *stmt, Oid serverOid) {
  ForeignServer *server = GetForeignServer(serverOid);
  UserMapping *user = GetUserMapping(GetUserId(), serverOid);
  check_options_for_provider(server, user->options, OptionScope::UserMapping);
  return server_provider(server).import_schema(stmt, server, user);
}

}  // namespace wfdw
