/* select_rule.h - THE selection rule of the tuner, in one place.
 *
 *  Applied per operation (op_plan.h), on that op's rows only.
 *
 *  1. Which measurement decides a size: warm while the working set (input
 *     plus output: the op's bytes per unit times the size; dequant 1168
 *     bytes a block) fits in half the last-level cache, cold beyond. The
 *     cache size is the measurements' llc_bytes: measured as the knee of a
 *     store loop where possible, else the OS's figure capped (llc_probe.h). Small calls are typically repeated on data in cache
 *     (a tile, a row); large ones stream a tensor through memory, where
 *     warm and cold are physically the same anyway. Unknown cache size:
 *     warm throughout. Except for ops whose calls stream their input
 *     (op_plan.streamed: matvec and matvec_q6k, where a decode step reads
 *     each weight matrix once per token and the rest of the model evicts
 *     it before the next): cold at every size, since a 9 MiB matrix that
 *     would fit the cache arrives from memory all the same. A mode that was
 *     not measured falls back to the other.
 *  2. Noise: a point's interval is median +- max(MAD, 1% of the median).
 *  3. Winner per size: among the variants whose interval overlaps the
 *     fastest one's, the simplest (lowest q4k_variant.complexity; then the
 *     lower median; then the name). So extra unrolling, prefetching,
 *     streaming stores or wider ISAs must be faster beyond noise to win.
 *  3b. Stability across sizes: when the previous (next smaller) size's
 *     winner is within noise of the fastest here too, it wins here as
 *     well, so neighbouring buckets change their variant only for a
 *     difference beyond noise (winners that flip from one bucket to the
 *     next on noise make profiles longer and their differences meaningless).
 *     Per op and series (vectors, threads), ascending sizes.
 *  4. SIMD threshold (reported, not a table entry): the largest size S such
 *     that the scalar baseline wins (by rule 3) at every measured size up
 *     to S, or 0 when scalar does not win even at the smallest size. */
#ifndef Q4K_SELECT_RULE_H
#define Q4K_SELECT_RULE_H

#include <stddef.h>

#include "measure_csv.h"

#define SELECT_NOISE_FLOOR 0.01 /* relative: 1% of the median */

/* Rule 1: "warm" or "cold" for a call whose input plus output is
 * working_set bytes, of an op whose calls stream their input or not. */
const char *select_rule_mode(size_t working_set, size_t llc_bytes, int streamed, int have_warm, int have_cold);

/* Rule 2: 1 when the intervals of a and b overlap. */
int select_rule_within_noise(const measure_row *a, const measure_row *b);

/* Rule 3: the winner among n candidate rows (same size and mode); the
 * fastest goes to *fastest (may be NULL). NULL when n == 0. */
const measure_row *select_rule_winner(const measure_row *const *rows, size_t n, const measure_row **fastest);

/* Rule 3b: the previous size's winner measured at this size (NULL when
 * none was), the fastest here and the rule-3 winner here -> the winner. */
const measure_row *select_rule_keep_previous(const measure_row *previous_here, const measure_row *fastest,
                                             const measure_row *winner);

/* Rule 4: sizes ascending, scalar_wins[i] = 1 where scalar won. Returns
 * S + 1 (0 if none); *scalar_max gets S (0 if none). The profile holds no
 * threshold: the buckets up to S name the scalar baseline (rule 3). */
size_t select_rule_simd_threshold(const size_t *sizes, const int *scalar_wins, size_t n, size_t *scalar_max);

#endif
