-- q4k_dispatch.lua - a tuning profile -> the C dispatch table of a tuned libq4k.
--
--   lua5.4 gen/q4k_dispatch.lua --profile FILE --out FILE.c [--arch ARCH]
--
-- CMake runs it for -DQ4K_PROFILE=FILE. It parses and validates the profile
-- with the same rules as the library's run-time loader (runtime/profile_parse.h
-- defines the format), checks that every variant exists in gen/variants.lua
-- (and, given --arch, that it compiles for that architecture and the profile
-- was made for it), and emits the table through gen/dispatch_emit.lua, the
-- same code that writes the built-in default.
--
-- Reproducible: the output depends only on the profile's bytes, the
-- generator and the template. No clock, no absolute paths: the profile is
-- named relative to the source tree (or by its file name when outside it).
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
package.path = here .. "?.lua;" .. package.path

local variants = require("variants")
local dispatch_emit = require("dispatch_emit")

local FORMAT_VERSION = 1
local MAX_BUCKETS = 64
local MAX_CANDIDATES = 4
local MAX_BYTES = 65536

local function die(msg, code)
  io.stderr:write("q4k_dispatch: " .. msg .. "\n")
  os.exit(code or 2)
end

local function usage()
  return "usage: lua5.4 gen/q4k_dispatch.lua --profile FILE --out FILE.c [--arch x86_64|aarch64|generic]\n" ..
         "Turns a q4k tuning profile into the C dispatch table of a tuned libq4k\n" ..
         "(what cmake -DQ4K_PROFILE=FILE builds). Same profile, same bytes out."
end

local profile_path, out_path, arch
local i = 1
while i <= #arg do
  local a = arg[i]
  if a == "--help" or a == "-h" then
    print(usage())
    os.exit(0)
  elseif (a == "--profile" or a == "--out" or a == "--arch") and arg[i + 1] then
    if a == "--profile" then profile_path = arg[i + 1]
    elseif a == "--out" then out_path = arg[i + 1]
    else arch = arg[i + 1] end
    i = i + 2
  else
    die("unknown or incomplete argument '" .. a .. "'\n" .. usage())
  end
end
if not profile_path or not out_path then die("--profile and --out are required\n" .. usage()) end

local f, why = io.open(profile_path, "rb")
if not f then die("cannot open the profile: " .. tostring(why)) end
local text = f:read(MAX_BYTES + 1) or ""
f:close()
if #text > MAX_BYTES then die(profile_path .. ": larger than " .. MAX_BYTES .. " bytes: not a profile") end

-- ---- parse: the rules of runtime/profile_parse.c --------------------------

local known_features = { neon = true, avx2 = true, fma = true, f16c = true,
  avx512f = true, avx512bw = true, avx512vl = true }
local text_keys = { device = true, arch = true, cpu = true, features = true, cores = true, os = true,
  compiler = true, flags = true, generator = true, q4k = true, date = true }

