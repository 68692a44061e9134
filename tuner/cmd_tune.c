/* cmd_tune.c - placeholder until the subcommand lands. */
#include <stdio.h>
#include "commands.h"

int cmd_tune(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "q4k %s: not implemented yet\n", argv[0]);
    return 2;
}
