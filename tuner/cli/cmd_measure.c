/* cmd_measure.c - q4k measure: time every variant at every size (CSV).
 * Runs on the target machine; `q4k select` can run anywhere on its CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "machine.h"
#include "measure.h"
#include "measure_cli.h"
#include "q4k.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: q4k measure [--quick] [--out FILE.csv] [--resume] [--op NAME]\n"
            "                   [--variants PATTERNS] [--sizes LIST] [--warm|--cold|--both]\n"
            "                   [--samples N] [--min-sample-us US] [--llc SIZE]\n\n"
            "Finds the last-level cache size one core reaches (the knee of a store loop\n"
            "over doubling buffers; it decides which sizes select on warm measurements),\n"
            "verifies every variant usable on this CPU against its op's scalar baseline\n"
            "(a failing one is excluded and named), then per operation times every\n"
            "variant and the op's memory limits at every size: for dequant the\n"
            "pure-store loops (limit:store, limit:stream, limit:memset) writing its\n"
            "output bytes, for matvec and quantize_q8k a read loop (limit:read) over\n"
            "its input bytes. Writes one CSV row per (op, variant, mode, size): median\n"
            "and MAD in ns per unit of the op's size (dequant: ns/block; matvec: ns per\n"
            "weight block of 4096-column rows, one activation vector, one thread).\n\n"
            "%s"
            "\nProgress and an ETA go to stderr. Under an emulator (qemu) the run works\n"
            "but its timings are not performance; the CSV says so.\n",
            measure_cli_options_help());
}

int cmd_measure(int argc, char **argv)
{
    measure_config cfg;
    measure_cli cli;
    char err[700];
    int st = measure_cli_parse(argc, argv, &cfg, &cli, 0, err, sizeof err);
    if (st == MEASURE_CLI_HELP) {
        usage(stdout);
        return 0;
    }
    if (st != 0) {
        fprintf(stderr, "q4k measure: %s (try --help)\n", err);
        return 2;
    }
    if (cli.n_positional) {
        fprintf(stderr, "q4k measure: unexpected argument '%s' (try --help)\n", cli.positional[0]);
        return 2;
    }
    if (!cfg.out_path || !*cfg.out_path)
        cfg.out_path = "measurements.csv";

    char pinned[96];
    measure_pin_thread(pinned, sizeof pinned);
    cfg.pinned = pinned;
    q4k_machine m;
    machine_describe(&m);
    measure_cli_adapt(&cfg, &cli, &m);
    fprintf(stderr, "measure: %s (%s), %s; pinned: %s\n", m.cpu, m.device, m.features[0] ? m.features : "no SIMD",
            pinned);

    size_t excluded = 0;
    int rc = measure_run(&cfg, &m, &excluded, err, sizeof err);
    if (rc != Q4K_OK) {
        fprintf(stderr, "q4k measure: %s\n", err);
        return rc == Q4K_EINVAL || rc == Q4K_EFORMAT || rc == Q4K_EVERSION ? 2 : 1;
    }
    fprintf(stderr, "measure: wrote %s%s\n", cfg.out_path,
            excluded ? " (some variants failed verification and were excluded: see above)" : "");
    return 0;
}
