/* gguf_parse.c - reads and validates a whole GGUF header (versions 2, 3).
 *
 * Everything in a GGUF header is attacker-controlled: lengths and counts
 * are 64-bit, shapes multiply, offsets add. llama.cpp's own parser had heap
 * overflows from exactly that (huge string lengths, array counts, n_dims,
 * element-count products). So here every read goes through one cursor that
 * knows how many bytes are left, every count is checked against those bytes
 * BEFORE anything is allocated for it, and every product or sum uses
 * overflow-checked arithmetic. Memory use is bounded by a small multiple of
 * the file size, whatever the header claims. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gguf_internal.h"

enum { GGUF_MAGIC_LE = 0x46554747u /* "GGUF" read as little-endian u32 */ };

/* Fewest bytes a key-value or a tensor record can take: bounds the counts
 * in the header by the bytes that follow it. */
enum {
    MIN_KV_BYTES = 8 + 1 + 4 + 1,        /* key length, 1-byte key, type, u8 value */
    MIN_TENSOR_BYTES = 8 + 4 + 8 + 4 + 8 /* name length, n_dims, ne[0], type, offset */
};

struct cursor {
    const uint8_t *base;
    uint64_t size;
    uint64_t pos;
    char *err;
    size_t errlen;
};

static int fail(struct cursor *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct cursor *c, int status, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
        /* names come from the file: keep control bytes out of terminals */
        for (char *p = c->err; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = '?';
    }
    return status;
}

static uint64_t left(const struct cursor *c)
{
    return c->size - c->pos;
}

/* Q4K_OK when n more bytes are there; else a "truncated" error naming what. */
static int need(struct cursor *c, uint64_t n, const char *what, const char *owner)
{
    if (n <= left(c))
        return Q4K_OK;
    return fail(c, Q4K_EFORMAT,
                "%s%s%s: %s at offset %llu needs %llu bytes, only %llu left (file truncated?)",
                owner ? "'" : "", owner ? owner : "file", owner ? "'" : "", what,
                (unsigned long long)c->pos, (unsigned long long)n,
                (unsigned long long)left(c));
}

static int read_u32(struct cursor *c, uint32_t *v, const char *what, const char *owner)
{
    int rc = need(c, 4, what, owner);
    if (rc)
        return rc;
    *v = gguf_le32(c->base + c->pos);
    c->pos += 4;
    return Q4K_OK;
}

static int read_u64(struct cursor *c, uint64_t *v, const char *what, const char *owner)
{
    int rc = need(c, 8, what, owner);
    if (rc)
        return rc;
    *v = gguf_le64(c->base + c->pos);
    c->pos += 8;
    return Q4K_OK;
}

/* A GGUF string: u64 length then bytes (no NUL). Returns where the bytes
 * are; the length is checked against the bytes left before anything else. */
static int read_string(struct cursor *c, const uint8_t **bytes, uint64_t *len,
                       const char *what, const char *owner)
{
    uint64_t start = c->pos;
    int rc = read_u64(c, len, what, owner);
    if (rc)
        return rc;
    if (*len > left(c)) {
        c->pos = start;
        return fail(c, Q4K_EFORMAT,
                    "%s%s%s: %s at offset %llu has length %llu but only %llu bytes are left",
                    owner ? "'" : "", owner ? owner : "file", owner ? "'" : "", what,
                    (unsigned long long)start, (unsigned long long)*len,
                    (unsigned long long)(c->size - start - 8));
    }
    *bytes = c->base + c->pos;
    c->pos += *len;
    return Q4K_OK;
}

/* NUL-terminated copy in the arena; len < file size so len + 1 cannot wrap. */
static const char *copy_string(q4k_gguf *g, const uint8_t *bytes, uint64_t len)
{
    if (len >= SIZE_MAX)
        return NULL;
    char *s = gguf_arena_alloc(&g->arena, (size_t)len + 1);
    if (!s)
        return NULL;
    if (len)
        memcpy(s, bytes, (size_t)len);
    s[len] = '\0';
    return s;
}

/* Keys and tensor names are looked up with strcmp, so an embedded NUL
 * would make two different names compare equal (or a name unfindable). */
static int is_clean_name(const uint8_t *bytes, uint64_t len)
{
    return len > 0 && memchr(bytes, 0, (size_t)len) == NULL;
}

