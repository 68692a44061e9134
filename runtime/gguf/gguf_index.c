/* gguf_index.c - lookups by name: binary search over the sorted indices
 * the parser builds (kv_by_key, tensor_by_name). Its own file because the
 * parser itself looks keys up (general.alignment) while gguf.c calls the
 * parser: gguf.c -> gguf_parse.c -> gguf_index.c, no way back. */
#include <string.h>

#include "gguf_internal.h"

const q4k_gguf_tensor *q4k_gguf_find_tensor(const q4k_gguf *g, const char *name)
{
    if (!g || !name || !g->tensor_by_name)
        return NULL;
    size_t lo = 0, hi = g->n_tensors;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const q4k_gguf_tensor *t = &g->tensors[g->tensor_by_name[mid]];
        int c = strcmp(name, t->name);
        if (c == 0)
            return t;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const q4k_gguf_kv *q4k_gguf_find_kv(const q4k_gguf *g, const char *key)
{
    if (!g || !key || !g->kv_by_key)
        return NULL;
    size_t lo = 0, hi = g->n_kv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const q4k_gguf_kv *kv = &g->kv[g->kv_by_key[mid]];
        int c = strcmp(key, kv->key);
        if (c == 0)
            return kv;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
