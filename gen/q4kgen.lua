-- q4kgen.lua - the generator: gen/isas.lua + gen/ops/*.lua + templates/ ->
-- generated/ (gen/README.md has the file map).
--
--   lua5.4 gen/q4kgen.lua [--out DIR]      (default DIR: generated)
--
-- Writes one kernel file per operation and ISA family (q4k_<op>_<isa>.c),
-- the declarations (q4k_variants.h), the registry and catalog
-- (q4k_registry.c), the CPU feature enum and detection table
-- (include/q4k_features.h, q4k_features.c), the build's file list and flags
-- (q4k_isas.cmake) and the built-in dispatch (q4k_default.profile).
-- Every file names the command, the description files and the templates it
-- came from. Output depends only on the inputs: no dates, no paths, so CI
-- can regenerate and compare (scripts/check-generated.sh).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local root = here .. "../"

local COMMAND = "lua5.4 gen/q4kgen.lua"

-- ---- arguments --------------------------------------------------------------

local out_dir = "generated"
local i = 1
while i <= #arg do
  if arg[i] == "--out" and arg[i + 1] then
    out_dir = arg[i + 1]
    i = i + 2
  elseif arg[i] == "--help" or arg[i] == "-h" then
    print("usage: " .. COMMAND .. " [--out DIR]\n" ..
          "Generates the q4k kernel variants, their registry and declarations, the CPU\n" ..
          "feature tables, the CMake file list and the built-in dispatch profile from\n" ..
          "gen/isas.lua, gen/ops/*.lua and templates/ into DIR (default: generated).")
    os.exit(0)
  else
    io.stderr:write("q4kgen: unknown argument '" .. arg[i] .. "' (try --help)\n")
    os.exit(2)
  end
end

-- ---- inputs: every gen/ module loaded and every template opened --------------

-- gen/ modules load through this searcher, which records them for the hash.
local modules = { "gen/q4kgen.lua" }
table.insert(package.searchers, 2, function(name)
  local rel = "gen/" .. name:gsub("%.", "/") .. ".lua"
  local f = io.open(root .. rel, "rb")
  if not f then return "\n\tno file '" .. rel .. "'" end
  f:close()
  local chunk, err = loadfile(root .. rel)
  if not chunk then error(err, 0) end
  modules[#modules + 1] = rel
  return chunk, root .. rel
end)

local template = require("template")
template.root = root
local isas = require("isas")

local ops = {}
for _, name in ipairs(require("ops")) do
  local op = require("ops." .. name)
  assert(op.name == name, "gen/ops/" .. name .. ".lua describes op '" .. tostring(op.name) .. "'")
  op.file = "gen/ops/" .. name .. ".lua"
  ops[#ops + 1] = op
end

-- ---- the variants, with what isas.lua says about their family ---------------

local all_variants, by_name = {}, {}
for _, op in ipairs(ops) do
  op.by_isa, op.families = {}, {}
  for _, v in ipairs(op.variants) do
    local fam = isas.family[v.isa]
    assert(fam, v.name .. ": unknown ISA family " .. tostring(v.isa))
    assert(v.name:match("^q4k_" .. op.name .. "__[%w_]+$"), v.name .. ": not q4k_" .. op.name .. "__<isa>...")
    assert(not by_name[v.name], "two variants named " .. v.name)
    by_name[v.name] = v
    v.op, v.family, v.arch = op, fam, fam.arch
    -- the family's features, plus any the variant itself needs (v.features:
    -- e.g. one method of a family that uses an optional extension)
    local feats, seen = {}, {}
    for _, list in ipairs { fam.features, v.features or {} } do
      for _, f in ipairs(list) do
        local feat = isas.feature[f]
        assert(feat and feat.arch == fam.arch, v.name .. ": unknown feature " .. f .. " for " .. fam.arch)
        if not seen[f] then seen[f], feats[#feats + 1] = true, feat.enum end
      end
    end
    v.features_c = #feats > 0 and table.concat(feats, " | ") or "0"
    op.by_isa[v.isa] = op.by_isa[v.isa] or {}
    table.insert(op.by_isa[v.isa], v)
    all_variants[#all_variants + 1] = v
  end
  for _, fam in ipairs(isas.families) do
    if op.by_isa[fam.name] then op.families[#op.families + 1] = fam end
  end
  for _, b in ipairs(op.default_buckets) do
    for _, c in ipairs(b.candidates) do
      assert(by_name[c] and by_name[c].op == op, op.name .. " default bucket " .. b.size .. ": unknown variant " .. c)
    end
  end
end

local arches = {}
for _, a in ipairs(isas.arches) do
  local group = { name = a.name, guard = a.guard, variants = {} }
  for _, v in ipairs(all_variants) do
    if v.arch == a.name then group.variants[#group.variants + 1] = v end
  end
  arches[#arches + 1] = group
end

-- ---- rendering ---------------------------------------------------------------

local outputs = {}

-- The provenance header, merged with the template's own leading comment.
local function provenance(text, comment, sources, templates, arch)
  local lines = { "Auto-generated file. Do not edit!", "  command:  " .. COMMAND }
  for _, s in ipairs(sources) do lines[#lines + 1] = "  input:    " .. s end
  for _, t in ipairs(templates) do lines[#lines + 1] = "  template: " .. t end
  if arch then lines[#lines + 1] = "  arch:     " .. arch .. " only (the whole file is inside #if: empty elsewhere)" end
  local out = {}
  if comment == "c" then
    for k, l in ipairs(lines) do out[k] = (k == 1 and "/* " or " * ") .. l end
    if text:match("^/%*") then
      return table.concat(out, "\n") .. "\n *\n" .. text:gsub("^/%*", " *", 1)
    end
    return table.concat(out, "\n") .. " */\n" .. text
  end
  for k, l in ipairs(lines) do out[k] = "# " .. l end
  return table.concat(out, "\n") .. "\n" .. (text:match("^#") and "#\n" or "") .. text