local function parse(src)
  local p = { buckets = {} }
  local seen, have_magic, have_end = {}, false, false
  local line_no = 0
  local function fail(msg, ln)
    local where = (ln == false) and "" or ("line " .. line_no .. ": ")
    die(profile_path .. ": " .. where .. msg)
  end
  if #src == 0 then fail("empty profile", false) end
  for line in (src .. (src:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do
    line_no = line_no + 1
    line = line:gsub("\r$", "")
    if line:find("[%z\1-\8\10-\31\127]") then fail("control character: not profile text") end
    local s = line:match("^[ \t]*(.-)[ \t]*$")
    if s ~= "" and s:sub(1, 1) ~= "#" then
      if have_end then fail("text after 'end'") end
      local key, value = s:match("^(%S+)[ \t]*(.*)$")
      if not have_magic then
        if key ~= "q4k-profile" then
          fail("not a q4k profile (the first line must be 'q4k-profile " .. FORMAT_VERSION .. "')")
        end
        if not value:match("^%d+$") then fail("bad profile version '" .. value .. "'") end
        if tonumber(value) ~= FORMAT_VERSION then
          fail("profile format version " .. value .. " is not supported (this generator reads version " ..
               FORMAT_VERSION .. ")")
        end
        have_magic = true
      elseif key == "end" then
        if value ~= "" then fail("'end' takes no value") end
        have_end = true
      elseif key == "bucket" then
        if #p.buckets == MAX_BUCKETS then fail("more than " .. MAX_BUCKETS .. " buckets") end
        local size, rest = value:match("^(%d+)[ \t]*(.*)$")
        local n = size and tonumber(size)
        if not n or n == 0 or n > (1 << 40) then
          fail("bucket needs a size (a positive block count), then variant names")
        end
        local prev = p.buckets[#p.buckets]
        if prev and n <= prev.max_blocks then
          fail(string.format("bucket sizes must ascend (%d after %d)", n, prev.max_blocks))
        end
        local names = {}
        for name in rest:gmatch("%S+") do
          if not name:match("^[%w_]+$") then fail("bucket " .. n .. ": '" .. name .. "' is not a variant name") end
          names[#names + 1] = name
        end
        if #names == 0 then fail("bucket " .. n .. " names no variant") end
        if #names > MAX_CANDIDATES then fail("bucket " .. n .. ": more than " .. MAX_CANDIDATES .. " variants") end
        p.buckets[#p.buckets + 1] = { max_blocks = n, candidates = names, line = line_no }
      elseif key == "simd_threshold" then
        if seen[key] then fail("'simd_threshold' given twice") end
        seen[key] = true
        if not value:match("^%d+$") or tonumber(value) > (1 << 40) then
          fail("simd_threshold must be a block count, not '" .. value .. "'")
        end
        p.simd_threshold = tonumber(value)
      elseif text_keys[key] then
        if seen[key] then fail("'" .. key .. "' given twice") end
        seen[key] = true
        if (key == "device" or key == "arch" or key == "date") and value == "" then
          fail("'" .. key .. "' needs a value")
        end
        if key == "features" then
          for feat in value:gmatch("%S+") do
            if not known_features[feat] then fail("unknown CPU feature '" .. feat .. "'") end
          end
        end
        p[key] = value
      else
        fail("unknown key '" .. key .. "'")
      end
    end
  end
  if not have_magic then fail("no 'q4k-profile " .. FORMAT_VERSION .. "' line: empty or not a profile", false) end
  if not have_end then fail("truncated: the profile has no 'end' line", false) end
  for _, key in ipairs { "device", "arch", "features", "date", "simd_threshold" } do
    if not seen[key] then fail("required key '" .. key .. "' is missing", false) end
  end
  if #p.buckets == 0 then fail("no 'bucket' lines", false) end
  return p
end

local p = parse(text)

-- ---- validate against the variant list -------------------------------------

if arch and p.arch ~= arch then
  die(string.format("%s: the profile is for %s (device %s) but this library is built for %s",
    profile_path, p.arch, p.device, arch))
end
for _, b in ipairs(p.buckets) do
  for _, name in ipairs(b.candidates) do
    local v = variants.find(name)
    if not v then
      die(string.format("%s: line %d: unknown variant '%s' (not in gen/variants.lua; was the profile made " ..
        "by another q4k version?)", profile_path, b.line, name))
    end
    if arch and v.arch ~= "any" and v.arch ~= arch then
      die(string.format("%s: line %d: variant '%s' is for %s, not %s", profile_path, b.line, name, v.arch, arch))
    end
  end
end
-- Only these strings reach C string literals: keep them plain printable ASCII.
for _, key in ipairs { "device", "date" } do
  if not p[key]:match("^[ -~]+$") or p[key]:find("\\") then
    die(profile_path .. ": '" .. key .. "' must be printable ASCII")
  end
end

-- ---- provenance --------------------------------------------------------------

local function fnv1a64(s)
  local h = -3750763034362895579 -- 0xcbf29ce484222325
  for k = 1, #s do h = (h ~ s:byte(k)) * 0x100000001b3 end
  return string.format("%016x", h)
end

-- The profile's name as recorded: relative to the source tree when inside it.
local function shown_path(path)
  local function absolute(x)
    if x:sub(1, 1) == "/" then return x end
    return (os.getenv("PWD") or ".") .. "/" .. x
  end
  local function normalize(x)
    x = x:gsub("/%./", "/"):gsub("//+", "/")
    return x
  end
  local root = here:gsub("[^/\\]+[/\\]$", "") -- .../gen/ -> .../
  local abs_root = normalize(absolute(root == "" and "./" or root))
  local abs_path = normalize(absolute(path))
  if abs_path:sub(1, #abs_root) == abs_root then return abs_path:sub(#abs_root + 1) end
  return path:match("([^/\\]+)$") or path
end

local shown = shown_path(profile_path)
if not shown:match("^[ -~]+$") or shown:find("[\\\"]") then shown = profile_path:match("([^/\\]+)$") or "profile" end
if not shown:match("^[ -~]+$") or shown:find("[\\\"]") then shown = "profile" end

local buckets = {}
for _, b in ipairs(p.buckets) do
  buckets[#buckets + 1] = { max_blocks = b.max_blocks, candidates = b.candidates }
end

local spec = {
  source = "profile",
  device = p.device,
  date = p.date,
  origin = shown,
  simd_threshold = p.simd_threshold,
  buckets = buckets,
  provenance = {
    "generator: gen/q4k_dispatch.lua (table code: gen/dispatch_emit.lua)",
    "template: templates/dispatch.c.in",
    "profile: " .. shown .. " (fnv1a64 " .. fnv1a64(text) .. ")",
    "profile device: " .. p.device .. ", measured " .. p.date,
    "profile cpu: " .. (p.cpu or "unknown") .. ", compiler " .. (p.compiler or "unknown"),
    "command: lua5.4 gen/q4k_dispatch.lua --profile " .. shown .. " --out " ..
      (out_path:match("([^/\\]+)$") or out_path) .. (arch and (" --arch " .. arch) or ""),
  },
}
-- Comment lines must not close the C comment they sit in.
for k, line in ipairs(spec.provenance) do spec.provenance[k] = line:gsub("%*/", "* /") end

local c_text = dispatch_emit(spec)
local tmp = out_path .. ".tmp"
local out, err = io.open(tmp, "wb")
if not out then die("cannot write " .. tmp .. ": " .. tostring(err), 1) end
out:write(c_text)
out:close()
local ok, rerr = os.rename(tmp, out_path)
if not ok then die("cannot rename " .. tmp .. " to " .. out_path .. ": " .. tostring(rerr), 1) end
