-- variants.lua - THE list of kernel variants. The generator writes the
-- kernels, the registry, the declarations and the default dispatch table
-- from it; tests and benchmarks walk the registry, so adding a variant here
-- adds it everywhere.
--
-- A variant's name is its documentation:
--   q4k_dequant__<isa>[_<method>]_u<unroll>_p<prefetch>[_nt]
--   isa       scalar | neon | avx2 | avx512
--   method    how 4-bit quants become floats (omitted for the default "cvt"):
--               cvt  widen to 32-bit ints, convert, one FMA per vector
--               half (NEON) widen to 16 bits: that u16 is the fp16 subnormal
--                    q*2^-24, which vcvt_f32_f16 widens exactly; FMA with d1*2^24
--               lut  per sub-block table of its 16 possible outputs
--                    (d*sc*q - dmin*m, exact), then a table lookup per vector
--   u         blocks per main-loop iteration
--   p         prefetch distance in blocks (0 = none)
--   nt        non-temporal (streaming) stores
local M = {}

-- CPU features each ISA family needs; must match the per-file compile flags
-- in CMakeLists.txt (the compiler may use any instruction those flags allow).
M.isa_features = {
  scalar = {},
  neon = { "NEON" },
  avx2 = { "AVX2", "FMA", "F16C" },
  avx512 = { "AVX512F", "AVX512BW", "AVX512VL", "AVX2", "FMA", "F16C" },
}

-- Which machine each family compiles for (the registry's #if guard).
M.isa_arch = { scalar = "any", neon = "aarch64", avx2 = "x86_64", avx512 = "x86_64" }

function M.variant_name(v)
  if v.isa == "scalar" then return "q4k_dequant__scalar" end
  local method = (v.method ~= "cvt") and ("_" .. v.method) or ""
  return string.format("q4k_dequant__%s%s_u%d_p%d%s", v.isa, method, v.unroll,
    v.prefetch, v.nt and "_nt" or "")
end

-- Tie-break rank for the tuner: among variants within noise of each other
-- the lowest rank wins, so extra machinery must earn its place.
function M.complexity(v)
  if v.isa == "scalar" then return 0 end
  local isa_rank = { neon = 0, avx2 = 0, avx512 = 1 }
  return isa_rank[v.isa] + (v.unroll - 1) + (v.prefetch > 0 and 2 or 0) + (v.nt and 1 or 0)
    + (v.method == "lut" and 1 or 0)
end

local list = {}
local function add(v)
  v.name = M.variant_name(v)
  v.features = M.isa_features[v.isa]
  v.arch = M.isa_arch[v.isa]
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end

add { isa = "scalar", method = "ref", unroll = 1, prefetch = 0, nt = false }

-- The grids. NEON (Apple M4 is the primary target) gets the widest one.
local grids = {
  neon = { methods = { "cvt", "half", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 4, 8, 16 } },
  avx2 = { methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
  avx512 = { methods = { "cvt", "lut" }, unrolls = { 1, 2, 4 }, prefetches = { 0, 16 } },
}
for _, isa in ipairs { "neon", "avx2", "avx512" } do
  local g = grids[isa]
  for _, method in ipairs(g.methods) do
    for _, u in ipairs(g.unrolls) do
      for _, p in ipairs(g.prefetches) do
        for _, nt in ipairs { false, true } do
          add { isa = isa, method = method, unroll = u, prefetch = p, nt = nt }
        end
      end
    end
  end
end

M.list = list

function M.by_isa(isa)
  local out = {}
  for _, v in ipairs(list) do
    if v.isa == isa then out[#out + 1] = v end
  end
  return out
end

function M.find(name)
  for _, v in ipairs(list) do
    if v.name == name then return v end
  end
  return nil
end

-- The built-in dispatch table, used until a machine is tuned. Buckets are
-- powers of two; per bucket the first candidate usable on the CPU wins, so
-- each list runs from the widest ISA down to the scalar baseline. Streaming
-- stores only once the output (n*1 KiB) is far beyond the caches.
local function default_candidates(n)
  local nt = n >= 32768
  local function pick(isa, method, u, p)
    return M.variant_name { isa = isa, method = method, unroll = u, prefetch = p, nt = nt }
  end
  return {
    pick("neon", "half", 2, 0),
    pick("avx512", "lut", 2, 0),
    pick("avx2", "cvt", 2, 0),
    "q4k_dequant__scalar",
  }
end

M.default_dispatch = { source = "built-in default", device = "", date = "", origin = "",
  simd_threshold = 0, buckets = {} }
for e = 0, 16 do
  local n = 1 << e
  M.default_dispatch.buckets[#M.default_dispatch.buckets + 1] =
    { max_blocks = n, candidates = default_candidates(n) }
end

return M
