/* measure_csv.c - read and write the measurements file (format: measure_csv.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "measure_csv.h"
#include "q4k.h"

static int is_key_field(const char *key)
{
    for (size_t i = 0; i < machine_key_field_count; i++)
        if (!strcmp(machine_key_fields[i], key))
            return 1;
    return 0;
}

const char *measure_header_get(const measure_set *set, const char *key)
{
    for (size_t i = set->n_header; i-- > 0;)
        if (!strcmp(set->header[i].key, key))
            return set->header[i].value;
    return NULL;
}

int measure_header_add(measure_set *set, const char *key, const char *value, char *err, size_t errlen)
{
    if (is_key_field(key)) {
        const char *old = measure_header_get(set, key);
        if (old && strcmp(old, value)) {
            snprintf(err, errlen,
                     "measurements of different machines or builds must not be mixed: "
                     "'%s' is '%s' in one and '%s' in the other",
                     key, old, value);
            return Q4K_EINVAL;
        }
    }
    if (set->n_header == set->cap_header) {
        size_t cap = set->cap_header ? 2 * set->cap_header : 32;
        measure_kv *h = realloc(set->header, cap * sizeof *h);
        if (!h)
            return Q4K_ENOMEM;
        set->header = h;
        set->cap_header = cap;
    }
    measure_kv *kv = &set->header[set->n_header++];
    snprintf(kv->key, sizeof kv->key, "%s", key);
    snprintf(kv->value, sizeof kv->value, "%s", value);
    return Q4K_OK;
}

int measure_set_add_row(measure_set *set, const measure_row *row)
{
    if (set->n_rows == set->cap_rows) {
        size_t cap = set->cap_rows ? 2 * set->cap_rows : 256;
        measure_row *r = realloc(set->rows, cap * sizeof *r);
        if (!r)
            return Q4K_ENOMEM;
        set->rows = r;
        set->cap_rows = cap;
    }
    set->rows[set->n_rows++] = *row;
    return Q4K_OK;
}

void measure_set_free(measure_set *set)
{
    free(set->header);
    free(set->rows);
    memset(set, 0, sizeof *set);
}

const measure_row *measure_set_find_series(const measure_set *set, const char *op, const char *variant,
                                           const char *mode, size_t size, unsigned vecs, unsigned threads)
{
    /* From the end: a later measurement of the same point supersedes. */
    for (size_t i = set->n_rows; i-- > 0;) {
        const measure_row *r = &set->rows[i];
        if (r->size == size && r->vecs == vecs && r->threads == threads && !strcmp(r->variant, variant) &&
            !strcmp(r->mode, mode) && !strcmp(r->op, op))
            return r;
    }
    return NULL;
}

const measure_row *measure_set_find(const measure_set *set, const char *op, const char *variant,
                                    const char *mode, size_t size)
{
    return measure_set_find_series(set, op, variant, mode, size, 1, 1);
}

int measure_set_version(const measure_set *set)
{
    return set->version;
}

int measure_header_matches(const measure_set *set, const q4k_machine *m, char *err, size_t errlen)
{
    for (size_t i = 0; i < machine_key_field_count; i++) {
        const char *key = machine_key_fields[i];
        const char *have = measure_header_get(set, key);
        const char *now = machine_field(m, key);
        if (!have) {
            snprintf(err, errlen, "the measurements file has no '%s' key: not written by q4k measure?", key);
            return Q4K_EFORMAT;
        }
        if (strcmp(have, now)) {
            snprintf(err, errlen,
                     "refusing to mix measurements: '%s' is '%s' in the file but '%s' here",
                     key, have, now);
            return Q4K_EINVAL;
        }
    }
    return Q4K_OK;
}

/* ---- writing ---------------------------------------------------------- */

void measure_csv_write_kv(FILE *f, const char *key, const char *value)
{
    /* One line per pair: newlines in a value would break the format. */
    fprintf(f, "# %s: ", key);
    for (const char *p = value; *p; p++)
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
    fputc('\n', f);
}