end

-- Render a template into outputs[] as file `name`. opts.arch, when it has a
-- guard, wraps the whole file (after its leading comment) in #if ... #endif.
local function emit(name, tmpl, env, sources, opts)
  opts = opts or {}
  local text, used = template.render_file(tmpl, env)
  local guard = opts.arch and opts.arch.guard
  if guard then
    local lead, body = text:match("^(/%*.-%*/\n)(.*)$")
    if not lead then lead, body = "", text end
    text = lead .. "#if " .. guard .. "\n" .. body .. "#endif /* " .. guard .. " */\n"
  end
  outputs[#outputs + 1] = { name = name, text = provenance(text, name:match("%.[ch]$") and "c" or "#",
    sources, used, guard and opts.arch.name) }
end

-- Kernels: one file per operation and family, one template each.
local kernel_files = {}
for _, op in ipairs(ops) do
  for _, fam in ipairs(op.families) do
    local file = "q4k_" .. op.name .. "_" .. fam.name .. ".c"
    local arch = isas.arch[fam.arch]
    emit(file, "templates/" .. op.name .. "/" .. fam.name .. ".c.in",
      { variants = op.by_isa[fam.name], family = fam, op = op },
      { "gen/isas.lua", op.file }, { arch = arch })
    kernel_files[#kernel_files + 1] = { file = file, family = fam, op = op }
  end
end

local op_sources = { "gen/isas.lua", "gen/ops.lua" }
for _, op in ipairs(ops) do op_sources[#op_sources + 1] = op.file end

local kernel_names = {}
for _, k in ipairs(kernel_files) do kernel_names[#kernel_names + 1] = k.file end
local support_files = { "q4k_registry.c", "q4k_features.c" }
local all_files = { "include/q4k_features.h", "q4k_default.profile", "q4k_isas.cmake", "q4k_variants.h" }
for _, f in ipairs(kernel_names) do all_files[#all_files + 1] = f end
for _, f in ipairs(support_files) do all_files[#all_files + 1] = f end
table.sort(all_files)

-- The registry gets the hash last, once every input has been opened.
local HASH_MARK = "@Q4K_GENERATOR_HASH@"
local env = {
  arches = arches, variants = all_variants, ops = ops, families = isas.families,
  features = isas.features, generator_hash = HASH_MARK, kernel_files = kernel_files,
  kernel_names = kernel_names, support_files = support_files, all_files = all_files,
}
emit("q4k_variants.h", "templates/variants.h.in", env, op_sources)
emit("q4k_registry.c", "templates/registry.c.in", env, op_sources)
emit("include/q4k_features.h", "templates/features.h.in", env, { "gen/isas.lua" })
emit("q4k_features.c", "templates/features.c.in", env, { "gen/isas.lua" })
emit("q4k_isas.cmake", "templates/isas.cmake.in", env, op_sources)
local profile_sources = { "gen/ops.lua" }
for _, op in ipairs(ops) do profile_sources[#profile_sources + 1] = op.file end
emit("q4k_default.profile", "templates/default.profile.in", env, profile_sources)

do -- every output listed in q4k_isas.cmake, and nothing else
  local listed = {}
  for _, f in ipairs(all_files) do listed[f] = true end
  for _, o in ipairs(outputs) do
    assert(listed[o.name], o.name .. " missing from Q4K_GEN_FILES")
    listed[o.name] = nil
  end
  assert(next(listed) == nil, "Q4K_GEN_FILES lists a file nobody writes")
end

-- ---- the generator hash: FNV-1a 64 over every input, sorted by path ----------

local function read(path)
  local f = assert(io.open(root .. path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local inputs, seen = {}, {}
for _, list in ipairs { modules, template.opened } do
  for _, path in ipairs(list) do
    if not seen[path] then
      seen[path] = true
      inputs[#inputs + 1] = path
    end
  end
end
table.sort(inputs)
local hash = -3750763034362895579 -- 0xcbf29ce484222325
for _, path in ipairs(inputs) do
  local s = path .. "\0" .. read(path) .. "\0"
  for k = 1, #s do
    hash = (hash ~ s:byte(k)) * 0x100000001b3
  end
end
local generator_hash = string.format("%016x", hash)

-- ---- write ------------------------------------------------------------------

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end
assert(os.execute("mkdir -p " .. shell_quote(out_dir .. "/include")), "q4kgen: cannot create " .. out_dir .. "/include")

for _, o in ipairs(outputs) do
  local text = o.text:gsub(HASH_MARK, generator_hash)
  local path = out_dir .. "/" .. o.name
  local tmp = path .. ".tmp"
  local f = assert(io.open(tmp, "wb"))
  f:write(text)
  f:close()
  assert(os.rename(tmp, path))
end
