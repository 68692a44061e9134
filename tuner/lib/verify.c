/* verify.c - bit-exact verification of a variant against the scalar
 * baseline, and of any variant against the golden vectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchdata.h"
#include "fileio.h"
#include "q4k_format.h"
#include "verify.h"

#ifndef Q4K_SOURCE_DIR
#define Q4K_SOURCE_DIR "."
#endif

static void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(q4k_splitmix64(&seed) >> 56);
}

/* fp16 values that stress d and dmin: zeros of both signs, subnormals,
 * the largest finite, infinities, quiet, signalling and payload NaNs. */
static const uint16_t special_fp16[] = {
    0x0000, 0x8000, 0x0001, 0x8001, 0x0200, 0x03ff, 0x83ff, 0x0400, 0x1400, 0x2e66, 0x3555,
    0x3c00, 0xbc00, 0xd640, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0xfe00, 0x7c01, 0x7fff,
};
enum { N_SPECIAL = sizeof special_fp16 / sizeof special_fp16[0] };

/* The adversarial set: the special d x dmin grid, every byte value in every
 * one of the 12 scale bytes, all-zero and all-one blocks, then random bytes. */
static uint8_t *make_adversarial(size_t *n_blocks)
{
    const size_t n_grid = N_SPECIAL * N_SPECIAL, n_scale = 12 * 256, n_rand = 509;
    const size_t n = n_grid + n_scale + 2 + n_rand;
    uint8_t *x = malloc(n * Q4K_BLOCK_BYTES);
    if (!x)
        return NULL;
    fill_random(x, n * Q4K_BLOCK_BYTES, 0x5eed);
    for (size_t i = 0; i < n_grid; i++) {
        uint8_t *b = x + i * Q4K_BLOCK_BYTES;
        uint16_t d = special_fp16[i / N_SPECIAL], dmin = special_fp16[i % N_SPECIAL];
        b[0] = (uint8_t)d, b[1] = (uint8_t)(d >> 8), b[2] = (uint8_t)dmin, b[3] = (uint8_t)(dmin >> 8);
    }
    for (size_t i = 0; i < n_scale; i++) {
        uint8_t *b = x + (n_grid + i) * Q4K_BLOCK_BYTES;
        b[0] = 0x00, b[1] = 0x3c, b[2] = 0x00, b[3] = 0x38; /* d = 1, dmin = 0.5 */
        b[Q4K_OFF_SCALES + i / 256] = (uint8_t)(i % 256);
    }
    memset(x + (n_grid + n_scale) * Q4K_BLOCK_BYTES, 0x00, Q4K_BLOCK_BYTES);
    memset(x + (n_grid + n_scale + 1) * Q4K_BLOCK_BYTES, 0xff, Q4K_BLOCK_BYTES);
    *n_blocks = n;
    return x;
}

static int compare(const float *got, const float *want, size_t n, const char *what, size_t offset,
                   q4k_verify_report *rep)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t g = q4k_float_to_bits(got[i]), w = q4k_float_to_bits(want[i]);
        if (!q4k_same_value(g, w)) {
            if (!bad && !rep->mismatches)
                snprintf(rep->first, sizeof rep->first,
                         "%s: value %zu (block %zu): got 0x%08x, want 0x%08x", what, offset + i,
                         (offset + i) / 256, (unsigned)g, (unsigned)w);
            bad++;
        }
    }
    rep->values += n;
    rep->mismatches += bad;
    return bad != 0;
}

/* Run v on n blocks at src with the output at a byte offset from float
 * alignment's point of view, guard bytes around it. */
static int run_guarded(const q4k_variant *v, const uint8_t *src, size_t n, size_t out_shift,
                       float *result, q4k_verify_report *rep, const char *what)
{
    enum { GUARD = 64 };
    const size_t bytes = n * Q4K_BLOCK_VALUES * sizeof(float);
    uint8_t *buf = malloc(bytes + 2 * GUARD + 8);
    if (!buf)
        return Q4K_ENOMEM;
    memset(buf, 0xa5, bytes + 2 * GUARD + 8);
    float *out = (float *)(void *)(buf + GUARD + out_shift);
    v->fn(src, out, n);
    memcpy(result, out, bytes);
    int broke = 0;
    for (size_t i = 0; i < bytes + 2 * GUARD + 8; i++) {
        if ((i < GUARD + out_shift || i >= GUARD + out_shift + bytes) && buf[i] != 0xa5) {
            if (!rep->mismatches)
                snprintf(rep->first, sizeof rep->first, "%s: wrote outside the output (byte %zd)",
                         what, (ptrdiff_t)i - (ptrdiff_t)(GUARD + out_shift));
            rep->mismatches++;
            broke = 1;
            break;
        }
    }
    free(buf);
    return broke;
}

