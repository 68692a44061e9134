-- q4kgen.lua - the generator: gen/variants.lua + templates/ -> generated/.
--
--   lua5.4 gen/q4kgen.lua [--out DIR]      (default DIR: generated)
--
-- Writes one kernel file per ISA family (q4k_dequant_<isa>.c), the
-- declarations (q4k_variants.h), the registry (q4k_registry.c) and the
-- built-in dispatch table (q4k_dispatch_default.c). Output depends only on
-- the inputs: no dates, no paths, so CI can regenerate and compare.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "?.lua;" .. package.path
local root = here .. "../"

local template = require("template")
local variants = require("variants")
local dispatch_emit = require("dispatch_emit")

local out_dir = "generated"
local i = 1
while i <= #arg do
  if arg[i] == "--out" and arg[i + 1] then
    out_dir = arg[i + 1]
    i = i + 2
  elseif arg[i] == "--help" or arg[i] == "-h" then
    print("usage: lua5.4 gen/q4kgen.lua [--out DIR]\n" ..
          "Generates the Q4_K kernel variants, registry and default dispatch table.")
    os.exit(0)
  else
    io.stderr:write("q4kgen: unknown argument '" .. arg[i] .. "' (try --help)\n")
    os.exit(2)
  end
end

-- The generator's own inputs, hashed into the registry so measurements can
-- be keyed on the exact kernels they timed (FNV-1a, 64 bit).
local inputs = {
  "gen/q4kgen.lua", "gen/template.lua", "gen/variants.lua", "gen/dispatch_emit.lua",
  "templates/scalar.c.in", "templates/neon.c.in", "templates/avx2.c.in",
  "templates/avx512.c.in", "templates/x86_driver.c.in", "templates/x86_staged_nt.c.in", "templates/registry.c.in", "templates/variants.h.in",
  "templates/dispatch.c.in",
}
local function read(path)
  local f = assert(io.open(root .. path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local function fnv1a64(s, h)
  for k = 1, #s do
    h = (h ~ s:byte(k)) * 0x100000001b3
  end
  return h
end
local hash = -3750763034362895579 -- 0xcbf29ce484222325
for _, path in ipairs(inputs) do
  hash = fnv1a64(path .. "\0" .. read(path) .. "\0", hash)
end
local generator_hash = string.format("%016x", hash)

local function write(name, text)
  local path = out_dir .. "/" .. name
  local tmp = path .. ".tmp"
  local f = assert(io.open(tmp, "wb"))
  f:write(text)
  f:close()
  assert(os.rename(tmp, path))
end

-- Kernels: one file per ISA family, one template each.
for _, isa in ipairs { "scalar", "neon", "avx2", "avx512" } do
  local list = variants.by_isa(isa)
  local text = template.render_file(root .. "templates/" .. isa .. ".c.in", { variants = list })
  write("q4k_dequant_" .. isa .. ".c", text)
end

-- Registry and declarations, grouped under the guard of the machine each
-- family compiles for.
local guards = {
  any = "1",
  aarch64 = "defined(__aarch64__) || defined(_M_ARM64)",
  x86_64 = "defined(__x86_64__) || defined(_M_X64)",
}
local arches = {}
for _, arch in ipairs { "any", "aarch64", "x86_64" } do
  local group = { guard = guards[arch], variants = {} }
  for _, v in ipairs(variants.list) do
    if v.arch == arch then group.variants[#group.variants + 1] = v end
  end
  arches[#arches + 1] = group
end
local isas = { "scalar", "neon", "avx2", "avx512" }
local isa_variants = {}
for _, isa in ipairs(isas) do isa_variants[isa] = variants.by_isa(isa) end
local env = { arches = arches, variants = variants.list, generator_hash = generator_hash,
  isas = isas, isa_variants = isa_variants }
write("q4k_variants.h", template.render_file(root .. "templates/variants.h.in", env))
write("q4k_registry.c", template.render_file(root .. "templates/registry.c.in", env))

local spec = variants.default_dispatch
spec.provenance = {
  "generator: gen/q4kgen.lua, list: gen/variants.lua (default_dispatch)",
  "template: templates/dispatch.c.in",
  "a tuned table replaces it: cmake -DQ4K_PROFILE=results/<device>/profile",
}
write("q4k_dispatch_default.c", dispatch_emit(spec))
