#ifndef OCI_SIGNING_CLIBCRYPTO_SHIM_H
#define OCI_SIGNING_CLIBCRYPTO_SHIM_H
// Only the libcrypto headers the engine needs; no code lives here.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/objects.h>
#endif
