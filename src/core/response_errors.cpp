#define WFDW_PURE_TU 1
#include "core/response_errors.hpp"

#include <nlohmann/json.hpp>

#include <exception>

namespace wfdw {

void rethrow_naming_server(const char *label, const std::string &server, const std::string &expected) {
  const std::string named = "server \"" + server + "\"";
  auto unexpected = [&](const std::string &why) {
    return Error(sqlstate::kFdwError,
                 std::string(label) + " " + named + " sent a response that is not what its API documents",
                 "Expected " + expected + "; " + why + ".",
                 "Check the server's endpoint option: it must be the service itself, not a proxy or another "
                 "service. The response is not quoted.");
  };
  try {
    throw;
  } catch (const Interrupted &) {
    throw;
  } catch (const MalformedResponse &e) {
    throw unexpected(e.what());
  } catch (const Error &e) {
    std::string message = e.what();
    if (message.find(named) != std::string::npos) throw;
    throw Error(e.sqlstate(), std::string(label) + " " + named + ": " + message, e.detail(), e.hint());
  } catch (const nlohmann::json::type_error &) {
    throw unexpected("a member has another JSON type");
  } catch (const nlohmann::json::out_of_range &) {
    throw unexpected("a member is missing");
  } catch (const nlohmann::json::exception &) {
    throw unexpected("it could not be read as that");
  }
}

}  // namespace wfdw
