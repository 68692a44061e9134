-- ops.lua - the operations q4k generates kernels for, in the order of their
-- Q4K_OP_ values (include/q4k_core.h). Each is described by gen/ops/<name>.lua
-- and implemented by templates/<name>/<isa>.c.in.
return { "dequant", "matvec", "quantize_q8k", "dequant_q6k", "matvec_q6k" }
