-- ops/matvec_q6k.lua - the operation "matvec_q6k": a Q6_K weight matrix
-- times Q8_K activation vectors, fused (the weights are never written out as
-- floats). The canonical result every variant reproduces bit for bit is
-- stated in include/q4k_matvec_q6k.h. Kernels: templates/matvec_q6k/<isa>.c.in.
--
-- The same prototype, registry fields, naming and parameters as "matvec"
-- (the Q4_K product; gen/ops/matvec_common.lua):
--   q4k_matvec_q6k__<isa>_r<rows>_c<vecs>_p<prefetch>[_packed]
--   isa       scalar (the reference) | avx2 (vpmaddubsw) | avxvnni and
--             avx512vnni (vpdpbusd) | neon (smull) | neondot (sdot)
--   _packed   weights packed by q4k_pack_q6k (one load stream, the high
--             bits regrouped by value)
-- Every kernel handles any n_rows and n_vecs (tails), any alignment.
return require("ops.matvec_common").op {
  name = "matvec_q6k",
  c_enum = "Q4K_OP_MATVEC_Q6K", -- q4k_op in include/q4k_core.h

  -- The grids: a small curated set per family (the method names how the
  -- integer dot product is taken). r4 c1 is the token-generation shape (one
  -- activation vector), r4 c4 the prompt-batch one. packed = the row counts
  -- that also get a kernel on packed weights (interleave = rows); p4
  -- prefetches the block four columns ahead (cold weights).
  grids = {
    { isa = "avx2", method = "maddubs", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
    { isa = "avxvnni", method = "vnni", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
    { isa = "avx512vnni", method = "vnni", rows = { 4, 8 }, vecs = { 1 }, prefetches = { 0, 4 }, packed = { 4, 8 } },
    { isa = "avx512vnni", method = "vnni", rows = { 4 }, vecs = { 4 }, prefetches = { 0 }, packed = { 4 } },
    { isa = "neon", method = "mull", rows = { 1, 4 }, vecs = { 1 }, prefetches = { 0 } },
    { isa = "neondot", method = "sdot", rows = { 1, 4 }, vecs = { 1, 4 }, prefetches = { 0 }, packed = { 4 } },
  },

  -- The built-in dispatch: one bucket (size = weight blocks), the widest
  -- family first, the scalar reference last.
  default_candidates = {
    -- one vector streams the weights from memory: prefetching pays there
    "q4k_matvec_q6k__avx512vnni_r8_c1_p4", "q4k_matvec_q6k__avx512vnni_r8_c1_p4_packed",
    "q4k_matvec_q6k__avxvnni_r4_c1_p0", "q4k_matvec_q6k__avx2_r4_c1_p0",
    "q4k_matvec_q6k__neondot_r4_c1_p0", "q4k_matvec_q6k__neondot_r4_c1_p0_packed", "q4k_matvec_q6k__neon_r4_c1_p0",
    "q4k_matvec_q6k__scalar",
  },
}
