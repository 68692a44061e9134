/* tune_hyperfine.c - process-level confirmation of the winners: hyperfine
 * times whole `q4k bench` processes running the winner and the default
 * table's variant at a few sizes, and exports JSON and Markdown beside the
 * report. A second opinion from outside the tuner's own clock and loop. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

#include "fileio.h"
#include "q4k.h"
#include "tune_hyperfine.h"

extern char **environ;

/* Path of a program in $PATH, or 0 when absent. */
static int find_in_path(const char *prog, char *out, size_t outlen)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    while (*path) {
        size_t n = strcspn(path, ":");
        snprintf(out, outlen, "%.*s/%s", (int)n, path, prog);
        if (n && access(out, X_OK) == 0)
            return 1;
        path += n;
        if (*path == ':')
            path++;
    }
    return 0;
}

static int self_path(char *out, size_t outlen)
{
#if defined(__linux__)
    ssize_t n = readlink("/proc/self/exe", out, outlen - 1);
    if (n <= 0)
        return 0;
    out[n] = '\0';
    return 1;
#elif defined(__APPLE__)
    uint32_t size = (uint32_t)outlen;
    return _NSGetExecutablePath(out, &size) == 0;
#else
    (void)out, (void)outlen;
    return 0;
#endif
}

/* The sizes to confirm: the reference points where measured
 * (16, 512, 65536 blocks), else the smallest, a middle and the largest. */
static size_t pick_buckets(const select_op *o, const select_bucket **out)
{
    static const size_t wanted[] = {16, 512, 65536};
    size_t k = 0;
    for (size_t w = 0; w < 3; w++)
        for (size_t i = 0; i < o->n_buckets; i++)
            if (o->buckets[i].size == wanted[w])
                out[k++] = &o->buckets[i];
    if (k == 0 && o->n_buckets) {
        out[k++] = &o->buckets[0];
        if (o->n_buckets > 2)
            out[k++] = &o->buckets[o->n_buckets / 2];
        if (o->n_buckets > 1)
            out[k++] = &o->buckets[o->n_buckets - 1];
    }
    return k;
}

int tune_hyperfine(const char *dir, const selection *sel, int quick, char *note, size_t notelen)
{
    char hyperfine[1024], self[1024];
    if (!find_in_path("hyperfine", hyperfine, sizeof hyperfine)) {
        snprintf(note, notelen, "Skipped: `hyperfine` is not installed here (e.g. `apt-get install hyperfine`); "
                                "re-run `q4k tune` with it for the process-level confirmation.");
        return 1;
    }
    if (!self_path(self, sizeof self) || strpbrk(self, " \t'\"\\")) {
        snprintf(note, notelen, "Skipped: cannot name this program's own path for hyperfine to run.");
        return 1;
    }

    /* q4k bench times dequant calls: the dequant winners are confirmed. */
    const select_op *o = select_find_op(sel, Q4K_OP_DEQUANT);
    if (!o) {
        snprintf(note, notelen, "Skipped: no dequant measurements to confirm.");
        return 1;
    }
    const select_bucket *picked[3];
    size_t n_picked = pick_buckets(o, picked);
    /* argv: hyperfine options, then pairs of (name, command). */
    enum { MAX_ARGS = 64 };
    char *argv[MAX_ARGS];
    char storage[12][1200];
    size_t argc = 0, st = 0;
    char json[1024], md[1024], runs[16];
    snprintf(json, sizeof json, "%s/hyperfine.json", dir);
    snprintf(md, sizeof md, "%s/hyperfine.md", dir);
    snprintf(runs, sizeof runs, "%d", quick ? 5 : 15);
    char *fixed[] = {hyperfine, "--shell=none", "--style", "basic", "--warmup", "2", "--runs", runs,
                     "--export-json", json, "--export-markdown", md};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        argv[argc++] = fixed[i];
    const double budget_ns = quick ? 30e6 : 200e6; /* kernel time per process */
    for (size_t p = 0; p < n_picked; p++) {
        const select_bucket *b = picked[p];
        const measure_row *rows[2] = {b->winner, b->default_row};
        const char *roles[2] = {"tuned", "default"};
        /* The same work for both commands of a size, sized on the winner. */
        double per_call = b->winner->median_ns * (double)b->size;
        long repeats = per_call > 0 ? (long)(budget_ns / per_call) : 10;
        repeats = repeats < 3 ? 3 : repeats > 1000000 ? 1000000 : repeats;
        for (int r = 0; r < 2; r++) {
            const measure_row *row = rows[r];
            if (!row || (r == 1 && !strcmp(row->variant, b->winner->variant)))
                continue; /* no default measured, or the default already is the winner */
            /* --min-ms 0: one call per sample, so each process does a fixed amount of work */
            snprintf(storage[st], sizeof storage[st], "%s %zu: %s", roles[r], b->size, row->variant);
            argv[argc++] = "--command-name";
            argv[argc++] = storage[st++];
            snprintf(storage[st], sizeof storage[st], "%s bench --variant %s --blocks %zu --repeats %ld --min-ms 0",
                     self, row->variant, b->size, repeats);
            argv[argc++] = storage[st++];
        }
    }
    argv[argc] = NULL;
    if (argc == sizeof fixed / sizeof fixed[0]) {
        snprintf(note, notelen, "Skipped: no sizes to confirm.");
        return 1;
    }

    /* hyperfine's own report goes to our stderr: stdout stays for data. */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, 2, 1);
    pid_t pid;
    fprintf(stderr, "tune: confirming the winners with hyperfine (%zu sizes)\n", n_picked);
    int rc = posix_spawn(&pid, hyperfine, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    if (rc != 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(note, notelen, "hyperfine failed (%s); its exports may be missing.",
                 rc ? strerror(rc) : "non-zero exit");
        return -1;
    }

    void *table = NULL;
    size_t table_len = 0;
    char err[256];
    q4k_read_file(md, &table, &table_len, err, sizeof err);
    snprintf(note, notelen,
             "Each command is a whole `q4k bench` process running one variant a fixed number of times at one "
             "size (`--min-ms 0 --repeats R`, the same R for both commands of a size, chosen for about %.0f ms of the winner's kernel time), so process start-up "
             "is included and small sizes show smaller differences than the in-process figures. \"tuned\" is "
             "this profile's winner, \"default\" what the built-in table runs (left out where they are the "
             "same variant). Exports: `hyperfine.json`, `hyperfine.md`.\n\n%s",
             budget_ns / 1e6, table ? (char *)table : "(hyperfine.md could not be read)");
    free(table);
    return 0;
}
