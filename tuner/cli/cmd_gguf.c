/* cmd_gguf.c - `q4k gguf`: look inside llama.cpp GGUF files.
 *   q4k gguf list FILE [--json]            the tensor table (and header facts)
 *   q4k gguf dequant FILE TENSOR OUT.f32   one tensor as raw float32
 *   q4k gguf matvec FILE TENSOR X Y ...    a Q4_K tensor times vectors (tuner/cli/cmd_matvec.c)
 *   q4k gguf layers ...                    (tuner/cli/cmd_gguf_layers.c)
 *   q4k gguf synth OUT ...                 a random-weight model (tuner/cli/cmd_gguf_synth.c)
 *   q4k gguf bench FILE ...                a decode step's weight work, timed (tuner/cli/cmd_gguf_bench.c)
 * Exit status: 0 success, 1 a failure while doing the work (writing the
 * output), 2 usage or input errors (bad arguments, bad file, no such tensor,
 * a type that cannot be dequantized). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "q4k_gguf.h"

/* `q4k gguf layers` lives in its own file, written separately. Until it is
 * linked in, this weak stand-in keeps the program building; once the real
 * one exists it wins and this is never called. */
int cmd_gguf_layers(int argc, char **argv);
__attribute__((weak)) int cmd_gguf_layers(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "q4k gguf %s: not implemented in this build\n", argv[0]);
    return 2;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf list FILE [--json]\n"
            "       q4k gguf dequant FILE TENSOR OUT.f32\n"
            "       q4k gguf matvec FILE TENSOR X.f32 Y.f32 [--threads N] [--variant NAME] [--vecs N]\n"
            "       q4k gguf layers ...    (q4k gguf layers --help)\n"
            "       q4k gguf synth OUT.gguf [--preset NAME] [--seed N] ...  (q4k gguf synth --help)\n"
            "       q4k gguf bench FILE [--threads N] [--vecs N] [--tokens N] [--compare-dequant] [--json]\n\n"
            "Reads llama.cpp GGUF files (versions 2 and 3). The whole header is\n"
            "validated first; a malformed file is an error, never a crash. synth writes\n"
            "a random-weight Q4_K_M model with the shapes of a known one (Llama 3.2 1B, ...);\n"
            "bench times a decode step's weight work (every Q4_K/Q6_K matrix, fused) per token\n"
            "against the machine's read limit.\n");
}

static int is_help(const char *a)
{
    return !strcmp(a, "--help") || !strcmp(a, "-h");
}

int gguf_open_for_passes(const char *path, int want_mmap, q4k_gguf **g, int *mapped, char *err, size_t errlen)
{
    struct stat st;
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    int too_big = pages > 0 && page > 0 && stat(path, &st) == 0 &&
                  (double)st.st_size > 0.5 * (double)pages * (double)page;
    *mapped = want_mmap || too_big;
    return *mapped ? q4k_gguf_open(path, g, err, errlen) : q4k_gguf_load(path, g, err, errlen);
}

static int open_or_complain(const char *cmd, const char *path, q4k_gguf **g)
{
    char err[512];
    int rc = q4k_gguf_open(path, g, err, sizeof err);
    if (rc) {
        fprintf(stderr, "q4k gguf %s: %s (%s)\n", cmd, err, q4k_strerror(rc));
        return 2;
    }
    return 0;
}

/* ---- list ------------------------------------------------------------------ */

static void list_usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf list FILE [--json]\n\n"
            "Prints the GGUF version, alignment, data offset and counts, then one\n"
            "line per tensor: name, type, shape (ggml ne order: ne0 is the\n"
            "contiguous row length), bytes, absolute file offset.\n"
            "  --json   the same as one JSON object on stdout\n");
}