/* A name for messages: the bytes if printable enough, cut to fit. */
static void describe_name(char *buf, size_t buflen, const uint8_t *bytes, uint64_t len)
{
    size_t n = len < buflen - 1 ? (size_t)len : buflen - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (bytes[i] >= 0x20 && bytes[i] < 0x7f) ? (char)bytes[i] : '?';
    buf[n] = '\0';
}

/* Growable array of n elements of size sz; *cap is the capacity. */
static int grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return Q4K_OK;
    size_t ncap = *cap ? *cap * 2 : 16;
    if (ncap > SIZE_MAX / sz)
        return Q4K_ENOMEM;
    void *p = realloc(*arr, ncap * sz);
    if (!p)
        return Q4K_ENOMEM;
    *arr = p;
    *cap = ncap;
    return Q4K_OK;
}

/* ---- header ---------------------------------------------------------------- */

static int parse_preamble(q4k_gguf *g, struct cursor *c, uint64_t *n_tensors, uint64_t *n_kv)
{
    if (c->size < 4)
        return fail(c, Q4K_EFORMAT, "file is %llu bytes: too short for the GGUF magic",
                    (unsigned long long)c->size);
    uint32_t magic = gguf_le32(c->base);
    if (magic != GGUF_MAGIC_LE) {
        char shown[8];
        describe_name(shown, 5, c->base, 4);
        if (magic == 0x47475546u) /* "FUGG": the magic written as a big-endian u32 */
            return fail(c, Q4K_EFORMAT,
                        "byte-swapped magic 'FUGG': a big-endian GGUF file; only little-endian files are supported");
        return fail(c, Q4K_EFORMAT, "bad magic '%s' (0x%08x): not a GGUF file", shown, magic);
    }
    c->pos = 4;
    int rc = read_u32(c, &g->version, "version", NULL);
    if (rc)
        return rc;
    /* A byte-swapped small version has its low 16 bits zero: 3 reads as
     * 0x03000000. Recognise it before the version check gives a confusing
     * "version 50331648". */
    if (g->version != 0 && (g->version & 0xFFFFu) == 0)
        return fail(c, Q4K_EFORMAT,
                    "version field reads 0x%08x: a byte-swapped (big-endian) GGUF file; only little-endian files are supported",
                    g->version);
    if (g->version == 1)
        return fail(c, Q4K_EVERSION, "GGUF version 1 is not supported (32-bit counts; only versions 2 and 3 are)");
    if (g->version < 2 || g->version > 3)
        return fail(c, Q4K_EVERSION, "GGUF version %u is not supported (only versions 2 and 3)", g->version);

    if ((rc = read_u64(c, n_tensors, "tensor count", NULL)) ||
        (rc = read_u64(c, n_kv, "key-value count", NULL)))
        return rc;
    if (*n_kv > left(c) / MIN_KV_BYTES)
        return fail(c, Q4K_EFORMAT,
                    "key-value count %llu is more than the %llu bytes after the header can hold",
                    (unsigned long long)*n_kv, (unsigned long long)left(c));
    if (*n_tensors > left(c) / MIN_TENSOR_BYTES)
        return fail(c, Q4K_EFORMAT,
                    "tensor count %llu is more than the %llu bytes after the header can hold",
                    (unsigned long long)*n_tensors, (unsigned long long)left(c));
    return Q4K_OK;
}

/* ---- key-values ------------------------------------------------------------ */

static void decode_scalar(q4k_gguf_kv *kv, uint32_t vtype, const uint8_t *p)
{
    switch (vtype) {
    case Q4K_GGUF_U8: kv->v.u = p[0]; break;
    case Q4K_GGUF_I8: kv->v.i = (int8_t)p[0]; break;
    case Q4K_GGUF_BOOL: kv->v.u = p[0] != 0; break;
    case Q4K_GGUF_U16: kv->v.u = gguf_le16(p); break;
    case Q4K_GGUF_I16: kv->v.i = (int16_t)gguf_le16(p); break;
    case Q4K_GGUF_U32: kv->v.u = gguf_le32(p); break;
    case Q4K_GGUF_I32: kv->v.i = (int32_t)gguf_le32(p); break;
    case Q4K_GGUF_U64: kv->v.u = gguf_le64(p); break;
    case Q4K_GGUF_I64: kv->v.i = (int64_t)gguf_le64(p); break;
    case Q4K_GGUF_F32: {
        uint32_t bits = gguf_le32(p);
        float f;
        memcpy(&f, &bits, sizeof f);
        kv->v.f = f;
        break;
    }
    case Q4K_GGUF_F64: {
        uint64_t bits = gguf_le64(p);
        memcpy(&kv->v.f, &bits, sizeof kv->v.f);
        break;
    }
    default: break;
    }
}

