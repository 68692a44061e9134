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
--               fmlal (NEON, needs FEAT_FHM) q*sc by umull (exact in 16 bits),
--                    ucvtf to fp16 (exact), fmlal by the fp16 d into -dmin*m;
--                    a block with |d| < 2^-8 skips ucvtf (q*sc read as an fp16
--                    subnormal, times d*2^24); under FPCR.FZ16 it runs half
--               perm (AVX-512) the lut tables, with the quants of two groups
--                    transposed by one vpermd + vpshufb (shifts then feed
--                    vpermps directly) and the scales unpacked in vector
--                    code four blocks ahead: 1.5 shuffles per store
--               permb (AVX-512 + VBMI) perm with the transposition in one
--                    vpermb
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
    + (v.nt and 1 or 0) + ((v.method == "lut" or v.method == "fmlal" or v.method == "perm") and 1 or 0)
    + (v.method == "permb" and 2 or 0)
end

-- ---- the variants -----------------------------------------------------------

local list = {}
local function add(v)
  v.name = M.variant_name(v)
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end

add { isa = "scalar", method = "ref", unroll = 1, prefetch = 0, nt = false }

-- NEON (Apple M4 is the primary target): a curated list, not a grid. Static
-- model of an Apple P-core (SIMD throughput, per block of 256 outputs):
-- half ~50 cycles, cvt ~58, lut ~100 (a 4-register tbl is 3 ops there),
-- stores 32 (the floor); fmlal has fewer SIMD ops than half (2 umull +
-- 2 ucvtf + 4 fmlal per 16 outputs instead of 2 uxtl + 4 fcvtl + 4 fmla).
-- Every axis value below must earn its place:
local neon_list = {
  -- methods
  --   cvt   u1 p0 only: the plain baseline (no fp16 tricks) every NEON method
  --         is checked and measured against
  --   half  the fastest method every AArch64 CPU can run (the default
  --         wherever FEAT_FHM is missing)
  --   fmlal the fewest SIMD ops per output, on FEAT_FHM cores (required from
  --         Armv8.4 with FP16: Apple M1 and later, Neoverse V1/N2,
  --         Cortex-A710); dispatch skips it elsewhere (Cortex-A76, Neoverse N1)
  --   (lut is gone from NEON: ~100 cycles a block by the model, twice half,
  --   and its table costs registers; x86 keeps it, where vpermps is cheap)
  -- unroll
  --   u1    the simplest loop; the model says more gains nothing
  --   u2    two independent chains for cores whose latencies u1 cannot hide
  --         (u4 dropped: it spills and gains nothing over u2)
  -- prefetch
  --   p0    the hardware prefetchers alone (enough while the input streams)
  --   p16   16 blocks (>= 512 store-bound cycles, ~110 ns at 4.5 GHz) is
  --         about one DRAM latency ahead; p4/p8 arrive too late for that,
  --         and one distance is all the tuner needs to see if it pays
  -- stores
  --   plain output that the consumer reads soon, from cache
  --   nt    stnp for outputs far beyond the caches (the default from 32 MiB)
  { method = "cvt", unrolls = { 1 }, prefetches = { 0 }, nts = { false } },
  { method = "fmlal", features = { "fhm" }, unrolls = { 1, 2 }, prefetches = { 0, 16 }, nts = { false, true } },
  { method = "half", unrolls = { 1, 2 }, prefetches = { 0, 16 }, nts = { false, true } },
}
for _, g in ipairs(neon_list) do
  for _, u in ipairs(g.unrolls) do
    for _, p in ipairs(g.prefetches) do
      for _, nt in ipairs(g.nts) do
        add { isa = "neon", method = g.method, features = g.features, unroll = u, prefetch = p, nt = nt }
      end
    end
  end
end

-- The x86 grids.
local grids = {
  { isa = "avx2", methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
  { isa = "avx512", methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
  -- perm (issue 10): the lut kernels spend ~30 cycles on a block whose 16
  -- stores need ~16 (shuffle ports: vpmovzxbd per 16 quant bytes and the
  -- compiler's register broadcasts of the scales; ~35 instructions of scale
  -- unpacking). Eight variants only: u1, and u2 to amortise the loop's
  -- bookkeeping (on Zen 5 u2 measured no better: equal at 16 blocks,
  -- ~1.5x slower at 256-512, where any loop of 32 64-byte stores writes
  -- L2 at half the rate of one of 16: q4k_dequant_bounds' "store 32/iter";
  -- kept so the tuner checks other cores; u4 adds nothing
  -- once the scales are pipelined across blocks), p0 and p16 (the
  -- 512-block input comes from L2, the streamed one from DRAM), each with
  -- ordinary and streaming stores (the nt ones for outputs beyond the LLC).
  { isa = "avx512", methods = { "perm" }, unrolls = { 1, 2 }, prefetches = { 0, 16 } },
  -- permb (session 5): perm with the transposition in one vpermb, two
  -- shuffles fewer a block (2-4% faster than perm on Zen 5 in
  -- tuner/contract/q4k_dequant_bounds.c). The same eight points as perm, so
  -- the two compare one to one; it needs AVX512-VBMI (Ice Lake, Zen 4 and
  -- later), and perm remains for Skylake-X and Cascade Lake.
  { isa = "avx512", methods = { "permb" }, features = { "avx512vbmi" }, unrolls = { 1, 2 }, prefetches = { 0, 16 } },
}
for _, g in ipairs(grids) do
  for _, method in ipairs(g.methods) do
    for _, u in ipairs(g.unrolls) do
      for _, p in ipairs(g.prefetches) do
        for _, nt in ipairs { false, true } do
          add { isa = g.isa, method = method, features = g.features, unroll = u, prefetch = p, nt = nt }
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
-- AVX-512, permb then perm: fewer shuffles and instructions per block than
-- lut on every core (Zen 4/5 and Intel's one shuffle port alike).
local function default_candidates(n)
  local nt = n >= 32768
  local function pick(isa, method, u, p)
    return M.variant_name { isa = isa, method = method, unroll = u, prefetch = p, nt = nt }
  end
  return {
    pick("neon", "fmlal", 2, 0), -- needs fhm: passed over on CPUs without it
    pick("neon", "half", 2, 0),
    pick("avx512", "permb", 1, 0), -- needs avx512vbmi: passed over without it
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
