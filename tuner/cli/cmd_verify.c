/* cmd_verify.c - q4k verify: every usable variant against the scalar
 * baseline (and the baseline against the golden vectors). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "verify.h"

int cmd_verify(int argc, char **argv)
{
    const char *data = q4k_default_golden_dir();
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--no-golden"))
            data = NULL;
        else if (!strcmp(argv[i], "--variant") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: q4k verify [--variant NAME] [--data DIR | --no-golden]\n\n"
                   "Checks every variant usable on this CPU bit-exactly against the scalar\n"
                   "baseline (every non-NaN value bit for bit, NaN by class) on random and\n"
                   "adversarial blocks (special fp16 d/dmin, every scale byte value), sizes\n"
                   "0..64 at unaligned addresses with guard bytes, and the golden vectors in\n"
                   "DIR (default: $Q4K_TESTDATA or the source tree's tests/data).\n"
                   "Exit status: 0 all pass, 1 a variant failed, 2 usage error.\n");
            return 0;
        } else {
            fprintf(stderr, "q4k verify: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        }
    }
    const q4k_variant *scalar = q4k_variant_find("q4k_dequant__scalar");
    int failures = 0;
    printf("%-36s %-7s %12s %10s  %s\n", "variant", "isa", "values", "mismatch", "result");
    if (data) {
        q4k_verify_report rep;
        int st = q4k_verify_golden(scalar, data, &rep);
        printf("%-36s %-7s %12zu %10zu  %s\n", "golden vectors (scalar baseline)", "scalar",
               rep.values, rep.mismatches,
               st == 0 ? (rep.values ? "pass" : "skipped: no golden files") : rep.first);
        failures += st != 0;
    } else {
        fprintf(stderr, "q4k verify: no golden vectors found; checking against the scalar "
                        "baseline only (pass --data DIR)\n");
    }
    size_t n = q4k_variant_count(), checked = 0;
    for (size_t i = 0; i < n; i++) {
        const q4k_variant *v = q4k_variant_at(i);
        if (only && strcmp(only, v->name))
            continue;
        q4k_verify_report rep;
        int st = q4k_verify_variant(v, data, &rep);
        printf("%-36s %-7s %12zu %10zu  %s\n", v->name, v->isa, rep.values, rep.mismatches,
               st == 0 ? "pass" : st > 0 ? rep.first : "error: out of memory");
        fflush(stdout);
        failures += st != 0;
        checked++;
    }
    if (only && !checked) {
        fprintf(stderr, "q4k verify: no usable variant named '%s' (see 'q4k list')\n", only);
        return 2;
    }
    fprintf(stderr, "%zu variant(s) checked, %d failure(s)\n", checked, failures);
    return failures ? 1 : 0;
}
