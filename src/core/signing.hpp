#pragma once
// Ed25519 detached signatures (libsodium crypto_sign_*) and standard base64, for records that
// must be checkable outside the database (the audit checkpoints). Keys and signatures are raw
// bytes in std::string; the callers choose how to write them down.
#include <optional>
#include <string>
#include <string_view>

namespace incunet::core {

inline constexpr std::size_t kSignPublicKeyBytes = 32;
inline constexpr std::size_t kSignSecretKeyBytes = 64;  // libsodium's form: seed + public key
inline constexpr std::size_t kSignatureBytes = 64;

struct SigningKeyPair {
  std::string public_key;  // kSignPublicKeyBytes
  std::string secret_key;  // kSignSecretKeyBytes
};

// A fresh key pair from the system's random source.
SigningKeyPair NewSigningKeyPair();

// The public half of a secret key (libsodium keeps it inside). Precondition: the size is right.
std::string PublicKeyOf(std::string_view secret_key);

// The detached signature of `message`. Throws std::invalid_argument on a wrongly sized key
// (a programmer fault: keys come from the parsers, which check sizes).
std::string SignDetached(std::string_view message, std::string_view secret_key);

// True iff `signature` is a valid signature of `message` under `public_key`; false also for
// wrongly sized keys or signatures.
bool VerifyDetached(std::string_view message, std::string_view signature,
                    std::string_view public_key);

// Standard base64 with padding (RFC 4648 §4). Decoding rejects anything else (whitespace,
// url-safe letters, missing padding) with nullopt.
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace incunet::core