static void format_shape(const q4k_gguf_tensor *t, char *buf, size_t len, const char *sep)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t d = 0; d < t->n_dims && used < len; d++) {
        int n = snprintf(buf + used, len - used, "%s%" PRIu64, d ? sep : "", t->ne[d]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void list_json(const q4k_gguf *g, const char *path)
{
    const char *arch = NULL;
    q4k_gguf_get_str(g, "general.architecture", &arch);
    printf("{\"file\": ");
    json_string(stdout, path);
    printf(", \"version\": %" PRIu32 ", \"alignment\": %" PRIu32 ", \"data_offset\": %" PRIu64
           ", \"file_size\": %" PRIu64 ", \"kv_count\": %zu, \"architecture\": ",
           q4k_gguf_version(g), q4k_gguf_alignment(g), q4k_gguf_data_offset(g),
           q4k_gguf_file_size(g), q4k_gguf_kv_count(g));
    if (arch)
        json_string(stdout, arch);
    else
        printf("null");
    printf(", \"tensor_count\": %zu, \"tensors\": [", q4k_gguf_tensor_count(g));
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        char shape[128];
        format_shape(t, shape, sizeof shape, ", ");
        printf("%s\n  {\"name\": ", i ? "," : "");
        json_string(stdout, t->name);
        printf(", \"type\": \"%s\", \"shape\": [%s], \"n_elements\": %" PRIu64
               ", \"bytes\": %" PRIu64 ", \"offset\": %" PRIu64 "}",
               t->type_name, shape, t->n_elements, t->nbytes, t->offset);
    }
    printf("\n]}\n");
}

/* A tensor name for the table: control bytes (from a hostile file) become
 * '?', and very long names are cut, so the terminal and columns survive. */
static const char *printable(const char *name, char *buf, size_t len)
{
    size_t i = 0;
    for (; name[i] && i + 1 < len; i++)
        buf[i] = ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) ? '?' : name[i];
    buf[i] = '\0';
    if (name[i] && len > 4)
        memcpy(buf + len - 4, "...", 4);
    return buf;
}

static void list_table(const q4k_gguf *g, const char *path)
{
    const char *arch = NULL;
    q4k_gguf_get_str(g, "general.architecture", &arch);
    size_t n = q4k_gguf_tensor_count(g);
    char abuf[64];
    printf("%s: GGUF v%" PRIu32 ", %s, alignment %" PRIu32 ", data at %" PRIu64
           ", %zu key-values, %zu tensors\n",
           path, q4k_gguf_version(g), arch ? printable(arch, abuf, sizeof abuf) : "no architecture",
           q4k_gguf_alignment(g),
           q4k_gguf_data_offset(g), q4k_gguf_kv_count(g), n);
    int wname = 4, wshape = 5;
    for (size_t i = 0; i < n; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        char shape[128];
        format_shape(t, shape, sizeof shape, " x ");
        size_t ln = strlen(t->name), ls = strlen(shape);
        if (ln > (size_t)wname)
            wname = ln > 127 ? 127 : (int)ln;
        if (ls > (size_t)wshape)
            wshape = (int)ls;
    }
    printf("%-*s  %-7s  %-*s  %12s  %12s\n", wname, "NAME", "TYPE", wshape, "SHAPE", "BYTES", "OFFSET");
    for (size_t i = 0; i < n; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_tensor_at(g, i);
        char shape[128];
        format_shape(t, shape, sizeof shape, " x ");
        char name[128];
        printf("%-*s  %-7s  %-*s  %12" PRIu64 "  %12" PRIu64 "\n", wname,
               printable(t->name, name, sizeof name), t->type_name, wshape, shape, t->nbytes, t->offset);
    }
}

static int gguf_list(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) {
            list_usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "q4k gguf list: unknown option '%s'\n", argv[i]);
            list_usage(stderr);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            fprintf(stderr, "q4k gguf list: one FILE only ('%s' is extra)\n", argv[i]);
            return 2;
        }
    }
    if (!path) {
        list_usage(stderr);
        return 2;
    }
    q4k_gguf *g;
    int rc = open_or_complain("list", path, &g);
    if (rc)
        return rc;
    if (json)
        list_json(g, path);
    else
        list_table(g, path);
    q4k_gguf_close(g);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "q4k gguf list: writing stdout: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}

/* ---- dequant --------------------------------------------------------------- */

static void dequant_usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf dequant FILE TENSOR OUT.f32\n\n"
            "Writes tensor TENSOR of FILE as raw little-endian float32, row-major in\n"
            "ggml ne order (ne0 fastest). Types: q4_K (the tuned kernels; bit-exact\n"
            "with llama.cpp), q6_K, f32, f16, bf16. The output appears only when\n"
            "complete: it is written to a temporary file and renamed.\n");
}

static int host_is_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* Write n floats to path atomically: a temp file in the same directory,
 * renamed over path only after every byte is written and flushed. */