/* An array of strings: walk it once to validate every length (nothing is
 * allocated for a count the file cannot back), then copy in one block. */
static int parse_string_array(q4k_gguf *g, struct cursor *c, q4k_gguf_kv *kv)
{
    uint64_t n = kv->count;
    if (n > left(c) / 8)
        return fail(c, Q4K_EFORMAT,
                    "key '%s': array of %llu strings, each with an 8-byte length, needs more than the %llu bytes left",
                    kv->key, (unsigned long long)n, (unsigned long long)left(c));
    uint64_t start = c->pos, text = 0;
    for (uint64_t i = 0; i < n; i++) {
        const uint8_t *bytes;
        uint64_t len;
        char what[64];
        snprintf(what, sizeof what, "string %llu of the array", (unsigned long long)i);
        int rc = read_string(c, &bytes, &len, what, kv->key);
        if (rc)
            return rc;
        text += len + 1; /* cannot wrap: every len is below the file size */
    }
    if (n > SIZE_MAX / sizeof(gguf_str_elem) ||
        text > SIZE_MAX - n * sizeof(gguf_str_elem))
        return fail(c, Q4K_ENOMEM, "key '%s': string array too large for memory", kv->key);
    gguf_str_elem *elems = gguf_arena_alloc(&g->arena, (size_t)(n * sizeof *elems + text));
    if (!elems)
        return fail(c, Q4K_ENOMEM, "key '%s': out of memory for %llu strings", kv->key,
                    (unsigned long long)n);
    char *out = (char *)(elems + n);
    c->pos = start;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t len = gguf_le64(c->base + c->pos);
        c->pos += 8;
        memcpy(out, c->base + c->pos, (size_t)len);
        out[len] = '\0';
        elems[i].s = out;
        elems[i].len = len;
        out += len + 1;
        c->pos += len;
    }
    kv->elems = elems;
    return Q4K_OK;
}

static int parse_value(q4k_gguf *g, struct cursor *c, q4k_gguf_kv *kv)
{
    int rc;
    if (kv->type == Q4K_GGUF_STRING) {
        const uint8_t *bytes;
        if ((rc = read_string(c, &bytes, &kv->count, "string value", kv->key)))
            return rc;
        if (!(kv->v.s = copy_string(g, bytes, kv->count)))
            return fail(c, Q4K_ENOMEM, "key '%s': out of memory", kv->key);
        return Q4K_OK;
    }
    if (kv->type == Q4K_GGUF_ARRAY) {
        if ((rc = read_u32(c, &kv->elem_type, "array element type", kv->key)) ||
            (rc = read_u64(c, &kv->count, "array length", kv->key)))
            return rc;
        if (kv->elem_type == Q4K_GGUF_ARRAY)
            return fail(c, Q4K_EFORMAT, "key '%s': nested arrays are not supported", kv->key);
        if (kv->elem_type == Q4K_GGUF_STRING)
            return parse_string_array(g, c, kv);
        uint32_t esize = gguf_vtype_size(kv->elem_type);
        if (!esize)
            return fail(c, Q4K_EFORMAT, "key '%s': unknown array element type %u", kv->key,
                        kv->elem_type);
        if (kv->count > left(c) / esize)
            return fail(c, Q4K_EFORMAT,
                        "key '%s': array of %llu %s values needs more than the %llu bytes left",
                        kv->key, (unsigned long long)kv->count,
                        q4k_gguf_vtype_name(kv->elem_type), (unsigned long long)left(c));
        /* Scalar elements stay in the file; the getters decode them. */
        kv->elems = c->base + c->pos;
        c->pos += kv->count * esize;
        return Q4K_OK;
    }
    uint32_t size = gguf_vtype_size(kv->type);
    if (!size)
        return fail(c, Q4K_EFORMAT, "key '%s': unknown value type %u", kv->key, kv->type);
    if ((rc = need(c, size, "value", kv->key)))
        return rc;
    decode_scalar(kv, kv->type, c->base + c->pos);
    kv->count = 1;
    c->pos += size;
    return Q4K_OK;
}

