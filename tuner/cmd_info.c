/* cmd_info.c - placeholder until the subcommand lands. */
#include <stdio.h>
#include "commands.h"

int cmd_info(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "q4k %s: not implemented yet\n", argv[0]);
    return 2;
}
