-- ops/matvec.lua - the operation "matvec": a Q4_K weight matrix times Q8_K
-- activation vectors, fused (the weights are never written out as floats).
-- The canonical result every variant reproduces bit for bit is stated in
-- include/q4k_matvec.h. Kernels: templates/matvec/<isa>.c.in.
--
-- A variant's name is its documentation:
--   q4k_matvec__<isa>_r<rows>_c<vecs>_p<prefetch>[_packed]
--   isa       scalar (the reference) | avx2 (vpmaddubsw) | avxvnni and
--             avx512vnni (vpdpbusd) | neon | neondot (sdot) | neoni8mm (smmla)
--   r         weight rows per iteration: each activation load serves r rows
--   c         activation vectors per iteration: each weight unpack serves c
--             vectors (prompt batches); any n_vecs works, c only sets the tile
--   p         prefetch distance in blocks (0 = none)
--   _packed   reads weights packed by q4k_pack with rows interleaved by r
--             (include/q4k_format.h: one load stream, scales as bytes);
--             without it, rows as GGUF stores them. The tuner measures both
--             and the report says whether packing pays.
-- Every kernel handles any n_rows and n_vecs (tails), any alignment.
local isas = require("isas")

local M = {
  name = "matvec",
  c_enum = "Q4K_OP_MATVEC", -- q4k_op in include/q4k_core.h
}

function M.prototype(name)
  return "void " .. name ..
    "(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)"
end

function M.list_macro(isa)
  return "Q4K_LIST_MATVEC_" .. isa:upper()
end

function M.registry_fields(v)
  return string.format(".matvec = %s, .method = \"%s\", .unroll = %d, .vecs = %d, .prefetch = %d, .layout = %d",
    v.name, v.method, v.rows, v.vecs, v.prefetch, v.layout)
end

function M.variant_name(v)
  if v.isa == "scalar" then
    return v.layout > 0 and string.format("q4k_matvec__scalar_r%d_packed", v.layout) or "q4k_matvec__scalar"
  end
  return string.format("q4k_matvec__%s_r%d_c%d_p%d%s", v.isa, v.rows, v.vecs, v.prefetch,
    v.layout > 0 and "_packed" or "")
end

-- Tie-break rank: more rows, vectors or prefetching must earn their place.
-- Packing costs the caller a copy of the weights at load time: +2.
function M.complexity(v)
  return isas.family[v.isa].complexity + (v.rows - 1) + (v.vecs - 1) + (v.prefetch > 0 and 2 or 0) +
    (v.layout > 0 and 2 or 0)
end

local list = {}
local function add(v)
  v.layout = v.layout or 0
  v.name = M.variant_name(v)
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end

add { isa = "scalar", method = "ref", rows = 1, vecs = 1, prefetch = 0 }
-- the references of the packed layouts (every build has them, so a packed
-- matrix always has a kernel)
for _, r in ipairs { 4, 8 } do
  add { isa = "scalar", method = "ref", rows = r, vecs = 1, prefetch = 0, layout = r }
end

-- The grids: one line per ISA family (the method names how the integer dot
-- product is taken); packed = the row counts that also get a kernel on
-- packed weights (interleave = rows).
local grids = {
  { isa = "avx2", method = "maddubs", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
  { isa = "avxvnni", method = "vnni", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
  -- p4: software prefetch 4 block columns ahead; a cold stream on one
  -- core needs it once the kernel's own work per block is this small
  { isa = "avx512vnni", method = "vnni", rows = { 4, 8 }, vecs = { 1, 4 }, prefetches = { 0, 4 }, packed = { 8 } },
  { isa = "neon", method = "mull", rows = { 1, 4 }, vecs = { 1 }, prefetches = { 0 } },
  { isa = "neondot", method = "sdot", rows = { 1, 4 }, vecs = { 1, 4 }, prefetches = { 0 }, packed = { 4 } },
  { isa = "neoni8mm", method = "smmla", rows = { 2, 4 }, vecs = { 4 }, prefetches = { 0 } },
}
for _, g in ipairs(grids) do
  for _, r in ipairs(g.rows) do
    for _, c in ipairs(g.vecs) do
      for _, p in ipairs(g.prefetches) do
        add { isa = g.isa, method = g.method, rows = r, vecs = c, prefetch = p }
        for _, pr in ipairs(g.packed or {}) do
          if pr == r then
            add { isa = g.isa, method = g.method, rows = r, vecs = c, prefetch = p, layout = r }
          end
        end
      end
    end
  end
end

M.variants = list

-- The built-in dispatch: one bucket (size = weight blocks), the widest
-- family first, the scalar reference last. At most
-- Q4K_DISPATCH_MAX_CANDIDATES (8) names: the list is full, so
-- q4k_matvec__neondot_r4_c1_p0_packed is left to tuned tables.
local function exists(name)
  for _, v in ipairs(list) do
    if v.name == name then return true end
  end
  return false
end
local candidates = {}
for _, name in ipairs {
  "q4k_matvec__avx512vnni_r8_c1_p0", "q4k_matvec__avx512vnni_r8_c1_p0_packed", "q4k_matvec__avxvnni_r4_c1_p0", "q4k_matvec__avx2_r4_c1_p0",
  -- i8mm: smmla tiles for batches, the same sdot tiles as neondot for one vector
  "q4k_matvec__neoni8mm_r4_c4_p0", "q4k_matvec__neondot_r4_c1_p0", "q4k_matvec__neon_r4_c1_p0",
  "q4k_matvec__scalar",
} do
  if exists(name) then candidates[#candidates + 1] = name end
end
M.default_buckets = { { size = 1, candidates = candidates } }

return M
