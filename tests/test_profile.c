/* test_profile.c - run-time profiles: a good one installs and the
 * dispatcher provably runs its winners per bucket; every kind of bad one
 * (wrong version, other architecture, unknown variant, missing CPU feature,
 * truncated, garbage, empty, missing file) is refused with a clear message
 * and the table in force stays exactly as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "profile_parse.h"
#include "q4k.h"
#include "q4k_dispatch.h"

/* ---- fixtures ----------------------------------------------------------- */

/* Three distinct usable variants, so each bucket's choice is recognisable
 * (on a scalar-only build they are all the scalar baseline). */
static const char *pick[3];

static void choose_variants(void)
{
    /* The usable dequant variants; the registry lists the scalar baseline first. */
    const q4k_variant *dq[3] = {NULL, NULL, NULL};
    size_t n = 0;
    for (size_t i = 0; i < q4k_variant_count() && n < 3; i++)
        if (q4k_variant_at(i)->op == Q4K_OP_DEQUANT)
            dq[n++] = q4k_variant_at(i);
    assert_true(n >= 1);
    pick[0] = dq[n > 1 ? 1 : 0]->name;
    pick[1] = dq[n > 2 ? 2 : 0]->name;
    pick[2] = dq[0]->name;
}

static char *write_temp(const char *text, size_t len)
{
    char *path = strdup("/tmp/q4k_test_profile_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

/* A well-formed profile for this machine; the parts a case overrides are
 * given as format arguments: version, arch, three variant names. */
static size_t good_text(char *buf, size_t len, const char *version, const char *arch, const char *v1,
                        const char *v2, const char *v3, int with_end)
{
    int n = snprintf(buf, len,
                     "# a test profile\n"
                     "q4k-profile %s\n"
                     "device test-device-slug\n"
                     "arch %s\n"
                     "cpu Test CPU\n"
                     "features\n"
                     "compiler test-cc 1.0\n"
                     "date 2026-01-02T03:04:05Z\n"
                     "bucket dequant 4 %s\n"
                     "bucket dequant 64 %s\n"
                     "bucket dequant 4096 %s\n"
                     "%s",
                     version, arch, v1, v2, v3, with_end ? "end\n" : "");
    assert_true(n > 0 && (size_t)n < len);
    return (size_t)n;
}

static const char *other_arch(void)
{
    return strcmp(q4k_profile_host_arch(), "aarch64") ? "aarch64" : "x86_64";
}

static int setup(void **state)
{
    (void)state;
    /* The environment must not force a variant or a profile here. */
    unsetenv("Q4K_VARIANT");
    unsetenv("Q4K_PROFILE");
    choose_variants();
    q4k_dispatch_reset();
    return 0;
}

/* Load a good profile and return its path (caller unlinks). */
static char *install_good(void)
{
    char text[2048];
    size_t len = good_text(text, sizeof text, "2", q4k_profile_host_arch(), pick[0], pick[1], pick[2], 1);
    char *path = write_temp(text, len);
    char err[512] = "";
    int rc = q4k_profile_load(path, err, sizeof err);
    if (rc != Q4K_OK)
        fail_msg("good profile refused: %s", err);
    return path;
}

static void assert_good_table_in_force(const char *origin)
{
    const q4k_dispatch_table *t = q4k_dispatch_current();
    assert_string_equal(t->source, "profile");
    assert_string_equal(t->device, "test-device-slug");
    assert_string_equal(t->date, "2026-01-02T03:04:05Z");
    assert_string_equal(t->origin, origin);
    assert_int_equal(t->n_buckets, 3);
    /* Each bucket's winner over its whole range; the last bucket also
     * serves larger sizes. */
    assert_string_equal(q4k_dispatch_variant(1)->name, pick[0]);
    assert_string_equal(q4k_dispatch_variant(2)->name, pick[0]);
    assert_string_equal(q4k_dispatch_variant(3)->name, pick[0]);
    assert_string_equal(q4k_dispatch_variant(4)->name, pick[0]);
    assert_string_equal(q4k_dispatch_variant(5)->name, pick[1]);
    assert_string_equal(q4k_dispatch_variant(64)->name, pick[1]);
    assert_string_equal(q4k_dispatch_variant(65)->name, pick[2]);
    assert_string_equal(q4k_dispatch_variant(4096)->name, pick[2]);
    assert_string_equal(q4k_dispatch_variant(1u << 20)->name, pick[2]);
}

/* ---- good profiles ------------------------------------------------------ */

static void test_good_profile_installs_and_dispatches(void **state)
{
    (void)state;
    char *path = install_good();
    assert_good_table_in_force(path);

    /* q4k_dequantize really runs through it: same bits as the chosen variant. */
    uint8_t blocks[5 * Q4K_BLOCK_BYTES];
    for (size_t i = 0; i < sizeof blocks; i++)
        blocks[i] = (uint8_t)(i * 37 + 11);
    for (int b = 0; b < 5; b++) { /* finite d, dmin */
        blocks[b * Q4K_BLOCK_BYTES + 1] = 0x3c;
        blocks[b * Q4K_BLOCK_BYTES + 3] = 0x38;
    }
    float a[5 * 256], want[5 * 256];
    assert_int_equal(q4k_dequantize(blocks, 5, a), Q4K_OK);
    assert_int_equal(q4k_dequantize_with(q4k_variant_find(pick[1]), blocks, 5, want), Q4K_OK);
    assert_memory_equal(a, want, sizeof a);

    q4k_dispatch_reset();
    assert_string_not_equal(q4k_dispatch_current()->source, "profile");
    unlink(path);
    free(path);
}

static void test_comments_blank_lines_and_crlf_are_fine(void **state)
{
    (void)state;
    char text[2048];
    int n = snprintf(text, sizeof text,
                     "\r\n# comment\r\n  q4k-profile 2  \r\n\tdevice d\r\narch %s\r\nfeatures %s\r\n"
                     "date x\r\n\r\nbucket  dequant\t1 %s %s\r\n# trailing comment\r\nend\r\n\r\n# after\n",
                     q4k_profile_host_arch(), strcmp(q4k_profile_host_arch(), "x86_64") ? "neon" : "avx2 fma f16c",
                     pick[0], "q4k_dequant__scalar");
    q4k_profile p;
    char err[256] = "";
    int rc = q4k_profile_parse(text, (size_t)n, &p, err, sizeof err);
    if (rc)
        fail_msg("%s", err);
    assert_int_equal(p.n_buckets, 1);
    assert_int_equal(p.buckets[0].n_candidates, 2);
    assert_string_equal(p.buckets[0].candidates[1], "q4k_dequant__scalar");
    assert_string_equal(p.device, "d");
    assert_true(p.feature_bits != 0);
}

/* ---- bad profiles: refused, table unchanged ------------------------------ */

struct bad_case {
    const char *what;
    int status;           /* expected q4k status */
    const char *needle;   /* the message must say this */
};

/* Load text as a profile with the good table in force; check refusal. */
static void expect_refused(const char *text, size_t len, const struct bad_case *c)
{
    char *good = install_good();
    char *path = write_temp(text, len);
    char err[512] = "";
    int rc = q4k_profile_load(path, err, sizeof err);
    if (rc != c->status)
        fail_msg("%s: status %d (%s), want %d; message: %s", c->what, rc, q4k_strerror(rc), c->status, err);
    if (!strstr(err, c->needle))
        fail_msg("%s: message '%s' does not mention '%s'", c->what, err, c->needle);
    if (!strstr(err, path))
        fail_msg("%s: message '%s' does not name the file", c->what, err);
    assert_good_table_in_force(good); /* the table in force stays */
    unlink(path);
    unlink(good);
    free(path);
    free(good);
    q4k_dispatch_reset();
}

static void test_wrong_version(void **state)
{
    (void)state;
    char text[2048];
    /* Version 1 (no operation per bucket): refused, with what to do. */
    size_t len = good_text(text, sizeof text, "1", q4k_profile_host_arch(), pick[0], pick[1], pick[2], 1);
    expect_refused(text, len, &(struct bad_case){"version 1", Q4K_EVERSION, "q4k select"});
    len = good_text(text, sizeof text, "3", q4k_profile_host_arch(), pick[0], pick[1], pick[2], 1);
    expect_refused(text, len, &(struct bad_case){"version 3", Q4K_EVERSION, "version 3"});
}

static void test_other_arch(void **state)
{
    (void)state;
    char text[2048];
    size_t len = good_text(text, sizeof text, "2", other_arch(), pick[0], pick[1], pick[2], 1);
    expect_refused(text, len, &(struct bad_case){"other arch", Q4K_EUNSUPPORTED, other_arch()});
}

static void test_unknown_variant(void **state)
{
    (void)state;
    char text[2048];
    size_t len = good_text(text, sizeof text, "2", q4k_profile_host_arch(), pick[0], "q4k_dequant__avx9_u99_p0",
                           pick[2], 1);
    expect_refused(text, len, &(struct bad_case){"unknown variant", Q4K_ENOTFOUND, "q4k_dequant__avx9_u99_p0"});
}

static void test_missing_cpu_feature(void **state)
{
    (void)state;
    const q4k_variant *lacking = NULL;
    for (size_t i = 0; i < q4k_variant_count_all() && !lacking; i++)
        if (!q4k_variant_usable(q4k_variant_at_all(i)) && q4k_variant_at_all(i)->op == Q4K_OP_DEQUANT)
            lacking = q4k_variant_at_all(i);
    if (!lacking) {
        print_message("every compiled variant is usable on this CPU: nothing lacks a feature here\n");
        skip();
    }
    char text[2048];
    size_t len = good_text(text, sizeof text, "2", q4k_profile_host_arch(), pick[0], lacking->name, pick[2], 1);
    expect_refused(text, len, &(struct bad_case){"missing feature", Q4K_EUNSUPPORTED, "lacks"});
}

static void test_truncated(void **state)
{
    (void)state;
    char text[2048];
    size_t len = good_text(text, sizeof text, "2", q4k_profile_host_arch(), pick[0], pick[1], pick[2], 0);
    expect_refused(text, len, &(struct bad_case){"no end line", Q4K_EFORMAT, "truncated"});
    /* Cut in the middle of a variant name: that line still parses, so only
     * the missing 'end' can tell. */
    size_t full = good_text(text, sizeof text, "2", q4k_profile_host_arch(), pick[0], pick[1], pick[2], 1);
    char *cut = strstr(text, "bucket dequant 64");
    assert_non_null(cut);
    expect_refused(text, (size_t)(cut - text) + 25, &(struct bad_case){"cut mid-line", Q4K_EFORMAT, "truncated"});
    (void)full;
}

static void test_garbage(void **state)
{
    (void)state;
    unsigned char junk[700];
    uint64_t s = 0x1234;
    for (size_t i = 0; i < sizeof junk; i++) {
        s = s * 6364136223846793005u + 1442695040888963407u;
        junk[i] = (unsigned char)(s >> 56);
    }
    expect_refused((const char *)junk, sizeof junk, &(struct bad_case){"random bytes", Q4K_EFORMAT, "line"});
    const char *words = "hello world\nthis is not a profile\n";
    expect_refused(words, strlen(words), &(struct bad_case){"other text", Q4K_EFORMAT, "not a q4k profile"});
    const char nul[] = "q4k-profile 2\ndevice a\0b\nend\n";
    expect_refused(nul, sizeof nul - 1, &(struct bad_case){"NUL byte", Q4K_EFORMAT, "control character"});
}

static void test_empty(void **state)
{
    (void)state;
    expect_refused("", 0, &(struct bad_case){"empty file", Q4K_EFORMAT, "empty"});
    const char *only_comments = "# nothing here\n\n";
    expect_refused(only_comments, strlen(only_comments), &(struct bad_case){"only comments", Q4K_EFORMAT, "empty"});
}

static void test_structural_errors(void **state)
{
    (void)state;
    const char *arch = q4k_profile_host_arch();
    char text[2048];
    static const struct {
        const char *fmt; /* %s = arch, then %s = a usable variant */
        const char *needle;
    } cases[] = {
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 %s\nbucket dequant 4 q4k_dequant__scalar\nend\n",
         "ascend"},
        {"q4k-profile 2\ndevice d\ndevice e\narch %s\ndate x\nbucket dequant 8 %s\nend\n", "twice"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\ncolour blue\nbucket dequant 8 %s\nend\n", "unknown key"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nsimd_threshold 0\nbucket dequant 8 %s\nend\n", "unknown key"},
        {"q4k-profile 2\ndevice d\narch %s\nfeatures sse9\ndate x\nbucket dequant 8 %s\nend\n",
         "unknown CPU feature"},
        {"q4k-profile 2\ndevice d\narch %s\nfeatures\nbucket dequant 8 %s\nend\n", "'date'"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 0 %s\nend\n", "positive"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant -3 %s\nend\n", "positive"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket 8 %s\nend\n", "operation"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket transmogrify 8 %s\nend\n", "operation"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 %s\nend\nbucket dequant 9 x\n",
         "after 'end'"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 %s bad-name!\nend\n", "not a variant name"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\n# %s\nend\n", "no 'bucket'"},
        {"q4k-profile 2\ndevice d\narch vax\ndate x\n# %s %s\nend\n", "arch must be"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 %s %s %s %s %s %s %s %s %s\nend\n",
         "more than 8"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 vecs=0 %s\nend\n", "count from 1"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 vecs=4 threads=x %s\nend\n", "count from 1"},
        {"q4k-profile 2\ndevice d\narch %s\ndate x\nbucket dequant 8 vecs=4 %s\nbucket dequant 4 vecs=4 "
         "q4k_dequant__scalar\nend\n",
         "ascend"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = snprintf(text, sizeof text, cases[i].fmt, arch, pick[0], pick[0], pick[0], pick[0], pick[0], pick[0],
                         pick[0], pick[0], pick[0]);
        expect_refused(text, (size_t)n, &(struct bad_case){cases[i].needle, Q4K_EFORMAT, cases[i].needle});
    }
}

static void test_missing_file_and_null_path(void **state)
{
    (void)state;
    char *good = install_good();
    char err[256] = "";
    assert_int_equal(q4k_profile_load("/nonexistent/q4k/profile", err, sizeof err), Q4K_EIO);
    assert_non_null(strstr(err, "/nonexistent/q4k/profile"));
    assert_int_equal(q4k_profile_load(NULL, err, sizeof err), Q4K_EINVAL);
    assert_int_equal(q4k_profile_load("", NULL, 0), Q4K_EINVAL);
    assert_good_table_in_force(good);
    unlink(good);
    free(good);
    q4k_dispatch_reset();
}

static void test_feature_names_round_trip(void **state)
{
    (void)state;
    char names[256], bad[32] = "";
    uint32_t all = (1u << Q4K_FEATURE_COUNT) - 1, back = 0;
    q4k_feature_names(all, names, sizeof names);
    assert_int_equal(q4k_feature_parse(names, &back, bad, sizeof bad), Q4K_OK);
    assert_int_equal(back, all);
    assert_int_equal(q4k_feature_parse("avx2 sve", &back, bad, sizeof bad), Q4K_EFORMAT);
    assert_string_equal(bad, "sve");
}

/* The one rule: the first candidate compiled in and usable wins. A name
 * compiled only for another architecture (a portable table) and one this
 * CPU cannot run (or Q4K_CPU_DISABLE masks: ctest runs this file twice,
 * once with a mask) are passed over; only a bucket with no usable
 * candidate refuses the profile. */
static void test_first_usable_candidate_wins(void **state)
{
    (void)state;
    const char *foreign = strcmp(q4k_profile_host_arch(), "x86_64") ? "q4k_dequant__avx2_u1_p0"
                                                                      : "q4k_dequant__neon_u1_p0";
    const q4k_variant *lacking = NULL;
    for (size_t i = 0; i < q4k_variant_count_all() && !lacking; i++)
        if (!q4k_variant_usable(q4k_variant_at_all(i)) && q4k_variant_at_all(i)->op == Q4K_OP_DEQUANT)
            lacking = q4k_variant_at_all(i);
    char text[2048];
    int n = snprintf(text, sizeof text,
                     "q4k-profile 2\ndevice d\narch any\ndate x\n"
                     "bucket dequant 4 %s %s %s\nbucket dequant 8 %s %s\nend\n",
                     foreign, lacking ? lacking->name : foreign, pick[0], foreign, pick[1]);
    char *path = write_temp(text, (size_t)n);
    char err[512] = "";
    if (q4k_profile_load(path, err, sizeof err) != Q4K_OK)
        fail_msg("refused: %s", err);
    assert_string_equal(q4k_dispatch_variant(3)->name, pick[0]);
    assert_string_equal(q4k_dispatch_variant(5)->name, pick[1]);
    if (lacking)
        print_message("passed over %s (lacks %s) and %s (another architecture)\n", lacking->name, "features",
                      foreign);
    /* The same rule as the tuner's: q4k_dispatch_rule on the table in force. */
    assert_ptr_equal(q4k_dispatch_rule(q4k_dispatch_current(), Q4K_OP_DEQUANT, 3), q4k_dispatch_variant(3));
    unlink(path);
    free(path);
    q4k_dispatch_reset();

    /* Only foreign names: nothing compiled in. */
    n = snprintf(text, sizeof text, "q4k-profile 2\ndevice d\narch any\ndate x\nbucket dequant 4 %s\nend\n",
                 foreign);
    expect_refused(text, (size_t)n, &(struct bad_case){"only foreign", Q4K_ENOTFOUND, "compiled into this library"});
    if (lacking) {
        n = snprintf(text, sizeof text, "q4k-profile 2\ndevice d\narch any\ndate x\nbucket dequant 4 %s %s\nend\n",
                     foreign, lacking->name);
        expect_refused(text, (size_t)n, &(struct bad_case){"only unusable", Q4K_EUNSUPPORTED, "lacks"});
    }
}

/* The series rule (q4k_dispatch.h): the most vectors, then threads, not
 * above the call's; sizes within the series; the smallest series when
 * none fits. */
static void test_series_rule(void **state)
{
    (void)state;
    const q4k_dispatch_bucket b[] = {
        {Q4K_OP_MATVEC, 16, {"q4k_matvec__scalar"}, 1, 1},  /* 0 */
        {Q4K_OP_MATVEC, 256, {"q4k_matvec__scalar"}, 1, 1}, /* 1 */
        {Q4K_OP_MATVEC, 256, {"q4k_matvec__scalar"}, 4, 1}, /* 2 */
        {Q4K_OP_MATVEC, 64, {"q4k_matvec__scalar"}, 1, 2},  /* 3 */
        {Q4K_OP_MATVEC, 512, {"q4k_matvec__scalar"}, 1, 2}, /* 4 */
        {Q4K_OP_MATVEC, 256, {"q4k_matvec__scalar"}, 4, 2}, /* 5 */
        {Q4K_OP_DEQUANT, 1, {"q4k_dequant__scalar"}, 1, 1}, /* 6 */
    };
    const q4k_dispatch_table t = {"test", "", "", "", sizeof b / sizeof b[0], b};
    static const struct {
        size_t size;
        unsigned vecs, threads;
        long want;
    } calls[] = {
        {10, 1, 1, 0}, {100, 1, 1, 1}, {1 << 20, 1, 1, 1}, {100, 2, 1, 1}, {100, 4, 1, 2}, {100, 9, 1, 2},
        {10, 1, 2, 3}, {100, 1, 3, 4}, {100, 4, 2, 5}, {100, 8, 64, 5}, {100, 3, 2, 4}, {100, 0, 0, 1},
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        long got = q4k_dispatch_rule_bucket_for(&t, Q4K_OP_MATVEC, calls[i].size, calls[i].vecs, calls[i].threads);
        if (got != calls[i].want)
            fail_msg("size %zu, %u vectors, %u threads: bucket %ld, want %ld", calls[i].size, calls[i].vecs,
                     calls[i].threads, got, calls[i].want);
    }
    assert_int_equal(q4k_dispatch_rule_bucket_for(&t, Q4K_OP_DEQUANT, 5, 4, 2), 6);
    assert_int_equal(q4k_dispatch_rule_bucket_for(&t, Q4K_OP_QUANTIZE_Q8K, 5, 1, 1), -1);
    /* layouts: a GGUF-rows call never gets a packed candidate and back */
    const q4k_dispatch_bucket mixed = {Q4K_OP_MATVEC, 1, {"q4k_matvec__scalar_r8_packed", "q4k_matvec__scalar"}, 1, 1};
    assert_string_equal(q4k_dispatch_rule_candidate(&mixed)->name, "q4k_matvec__scalar");
    assert_string_equal(q4k_dispatch_rule_candidate_layout(&mixed, 8)->name, "q4k_matvec__scalar_r8_packed");
    assert_null(q4k_dispatch_rule_candidate_layout(&mixed, 4));
    /* installed and parsed: the same answers through q4k_dispatch_select_for */
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "q4k-profile 2\ndevice test-device-slug\narch %s\ndate 2026-01-02T03:04:05Z\n"
                     "bucket matvec 256 q4k_matvec__scalar\n"
                     "bucket matvec 256 vecs=4 threads=2 q4k_matvec__scalar_r8_packed q4k_matvec__scalar\nend\n",
                     q4k_profile_host_arch());
    q4k_profile p;
    char err[256] = "";
    if (q4k_profile_parse(text, (size_t)n, &p, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(p.n_buckets, 2);
    assert_true(p.buckets[1].vecs == 4 && p.buckets[1].threads == 2);
    char *path = write_temp(text, (size_t)n);
    if (q4k_profile_load(path, err, sizeof err))
        fail_msg("%s", err);
    assert_string_equal(q4k_dispatch_select_for(Q4K_OP_MATVEC, 100, 4, 2, 8)->name, "q4k_matvec__scalar_r8_packed");
    /* no candidate of that layout: the layout's scalar reference */
    assert_string_equal(q4k_dispatch_select_for(Q4K_OP_MATVEC, 100, 4, 2, 4)->name, "q4k_matvec__scalar_r4_packed");
    assert_string_equal(q4k_dispatch_select_for(Q4K_OP_MATVEC, 100, 8, 8, 0)->name, "q4k_matvec__scalar");
    assert_string_equal(q4k_dispatch_select_for(Q4K_OP_MATVEC, 100, 1, 1, 8)->name, "q4k_matvec__scalar_r8_packed");
    q4k_dispatch_reset();
    unlink(path);
    free(path);
}

static void test_install_checks_tables(void **state)
{
    (void)state;
    const q4k_dispatch_table *before = q4k_dispatch_current();
    char err[256];
    q4k_dispatch_bucket bad_op[] = {{(q4k_op)99, 4, {"q4k_dequant__scalar"}, 1, 1}};
    q4k_dispatch_table t = {"test", "", "", "", 1, bad_op};
    assert_int_equal(q4k_dispatch_install(&t, err, sizeof err), Q4K_EINVAL);
    q4k_dispatch_bucket descending[] = {{Q4K_OP_DEQUANT, 8, {"q4k_dequant__scalar"}, 1, 1},
                                        {Q4K_OP_DEQUANT, 8, {"q4k_dequant__scalar"}, 1, 1}};
    t = (q4k_dispatch_table){"test", "", "", "", 2, descending};
    assert_int_equal(q4k_dispatch_install(&t, err, sizeof err), Q4K_EINVAL);
    assert_non_null(strstr(err, "ascend"));
    q4k_dispatch_bucket typo[] = {{Q4K_OP_DEQUANT, 8, {"q4k_dequant__scalr"}, 1, 1}};
    t = (q4k_dispatch_table){"test", "", "", "", 1, typo};
    assert_int_equal(q4k_dispatch_install(&t, err, sizeof err), Q4K_ENOTFOUND);
    assert_int_equal(q4k_dispatch_install(NULL, err, sizeof err), Q4K_EINVAL);
    assert_ptr_equal(q4k_dispatch_current(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_good_profile_installs_and_dispatches, setup),
        cmocka_unit_test_setup(test_comments_blank_lines_and_crlf_are_fine, setup),
        cmocka_unit_test_setup(test_wrong_version, setup),
        cmocka_unit_test_setup(test_other_arch, setup),
        cmocka_unit_test_setup(test_unknown_variant, setup),
        cmocka_unit_test_setup(test_missing_cpu_feature, setup),
        cmocka_unit_test_setup(test_truncated, setup),
        cmocka_unit_test_setup(test_garbage, setup),
        cmocka_unit_test_setup(test_empty, setup),
        cmocka_unit_test_setup(test_structural_errors, setup),
        cmocka_unit_test_setup(test_missing_file_and_null_path, setup),
        cmocka_unit_test_setup(test_feature_names_round_trip, setup),
        cmocka_unit_test_setup(test_first_usable_candidate_wins, setup),
        cmocka_unit_test_setup(test_series_rule, setup),
        cmocka_unit_test_setup(test_install_checks_tables, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
