/* cmd_verify.c - q4k verify: every usable variant against the scalar
 * baseline (and the baseline against the golden vectors). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "op_plan.h"
#include "verify.h"

int cmd_verify(int argc, char **argv)
{
    const char *data = q4k_default_golden_dir();
    const char *only = NULL;
    const op_plan *only_op = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--op") && i + 1 < argc) {
            char err[200];
            if (!(only_op = op_plan_parse(argv[++i], err, sizeof err))) {
                fprintf(stderr, "q4k verify: %s\n", err);
                return 2;
            }
        } else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--no-golden"))
            data = NULL;
        else if (!strcmp(argv[i], "--variant") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: q4k verify [--op NAME] [--variant NAME] [--data DIR | --no-golden]\n\n"
                   "Checks every variant usable on this CPU bit-exactly against its operation's\n"
                   "scalar baseline (every non-NaN value bit for bit, NaN by class; Q8_K bytes\n"
                   "byte for byte), at unaligned addresses with guard bytes, and the baselines\n"
                   "against the golden vectors in DIR (default: $Q4K_TESTDATA or the source\n"
                   "tree's tests/data), made by llama.cpp:\n"
                   "  dequant       random and adversarial blocks (special fp16 d/dmin, every\n"
                   "                scale byte value), sizes 0..64; golden: q4k_<case>.bin/.f32\n"
                   "  matvec        random and adversarial weights and activations (the int32\n"
                   "                extremes, fp16 and d8 specials), rows 1..301, 1..16 blocks a\n"
                   "                row, 1..9 vectors, 1 and 3 threads; golden: every q4k_<case>.bin\n"
                   "                as rows of 16 blocks x dot_x.q8k bit for bit, and the baseline\n"
                   "                within 1e-5 (of the largest |y|) of ggml's vec_dot and the\n"
                   "                float64 value (dot_<case>.ggml.f32, .deq_q8.f64)\n"
                   "  quantize_q8k  random and adversarial floats (zeros, ties, halves, tiny and\n"
                   "                huge), sizes 0..80 blocks; golden: dot_x.f32 -> dot_x.q8k\n"
                   "  dequant_q6k   random and adversarial Q6_K blocks (special fp16 d, every\n"
                   "                scale byte value, the product's extremes), sizes 0..64;\n"
                   "                golden: q6k_<case>.bin/.f32\n"
                   "  --op NAME  only the variants of one operation (there is: %s)\n"
                   "Exit status: 0 all pass, 1 a variant failed, 2 usage error.\n",
                   op_plan_names());
            return 0;
        } else {
            fprintf(stderr, "q4k verify: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        }
    }
    int failures = 0;
    size_t checked = 0;
    printf("%-36s %-7s %12s %10s  %s\n", "variant", "isa", "values", "mismatch", "result");
    if (!data)
        fprintf(stderr, "q4k verify: no golden vectors found; checking against the scalar "
                        "baseline only (pass --data DIR)\n");
    for (size_t k = 0; k < op_plan_count(); k++) {
        const op_plan *p = op_plan_at(k);
        if (only_op && p != only_op)
            continue;
        const q4k_variant *base = q4k_variant_find(p->baseline);
        if (data && p->verify_golden && base) {
            q4k_verify_report rep;
            char label[80];
            snprintf(label, sizeof label, "golden vectors (%s baseline)", p->name);
            int st = p->verify_golden(base, data, &rep);
            printf("%-36s %-7s %12zu %10zu  %s\n", label, base->isa, rep.values, rep.mismatches,
                   st == 0 ? (rep.values ? "pass" : "skipped: no golden files") : st > 0 ? rep.first : q4k_strerror(st));
            failures += st != 0;
        }
        for (size_t i = 0; i < q4k_variant_count(); i++) {
            const q4k_variant *v = q4k_variant_at(i);
            if (v->op != p->op || (only && strcmp(only, v->name)))
                continue;
            q4k_verify_report rep;
            int st = p->verify(v, data, &rep);
            printf("%-36s %-7s %12zu %10zu  %s\n", v->name, v->isa, rep.values, rep.mismatches,
                   st == 0 ? "pass" : st > 0 ? rep.first : q4k_strerror(st));
            fflush(stdout);
            failures += st != 0;
            checked++;
        }
    }
    if (only && !checked) {
        fprintf(stderr, "q4k verify: no usable variant named '%s'%s%s (see 'q4k list')\n", only,
                only_op ? " of " : "", only_op ? only_op->name : "");
        return 2;
    }
    fprintf(stderr, "%zu variant(s) checked, %d failure(s)\n", checked, failures);
    return failures ? 1 : 0;
}
