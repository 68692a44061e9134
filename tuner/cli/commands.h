/* commands.h - the q4k program's subcommands, one file each (tuner/cli/cmd_*.c).
 * Each takes argv with argv[0] = its own name and returns the exit status:
 * 0 success, 1 failure (e.g. a variant failed verification), 2 usage or
 * input error. Errors go to stderr; machine-readable output to stdout. */
#ifndef Q4K_COMMANDS_H
#define Q4K_COMMANDS_H

#include <stdio.h>

int cmd_list(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_dequant(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_select(int argc, char **argv);
int cmd_tune(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_gguf(int argc, char **argv);
int cmd_gguf_layers(int argc, char **argv); /* q4k gguf layers, called by cmd_gguf */
int cmd_gguf_synth(int argc, char **argv);  /* q4k gguf synth, called by cmd_gguf */
int cmd_matvec(int argc, char **argv);
int cmd_gguf_matvec(int argc, char **argv); /* q4k gguf matvec, called by cmd_gguf (cmd_matvec.c) */
int cmd_gguf_bench(int argc, char **argv);  /* q4k gguf bench, called by cmd_gguf */

/* s as a JSON string, with the escapes RFC 8259 requires; other bytes as
 * they are (cmd_gguf.c; the --json outputs of the gguf commands). */
void json_string(FILE *f, const char *s);

/* Open a GGUF file for commands that pass over its weights many times
 * (cmd_gguf.c; gguf bench, gguf layers): read into memory
 * (q4k_gguf_load) unless want_mmap, or unless the file is larger than
 * half of the machine's physical memory, then mapped (q4k_gguf_open).
 * *mapped says which. A q4k status, with a message in err. */
struct q4k_gguf;
int gguf_open_for_passes(const char *path, int want_mmap, struct q4k_gguf **g, int *mapped, char *err,
                         size_t errlen);

#endif
