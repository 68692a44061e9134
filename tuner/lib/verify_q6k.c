/* verify_q6k.c - verification of Q6_K dequantization (dequant_q6k): every
 * variant against q4k_dequant_q6k__scalar, bit for bit (NaN by class), and
 * the baseline against llama.cpp's golden files (what each checks:
 * verify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "fileio.h"
#include "q4k_format.h"
#include "verify.h"

#define Q6K Q4K_Q6K_BLOCK_BYTES

enum { GUARD = 64, VALUES = Q4K_Q6K_BLOCK_VALUES };

/* fp16 values for d: zeros of both signs, subnormals, the smallest normal,
 * ordinary values, the largest finite, infinities, quiet, signalling and
 * payload NaNs. */
static const uint16_t special_fp16[] = {
    0x0000, 0x8000, 0x0001, 0x8001, 0x0200, 0x03ff, 0x83ff, 0x0400, 0x1400, 0x2e66, 0x3555,
    0x3c00, 0xbc00, 0xd640, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0xfe00, 0x7c01, 0x7fff,
};
enum { N_SPECIAL = sizeof special_fp16 / sizeof special_fp16[0] };

static void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(q4k_splitmix64(&seed) >> 56);
}

/* The adversarial set: each special d (with random quants and scales),
 * every byte value in each of the 16 scale bytes (d = 1: the products are
 * small integers, any slip shows), quants all 0 and all 63 at the largest
 * finite d and scale -128 (the extremes of the product), all-zero and
 * all-one blocks, then random bytes (inf and NaN d included). */
static uint8_t *make_adversarial(size_t *n_blocks)
{
    const size_t n_special = 2 * N_SPECIAL, n_scale = 16 * 256, n_rand = 509;
    const size_t n = n_special + n_scale + 4 + n_rand;
    uint8_t *x = malloc(n * Q6K);
    if (!x)
        return NULL;
    fill_random(x, n * Q6K, 0x6b6);
    for (size_t i = 0; i < n_special; i++) {
        uint8_t *b = x + i * Q6K;
        const uint16_t d = special_fp16[i % N_SPECIAL];
        if (i >= N_SPECIAL) /* the second round with a zero scale and a zero quant somewhere */
            b[Q6K_OFF_SCALES + i % 16] = 0, b[Q6K_OFF_QL + i % 128] = 0, b[Q6K_OFF_QH + i % 64] = 0;
        b[Q6K_OFF_D] = (uint8_t)d, b[Q6K_OFF_D + 1] = (uint8_t)(d >> 8);
    }
    for (size_t i = 0; i < n_scale; i++) {
        uint8_t *b = x + (n_special + i) * Q6K;
        b[Q6K_OFF_D] = 0x00, b[Q6K_OFF_D + 1] = 0x3c; /* d = 1 */
        b[Q6K_OFF_SCALES + i / 256] = (uint8_t)(i % 256);
    }
    uint8_t *e = x + (n_special + n_scale) * Q6K;
    for (int k = 0; k < 2; k++, e += Q6K) { /* q = -32 everywhere, then q = 31 */
        memset(e, k ? 0xff : 0x00, Q6K_OFF_SCALES);
        memset(e + Q6K_OFF_SCALES, 0x80, 16);
        e[Q6K_OFF_D] = 0xff, e[Q6K_OFF_D + 1] = 0x7b; /* 65504 */
    }
    memset(e, 0x00, Q6K);
    memset(e + Q6K, 0xff, Q6K);
    *n_blocks = n;
    return x;
}

static int compare(const float *got, const float *want, size_t n, const char *what, q4k_verify_report *rep)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t g = q4k_float_to_bits(got[i]), w = q4k_float_to_bits(want[i]);
        if (!q4k_same_value(g, w)) {
            if (!bad && !rep->mismatches)
                snprintf(rep->first, sizeof rep->first, "%s: value %zu (block %zu): got 0x%08x, want 0x%08x", what, i,
                         i / VALUES, (unsigned)g, (unsigned)w);
            bad++;
        }
    }
    rep->values += n;
    rep->mismatches += bad;
    return bad != 0;
}

/* v on n blocks at src, the output `shift` bytes past a float's alignment
 * in a guarded buffer; copies the result to `result`. 1 when it wrote
 * outside its output. */
