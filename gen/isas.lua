-- isas.lua - THE description of the machines q4k compiles for: the
-- architectures, the CPU features the run-time detects (and how), and the
-- ISA families the kernels are written in. The generator turns it into
-- include/q4k_features.h (enum q4k_feature), q4k_features.c (the detection
-- table runtime/kernels/ reads), q4k_isas.cmake (per-file compile flags) and
-- the registry's feature masks and #if guards.
local M = {}

-- Architectures, in the order the registry and declarations group them.
-- guard: the C preprocessor test for compiling for it (nil: every machine).
M.arches = {
  { name = "any" },
  { name = "x86_64", guard = "defined(__x86_64__) || defined(_M_X64)" },
  { name = "aarch64", guard = "defined(__aarch64__) || defined(_M_ARM64)" },
}

-- CPU features: name (as q4k info, profiles and Q4K_CPU_DISABLE spell it),
-- bit (Q4K_FEAT_<NAME> = 1u << bit: part of the ABI, never renumber) and
-- how the run-time detects it:
--   x86_64   cpuid = { leaf, subleaf, register, bit } set, and XCR0 has every
--            bit of xcr0 (the OS saves the registers the feature uses:
--            0x6 SSE+AVX state, 0xe6 also opmask and ZMM)
--   aarch64  baseline (every AArch64 CPU has it), or Linux getauxval
--            hwcap = { word (1 = AT_HWCAP, 2 = AT_HWCAP2), bit } and the
--            macOS sysctl name that reads non-zero
M.features = {
  { name = "neon", bit = 0, arch = "aarch64", baseline = true },
  { name = "avx2", bit = 1, arch = "x86_64", cpuid = { 7, 0, "EBX", 5 }, xcr0 = 0x6 },
  { name = "fma", bit = 2, arch = "x86_64", cpuid = { 1, 0, "ECX", 12 }, xcr0 = 0x6 },
  { name = "f16c", bit = 3, arch = "x86_64", cpuid = { 1, 0, "ECX", 29 }, xcr0 = 0x6 },
  { name = "avx512f", bit = 4, arch = "x86_64", cpuid = { 7, 0, "EBX", 16 }, xcr0 = 0xe6 },
  { name = "avx512bw", bit = 5, arch = "x86_64", cpuid = { 7, 0, "EBX", 30 }, xcr0 = 0xe6 },
  { name = "avx512vl", bit = 6, arch = "x86_64", cpuid = { 7, 0, "EBX", 31 }, xcr0 = 0xe6 },
  { name = "avx512vnni", bit = 7, arch = "x86_64", cpuid = { 7, 0, "ECX", 11 }, xcr0 = 0xe6 },
  { name = "avx512vbmi", bit = 8, arch = "x86_64", cpuid = { 7, 0, "ECX", 1 }, xcr0 = 0xe6 },
  { name = "avxvnni", bit = 9, arch = "x86_64", cpuid = { 7, 1, "EAX", 4 }, xcr0 = 0x6 },
  { name = "dotprod", bit = 10, arch = "aarch64", hwcap = { 1, 20 }, sysctl = "hw.optional.arm.FEAT_DotProd" },
  { name = "i8mm", bit = 11, arch = "aarch64", hwcap = { 2, 13 }, sysctl = "hw.optional.arm.FEAT_I8MM" },
  { name = "fhm", bit = 12, arch = "aarch64", hwcap = { 1, 23 }, sysctl = "hw.optional.arm.FEAT_FHM" },
}

-- ISA families: one kernel file per operation and family
-- (templates/<op>/<family>.c.in -> q4k_<op>_<family>.c).
--   arch        the architecture it compiles for (the file's #if guard)
--   features    what a CPU needs to run it; the flags must not allow more
--   flags       the compile flags of its files (the compiler may use any
--               instruction they allow)
--   complexity  the family's share of a variant's tie-break rank (extra
--               machinery must earn its place: among variants within noise,
--               the lowest rank wins)
--   reference   the portable yardstick every other variant is verified and
--               measured against: the build compiles it without
--               auto-vectorisation
M.families = {
  { name = "scalar", arch = "any", features = {}, flags = {}, complexity = 0, reference = true },
  { name = "neon", arch = "aarch64", features = { "neon" }, flags = {}, complexity = 0 },
  { name = "avx2", arch = "x86_64", features = { "avx2", "fma", "f16c" },
    flags = { "-mavx2", "-mfma", "-mf16c" }, complexity = 0 },
  { name = "avx512", arch = "x86_64", features = { "avx512f", "avx512bw", "avx512vl", "avx2", "fma", "f16c" },
    flags = { "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx2", "-mfma", "-mf16c" }, complexity = 1 },
  -- Integer dot-product families of the fused matrix-vector products.
  { name = "avxvnni", arch = "x86_64", features = { "avxvnni", "avx2", "fma", "f16c" },
    flags = { "-mavxvnni", "-mavx2", "-mfma", "-mf16c" }, complexity = 1 },
  { name = "avx512vnni", arch = "x86_64",
    features = { "avx512vnni", "avx512f", "avx512bw", "avx512vl", "avx2", "fma", "f16c" },
    flags = { "-mavx512vnni", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx2", "-mfma", "-mf16c" },
    complexity = 2 },
  { name = "neondot", arch = "aarch64", features = { "neon", "dotprod" },
    flags = { "-march=armv8.2-a+dotprod" }, complexity = 1 },
  { name = "neoni8mm", arch = "aarch64", features = { "neon", "dotprod", "i8mm" },
    flags = { "-march=armv8.2-a+dotprod+i8mm" }, complexity = 2 },
}

-- ---- lookups and consistency checks ----------------------------------------

local function index(list, what)
  local by = {}
  for _, e in ipairs(list) do
    assert(e.name:match("^[%l%d_]+$"), what .. " name '" .. e.name .. "': lower case, digits, _")
    assert(not by[e.name], "two " .. what .. "s named " .. e.name)
    by[e.name] = e
  end
  return by
end
M.arch = index(M.arches, "architecture")
M.feature = index(M.features, "feature")
M.family = index(M.families, "ISA family")

local bits = {}
for _, f in ipairs(M.features) do
  assert(f.bit >= 0 and f.bit < 32 and not bits[f.bit], f.name .. ": bit taken or out of range")
  bits[f.bit] = true
  assert(f.arch == "x86_64" or f.arch == "aarch64", f.name .. ": arch is x86_64 or aarch64")
  if f.arch == "x86_64" then
    assert(f.cpuid and f.xcr0 and ({ EAX = 1, EBX = 1, ECX = 1, EDX = 1 })[f.cpuid[3]],
      f.name .. ": x86 features need cpuid = {leaf, subleaf, reg, bit} and xcr0")
  else
    assert(f.baseline or (f.hwcap and f.sysctl), f.name .. ": aarch64 features need baseline or hwcap + sysctl")
  end
  f.enum = "Q4K_FEAT_" .. f.name:upper()
end
for _, fam in ipairs(M.families) do
  assert(M.arch[fam.arch], fam.name .. ": unknown arch " .. tostring(fam.arch))
  for _, name in ipairs(fam.features) do
    local f = M.feature[name]
    assert(f, fam.name .. ": unknown feature " .. name)
    assert(f.arch == fam.arch, fam.name .. ": feature " .. name .. " is for " .. f.arch)
  end
  assert(type(fam.flags) == "table" and type(fam.complexity) == "number", fam.name .. ": flags and complexity")
end

return M
