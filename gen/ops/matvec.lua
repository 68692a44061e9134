-- ops/matvec.lua - the operation "matvec": a Q4_K weight matrix times Q8_K
-- activation vectors, fused (the weights are never written out as floats).
-- The canonical result every variant reproduces bit for bit is stated in
-- include/q4k_matvec.h. Kernels: templates/matvec/<isa>.c.in.
--
-- A variant's name is its documentation (gen/ops/matvec_common.lua):
--   q4k_matvec__<isa>_r<rows>_c<vecs>_p<prefetch>[_packed]
--   isa       scalar (the reference) | avx2 (vpmaddubsw) | avxvnni and
--             avx512vnni (vpdpbusd) | neon | neondot (sdot) | neoni8mm (smmla)
--   _packed   weights packed by q4k_pack (one load stream, scales as bytes).
--             The tuner measures both layouts and the report says whether
--             packing pays.
-- Every kernel handles any n_rows and n_vecs (tails), any alignment.
return require("ops.matvec_common").op {
  name = "matvec",
  c_enum = "Q4K_OP_MATVEC", -- q4k_op in include/q4k_core.h

  -- The grids: one line per ISA family (the method names how the integer
  -- dot product is taken); packed = the row counts that also get a kernel
  -- on packed weights (interleave = rows).
  grids = {
    { isa = "avx2", method = "maddubs", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
    { isa = "avxvnni", method = "vnni", rows = { 4 }, vecs = { 1, 4 }, prefetches = { 0 } },
    -- p4: software prefetch 4 block columns ahead; a cold stream on one
    -- core needs it once the kernel's own work per block is this small
    { isa = "avx512vnni", method = "vnni", rows = { 4, 8 }, vecs = { 1, 4 }, prefetches = { 0, 4 }, packed = { 8 } },
    { isa = "neon", method = "mull", rows = { 1, 4 }, vecs = { 1 }, prefetches = { 0 } },
    { isa = "neondot", method = "sdot", rows = { 1, 4 }, vecs = { 1, 4 }, prefetches = { 0 }, packed = { 4 } },
    { isa = "neoni8mm", method = "smmla", rows = { 2, 4 }, vecs = { 4 }, prefetches = { 0 } },
  },

  -- The built-in dispatch: one bucket (size = weight blocks), the widest
  -- family first, the scalar reference last. The list is full (8 names),
  -- so q4k_matvec__neondot_r4_c1_p0_packed is left to tuned tables.
  default_candidates = {
    "q4k_matvec__avx512vnni_r8_c1_p0", "q4k_matvec__avx512vnni_r8_c1_p0_packed", "q4k_matvec__avxvnni_r4_c1_p0",
    "q4k_matvec__avx2_r4_c1_p0",
    -- i8mm: smmla tiles for batches, the same sdot tiles as neondot for one vector
    "q4k_matvec__neoni8mm_r4_c4_p0", "q4k_matvec__neondot_r4_c1_p0", "q4k_matvec__neon_r4_c1_p0",
    "q4k_matvec__scalar",
  },
}
