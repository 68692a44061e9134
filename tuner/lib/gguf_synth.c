/* gguf_synth.c - random-weight GGUF models with the shapes of known ones
 * (gguf_synth.h). The header is built in memory (its largest part is the
 * token list), the tensor data is generated and written chunk by chunk. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gguf_synth.h"
#include "q4k.h"

/* ---- presets ----------------------------------------------------------- */

static const struct preset {
    const char *name, *summary;
    gguf_synth_spec spec;
} presets[] = {
    {"llama-3.2-1b", "Llama 3.2 1B shapes (vocabulary 32000 unless --vocab), ~0.7 GB",
     {"llama-3.2-1b", 2048, 8192, 16, 32, 8, 32000, 131072, 500000.0f, 1e-5f, 32}},
    {"llama-3.2-3b", "Llama 3.2 3B shapes (vocabulary 32000 unless --vocab), ~1.8 GB",
     {"llama-3.2-3b", 3072, 8192, 28, 24, 8, 32000, 131072, 500000.0f, 1e-5f, 32}},
    {"llama-3.1-8b", "Llama 3.1 8B shapes (vocabulary 32000 unless --vocab), ~4.4 GB",
     {"llama-3.1-8b", 4096, 14336, 32, 32, 8, 32000, 131072, 500000.0f, 1e-5f, 32}},
    {"tiny", "for tests: n_embd 256, n_ff 768, 8 layers, 8 heads, 2 KV heads, vocabulary 512, ~3.7 MB",
     {"tiny", 256, 768, 8, 8, 2, 512, 512, 10000.0f, 1e-5f, 32}},
};

const char *gguf_synth_preset_name(size_t i)
{
    return i < sizeof presets / sizeof presets[0] ? presets[i].name : NULL;
}

const char *gguf_synth_preset_summary(size_t i)
{
    return i < sizeof presets / sizeof presets[0] ? presets[i].summary : NULL;
}

int gguf_synth_preset(const char *name, gguf_synth_spec *out)
{
    for (size_t i = 0; name && i < sizeof presets / sizeof presets[0]; i++)
        if (!strcmp(name, presets[i].name)) {
            *out = presets[i].spec;
            return Q4K_OK;
        }
    return Q4K_ENOTFOUND;
}

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return status;
}

int gguf_synth_check(const gguf_synth_spec *s, char *err, size_t errlen)
{
    if (!s)
        return fail(err, errlen, Q4K_EINVAL, "no model description");
    if (s->n_embd == 0 || s->n_embd % 256 || s->n_embd > GGUF_SYNTH_MAX_DIM)
        return fail(err, errlen, Q4K_EINVAL, "n_embd %u must be a multiple of 256 up to %d", s->n_embd,
                    GGUF_SYNTH_MAX_DIM);
    if (s->n_ff == 0 || s->n_ff % 256 || s->n_ff > GGUF_SYNTH_MAX_DIM)
        return fail(err, errlen, Q4K_EINVAL, "n_ff %u must be a multiple of 256 up to %d", s->n_ff,
                    GGUF_SYNTH_MAX_DIM);
    if (s->n_layer == 0 || s->n_layer > GGUF_SYNTH_MAX_LAYERS)
        return fail(err, errlen, Q4K_EINVAL, "layers %u must be 1..%d", s->n_layer, GGUF_SYNTH_MAX_LAYERS);
    if (s->n_head == 0 || s->n_embd % s->n_head)
        return fail(err, errlen, Q4K_EINVAL, "%u heads do not divide n_embd %u", s->n_head, s->n_embd);
    if (s->n_head_kv == 0 || s->n_head % s->n_head_kv)
        return fail(err, errlen, Q4K_EINVAL, "%u KV heads do not divide %u heads", s->n_head_kv, s->n_head);
    if (s->n_vocab < GGUF_SYNTH_MIN_VOCAB || s->n_vocab > GGUF_SYNTH_MAX_VOCAB)
        return fail(err, errlen, Q4K_EINVAL, "vocabulary %u must be %d..%d (3 specials, 256 byte tokens, pieces)",
                    s->n_vocab, GGUF_SYNTH_MIN_VOCAB, GGUF_SYNTH_MAX_VOCAB);
    if (s->n_ctx == 0)
        return fail(err, errlen, Q4K_EINVAL, "context length 0");
    if (s->alignment < 8 || s->alignment > 65536 || (s->alignment & (s->alignment - 1)))
        return fail(err, errlen, Q4K_EINVAL, "alignment %u must be a power of two in 8..65536", s->alignment);
    return Q4K_OK;
}