static int run_guarded(const q4k_variant *v, const uint8_t *src, size_t n, size_t shift, float *result,
                       q4k_verify_report *rep, const char *what)
{
    const size_t bytes = n * VALUES * sizeof(float), total = GUARD + shift + bytes + GUARD;
    uint8_t *buf = malloc(total);
    if (!buf)
        return Q4K_ENOMEM;
    memset(buf, 0xa5, total);
    float *out = (float *)(void *)(buf + GUARD + shift);
    v->fn(src, out, n);
    memcpy(result, out, bytes);
    int broke = 0;
    for (size_t i = 0; i < total && !broke; i++)
        if ((i < GUARD + shift || i >= GUARD + shift + bytes) && buf[i] != 0xa5) {
            if (!rep->mismatches)
                snprintf(rep->first, sizeof rep->first, "%s: wrote outside the output (byte %td)", what,
                         (ptrdiff_t)i - (ptrdiff_t)(GUARD + shift));
            rep->mismatches++;
            broke = 1;
        }
    free(buf);
    return broke;
}

int q4k_verify_dequant_q6k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    const q4k_variant *ref = q4k_variant_find("q4k_dequant_q6k__scalar");
    if (!ref || !v || v->op != Q4K_OP_DEQUANT_Q6K || !v->fn)
        return Q4K_EINVAL;
    size_t n_adv = 0;
    uint8_t *adv = make_adversarial(&n_adv);
    float *want = malloc(n_adv * VALUES * sizeof(float)), *got = malloc(n_adv * VALUES * sizeof(float));
    uint8_t *shifted = malloc(64 * Q6K + 8);
    if (!adv || !want || !got || !shifted) {
        free(adv), free(want), free(got), free(shifted);
        return Q4K_ENOMEM;
    }
    /* 1. the whole adversarial and random set in one call */
    ref->fn(adv, want, n_adv);
    v->fn(adv, got, n_adv);
    int failed = compare(got, want, n_adv * VALUES, "adversarial", rep);
    /* 2. every small size (the tails of every unroll), input and output at
     * every byte misalignment, guard bytes checked */
    static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 31, 33, 64};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0] && !failed; s++)
        for (size_t shift = 0; shift < 4 && !failed; shift++) {
            const size_t n = sizes[s];
            const uint8_t *src = adv + (s * 97 % (n_adv - 64)) * Q6K;
            memcpy(shifted + shift, src, n * Q6K);
            char what[64];
            snprintf(what, sizeof what, "n=%zu, pointers offset by %zu bytes", n, shift);
            int st = run_guarded(v, shifted + shift, n, shift, got, rep, what);
            if (st < 0) {
                failed = st;
                break;
            }
            failed |= st;
            if (!failed) {
                ref->fn(src, want, n);
                failed |= compare(got, want, n * VALUES, what, rep);
            }
        }
    free(adv), free(want), free(got), free(shifted);
    if (failed < 0)
        return failed;
    if (!failed && golden_dir) {
        q4k_verify_report g;
        int st = q4k_verify_merge(rep, &g, q4k_verify_dequant_q6k_golden(v, golden_dir, &g));
        if (st < 0)
            return st;
        failed |= st;
    }
    return failed ? 1 : 0;
}

static const char *const golden_cases[] = {"gaussian", "outliers", "randbytes", "special_d"};

int q4k_verify_dequant_q6k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (!v || v->op != Q4K_OP_DEQUANT_Q6K || !v->fn)
        return Q4K_EINVAL;
    int failed = 0;
    for (size_t c = 0; c < sizeof golden_cases / sizeof golden_cases[0] && failed >= 0; c++) {
        char path[1024], err[256];
        void *bin = NULL, *want = NULL;
        size_t nb = 0, nw = 0;
        snprintf(path, sizeof path, "%s/q6k_%s.bin", dir, golden_cases[c]);
        int have = q4k_read_file(path, &bin, &nb, err, sizeof err) == 0;
        snprintf(path, sizeof path, "%s/q6k_%s.f32", dir, golden_cases[c]);
        have = have && q4k_read_file(path, &want, &nw, err, sizeof err) == 0;
        const size_t n = nb / Q6K;
        float *got = NULL;
        if (!have) {
            /* not every folder holds every case */
        } else if (nb % Q6K || nw != n * VALUES * sizeof(float)) {
            snprintf(rep->first, sizeof rep->first, "golden q6k_%s: sizes of .bin and .f32 disagree", golden_cases[c]);
            rep->mismatches++;
            failed = 1;
        } else if (!(got = malloc(nw + 1))) {
            failed = -1;
        } else {
            char what[64];
            snprintf(what, sizeof what, "golden q6k_%s", golden_cases[c]);
            v->fn(bin, got, n);
            failed |= compare(got, want, n * VALUES, what, rep);
        }
        free(got), free(bin), free(want);
    }
    return failed < 0 ? Q4K_ENOMEM : failed;
}
