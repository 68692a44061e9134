/* test_gguf.c - the GGUF reader on the real llama.cpp file and on small
 * valid files: the tensor table against tinyA-Q4_K_M.gguf.tensors.tsv
 * (names, types, shapes, offsets, sizes, sha256 of the raw bytes), every
 * Q4_K tensor dequantized bit-exactly as llama.cpp did (sha256 of the
 * output, and the two .f32 sidecars byte for byte), metadata, the plain
 * float types, Q6_K against an independent formulation, and open errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "gguf_builder.h"
#include "gguf_cases.h"
#include "q4k_gguf.h"
#include "sha256.h"
#include "testutil.h"

#define TINY "tinyA-Q4_K_M.gguf"

/* One line of the sidecar TSV. */
struct row {
    char name[64], type[16], shape[64], sha_raw[65], sha_deq[65];
    uint64_t rel, abs, nbytes;
};

static size_t read_rows(struct row *rows, size_t max)
{
    size_t len;
    char *text = tu_read_file(tu_data_path(TINY ".tensors.tsv"), &len);
    text = realloc(text, len + 1);
    assert_non_null(text);
    text[len] = '\0';
    size_t n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !strncmp(line, "name\t", 5))
            continue;
        assert_true(n < max);
        struct row *r = &rows[n];
        unsigned long long rel, abs, nb;
        int got = sscanf(line, "%63[^\t]\t%15[^\t]\t%63[^\t]\t%llu\t%llu\t%llu\t%64[^\t]\t%64s",
                         r->name, r->type, r->shape, &rel, &abs, &nb, r->sha_raw, r->sha_deq);
        assert_int_equal(got, 8);
        r->rel = rel;
        r->abs = abs;
        r->nbytes = nb;
        n++;
    }
    free(text);
    return n;
}

static q4k_gguf *open_tiny(void)
{
    q4k_gguf *g = NULL;
    char err[512] = "";
    int rc = q4k_gguf_open(tu_data_path(TINY), &g, err, sizeof err);
    if (rc)
        fail_msg("open %s: %d %s", TINY, rc, err);
    assert_non_null(g);
    return g;
}

static void tiny_header_facts(void **state)
{
    (void)state;
    q4k_gguf *g = open_tiny();
    assert_int_equal(q4k_gguf_version(g), 3);
    assert_int_equal(q4k_gguf_alignment(g), 32);
    assert_int_equal(q4k_gguf_data_offset(g), 14176);
    assert_int_equal(q4k_gguf_file_size(g), 2256736);
    assert_int_equal(q4k_gguf_tensor_count(g), 39);
    size_t q4 = 0, q6 = 0, f32 = 0;
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        q4 += t->type == Q4K_GGML_Q4_K;
        q6 += t->type == Q4K_GGML_Q6_K;
        f32 += t->type == Q4K_GGML_F32;
    }
    assert_int_equal(q4, 25);
    assert_int_equal(q6, 5);
    assert_int_equal(f32, 9);
    assert_null(q4k_gguf_tensor_at(g, 39));
    assert_null(q4k_gguf_find_tensor(g, "blk.4.attn_q.weight"));
    assert_null(q4k_gguf_find_tensor(g, ""));
    q4k_gguf_close(g);
}

static void tiny_table_matches_the_sidecar(void **state)
{
    (void)state;
    struct row rows[64];
    size_t n = read_rows(rows, 64);
    assert_int_equal(n, 39);
    q4k_gguf *g = open_tiny();
    for (size_t i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, r->name);
        if (!t)
            fail_msg("tensor %s not found", r->name);
        assert_ptr_equal(t, q4k_gguf_tensor_at(g, i)); /* the sidecar lists file order */
        assert_int_equal(t->index, i);
        assert_string_equal(t->name, r->name);
        assert_string_equal(t->type_name, r->type);
        char shape[64] = "";
        for (uint32_t d = 0; d < t->n_dims; d++)
            snprintf(shape + strlen(shape), sizeof shape - strlen(shape), "%s%llu", d ? "," : "",
                     (unsigned long long)t->ne[d]);
        assert_string_equal(shape, r->shape);
        assert_int_equal(t->rel_offset, r->rel);
        assert_int_equal(t->offset, r->abs);
        assert_int_equal(t->nbytes, r->nbytes);
        char hex[65];
        sha256_hex(t->data, (size_t)t->nbytes, hex);
        if (strcmp(hex, r->sha_raw))
            fail_msg("%s: sha256 of raw bytes %s, sidecar says %s", r->name, hex, r->sha_raw);
    }
    q4k_gguf_close(g);
}

