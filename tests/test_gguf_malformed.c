/* test_gguf_malformed.c - the GGUF reader on broken input: every case of
 * tests/support/gguf_cases.c gives its status and a clear message; the
 * real file cut at every byte of its header and tensor table (and at
 * points in the data) is refused cleanly; single-byte corruptions of the
 * header are refused or accepted, never crash. Every input sits in a heap
 * block of exactly its size, so ASan sees any read past the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gguf_builder.h"
#include "gguf_cases.h"
#include "q4k_gguf.h"
#include "testutil.h"

enum { TINY_DATA_START = 14176 };

/* Open a copy of n bytes that fills its heap block exactly. */
static int open_exact(const uint8_t *bytes, size_t n, q4k_gguf **g, char *err, size_t errlen)
{
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n)
        memcpy(copy, bytes, n);
    int rc = q4k_gguf_open_memory(copy, n, g, err, errlen);
    if (rc == Q4K_OK) {
        /* walk what the reader hands out while the bytes are still there */
        for (size_t i = 0; i < q4k_gguf_tensor_count(*g); i++) {
            const q4k_gguf_tensor *t = q4k_gguf_tensor_at(*g, i);
            const uint8_t *p = t->data;
            assert_true(t->offset + t->nbytes <= n);
            assert_true(p[0] == copy[t->offset] && p[t->nbytes - 1] == copy[t->offset + t->nbytes - 1]);
        }
        q4k_gguf_close(*g);
        *g = NULL;
    }
    free(copy);
    return rc;
}

static void every_case_gives_its_status_and_message(void **state)
{
    (void)state;
    size_t bad = 0;
    for (size_t i = 0; i < gguf_case_count; i++) {
        const gguf_case *c = &gguf_cases[i];
        gguf_builder b;
        gb_init(&b);
        c->build(&b);
        assert_false(b.oom);
        q4k_gguf *g = (q4k_gguf *)&b; /* must be reset to NULL on failure */
        char err[512] = "";
        int rc = open_exact(b.data, b.len, &g, err, sizeof err);
        assert_null(g);
        if (rc != c->status || (c->message && !strstr(err, c->message))) {
            print_error("case %s: status %d (want %d), message \"%s\" (want \"%s\")\n", c->name, rc,
                        c->status, err, c->message ? c->message : "");
            bad++;
        }
        if (c->status != Q4K_OK)
            bad += err[0] == '\0'; /* every failure explains itself */
        gb_free(&b);
    }
    assert_int_equal(bad, 0);
    assert_true(gguf_case_count >= 60);
}

static void every_prefix_of_the_real_header_is_refused(void **state)
{
    (void)state;
    size_t len;
    uint8_t *file = tu_read_file(tu_data_path("tinyA-Q4_K_M.gguf"), &len);
    assert_true(len > TINY_DATA_START);
    size_t refused = 0;
    for (size_t n = 0; n <= TINY_DATA_START + 512; n++) {
        q4k_gguf *g = NULL;
        char err[512] = "";
        int rc = open_exact(file, n, &g, err, sizeof err);
        if (rc != Q4K_EFORMAT || err[0] == '\0')
            fail_msg("prefix of %zu bytes: status %d, message \"%s\"", n, rc, err);
        refused++;
    }
    /* and some cuts in the data: the last tensor always ends past the cut */
    const size_t cuts[] = {TINY_DATA_START + 107519, TINY_DATA_START + 107520, 1000000, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        q4k_gguf *g = NULL;
        char err[512] = "";
        assert_int_equal(open_exact(file, cuts[i], &g, err, sizeof err), Q4K_EFORMAT);
        assert_non_null(strstr(err, "go past the end of the file"));
    }
    q4k_gguf *g = NULL;
    assert_int_equal(open_exact(file, len, &g, NULL, 0), Q4K_OK);
    assert_int_equal(refused, TINY_DATA_START + 513);
    free(file);
}

/* Every byte of the header and tensor table set to 0x00 and to 0xFF in
 * turn: the reader must refuse with a message or accept a file whose
 * tensors all lie inside it (checked in open_exact), never crash. */
