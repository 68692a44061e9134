/* cmd_gguf_synth.c - `q4k gguf synth`: write a random-weight Q4_K_M GGUF
 * model with the shapes of a known one (tuner/lib/gguf_synth.c does the
 * work; this file parses options, reports progress and handles Ctrl-C). */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "gguf_synth.h"
#include "q4k.h"
#include "timer.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k gguf synth OUT.gguf [--preset NAME] [--seed N] [--vocab N] [--layers N]\n"
            "                               [--alignment N] [--force] [--quiet]\n\n"
            "Writes a random-weight llama model with the shapes of a known one, as\n"
            "llama.cpp's `llama-quantize ... Q4_K_M` lays it out: the metadata keys of\n"
            "tests/data/tinyA-Q4_K_M.gguf, llama.cpp's tensor order, Q4_K matrices with\n"
            "Q6_K for output.weight and for attn_v/ffn_down of the layers llama.cpp gives\n"
            "more bits, F32 norms. The same seed gives the same bytes on any machine.\n"
            "The file is streamed (memory stays small) to a temporary name and renamed\n"
            "when complete: an error or Ctrl-C leaves nothing behind.\n\n"
            "  --preset NAME  the shapes (default llama-3.2-1b):\n");
    for (size_t i = 0; gguf_synth_preset_name(i); i++)
        fprintf(f, "                   %-13s %s\n", gguf_synth_preset_name(i), gguf_synth_preset_summary(i));
    fprintf(f,
            "  --seed N       random seed (default %d)\n"
            "  --vocab N      vocabulary size instead of the preset's (%d..%d)\n"
            "  --layers N     number of layers instead of the preset's (1..%d)\n"
            "  --alignment N  data alignment, a power of two in 8..65536 (default 32;\n"
            "                 another value also writes the general.alignment key)\n"
            "  --force        replace OUT.gguf if it exists (default: refuse)\n"
            "  --quiet        no progress on stderr\n",
            GGUF_SYNTH_DEFAULT_SEED, GGUF_SYNTH_MIN_VOCAB, GGUF_SYNTH_MAX_VOCAB, GGUF_SYNTH_MAX_LAYERS);
}

static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct progress_state {
    int tty, quiet;
    int last;          /* last per-mille (tty) or tenth (not a tty) shown */
} progress_state;

static int on_progress(uint64_t done, uint64_t total, void *user)
{
    progress_state *p = user;
    /* Not a terminal: a line per tenth, for files large enough to take a while. */
    if (!p->quiet && total && (p->tty || total >= ((uint64_t)64 << 20))) {
        int permille = (int)(done * 1000 / total);
        if (p->tty && permille != p->last) {
            fprintf(stderr, "\rq4k gguf synth: %8.1f / %.1f MiB (%5.1f%%)", (double)done / 1048576.0,
                    (double)total / 1048576.0, permille / 10.0);
            p->last = permille;
        } else if (!p->tty && permille / 100 != p->last) {
            p->last = permille / 100;
            if (p->last > 0 && p->last < 10)
                fprintf(stderr, "q4k gguf synth: %d%% (%.1f of %.1f MiB)\n", p->last * 10,
                        (double)done / 1048576.0, (double)total / 1048576.0);
        }
    }
    return interrupted != 0;
}

