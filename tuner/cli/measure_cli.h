/* measure_cli.h - the measurement options shared by `q4k measure` and
 * `q4k tune` (one parser, one help text, so both accept the same). */
#ifndef Q4K_MEASURE_CLI_H
#define Q4K_MEASURE_CLI_H

#include <stddef.h>

#include "measure.h"

#define MEASURE_CLI_HELP 1 /* measure_cli_parse saw --help */

typedef struct measure_cli {
    const char *positional[8];
    size_t n_positional;
    const char *out;        /* --out (a file for measure, a folder for tune) */
    int no_hyperfine;       /* --no-hyperfine (tune only) */
    const char *estimate;   /* --estimate FILE (tune only): static estimates for the report */
    int quick;
    int sizes_given, samples_given;
    char command[1024];     /* the command line, for the CSV header */
} measure_cli;

/* Fill cfg with the defaults (--quick aware) and the options in argv.
 * 0, MEASURE_CLI_HELP, or a negative status with a message in err.
 * tune_options: accept --no-hyperfine and --estimate too. */
int measure_cli_parse(int argc, char **argv, measure_config *cfg, measure_cli *cli, int tune_options,
                      char *err, size_t errlen);

/* Under an emulator --quick shrinks further (each op plan's emulated
 * sizes, dequant 1,16,256; fewer samples, no repeats, no extra series)
 * unless sizes or samples were given: the run checks the pipeline, and
 * emulated kernels are 100x slower. */
void measure_cli_adapt(measure_config *cfg, const measure_cli *cli, const q4k_machine *m);

/* Help text of the shared options. */
const char *measure_cli_options_help(void);

#endif
