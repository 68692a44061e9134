-- ops/dequant.lua - the operation "dequant": Q4_K blocks -> float32.
-- Its variant grid, how a variant is named and ranked, and the built-in
-- dispatch used until a machine is tuned. Kernels: templates/dequant/<isa>.c.in.
--
-- A variant's name is its documentation:
--   q4k_dequant__<isa>[_<method>]_u<unroll>_p<prefetch>[_nt]
--   isa       scalar | neon | avx2 | avx512 (gen/isas.lua)
--   method    how 4-bit quants become floats (omitted for the default "cvt"):
--               cvt  widen to 32-bit ints, convert, one FMA per vector
--               half (NEON) widen to 16 bits: that u16 is the fp16 subnormal
--                    q*2^-24, which vcvt_f32_f16 widens exactly; FMA with d1*2^24
--               lut  per sub-block table of its 16 possible outputs
--                    (d*sc*q - dmin*m, exact), then a table lookup per vector
--               perm (AVX-512) the lut tables, with the quants of two groups
--                    transposed by one vpermd + vpshufb (shifts then feed
--                    vpermps directly) and the scales unpacked in vector
--                    code two blocks ahead: one shuffle per store
--   u         blocks per main-loop iteration
--   p         prefetch distance in blocks (0 = none)
--   nt        non-temporal (streaming) stores
local isas = require("isas")

local M = {
  name = "dequant",
  c_enum = "Q4K_OP_DEQUANT", -- q4k_op in include/q4k_core.h
}

-- The C prototype of a kernel (q4k_kernel_fn).
function M.prototype(name)
  return "void " .. name .. "(const void *blocks, float *out, size_t n_blocks)"
end

-- The X-macro list of a family's kernels in q4k_variants.h (tests use it).
function M.list_macro(isa)
  return "Q4K_LIST_" .. isa:upper()
end

-- The op-specific fields of its registry entry (q4k_variant).
function M.registry_fields(v)
  return string.format(".fn = %s, .method = \"%s\", .unroll = %d, .prefetch = %d, .nontemporal = %d",
    v.name, v.method, v.unroll, v.prefetch, v.nt and 1 or 0)
end

function M.variant_name(v)
  if v.isa == "scalar" then return "q4k_dequant__scalar" end
  local method = (v.method ~= "cvt") and ("_" .. v.method) or ""
  return string.format("q4k_dequant__%s%s_u%d_p%d%s", v.isa, method, v.unroll,
    v.prefetch, v.nt and "_nt" or "")
end

-- Tie-break rank for the tuner: among variants within noise of each other
-- the lowest rank wins, so extra machinery must earn its place.
function M.complexity(v)
  return isas.family[v.isa].complexity + (v.unroll - 1) + (v.prefetch > 0 and 2 or 0)
    + (v.nt and 1 or 0) + ((v.method == "lut" or v.method == "perm") and 1 or 0)
end

-- ---- the variants -----------------------------------------------------------

local list = {}
local function add(v)
  v.name = M.variant_name(v)
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end

add { isa = "scalar", method = "ref", unroll = 1, prefetch = 0, nt = false }

-- The grids. NEON (Apple M4 is the primary target) gets the widest one.
local grids = {
  { isa = "neon", methods = { "cvt", "half", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 4, 8, 16 } },
  { isa = "avx2", methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
  { isa = "avx512", methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
  -- perm (issue 10): the lut kernels spend ~30 cycles on a block whose 16
  -- stores need ~16 (shuffle ports: vpmovzxbd per 16 quant bytes and the
  -- compiler's register broadcasts of the scales; ~35 instructions of scale
  -- unpacking). Eight variants only: u1, and u2 to amortise the loop's
  -- bookkeeping (on Zen 5 u2 measured no better: equal at 16 blocks,
  -- slower at 512; kept so the tuner checks other cores; u4 adds nothing
  -- once the scales are pipelined across blocks), p0 and p16 (the
  -- 512-block input comes from L2, the streamed one from DRAM), each with
  -- ordinary and streaming stores (the nt ones for outputs beyond the LLC).
  { isa = "avx512", methods = { "perm" }, unrolls = { 1, 2 }, prefetches = { 0, 16 } },
}
for _, g in ipairs(grids) do
  for _, method in ipairs(g.methods) do
    for _, u in ipairs(g.unrolls) do
      for _, p in ipairs(g.prefetches) do
        for _, nt in ipairs { false, true } do
          add { isa = g.isa, method = method, unroll = u, prefetch = p, nt = nt }
        end
      end
    end
  end
end

M.variants = list

-- ---- the built-in dispatch --------------------------------------------------

-- Used until a machine is tuned (generated/q4k_default.profile). Buckets are
-- powers of two; per bucket the first candidate usable on the CPU wins, so
-- each list runs from the widest ISA down to the scalar baseline. Streaming
-- stores only once the output (n*1 KiB) is far beyond the caches. On
-- AVX-512, perm: fewer shuffles and instructions per block than lut on
-- every core (Zen 4/5 and Intel's one shuffle port alike).
local function default_candidates(n)
  local nt = n >= 32768
  local function pick(isa, method, u, p)
    return M.variant_name { isa = isa, method = method, unroll = u, prefetch = p, nt = nt }
  end
  return {
    pick("neon", "half", 2, 0),
    pick("avx512", "perm", 1, 0),
    pick("avx2", "cvt", 2, 0),
    "q4k_dequant__scalar",
  }
end

M.default_buckets = {}
for e = 0, 16 do
  local n = 1 << e
  M.default_buckets[#M.default_buckets + 1] = { size = n, candidates = default_candidates(n) }
end

return M