static int parse_kvs(q4k_gguf *g, struct cursor *c, uint64_t n_kv)
{
    size_t cap = 0;
    for (uint64_t i = 0; i < n_kv; i++) {
        const uint8_t *bytes;
        uint64_t len;
        char what[64];
        snprintf(what, sizeof what, "key %llu", (unsigned long long)i);
        int rc = read_string(c, &bytes, &len, what, NULL);
        if (rc)
            return rc;
        if (!is_clean_name(bytes, len)) {
            char shown[64];
            describe_name(shown, sizeof shown, bytes, len);
            return fail(c, Q4K_EFORMAT, "key %llu ('%s') is empty or contains a NUL byte",
                        (unsigned long long)i, shown);
        }
        if ((rc = grow((void **)&g->kv, &cap, g->n_kv, sizeof *g->kv)))
            return fail(c, rc, "out of memory reading key-values");
        q4k_gguf_kv *kv = &g->kv[g->n_kv];
        memset(kv, 0, sizeof *kv);
        if (!(kv->key = copy_string(g, bytes, len)))
            return fail(c, Q4K_ENOMEM, "out of memory reading key-values");
        g->n_kv++;
        if ((rc = read_u32(c, &kv->type, "value type", kv->key)) || (rc = parse_value(g, c, kv)))
            return rc;
    }
    return Q4K_OK;
}

static int cmp_kv_key(const void *a, const void *b, void *ctx)
{
    const q4k_gguf_kv *kv = ctx;
    return strcmp(kv[*(const size_t *)a].key, kv[*(const size_t *)b].key);
}

static int cmp_tensor_name(const void *a, const void *b, void *ctx)
{
    const q4k_gguf_tensor *t = ctx;
    return strcmp(t[*(const size_t *)a].name, t[*(const size_t *)b].name);
}

/* Sorting with a context pointer, portably (glibc's qsort_r and the BSDs'
 * disagree on the argument order): a small merge sort of size_t indices. */
static void sort_indices(size_t *idx, size_t *tmp, size_t n,
                         int (*cmp)(const void *, const void *, void *), void *ctx)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_indices(idx, tmp, h, cmp, ctx);
    sort_indices(idx + h, tmp, n - h, cmp, ctx);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp(&idx[j], &idx[i], ctx) < 0 ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

/* Sorted index over n records; reports the first duplicate pair. */
static int build_index(struct cursor *c, size_t **out, size_t n,
                       int (*cmp)(const void *, const void *, void *), void *ctx,
                       size_t *dup_a, size_t *dup_b)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!idx || !tmp) {
        free(idx);
        free(tmp);
        return fail(c, Q4K_ENOMEM, "out of memory indexing names");
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sort_indices(idx, tmp, n, cmp, ctx);
    free(tmp);
    *out = idx;
    for (size_t i = 1; i < n; i++) {
        if (cmp(&idx[i - 1], &idx[i], ctx) == 0) {
            *dup_a = idx[i - 1] < idx[i] ? idx[i - 1] : idx[i];
            *dup_b = idx[i - 1] < idx[i] ? idx[i] : idx[i - 1];
            return Q4K_EFORMAT;
        }
    }
    return Q4K_OK;
}

static int check_alignment(q4k_gguf *g, struct cursor *c)
{
    g->alignment = Q4K_GGUF_DEFAULT_ALIGNMENT;
    const q4k_gguf_kv *kv = q4k_gguf_find_kv(g, "general.alignment");
    if (!kv)
        return Q4K_OK;
    if (kv->type != Q4K_GGUF_U32)
        return fail(c, Q4K_EFORMAT, "general.alignment must be a u32, but is a %s",
                    q4k_gguf_vtype_name(kv->type));
    uint64_t a = kv->v.u;
    if (a == 0 || (a & (a - 1)) != 0)
        return fail(c, Q4K_EFORMAT, "general.alignment %llu is not a power of two",
                    (unsigned long long)a);
    g->alignment = (uint32_t)a;
    return Q4K_OK;
}

/* ---- tensor table ---------------------------------------------------------- */