/* The little-endian bytes of a float array (what llama.cpp hashed). */
static void sha256_floats(const float *v, size_t n, char hex[65])
{
    sha256_ctx c;
    uint8_t d[32];
    sha256_init(&c);
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        uint8_t le[4];
        memcpy(&bits, &v[i], 4);
        for (int k = 0; k < 4; k++)
            le[k] = (uint8_t)(bits >> (8 * k));
        sha256_update(&c, le, 4);
    }
    sha256_final(&c, d);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static void tiny_q4k_tensors_dequantize_like_llama_cpp(void **state)
{
    (void)state;
    struct row rows[64];
    size_t n = read_rows(rows, 64), checked = 0;
    q4k_gguf *g = open_tiny();
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].type, "q4_K"))
            continue;
        const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, rows[i].name);
        assert_non_null(t);
        float *out = malloc((size_t)t->n_elements * sizeof *out);
        assert_non_null(out);
        assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
        char hex[65];
        sha256_floats(out, (size_t)t->n_elements, hex);
        if (strcmp(hex, rows[i].sha_deq))
            fail_msg("%s: sha256 of dequantized floats %s, llama.cpp's %s", rows[i].name, hex,
                     rows[i].sha_deq);
        free(out);
        checked++;
    }
    assert_int_equal(checked, 25);
    q4k_gguf_close(g);
}

static void check_sidecar(q4k_gguf *g, const char *name)
{
    char file[256];
    snprintf(file, sizeof file, TINY ".%s.f32", name);
    size_t len;
    uint8_t *want = tu_read_file(tu_data_path(file), &len);
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, name);
    assert_non_null(t);
    assert_int_equal(len, t->n_elements * 4);
    float *out = malloc(len);
    assert_non_null(out);
    assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
    for (size_t i = 0; i < len / 4; i++) {
        uint32_t got, exp = (uint32_t)want[4 * i] | (uint32_t)want[4 * i + 1] << 8 |
                            (uint32_t)want[4 * i + 2] << 16 | (uint32_t)want[4 * i + 3] << 24;
        memcpy(&got, &out[i], 4);
        if (got != exp)
            fail_msg("%s: value %zu is 0x%08x, llama.cpp wrote 0x%08x", name, i, got, exp);
    }
    free(out);
    free(want);
}

static void tiny_sidecars_match_bit_for_bit(void **state)
{
    (void)state;
    q4k_gguf *g = open_tiny();
    check_sidecar(g, "blk.0.attn_q.weight");
    check_sidecar(g, "blk.1.ffn_down.weight");
    q4k_gguf_close(g);
}

static void tiny_q4k_blocks_api(void **state)
{
    (void)state;
    q4k_gguf *g = open_tiny();
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, "blk.1.ffn_down.weight");
    const void *blocks = NULL;
    size_t nb = 0;
    assert_int_equal(q4k_gguf_tensor_q4k_blocks(t, &blocks, &nb), Q4K_OK);
    assert_ptr_equal(blocks, t->data);
    assert_int_equal(nb, 768 * 256 / 256);
    assert_int_equal(nb * Q4K_BLOCK_BYTES, t->nbytes);
    assert_int_equal(q4k_gguf_tensor_q4k_blocks(q4k_gguf_find_tensor(g, "output.weight"), &blocks, &nb),
                     Q4K_ETYPE);
    assert_int_equal(q4k_gguf_tensor_q4k_blocks(NULL, &blocks, &nb), Q4K_EINVAL);
    assert_int_equal(q4k_gguf_tensor_dequantize(NULL, NULL), Q4K_EINVAL);
    q4k_gguf_close(g);
}

