/* test_gguf_synth.c - `q4k gguf synth` and tuner/lib/gguf_synth.c: the tiny
 * preset written into the build folder (the test's working directory) and
 * read back with the library's GGUF reader. Every tensor's name, type,
 * shape and offset is checked against expectations written here from
 * llama.cpp's rules (not from the writer's tables), the metadata against
 * tinyA-Q4_K_M.gguf (same keys, same types, same order), the weights
 * dequantize to plausible values, one seed gives identical bytes and
 * another seed different ones, and failures (existing file, cancel, bad
 * options) leave no file behind. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "gguf_synth.h"
#include "q4k.h"
#include "testutil.h"

static char dir[512];

static int setup(void **state)
{
    (void)state;
    /* ctest runs tests in the build folder: the files stay out of the sources */
    snprintf(dir, sizeof dir, "gguf_synth_XXXXXX");
    if (!mkdtemp(dir)) {
        print_error("cannot make a folder in the working directory: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path_in_dir(const char *name)
{
    static char p[4][600];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static int count_files(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void write_tiny(const char *name, uint64_t seed, uint32_t alignment)
{
    gguf_synth_spec s;
    assert_int_equal(gguf_synth_preset("tiny", &s), Q4K_OK);
    if (alignment)
        s.alignment = alignment;
    char err[512] = "";
    int rc = gguf_synth_write(&s, seed, path_in_dir(name), 1, NULL, NULL, err, sizeof err);
    if (rc)
        fail_msg("gguf_synth_write: %d %s", rc, err);
}

static q4k_gguf *open_file(const char *path)
{
    q4k_gguf *g = NULL;
    char err[512] = "";
    int rc = q4k_gguf_open(path, &g, err, sizeof err);
    if (rc)
        fail_msg("open %s: %d %s", path, rc, err);
    return g;
}

/* llama.cpp's Q4_K_M rule, written out again here. */
static int more_bits(int i, int n)
{
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
}

static void the_rule_matches_llama_cpp(void **state)
{
    (void)state;
    /* Llama 3.2 1B Q4_K_M as llama.cpp quantizes it: Q6_K attn_v/ffn_down in
     * layers 0 1 4 7 10 13 14 15; tinyA (4 layers): 2 and 3. */
    static const int want16[16] = {1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1};
    for (uint32_t i = 0; i < 16; i++)
        assert_int_equal(gguf_synth_use_more_bits(i, 16), want16[i]);
    for (uint32_t i = 0; i < 4; i++)
        assert_int_equal(gguf_synth_use_more_bits(i, 4), i >= 2);
    for (uint32_t n = 1; n < 100; n++)
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(gguf_synth_use_more_bits(i, n), more_bits((int)i, (int)n));
}

struct expect {
    char name[48];
    uint32_t type, n_dims;
    uint64_t ne0, ne1;
};

/* The tiny preset's table from its hyper-parameters, in llama.cpp's order. */
static size_t expected_table(struct expect *e, int n_layer, uint64_t embd, uint64_t ff, uint64_t kv,
                             uint64_t vocab)
{
    size_t n = 0;
#define E(nm, ty, nd, a, b) (e[n] = (struct expect){"", ty, nd, a, b}, snprintf(e[n].name, 48, "%s", nm), n++)
    E("output.weight", Q4K_GGML_Q6_K, 2, embd, vocab);
    E("output_norm.weight", Q4K_GGML_F32, 1, embd, 1);
    E("token_embd.weight", Q4K_GGML_Q4_K, 2, embd, vocab);
    for (int i = 0; i < n_layer; i++) {
        char nm[48];
        uint32_t vd = more_bits(i, n_layer) ? Q4K_GGML_Q6_K : Q4K_GGML_Q4_K;
#define L(suffix, ty, nd, a, b) (snprintf(nm, sizeof nm, "blk.%d.%s", i, suffix), E(nm, ty, nd, a, b))
        L("attn_k.weight", Q4K_GGML_Q4_K, 2, embd, kv);
        L("attn_norm.weight", Q4K_GGML_F32, 1, embd, 1);
        L("attn_output.weight", Q4K_GGML_Q4_K, 2, embd, embd);
        L("attn_q.weight", Q4K_GGML_Q4_K, 2, embd, embd);
        L("attn_v.weight", vd, 2, embd, kv);
        L("ffn_down.weight", vd, 2, ff, embd);
        L("ffn_gate.weight", Q4K_GGML_Q4_K, 2, embd, ff);
        L("ffn_norm.weight", Q4K_GGML_F32, 1, embd, 1);
        L("ffn_up.weight", Q4K_GGML_Q4_K, 2, embd, ff);
#undef L
    }
#undef E
    return n;
}

static uint64_t bytes_of(uint32_t type, uint64_t ne0, uint64_t ne1)
{
    switch (type) {
    case Q4K_GGML_Q4_K: return ne0 / 256 * 144 * ne1;
    case Q4K_GGML_Q6_K: return ne0 / 256 * 210 * ne1;
    default: return ne0 * ne1 * 4;
    }
}

static void check_tiny_file(const char *path, uint32_t alignment)
{
    q4k_gguf *g = open_file(path);
    assert_int_equal(q4k_gguf_version(g), 3);
    assert_int_equal(q4k_gguf_alignment(g), alignment);
    assert_int_equal(q4k_gguf_data_offset(g) % alignment, 0);

    struct expect e[3 + 9 * 8];
    size_t n = expected_table(e, 8, 256, 768, 64, 512);
    assert_int_equal(q4k_gguf_tensor_count(g), n);
    uint64_t rel = 0;
    for (size_t i = 0; i < n; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        assert_string_equal(t->name, e[i].name);
        if (t->type != e[i].type)
            fail_msg("%s: type %s", t->name, t->type_name);
        assert_int_equal(t->n_dims, e[i].n_dims);
        assert_int_equal(t->ne[0], e[i].ne0);
        assert_int_equal(t->ne[1], e[i].ne1);
        assert_int_equal(t->nbytes, bytes_of(e[i].type, e[i].ne0, e[i].ne1));
        /* back to back, each at the next multiple of the alignment */
        assert_int_equal(t->rel_offset, rel);
        assert_int_equal(t->offset, q4k_gguf_data_offset(g) + rel);
        rel = (rel + t->nbytes + alignment - 1) / alignment * alignment;
        /* the weights: finite, and of plausible size */
        float *f = malloc(t->n_elements * sizeof *f);
        assert_non_null(f);
        assert_int_equal(q4k_gguf_tensor_dequantize(t, f), Q4K_OK);
        double max = 0, sum = 0;
        for (uint64_t k = 0; k < t->n_elements; k++) {
            if (!isfinite(f[k]))
                fail_msg("%s[%llu] is not finite", t->name, (unsigned long long)k);
            max = fmax(max, fabs(f[k]));
            sum += f[k];
        }
        if (t->type == Q4K_GGML_F32) /* norms: 1 + N(0, 0.1^2), Irwin-Hall: |x - 1| <= 0.6 */
            assert_true(fabs(sum / (double)t->n_elements - 1.0) < 0.05 && max < 1.6001);
        else /* d < 2^-6: |y| <= 2^-6 * 63 * 15 (Q4_K), 2^-6 * 128 * 32 (Q6_K) */
            assert_true(max > 0.01 && max < 64.0);
        free(f);
    }
    assert_int_equal(q4k_gguf_file_size(g), q4k_gguf_data_offset(g) + rel);

    /* The metadata: tinyA's keys with their types, in tinyA's order. */
    q4k_gguf *a = open_file(tu_data_path("tinyA-Q4_K_M.gguf"));
    size_t extra = alignment != 32;
    assert_int_equal(q4k_gguf_kv_count(g), q4k_gguf_kv_count(a) + extra);
    for (size_t i = 0; i < q4k_gguf_kv_count(a); i++) {
        const q4k_gguf_kv *x = q4k_gguf_kv_at(a, i), *y = q4k_gguf_kv_at(g, i);
        assert_string_equal(y->key, x->key);
        assert_int_equal(y->type, x->type);
        assert_int_equal(y->elem_type, x->elem_type);
    }
    if (extra) {
        uint32_t al = 0;
        assert_int_equal(q4k_gguf_get_u32(g, "general.alignment", &al), Q4K_OK);
        assert_int_equal(al, alignment);
    }
    uint32_t u = 0;
    const char *s = NULL;
    assert_int_equal(q4k_gguf_get_str(g, "general.architecture", &s), Q4K_OK);
    assert_string_equal(s, "llama");
    assert_int_equal(q4k_gguf_get_u32(g, "general.file_type", &u), Q4K_OK);
    assert_int_equal(u, 15);
    assert_int_equal(q4k_gguf_get_u32(g, "llama.embedding_length", &u), Q4K_OK);
    assert_int_equal(u, 256);
    assert_int_equal(q4k_gguf_get_u32(g, "llama.attention.head_count_kv", &u), Q4K_OK);
    assert_int_equal(u, 2);
    assert_int_equal(q4k_gguf_get_u32(g, "llama.rope.dimension_count", &u), Q4K_OK);
    assert_int_equal(u, 32);
    /* The vocabulary: tinyA's tokens, scores and types (the same 512). */
    static const char *const arrays[] = {"tokenizer.ggml.tokens", "tokenizer.ggml.scores",
                                         "tokenizer.ggml.token_type"};
    for (int k = 0; k < 3; k++) {
        const q4k_gguf_kv *x = q4k_gguf_find_kv(a, arrays[k]), *y = q4k_gguf_find_kv(g, arrays[k]);
        assert_non_null(y);
        assert_int_equal(y->count, 512);
        for (uint64_t i = 0; i < 512; i++) {
            if (k == 0) {
                const char *p, *q;
                assert_int_equal(q4k_gguf_kv_elem_str(x, i, &p, NULL), Q4K_OK);
                assert_int_equal(q4k_gguf_kv_elem_str(y, i, &q, NULL), Q4K_OK);
                assert_string_equal(q, p);
            } else if (k == 1) {
                double p, q;
                assert_int_equal(q4k_gguf_kv_elem_f64(x, i, &p), Q4K_OK);
                assert_int_equal(q4k_gguf_kv_elem_f64(y, i, &q), Q4K_OK);
                assert_true(p == q);
            } else {
                int64_t p, q;
                assert_int_equal(q4k_gguf_kv_elem_i64(x, i, &p), Q4K_OK);
                assert_int_equal(q4k_gguf_kv_elem_i64(y, i, &q), Q4K_OK);
                assert_int_equal(p, q);
            }
        }
    }
    q4k_gguf_close(a);
    q4k_gguf_close(g);
}

static void tiny_reads_back(void **state)
{
    (void)state;
    write_tiny("tiny.gguf", GGUF_SYNTH_DEFAULT_SEED, 0);
    check_tiny_file(path_in_dir("tiny.gguf"), 32);
    /* The plan says the same as the file. */
    gguf_synth_spec s;
    gguf_synth_preset("tiny", &s);
    gguf_synth_tensor *t;
    size_t n;
    uint64_t size;
    assert_int_equal(gguf_synth_plan(&s, &t, &n, &size), Q4K_OK);
    struct stat st;
    assert_int_equal(stat(path_in_dir("tiny.gguf"), &st), 0);
    assert_int_equal((uint64_t)st.st_size, size);
    assert_int_equal(n, 75);
    free(t);
    unlink(path_in_dir("tiny.gguf"));
}

static void other_alignment(void **state)
{
    (void)state;
    write_tiny("a64.gguf", 3, 64);
    check_tiny_file(path_in_dir("a64.gguf"), 64);
    unlink(path_in_dir("a64.gguf"));
}

static unsigned char *slurp(const char *path, size_t *n)
{
    return tu_read_file(path, n);
}

static void same_seed_same_bytes(void **state)
{
    (void)state;
    write_tiny("s7a.gguf", 7, 0);
    write_tiny("s7b.gguf", 7, 0);
    write_tiny("s8.gguf", 8, 0);
    size_t na, nb, nc;
    unsigned char *a = slurp(path_in_dir("s7a.gguf"), &na);
    unsigned char *b = slurp(path_in_dir("s7b.gguf"), &nb);
    unsigned char *c = slurp(path_in_dir("s8.gguf"), &nc);
    assert_int_equal(na, nb);
    assert_int_equal(na, nc);
    assert_memory_equal(a, b, na);
    /* another seed: the same header, other weights in every tensor */
    q4k_gguf *g = open_file(path_in_dir("s7a.gguf"));
    uint64_t data = q4k_gguf_data_offset(g);
    assert_memory_equal(a, c, (size_t)data);
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        if (!memcmp(a + t->offset, c + t->offset, (size_t)t->nbytes))
            fail_msg("%s is the same with seeds 7 and 8", t->name);
    }
    /* and within a file, no two tensors alike */
    for (size_t i = 1; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i), *p = q4k_gguf_tensor_at(g, i - 1);
        size_t m = (size_t)(t->nbytes < p->nbytes ? t->nbytes : p->nbytes);
        assert_true(memcmp(a + t->offset, a + p->offset, m) != 0);
    }
    q4k_gguf_close(g);
    free(a);
    free(b);
    free(c);
    unlink(path_in_dir("s7a.gguf"));
    unlink(path_in_dir("s7b.gguf"));
    unlink(path_in_dir("s8.gguf"));
}

static int cancel_at_half(uint64_t done, uint64_t total, void *user)
{
    (*(int *)user)++;
    return done > total / 2;
}

static void failures_leave_nothing(void **state)
{
    (void)state;
    assert_int_equal(count_files(), 0);
    gguf_synth_spec s;
    assert_int_equal(gguf_synth_preset("tiny", &s), Q4K_OK);
    char err[512];
    /* cancelled half way: no file, no temporary */
    int calls = 0;
    assert_int_equal(gguf_synth_write(&s, 1, path_in_dir("c.gguf"), 0, cancel_at_half, &calls, err, sizeof err),
                     Q4K_EIO);
    assert_non_null(strstr(err, "cancelled"));
    assert_true(calls > 2);
    assert_int_equal(count_files(), 0);
    /* an existing file is refused without force, and kept as it was */
    FILE *f = fopen(path_in_dir("x.gguf"), "wb");
    assert_non_null(f);
    fputs("keep me", f);
    fclose(f);
    assert_int_equal(gguf_synth_write(&s, 1, path_in_dir("x.gguf"), 0, NULL, NULL, err, sizeof err), Q4K_EIO);
    assert_non_null(strstr(err, "exists"));
    size_t n;
    char *text = tu_read_file(path_in_dir("x.gguf"), &n);
    assert_int_equal(n, 7);
    free(text);
    assert_int_equal(count_files(), 1);
    /* with force it is replaced */
    assert_int_equal(gguf_synth_write(&s, 1, path_in_dir("x.gguf"), 1, NULL, NULL, err, sizeof err), Q4K_OK);
    assert_int_equal(count_files(), 1);
    q4k_gguf_close(open_file(path_in_dir("x.gguf")));
    unlink(path_in_dir("x.gguf"));
    /* a folder that does not exist */
    assert_int_equal(gguf_synth_write(&s, 1, path_in_dir("no/such/x.gguf"), 0, NULL, NULL, err, sizeof err),
                     Q4K_EIO);
    /* bad shapes */
    gguf_synth_spec bad = s;
    bad.n_embd = 300;
    assert_int_equal(gguf_synth_check(&bad, err, sizeof err), Q4K_EINVAL);
    bad = s;
    bad.n_head_kv = 3;
    assert_int_equal(gguf_synth_check(&bad, err, sizeof err), Q4K_EINVAL);
    bad = s;
    bad.n_vocab = 100;
    assert_int_equal(gguf_synth_write(&bad, 1, path_in_dir("v.gguf"), 0, NULL, NULL, err, sizeof err), Q4K_EINVAL);
    bad = s;
    bad.alignment = 48;
    assert_int_equal(gguf_synth_check(&bad, err, sizeof err), Q4K_EINVAL);
    assert_int_equal(gguf_synth_preset("llama-0b", &bad), Q4K_ENOTFOUND);
    assert_int_equal(count_files(), 0);
}

/* ---- the command -------------------------------------------------------- */

static char err_text[1 << 14];

static int run(const char *fmt, ...)
{
    char args[2048], cmd[4096], e[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(e, sizeof e, "%s.stderr", dir);
    const char *emu = getenv("Q4K_EMULATOR");
    snprintf(cmd, sizeof cmd, "%s '%s' %s >/dev/null 2>'%s'", emu ? emu : "", getenv("Q4K_EXE"), args, e);
    int st = system(cmd);
    FILE *f = fopen(e, "rb");
    size_t n = f ? fread(err_text, 1, sizeof err_text - 1, f) : 0;
    err_text[n] = '\0';
    if (f)
        fclose(f);
    unlink(e);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void the_command(void **state)
{
    (void)state;
    const char *exe = getenv("Q4K_EXE");
    if (!exe || !*exe)
        fail_msg("Q4K_EXE is not set (ctest sets it)");
    const char *out = path_in_dir("cli.gguf");
    assert_int_equal(run("gguf synth --help"), 0);
    assert_int_equal(run("gguf synth"), 2);
    assert_int_equal(run("gguf synth '%s' --preset nope", out), 2);
    assert_non_null(strstr(err_text, "unknown preset"));
    assert_int_equal(run("gguf synth '%s' --preset tiny --vocab 12", out), 2);
    assert_int_equal(run("gguf synth '%s' --preset tiny --alignment 48", out), 2);
    assert_int_equal(run("gguf synth '%s' --preset tiny --bogus", out), 2);
    assert_int_equal(count_files(), 0);
    assert_int_equal(run("gguf synth '%s' --preset tiny --seed 5", out), 0);
    assert_non_null(strstr(err_text, "75 tensors (49 q4_K, 9 q6_K, 17 f32)"));
    assert_int_equal(run("gguf synth '%s' --preset tiny --seed 5", out), 2);
    assert_non_null(strstr(err_text, "exists"));
    assert_int_equal(run("gguf synth '%s' --preset tiny --seed 5 --force --quiet", out), 0);
    assert_string_equal(err_text, "");
    assert_int_equal(count_files(), 1);
    /* the command's file is the library's, and the other commands read it */
    write_tiny("lib.gguf", 5, 0);
    size_t na, nb;
    unsigned char *a = slurp(out, &na), *b = slurp(path_in_dir("lib.gguf"), &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
    assert_int_equal(run("gguf list '%s'", out), 0);
    assert_int_equal(run("gguf layers '%s' --passes 1 --cache-mb 1", out), 0);
    /* a smaller model by options */
    assert_int_equal(run("gguf synth '%s' --preset tiny --layers 2 --vocab 300 --force", out), 0);
    q4k_gguf *g = open_file(out);
    assert_int_equal(q4k_gguf_tensor_count(g), 3 + 2 * 9);
    assert_int_equal(q4k_gguf_find_tensor(g, "token_embd.weight")->ne[1], 300);
    q4k_gguf_close(g);
    unlink(out);
    unlink(path_in_dir("lib.gguf"));
    assert_int_equal(count_files(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_rule_matches_llama_cpp),
        cmocka_unit_test(tiny_reads_back),
        cmocka_unit_test(other_alignment),
        cmocka_unit_test(same_seed_same_bytes),
        cmocka_unit_test(failures_leave_nothing),
        cmocka_unit_test(the_command),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
