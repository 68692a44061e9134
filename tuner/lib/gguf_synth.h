/* gguf_synth.h - write a random-weight GGUF model with the shapes of a
 * known one (`q4k gguf synth`): a real-sized model for benchmarks and
 * tests, without downloading one.
 *
 * The file is what llama.cpp's `llama-quantize ... Q4_K_M` writes for a
 * llama-architecture model, laid out like tests/data/tinyA-Q4_K_M.gguf:
 * the same metadata keys (general.*, llama.*, an SPM-style tokenizer with 3
 * specials, 256 byte tokens and filler pieces), tensors in llama.cpp's
 * order (the other tensors by name, then layer by layer, each layer's by
 * name), ggml ne order, data offsets aligned to general.alignment (32
 * unless another is asked for), and llama.cpp's Q4_K_M type mix:
 *   output.weight                      Q6_K
 *   blk.i.attn_v / blk.i.ffn_down      Q6_K when use_more_bits(i, n_layer),
 *                                      else Q4_K
 *   every other matrix (token_embd too) Q4_K
 *   norms                              F32, 1 + N(0, 0.1^2) (approximately)
 * with use_more_bits(i, n) = i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2.
 *
 * Weights are random blocks with plausible scales: fp16 d and dmin drawn
 * from [2^-10, 2^-6) (about 1e-3 .. 1.5e-2), random 6-bit scales and mins,
 * random quants (Q6_K: random int8 scales and 6-bit quants). Everything
 * comes from a splitmix64 stream per tensor seeded from the seed and the
 * tensor's index, with integer arithmetic only (no libm), so one seed gives
 * the same bytes on every machine. The file is streamed to a temporary
 * name next to the target, flushed, then renamed: memory use is a small
 * buffer whatever the model size, and a failed or cancelled run leaves
 * nothing behind. */
#ifndef Q4K_GGUF_SYNTH_H
#define Q4K_GGUF_SYNTH_H

#include <stddef.h>
#include <stdint.h>

typedef struct gguf_synth_spec {
    const char *preset;        /* the preset it came from ("llama-3.2-1b", "tiny") */
    uint32_t n_embd;           /* a multiple of 256 */
    uint32_t n_ff;             /* a multiple of 256 */
    uint32_t n_layer;
    uint32_t n_head;           /* divides n_embd */
    uint32_t n_head_kv;        /* divides n_head */
    uint32_t n_vocab;          /* >= GGUF_SYNTH_MIN_VOCAB */
    uint32_t n_ctx;            /* llama.context_length */
    float rope_freq_base;
    float rms_eps;
    uint32_t alignment;        /* power of two, 8..65536; 32 writes no general.alignment key */
} gguf_synth_spec;

enum {
    GGUF_SYNTH_MIN_VOCAB = 260,      /* 3 specials + 256 byte tokens + 1 piece */
    GGUF_SYNTH_MAX_VOCAB = 1 << 22,
    GGUF_SYNTH_MAX_LAYERS = 1024,
    GGUF_SYNTH_MAX_DIM = 1 << 17,
    GGUF_SYNTH_DEFAULT_SEED = 1
};

/* Presets, by index (NULL past the last) and by name. */
const char *gguf_synth_preset_name(size_t i);
const char *gguf_synth_preset_summary(size_t i);
/* 0, or Q4K_ENOTFOUND for an unknown name. */
int gguf_synth_preset(const char *name, gguf_synth_spec *out);

/* 0, or Q4K_EINVAL with a message in err when a field is out of range. */
int gguf_synth_check(const gguf_synth_spec *s, char *err, size_t errlen);

/* 1 when llama.cpp's Q4_K_M gives layer i of n the extra bits (Q6_K) for
 * attn_v and ffn_down. */
int gguf_synth_use_more_bits(uint32_t i, uint32_t n);

/* One tensor of the file, in file order. */
typedef struct gguf_synth_tensor {
    char name[48];
    uint32_t type;             /* Q4K_GGML_Q4_K, Q4K_GGML_Q6_K or Q4K_GGML_F32 */
    uint32_t n_dims;           /* 1 or 2 */
    uint64_t ne[2];            /* ggml order: ne[0] is the row length */
    uint64_t nbytes;
    uint64_t rel_offset;       /* from the start of the data section */
} gguf_synth_tensor;

/* The tensor table of spec s: *out (malloc'd, free it) and *n. Also the
 * whole file's size when file_size is not NULL. 0, Q4K_EINVAL, Q4K_ENOMEM. */
int gguf_synth_plan(const gguf_synth_spec *s, gguf_synth_tensor **out, size_t *n,
                    uint64_t *file_size);

/* Progress: bytes written so far of total; a nonzero return cancels the
 * write (the temporary file is removed, the status is Q4K_EIO, "cancelled"). */
typedef int (*gguf_synth_progress_fn)(uint64_t done, uint64_t total, void *user);

/* Write the model of spec s with this seed to path. An existing path is
 * refused (Q4K_EIO, "exists") unless force. Returns 0 or a negative
 * q4k status with a one-line message in err. */
int gguf_synth_write(const gguf_synth_spec *s, uint64_t seed, const char *path, int force,
                     gguf_synth_progress_fn progress, void *user, char *err, size_t errlen);

#endif
