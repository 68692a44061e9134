/* test_gguf_cli.c - `q4k gguf list|dequant` as a user runs them: exit
 * codes (0 ok, 1 failure, 2 usage/input error), messages on stderr, the
 * dequantized output byte for byte against llama.cpp's, and no output (not
 * even a half-written or temporary file) when a run fails.
 * Runs the program named by $Q4K_EXE (set by ctest), under $Q4K_EMULATOR
 * when cross-built (qemu-aarch64). The program is always built, so a
 * missing or unrunnable one is a failure, never a skip. */
#include <dirent.h>
#include <errno.h>
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

#include "gguf_builder.h"
#include "testutil.h"

static char tmpdir[256];
static char out_text[1 << 16], err_text[1 << 16];

static void slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

/* Run `$Q4K_EXE args` (args is shell text); returns its exit status. */
static int run(const char *fmt, ...)
{
    char args[2048], cmd[4096], o[300], e[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(o, sizeof o, "%s/stdout", tmpdir);
    snprintf(e, sizeof e, "%s/stderr", tmpdir);
    /* Q4K_EMULATOR: qemu-aarch64 and its options when cross-built */
    const char *emu = getenv("Q4K_EMULATOR");
    snprintf(cmd, sizeof cmd, "%s '%s' %s >'%s' 2>'%s'", emu ? emu : "", getenv("Q4K_EXE"), args,
             o, e);
    int st = system(cmd);
    slurp(o, out_text, sizeof out_text);
    slurp(e, err_text, sizeof err_text);
    unlink(o);
    unlink(e);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int setup(void **state)
{
    (void)state;
    const char *exe = getenv("Q4K_EXE");
    if (!exe || !*exe) {
        print_error("Q4K_EXE is not set: it must name the q4k program (ctest sets it)\n");
        return -1;
    }
    if (access(exe, X_OK) != 0) {
        print_error("Q4K_EXE=%s is not an executable program: %s\n", exe, strerror(errno));
        return -1;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/q4k_gguf_cli_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tmpdir)) {
        print_error("cannot make a temporary folder %s: %s\n", tmpdir, strerror(errno));
        tmpdir[0] = '\0';
        return -1;
    }
    /* The program must run here (under Q4K_EMULATOR when cross-built). */
    int st = run("gguf --help");
    if (st != 0) {
        const char *emu = getenv("Q4K_EMULATOR");
        print_error("cannot run the q4k program: '%s%s%s gguf --help' exited %d%s%s\n", emu && *emu ? emu : "",
                    emu && *emu ? " " : "", exe, st, err_text[0] ? "; stderr: " : "", err_text);
        rmdir(tmpdir); /* empty: run() removes its files; no group teardown after a failed setup */
        tmpdir[0] = '\0';
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (tmpdir[0]) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            return -1;
    }
    return 0;
}

/* Files in tmpdir other than the ones a test expects: nothing stray. */
static int count_files(void)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void help_and_usage(void **state)
{
    (void)state;
    assert_int_equal(run("gguf --help"), 0);
    assert_non_null(strstr(out_text, "q4k gguf list FILE"));
    assert_int_equal(run("gguf list --help"), 0);
    assert_non_null(strstr(out_text, "--json"));
    assert_int_equal(run("gguf dequant --help"), 0);
    assert_non_null(strstr(out_text, "OUT.f32"));
    assert_int_equal(run("gguf"), 2);
    assert_int_equal(run("gguf frobnicate"), 2);
    assert_non_null(strstr(err_text, "unknown subcommand 'frobnicate'"));
    assert_int_equal(run("gguf list"), 2);
    assert_int_equal(run("gguf list a b"), 2);
    assert_int_equal(run("gguf list --bogus x"), 2);
    assert_int_equal(run("gguf dequant a b"), 2);
}

static void list_prints_the_table(void **state)
{
    (void)state;
    const char *tiny = tu_data_path("tinyA-Q4_K_M.gguf");
    assert_int_equal(run("gguf list '%s'", tiny), 0);
    assert_non_null(strstr(out_text, "GGUF v3, llama, alignment 32, data at 14176, 21 key-values, 39 tensors"));
    assert_non_null(strstr(out_text, "blk.1.ffn_down.weight     q4_K     768 x 256        110592        826208"));
    assert_non_null(strstr(out_text, "output.weight             q6_K"));
    int lines = 0;
    for (const char *p = out_text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 2 + 39);

    assert_int_equal(run("gguf list --json '%s'", tiny), 0);
    assert_non_null(strstr(out_text, "\"tensor_count\": 39"));
    assert_non_null(strstr(out_text, "{\"name\": \"blk.0.attn_q.weight\", \"type\": \"q4_K\", \"shape\": [256, 256], "
                                     "\"n_elements\": 65536, \"bytes\": 36864, \"offset\": 271200}"));
}

static void list_refuses_a_broken_file(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/broken.gguf", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite("GGUF\1\0\0\0", 1, 8, f);
    fclose(f);
    assert_int_equal(run("gguf list '%s'", path), 2);
    assert_non_null(strstr(err_text, "GGUF version 1 is not supported"));
    assert_string_equal(out_text, "");
    assert_int_equal(run("gguf list '%s/missing.gguf'", tmpdir), 2);
    assert_non_null(strstr(err_text, "No such file"));
    unlink(path);
}

static void dequant_matches_llama_cpp(void **state)
{
    (void)state;
    const char *names[] = {"blk.0.attn_q.weight", "blk.1.ffn_down.weight"};
    for (int i = 0; i < 2; i++) {
        char out[400], want_name[128];
        snprintf(out, sizeof out, "%s/%s.f32", tmpdir, names[i]);
        assert_int_equal(run("gguf dequant '%s' %s '%s'", tu_data_path("tinyA-Q4_K_M.gguf"), names[i], out), 0);
        snprintf(want_name, sizeof want_name, "tinyA-Q4_K_M.gguf.%s.f32", names[i]);
        size_t got_len, want_len;
        void *got = tu_read_file(out, &got_len);
        void *want = tu_read_file(tu_data_path(want_name), &want_len);
        assert_int_equal(got_len, want_len);
        assert_memory_equal(got, want, want_len);
        free(got);
        free(want);
        unlink(out);
    }
    assert_int_equal(count_files(), 0); /* no temporary left behind */
}

static void dequant_failures_leave_nothing(void **state)
{
    (void)state;
    const char *tiny = tu_data_path("tinyA-Q4_K_M.gguf");
    char out[400];
    snprintf(out, sizeof out, "%s/out.f32", tmpdir);

    assert_int_equal(run("gguf dequant '%s' no.such.tensor '%s'", tiny, out), 2);
    assert_non_null(strstr(err_text, "no tensor named 'no.such.tensor'"));
    assert_int_equal(count_files(), 0);

    /* a type q4k cannot convert: refused before anything is written, and
     * an existing output stays as it was */
    char model[400];
    snprintf(model, sizeof model, "%s/q8.gguf", tmpdir);
    gguf_builder b;
    gb_init(&b);
    const gb_tensor t[] = {{"w.q8", 1, {64, 1, 1, 1}, 8}};
    assert_int_equal(gb_build_model(&b, t, 1, 0, 1, NULL), 0);
    FILE *f = fopen(model, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
    fclose(f);
    gb_free(&b);
    f = fopen(out, "wb");
    fputs("keep me", f);
    fclose(f);
    assert_int_equal(run("gguf dequant '%s' w.q8 '%s'", model, out), 2);
    assert_non_null(strstr(err_text, "tensor 'w.q8' is q8_0"));
    char kept[16];
    slurp(out, kept, sizeof kept);
    assert_string_equal(kept, "keep me");
    assert_int_equal(count_files(), 2);

    /* an output directory that does not exist: a failure to write (1) */
    assert_int_equal(run("gguf dequant '%s' output_norm.weight '%s/no/dir/x.f32'", tiny, tmpdir), 1);
    assert_non_null(strstr(err_text, "cannot create a temporary file"));
    assert_int_equal(count_files(), 2);
    unlink(out);
    unlink(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_and_usage),
        cmocka_unit_test(list_prints_the_table),
        cmocka_unit_test(list_refuses_a_broken_file),
        cmocka_unit_test(dequant_matches_llama_cpp),
        cmocka_unit_test(dequant_failures_leave_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