static int write_f32_file(const char *path, float *v, size_t n)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + sizeof ".tmp.XXXXXX");
    if (!tmp) {
        fprintf(stderr, "q4k gguf dequant: out of memory\n");
        return 1;
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "q4k gguf dequant: cannot create a temporary file next to %s: %s\n", path,
                strerror(errno));
        free(tmp);
        return 1;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        fprintf(stderr, "q4k gguf dequant: %s: %s\n", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return 1;
    }
    if (!host_is_little_endian()) {
        for (size_t i = 0; i < n; i++) {
            uint32_t b;
            memcpy(&b, &v[i], 4);
            b = __builtin_bswap32(b);
            memcpy(&v[i], &b, 4);
        }
    }
    int ok = fwrite(v, sizeof *v, n, f) == n;
    ok = (fflush(f) == 0) && ok;
    ok = (fsync(fileno(f)) == 0 || errno == EINVAL) && ok; /* EINVAL: e.g. a pipe-like target */
    int saved = errno;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        fprintf(stderr, "q4k gguf dequant: writing %s: %s\n", tmp, strerror(saved ? saved : errno));
        unlink(tmp);
        free(tmp);
        return 1;
    }
    if (rename(tmp, path) != 0) {
        fprintf(stderr, "q4k gguf dequant: renaming %s to %s: %s\n", tmp, path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return 1;
    }
    free(tmp);
    return 0;
}

static int gguf_dequant(int argc, char **argv)
{
    const char *pos[3];
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) {
            dequant_usage(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "q4k gguf dequant: unknown option '%s'\n", argv[i]);
            dequant_usage(stderr);
            return 2;
        }
        if (npos == 3) {
            fprintf(stderr, "q4k gguf dequant: too many arguments ('%s')\n", argv[i]);
            dequant_usage(stderr);
            return 2;
        }
        pos[npos++] = argv[i];
    }
    if (npos != 3) {
        dequant_usage(stderr);
        return 2;
    }
    const char *path = pos[0], *name = pos[1], *out_path = pos[2];

    q4k_gguf *g;
    int rc = open_or_complain("dequant", path, &g);
    if (rc)
        return rc;
    int status = 2;
    float *out = NULL;
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, name);
    if (!t) {
        fprintf(stderr, "q4k gguf dequant: %s has no tensor named '%s' (see q4k gguf list)\n", path, name);
        goto done;
    }
    if (!q4k_gguf_type_can_dequantize(t->type)) {
        fprintf(stderr,
                "q4k gguf dequant: tensor '%s' is %s; q4k dequantizes q4_K, q6_K, f32, f16 and bf16 only\n",
                name, t->type_name);
        goto done;
    }
    if (t->n_elements > SIZE_MAX / sizeof(float) ||
        !(out = malloc(t->n_elements ? (size_t)t->n_elements * sizeof(float) : 1))) {
        fprintf(stderr, "q4k gguf dequant: no memory for %" PRIu64 " floats\n", t->n_elements);
        status = 1;
        goto done;
    }
    rc = q4k_gguf_tensor_dequantize(t, out);
    if (rc) {
        fprintf(stderr, "q4k gguf dequant: tensor '%s': %s\n", name, q4k_strerror(rc));
        status = 1;
        goto done;
    }
    status = write_f32_file(out_path, out, (size_t)t->n_elements);
    if (status == 0)
        fprintf(stderr, "q4k gguf dequant: %s (%s, %" PRIu64 " values) -> %s\n", name, t->type_name,
                t->n_elements, out_path);
done:
    free(out);
    q4k_gguf_close(g);
    return status;
}

/* ---- dispatch -------------------------------------------------------------- */

int cmd_gguf(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (is_help(sub) || !strcmp(sub, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(sub, "list"))
        return gguf_list(argc - 1, argv + 1);
    if (!strcmp(sub, "dequant"))
        return gguf_dequant(argc - 1, argv + 1);
    if (!strcmp(sub, "layers"))
        return cmd_gguf_layers(argc - 1, argv + 1);
    if (!strcmp(sub, "matvec"))
        return cmd_gguf_matvec(argc - 1, argv + 1);
    if (!strcmp(sub, "synth"))
        return cmd_gguf_synth(argc - 1, argv + 1);
    if (!strcmp(sub, "bench"))
        return cmd_gguf_bench(argc - 1, argv + 1);
    fprintf(stderr, "q4k gguf: unknown subcommand '%s'\n\n", sub);
    usage(stderr);
    return 2;
}
