/* report_chart.c - the chart of one operation (chart.svg for dequant):
 * throughput (GB/s of what the op's plan counts: dequant's output, matvec's
 * weights read) against the op's size per call on a log2 x axis, one panel
 * per mode (warm, cold) on a shared y scale. One line per family (ISA +
 * method, the best of its variants at each size), the scalar baseline and
 * the op's memory limits (the pure-store loops or the read loop). Plain
 * SVG, no scripts, readable in a browser or a Markdown viewer. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

enum { W = 1100, H = 530, PLOT_W = 440, PLOT_H = 320, TOP = 70, MAX_SERIES = 16 };
static const int panel_x[2] = {80, 620};

typedef struct series {
    char label[48];
    char isa[16], method[16]; /* family key; isa "limit"/"scalar" for the fixed lines */
    const char *variant;      /* a fixed line's row name, NULL for a family */
    const char *color, *dash;
    double width;
} series;

static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79"};

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else
            fputc(*s, f);
    }
}

/* Best GB/s of a series at (op, mode, n); 0 when not measured. */
static double value(const measure_set *set, const char *op, const series *s, const char *mode, size_t n)
{
    if (s->variant) {
        const measure_row *r = measure_set_find(set, op, s->variant, mode, n);
        return r ? r->gbps : 0;
    }
    double best = 0;
    for (size_t i = 0; i < set->n_rows; i++) {
        const measure_row *r = &set->rows[i];
        if (r->size == n && !strcmp(r->mode, mode) && !strcmp(r->isa, s->isa) && !strcmp(r->method, s->method) &&
            !strcmp(r->op, op) && measure_set_find(set, op, r->variant, mode, n) == r && r->gbps > best)
            best = r->gbps;
    }
    return best;
}

static size_t build_series(const measure_set *set, const op_plan *p, series *out)
{
    size_t n = 0, colors = 0;
    for (size_t i = 0; i < set->n_rows && n < MAX_SERIES - 5; i++) {
        const measure_row *r = &set->rows[i];
        if (!strcmp(r->isa, "limit") || !strcmp(r->isa, "scalar") || strcmp(r->op, p->name))
            continue;
        size_t k;
        for (k = 0; k < n && (strcmp(out[k].isa, r->isa) || strcmp(out[k].method, r->method)); k++)
            ;
        if (k < n)
            continue;
        series *s = &out[n++];
        memset(s, 0, sizeof *s);
        snprintf(s->isa, sizeof s->isa, "%s", r->isa);
        snprintf(s->method, sizeof s->method, "%s", r->method);
        snprintf(s->label, sizeof s->label, "%s %s (best)", r->isa, r->method);
        s->color = palette[colors++ % (sizeof palette / sizeof palette[0])];
        s->dash = "";
        s->width = 2.2;
    }
    static const struct {
        const char *variant, *label, *color, *dash;
        double width;
    } fixed[] = {
        {NULL, "scalar baseline", "#000000", "", 2.0}, /* the op's baseline */
        {"limit:store", "limit: plain stores", "#555555", "7,4", 1.6},
        {"limit:stream", "limit: non-temporal stores", "#555555", "2,3", 1.6},
        {"limit:memset", "limit: memset", "#999999", "9,3,2,3", 1.6},
        {"limit:read", "limit: plain reads", "#555555", "7,4", 1.6},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        const char *variant = fixed[i].variant ? fixed[i].variant : p->baseline;
        int present = 0;
        for (size_t r = 0; r < set->n_rows && !present; r++)
            present = !strcmp(set->rows[r].variant, variant) && !strcmp(set->rows[r].op, p->name);
        if (!present)
            continue;
        series *s = &out[n++];
        memset(s, 0, sizeof *s);
        s->variant = variant;
        snprintf(s->label, sizeof s->label, "%s", fixed[i].label);
        s->color = fixed[i].color;
        s->dash = fixed[i].dash;
        s->width = fixed[i].width;
    }
    return n;
}

/* A round step (1, 2 or 5 times a power of ten) giving about 5 ticks. */
static double nice_step(double max)
{
    double raw = max / 5, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

static void size_label(char *out, size_t len, size_t n)
{
    if (n >= 1048576 && n % 1048576 == 0)
        snprintf(out, len, "%zuM", n / 1048576);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, len, "%zuK", n / 1024);
    else
        snprintf(out, len, "%zu", n);
}

