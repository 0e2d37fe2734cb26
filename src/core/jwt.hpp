// Base64 and RS256-signed JSON Web Tokens (OpenSSL), for Google service
// accounts and Snowflake key pairs. Errors never quote key material.
#pragma once
#include "core/pure_zone.hpp"

#include <string>

namespace wfdw {

std::string base64_encode(const std::string &bytes);
std::string base64url_encode(const std::string &bytes);  // no padding
// Standard base64 (padding optional, whitespace ignored); throws wfdw::Error
// with `what` in the message on malformed input.
std::string base64_decode(const std::string &text, const char *what);

// Signs "b64url(header).b64url(claims)" with the PEM private key (PKCS#8 or
// PKCS#1, encrypted when `passphrase` is non-empty) and returns the JWT.
std::string rs256_jwt(const std::string &header_json, const std::string &claims_json,
                      const std::string &private_key_pem, const std::string &passphrase);

// Lower-case hex SHA-256 of `bytes` (cache keys that must not hold a secret
// in clear, yet differ whenever the secret differs).
std::string sha256_hex(const std::string &bytes);

// "SHA256:" + base64(sha256(DER SubjectPublicKeyInfo)) of the key's public half.
std::string public_key_fingerprint(const std::string &private_key_pem, const std::string &passphrase);

}  // namespace wfdw
