/* gguf_arena.h - chunked bump allocator for a GGUF handle's strings
 * (gguf_arena.c). Internal. */
#ifndef Q4K_GGUF_ARENA_H
#define Q4K_GGUF_ARENA_H

#include <stddef.h>

/* Pointers stay valid until gguf_arena_free. */
typedef struct gguf_arena_chunk gguf_arena_chunk;
typedef struct gguf_arena {
    gguf_arena_chunk *head;
} gguf_arena;

/* n bytes aligned for any type, or NULL (out of memory, or n too large). */
void *gguf_arena_alloc(gguf_arena *a, size_t n);
void gguf_arena_free(gguf_arena *a);

#endif