static void tiny_metadata(void **state)
{
    (void)state;
    q4k_gguf *g = open_tiny();
    assert_int_equal(q4k_gguf_kv_count(g), 21);
    const char *s = NULL;
    assert_int_equal(q4k_gguf_get_str(g, "general.architecture", &s), Q4K_OK);
    assert_string_equal(s, "llama");
    uint32_t u = 0;
    assert_int_equal(q4k_gguf_get_u32(g, "llama.embedding_length", &u), Q4K_OK);
    assert_int_equal(u, 256);
    assert_int_equal(q4k_gguf_get_u32(g, "llama.block_count", &u), Q4K_OK);
    assert_int_equal(u, 4);
    assert_int_equal(q4k_gguf_get_u32(g, "llama.feed_forward_length", &u), Q4K_OK);
    assert_int_equal(u, 768);
    assert_int_equal(q4k_gguf_get_u32(g, "no.such.key", &u), Q4K_ENOTFOUND);
    assert_int_equal(q4k_gguf_get_u32(g, "general.architecture", &u), Q4K_ETYPE);
    assert_int_equal(q4k_gguf_get_str(g, "llama.block_count", &s), Q4K_ETYPE);

    const q4k_gguf_kv *tok = q4k_gguf_find_kv(g, "tokenizer.ggml.tokens");
    assert_non_null(tok);
    assert_int_equal(tok->type, Q4K_GGUF_ARRAY);
    assert_int_equal(tok->elem_type, Q4K_GGUF_STRING);
    assert_int_equal(tok->count, 512);
    uint64_t len = 0;
    for (uint64_t i = 0; i < tok->count; i++) {
        assert_int_equal(q4k_gguf_kv_elem_str(tok, i, &s, &len), Q4K_OK);
        assert_int_equal(strlen(s), len); /* no embedded NUL in this vocabulary */
    }
    assert_int_equal(q4k_gguf_kv_elem_str(tok, 512, &s, &len), Q4K_EINVAL);
    uint64_t v;
    assert_int_equal(q4k_gguf_kv_elem_u64(tok, 0, &v), Q4K_ETYPE);
    /* every kv is reachable by its key and is the same record */
    for (size_t i = 0; i < q4k_gguf_kv_count(g); i++) {
        const q4k_gguf_kv *kv = q4k_gguf_kv_at(g, i);
        assert_ptr_equal(q4k_gguf_find_kv(g, kv->key), kv);
        assert_string_not_equal(q4k_gguf_vtype_name(kv->type), "?");
    }
    assert_null(q4k_gguf_kv_at(g, 21));
    q4k_gguf_close(g);
}

static void tiny_f32_tensors_copy_exactly(void **state)
{
    (void)state;
    q4k_gguf *g = open_tiny();
    size_t seen = 0;
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        if (t->type != Q4K_GGML_F32)
            continue;
        float out[256];
        assert_int_equal(t->n_elements, 256);
        assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
        assert_memory_equal(out, t->data, sizeof out); /* little-endian host */
        /* norms are 1 + N(0, 0.1^2) */
        for (int k = 0; k < 256; k++)
            assert_true(out[k] > 0.4f && out[k] < 1.6f);
        seen++;
    }
    assert_int_equal(seen, 9);
    q4k_gguf_close(g);
}

/* Q6_K value k of a block, formulated from the layout description
 * independently of the library's loop: which byte, nibble and bit pair. */
static float q6k_value(const uint8_t *b, int k)
{
    int half = k / 128, r = k % 128, quad = r / 32, l = r % 32;
    uint8_t lo_byte = b[64 * half + l + 32 * (quad & 1)];
    int lo = quad >= 2 ? lo_byte >> 4 : lo_byte & 15;
    int hi = (b[128 + 32 * half + l] >> (2 * quad)) & 3;
    int8_t scale = (int8_t)b[192 + 8 * half + 2 * quad + l / 16];
    uint16_t h = (uint16_t)(b[208] | b[209] << 8);
    float d = (h & 0x7c00) == 0 ? ldexpf((float)(h & 1023), -24)
                                : ldexpf((float)(1024 + (h & 1023)), ((h >> 10) & 31) - 25);
    if (h & 0x8000)
        d = -d;
    float ds = d * (float)scale; /* ggml's order: (d * scale) * q */
    return ds * (float)((lo | hi << 4) - 32);
}

