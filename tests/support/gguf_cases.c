/* gguf_cases.c - small GGUF files, valid and broken in one way each, and
 * what the reader must say about them (see gguf_cases.h). The broken ones
 * follow what llama.cpp's GGUF advisories were about: lengths and counts
 * near 2^64 or past the bytes left, counts whose byte size wraps, n_dims,
 * shape products, offsets. */
#include <stdint.h>
#include <string.h>

#include "gguf_cases.h"
#include "q4k.h"

enum { T_F32 = 0, T_F16 = 1, T_Q8_0 = 8, T_Q4_K = 12, T_Q6_K = 14, T_F64 = 28, T_BF16 = 30 };
enum { V_U8 = 0, V_U32 = 4, V_BOOL = 7, V_STR = 8, V_ARR = 9, V_U64 = 10 };

#define MAX64 UINT64_MAX

typedef struct tinfo {
    const char *name;
    uint32_t n_dims;
    uint64_t ne[4];
    uint32_t type;
    uint64_t offset;
} tinfo;

/* What a case changes in the base file; zero fields mean "as the base". */
typedef struct model {
    uint32_t version;                     /* 0: 3 */
    int set_tensor_count;
    uint64_t tensor_count;
    int set_kv_count;
    uint64_t kv_count;
    void (*extra_kv)(gguf_builder *b);    /* replaces the base's one extra key */
    int align_kind;                       /* 0 none, 1 u32 value, 2 u64 value, 3 string */
    uint64_t align;
    const tinfo *t;                       /* NULL: the base tensors */
    size_t nt;
    int set_data_bytes;
    uint64_t data_bytes;                  /* bytes written after the padding */
} model;

static const tinfo base_tensors[] = {
    {"a", 2, {256, 2}, T_Q4_K, 0},
    {"b", 1, {8}, T_F32, 288},
};

static void extra_u8(gguf_builder *b)
{
    gb_str(b, "extra");
    gb_u32(b, V_U8);
    gb_u8(b, 7);
}

static void build_model(gguf_builder *b, const model *m)
{
    const tinfo *t = m->t ? m->t : base_tensors;
    size_t nt = m->t ? m->nt : 2;
    uint64_t n_kv = 2 + (m->align_kind ? 1 : 0);
    gb_header(b, m->version ? m->version : 3, m->set_tensor_count ? m->tensor_count : nt,
              m->set_kv_count ? m->kv_count : n_kv);
    gb_kv_str(b, "general.architecture", "llama");
    (m->extra_kv ? m->extra_kv : extra_u8)(b);
    if (m->align_kind == 1) {
        gb_kv_u32(b, "general.alignment", (uint32_t)m->align);
    } else if (m->align_kind == 2) {
        gb_str(b, "general.alignment");
        gb_u32(b, V_U64);
        gb_u64(b, m->align);
    } else if (m->align_kind == 3) {
        gb_kv_str(b, "general.alignment", "32");
    }
    for (size_t i = 0; i < nt; i++)
        gb_tensor_info(b, t[i].name, t[i].n_dims, t[i].ne, t[i].type, t[i].offset);
    uint64_t align = (m->align_kind == 1 && m->align && m->align <= 4096 &&
                      !(m->align & (m->align - 1))) ? m->align : 32;
    gb_pad(b, (size_t)align);
    uint64_t n = m->set_data_bytes ? m->data_bytes : 320;
    for (uint64_t i = 0; i < n; i++)
        gb_u8(b, (uint8_t)(i * 37 + 11));
}

#define BUILD(fn, ...) \
    static void fn(gguf_builder *b) \
    { \
        const model m = {__VA_ARGS__}; \
        build_model(b, &m); \
    }

#define TENSORS(fn, ...) static const tinfo fn##_t[] = {__VA_ARGS__};
#define NT(fn) .t = fn##_t, .nt = sizeof fn##_t / sizeof fn##_t[0]

/* ---- valid ------------------------------------------------------------------ */

void gguf_case_base(gguf_builder *b)
{
    const model m = {0};
    build_model(b, &m);
}

BUILD(valid_v2, .version = 2)
BUILD(valid_align64, .align_kind = 1, .align = 64, .t = (const tinfo[]){
    {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {8}, T_F32, 320}}, .nt = 2,
    .set_data_bytes = 1, .data_bytes = 352)
