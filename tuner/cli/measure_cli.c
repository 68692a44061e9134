/* measure_cli.c - option parsing shared by q4k measure and q4k tune. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure_cli.h"
#include "op_plan.h"
#include "q4k.h"

const char *measure_cli_options_help(void)
{
    static char text[4096];
    snprintf(text, sizeof text, "options:\n"
           "  --quick            few sizes (dequant 1,16,512,8192; matvec 256,4096,262144)\n"
           "                     and samples, verification without the golden files, a\n"
           "                     cheaper cache probe: about a minute (under an emulator:\n"
           "                     dequant 1,16,256)\n"
           "  --resume           continue an interrupted run (same machine and build only)\n"
           "  --op NAME          measure one operation only (default: every one; there is:\n"
           "                     %s)\n"
           "  --variants PATTERNS  comma-separated globs over variant names, e.g.\n"
           "                     '*avx2_lut*,*avx2_u2*' (the scalar baselines and the\n"
           "                     limit loops are always measured)\n"
           "  --sizes LIST       sizes in each op's unit (dequant, quantize_q8k: blocks;\n"
           "                     matvec: weight blocks of 4096-column rows, multiples of\n"
           "                     16 only): '1,16,512' or '1-65536' (powers of two); an op\n"
           "                     with none of them is left out (unless named by --op).\n"
           "                     Default: each op's own (dequant 1-65536, matvec\n"
           "                     256-1048576 = 16 to 65536 rows)\n"
           "  --warm | --cold | --both\n"
           "                     warm: buffers reused (in cache); cold: rotated over more\n"
           "                     than the last-level cache; default both\n"
           "  --no-series        skip matvec's extra series (2, 4, 8 activation vectors per\n"
           "                     call; 2, 4, ... all cores threads; --quick: 8 vectors and\n"
           "                     all cores only), each selected on its own (under\n"
           "                     an emulator with --quick: skipped); the profile\n"
           "                     keys them vecs=N threads=N\n"
           "  --samples N        samples per point (default 25, --quick 7)\n"
           "  --min-sample-us US a sample lasts at least this long (default 2000, --quick 200)\n"
           "  --llc SIZE         the last-level cache size to use (e.g. 32M, 1536K) instead of\n"
           "                     measuring it: by default a store loop over doubling buffers\n"
           "                     finds the knee where the time per byte jumps to the DRAM\n"
           "                     level (the OS's figure is wrong on many VMs)\n", op_plan_names());
    return text;
}

void measure_cli_adapt(measure_config *cfg, const measure_cli *cli, const q4k_machine *m)
{
    if (!m->emulated || !cli->quick)
        return;
    if (!cli->sizes_given)
        cfg->emulated_sizes = 1; /* each op plan's emulated_sizes */
    if (!cli->samples_given)
        cfg->samples = 5;
    cfg->series = 0; /* emulated threads and batches tell nothing */
    cfg->max_repeats = 0;
    cfg->min_sample_ns = 100e3;
}

static int parse_uint(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* "32M", "1536K", "1G", "33554432" -> bytes, 64 KiB to 16 GiB. */
static int parse_bytes(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (*end == 'i' && shift)
        end++;
    if (*end == 'B' || (*end == 'b' && !end[1]))
        end++;
    if (*end || v > (16ull << 30) >> shift)
        return -1;
    v <<= shift;
    if (v < (64u << 10))
        return -1;
    *out = (size_t)v;
    return 0;
}

int measure_cli_parse(int argc, char **argv, measure_config *cfg, measure_cli *cli, int tune_options,
                      char *err, size_t errlen)
{
    memset(cli, 0, sizeof *cli);
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--quick"))
            cli->quick = 1;
    measure_config_defaults(cfg, cli->quick);
    size_t used = 0;
    for (int i = 0; i < argc && used + 2 < sizeof cli->command; i++) {
        int n = snprintf(cli->command + used, sizeof cli->command - used, "%s%s", i ? " " : "q4k ", argv[i]);
        if (n < 0)
            break;
        used += (size_t)n;
        if (used >= sizeof cli->command)
            used = sizeof cli->command - 1;
    }
    cfg->command = cli->command;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long u;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            return MEASURE_CLI_HELP;
        } else if (!strcmp(a, "--quick")) {
            /* handled above */
        } else if (!strcmp(a, "--resume")) {
            cfg->resume = 1;
        } else if (!strcmp(a, "--warm")) {
            cfg->warm = 1, cfg->cold = 0;
        } else if (!strcmp(a, "--cold")) {
            cfg->warm = 0, cfg->cold = 1;
        } else if (!strcmp(a, "--both")) {
            cfg->warm = cfg->cold = 1;
        } else if (!strcmp(a, "--no-series")) {
            cfg->series = 0;
        } else if (tune_options && !strcmp(a, "--no-hyperfine")) {
            cli->no_hyperfine = 1;
        } else if (tune_options && !strcmp(a, "--estimate")) {
            if (!val) {
                snprintf(err, errlen, "%s needs a value", a);
                return Q4K_EINVAL;
            }
            cli->estimate = argv[++i];
        } else if (!strcmp(a, "--out") || !strcmp(a, "--variants") || !strcmp(a, "--sizes") ||
                   !strcmp(a, "--samples") || !strcmp(a, "--min-sample-us") || !strcmp(a, "--op") ||
                   !strcmp(a, "--llc")) {
            if (!val) {
                snprintf(err, errlen, "%s needs a value", a);
                return Q4K_EINVAL;
            }
            i++;
            if (!strcmp(a, "--out")) {
                cli->out = val;
            } else if (!strcmp(a, "--variants")) {
                cfg->patterns = val;
            } else if (!strcmp(a, "--sizes")) {
                int rc = measure_parse_sizes(val, cfg, err, errlen);
                if (rc)
                    return rc;
                cli->sizes_given = 1;
            } else if (!strcmp(a, "--op")) {
                const op_plan *p = op_plan_parse(val, err, errlen);
                if (!p)
                    return Q4K_EINVAL;
                cfg->ops |= 1u << p->op;
            } else if (!strcmp(a, "--llc")) {
                if (parse_bytes(val, &cfg->llc_given)) {
                    snprintf(err, errlen, "--llc takes a size from 64K to 16G, e.g. 32M, not '%s'", val);
                    return Q4K_EINVAL;
                }
            } else if (!strcmp(a, "--samples")) {
                if (parse_uint(val, 3, 1000, &u)) {
                    snprintf(err, errlen, "--samples takes 3 to 1000, not '%s'", val);
                    return Q4K_EINVAL;
                }
                cfg->samples = (unsigned)u;
                cli->samples_given = 1;
            } else {
                if (parse_uint(val, 1, 10000000, &u)) {
                    snprintf(err, errlen, "--min-sample-us takes 1 to 10000000, not '%s'", val);
                    return Q4K_EINVAL;
                }
                cfg->min_sample_ns = (double)u * 1e3;
            }
        } else if (a[0] == '-' && a[1]) {
            snprintf(err, errlen, "unknown option '%s'", a);
            return Q4K_EINVAL;
        } else if (cli->n_positional < sizeof cli->positional / sizeof cli->positional[0]) {
            cli->positional[cli->n_positional++] = a;
        } else {
            snprintf(err, errlen, "too many arguments");
            return Q4K_EINVAL;
        }
    }
    if (cli->out)
        cfg->out_path = cli->out;
    return 0;
}
