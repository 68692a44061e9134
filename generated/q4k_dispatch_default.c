/* Auto-generated file. Do not edit!
 *   generator: gen/q4kgen.lua, list: gen/variants.lua (default_dispatch)
 *   template: templates/dispatch.c.in
 *   a tuned table replaces it: cmake -DQ4K_PROFILE=results/<device>/profile
 *
 * The dispatch table: size bucket -> variant (runtime/dispatch.c reads it).
 * Per bucket the first candidate usable on this CPU wins. */
#include <stdint.h>
#include "q4k_dispatch.h"

static const q4k_dispatch_bucket buckets[] = {
    {1u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {2u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {4u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {8u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {16u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {32u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {64u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {128u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {256u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {512u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {1024u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {2048u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {4096u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {8192u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {16384u, {"q4k_dequant__neon_half_u2_p0", "q4k_dequant__avx512_lut_u2_p0", "q4k_dequant__avx2_u2_p0", "q4k_dequant__scalar"}},
    {32768u, {"q4k_dequant__neon_half_u2_p0_nt", "q4k_dequant__avx512_lut_u2_p0_nt", "q4k_dequant__avx2_u2_p0_nt", "q4k_dequant__scalar"}},
    {65536u, {"q4k_dequant__neon_half_u2_p0_nt", "q4k_dequant__avx512_lut_u2_p0_nt", "q4k_dequant__avx2_u2_p0_nt", "q4k_dequant__scalar"}},
};

const q4k_dispatch_table q4k_dispatch_builtin = {
    .source = "built-in default",
    .device = "",
    .date = "",
    .origin = "",
    .simd_threshold = 0u,
    .n_buckets = sizeof buckets / sizeof buckets[0],
    .buckets = buckets,
};
