/* testutil.c - test helpers and the independent reference decoder. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

const char *tu_data_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("Q4K_TESTDATA");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    return path;
}

void *tu_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "test data missing: %s (is Q4K_TESTDATA set?)\n", path);
        abort();
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "cannot read %s\n", path);
        abort();
    }
    fclose(f);
    *size = (size_t)len;
    return buf;
}

void tu_random_bytes(void *p, size_t n, uint64_t seed)
{
    uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        b[i] = (uint8_t)((z ^ (z >> 31)) >> 24);
    }
}

/* binary16 by its definition: (-1)^s * 2^(e-15) * 1.f, or 2^-14 * 0.f. */
static float half_to_float(unsigned h)
{
    const unsigned s = h >> 15, e = (h >> 10) & 31, f = h & 1023;
    float mag;
    if (e == 31)
        mag = f ? NAN : INFINITY;
    else if (e == 0)
        mag = ldexpf((float)f, -24);
    else
        mag = ldexpf((float)(1024 + f), (int)e - 25);
    return s ? -mag : mag;
}

/* The 6-bit field k (0..15) of the 12 packed scale bytes: fields 0-7 are
 * the scales, 8-15 the mins (README of the test data, "Unpacking"). */
static unsigned six_bits(const uint8_t *s, unsigned k)
{
    const unsigned j = k & 7, is_min = k >> 3;
    if (j < 4)
        return s[j + 4 * is_min] % 64;
    const unsigned low4 = is_min ? s[j + 4] / 16 : s[j + 4] % 16;
    const unsigned top2 = s[j - 4 + 4 * is_min] / 64;
    return low4 + 16 * top2;
}

void tu_reference_block(const uint8_t *b, float out[256])
{
    const float d = half_to_float(b[0] | (unsigned)b[1] << 8);
    const float dmin = half_to_float(b[2] | (unsigned)b[3] << 8);
    for (unsigned i = 0; i < 256; i++) {
        const unsigned group = i / 64, high = (i / 32) % 2, sub = 2 * group + high;
        const uint8_t byte = b[16 + 32 * group + i % 32];
        const unsigned q = high ? byte >> 4 : byte & 15;
        const float scale = d * (float)six_bits(b + 4, sub);
        const float min = dmin * (float)six_bits(b + 4, 8 + sub);
        volatile float product = scale * (float)q; /* exact; no contraction needed */
        out[i] = product - min;
    }
}

int tu_same(float a, float b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    uint32_t x, y;
    memcpy(&x, &a, 4);
    memcpy(&y, &b, 4);
    return x == y;
}

long tu_first_mismatch(const float *got, const float *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float g, w;
        memcpy(&g, (const char *)got + 4 * i, 4); /* got may be unaligned */
        memcpy(&w, (const char *)want + 4 * i, 4);
        if (!tu_same(g, w))
            return (long)i;
    }
    return -1;
}