TENSORS(valid_types, {"q4k", 2, {256, 1}, T_Q4_K, 0}, {"q6k", 1, {256}, T_Q6_K, 160},
        {"f16", 3, {2, 2, 2}, T_F16, 384}, {"bf16", 4, {2, 1, 2, 1}, T_BF16, 416},
        {"q8", 1, {32}, T_Q8_0, 448}, {"f32", 1, {4}, T_F32, 512})
BUILD(valid_types, NT(valid_types), .set_data_bytes = 1, .data_bytes = 528)

static void valid_arrays(gguf_builder *b)
{
    gb_header(b, 3, 1, 4);
    gb_kv_str(b, "general.architecture", "llama");
    gb_str(b, "tokens");
    gb_u32(b, V_ARR);
    gb_u32(b, V_STR);
    gb_u64(b, 3);
    gb_str(b, "<s>");
    gb_str(b, "");
    gb_str(b, "x");
    gb_str(b, "scores");
    gb_u32(b, V_ARR);
    gb_u32(b, 6); /* f32 */
    gb_u64(b, 2);
    gb_f32(b, 1.5f);
    gb_f32(b, -2.0f);
    gb_str(b, "empty");
    gb_u32(b, V_ARR);
    gb_u32(b, V_U64);
    gb_u64(b, 0);
    gb_tensor_info(b, "t", 1, (const uint64_t[]){256}, T_Q4_K, 0);
    gb_pad(b, 32);
    for (int i = 0; i < 144; i++)
        gb_u8(b, (uint8_t)i);
}

static void valid_no_tensors(gguf_builder *b)
{
    gb_header(b, 3, 0, 1);
    gb_kv_str(b, "general.architecture", "llama"); /* no padding, no data */
}

/* ---- header ----------------------------------------------------------------- */

static void empty_file(gguf_builder *b) { (void)b; }
static void short_magic(gguf_builder *b) { gb_bytes(b, "GG", 2); }

static void bad_magic(gguf_builder *b)
{
    gguf_case_base(b);
    memcpy(b->data, "GGML", 4);
}

static void big_endian_magic(gguf_builder *b)
{
    gguf_case_base(b);
    memcpy(b->data, "FUGG", 4);
}

static void truncated_version(gguf_builder *b) { gb_bytes(b, "GGUF\3\0", 6); }
static void version_zero(gguf_builder *b)
{
    gguf_case_base(b);
    gb_patch_u32(b, 4, 0);
}
BUILD(version1, .version = 1)
BUILD(version4, .version = 4)

static void byte_swapped(gguf_builder *b)
{
    /* what a big-endian writer produces: every integer reversed */
    gb_bytes(b, "GGUF", 4);
    gb_bytes(b, "\0\0\0\3", 4);
    gb_bytes(b, "\0\0\0\0\0\0\0\0", 8);
    gb_bytes(b, "\0\0\0\0\0\0\0\1", 8);
    gb_bytes(b, "\0\0\0\0\0\0\0\5", 8);
    gb_bytes(b, "extra", 5);
    gb_bytes(b, "\0\0\0\0", 4);
    gb_u8(b, 1);
}

static void truncated_counts(gguf_builder *b)
{
    gguf_case_base(b);
    b->len = 20;
}

BUILD(kv_count_max, .set_kv_count = 1, .kv_count = MAX64)
BUILD(kv_count_2p60, .set_kv_count = 1, .kv_count = 1ull << 60)
BUILD(kv_count_beyond, .set_kv_count = 1, .kv_count = 100) /* ~400 bytes follow: 100*14 > 400 */
BUILD(kv_count_one_more, .set_kv_count = 1, .kv_count = 3) /* reads the tensor table as a key */
BUILD(tensor_count_max, .set_tensor_count = 1, .tensor_count = MAX64)
BUILD(tensor_count_2p59, .set_tensor_count = 1, .tensor_count = 1ull << 59)
BUILD(tensor_count_beyond, .set_tensor_count = 1, .tensor_count = 1000)

/* ---- key-values ------------------------------------------------------------- */

static void key_len_max(gguf_builder *b)
{
    gb_header(b, 3, 0, 1);
    gb_u64(b, MAX64);
    gb_bytes(b, "general.architecture", 20);
}

