-- ops/matvec_common.lua - what the fused matrix-vector operations share
-- ("matvec" for Q4_K weights, "matvec_q6k" for Q6_K: gen/ops/<name>.lua):
-- one kernel prototype, registry fields, naming and complexity rule, the
-- scalar references, and the expansion of per-family grids.
--
--   q4k_<op>__<isa>_r<rows>_c<vecs>_p<prefetch>[_packed]
--   r         weight rows per iteration: each activation load serves r rows
--   c         activation vectors per iteration: each weight unpack serves c
--             vectors (prompt batches); any n_vecs works, c only sets the tile
--   p         prefetch distance in blocks (0 = none)
--   _packed   reads weights packed with rows interleaved by r (layout = r;
--             include/q4k_format.h); without it, rows as GGUF stores them
-- The references: q4k_<op>__scalar, and q4k_<op>__scalar_r<r>_packed for
-- each packed interleave (every build has them, so a packed matrix always
-- has a kernel).
local isas = require("isas")

local common = {}

-- spec: name, c_enum, grids (one line per ISA family: isa, method, rows,
-- vecs, prefetches, optional packed = the row counts that also get a kernel
-- on packed weights), default_candidates (the built-in dispatch's one
-- bucket, in order; names this op lacks are skipped), at most
-- Q4K_DISPATCH_MAX_CANDIDATES (8).
function common.op(spec)
  local op = spec.name
  local M = { name = op, c_enum = spec.c_enum }

  function M.prototype(name)
    return "void " .. name ..
      "(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs, float *y, size_t ldy)"
  end

  function M.list_macro(isa)
    return "Q4K_LIST_" .. op:upper() .. "_" .. isa:upper()
  end

  function M.registry_fields(v)
    return string.format(".matvec = %s, .method = \"%s\", .unroll = %d, .vecs = %d, .prefetch = %d, .layout = %d",
      v.name, v.method, v.rows, v.vecs, v.prefetch, v.layout)
  end

  function M.variant_name(v)
    if v.isa == "scalar" then
      return v.layout > 0 and string.format("q4k_%s__scalar_r%d_packed", op, v.layout) or
        string.format("q4k_%s__scalar", op)
    end
    return string.format("q4k_%s__%s_r%d_c%d_p%d%s", op, v.isa, v.rows, v.vecs, v.prefetch,
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
  for _, r in ipairs { 4, 8 } do
    add { isa = "scalar", method = "ref", rows = r, vecs = 1, prefetch = 0, layout = r }
  end
  for _, g in ipairs(spec.grids) do
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

  local have = {}
  for _, v in ipairs(list) do have[v.name] = true end
  local candidates = {}
  for _, name in ipairs(spec.default_candidates) do
    if have[name] then candidates[#candidates + 1] = name end
  end
  M.default_buckets = { { size = 1, candidates = candidates } }

  return M
end

return common
