/* cmd_dequant.c - q4k dequant: raw Q4_K (or, with --type q6_K, Q6_K)
 * blocks in, raw little-endian float32 out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fileio.h"
#include "q4k.h"

int cmd_dequant(int argc, char **argv)
{
    const char *variant = NULL, *in = NULL, *out = NULL, *type = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--type")) {
            if (i + 1 >= argc || (strcmp(argv[i + 1], "q4_K") && strcmp(argv[i + 1], "q6_K"))) {
                fprintf(stderr, "q4k dequant: --type takes q4_K or q6_K\n");
                return 2;
            }
            type = argv[++i];
        } else if (!strcmp(argv[i], "--variant")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "q4k dequant: --variant needs a name\n");
                return 2;
            }
            variant = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: q4k dequant [--type q4_K|q6_K] [--variant NAME] IN.q4k OUT.f32\n\n"
                   "Dequantizes raw Q4_K blocks (144 bytes each, no header; with --type q6_K\n"
                   "raw Q6_K blocks, 210 bytes each) into raw little-endian float32 (256 per\n"
                   "block), through the dispatch table or with the named variant (of dequant,\n"
                   "or of dequant_q6k, which implies q6_K). OUT is written atomically (temp\n"
                   "file + rename).\n");
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "q4k dequant: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        } else if (!in) {
            in = argv[i];
        } else if (!out) {
            out = argv[i];
        } else {
            fprintf(stderr, "q4k dequant: too many arguments (try --help)\n");
            return 2;
        }
    }
    if (!in || !out) {
        fprintf(stderr, "usage: q4k dequant [--type q4_K|q6_K] [--variant NAME] IN.q4k OUT.f32\n");
        return 2;
    }
    int q6k = type && !strcmp(type, "q6_K");
    const q4k_variant *v = NULL;
    if (variant) {
        v = q4k_variant_find(variant);
        if (!v) {
            fprintf(stderr, "q4k dequant: no variant named '%s' (see 'q4k list --all')\n", variant);
            return 2;
        }
        if (v->op == Q4K_OP_DEQUANT_Q6K && !type)
            q6k = 1;
        if (v->op != (q6k ? Q4K_OP_DEQUANT_Q6K : Q4K_OP_DEQUANT)) {
            const char *want = q6k ? "dequant_q6k" : "dequant";
            fprintf(stderr, "q4k dequant: '%s' is a variant of %s, not of %s (see 'q4k list --op %s')\n", variant,
                    q4k_op_name(v->op), want, want);
            return 2;
        }
        if (!q4k_variant_usable(v)) {
            fprintf(stderr, "q4k dequant: variant '%s' is not usable on this CPU\n", variant);
            return 2;
        }
    }
    void *blocks;
    size_t size;
    char err[512];
    if (q4k_read_file(in, &blocks, &size, err, sizeof err) != 0) {
        fprintf(stderr, "q4k dequant: %s\n", err);
        return 2;
    }
    const size_t block_bytes = q6k ? Q4K_Q6K_BLOCK_BYTES : Q4K_BLOCK_BYTES;
    if (size % block_bytes) {
        fprintf(stderr, "q4k dequant: %s: %zu bytes is not a whole number of %zu-byte %s blocks\n", in, size,
                block_bytes, q6k ? "Q6_K" : "Q4_K");
        free(blocks);
        return 2;
    }
    const size_t n = size / block_bytes;
    float *floats = malloc(n ? n * Q4K_BLOCK_VALUES * sizeof(float) : 1);
    if (!floats) {
        fprintf(stderr, "q4k dequant: out of memory for %zu blocks\n", n);
        free(blocks);
        return 1;
    }
    int st = q6k ? (v ? q4k_dequantize_q6k_with(v, blocks, n, floats) : q4k_dequantize_q6k(blocks, n, floats))
                 : (v ? q4k_dequantize_with(v, blocks, n, floats) : q4k_dequantize(blocks, n, floats));
    free(blocks);
    if (st != Q4K_OK) {
        fprintf(stderr, "q4k dequant: %s\n", q4k_strerror(st));
        free(floats);
        return 1;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "q4k dequant writes float32 in host order; add a byte swap for big-endian hosts"
#endif
    st = q4k_write_file_atomic(out, floats, n * Q4K_BLOCK_VALUES * sizeof(float), err, sizeof err);
    free(floats);
    if (st != Q4K_OK) {
        fprintf(stderr, "q4k dequant: %s\n", err);
        return 1;
    }
    fprintf(stderr, "%zu %s block(s) -> %zu floats, variant %s\n", n, q6k ? "Q6_K" : "Q4_K", n * Q4K_BLOCK_VALUES,
            v ? v->name : q4k_dispatch_select(q6k ? Q4K_OP_DEQUANT_Q6K : Q4K_OP_DEQUANT, n)->name);
    return 0;
}
