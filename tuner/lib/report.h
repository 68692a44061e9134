/* report.h - the tuning report: report.md (tables a person reads at a
 * glance, a section per operation) and a chart per operation (throughput
 * against size: chart.svg for dequant, chart-<op>.svg for others), made
 * from the measurements and the selection alone, so they can be written
 * anywhere. */
#ifndef Q4K_REPORT_H
#define Q4K_REPORT_H

#include <stddef.h>

#include "measure_csv.h"
#include "select.h"

/* Static estimates of kernels the measuring machine cannot run (the NEON
 * kernels on x86: scripts/neon-estimate.sh), kept beside the measurements
 * under this name; report.md shows them in a section of their own. */
#define REPORT_ESTIMATE_FILE "neon-estimate.csv"

/* Write DIR/report.md and the charts (DIR must exist or is created).
 * If DIR/neon-estimate.csv exists, report.md shows it, labelled as an
 * estimate and apart from every measured table.
 * hyperfine_md: Markdown for the process-level confirmation section, or
 * NULL to leave the section out. 0 or a negative status (message in err). */
int report_write(const char *dir, const measure_set *set, const selection *sel, const char *hyperfine_md,
                 char *err, size_t errlen);

/* Only the chart of one op, as SVG text into f. */
void report_chart_svg(FILE *f, const measure_set *set, const select_op *o);
/* The chart's file name for op o: "chart.svg" (dequant), "chart-<op>.svg". */
const char *report_chart_file(const select_op *o, char *buf, size_t len);

#endif
