/* cmd_tune.c - q4k tune: measure + select + report into results/<device>/.
 *
 * Everything is written into DIR.partial first and swapped in at the end
 * (renameat2 RENAME_EXCHANGE on Linux, else two renames), so an interrupted
 * tune leaves the previous results intact; `--resume` continues the
 * measurements left in DIR.partial. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "fileio.h"
#include "machine.h"
#include "measure.h"
#include "measure_cli.h"
#include "measure_csv.h"
#include "profile_text.h"
#include "q4k.h"
#include "report.h"
#include "select.h"
#include "tune_hyperfine.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k tune [--out DIR] [--quick] [--no-hyperfine] [--estimate FILE] [measure options]\n\n"
            "Finds the last-level cache size and measures every variant of every operation\n"
            "on this machine (q4k measure), selects the per-op, per-size winners and the\n"
            "SIMD threshold (q4k select), confirms the winners with hyperfine and writes\n"
            "into DIR (default results/<device>/):\n"
            "  measurements.csv  every point (median, MAD, warm/cold, flags)\n"
            "  profile           the winners: cmake -DQ4K_PROFILE=DIR/profile or Q4K_PROFILE\n"
            "  report.md         per operation: winners, speed-ups over the scalar baseline,\n"
            "                    shares of the memory limit (store loops for dequant, the\n"
            "                    read loop for matvec and quantize_q8k), every variant\n"
            "  chart.svg         dequant throughput against size (chart-<op>.svg: the others)\n"
            "  hyperfine.json, hyperfine.md  process-level confirmation\n"
            "The results replace DIR only when complete (an interrupted tune leaves the old\n"
            "ones; --resume continues its measurements from DIR.partial).\n\n"
            "  --out DIR         where the results go\n"
            "  --no-hyperfine    skip the hyperfine confirmation\n"
            "  --estimate FILE   static cycle estimates of kernels this machine cannot run\n"
            "                    (scripts/neon-estimate.sh's CSV): copied to DIR/neon-estimate.csv\n"
            "                    and shown in report.md apart from every measurement\n"
            "%s",
            measure_cli_options_help());
}

static int remove_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb, (void)type, (void)ftw;
    return remove(path);
}

/* rm -r of a folder this command made (DIR.partial, DIR.old). */
static int remove_tree(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int mkdir_p(const char *dir)
{
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Put the finished results at out: swap with the old ones in one step
 * where the OS can, then delete the old. */
static int swap_into_place(const char *partial, const char *out, char *err, size_t errlen)
{
    struct stat st;
    if (stat(out, &st) != 0) {
        if (rename(partial, out) == 0)
            return 0;
        snprintf(err, errlen, "cannot rename %s to %s: %s", partial, out, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s exists and is not a folder", out);
        return -1;
    }
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    if (renameat2(AT_FDCWD, partial, AT_FDCWD, out, RENAME_EXCHANGE) == 0)
        return remove_tree(partial); /* now holds the old results */
#endif
    char old[1100];
    snprintf(old, sizeof old, "%s.old", out);
    remove_tree(old);
    if (rename(out, old) != 0 || rename(partial, out) != 0) {
        snprintf(err, errlen, "cannot move the results into %s: %s (previous results: %s)", out, strerror(errno),
                 access(out, F_OK) == 0 ? out : old);
        return -1;
    }
    return remove_tree(old);
}

int cmd_tune(int argc, char **argv)
{
    measure_config cfg;
    measure_cli cli;
    char err[4096];
    int st = measure_cli_parse(argc, argv, &cfg, &cli, 1, err, sizeof err);
    if (st == MEASURE_CLI_HELP) {
        usage(stdout);
        return 0;
    }
    if (st != 0 || cli.n_positional) {
        fprintf(stderr, "q4k tune: %s (try --help)\n", st ? err : "unexpected argument");
        return 2;
    }

    if (cli.estimate && access(cli.estimate, R_OK) != 0) { /* before an hour of measuring, not after */
        fprintf(stderr, "q4k tune: --estimate %s: %s\n", cli.estimate, strerror(errno));
        return 2;
    }
    char pinned[96];
    measure_pin_thread(pinned, sizeof pinned);
    cfg.pinned = pinned;
    q4k_machine m;
    machine_describe(&m);
    measure_cli_adapt(&cfg, &cli, &m);

    char out[1024], partial[1100], path[1200];
    if (cli.out && *cli.out)
        snprintf(out, sizeof out, "%s", cli.out);
    else
        snprintf(out, sizeof out, "results/%s", m.device);
    for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
        out[n - 1] = '\0';
    snprintf(partial, sizeof partial, "%s.partial", out);
    if (!cfg.resume && remove_tree(partial) != 0) {
        fprintf(stderr, "q4k tune: cannot clear %s: %s\n", partial, strerror(errno));
        return 1;
    }
    if (mkdir_p(partial) != 0) {
        fprintf(stderr, "q4k tune: cannot create %s: %s\n", partial, strerror(errno));
        return 1;
    }
    fprintf(stderr, "tune: %s (%s); results go to %s (built in %s)\n", m.cpu, m.device, out, partial);

    /* 1. measure */
    snprintf(path, sizeof path, "%s/measurements.csv", partial);
    cfg.out_path = path;
    size_t excluded = 0;
    int rc = measure_run(&cfg, &m, &excluded, err, sizeof err);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k tune: %s\n", err);
        return rc == Q4K_EINVAL ? 2 : 1;
    }

    /* 2. select */
    measure_set set;
    memset(&set, 0, sizeof set);
    selection sel;
    rc = measure_set_read(path, &set, err, sizeof err);
    if (rc == Q4K_OK)
        rc = select_run(&set, &sel, err, sizeof err);
    if (rc == Q4K_OK) {
        snprintf(path, sizeof path, "%s/profile", partial);
        rc = profile_write_file(path, &set, &sel, "measurements.csv", err, sizeof err);
    }
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k tune: %s\n", err);
        measure_set_free(&set);
        return 1;
    }

    /* 3. the static estimate beside the report (never mixed into measurements) */
    if (cli.estimate) {
        void *data = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/" REPORT_ESTIMATE_FILE, partial);
        rc = q4k_read_file(cli.estimate, &data, &len, err, sizeof err);
        if (rc == Q4K_OK)
            rc = q4k_write_file_atomic(path, data, len, err, sizeof err);
        free(data);
        if (rc != Q4K_OK) {
            fprintf(stderr, "q4k tune: --estimate: %s\n", err);
            measure_set_free(&set);
            return 1;
        }
    }

    /* 4. hyperfine, 5. report */
    char *note = malloc(16384);
    if (!note) {
        measure_set_free(&set);
        return 1;
    }
    if (cli.no_hyperfine)
        snprintf(note, 16384, "Skipped (`--no-hyperfine`).");
    else if (m.emulated)
        snprintf(note, 16384, "Skipped: under an emulator process timings mean nothing.");
    else
        tune_hyperfine(partial, &sel, cli.quick, note, 16384);
    rc = report_write(partial, &set, &sel, note, err, sizeof err);
    free(note);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k tune: %s\n", err);
        measure_set_free(&set);
        return 1;
    }

    /* 6. publish */
    if (swap_into_place(partial, out, err, sizeof err) != 0) {
        fprintf(stderr, "q4k tune: %s\n", err);
        measure_set_free(&set);
        return 1;
    }
    fprintf(stderr, "tune: done: %s/{measurements.csv,profile,report.md,chart*.svg%s}\n", out,
            cli.no_hyperfine || m.emulated ? "" : ",hyperfine.json,hyperfine.md");
    for (size_t k = 0; k < sel.n_ops; k++) {
        const select_op *o = &sel.ops[k];
        fprintf(stderr, "tune: %s: %s still as fast up to %zu %s; winners:\n", o->plan->name, o->plan->baseline,
                o->scalar_max, o->plan->units);
        for (size_t i = 0; i < o->n_buckets; i++) {
            const select_bucket *b = &o->buckets[i];
            fprintf(stderr, "  %8zu %s (%s): %-36s %8.2f ns/%s", b->size, o->plan->units, b->mode,
                    b->winner->variant, b->winner->median_ns, o->plan->unit);
            if (b->scalar)
                fprintf(stderr, "  %5.2fx scalar", b->scalar->median_ns / b->winner->median_ns);
            if (b->limit_best)
                fprintf(stderr, "  %3.0f%% of %s", 100 * b->limit_best->median_ns / b->winner->median_ns,
                        b->limit_best->variant);
            fputc('\n', stderr);
        }
    }
    if (excluded)
        fprintf(stderr, "tune: %zu variants failed verification and were excluded (see report.md)\n", excluded);
    printf("%s\n", out);
    measure_set_free(&set);
    return 0;
}
