/* sha256.h - a small SHA-256 (FIPS 180-4) so tests can compare tensors and
 * outputs with the digests in tests/data without external tools. */
#ifndef Q4K_TEST_SHA256_H
#define Q4K_TEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t total;      /* bytes hashed so far */
    uint8_t block[64];
    size_t used;         /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, uint8_t digest[32]);

/* One-shot digest as 64 lowercase hex digits plus NUL. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