void report_chart_svg(FILE *f, const measure_set *set, const select_op *o)
{
    const op_plan *p = o->plan;
    series ser[MAX_SERIES];
    size_t n_ser = build_series(set, p, ser);
    static const char *const modes[2] = {"warm", "cold"};
    size_t n = o->n_buckets;
    double ymax = 0;
    for (int m = 0; m < 2; m++)
        for (size_t s = 0; s < n_ser; s++)
            for (size_t i = 0; i < n; i++) {
                double v = value(set, p->name, &ser[s], modes[m], o->buckets[i].size);
                ymax = v > ymax ? v : ymax;
            }
    if (ymax <= 0)
        ymax = 1;
    double step = nice_step(ymax);
    ymax = ceil(ymax / step) * step;
    double lx0 = n ? log2((double)o->buckets[0].size) : 0, lx1 = n ? log2((double)o->buckets[n - 1].size) : 1;
    if (lx1 <= lx0)
        lx1 = lx0 + 1;

    const char *device = measure_header_get(set, "device");
    const char *emu = measure_header_get(set, "emulated");
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n", W, H, W, H);
    fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H);
    fprintf(f, "<text x=\"%d\" y=\"28\" font-size=\"18\" font-weight=\"bold\">q4k on ", 40);
    xml_text(f, device ? device : "unknown device");
    fprintf(f, ": %s throughput against call size%s</text>\n", p->name,
            emu && strncmp(emu, "no", 2) ? " (qemu: NOT performance)" : "");
    fprintf(f, "<text x=\"40\" y=\"48\" fill=\"#444\">GB/s of %s (%zu bytes per %s), "
               "median of each point; higher is better</text>\n", p->rate_what, p->rate_bytes_per_unit, p->unit);

    for (int m = 0; m < 2; m++) {
        int x0 = panel_x[m], y0 = TOP, yb = TOP + PLOT_H;
        fprintf(f, "<g>\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", x0, y0 - 6,
                m ? "cold: buffers rotated beyond the last-level cache" : "warm: input and output in cache");
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n", x0, y0,
                PLOT_W, PLOT_H);
        for (double y = 0; y <= ymax + step / 2; y += step) {
            double py = yb - y / ymax * PLOT_H;
            fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n", x0, py,
                    x0 + PLOT_W, py);
            fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", x0 - 6, py + 4, y);
        }
        size_t every = n > 9 ? (n + 8) / 9 : 1;
        for (size_t i = 0; i < n; i++) {
            double px = x0 + (log2((double)o->buckets[i].size) - lx0) / (lx1 - lx0) * PLOT_W;
            fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>\n", px, y0, px, yb);
            if (i % every == 0 || i == n - 1) {
                char l[24];
                size_label(l, sizeof l, o->buckets[i].size);
                fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, yb + 18, l);
            }
        }
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s per call (log scale)</text>\n",
                x0 + PLOT_W / 2, yb + 40, p->units);
        fprintf(f, "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">GB/s</text>\n",
                x0 - 48, y0 + PLOT_H / 2);
        int drawn = 0;
        for (size_t s = 0; s < n_ser; s++) {
            char points[4096];
            size_t used = 0, count = 0;
            for (size_t i = 0; i < n && used + 32 < sizeof points; i++) {
                double v = value(set, p->name, &ser[s], modes[m], o->buckets[i].size);
                if (v <= 0)
                    continue;
                double px = x0 + (log2((double)o->buckets[i].size) - lx0) / (lx1 - lx0) * PLOT_W;
                double py = yb - v / ymax * PLOT_H;
                used += (size_t)snprintf(points + used, sizeof points - used, "%.1f,%.1f ", px, py);
                count++;
            }
            if (!count)
                continue;
            drawn = 1;
            fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s points=\"%s\"/>\n",
                    ser[s].color, ser[s].width, ser[s].dash[0] ? " stroke-dasharray=\"" : "", ser[s].dash,
                    ser[s].dash[0] ? "\"" : "", points);
            /* a dot per measured point, so single points and kinks show */
            for (size_t i = 0; i < n; i++) {
                double v = value(set, p->name, &ser[s], modes[m], o->buckets[i].size);
                if (v <= 0)
                    continue;
                double px = x0 + (log2((double)o->buckets[i].size) - lx0) / (lx1 - lx0) * PLOT_W;
                fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n", px,
                        yb - v / ymax * PLOT_H, ser[s].color);
            }
        }
        if (!drawn)
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#888\">not measured</text>\n",
                    x0 + PLOT_W / 2, y0 + PLOT_H / 2);
        fprintf(f, "</g>\n");
    }

    /* Legend below both panels, four entries a row. */
    int ly = TOP + PLOT_H + 70;
    for (size_t s = 0; s < n_ser; s++) {
        int lx = 80 + (int)(s % 4) * 255, y = ly + (int)(s / 4) * 22;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s/>\n", lx,
                y - 4, lx + 34, y - 4, ser[s].color, ser[s].width, ser[s].dash[0] ? " stroke-dasharray=\"" : "",
                ser[s].dash, ser[s].dash[0] ? "\"" : "");
        fprintf(f, "<text x=\"%d\" y=\"%d\">", lx + 42, y);
        xml_text(f, ser[s].label);
        fprintf(f, "</text>\n");
    }
    fprintf(f, "</svg>\n");
}
