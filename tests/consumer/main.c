/* main.c - a tiny application that links an installed libq4k, the way a
 * user would (find_package(q4k) or pkg-config). It dequantizes a block and
 * shows which dispatch table it got.
 *
 *   consumer                 print the table in force, check one block
 *   consumer PROFILE         also prove the dispatcher runs PROFILE's
 *                            winners: for every "bucket dequant N NAME" line, sizes
 *                            N and (previous N)+1 must dispatch to NAME, and
 *                            the table must be a compiled-in profile
 * Exit status 0 when all checks pass, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every installed public header, each on its own (each must stand alone),
 * then the umbrella that includes them all. */
#include <q4k_core.h>
#include <q4k_features.h>
#include <q4k_format.h>
#include <q4k_dispatch.h>
#include <q4k_bulk.h>
#include <q4k_cache.h>
#include <q4k_gguf.h>
#include <q4k.h>

static int check_block(void)
{
    /* d = 1.0, dmin = 0.5, sub-block 0: scale 3, min 2; first quant byte 0x5a:
     * value 0 = 1*3*0xa - 0.5*2 = 29, value 32 (high nibble, sub-block 1:
     * scale 0, min 0) = 0. */
    unsigned char block[Q4K_BLOCK_BYTES] = {0};
    block[1] = 0x3c;
    block[3] = 0x38;
    block[4] = 3;
    block[8] = 2;
    block[16] = 0x5a;
    float out[Q4K_BLOCK_VALUES];
    int rc = q4k_dequantize(block, 1, out);
    if (rc != 0 || out[0] != 29.0f || out[32] != 0.0f) {
        fprintf(stderr, "consumer: dequantize gave status %d, values %g %g (want 0, 29, 0)\n", rc, out[0], out[32]);
        return 1;
    }
    return 0;
}

static int check_profile(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    const q4k_dispatch_table *t = q4k_dispatch_current();
    int bad = 0, buckets = 0;
    if (strcmp(t->source, "profile") != 0) {
        fprintf(stderr, "consumer: the table in force is '%s', not a compiled-in profile\n", t->source);
        bad = 1;
    }
    char line[512], name[128];
    unsigned long long n, prev = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "bucket dequant %llu %127s", &n, name) != 2)
            continue;
        buckets++;
        unsigned long long probes[2] = {n, prev + 1};
        for (int k = 0; k < 2; k++) {
            const char *want = name;
            const char *got = q4k_dispatch_variant((size_t)probes[k])->name;
            if (strcmp(got, want)) {
                fprintf(stderr, "consumer: %llu blocks dispatch to %s, the profile says %s\n", probes[k], got, want);
                bad = 1;
            }
        }
        prev = n;
    }
    fclose(f);
    size_t table_dequant = 0;
    for (size_t i = 0; i < t->n_buckets; i++)
        table_dequant += t->buckets[i].op == Q4K_OP_DEQUANT;
    if (buckets == 0 || (size_t)buckets != table_dequant) {
        fprintf(stderr, "consumer: the profile has %d dequant buckets, the table in force %zu\n", buckets,
                table_dequant);
        bad = 1;
    }
    if (!bad)
        printf("consumer: all %d buckets dispatch to the profile's winners\n", buckets);
    return bad;
}

/* One call from each installed header links and behaves. */
static int check_headers(void)
{
    int bad = 0;
    q4k_cache *c = NULL;
    bad |= q4k_cache_create(NULL, &c) != Q4K_OK || q4k_cache_destroy(c) != Q4K_OK;
    q4k_gguf *g = NULL;
    char err[128];
    bad |= q4k_gguf_open_memory("GGUF", 4, &g, err, sizeof err) == Q4K_OK;
    bad |= q4k_bulk_dequantize(NULL, 0, 1) != Q4K_OK;
    bad |= q4k_fp16_to_fp32(0x3c00) != 1.0f;
    bad |= q4k_feature_name(Q4K_FEAT_AVX2) == NULL;
    if (bad)
        fprintf(stderr, "consumer: a public header's function misbehaves\n");
    return bad;
}

int main(int argc, char **argv)
{
    const q4k_dispatch_table *t = q4k_dispatch_current();
    printf("consumer: table '%s'%s%s, 16 blocks -> %s, 65536 blocks -> %s\n", t->source,
           t->device[0] ? " for " : "", t->device, q4k_dispatch_variant(16)->name,
           q4k_dispatch_variant(65536)->name);
    int bad = check_block() | check_headers();
    if (argc > 1)
        bad |= check_profile(argv[1]);
    return bad;
}
