/* gguf_meta.c - typed lookups of GGUF metadata. Integers convert between
 * widths and signedness only when the value fits, so a caller asking for a
 * u32 never silently gets a truncated u64 or a negative i32. */
#include <string.h>

#include "gguf_internal.h"

static int is_unsigned(uint32_t t)
{
    return t == Q4K_GGUF_U8 || t == Q4K_GGUF_U16 || t == Q4K_GGUF_U32 || t == Q4K_GGUF_U64;
}

static int is_signed(uint32_t t)
{
    return t == Q4K_GGUF_I8 || t == Q4K_GGUF_I16 || t == Q4K_GGUF_I32 || t == Q4K_GGUF_I64;
}

/* Decode element i of a scalar array into the same widened form the kv
 * union uses (u for unsigned and bool, i for signed, f for floats). */
static void load_elem(const q4k_gguf_kv *kv, uint64_t i, q4k_gguf_kv *tmp)
{
    const uint8_t *p = (const uint8_t *)kv->elems + i * gguf_vtype_size(kv->elem_type);
    memset(tmp, 0, sizeof *tmp);
    tmp->type = kv->elem_type;
    switch (kv->elem_type) {
    case Q4K_GGUF_U8: tmp->v.u = p[0]; break;
    case Q4K_GGUF_BOOL: tmp->v.u = p[0] != 0; break;
    case Q4K_GGUF_I8: tmp->v.i = (int8_t)p[0]; break;
    case Q4K_GGUF_U16: tmp->v.u = gguf_le16(p); break;
    case Q4K_GGUF_I16: tmp->v.i = (int16_t)gguf_le16(p); break;
    case Q4K_GGUF_U32: tmp->v.u = gguf_le32(p); break;
    case Q4K_GGUF_I32: tmp->v.i = (int32_t)gguf_le32(p); break;
    case Q4K_GGUF_U64: tmp->v.u = gguf_le64(p); break;
    case Q4K_GGUF_I64: tmp->v.i = (int64_t)gguf_le64(p); break;
    case Q4K_GGUF_F32: {
        uint32_t bits = gguf_le32(p);
        float f;
        memcpy(&f, &bits, sizeof f);
        tmp->v.f = f;
        break;
    }
    case Q4K_GGUF_F64: {
        uint64_t bits = gguf_le64(p);
        memcpy(&tmp->v.f, &bits, sizeof tmp->v.f);
        break;
    }
    default: break;
    }
}

static int as_u64(const q4k_gguf_kv *kv, uint64_t *out)
{
    if (is_unsigned(kv->type)) {
        *out = kv->v.u;
        return Q4K_OK;
    }
    if (is_signed(kv->type) && kv->v.i >= 0) {
        *out = (uint64_t)kv->v.i;
        return Q4K_OK;
    }
    return Q4K_ETYPE;
}

static int as_i64(const q4k_gguf_kv *kv, int64_t *out)
{
    if (is_signed(kv->type)) {
        *out = kv->v.i;
        return Q4K_OK;
    }
    if (is_unsigned(kv->type) && kv->v.u <= (uint64_t)INT64_MAX) {
        *out = (int64_t)kv->v.u;
        return Q4K_OK;
    }
    return Q4K_ETYPE;
}

static int as_f64(const q4k_gguf_kv *kv, double *out)
{
    if (kv->type != Q4K_GGUF_F32 && kv->type != Q4K_GGUF_F64)
        return Q4K_ETYPE;
    *out = kv->v.f;
    return Q4K_OK;
}

static int lookup(const q4k_gguf *g, const char *key, const q4k_gguf_kv **kv)
{
    if (!g || !key)
        return Q4K_EINVAL;
    *kv = q4k_gguf_find_kv(g, key);
    return *kv ? Q4K_OK : Q4K_ENOTFOUND;
}

