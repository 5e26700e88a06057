#ifndef OCI_SIGNING_BENCH_CRYPTO_SHIM_H
#define OCI_SIGNING_BENCH_CRYPTO_SHIM_H
// libcrypto for the raw baselines of the benchmarks; no code lives here.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/bio.h>
#endif