void measure_csv_write_columns(FILE *f)
{
    fputs(MEASURE_CSV_COLUMNS "\n", f);
}

void measure_csv_write_row(FILE *f, const measure_row *r)
{
    fprintf(f, "%s,%s,%s,%u,%u,%d,%u,%s,%zu,%u,%llu,%.4f,%.4f,%.4f,%.4f,%.3f,%s,%s,%u,%u\n", r->variant, r->isa,
            r->method, r->unroll, r->prefetch, r->nt, r->complexity, r->mode, r->size, r->samples,
            r->iters, r->median_ns, r->mad_ns, r->min_ns, r->max_ns, r->gbps, r->flags, r->op,
            r->vecs ? r->vecs : 1, r->threads ? r->threads : 1);
}

/* ---- reading ---------------------------------------------------------- */

static int field_text(const char *s, char *dst, size_t dstlen)
{
    if (strlen(s) >= dstlen)
        return -1;
    memcpy(dst, s, strlen(s) + 1);
    return 0;
}

static int field_ull(const char *s, unsigned long long *v)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return (*end || errno) ? -1 : 0;
}

static int field_double(const char *s, double *v)
{
    char *end;
    if (!*s)
        return -1;
    *v = strtod(s, &end);
    return (*end || *v != *v || *v < 0) ? -1 : 0;
}

/* One data row of a version-`version` file; v1 rows are dequant's, v1 and
 * v2 rows are of one vector and one thread. */