static void key_len_wraps(gguf_builder *b)
{
    gb_header(b, 3, 0, 1);
    gb_u64(b, MAX64 - 23); /* pos 32 + len wraps to 8 */
    gb_bytes(b, "general.architecture\x08\0\0\0", 24);
}

static void key_len_beyond(gguf_builder *b)
{
    gb_header(b, 3, 0, 1);
    gb_u64(b, 21); /* one more byte than follow */
    gb_bytes(b, "general.architecture", 20);
}

static void kv_str(gguf_builder *b, uint64_t len)
{
    gb_str(b, "extra");
    gb_u32(b, V_STR);
    gb_u64(b, len);
    gb_bytes(b, "abcdefgh", 8);
}
static void str_len_max_kv(gguf_builder *b) { kv_str(b, MAX64); }
static void str_len_wrap_kv(gguf_builder *b) { kv_str(b, MAX64 - 7); }
BUILD(string_len_max, .extra_kv = str_len_max_kv)
BUILD(string_len_wraps, .extra_kv = str_len_wrap_kv)

static void kv_array(gguf_builder *b, uint32_t elem, uint64_t count)
{
    gb_str(b, "extra");
    gb_u32(b, V_ARR);
    gb_u32(b, elem);
    gb_u64(b, count);
    gb_u32(b, 1);
    gb_u32(b, 2);
}
static void arr_max_kv(gguf_builder *b) { kv_array(b, V_U32, MAX64); }
static void arr_wrap_kv(gguf_builder *b) { kv_array(b, V_U32, 1ull << 62); }   /* *4 == 2^64 */
static void arr_beyond_kv(gguf_builder *b) { kv_array(b, V_U64, 1000); }
static void sarr_max_kv(gguf_builder *b) { kv_array(b, V_STR, MAX64); }
static void sarr_wrap_kv(gguf_builder *b) { kv_array(b, V_STR, 1ull << 61); } /* *8 == 2^64 */
static void nested_kv(gguf_builder *b) { kv_array(b, V_ARR, 2); }
static void arr_bad_elem_kv(gguf_builder *b) { kv_array(b, 99, 2); }
BUILD(array_len_max, .extra_kv = arr_max_kv)
BUILD(array_len_wraps, .extra_kv = arr_wrap_kv)
BUILD(array_len_beyond, .extra_kv = arr_beyond_kv)
BUILD(string_array_len_max, .extra_kv = sarr_max_kv)
BUILD(string_array_len_wraps, .extra_kv = sarr_wrap_kv)
BUILD(nested_array, .extra_kv = nested_kv)
BUILD(array_unknown_elem_type, .extra_kv = arr_bad_elem_kv)

static void sarr_elem_huge_kv(gguf_builder *b)
{
    gb_str(b, "extra");
    gb_u32(b, V_ARR);
    gb_u32(b, V_STR);
    gb_u64(b, 2);
    gb_str(b, "ok");
    gb_u64(b, MAX64);
    gb_bytes(b, "xxxxxxxx", 8);
}
BUILD(string_array_elem_len_max, .extra_kv = sarr_elem_huge_kv)

static void bad_vtype_kv(gguf_builder *b)
{
    gb_str(b, "extra");
    gb_u32(b, 13);
    gb_u32(b, 0);
}
BUILD(unknown_value_type, .extra_kv = bad_vtype_kv)

static void empty_key_kv(gguf_builder *b)
{
    gb_str(b, "");
    gb_u32(b, V_U8);
    gb_u8(b, 1);
}
BUILD(empty_key, .extra_kv = empty_key_kv)

static void nul_key_kv(gguf_builder *b)
{
    gb_u64(b, 7);
    gb_bytes(b, "gen\0ral", 7);
    gb_u32(b, V_U8);
    gb_u8(b, 1);
}
BUILD(key_with_nul, .extra_kv = nul_key_kv)

static void dup_key_kv(gguf_builder *b) { gb_kv_str(b, "general.architecture", "gpt2"); }
BUILD(duplicate_key, .extra_kv = dup_key_kv)

