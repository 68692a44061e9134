-- ops/quantize_q8k.lua - the operation "quantize_q8k": float32 activations
-- -> Q8_K blocks, bit-identical to ggml's quantize_row_q8_K (the rule is in
-- include/q4k_format.h). Kernels: templates/quantize_q8k/<isa>.c.in.
--
--   q4k_quantize_q8k__<isa>      one variant per ISA family: the float
--                                operations are fixed by the format, so only
--                                the vector width varies
local isas = require("isas")

local M = {
  name = "quantize_q8k",
  c_enum = "Q4K_OP_QUANTIZE_Q8K", -- q4k_op in include/q4k_core.h
}

function M.prototype(name)
  return "void " .. name .. "(const float *x, size_t n_blocks, void *out)"
end

function M.list_macro(isa)
  return "Q4K_LIST_QUANTIZE_Q8K_" .. isa:upper()
end

function M.registry_fields(v)
  return string.format(".quantize = %s, .method = \"%s\", .unroll = 1", v.name, v.method)
end

function M.variant_name(v)
  return "q4k_quantize_q8k__" .. v.isa
end

function M.complexity(v)
  return isas.family[v.isa].complexity
end

local list = {}
for _, isa in ipairs {
  "scalar",
  "avx2", "avx512",
  "neon",
} do
  local v = { isa = isa, method = isa == "scalar" and "ref" or "simd" }
  v.name = M.variant_name(v)
  v.complexity = M.complexity(v)
  list[#list + 1] = v
end
M.variants = list

local candidates = {}
for _, isa in ipairs { "avx512", "avx2", "neon", "scalar" } do
  for _, v in ipairs(list) do
    if v.isa == isa then candidates[#candidates + 1] = v.name end
  end
end
M.default_buckets = { { size = 1, candidates = candidates } }

return M
