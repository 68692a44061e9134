/* gguf_arena.c - the chunked bump allocator that holds a GGUF handle's
 * keys, names and strings (gguf_arena.h). Its own file so that the parser
 * (gguf_parse.c) and the handle (gguf.c) both use it without needing each
 * other: gguf.c -> gguf_parse.c -> gguf_arena.c. */
#include <stdint.h>
#include <stdlib.h>

#include "gguf_arena.h"

struct gguf_arena_chunk {
    gguf_arena_chunk *next;
    size_t used, cap;
    max_align_t data[]; /* aligned for any element type */
};

enum { ARENA_CHUNK = 64 * 1024 };

void *gguf_arena_alloc(gguf_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    n = (n + align - 1) / align * align;
    gguf_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        if (cap > SIZE_MAX - sizeof *c)
            return NULL;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

void gguf_arena_free(gguf_arena *a)
{
    for (gguf_arena_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
}

