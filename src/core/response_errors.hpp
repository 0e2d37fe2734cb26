// Errors from a provider's responses always name the server and say what was
// expected, never quote the response (it may be anything: a proxy's page, a
// file) and never surface a JSON library's own exception text.
#pragma once
#include "core/pure_zone.hpp"

#include <string>

#include "core/errors.hpp"

namespace wfdw {

// A response that is not the JSON its API documents (the scanners throw it).
class MalformedResponse : public Error {
 public:
  explicit MalformedResponse(const std::string &what) : Error(sqlstate::kFdwError, what) {}
};

// Rethrows the exception in flight, naming the server: a JSON library error
// (wrong type, missing member) or a MalformedResponse becomes
//   <label> server "<server>" sent a response that is not what its API documents
// with `expected` as the detail; any other wfdw::Error whose message does not
// name the server gets "server "<server>": " in front; Interrupted and
// errors already naming the server pass unchanged.
[[noreturn]] void rethrow_naming_server(const char *label, const std::string &server, const std::string &expected);

// Runs `body`, rethrowing its exceptions through rethrow_naming_server.
template <class F>
auto naming_server(const char *label, const std::string &server, const std::string &expected, F &&body)
    -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    rethrow_naming_server(label, server, expected);
  }
}

}  // namespace wfdw