int gguf_synth_use_more_bits(uint32_t i, uint32_t n)
{
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
}

/* ---- the tensor table -------------------------------------------------- */

static uint64_t align_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

static uint64_t tensor_bytes(uint32_t type, const uint64_t ne[2])
{
    uint32_t bv = 1, bb = 4;
    q4k_gguf_type_layout(type, &bv, &bb);
    return ne[0] / bv * ne[1] * bb;
}

static void add(gguf_synth_tensor *t, size_t *n, const char *name, uint32_t type, uint64_t ne0, uint64_t ne1)
{
    gguf_synth_tensor *x = &t[(*n)++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", name);
    x->type = type;
    x->n_dims = ne1 ? 2 : 1;
    x->ne[0] = ne0;
    x->ne[1] = ne1 ? ne1 : 1;
    x->nbytes = tensor_bytes(type, x->ne);
}

/* llama.cpp's order (its weight_name_comparer): tensors outside the layers
 * by name, then layer by layer, each layer's tensors by name. */
static size_t make_table(const gguf_synth_spec *s, gguf_synth_tensor *t)
{
    size_t n = 0;
    uint64_t e = s->n_embd, ff = s->n_ff, v = s->n_vocab, kv = e / s->n_head * s->n_head_kv;
    add(t, &n, "output.weight", Q4K_GGML_Q6_K, e, v);
    add(t, &n, "output_norm.weight", Q4K_GGML_F32, e, 0);
    add(t, &n, "token_embd.weight", Q4K_GGML_Q4_K, e, v);
    for (uint32_t i = 0; i < s->n_layer; i++) {
        uint32_t more = gguf_synth_use_more_bits(i, s->n_layer) ? Q4K_GGML_Q6_K : Q4K_GGML_Q4_K;
        char name[48];
#define LAYER_TENSOR(suffix, type, ne0, ne1)                                                      \
    (snprintf(name, sizeof name, "blk.%u." suffix, i), add(t, &n, name, type, ne0, ne1))
        LAYER_TENSOR("attn_k.weight", Q4K_GGML_Q4_K, e, kv);
        LAYER_TENSOR("attn_norm.weight", Q4K_GGML_F32, e, 0);
        LAYER_TENSOR("attn_output.weight", Q4K_GGML_Q4_K, e, e);
        LAYER_TENSOR("attn_q.weight", Q4K_GGML_Q4_K, e, e);
        LAYER_TENSOR("attn_v.weight", more, e, kv);
        LAYER_TENSOR("ffn_down.weight", more, ff, e);
        LAYER_TENSOR("ffn_gate.weight", Q4K_GGML_Q4_K, e, ff);
        LAYER_TENSOR("ffn_norm.weight", Q4K_GGML_F32, e, 0);
        LAYER_TENSOR("ffn_up.weight", Q4K_GGML_Q4_K, e, ff);
#undef LAYER_TENSOR
    }
    return n;
}

/* ---- the header, in memory --------------------------------------------- */

typedef struct buf {
    uint8_t *p;
    size_t len, cap;
    int oom;
} buf;

static void put(buf *b, const void *src, size_t n)
{
    if (b->oom)
        return;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void put_le(buf *b, uint64_t v, int bytes)
{
    uint8_t x[8];
    for (int i = 0; i < bytes; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    put(b, x, (size_t)bytes);
}

static uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static void put_str(buf *b, const char *s)
{
    size_t n = strlen(s);
    put_le(b, n, 8);
    put(b, s, n);
}

static void kv_key(buf *b, const char *key, uint32_t type)
{
    put_str(b, key);
    put_le(b, type, 4);
}

static void kv_u32(buf *b, const char *key, uint32_t v)
{
    kv_key(b, key, Q4K_GGUF_U32);
    put_le(b, v, 4);
}

static void kv_f32(buf *b, const char *key, float v)
{
    kv_key(b, key, Q4K_GGUF_F32);
    put_le(b, f32_bits(v), 4);
}

static void kv_str(buf *b, const char *key, const char *v)
{
    kv_key(b, key, Q4K_GGUF_STRING);
    put_str(b, v);
}

static void kv_array(buf *b, const char *key, uint32_t elem_type, uint64_t n)
{
    kv_key(b, key, Q4K_GGUF_ARRAY);
    put_le(b, elem_type, 4);
    put_le(b, n, 8);
}

/* Token i of an SPM-style vocabulary like tinyA's: <unk> <s> </s>, the 256
 * byte tokens <0x00>..<0xFF>, then pieces "\u2581" + letters (base 26,
 * least significant first: a b .. z ab bb ..). */
static void token_text(uint32_t i, char *out, size_t len)
{
    static const char *const specials[] = {"<unk>", "<s>", "</s>"};
    if (i < 3) {
        snprintf(out, len, "%s", specials[i]);
    } else if (i < 259) {
        snprintf(out, len, "<0x%02X>", i - 3);
    } else {
        uint32_t k = i - 259;
        size_t n = 0;
        out[n++] = (char)0xE2; /* U+2581 LOWER ONE EIGHTH BLOCK, SentencePiece's space */
        out[n++] = (char)0x96;
        out[n++] = (char)0x81;
        do {
            out[n++] = (char)('a' + k % 26);
            k /= 26;
        } while (k && n + 1 < len);
        out[n] = '\0';
    }
}

enum { TOKEN_NORMAL = 1, TOKEN_UNKNOWN = 2, TOKEN_CONTROL = 3, TOKEN_BYTE = 6 };

static void write_header(buf *b, const gguf_synth_spec *s, const gguf_synth_tensor *t, size_t nt)
{
    char name[96];
    uint64_t n_kv = 21 + (s->alignment != Q4K_GGUF_DEFAULT_ALIGNMENT);
    put(b, "GGUF", 4);
    put_le(b, 3, 4);
    put_le(b, nt, 8);
    put_le(b, n_kv, 8);
    kv_str(b, "general.architecture", "llama");
    snprintf(name, sizeof name, "q4k-synth-%s", s->preset ? s->preset : "custom");
    kv_str(b, "general.name", name);
    kv_u32(b, "llama.context_length", s->n_ctx);
    kv_u32(b, "llama.embedding_length", s->n_embd);
    kv_u32(b, "llama.block_count", s->n_layer);
    kv_u32(b, "llama.feed_forward_length", s->n_ff);
    kv_u32(b, "llama.attention.head_count", s->n_head);
    kv_u32(b, "llama.attention.head_count_kv", s->n_head_kv);
    kv_u32(b, "llama.rope.dimension_count", s->n_embd / s->n_head);
    kv_f32(b, "llama.rope.freq_base", s->rope_freq_base);
    kv_f32(b, "llama.attention.layer_norm_rms_epsilon", s->rms_eps);
    kv_u32(b, "llama.vocab_size", s->n_vocab);
    kv_str(b, "tokenizer.ggml.model", "llama");
    kv_array(b, "tokenizer.ggml.tokens", Q4K_GGUF_STRING, s->n_vocab);
    for (uint32_t i = 0; i < s->n_vocab; i++) {
        char tok[32];
        token_text(i, tok, sizeof tok);
        put_str(b, tok);
    }
    kv_array(b, "tokenizer.ggml.scores", Q4K_GGUF_F32, s->n_vocab);
    for (uint32_t i = 0; i < s->n_vocab; i++)
        put_le(b, f32_bits(i < 259 ? 0.0f : -(float)(i - 259)), 4);
    kv_array(b, "tokenizer.ggml.token_type", Q4K_GGUF_I32, s->n_vocab);
    for (uint32_t i = 0; i < s->n_vocab; i++)
        put_le(b, i == 0 ? TOKEN_UNKNOWN : i < 3 ? TOKEN_CONTROL : i < 259 ? TOKEN_BYTE : TOKEN_NORMAL, 4);
    kv_u32(b, "tokenizer.ggml.unknown_token_id", 0);
    kv_u32(b, "tokenizer.ggml.bos_token_id", 1);
    kv_u32(b, "tokenizer.ggml.eos_token_id", 2);
    kv_u32(b, "general.quantization_version", 2);
    kv_u32(b, "general.file_type", 15); /* LLAMA_FTYPE_MOSTLY_Q4_K_M */
    if (s->alignment != Q4K_GGUF_DEFAULT_ALIGNMENT)
        kv_u32(b, "general.alignment", s->alignment);
    for (size_t i = 0; i < nt; i++) {
        put_str(b, t[i].name);
        put_le(b, t[i].n_dims, 4);
        for (uint32_t d = 0; d < t[i].n_dims; d++)
            put_le(b, t[i].ne[d], 8);
        put_le(b, t[i].type, 4);
        put_le(b, t[i].rel_offset, 8);
    }
    static const uint8_t zeros[65536];
    put(b, zeros, (size_t)(align_up(b->len, s->alignment) - b->len));
}

/* Offsets and the header; *header is malloc'd. */
static int plan_all(const gguf_synth_spec *s, gguf_synth_tensor **out, size_t *n, buf *header,
                    uint64_t *file_size, char *err, size_t errlen)
{
    int rc = gguf_synth_check(s, err, errlen);
    if (rc)
        return rc;
    size_t cap = 3 + 9 * (size_t)s->n_layer;
    gguf_synth_tensor *t = malloc(cap * sizeof *t);
    if (!t)
        return fail(err, errlen, Q4K_ENOMEM, "out of memory");
    size_t nt = make_table(s, t);
    uint64_t off = 0;
    for (size_t i = 0; i < nt; i++) {
        t[i].rel_offset = off;
        off = align_up(off + t[i].nbytes, s->alignment);
    }
    buf b = {0};
    write_header(&b, s, t, nt);
    if (b.oom) {
        free(b.p);
        free(t);
        return fail(err, errlen, Q4K_ENOMEM, "out of memory");
    }
    if (file_size)
        *file_size = b.len + off;
    if (header)
        *header = b;
    else
        free(b.p);
    *out = t;
    *n = nt;
    return Q4K_OK;
}

int gguf_synth_plan(const gguf_synth_spec *s, gguf_synth_tensor **out, size_t *n, uint64_t *file_size)
{
    if (!out || !n)
        return Q4K_EINVAL;
    return plan_all(s, out, n, NULL, file_size, NULL, 0);
}

/* ---- the weights ------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void random_bytes(uint64_t *rng, uint8_t *p, size_t n)
{
    while (n >= 8) {
        uint64_t r = splitmix64(rng);
        for (int i = 0; i < 8; i++)
            p[i] = (uint8_t)(r >> (8 * i));
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t r = splitmix64(rng);
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)(r >> (8 * i));
    }
}

/* A positive fp16 in [2^-10, 2^-6): exponent field 5..8, any mantissa. */
static uint16_t random_scale(uint64_t r)
{
    return (uint16_t)(((5 + (r & 3)) << 10) | ((r >> 2) & 0x3FF));
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* Fill n blocks of type at out. */
static void random_blocks(uint64_t *rng, uint32_t type, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (type == Q4K_GGML_Q4_K) {
            uint8_t *b = out + i * Q4K_BLOCK_BYTES;
            uint64_t r = splitmix64(rng);
            put16(b, random_scale(r));          /* d */
            put16(b + 2, random_scale(r >> 16)); /* dmin */
            random_bytes(rng, b + 4, Q4K_BLOCK_BYTES - 4); /* 6-bit scales/mins, 4-bit quants */
        } else { /* Q6_K: ql[128] qh[64] scales[16] (int8) d */
            uint8_t *b = out + i * 210;
            random_bytes(rng, b, 208);
            put16(b + 208, random_scale(splitmix64(rng)));
        }
    }
}

/* A norm weight: 1 + 0.1 x, x ~ Irwin-Hall(12) - 6 (mean 0, variance 1),
 * exact integer sum and one correctly rounded division: the same float on
 * every machine whatever the compiler contracts. */
static float random_norm(uint64_t *rng)
{
    int64_t sum = 0;
    for (int k = 0; k < 12; k++)
        sum += (int64_t)(splitmix64(rng) >> 40); /* 24 bits */
    double x = (double)(sum - 6 * ((int64_t)1 << 24)) / (double)(10 * ((int64_t)1 << 24));
    return (float)(1.0 + x);
}

static uint64_t tensor_seed(uint64_t seed, size_t index)
{
    uint64_t s = seed ^ 0x71347A5E5D1C0DE5u, i = (uint64_t)index + 1;
    uint64_t a = splitmix64(&s);
    return a ^ splitmix64(&i);
}

/* ---- the file ----------------------------------------------------------- */

typedef struct out_file {
    int fd;
    uint64_t done, total;
    gguf_synth_progress_fn progress;
    void *user;
    int cancelled;
} out_file;

static int write_all(out_file *f, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n) {
        ssize_t w = write(f->fd, b, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        b += w;
        n -= (size_t)w;
        f->done += (uint64_t)w;
    }
    if (f->progress && f->progress(f->done, f->total, f->user)) {
        f->cancelled = 1;
        errno = ECANCELED;
        return -1;
    }
    return 0;
}

enum { CHUNK_BLOCKS = 4096 };

static int write_tensor(out_file *f, const gguf_synth_tensor *t, uint64_t seed, size_t index, uint8_t *chunk)
{
    uint64_t rng = tensor_seed(seed, index);
    if (t->type == Q4K_GGML_F32) {
        uint64_t n = t->ne[0] * t->ne[1];
        while (n) {
            size_t m = n > CHUNK_BLOCKS * 32 ? CHUNK_BLOCKS * 32 : (size_t)n;
            for (size_t i = 0; i < m; i++) {
                uint32_t u = f32_bits(random_norm(&rng));
                for (int k = 0; k < 4; k++)
                    chunk[4 * i + (size_t)k] = (uint8_t)(u >> (8 * k));
            }
            if (write_all(f, chunk, m * 4))
                return -1;
            n -= m;
        }
        return 0;
    }
    uint32_t bb = t->type == Q4K_GGML_Q4_K ? Q4K_BLOCK_BYTES : 210;
    uint64_t blocks = t->nbytes / bb;
    while (blocks) {
        size_t m = blocks > CHUNK_BLOCKS ? CHUNK_BLOCKS : (size_t)blocks;
        random_blocks(&rng, t->type, chunk, m);
        if (write_all(f, chunk, m * bb))
            return -1;
        blocks -= m;
    }
    return 0;
}

/* Publish tmp as path: rename, or, without force, link (which refuses an
 * existing path atomically) where the file system has hard links. */
static int publish(const char *tmp, const char *path, int force, char *err, size_t errlen)
{
    if (!force) {
        if (link(tmp, path) == 0) {
            unlink(tmp);
            return Q4K_OK;
        }
        if (errno == EEXIST)
            return fail(err, errlen, Q4K_EIO, "%s exists (use --force to replace it)", path);
        struct stat st;
        if (lstat(path, &st) == 0)
            return fail(err, errlen, Q4K_EIO, "%s exists (use --force to replace it)", path);
    }
    if (rename(tmp, path) != 0)
        return fail(err, errlen, Q4K_EIO, "renaming %s to %s: %s", tmp, path, strerror(errno));
    return Q4K_OK;
}

int gguf_synth_write(const gguf_synth_spec *s, uint64_t seed, const char *path, int force,
                     gguf_synth_progress_fn progress, void *user, char *err, size_t errlen)
{
    if (!s || !path || !*path)
        return fail(err, errlen, Q4K_EINVAL, "no model or no path");
    struct stat st;
    if (!force && lstat(path, &st) == 0)
        return fail(err, errlen, Q4K_EIO, "%s exists (use --force to replace it)", path);
    gguf_synth_tensor *t = NULL;
    size_t nt = 0;
    buf header = {0};
    uint64_t total = 0;
    int rc = plan_all(s, &t, &nt, &header, &total, err, errlen);
    if (rc)
        return rc;
    uint8_t *chunk = malloc((size_t)CHUNK_BLOCKS * 210);
    size_t plen = strlen(path);
    char *tmp = malloc(plen + sizeof ".tmp.XXXXXX");
    if (!chunk || !tmp) {
        free(chunk);
        free(tmp);
        free(header.p);
        free(t);
        return fail(err, errlen, Q4K_ENOMEM, "out of memory");
    }
    /* A new name next to path (O_EXCL: never someone else's file), with
     * the permissions of any new file (0666 less the umask; mkstemp would
     * make it 0600). */
    out_file f = {.fd = -1, .total = total, .progress = progress, .user = user};
    for (unsigned k = 0; k < 26 && f.fd < 0; k++) {
        snprintf(tmp, plen + sizeof ".tmp.XXXXXX", "%s.tmp.%05u%c", path, (unsigned)getpid() % 100000u,
                 (char)('a' + k));
        f.fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (f.fd < 0 && errno != EEXIST)
            break;
    }
    if (f.fd < 0) {
        rc = fail(err, errlen, Q4K_EIO, "cannot create a temporary file next to %s: %s", path, strerror(errno));
        goto done;
    }
    if (write_all(&f, header.p, header.len))
        goto write_failed;
    static const uint8_t zeros[65536];
    for (size_t i = 0; i < nt; i++) {
        if (write_tensor(&f, &t[i], seed, i, chunk))
            goto write_failed;
        uint64_t end = header.len + t[i].rel_offset + t[i].nbytes;
        if (write_all(&f, zeros, (size_t)(align_up(end, s->alignment) - end)))
            goto write_failed;
    }
    if (f.done != total) {
        rc = fail(err, errlen, Q4K_EIO, "%s: wrote %llu bytes, planned %llu", tmp,
                  (unsigned long long)f.done, (unsigned long long)total);
        goto fail_tmp;
    }
    if (fsync(f.fd) != 0 && errno != EINVAL)
        goto write_failed;
    if (close(f.fd) != 0) {
        f.fd = -1;
        goto write_failed;
    }
    f.fd = -1;
    rc = publish(tmp, path, force, err, errlen);
    if (rc)
        goto fail_tmp;
    goto done;

write_failed:
    if (f.cancelled)
        rc = fail(err, errlen, Q4K_EIO, "cancelled; nothing written to %s", path);
    else
        rc = fail(err, errlen, Q4K_EIO, "writing %s: %s", tmp, strerror(errno));
fail_tmp:
    if (f.fd >= 0)
        close(f.fd);
    unlink(tmp);
done:
    free(chunk);
    free(tmp);
    free(header.p);
    free(t);
    return rc;
}