static void single_byte_corruptions_never_crash(void **state)
{
    (void)state;
    size_t len;
    uint8_t *file = tu_read_file(tu_data_path("tinyA-Q4_K_M.gguf"), &len);
    /* the header alone (plus a little data) keeps each open cheap */
    size_t n = TINY_DATA_START + 4096;
    size_t accepted = 0, refused = 0;
    static const uint8_t values[] = {0x00, 0xFF, 0x80};
    for (size_t off = 0; off < TINY_DATA_START; off++) {
        for (size_t v = 0; v < sizeof values; v++) {
            uint8_t saved = file[off];
            if (saved == values[v])
                continue;
            file[off] = values[v];
            q4k_gguf *g = NULL;
            char err[512] = "";
            int rc = open_exact(file, n, &g, err, sizeof err);
            file[off] = saved;
            if (rc == Q4K_OK) {
                accepted++;
            } else {
                if (rc >= 0 || err[0] == '\0')
                    fail_msg("byte %zu = 0x%02x: status %d without a message", off, values[v], rc);
                refused++;
            }
        }
    }
    /* the cut file is refused as it is: a corruption can only make it
     * acceptable by shrinking the tensors that reach past the cut */
    assert_true(refused > 30000);
    print_message("single-byte corruptions: %zu refused, %zu accepted\n", refused, accepted);
    free(file);
}

static void huge_counts_do_not_allocate(void **state)
{
    (void)state;
    /* A header claiming 2^40 tensors and 2^40 key-values in a 1 MiB file:
     * refused from the byte count alone, before any allocation. */
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 1ull << 40, 0);
    for (int i = 0; i < 1 << 14; i++)
        gb_u64(&b, 0);
    q4k_gguf *g;
    char err[256];
    assert_int_equal(open_exact(b.data, b.len, &g, err, sizeof err), Q4K_EFORMAT);
    assert_non_null(strstr(err, "tensor count 1099511627776 is more than"));
    gb_patch_u64(&b, 8, 0);
    gb_patch_u64(&b, 16, 1ull << 40);
    assert_int_equal(open_exact(b.data, b.len, &g, err, sizeof err), Q4K_EFORMAT);
    assert_non_null(strstr(err, "key-value count 1099511627776 is more than"));
    gb_free(&b);
}

static void many_strings_in_an_array_are_fine(void **state)
{
    (void)state;
    /* 100000 empty strings: the smallest elements, the largest count the
     * bytes allow; all must be readable. */
    enum { N = 100000 };
    gguf_builder b;
    gb_init(&b);
    gb_header(&b, 3, 0, 1);
    gb_str(&b, "tokens");
    gb_u32(&b, Q4K_GGUF_ARRAY);
    gb_u32(&b, Q4K_GGUF_STRING);
    gb_u64(&b, N);
    for (int i = 0; i < N - 1; i++)
        gb_u64(&b, 0);
    gb_str(&b, "x");
    q4k_gguf *g;
    assert_int_equal(q4k_gguf_open_memory(b.data, b.len, &g, NULL, 0), Q4K_OK);
    const q4k_gguf_kv *kv = q4k_gguf_find_kv(g, "tokens");
    assert_int_equal(kv->count, N);
    const char *s;
    uint64_t len;
    assert_int_equal(q4k_gguf_kv_elem_str(kv, N - 1, &s, &len), Q4K_OK);
    assert_int_equal(len, 1);
    assert_string_equal(s, "x");
    q4k_gguf_close(g);
    /* the last string's byte missing: refused */
    b.len -= 1;
    char err[256];
    assert_int_equal(open_exact(b.data, b.len, &g, err, sizeof err), Q4K_EFORMAT);
    assert_non_null(strstr(err, "string 99999 of the array at offset 800046 has length 1 but only 0 bytes"));
    gb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_gives_its_status_and_message),
        cmocka_unit_test(every_prefix_of_the_real_header_is_refused),
        cmocka_unit_test(single_byte_corruptions_never_crash),
        cmocka_unit_test(huge_counts_do_not_allocate),
        cmocka_unit_test(many_strings_in_an_array_are_fine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
