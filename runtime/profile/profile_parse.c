/* profile_parse.c - parser of the tuning profile text (format: profile_parse.h).
 *
 * Works on a bounded buffer, never trusts a length or a number in the text,
 * and reports the first problem with its line number. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_parse.h"

const char *q4k_profile_host_arch(void)
{
#if defined(__x86_64__) || defined(_M_X64)
    return "x86_64";
#elif defined(__aarch64__) || defined(_M_ARM64)
    return "aarch64";
#else
    return "generic";
#endif
}

int q4k_feature_parse(const char *names, uint32_t *bits, char *bad, size_t badlen)
{
    uint32_t acc = 0;
    const char *p = names;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, " \t");
        char name[32];
        uint32_t bit = 0;
        if (n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            bit = q4k_feature_bit(name);
        }
        if (!bit) {
            if (bad && badlen)
                snprintf(bad, badlen, "%.*s", (int)(n < 64 ? n : 64), p);
            return Q4K_EFORMAT;
        }
        acc |= bit;
        p += n;
    }
    *bits = acc;
    return Q4K_OK;
}

/* ---- the parser ------------------------------------------------------- */

struct parser {
    q4k_profile *p;
    unsigned line;
    char *err;
    size_t errlen;
    unsigned seen; /* bit per single-valued key, to refuse repeats */
};