static void q6k_matches_an_independent_formulation(void **state)
{
    (void)state;
    enum { NB = 64 };
    static uint8_t blocks[NB * 210];
    tu_random_bytes(blocks, sizeof blocks, 606);
    for (int i = 0; i < NB; i++) { /* finite d, some subnormal */
        blocks[210 * i + 209] &= (i % 4 == 0) ? 0x83 : 0xBB;
    }
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 1, 0);
    gb_tensor_info(&b, "q6", 2, (const uint64_t[]){256, NB}, Q4K_GGML_Q6_K, 0);
    gb_pad(&b, 32);
    gb_bytes(&b, blocks, sizeof blocks);
    q4k_gguf *g;
    assert_int_equal(q4k_gguf_open_memory(b.data, b.len, &g, NULL, 0), Q4K_OK);
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, "q6");
    static float out[NB * 256];
    assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
    for (int i = 0; i < NB; i++)
        for (int k = 0; k < 256; k++) {
            float want = q6k_value(blocks + 210 * i, k);
            if (!tu_same(out[256 * i + k], want))
                fail_msg("q6_K block %d value %d: %a, want %a", i, k, (double)out[256 * i + k],
                         (double)want);
        }
    q4k_gguf_close(g);
    gb_free(&b);
}

static void tiny_q6k_tensors_look_like_their_source(void **state)
{
    (void)state;
    /* no llama.cpp hash exists for Q6_K output; the weights were N(0, 0.02^2) */
    q4k_gguf *g = open_tiny();
    size_t seen = 0;
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        if (t->type != Q4K_GGML_Q6_K)
            continue;
        float *out = malloc((size_t)t->n_elements * sizeof *out);
        assert_non_null(out);
        assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
        double sum = 0, sq = 0;
        for (uint64_t k = 0; k < t->n_elements; k++) {
            sum += out[k];
            sq += (double)out[k] * out[k];
        }
        double mean = sum / (double)t->n_elements, sd = sqrt(sq / (double)t->n_elements - mean * mean);
        if (fabs(mean) > 0.002 || sd < 0.019 || sd > 0.021)
            fail_msg("%s: mean %g sd %g, expected about 0 and 0.02", t->name, mean, sd);
        free(out);
        seen++;
    }
    assert_int_equal(seen, 5);
    q4k_gguf_close(g);
}

static void f16_and_bf16_convert_exactly(void **state)
{
    (void)state;
    static const uint16_t h[8] = {0x3C00, 0xC000, 0x0001, 0x8000, 0x7C00, 0x7BFF, 0x03FF, 0x3555};
    static const float hf[8] = {1.0f, -2.0f, 0x1p-24f, -0.0f, INFINITY, 65504.0f, 0x3FFp-24f, 0x1.554p-2f};
    static const uint16_t bf[4] = {0x3F80, 0xC040, 0x0001, 0xFF80};
    static const float bff[4] = {1.0f, -3.0f, 0x1p-133f, -INFINITY};
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 2, 0);
    gb_tensor_info(&b, "h", 1, (const uint64_t[]){8}, Q4K_GGML_F16, 0);
    gb_tensor_info(&b, "bf", 2, (const uint64_t[]){2, 2}, Q4K_GGML_BF16, 32);
    gb_pad(&b, 32);
    for (int i = 0; i < 8; i++)
        gb_u16(&b, h[i]);
    gb_pad(&b, 32);
    for (int i = 0; i < 4; i++)
        gb_u16(&b, bf[i]);
    q4k_gguf *g;
    char err[256];
    int rc = q4k_gguf_open_memory(b.data, b.len, &g, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    float out[8];
    assert_int_equal(q4k_gguf_tensor_dequantize(q4k_gguf_find_tensor(g, "h"), out), Q4K_OK);
    for (int i = 0; i < 8; i++)
        assert_true(tu_same(out[i], hf[i]) && signbit(out[i]) == signbit(hf[i]));
    assert_int_equal(q4k_gguf_tensor_dequantize(q4k_gguf_find_tensor(g, "bf"), out), Q4K_OK);
    for (int i = 0; i < 4; i++)
        assert_true(tu_same(out[i], bff[i]));
    q4k_gguf_close(g);
    gb_free(&b);
}

