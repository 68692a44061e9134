/* cmd_list.c - q4k list: the variants, as a table or JSON. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "op_plan.h"
#include "q4k.h"

static void print_features(FILE *f, uint32_t bits, const char *sep, int quoted)
{
    int first = 1;
    for (unsigned i = 0; i < 32; i++)
        if ((bits & (1u << i)) && q4k_feature_name(1u << i)) {
            fprintf(f, quoted ? "%s\"%s\"" : "%s%s", first ? "" : sep, q4k_feature_name(1u << i));
            first = 0;
        }
    if (first && !quoted)
        fputs("-", f);
}

int cmd_list(int argc, char **argv)
{
    int all = 0, json = 0, op = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--all"))
            all = 1;
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--op") && i + 1 < argc) {
            char err[200];
            const op_plan *p = op_plan_parse(argv[++i], err, sizeof err);
            if (!p) {
                fprintf(stderr, "q4k list: %s\n", err);
                return 2;
            }
            op = (int)p->op;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: q4k list [--all] [--json] [--op NAME]\n\n"
                   "Lists the kernel variants usable on this CPU: name, operation, ISA, method,\n"
                   "unroll (dequant: blocks per iteration; matvec: weight rows per iteration),\n"
                   "prefetch distance (blocks), store kind and required CPU features. The JSON\n"
                   "of a matvec variant also has \"vecs\" (activation vectors per iteration).\n"
                   "  --all      every compiled variant, with a column saying if it is usable here\n"
                   "  --json     one JSON array on stdout\n"
                   "  --op NAME  only the variants of one operation (there is: %s)\n",
                   op_plan_names());
            return 0;
        } else {
            fprintf(stderr, "q4k list: unknown option '%s' (try --help)\n", argv[i]);
            return 2;
        }
    }
    size_t n_all = all ? q4k_variant_count_all() : q4k_variant_count(), n = 0;
    /* column widths: at least the historical ones, wider when a name needs it */
    int w_name = 36, w_op = 8, w_isa = 7;
    for (size_t i = 0; i < n_all; i++) {
        const q4k_variant *v = all ? q4k_variant_at_all(i) : q4k_variant_at(i);
        if (op >= 0 && v->op != (q4k_op)op)
            continue;
        int ln = (int)strlen(v->name), lo = (int)strlen(q4k_op_name(v->op)), li = (int)strlen(v->isa);
        w_name = ln > w_name ? ln : w_name;
        w_op = lo > w_op ? lo : w_op;
        w_isa = li > w_isa ? li : w_isa;
    }
    if (json)
        printf("[\n");
    else
        printf("%-*s %-*s %-*s %-6s %6s %8s %-5s %-6s %s\n", w_name, "variant", w_op, "op", w_isa, "isa", "method",
               "unroll", "prefetch", "store", "usable", "features");
    for (size_t i = 0; i < n_all; i++) {
        const q4k_variant *v = all ? q4k_variant_at_all(i) : q4k_variant_at(i);
        if (op >= 0 && v->op != (q4k_op)op)
            continue;
        const int usable = q4k_variant_usable(v);
        if (json) {
            printf("%s  {\"name\": \"%s\", \"op\": \"%s\", \"isa\": \"%s\", \"method\": \"%s\", "
                   "\"unroll\": %u, \"prefetch\": %u, \"nontemporal\": %s, \"usable\": %s, "
                   "\"complexity\": %u, \"features\": [",
                   n ? ",\n" : "", v->name, q4k_op_name(v->op), v->isa, v->method, v->unroll, v->prefetch,
                   v->nontemporal ? "true" : "false", usable ? "true" : "false", v->complexity);
            print_features(stdout, v->features, ", ", 1);
            printf("]");
            if (v->matvec) /* the matrix-vector ops: vectors per tile */
                printf(", \"vecs\": %u", v->vecs);
            printf("}");
        } else {
            printf("%-*s %-*s %-*s %-6s %6u %8u %-5s %-6s ", w_name, v->name, w_op, q4k_op_name(v->op), w_isa, v->isa,
                   v->method, v->unroll, v->prefetch, v->nontemporal ? "nt" : "plain", usable ? "yes" : "no");
            print_features(stdout, v->features, ",", 0);
            putchar('\n');
        }
        n++;
    }
    if (json)
        printf("%s]\n", n ? "\n" : "");
    else
        fprintf(stderr, "%zu variant(s)%s; CPU features: ", n, all ? " compiled" : " usable here");
    if (!json) {
        print_features(stderr, q4k_cpu_features(), ",", 0);
        fputc('\n', stderr);
    }
    return 0;
}