static int fail(struct parser *ps, int status, const char *fmt, ...)
{
    if (ps->err && ps->errlen) {
        int n = ps->line ? snprintf(ps->err, ps->errlen, "line %u: ", ps->line) : 0;
        if (n >= 0 && (size_t)n < ps->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return status;
}

/* Decimal number without sign, at most 2^40 (far beyond any bucket). */
static int parse_count(const char *s, size_t *out)
{
    size_t v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (size_t)(*s - '0');
        if (v > ((size_t)1 << 40))
            return -1;
    }
    *out = v;
    return 0;
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int copy_value(struct parser *ps, const char *key, const char *value, char *dst, size_t dstlen)
{
    if (strlen(value) >= dstlen)
        return fail(ps, Q4K_EFORMAT, "'%s' value is too long (at most %zu characters)", key, dstlen - 1);
    memcpy(dst, value, strlen(value) + 1);
    return Q4K_OK;
}

static int parse_bucket(struct parser *ps, char *value)
{
    q4k_profile *p = ps->p;
    if (p->n_buckets == Q4K_PROFILE_MAX_BUCKETS)
        return fail(ps, Q4K_EFORMAT, "more than %d buckets", Q4K_PROFILE_MAX_BUCKETS);
    q4k_profile_bucket *b = &p->buckets[p->n_buckets];
    memset(b, 0, sizeof *b);

    char *save = NULL;
    char *tok = strtok_r(value, " \t", &save);
    int op = tok ? q4k_op_find(tok) : -1;
    if (op < 0)
        return fail(ps, Q4K_EFORMAT, "bucket needs an operation (%s), a size, then variant names; not '%.32s'",
                    q4k_op_name(Q4K_OP_DEQUANT), tok ? tok : "");
    b->op = (q4k_op)op;
    b->line = ps->line;
    tok = strtok_r(NULL, " \t", &save);
    if (!tok || parse_count(tok, &b->max_size) != 0 || b->max_size == 0)
        return fail(ps, Q4K_EFORMAT, "bucket %s needs a size (a positive count), then variant names", q4k_op_name(b->op));
    b->vecs = b->threads = 1;
    /* the series, optional: vecs=N threads=N, in this order */
    tok = strtok_r(NULL, " \t", &save);
    static const char *const series_key[2] = {"vecs=", "threads="};
    for (int k = 0; k < 2 && tok; k++) {
        const size_t kl = strlen(series_key[k]);
        if (strncmp(tok, series_key[k], kl))
            continue;
        size_t n;
        if (parse_count(tok + kl, &n) != 0 || n == 0 || n > 4096)
            return fail(ps, Q4K_EFORMAT, "bucket %s %zu: '%.32s' needs a count from 1 to 4096", q4k_op_name(b->op),
                        b->max_size, tok);
        if (k == 0)
            b->vecs = (unsigned)n;
        else
            b->threads = (unsigned)n;
        tok = strtok_r(NULL, " \t", &save);
    }
    for (size_t k = p->n_buckets; k-- > 0;)
        if (p->buckets[k].op == b->op && p->buckets[k].vecs == b->vecs && p->buckets[k].threads == b->threads) {
            if (b->max_size <= p->buckets[k].max_size)
                return fail(ps, Q4K_EFORMAT, "bucket %s sizes must ascend (%zu after %zu)", q4k_op_name(b->op),
                            b->max_size, p->buckets[k].max_size);
            break;
        }
    for (; tok; tok = strtok_r(NULL, " \t", &save)) {
        if (b->n_candidates == Q4K_DISPATCH_MAX_CANDIDATES)
            return fail(ps, Q4K_EFORMAT, "bucket %zu: more than %d variants", b->max_size,
                        Q4K_DISPATCH_MAX_CANDIDATES);
        size_t n = strlen(tok);
        for (size_t i = 0; i < n; i++)
            if (!is_name_char(tok[i]))
                return fail(ps, Q4K_EFORMAT, "bucket %zu: '%.64s' is not a variant name", b->max_size, tok);
        if (n >= Q4K_PROFILE_NAME_MAX)
            return fail(ps, Q4K_EFORMAT, "bucket %zu: variant name too long", b->max_size);
        memcpy(b->candidates[b->n_candidates++], tok, n + 1);
    }
    if (b->n_candidates == 0)
        return fail(ps, Q4K_EFORMAT, "bucket %zu names no variant", b->max_size);
    p->n_buckets++;
    return Q4K_OK;
}

enum {
    SEEN_DEVICE = 1u << 0, SEEN_ARCH = 1u << 1, SEEN_CPU = 1u << 2, SEEN_FEATURES = 1u << 3,
    SEEN_CORES = 1u << 4, SEEN_OS = 1u << 5, SEEN_COMPILER = 1u << 6, SEEN_FLAGS = 1u << 7,
    SEEN_GENERATOR = 1u << 8, SEEN_Q4K = 1u << 9, SEEN_DATE = 1u << 10, SEEN_THRESHOLD = 1u << 11
};

/* One "key value" line after the magic line. */
static int parse_line(struct parser *ps, const char *key, char *value)
{
    q4k_profile *p = ps->p;
    static const struct {
        const char *key;
        unsigned bit;
        size_t offset, size;
    } text_keys[] = {
        {"device", SEEN_DEVICE, offsetof(q4k_profile, device), sizeof p->device},
        {"arch", SEEN_ARCH, offsetof(q4k_profile, arch), sizeof p->arch},
        {"cpu", SEEN_CPU, offsetof(q4k_profile, cpu), sizeof p->cpu},
        {"features", SEEN_FEATURES, offsetof(q4k_profile, features), sizeof p->features},
        {"cores", SEEN_CORES, offsetof(q4k_profile, cores), sizeof p->cores},
        {"os", SEEN_OS, offsetof(q4k_profile, os), sizeof p->os},
        {"compiler", SEEN_COMPILER, offsetof(q4k_profile, compiler), sizeof p->compiler},
        {"flags", SEEN_FLAGS, offsetof(q4k_profile, flags), sizeof p->flags},
        {"generator", SEEN_GENERATOR, offsetof(q4k_profile, generator), sizeof p->generator},
        {"q4k", SEEN_Q4K, offsetof(q4k_profile, q4k), sizeof p->q4k},
        {"date", SEEN_DATE, offsetof(q4k_profile, date), sizeof p->date},
    };
    if (!strcmp(key, "bucket"))
        return parse_bucket(ps, value);
    for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++) {
        if (strcmp(key, text_keys[i].key))
            continue;
        if (ps->seen & text_keys[i].bit)
            return fail(ps, Q4K_EFORMAT, "'%s' given twice", key);
        ps->seen |= text_keys[i].bit;
        int rc = copy_value(ps, key, value, (char *)p + text_keys[i].offset, text_keys[i].size);
        if (rc)
            return rc;
        if (text_keys[i].bit == SEEN_FEATURES) {
            char bad[72];
            if (q4k_feature_parse(value, &p->feature_bits, bad, sizeof bad) != Q4K_OK)
                return fail(ps, Q4K_EFORMAT, "unknown CPU feature '%s'", bad);
        }
        if ((text_keys[i].bit & (SEEN_DEVICE | SEEN_ARCH | SEEN_DATE)) && !*value)
            return fail(ps, Q4K_EFORMAT, "'%s' needs a value", key);
        if (text_keys[i].bit == SEEN_ARCH && strcmp(value, "x86_64") && strcmp(value, "aarch64") &&
            strcmp(value, "generic") && strcmp(value, "any"))
            return fail(ps, Q4K_EFORMAT, "arch must be x86_64, aarch64, generic or any, not '%.32s'", value);
        return Q4K_OK;
    }
    return fail(ps, Q4K_EFORMAT, "unknown key '%.32s'", key);
}

int q4k_profile_parse(const char *text, size_t len, q4k_profile *p, char *err, size_t errlen)
{
    struct parser ps = {p, 0, err, errlen, 0};
    char line[1024];
    int have_magic = 0, have_end = 0;
    size_t pos = 0;

    if (!text || !p)
        return Q4K_EINVAL;
    memset(p, 0, sizeof *p);
    if (len == 0)
        return fail(&ps, Q4K_EFORMAT, "empty profile");

    while (pos < len) {
        size_t start = pos;
        while (pos < len && text[pos] != '\n')
            pos++;
        size_t n = pos - start;
        if (pos < len)
            pos++; /* the newline */
        ps.line++;
        if (n >= sizeof line)
            return fail(&ps, Q4K_EFORMAT, "line longer than %zu characters", sizeof line - 1);
        memcpy(line, text + start, n);
        line[n] = '\0';
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)line[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return fail(&ps, Q4K_EFORMAT, "control character 0x%02x: not profile text", c);
        }
        /* trim */
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        char *e = s + strlen(s);
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        if (!*s || *s == '#')
            continue;
        if (have_end)
            return fail(&ps, Q4K_EFORMAT, "text after 'end'");

        char *value = s + strcspn(s, " \t");
        if (*value) {
            *value++ = '\0';
            while (*value == ' ' || *value == '\t')
                value++;
        }
        if (!have_magic) {
            if (strcmp(s, "q4k-profile"))
                return fail(&ps, Q4K_EFORMAT, "not a q4k profile (the first line must be 'q4k-profile %d')",
                            Q4K_PROFILE_VERSION);
            size_t v;
            if (parse_count(value, &v) != 0)
                return fail(&ps, Q4K_EFORMAT, "bad profile version '%.32s'", value);
            if (v != Q4K_PROFILE_VERSION)
                return fail(&ps, Q4K_EVERSION,
                            "profile format version %zu is not supported (this q4k reads version %d%s)", v,
                            Q4K_PROFILE_VERSION,
                            v < Q4K_PROFILE_VERSION ? "; remake it with 'q4k select' from its measurements.csv" : "");
            p->version = (int)v;
            have_magic = 1;
            continue;
        }
        if (!strcmp(s, "end")) {
            if (*value)
                return fail(&ps, Q4K_EFORMAT, "'end' takes no value");
            have_end = 1;
            continue;
        }
        int rc = parse_line(&ps, s, value);
        if (rc)
            return rc;
    }
    ps.line = 0; /* what follows is about the whole file */
    if (!have_magic)
        return fail(&ps, Q4K_EFORMAT, "no 'q4k-profile %d' line: empty or not a profile", Q4K_PROFILE_VERSION);
    if (!have_end)
        return fail(&ps, Q4K_EFORMAT, "truncated: the profile has no 'end' line");
    static const struct {
        unsigned bit;
        const char *key;
    } required[] = {{SEEN_DEVICE, "device"}, {SEEN_ARCH, "arch"}, {SEEN_DATE, "date"}};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!(ps.seen & required[i].bit))
            return fail(&ps, Q4K_EFORMAT, "required key '%s' is missing", required[i].key);
    if (p->n_buckets == 0)
        return fail(&ps, Q4K_EFORMAT, "no 'bucket' lines");
    return Q4K_OK;
}

int q4k_profile_read(const char *path, q4k_profile *p, char *err, size_t errlen)
{
    if (!path || !*path || !p) {
        if (err && errlen)
            snprintf(err, errlen, "no profile path given");
        return Q4K_EINVAL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return Q4K_EIO;
    }
    char *buf = malloc(Q4K_PROFILE_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return Q4K_ENOMEM;
    }
    size_t len = fread(buf, 1, Q4K_PROFILE_MAX_BYTES + 1, f);
    int read_error = ferror(f);
    fclose(f);
    int rc;
    if (read_error) {
        if (err && errlen)
            snprintf(err, errlen, "%s: read error", path);
        rc = Q4K_EIO;
    } else if (len > Q4K_PROFILE_MAX_BYTES) {
        if (err && errlen)
            snprintf(err, errlen, "%s: larger than %d bytes: not a profile", path, Q4K_PROFILE_MAX_BYTES);
        rc = Q4K_EFORMAT;
    } else {
        char msg[256] = "";
        rc = q4k_profile_parse(buf, len, p, msg, sizeof msg);
        if (rc && err && errlen)
            snprintf(err, errlen, "%s: %s", path, msg);
    }
    free(buf);
    return rc;
}