static int parse_tensor(q4k_gguf *g, struct cursor *c, q4k_gguf_tensor *t, uint64_t i)
{
    const uint8_t *bytes;
    uint64_t len;
    char what[64];
    snprintf(what, sizeof what, "name of tensor %llu", (unsigned long long)i);
    int rc = read_string(c, &bytes, &len, what, NULL);
    if (rc)
        return rc;
    if (!is_clean_name(bytes, len)) {
        char shown[64];
        describe_name(shown, sizeof shown, bytes, len);
        return fail(c, Q4K_EFORMAT, "tensor %llu: name '%s' is empty or contains a NUL byte",
                    (unsigned long long)i, shown);
    }
    if (!(t->name = copy_string(g, bytes, len)))
        return fail(c, Q4K_ENOMEM, "out of memory reading tensor names");
    const char *name = t->name;

    if ((rc = read_u32(c, &t->n_dims, "n_dims", name)))
        return rc;
    if (t->n_dims < 1 || t->n_dims > Q4K_GGUF_MAX_DIMS)
        return fail(c, Q4K_EFORMAT, "tensor '%s': n_dims %u is not in 1..%d", name, t->n_dims,
                    Q4K_GGUF_MAX_DIMS);
    uint64_t n = 1;
    for (uint32_t d = 0; d < Q4K_GGUF_MAX_DIMS; d++) {
        t->ne[d] = 1;
        if (d >= t->n_dims)
            continue;
        if ((rc = read_u64(c, &t->ne[d], "dimension", name)))
            return rc;
        /* ggml keeps ne as int64: "negative" sizes are huge here. */
        if (t->ne[d] == 0 || t->ne[d] > (uint64_t)INT64_MAX)
            return fail(c, Q4K_EFORMAT, "tensor '%s': dimension %u is %llu (must be 1..2^63-1)",
                        name, d, (unsigned long long)t->ne[d]);
        if (__builtin_mul_overflow(n, t->ne[d], &n) || n > (uint64_t)INT64_MAX)
            return fail(c, Q4K_EFORMAT, "tensor '%s': element count overflows (shape %llu x %llu x %llu x %llu)",
                        name, (unsigned long long)t->ne[0], (unsigned long long)(d >= 1 ? t->ne[1] : 1),
                        (unsigned long long)(d >= 2 ? t->ne[2] : 1), (unsigned long long)(d >= 3 ? t->ne[3] : 1));
    }
    t->n_elements = n;

    if ((rc = read_u32(c, &t->type, "type", name)))
        return rc;
    uint32_t bv, bb;
    if (q4k_gguf_type_layout(t->type, &bv, &bb) != Q4K_OK)
        return fail(c, Q4K_ETYPE, "tensor '%s': unknown ggml type %u", name, t->type);
    t->type_name = q4k_gguf_type_name(t->type);
    if (t->ne[0] % bv != 0)
        return fail(c, Q4K_EFORMAT, "tensor '%s' (%s): row length %llu is not a multiple of the block size %u",
                    name, t->type_name, (unsigned long long)t->ne[0], bv);
    if (__builtin_mul_overflow(n / bv, (uint64_t)bb, &t->nbytes) || t->nbytes > (uint64_t)INT64_MAX)
        return fail(c, Q4K_EFORMAT, "tensor '%s' (%s): byte size of %llu elements overflows",
                    name, t->type_name, (unsigned long long)n);

    if ((rc = read_u64(c, &t->rel_offset, "data offset", name)))
        return rc;
    t->index = (size_t)i;
    return Q4K_OK;
}

/* Offsets can only be checked once the data section's start is known:
 * after the last tensor record, padded to the alignment. */