static void truncated_value_kv(gguf_builder *b)
{
    gb_str(b, "extra");
    gb_u32(b, V_U64);
}
static void truncated_in_value(gguf_builder *b)
{
    gb_header(b, 3, 0, 2);
    gb_kv_str(b, "general.architecture", "llama");
    truncated_value_kv(b);
    gb_u32(b, 5); /* 4 of the 8 bytes */
}

/* ---- alignment -------------------------------------------------------------- */

BUILD(alignment_zero, .align_kind = 1, .align = 0)
BUILD(alignment_not_pow2, .align_kind = 1, .align = 48)
BUILD(alignment_u64, .align_kind = 2, .align = 32)
BUILD(alignment_string, .align_kind = 3)
/* 2^31: valid, but the data section then starts far past the end */
BUILD(alignment_huge, .align_kind = 1, .align = 1u << 31)

/* ---- tensor table ----------------------------------------------------------- */

TENSORS(ndims5, {"a", 5, {256, 1, 1, 1}, T_Q4_K, 0})
BUILD(n_dims_5, NT(ndims5))
TENSORS(ndims_huge, {"a", 0xFFFFFFFFu, {256}, T_Q4_K, 0})
BUILD(n_dims_huge, NT(ndims_huge))
TENSORS(ndims0, {"a", 0, {0}, T_F32, 0})
BUILD(n_dims_0, NT(ndims0))
TENSORS(zero_dim, {"a", 2, {256, 0}, T_Q4_K, 0})
BUILD(zero_dimension, NT(zero_dim))
TENSORS(neg_dim, {"a", 2, {MAX64, 1}, T_F32, 0})
BUILD(negative_dimension, NT(neg_dim))
TENSORS(ovf64, {"a", 2, {1ull << 32, 1ull << 32}, T_F32, 0})
BUILD(shape_product_wraps, NT(ovf64))
TENSORS(ovf63, {"a", 4, {1ull << 16, 1ull << 16, 1ull << 16, 1ull << 15}, T_F32, 0})
BUILD(shape_product_over_int64, NT(ovf63))
TENSORS(bytes_ovf, {"a", 2, {1ull << 31, 1ull << 31}, T_F64, 0})
BUILD(byte_size_overflows, NT(bytes_ovf))
TENSORS(q4k_row, {"a", 2, {100, 2}, T_Q4_K, 0})
BUILD(q4k_row_not_multiple, NT(q4k_row))
TENSORS(q6k_row, {"a", 1, {384}, T_Q6_K, 0})
BUILD(q6k_row_not_multiple, NT(q6k_row))
TENSORS(type99, {"a", 1, {8}, 99, 0})
BUILD(unknown_type, NT(type99))
TENSORS(type4, {"a", 1, {32}, 4, 0})
BUILD(removed_type_q4_2, NT(type4))
TENSORS(type_max, {"a", 1, {32}, 0xFFFFFFFFu, 0})
BUILD(type_max, NT(type_max))
TENSORS(past_end, {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {8}, T_F32, 1u << 20})
BUILD(offset_past_end, NT(past_end))
TENSORS(misaligned, {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {8}, T_F32, 290})
BUILD(offset_misaligned, NT(misaligned))
TENSORS(wraps, {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {8}, T_F32, MAX64 - 31})
BUILD(offset_wraps, NT(wraps))
TENSORS(end_past, {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {64}, T_F32, 288})
BUILD(data_end_past_file, NT(end_past))
BUILD(data_truncated, .set_data_bytes = 1, .data_bytes = 300)
BUILD(data_section_missing, .set_data_bytes = 1, .data_bytes = 0)
TENSORS(dup, {"a", 1, {8}, T_F32, 0}, {"a", 1, {8}, T_F32, 32})
BUILD(duplicate_tensor_name, NT(dup))
TENSORS(overlap, {"a", 2, {256, 2}, T_Q4_K, 0}, {"b", 1, {8}, T_F32, 256})
BUILD(overlapping_tensors, NT(overlap))
TENSORS(empty_name, {"", 1, {8}, T_F32, 0})
BUILD(empty_tensor_name, NT(empty_name))

static void tensor_name_len_max(gguf_builder *b)
{
    gb_header(b, 3, 1, 0);
    gb_u64(b, MAX64);
    gb_bytes(b, "blk.0.attn_q.weight\2\0\0\0\0\1\0\0\0\0\0\0", 31); /* >= 32 bytes left */
}

