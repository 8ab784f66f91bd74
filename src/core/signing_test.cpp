#include "core/signing.hpp"

#include <gtest/gtest.h>

namespace incunet::core {
namespace {

TEST(Signing, SignatureVerifiesOnlyForItsMessageAndKey) {
  SigningKeyPair kp = NewSigningKeyPair();
  ASSERT_EQ(kp.public_key.size(), kSignPublicKeyBytes);
  ASSERT_EQ(kp.secret_key.size(), kSignSecretKeyBytes);
  EXPECT_EQ(PublicKeyOf(kp.secret_key), kp.public_key);
  std::string sig = SignDetached("rows 5", kp.secret_key);
  ASSERT_EQ(sig.size(), kSignatureBytes);
  EXPECT_TRUE(VerifyDetached("rows 5", sig, kp.public_key));
  EXPECT_FALSE(VerifyDetached("rows 6", sig, kp.public_key));
  EXPECT_FALSE(VerifyDetached("rows 5", sig, NewSigningKeyPair().public_key));
  sig[0] ^= 1;
  EXPECT_FALSE(VerifyDetached("rows 5", sig, kp.public_key));
  EXPECT_FALSE(VerifyDetached("rows 5", "short", kp.public_key));
  EXPECT_FALSE(VerifyDetached("rows 5", sig, "short"));
}

TEST(Base64, RoundTripsAndRejectsAnythingButPaddedStandardForm) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  std::string bytes("\x00\xff\xfe\x10", 4);
  EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
  EXPECT_EQ(Base64Decode("Zm9vYg=="), "foob");
  EXPECT_FALSE(Base64Decode("Zm9vYg"));     // padding missing
  EXPECT_FALSE(Base64Decode("Zm9v Yg=="));  // whitespace
  EXPECT_FALSE(Base64Decode("Zm9vYg==x"));  // trailing garbage
  EXPECT_FALSE(Base64Decode("_-__"));       // url-safe alphabet
}

}  // namespace
}  // namespace incunet::core