int q4k_verify_variant(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    const q4k_variant *ref = q4k_variant_find("q4k_dequant__scalar");
    size_t n_adv = 0;
    uint8_t *adv = make_adversarial(&n_adv);
    float *want = malloc(n_adv * Q4K_BLOCK_VALUES * sizeof(float));
    float *got = malloc(n_adv * Q4K_BLOCK_VALUES * sizeof(float));
    uint8_t *shifted = malloc(64 * Q4K_BLOCK_BYTES + 8);
    if (!adv || !want || !got || !shifted || !ref) {
        free(adv), free(want), free(got), free(shifted);
        return Q4K_ENOMEM;
    }
    int failed = 0;
    /* 1. The whole adversarial + random set in one call. */
    ref->fn(adv, want, n_adv);
    v->fn(adv, got, n_adv);
    failed |= compare(got, want, n_adv * Q4K_BLOCK_VALUES, "adversarial", 0, rep);

    /* 2. Every small size (tails of every unroll factor), unaligned input
     * and output, guard bytes checked. */
    static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 31, 33, 64};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0] && !failed; s++) {
        for (size_t shift = 0; shift < 4 && !failed; shift++) {
            const size_t n = sizes[s];
            const uint8_t *src_aligned = adv + (s * 97 % (n_adv - 64)) * Q4K_BLOCK_BYTES;
            memcpy(shifted + shift, src_aligned, n * Q4K_BLOCK_BYTES);
            char what[64];
            snprintf(what, sizeof what, "n=%zu, pointers offset by %zu bytes", n, shift);
            int st = run_guarded(v, shifted + shift, n, shift, got, rep, what);
            if (st < 0) {
                failed = st;
                break;
            }
            failed |= st;
            ref->fn(src_aligned, want, n);
            if (!failed)
                failed |= compare(got, want, n * Q4K_BLOCK_VALUES, what, 0, rep);
        }
    }
    free(adv), free(want), free(got), free(shifted);
    if (failed < 0)
        return failed;
    if (!failed && golden_dir) {
        q4k_verify_report g;
        int st = q4k_verify_merge(rep, &g, q4k_verify_golden(v, golden_dir, &g));
        if (st < 0)
            return st;
        failed |= st;
    }
    return failed ? 1 : 0;
}

int q4k_verify_merge(q4k_verify_report *rep, const q4k_verify_report *g, int st)
{
    rep->values += g->values;
    rep->mismatches += g->mismatches;
    if (st != 0 && !rep->first[0])
        memcpy(rep->first, g->first, sizeof rep->first);
    return st;
}

static const char *const golden_cases[] = {
    "gaussian", "uniform", "outliers", "zeros", "tiny", "large", "overflow",
    "structured", "randbytes", "special_dm", "scalebytes", "fp16mix",
};

int q4k_verify_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    int failed = 0;
    for (size_t c = 0; c < sizeof golden_cases / sizeof golden_cases[0]; c++) {
        char bin_path[1024], f32_path[1024], err[256];
        snprintf(bin_path, sizeof bin_path, "%s/q4k_%s.bin", dir, golden_cases[c]);
        snprintf(f32_path, sizeof f32_path, "%s/q4k_%s.f32", dir, golden_cases[c]);
        void *bin, *want;
        size_t bin_size, want_size;
        if (q4k_read_file(bin_path, &bin, &bin_size, err, sizeof err) != 0)
            continue; /* not every folder holds every case */
        if (q4k_read_file(f32_path, &want, &want_size, err, sizeof err) != 0) {
            free(bin);
            continue;
        }
        const size_t n = bin_size / Q4K_BLOCK_BYTES;
        float *got = NULL;
        if (bin_size % Q4K_BLOCK_BYTES || want_size != n * Q4K_BLOCK_VALUES * sizeof(float)) {
            snprintf(rep->first, sizeof rep->first, "golden %s: sizes of .bin and .f32 disagree",
                     golden_cases[c]);
            rep->mismatches++;
            failed = 1;
        } else if (!(got = malloc(want_size + 1))) {
            free(bin), free(want);
            return Q4K_ENOMEM;
        } else {
            char what[64];
            snprintf(what, sizeof what, "golden %s", golden_cases[c]);
            v->fn(bin, got, n);
            failed |= compare(got, want, n * Q4K_BLOCK_VALUES, what, 0, rep);
        }
        free(got), free(bin), free(want);
    }
    return failed;
}

const char *q4k_default_golden_dir(void)
{
    const char *env = getenv("Q4K_TESTDATA");
    if (env && *env)
        return env;
    struct stat st;
    if (stat(Q4K_SOURCE_DIR "/tests/data/q4k_gaussian.bin", &st) == 0)
        return Q4K_SOURCE_DIR "/tests/data";
    return NULL;
}