static void tensor_name_nul(gguf_builder *b)
{
    gb_header(b, 3, 1, 0);
    gb_u64(b, 3);
    gb_bytes(b, "a\0b", 3);
    gb_u32(b, 1);
    gb_u64(b, 8);
    gb_u32(b, T_F32);
    gb_u64(b, 0);
    gb_pad(b, 32);
    gb_bytes(b, "0123456789abcdef0123456789abcdef", 32);
}

static void truncated_in_tensor(gguf_builder *b)
{
    gb_header(b, 3, 1, 0);
    gb_str(b, "blk.0.attn_q.weight");
    gb_u32(b, 2);
    gb_u64(b, 256); /* ne[1], type and offset missing */
}

#define OK_CASE(fn) {#fn, fn, Q4K_OK, NULL}
#define BAD(fn, st, msg) {#fn, fn, st, msg}

const gguf_case gguf_cases[] = {
    {"valid_base", gguf_case_base, Q4K_OK, NULL},
    OK_CASE(valid_v2),
    OK_CASE(valid_align64),
    OK_CASE(valid_types),
    OK_CASE(valid_arrays),
    OK_CASE(valid_no_tensors),

    BAD(empty_file, Q4K_EFORMAT, "too short"),
    BAD(short_magic, Q4K_EFORMAT, "too short"),
    BAD(bad_magic, Q4K_EFORMAT, "bad magic 'GGML'"),
    BAD(big_endian_magic, Q4K_EFORMAT, "big-endian"),
    BAD(truncated_version, Q4K_EFORMAT, "version at offset 4 needs 4 bytes"),
    BAD(version_zero, Q4K_EVERSION, "version 0 is not supported"),
    BAD(version1, Q4K_EVERSION, "version 1 is not supported"),
    BAD(version4, Q4K_EVERSION, "version 4 is not supported"),
    BAD(byte_swapped, Q4K_EFORMAT, "byte-swapped (big-endian)"),
    BAD(truncated_counts, Q4K_EFORMAT, "key-value count at offset 16 needs 8 bytes"),
    BAD(kv_count_max, Q4K_EFORMAT, "key-value count 18446744073709551615 is more than"),
    BAD(kv_count_2p60, Q4K_EFORMAT, "key-value count 1152921504606846976 is more than"),
    BAD(kv_count_beyond, Q4K_EFORMAT, "key-value count 100 is more than"),
    BAD(kv_count_one_more, Q4K_EFORMAT, "name of tensor 0 at offset"),
    BAD(tensor_count_max, Q4K_EFORMAT, "tensor count 18446744073709551615 is more than"),
    BAD(tensor_count_2p59, Q4K_EFORMAT, "tensor count 576460752303423488 is more than"),
    BAD(tensor_count_beyond, Q4K_EFORMAT, "tensor count 1000 is more than"),

    BAD(key_len_max, Q4K_EFORMAT, "key 0 at offset 24 has length 18446744073709551615"),
    BAD(key_len_wraps, Q4K_EFORMAT, "has length 18446744073709551592"),
    BAD(key_len_beyond, Q4K_EFORMAT, "has length 21 but only 20 bytes are left"),
    BAD(string_len_max, Q4K_EFORMAT, "'extra': string value at offset"),
    BAD(string_len_wraps, Q4K_EFORMAT, "has length 18446744073709551608"),
    BAD(array_len_max, Q4K_EFORMAT, "'extra': array of 18446744073709551615 u32 values"),
    BAD(array_len_wraps, Q4K_EFORMAT, "'extra': array of 4611686018427387904 u32 values"),
    BAD(array_len_beyond, Q4K_EFORMAT, "'extra': array of 1000 u64 values"),
    BAD(string_array_len_max, Q4K_EFORMAT, "'extra': array of 18446744073709551615 strings"),
    BAD(string_array_len_wraps, Q4K_EFORMAT, "'extra': array of 2305843009213693952 strings"),
    BAD(string_array_elem_len_max, Q4K_EFORMAT, "string 1 of the array at offset"),
    BAD(nested_array, Q4K_EFORMAT, "'extra': nested arrays are not supported"),
    BAD(array_unknown_elem_type, Q4K_EFORMAT, "unknown array element type 99"),
    BAD(unknown_value_type, Q4K_EFORMAT, "'extra': unknown value type 13"),
    BAD(empty_key, Q4K_EFORMAT, "key 1 ('') is empty or contains a NUL byte"),
    BAD(key_with_nul, Q4K_EFORMAT, "key 1 ('gen?ral') is empty or contains a NUL byte"),
    BAD(duplicate_key, Q4K_EFORMAT, "duplicate key 'general.architecture' (key-values 0 and 1)"),
    BAD(truncated_in_value, Q4K_EFORMAT, "'extra': value at offset"),

    BAD(alignment_zero, Q4K_EFORMAT, "general.alignment 0 is not a power of two"),
    BAD(alignment_not_pow2, Q4K_EFORMAT, "general.alignment 48 is not a power of two"),
    BAD(alignment_u64, Q4K_EFORMAT, "general.alignment must be a u32, but is a u64"),
    BAD(alignment_string, Q4K_EFORMAT, "general.alignment must be a u32, but is a string"),
    BAD(alignment_huge, Q4K_EFORMAT, "data section starts at 2147483648, past the end"),

    BAD(n_dims_5, Q4K_EFORMAT, "tensor 'a': n_dims 5 is not in 1..4"),
    BAD(n_dims_huge, Q4K_EFORMAT, "tensor 'a': n_dims 4294967295 is not in 1..4"),
    BAD(n_dims_0, Q4K_EFORMAT, "tensor 'a': n_dims 0 is not in 1..4"),
    BAD(zero_dimension, Q4K_EFORMAT, "tensor 'a': dimension 1 is 0"),
    BAD(negative_dimension, Q4K_EFORMAT, "tensor 'a': dimension 0 is 18446744073709551615"),
    BAD(shape_product_wraps, Q4K_EFORMAT, "tensor 'a': element count overflows"),
    BAD(shape_product_over_int64, Q4K_EFORMAT, "tensor 'a': element count overflows"),
    BAD(byte_size_overflows, Q4K_EFORMAT, "tensor 'a' (f64): byte size of 4611686018427387904 elements overflows"),
    BAD(q4k_row_not_multiple, Q4K_EFORMAT, "tensor 'a' (q4_K): row length 100 is not a multiple of the block size 256"),
    BAD(q6k_row_not_multiple, Q4K_EFORMAT, "tensor 'a' (q6_K): row length 384 is not a multiple of the block size 256"),
    BAD(unknown_type, Q4K_ETYPE, "tensor 'a': unknown ggml type 99"),
    BAD(removed_type_q4_2, Q4K_ETYPE, "tensor 'a': unknown ggml type 4"),
    BAD(type_max, Q4K_ETYPE, "unknown ggml type 4294967295"),
    BAD(offset_past_end, Q4K_EFORMAT, "tensor 'b': 32 bytes at offset"),
    BAD(offset_misaligned, Q4K_EFORMAT, "tensor 'b': offset 290 is not a multiple of the alignment 32"),
    BAD(offset_wraps, Q4K_EFORMAT, "tensor 'b': offset 18446744073709551584 wraps around"),
    BAD(data_end_past_file, Q4K_EFORMAT, "tensor 'b': 256 bytes at offset"),
    BAD(data_truncated, Q4K_EFORMAT, "tensor 'b': 32 bytes at offset"),
    BAD(data_section_missing, Q4K_EFORMAT, "tensor 'a': 288 bytes at offset"),
    BAD(duplicate_tensor_name, Q4K_EFORMAT, "duplicate tensor name 'a' (tensors 0 and 1)"),
    BAD(overlapping_tensors, Q4K_EFORMAT, "tensors 'a' and 'b' overlap"),
    BAD(empty_tensor_name, Q4K_EFORMAT, "tensor 0: name '' is empty"),
    BAD(tensor_name_len_max, Q4K_EFORMAT, "name of tensor 0 at offset 24 has length 18446744073709551615"),
    BAD(tensor_name_nul, Q4K_EFORMAT, "tensor 0: name 'a?b' is empty or contains a NUL byte"),
    BAD(truncated_in_tensor, Q4K_EFORMAT, "'blk.0.attn_q.weight': dimension at offset 63 needs 8 bytes, only 0 left"),
};

const size_t gguf_case_count = sizeof gguf_cases / sizeof gguf_cases[0];
