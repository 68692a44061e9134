/* main.c - the q4k program: dispatches to one subcommand per file. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"list", cmd_list, "list the kernel variants usable on this CPU (--all, --json)"},
    {"verify", cmd_verify, "check every variant bit-exactly against the scalar baseline"},
    {"dequant", cmd_dequant, "dequantize raw Q4_K blocks to little-endian float32"},
    {"matvec", cmd_matvec, "fused Q4_K matrix x float32 vectors (via Q8_K) -> float32"},
    {"bench", cmd_bench, "time variants at given sizes (ns per block or weight block, GB/s)"},
    {"measure", cmd_measure, "measure every variant at every size bucket (CSV)"},
    {"select", cmd_select, "pick per-size winners from measurements; write a profile"},
    {"tune", cmd_tune, "measure + select + report into results/<device>/"},
    {"info", cmd_info, "show the CPU, the dispatch table in force and its origin"},
    {"gguf", cmd_gguf, "list, dequantize, multiply by, walk the layers of, benchmark or synthesize a GGUF file"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: q4k COMMAND [OPTIONS]\n\n"
               "Generated, autotuned Q4_K kernels: dequantization and fused matrix-vector\n"
               "products.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'q4k COMMAND --help' describes each command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "q4k: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