static void valid_cases_open_and_read_back(void **state)
{
    (void)state;
    for (size_t i = 0; i < gguf_case_count; i++) {
        const gguf_case *c = &gguf_cases[i];
        if (c->status != Q4K_OK)
            continue;
        gguf_builder b;
        gb_init(&b);
        c->build(&b);
        q4k_gguf *g = NULL;
        char err[256] = "";
        int rc = q4k_gguf_open_memory(b.data, b.len, &g, err, sizeof err);
        if (rc)
            fail_msg("%s: %d %s", c->name, rc, err);
        for (size_t k = 0; k < q4k_gguf_tensor_count(g); k++) {
            const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, k);
            assert_true(t->offset % q4k_gguf_alignment(g) == 0);
            assert_true(t->offset + t->nbytes <= b.len);
            if (!q4k_gguf_type_can_dequantize(t->type)) {
                float dummy;
                assert_int_equal(q4k_gguf_tensor_dequantize(t, &dummy), Q4K_ETYPE);
                continue;
            }
            float *out = malloc((size_t)t->n_elements * sizeof *out);
            assert_int_equal(q4k_gguf_tensor_dequantize(t, out), Q4K_OK);
            free(out);
        }
        if (!strcmp(c->name, "valid_v2"))
            assert_int_equal(q4k_gguf_version(g), 2);
        if (!strcmp(c->name, "valid_align64")) {
            assert_int_equal(q4k_gguf_alignment(g), 64);
            assert_int_equal(q4k_gguf_find_tensor(g, "b")->offset % 64, 0);
        }
        if (!strcmp(c->name, "valid_no_tensors"))
            assert_int_equal(q4k_gguf_tensor_count(g), 0);
        if (!strcmp(c->name, "valid_arrays")) {
            const q4k_gguf_kv *kv = q4k_gguf_find_kv(g, "scores");
            double f;
            assert_int_equal(q4k_gguf_kv_elem_f64(kv, 1, &f), Q4K_OK);
            assert_true(f == -2.0);
            const char *s;
            uint64_t len = 99;
            assert_int_equal(q4k_gguf_kv_elem_str(q4k_gguf_find_kv(g, "tokens"), 1, &s, &len), Q4K_OK);
            assert_int_equal(len, 0);
            assert_string_equal(s, "");
            assert_int_equal(q4k_gguf_find_kv(g, "empty")->count, 0);
        }
        q4k_gguf_close(g);
        gb_free(&b);
    }
}

