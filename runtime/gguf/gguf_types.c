/* gguf_types.c - what the reader knows about ggml tensor types and GGUF
 * value types: names and sizes, so shapes can be turned into byte counts
 * and checked against the file before anything is read. */
#include "gguf_internal.h"

struct ggml_type_info {
    const char *name;      /* ggml's spelling, as llama.cpp prints it */
    uint32_t block_values; /* values per block (1 for plain types) */
    uint32_t block_bytes;  /* bytes per block */
};

/* Indexed by the ggml_type value stored in the file. Gaps are types ggml
 * removed (Q4_2, Q4_3, the Q4_0_x_y and IQ4_NL_x_y repacks): a file that
 * uses them is rejected like any unknown type. */
static const struct ggml_type_info ggml_types[] = {
    [Q4K_GGML_F32] = {"f32", 1, 4},
    [Q4K_GGML_F16] = {"f16", 1, 2},
    [Q4K_GGML_Q4_0] = {"q4_0", 32, 18},
    [Q4K_GGML_Q4_1] = {"q4_1", 32, 20},
    [Q4K_GGML_Q5_0] = {"q5_0", 32, 22},
    [Q4K_GGML_Q5_1] = {"q5_1", 32, 24},
    [Q4K_GGML_Q8_0] = {"q8_0", 32, 34},
    [Q4K_GGML_Q8_1] = {"q8_1", 32, 36},
    [Q4K_GGML_Q2_K] = {"q2_K", 256, 84},
    [Q4K_GGML_Q3_K] = {"q3_K", 256, 110},
    [Q4K_GGML_Q4_K] = {"q4_K", 256, 144},
    [Q4K_GGML_Q5_K] = {"q5_K", 256, 176},
    [Q4K_GGML_Q6_K] = {"q6_K", 256, 210},
    [Q4K_GGML_Q8_K] = {"q8_K", 256, 292},
    [Q4K_GGML_IQ2_XXS] = {"iq2_xxs", 256, 66},
    [Q4K_GGML_IQ2_XS] = {"iq2_xs", 256, 74},
    [Q4K_GGML_IQ3_XXS] = {"iq3_xxs", 256, 98},
    [Q4K_GGML_IQ1_S] = {"iq1_s", 256, 50},
    [Q4K_GGML_IQ4_NL] = {"iq4_nl", 32, 18},
    [Q4K_GGML_IQ3_S] = {"iq3_s", 256, 110},
    [Q4K_GGML_IQ2_S] = {"iq2_s", 256, 82},
    [Q4K_GGML_IQ4_XS] = {"iq4_xs", 256, 136},
    [Q4K_GGML_I8] = {"i8", 1, 1},
    [Q4K_GGML_I16] = {"i16", 1, 2},
    [Q4K_GGML_I32] = {"i32", 1, 4},
    [Q4K_GGML_I64] = {"i64", 1, 8},
    [Q4K_GGML_F64] = {"f64", 1, 8},
    [Q4K_GGML_IQ1_M] = {"iq1_m", 256, 56},
    [Q4K_GGML_BF16] = {"bf16", 1, 2},
    [Q4K_GGML_TQ1_0] = {"tq1_0", 256, 54},
    [Q4K_GGML_TQ2_0] = {"tq2_0", 256, 66},
    [Q4K_GGML_MXFP4] = {"mxfp4", 32, 17},
};

static const struct ggml_type_info *ggml_type_lookup(uint32_t type)
{
    if (type >= sizeof ggml_types / sizeof ggml_types[0] || !ggml_types[type].name)
        return NULL;
    return &ggml_types[type];
}

const char *q4k_gguf_type_name(uint32_t type)
{
    const struct ggml_type_info *t = ggml_type_lookup(type);
    return t ? t->name : NULL;
}

int q4k_gguf_type_layout(uint32_t type, uint32_t *block_values, uint32_t *block_bytes)
{
    const struct ggml_type_info *t = ggml_type_lookup(type);
    if (block_values)
        *block_values = t ? t->block_values : 0;
    if (block_bytes)
        *block_bytes = t ? t->block_bytes : 0;
    return t ? Q4K_OK : Q4K_ETYPE;
}

static const char *const vtype_names[] = {
    [Q4K_GGUF_U8] = "u8", [Q4K_GGUF_I8] = "i8", [Q4K_GGUF_U16] = "u16",
    [Q4K_GGUF_I16] = "i16", [Q4K_GGUF_U32] = "u32", [Q4K_GGUF_I32] = "i32",
    [Q4K_GGUF_F32] = "f32", [Q4K_GGUF_BOOL] = "bool", [Q4K_GGUF_STRING] = "string",
    [Q4K_GGUF_ARRAY] = "array", [Q4K_GGUF_U64] = "u64", [Q4K_GGUF_I64] = "i64",
    [Q4K_GGUF_F64] = "f64",
};

const char *q4k_gguf_vtype_name(uint32_t vtype)
{
    if (vtype >= sizeof vtype_names / sizeof vtype_names[0])
        return "?";
    return vtype_names[vtype];
}

uint32_t gguf_vtype_size(uint32_t vtype)
{
    switch (vtype) {
    case Q4K_GGUF_U8: case Q4K_GGUF_I8: case Q4K_GGUF_BOOL: return 1;
    case Q4K_GGUF_U16: case Q4K_GGUF_I16: return 2;
    case Q4K_GGUF_U32: case Q4K_GGUF_I32: case Q4K_GGUF_F32: return 4;
    case Q4K_GGUF_U64: case Q4K_GGUF_I64: case Q4K_GGUF_F64: return 8;
    default: return 0;
    }
}
