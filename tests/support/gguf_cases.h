/* gguf_cases.h - a catalogue of small GGUF files, valid and malformed,
 * each with the status and message the reader must give. The malformed
 * test asserts every case; the fuzzer's seed corpus is written from the
 * same list (tests/fuzz/make_corpus.c), so the two never drift apart. */
#ifndef Q4K_TEST_GGUF_CASES_H
#define Q4K_TEST_GGUF_CASES_H

#include <stddef.h>

#include "gguf_builder.h"

typedef struct gguf_case {
    const char *name;                 /* also the corpus file name */
    void (*build)(gguf_builder *b);
    int status;                       /* Q4K_OK or the negative status expected */
    const char *message;              /* substring the error must contain (NULL for valid) */
} gguf_case;

extern const gguf_case gguf_cases[];
extern const size_t gguf_case_count;

/* The valid base most malformed cases are mutated from: GGUF v3, keys
 * general.architecture + 'extra', tensors "a" (q4_K 256x2, 288 bytes at
 * data offset 0) and "b" (f32 x8, 32 bytes at data offset 288). */
void gguf_case_base(gguf_builder *b);

#endif
