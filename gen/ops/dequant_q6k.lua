-- ops/dequant_q6k.lua - the operation "dequant_q6k": Q6_K blocks (llama.cpp's
-- block_q6_K, 210 bytes, layout in include/q4k_format.h) -> float32. The
-- other weight type of Q4_K_M files. Kernels: templates/dequant_q6k/<isa>.c.in.
--
-- Every output is d * scale * q, and that product is exact in fp32 in any
-- order (q4k_format.h), so every variant is bit-exact by construction; what
-- varies is only how fast the 6-bit quants become floats and reach memory.
--
--   q4k_dequant_q6k__<isa>[_u<unroll>_p<prefetch>[_nt]]
--   isa   scalar | avx2 | avx512 | neon
--   u     blocks per main-loop iteration (1 or 2: two blocks' independent
--         work in flight)
--   p     prefetch distance in blocks; 0 everywhere: the input is one
--         sequential stream, which the hardware prefetchers follow (the Q4_K
--         tunes have not picked a prefetching variant on any machine yet).
--         Kept in the name for the same shape as dequant's names.
--   nt    non-temporal (streaming) stores, for outputs beyond the caches
--
-- The grid, per SIMD family (4 variants each, 13 in all):
--   u1_p0       the plain kernel: the small-size and in-cache candidate
--   u2_p0       two blocks per iteration: more loads in flight per store
--   u1_p0_nt    streaming stores: no read for ownership of the output
--   u2_p0_nt    both
-- One method per family (widen the 6-bit quants as signed bytes, convert,
-- one multiply by d*scale): unlike Q4_K there is no table or fp16 trick
-- that saves instructions here (64 possible values per scale, and q - 32 is
-- signed), so a second method would not earn its place.
local isas = require("isas")

local M = {
  name = "dequant_q6k",
  c_enum = "Q4K_OP_DEQUANT_Q6K", -- q4k_op in include/q4k_core.h
}

-- The C prototype of a kernel (q4k_kernel_fn, as dequant's).
function M.prototype(name)
  return "void " .. name .. "(const void *blocks, float *out, size_t n_blocks)"
end

-- The X-macro list of a family's kernels in q4k_variants.h (tests use it).
function M.list_macro(isa)
  return "Q4K_LIST_DEQUANT_Q6K_" .. isa:upper()
end

-- The op-specific fields of its registry entry (q4k_variant).
function M.registry_fields(v)
  return string.format(".fn = %s, .method = \"%s\", .unroll = %d, .prefetch = %d, .nontemporal = %d",
    v.name, v.method, v.unroll, v.prefetch, v.nt and 1 or 0)
end

function M.variant_name(v)
  if v.isa == "scalar" then return "q4k_dequant_q6k__scalar" end
  return string.format("q4k_dequant_q6k__%s_u%d_p%d%s", v.isa, v.unroll, v.prefetch, v.nt and "_nt" or "")
end

-- Tie-break rank for the tuner (as dequant's): extra machinery must earn
-- its place.
function M.complexity(v)
  return isas.family[v.isa].complexity + (v.unroll - 1) + (v.prefetch > 0 and 2 or 0) + (v.nt and 1 or 0)
end

-- ---- the variants -----------------------------------------------------------

local list = {}
local function add(v)
  v.name = M.variant_name(v)
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end

add { isa = "scalar", method = "ref", unroll = 1, prefetch = 0, nt = false }

for _, isa in ipairs { "neon", "avx2", "avx512" } do
  for _, u in ipairs { 1, 2 } do
    for _, nt in ipairs { false, true } do
      add { isa = isa, method = "cvt", unroll = u, prefetch = 0, nt = nt }
    end
  end
end

M.variants = list

-- ---- the built-in dispatch --------------------------------------------------

-- Used until a machine is tuned (generated/q4k_default.profile). Per bucket
-- the first candidate usable on the CPU wins: the widest family first, the
-- scalar baseline last. Two buckets: ordinary stores up to 16384 blocks
-- (16 MiB of output), streaming stores beyond, where the output is far past
-- the caches (the op's last bucket serves every larger size).
local function default_candidates(nt)
  local function pick(isa)
    return M.variant_name { isa = isa, unroll = 1, prefetch = 0, nt = nt }
  end
  return { pick("neon"), pick("avx512"), pick("avx2"), "q4k_dequant_q6k__scalar" }
end

M.default_buckets = {
  { size = 16384, candidates = default_candidates(false) },
  { size = 32768, candidates = default_candidates(true) },
}

return M
