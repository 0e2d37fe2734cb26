#define WFDW_PURE_TU 1
#include "core/jwt.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <memory>

#include "core/errors.hpp"

namespace wfdw {
namespace {

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

struct PkeyDeleter {
  void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

Pkey load_private_key(const std::string &pem, const std::string &passphrase) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) throw Error(sqlstate::kOutOfMemory, "out of memory reading a private key");
  void *pass = passphrase.empty() ? nullptr : const_cast<char *>(passphrase.c_str());
  EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass);
  if (key == nullptr)
    throw Error(sqlstate::kInvalidAuthorization, "could not read the private key",
                passphrase.empty() ? "It is not a PEM private key, or it is encrypted and no passphrase was given."
                                   : "It is not a PEM private key, or the passphrase is wrong.",
                "Give the whole key including its BEGIN/END lines (in a service-account key, its private_key field).");
  return Pkey(key);
}

}  // namespace

std::string base64_encode(const std::string &bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto *b = reinterpret_cast<const unsigned char *>(bytes.data());
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = b[i] << 16;
    if (i + 1 < bytes.size()) v |= b[i + 1] << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64url_encode(const std::string &bytes) {
  std::string s = base64_encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char &c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return s;
}

std::string base64_decode(const std::string &text, const char *what) {
  // A magic static: initialised once even when the prefetch worker and the
  // main thread decode BYTES at the same time.
  struct Table {
    signed char v[256];
    Table() {
      for (int i = 0; i < 256; i++) v[i] = -1;
      for (int i = 0; i < 64; i++) v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
      v[static_cast<unsigned char>('-')] = 62;
      v[static_cast<unsigned char>('_')] = 63;
    }
  };
  static const Table decode_table;
  const signed char *table = decode_table.v;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  bool padding = false;
  for (unsigned char c : text) {
    if (c == '=') {
      padding = true;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (table[c] < 0 || padding) throw Error(sqlstate::kInvalidText, std::string("invalid base64 in ") + what);
    acc = (acc << 6) | static_cast<unsigned>(table[c]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (bits >= 6) throw Error(sqlstate::kInvalidText, std::string("truncated base64 in ") + what);
  return out;
}

std::string rs256_jwt(const std::string &header_json, const std::string &claims_json,
                      const std::string &private_key_pem, const std::string &passphrase) {
  Pkey key = load_private_key(private_key_pem, passphrase);
  std::string signing_input = base64url_encode(header_json) + "." + base64url_encode(claims_json);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(signing_input.data()),
                     signing_input.size()) != 1)
    throw Error(sqlstate::kInvalidAuthorization, "could not sign a token with the private key",
                "The key must be an RSA private key.");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(&sig[0]), &len,
                     reinterpret_cast<const unsigned char *>(signing_input.data()), signing_input.size()) != 1)
    throw Error(sqlstate::kInvalidAuthorization, "could not sign a token with the private key",
                "The key must be an RSA private key.");
  sig.resize(len);
  return signing_input + "." + base64url_encode(sig);
}

std::string public_key_fingerprint(const std::string &private_key_pem, const std::string &passphrase) {
  Pkey key = load_private_key(private_key_pem, passphrase);
  unsigned char *der = nullptr;
  int len = i2d_PUBKEY(key.get(), &der);
  if (len <= 0) throw Error(sqlstate::kInvalidAuthorization, "could not derive the public key");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<size_t>(len), digest);
  OPENSSL_free(der);
  return "SHA256:" + base64_encode(std::string(reinterpret_cast<char *>(digest), sizeof(digest)));
}

std::string sha256_hex(const std::string &bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace wfdw