int q4k_gguf_get_u64(const q4k_gguf *g, const char *key, uint64_t *out)
{
    const q4k_gguf_kv *kv;
    int rc = out ? lookup(g, key, &kv) : Q4K_EINVAL;
    return rc ? rc : as_u64(kv, out);
}

int q4k_gguf_get_u32(const q4k_gguf *g, const char *key, uint32_t *out)
{
    uint64_t v;
    int rc = out ? q4k_gguf_get_u64(g, key, &v) : Q4K_EINVAL;
    if (rc)
        return rc;
    if (v > UINT32_MAX)
        return Q4K_ETYPE;
    *out = (uint32_t)v;
    return Q4K_OK;
}

int q4k_gguf_get_i64(const q4k_gguf *g, const char *key, int64_t *out)
{
    const q4k_gguf_kv *kv;
    int rc = out ? lookup(g, key, &kv) : Q4K_EINVAL;
    return rc ? rc : as_i64(kv, out);
}

int q4k_gguf_get_f64(const q4k_gguf *g, const char *key, double *out)
{
    const q4k_gguf_kv *kv;
    int rc = out ? lookup(g, key, &kv) : Q4K_EINVAL;
    return rc ? rc : as_f64(kv, out);
}

int q4k_gguf_get_bool(const q4k_gguf *g, const char *key, int *out)
{
    const q4k_gguf_kv *kv;
    int rc = out ? lookup(g, key, &kv) : Q4K_EINVAL;
    if (rc)
        return rc;
    if (kv->type != Q4K_GGUF_BOOL)
        return Q4K_ETYPE;
    *out = (int)kv->v.u;
    return Q4K_OK;
}

int q4k_gguf_get_str(const q4k_gguf *g, const char *key, const char **out)
{
    const q4k_gguf_kv *kv;
    int rc = out ? lookup(g, key, &kv) : Q4K_EINVAL;
    if (rc)
        return rc;
    if (kv->type != Q4K_GGUF_STRING)
        return Q4K_ETYPE;
    *out = kv->v.s;
    return Q4K_OK;
}

/* Q4K_OK when kv is an array with element i of a scalar type. */
static int scalar_elem(const q4k_gguf_kv *kv, uint64_t i, q4k_gguf_kv *tmp)
{
    if (!kv || kv->type != Q4K_GGUF_ARRAY || i >= kv->count)
        return Q4K_EINVAL;
    if (kv->elem_type == Q4K_GGUF_STRING)
        return Q4K_ETYPE;
    load_elem(kv, i, tmp);
    return Q4K_OK;
}

int q4k_gguf_kv_elem_u64(const q4k_gguf_kv *kv, uint64_t i, uint64_t *out)
{
    q4k_gguf_kv tmp;
    int rc = out ? scalar_elem(kv, i, &tmp) : Q4K_EINVAL;
    return rc ? rc : as_u64(&tmp, out);
}

int q4k_gguf_kv_elem_i64(const q4k_gguf_kv *kv, uint64_t i, int64_t *out)
{
    q4k_gguf_kv tmp;
    int rc = out ? scalar_elem(kv, i, &tmp) : Q4K_EINVAL;
    return rc ? rc : as_i64(&tmp, out);
}

int q4k_gguf_kv_elem_f64(const q4k_gguf_kv *kv, uint64_t i, double *out)
{
    q4k_gguf_kv tmp;
    int rc = out ? scalar_elem(kv, i, &tmp) : Q4K_EINVAL;
    return rc ? rc : as_f64(&tmp, out);
}

int q4k_gguf_kv_elem_str(const q4k_gguf_kv *kv, uint64_t i, const char **out, uint64_t *len)
{
    if (!out || !kv || kv->type != Q4K_GGUF_ARRAY || i >= kv->count)
        return Q4K_EINVAL;
    if (kv->elem_type != Q4K_GGUF_STRING)
        return Q4K_ETYPE;
    const gguf_str_elem *e = (const gguf_str_elem *)kv->elems + i;
    *out = e->s;
    if (len)
        *len = e->len;
    return Q4K_OK;
}