static void integer_getters_convert_only_what_fits(void **state)
{
    (void)state;
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 0, 4);
    gb_str(&b, "neg");
    gb_u32(&b, Q4K_GGUF_I32);
    gb_u32(&b, (uint32_t)-5);
    gb_str(&b, "big");
    gb_u32(&b, Q4K_GGUF_U64);
    gb_u64(&b, 1ull << 40);
    gb_str(&b, "flag");
    gb_u32(&b, Q4K_GGUF_BOOL);
    gb_u8(&b, 1);
    gb_str(&b, "pi");
    gb_u32(&b, Q4K_GGUF_F32);
    gb_f32(&b, 3.25f);
    q4k_gguf *g;
    assert_int_equal(q4k_gguf_open_memory(b.data, b.len, &g, NULL, 0), Q4K_OK);
    uint32_t u32;
    uint64_t u64;
    int64_t i64;
    int flag;
    double f;
    assert_int_equal(q4k_gguf_get_u32(g, "neg", &u32), Q4K_ETYPE);
    assert_int_equal(q4k_gguf_get_i64(g, "neg", &i64), Q4K_OK);
    assert_int_equal(i64, -5);
    assert_int_equal(q4k_gguf_get_u32(g, "big", &u32), Q4K_ETYPE);
    assert_int_equal(q4k_gguf_get_u64(g, "big", &u64), Q4K_OK);
    assert_int_equal(u64, 1ull << 40);
    assert_int_equal(q4k_gguf_get_bool(g, "flag", &flag), Q4K_OK);
    assert_int_equal(flag, 1);
    assert_int_equal(q4k_gguf_get_f64(g, "pi", &f), Q4K_OK);
    assert_true(f == 3.25);
    assert_int_equal(q4k_gguf_get_f64(g, "big", &f), Q4K_ETYPE);
    assert_int_equal(q4k_gguf_get_u64(NULL, "big", &u64), Q4K_EINVAL);
    q4k_gguf_close(g);
    gb_free(&b);
}

static void mapped_and_memory_handles_agree(void **state)
{
    (void)state;
    size_t len;
    uint8_t *bytes = tu_read_file(tu_data_path(TINY), &len);
    q4k_gguf *m, *f = open_tiny();
    assert_int_equal(q4k_gguf_open_memory(bytes, len, &m, NULL, 0), Q4K_OK);
    assert_int_equal(q4k_gguf_tensor_count(m), q4k_gguf_tensor_count(f));
    for (size_t i = 0; i < q4k_gguf_tensor_count(m); i++) {
        const q4k_gguf_tensor *a = q4k_gguf_tensor_at(m, i), *c = q4k_gguf_tensor_at(f, i);
        assert_string_equal(a->name, c->name);
        assert_int_equal(a->offset, c->offset);
        assert_ptr_equal(a->data, bytes + a->offset);
        assert_memory_equal(a->data, c->data, (size_t)a->nbytes);
    }
    q4k_gguf_close(m);
    q4k_gguf_close(f);
    free(bytes);
}

/* q4k_gguf_load reads the file into memory it owns: the same table and
 * bytes as the mapped handle, at other addresses, and alive until close. */
static void loaded_and_mapped_handles_agree(void **state)
{
    (void)state;
    q4k_gguf *l = NULL, *f = open_tiny();
    char err[512] = "";
    assert_int_equal(q4k_gguf_load(tu_data_path(TINY), &l, err, sizeof err), Q4K_OK);
    assert_int_equal(q4k_gguf_file_size(l), q4k_gguf_file_size(f));
    assert_int_equal(q4k_gguf_tensor_count(l), q4k_gguf_tensor_count(f));
    for (size_t i = 0; i < q4k_gguf_tensor_count(l); i++) {
        const q4k_gguf_tensor *a = q4k_gguf_tensor_at(l, i), *c = q4k_gguf_tensor_at(f, i);
        assert_string_equal(a->name, c->name);
        assert_int_equal(a->offset, c->offset);
        assert_true(a->data != c->data);
        assert_memory_equal(a->data, c->data, (size_t)a->nbytes);
    }
    q4k_gguf_close(f); /* the loaded copy does not depend on the mapping */
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(l, "output_norm.weight");
    assert_non_null(t);
    assert_int_equal(q4k_gguf_type_can_dequantize(t->type), 1);
    q4k_gguf_close(l);

    q4k_gguf *g = (q4k_gguf *)1;
    assert_int_equal(q4k_gguf_load("/nonexistent/x.gguf", &g, err, sizeof err), Q4K_EIO);
    assert_null(g);
    assert_non_null(strstr(err, "/nonexistent/x.gguf"));
    assert_int_equal(q4k_gguf_load("/", &g, err, sizeof err), Q4K_EIO);
    assert_non_null(strstr(err, "not a regular file"));
    assert_int_equal(q4k_gguf_load(NULL, &g, err, sizeof err), Q4K_EINVAL);
    assert_non_null(strstr(err, "q4k_gguf_load"));
}