static int parse_row(char *line, int version, measure_row *r)
{
    const size_t want = version == 1 ? 17 : version == 2 ? 18 : 20;
    char *fields[20];
    size_t n = 0;
    char *p = line;
    memset(r, 0, sizeof *r);
    for (;;) {
        if (n == want)
            return -1;
        fields[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    if (n != want)
        return -1;
    if (version == 1)
        snprintf(r->op, sizeof r->op, "%s", q4k_op_name(Q4K_OP_DEQUANT));
    else {
        snprintf(r->op, sizeof r->op, "%s", fields[17]); /* cut: for the message */
        if (strlen(fields[17]) >= sizeof r->op || q4k_op_find(r->op) < 0)
            return -2; /* an operation this q4k does not know */
    }
    unsigned long long u[6];
    if (field_text(fields[0], r->variant, sizeof r->variant) || !r->variant[0] ||
        field_text(fields[1], r->isa, sizeof r->isa) || field_text(fields[2], r->method, sizeof r->method) ||
        field_ull(fields[3], &u[0]) || field_ull(fields[4], &u[1]) || field_ull(fields[5], &u[2]) ||
        field_ull(fields[6], &u[3]) || field_text(fields[7], r->mode, sizeof r->mode) ||
        field_ull(fields[8], &u[4]) || field_ull(fields[9], &u[5]) || field_ull(fields[10], &r->iters) ||
        field_double(fields[11], &r->median_ns) || field_double(fields[12], &r->mad_ns) ||
        field_double(fields[13], &r->min_ns) || field_double(fields[14], &r->max_ns) ||
        field_double(fields[15], &r->gbps) || field_text(fields[16], r->flags, sizeof r->flags))
        return -1;
    if (strcmp(r->mode, "warm") && strcmp(r->mode, "cold"))
        return -1;
    if (u[0] > 1024 || u[1] > 1u << 20 || u[2] > 1 || u[3] > 1u << 20 || u[4] == 0 || u[4] > (1ull << 40) ||
        u[5] == 0 || u[5] > 1u << 24)
        return -1;
    r->unroll = (unsigned)u[0];
    r->prefetch = (unsigned)u[1];
    r->nt = (int)u[2];
    r->complexity = (unsigned)u[3];
    r->size = (size_t)u[4];
    r->samples = (unsigned)u[5];
    r->vecs = r->threads = 1;
    if (version >= 3) {
        unsigned long long vt[2];
        if (field_ull(fields[18], &vt[0]) || field_ull(fields[19], &vt[1]) || vt[0] == 0 || vt[0] > 4096 ||
            vt[1] == 0 || vt[1] > 4096)
            return -1;
        r->vecs = (unsigned)vt[0];
        r->threads = (unsigned)vt[1];
    }
    return 0;
}

/* "# key: value" -> key and value in place; 0 when the line has that shape. */
static int parse_header_line(char *line, char **key, char **value)
{
    char *p = line + 1;
    while (*p == ' ')
        p++;
    char *k = p;
    while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
        p++;
    if (p == k || p[0] != ':' || (p[1] != ' ' && p[1] != '\0'))
        return -1;
    *p = '\0';
    *key = k;
    *value = p[1] ? p + 2 : p + 1;
    return 0;
}

int measure_set_read(const char *path, measure_set *set, char *err, size_t errlen)
{
    void *data;
    size_t size;
    int rc = q4k_read_file(path, &data, &size, err, errlen);
    if (rc)
        return rc;
    char *text = data;
    int version = 0, have_columns = 0;
    unsigned line_no = 0;
    char msg[600];
    size_t pos = 0;
    rc = Q4K_OK;

    while (pos < size && rc == Q4K_OK) {
        char *line = text + pos;
        char *nl = memchr(line, '\n', size - pos);
        line_no++;
        if (!nl)
            break; /* a row cut short by a crash mid-write: not a measurement */
        if (memchr(line, '\0', (size_t)(nl - line))) {
            snprintf(msg, sizeof msg, "line %u: NUL byte: not a measurements file", line_no);
            rc = Q4K_EFORMAT;
            break;
        }
        *nl = '\0';
        pos = (size_t)(nl - text) + 1;
        if (nl > line && nl[-1] == '\r')
            nl[-1] = '\0';
        if (!line[0])
            continue;
        if (line[0] == '#') {
            char *key, *value;
            if (parse_header_line(line, &key, &value) != 0)
                continue; /* a plain comment */
            if (!strcmp(key, "q4k-measurements") && !version) {
                if (strcmp(value, MEASURE_CSV_VERSION) && strcmp(value, "1") && strcmp(value, "2")) {
                    snprintf(msg, sizeof msg, "measurements format version %.32s is not supported (this q4k "
                             "reads 1 to %s): select it with the q4k that wrote it, or measure again",
                             value, MEASURE_CSV_VERSION);
                    rc = Q4K_EVERSION;
                    break;
                }
                version = atoi(value);
            }
            rc = measure_header_add(set, key, value, msg, sizeof msg);
            continue;
        }
        if (!have_columns) {
            if (!version || strcmp(line, version == 1   ? MEASURE_CSV_COLUMNS_V1
                                         : version == 2 ? MEASURE_CSV_COLUMNS_V2
                                                        : MEASURE_CSV_COLUMNS)) {
                snprintf(msg, sizeof msg, "line %u: not a q4k measurements file (expected the '# q4k-measurements: %s' "
                         "header and then the column line)", line_no, MEASURE_CSV_VERSION);
                rc = Q4K_EFORMAT;
                break;
            }
            have_columns = 1;
            continue;
        }
        measure_row r;
        int bad = parse_row(line, version, &r);
        if (bad == -2) {
            snprintf(msg, sizeof msg, "line %u: operation '%s' is unknown to this q4k", line_no, r.op);
            rc = Q4K_EFORMAT;
            break;
        }
        if (bad) {
            snprintf(msg, sizeof msg, "line %u: malformed measurement row", line_no);
            rc = Q4K_EFORMAT;
            break;
        }
        rc = measure_set_add_row(set, &r);
    }
    if (rc == Q4K_OK && !have_columns) {
        snprintf(msg, sizeof msg, "no measurements (empty or not a q4k measurements file)");
        rc = Q4K_EFORMAT;
    }
    if (rc == Q4K_OK && (!set->version || version < set->version))
        set->version = version;
    if (rc && err && errlen)
        snprintf(err, errlen, "%s: %s", path, rc == Q4K_ENOMEM ? "out of memory" : msg);
    free(data);
    return rc;
}
