/* select_rule.c - the selection rule (stated in select_rule.h). */
#include <string.h>

#include "q4k.h"
#include "select_rule.h"

const char *select_rule_mode(size_t working_set, size_t llc_bytes, int streamed, int have_warm, int have_cold)
{
    const char *mode = "warm";
    if (streamed || (llc_bytes && working_set > llc_bytes / 2))
        mode = "cold";
    if (!strcmp(mode, "warm") && !have_warm && have_cold)
        return "cold";
    if (!strcmp(mode, "cold") && !have_cold && have_warm)
        return "warm";
    return mode;
}

static double noise(const measure_row *r)
{
    double floor = SELECT_NOISE_FLOOR * r->median_ns;
    return r->mad_ns > floor ? r->mad_ns : floor;
}

int select_rule_within_noise(const measure_row *a, const measure_row *b)
{
    const measure_row *fast = a->median_ns <= b->median_ns ? a : b;
    const measure_row *slow = fast == a ? b : a;
    return slow->median_ns - noise(slow) <= fast->median_ns + noise(fast);
}

/* Strictly preferable as a winner: simpler, then faster, then by name. */
static int simpler(const measure_row *a, const measure_row *b)
{
    if (a->complexity != b->complexity)
        return a->complexity < b->complexity;
    if (a->median_ns != b->median_ns)
        return a->median_ns < b->median_ns;
    return strcmp(a->variant, b->variant) < 0;
}

const measure_row *select_rule_winner(const measure_row *const *rows, size_t n, const measure_row **fastest)
{
    if (fastest)
        *fastest = NULL;
    if (n == 0)
        return NULL;
    const measure_row *best = rows[0];
    for (size_t i = 1; i < n; i++)
        if (rows[i]->median_ns < best->median_ns ||
            (rows[i]->median_ns == best->median_ns && simpler(rows[i], best)))
            best = rows[i];
    const measure_row *winner = best;
    for (size_t i = 0; i < n; i++)
        if (rows[i] != best && select_rule_within_noise(rows[i], best) && simpler(rows[i], winner))
            winner = rows[i];
    if (fastest)
        *fastest = best;
    return winner;
}

const measure_row *select_rule_keep_previous(const measure_row *previous_here, const measure_row *fastest,
                                             const measure_row *winner)
{
    if (previous_here && fastest && select_rule_within_noise(previous_here, fastest))
        return previous_here;
    return winner;
}

size_t select_rule_simd_threshold(const size_t *sizes, const int *scalar_wins, size_t n, size_t *scalar_max)
{
    size_t max = 0;
    for (size_t i = 0; i < n && scalar_wins[i]; i++)
        max = sizes[i];
    *scalar_max = max;
    return max ? max + 1 : 0;
}