static void open_errors_are_clear(void **state)
{
    (void)state;
    q4k_gguf *g = (q4k_gguf *)1;
    char err[512];
    assert_int_equal(q4k_gguf_open("/nonexistent/x.gguf", &g, err, sizeof err), Q4K_EIO);
    assert_null(g);
    assert_non_null(strstr(err, "/nonexistent/x.gguf"));
    assert_int_equal(q4k_gguf_open("/", &g, err, sizeof err), Q4K_EIO);
    assert_non_null(strstr(err, "not a regular file"));
    assert_int_equal(q4k_gguf_open(NULL, &g, err, sizeof err), Q4K_EINVAL);
    assert_int_equal(q4k_gguf_open_memory(NULL, 5, &g, err, sizeof err), Q4K_EINVAL);
    assert_int_equal(q4k_gguf_open_memory("GGUF", 4, NULL, err, sizeof err), Q4K_EINVAL);

    /* an empty file on disk: the parser, not mmap, says what is wrong */
    char path[] = "/tmp/q4k_gguf_empty_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(q4k_gguf_open(path, &g, err, sizeof err), Q4K_EFORMAT);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "too short"));
    unlink(path);

    /* tiny or absent error buffers are fine */
    char small[8];
    assert_int_equal(q4k_gguf_open_memory("GGML....", 8, &g, small, sizeof small), Q4K_EFORMAT);
    assert_int_equal(strlen(small), 7);
    assert_int_equal(q4k_gguf_open_memory("GGML....", 8, &g, NULL, 0), Q4K_EFORMAT);
    q4k_gguf_close(NULL);
}

static void type_tables(void **state)
{
    (void)state;
    uint32_t bv, bb;
    assert_int_equal(q4k_gguf_type_layout(Q4K_GGML_Q4_K, &bv, &bb), Q4K_OK);
    assert_int_equal(bv, 256);
    assert_int_equal(bb, 144);
    assert_int_equal(q4k_gguf_type_layout(Q4K_GGML_Q6_K, &bv, &bb), Q4K_OK);
    assert_int_equal(bb, 210);
    assert_int_equal(q4k_gguf_type_layout(4, &bv, &bb), Q4K_ETYPE);
    assert_int_equal(bv, 0);
    assert_string_equal(q4k_gguf_type_name(Q4K_GGML_Q4_K), "q4_K");
    assert_string_equal(q4k_gguf_type_name(Q4K_GGML_BF16), "bf16");
    assert_null(q4k_gguf_type_name(40));
    assert_null(q4k_gguf_type_name(UINT32_MAX));
    assert_string_equal(q4k_gguf_vtype_name(Q4K_GGUF_STRING), "string");
    assert_string_equal(q4k_gguf_vtype_name(13), "?");
    assert_true(q4k_gguf_type_can_dequantize(Q4K_GGML_Q4_K));
    assert_false(q4k_gguf_type_can_dequantize(Q4K_GGML_Q5_K));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiny_header_facts),
        cmocka_unit_test(tiny_table_matches_the_sidecar),
        cmocka_unit_test(tiny_q4k_tensors_dequantize_like_llama_cpp),
        cmocka_unit_test(tiny_sidecars_match_bit_for_bit),
        cmocka_unit_test(tiny_q4k_blocks_api),
        cmocka_unit_test(tiny_metadata),
        cmocka_unit_test(tiny_f32_tensors_copy_exactly),
        cmocka_unit_test(q6k_matches_an_independent_formulation),
        cmocka_unit_test(tiny_q6k_tensors_look_like_their_source),
        cmocka_unit_test(f16_and_bf16_convert_exactly),
        cmocka_unit_test(valid_cases_open_and_read_back),
        cmocka_unit_test(integer_getters_convert_only_what_fits),
        cmocka_unit_test(mapped_and_memory_handles_agree),
        cmocka_unit_test(loaded_and_mapped_handles_agree),
        cmocka_unit_test(open_errors_are_clear),
        cmocka_unit_test(type_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
