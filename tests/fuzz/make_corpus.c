/* make_corpus.c - writes the fuzzer's seed corpus: every case of
 * tests/support/gguf_cases.c (valid and malformed), plus, when given the
 * real tinyA-Q4_K_M.gguf, its metadata (21 key-values, a 512-token
 * vocabulary) with a tiny tensor table, and a few truncations of that.
 *   fuzz_gguf_corpus OUTDIR [tinyA-Q4_K_M.gguf]
 * The committed corpus (tests/fuzz/corpus/) came from this program. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gguf_builder.h"
#include "gguf_cases.h"

static int write_file(const char *dir, const char *name, const void *p, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.gguf", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* End of the key-value section of a trusted GGUF (the real test file). */
static size_t kv_end(const uint8_t *d, size_t n, uint64_t n_kv)
{
    static const int size[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
    size_t p = 24;
    for (uint64_t i = 0; i < n_kv && p + 12 <= n; i++) {
        p += 8 + le64(d + p);
        uint32_t t = d[p] | d[p + 1] << 8;
        p += 4;
        uint64_t count = 1;
        if (t == 9) {
            t = d[p];
            count = le64(d + p + 4);
            p += 12;
        }
        for (uint64_t k = 0; k < count; k++)
            p += t == 8 ? 8 + le64(d + p) : (size_t)size[t];
    }
    return p;
}

static int tinyA_seeds(const char *dir, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    uint8_t *d = malloc(16384);
    size_t n = d ? fread(d, 1, 16384, f) : 0;
    fclose(f);
    if (n < 24) {
        free(d);
        return 1;
    }
    uint64_t n_kv = le64(d + 16);
    size_t end = kv_end(d, n, n_kv);
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 3, n_kv);
    gb_bytes(&b, d + 24, end - 24);
    gb_tensor_info(&b, "token_embd.weight", 2, (const uint64_t[]){256, 2}, 12, 0);
    gb_tensor_info(&b, "output.weight", 2, (const uint64_t[]){256, 1}, 14, 288);
    gb_tensor_info(&b, "output_norm.weight", 1, (const uint64_t[]){16}, 0, 512);
    gb_pad(&b, 32);
    for (int i = 0; i < 576; i++)
        gb_u8(&b, (uint8_t)(i * 131 + 7));
    int rc = write_file(dir, "tinyA_meta_tiny_tensors", b.data, b.len);
    /* the real header cut inside the vocabulary, and just before the data */
    rc |= write_file(dir, "tinyA_cut_in_vocab", d, 4000);
    rc |= write_file(dir, "tinyA_cut_before_data", d, n < 14176 ? n : 14176);
    gb_free(&b);
    free(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: fuzz_gguf_corpus OUTDIR [tinyA-Q4_K_M.gguf]\n");
        return 2;
    }
    int rc = 0;
    for (size_t i = 0; i < gguf_case_count; i++) {
        gguf_builder b;
        gb_init(&b);
        gguf_cases[i].build(&b);
        if (b.oom) {
            fprintf(stderr, "%s: out of memory\n", gguf_cases[i].name);
            rc = 1;
        } else {
            rc |= write_file(argv[1], gguf_cases[i].name, b.data, b.len);
        }
        gb_free(&b);
    }
    if (argc == 3)
        rc |= tinyA_seeds(argv[1], argv[2]);
    return rc;
}