static int place_tensors(q4k_gguf *g, struct cursor *c)
{
    uint64_t a = g->alignment;
    if (c->pos > UINT64_MAX - (a - 1))
        return fail(c, Q4K_EFORMAT, "data section padding wraps around");
    g->data_offset = (c->pos + (a - 1)) & ~(a - 1);
    if (g->n_tensors == 0)
        return Q4K_OK;
    if (g->data_offset > g->size)
        return fail(c, Q4K_EFORMAT, "data section starts at %llu, past the end of the file (size %llu)",
                    (unsigned long long)g->data_offset, (unsigned long long)g->size);
    for (size_t i = 0; i < g->n_tensors; i++) {
        q4k_gguf_tensor *t = &g->tensors[i];
        if (t->rel_offset % a != 0)
            return fail(c, Q4K_EFORMAT, "tensor '%s': offset %llu is not a multiple of the alignment %llu",
                        t->name, (unsigned long long)t->rel_offset, (unsigned long long)a);
        if (t->rel_offset > UINT64_MAX - g->data_offset)
            return fail(c, Q4K_EFORMAT, "tensor '%s': offset %llu wraps around past the data section at %llu",
                        t->name, (unsigned long long)t->rel_offset, (unsigned long long)g->data_offset);
        t->offset = g->data_offset + t->rel_offset;
        if (t->offset > g->size || t->nbytes > g->size - t->offset)
            return fail(c, Q4K_EFORMAT,
                        "tensor '%s': %llu bytes at offset %llu go past the end of the file (size %llu)",
                        t->name, (unsigned long long)t->nbytes, (unsigned long long)t->offset,
                        (unsigned long long)g->size);
        t->data = g->base + t->offset;
    }
    return Q4K_OK;
}

static int cmp_tensor_offset(const void *a, const void *b, void *ctx)
{
    const q4k_gguf_tensor *t = ctx;
    uint64_t x = t[*(const size_t *)a].offset, y = t[*(const size_t *)b].offset;
    return x < y ? -1 : x > y;
}

/* Two tensors sharing bytes is never what a writer meant (ggml packs them
 * back to back) and would let a write through one corrupt the other. */
static int check_overlaps(q4k_gguf *g, struct cursor *c)
{
    size_t n = g->n_tensors;
    if (n < 2)
        return Q4K_OK;
    size_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
    if (!idx || !tmp) {
        free(idx);
        free(tmp);
        return fail(c, Q4K_ENOMEM, "out of memory checking tensor offsets");
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sort_indices(idx, tmp, n, cmp_tensor_offset, g->tensors);
    int rc = Q4K_OK;
    for (size_t i = 1; i < n && rc == Q4K_OK; i++) {
        const q4k_gguf_tensor *p = &g->tensors[idx[i - 1]], *q = &g->tensors[idx[i]];
        if (p->offset + p->nbytes > q->offset)
            rc = fail(c, Q4K_EFORMAT, "tensors '%s' and '%s' overlap (offsets %llu and %llu, %llu bytes)",
                      p->name, q->name, (unsigned long long)p->offset,
                      (unsigned long long)q->offset, (unsigned long long)p->nbytes);
    }
    free(idx);
    free(tmp);
    return rc;
}

int gguf_parse(q4k_gguf *g, char *err, size_t errlen)
{
    struct cursor c = {g->base, g->size, 0, err, errlen};
    uint64_t n_tensors, n_kv;
    size_t da = 0, db = 0; /* set by build_index when it reports a duplicate */
    int rc;

    if ((rc = parse_preamble(g, &c, &n_tensors, &n_kv)))
        return rc;
    if ((rc = parse_kvs(g, &c, n_kv)))
        return rc;
    if ((rc = build_index(&c, &g->kv_by_key, g->n_kv, cmp_kv_key, g->kv, &da, &db))) {
        if (rc == Q4K_EFORMAT)
            fail(&c, rc, "duplicate key '%s' (key-values %zu and %zu)", g->kv[da].key, da, db);
        return rc;
    }
    if ((rc = check_alignment(g, &c)))
        return rc;

    size_t cap = 0;
    for (uint64_t i = 0; i < n_tensors; i++) {
        if ((rc = grow((void **)&g->tensors, &cap, g->n_tensors, sizeof *g->tensors)))
            return fail(&c, rc, "out of memory reading the tensor table");
        q4k_gguf_tensor *t = &g->tensors[g->n_tensors];
        memset(t, 0, sizeof *t);
        if ((rc = parse_tensor(g, &c, t, i)))
            return rc;
        g->n_tensors++;
    }
    if ((rc = build_index(&c, &g->tensor_by_name, g->n_tensors, cmp_tensor_name, g->tensors, &da, &db))) {
        if (rc == Q4K_EFORMAT)
            fail(&c, rc, "duplicate tensor name '%s' (tensors %zu and %zu)", g->tensors[da].name, da, db);
        return rc;
    }
    if ((rc = place_tensors(g, &c)))
        return rc;
    return check_overlaps(g, &c);
}