int cmd_gguf_synth(int argc, char **argv)
{
    const char *out = NULL, *preset = "llama-3.2-1b";
    uint64_t seed = GGUF_SYNTH_DEFAULT_SEED, vocab = 0, layers = 0, alignment = 0;
    int force = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--force")) {
            force = 1;
        } else if (!strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--preset") || !strcmp(a, "--seed") || !strcmp(a, "--vocab") ||
                   !strcmp(a, "--layers") || !strcmp(a, "--alignment")) {
            if (!val) {
                fprintf(stderr, "q4k gguf synth: %s needs a value\n", a);
                return 2;
            }
            i++;
            int bad = 0;
            if (!strcmp(a, "--preset"))
                preset = val;
            else if (!strcmp(a, "--seed"))
                bad = parse_u64(val, 0, UINT64_MAX, &seed);
            else if (!strcmp(a, "--vocab"))
                bad = parse_u64(val, GGUF_SYNTH_MIN_VOCAB, GGUF_SYNTH_MAX_VOCAB, &vocab);
            else if (!strcmp(a, "--layers"))
                bad = parse_u64(val, 1, GGUF_SYNTH_MAX_LAYERS, &layers);
            else
                bad = parse_u64(val, 8, 65536, &alignment) || (alignment & (alignment - 1));
            if (bad) {
                fprintf(stderr, "q4k gguf synth: bad %s '%s' (see q4k gguf synth --help)\n", a, val);
                return 2;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "q4k gguf synth: unknown option '%s'\n\n", a);
            usage(stderr);
            return 2;
        } else if (!out) {
            out = a;
        } else {
            fprintf(stderr, "q4k gguf synth: one OUT.gguf only ('%s' is extra)\n", a);
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "q4k gguf synth: no OUT.gguf given\n\n");
        usage(stderr);
        return 2;
    }
    gguf_synth_spec spec;
    if (gguf_synth_preset(preset, &spec) != Q4K_OK) {
        fprintf(stderr, "q4k gguf synth: unknown preset '%s' (presets:", preset);
        for (size_t i = 0; gguf_synth_preset_name(i); i++)
            fprintf(stderr, " %s", gguf_synth_preset_name(i));
        fprintf(stderr, ")\n");
        return 2;
    }
    if (vocab)
        spec.n_vocab = (uint32_t)vocab;
    if (layers)
        spec.n_layer = (uint32_t)layers;
    if (alignment)
        spec.alignment = (uint32_t)alignment;
    char err[1024];
    if (gguf_synth_check(&spec, err, sizeof err) != Q4K_OK) {
        fprintf(stderr, "q4k gguf synth: %s\n", err);
        return 2;
    }
    if (!force && access(out, F_OK) == 0) {
        fprintf(stderr, "q4k gguf synth: %s exists (use --force to replace it)\n", out);
        return 2;
    }

    gguf_synth_tensor *t = NULL;
    size_t nt = 0;
    uint64_t size = 0;
    if (gguf_synth_plan(&spec, &t, &nt, &size) != Q4K_OK) {
        fprintf(stderr, "q4k gguf synth: out of memory\n");
        return 1;
    }
    size_t q4 = 0, q6 = 0, f32 = 0;
    for (size_t i = 0; i < nt; i++) {
        q4 += t[i].type == Q4K_GGML_Q4_K;
        q6 += t[i].type == Q4K_GGML_Q6_K;
        f32 += t[i].type == Q4K_GGML_F32;
    }
    free(t);

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    progress_state ps = {.tty = isatty(STDERR_FILENO), .quiet = quiet, .last = -1};
    uint64_t t0 = q4k_now_ns();
    int rc = gguf_synth_write(&spec, seed, out, force, on_progress, &ps, err, sizeof err);
    double s = (double)(q4k_now_ns() - t0) / 1e9;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (ps.tty && !quiet)
        fprintf(stderr, "\r%60s\r", "");
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k gguf synth: %s\n", err);
        return interrupted ? 130 : 1;
    }
    if (!quiet)
        fprintf(stderr,
                "q4k gguf synth: %s: preset %s, seed %" PRIu64 ": %" PRIu64 " bytes (%.1f MiB), %zu tensors "
                "(%zu q4_K, %zu q6_K, %zu f32), %u layers, vocabulary %u, in %.2f s (%.0f MiB/s)\n",
                out, spec.preset, seed, size, (double)size / 1048576.0, nt, q4, q6, f32, spec.n_layer,
                spec.n_vocab, s, s > 0 ? (double)size / 1048576.0 / s : 0.0);
    return 0;
}
