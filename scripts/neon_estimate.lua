-- neon_estimate.lua - a static estimate of cycles per block for the NEON
-- dequantization kernels, from their compiled assembly. NOT a measurement:
-- this project's machines have no ARM core (qemu timings mean nothing), so
-- until an Apple-silicon run exists this is the only figure there is.
--
--   lua5.4 scripts/neon_estimate.lua KERNELS.s MCA_CMD MCPU COMPILER > estimate.csv
--
-- KERNELS.s is a generated NEON kernel file compiled with -S (clang marks
-- each loop "Inner Loop Header: Depth=N"). For every kernel (a function
-- named q4k_<op>__neon*) the script takes its main loop, the largest
-- depth-1 loop without inner loops, which handles u blocks per iteration
-- (u from the name, "_u2_"; for fmlal, the loop holding fmlal, not the
-- FZ16 fallback's), and costs it two ways, for the cheapest and the
-- dearest way round it (a kernel that branches per block, as fmlal's fast
-- path does, has more than one). A kernel whose block loop holds further
-- loops has no fixed cost per iteration: a '#' line lists it as not costed.
--
--   port   a throughput model of an Apple M1 "Firestorm" P-core, after
--          Dougall Johnson's published per-instruction measurements:
--          per cycle at most 8 instructions decoded, 4 SIMD/FP operations,
--          6 integer ones, 3 loads, and 32 bytes stored (the store port,
--          which makes 32 cycles the floor for a 1 KiB block). Vector
--          register moves are taken as eliminated at rename (decode slot
--          only); tbl/tbx with n table registers as n operations, 4 as 3.
--          Latency and dependencies ignored: a lower bound.
--   mca    llvm-mca -mcpu=MCPU over 200 iterations. LLVM (19) schedules
--          every Apple core with its Cyclone (A7) model: 3 SIMD pipes
--          where M1 and later have 4, so it runs high for SIMD-bound loops;
--          it does model dependencies.
--
-- Output: CSV, one line per kernel:
--   variant,blocks_per_iter,paths,instructions,simd_ops,port_cycles,port_bound,
--   port_cycles_max,mca_cycles,mca_cycles_max
-- (per block; instructions, SIMD ops, port_cycles (with the resource that
-- sets it) and mca_cycles on the cheapest path, the _max ones on the
-- dearest).

local asm_path, mca, mcpu, compiler = arg[1], arg[2], arg[3], arg[4] or "?"
if not asm_path or not mca or not mcpu then
  io.stderr:write("usage: lua5.4 neon_estimate.lua KERNELS.s MCA_CMD MCPU [COMPILER]\n")
  os.exit(2)
end

-- ---- split the assembly into functions, and each into its depth-1 loops ----

local funcs, order, cur = {}, {}, nil
for line in io.lines(asm_path) do
  local name = line:match("^(q4k_[%w_]+__neon[%w_]*):")
  if name then
    cur = { name = name, lines = {} }
    funcs[name] = cur
    order[#order + 1] = name
  elseif cur then
    if line:match("%.cfi_endproc") or line:match("^%.Lfunc_end") then
      cur = nil
    else
      cur.lines[#cur.lines + 1] = line
    end
  end
end

-- The instructions of a line, or nil for labels, comments, directives.
local function instruction(line)
  local s = line:gsub("//.*$", ""):gsub("^%s+", ""):gsub("%s+$", "")
  if s == "" or s:match("^%.") or s:match(":$") or s:match("^#") then return nil end
  return s
end

-- The function as basic blocks: a block starts at a label (".LBB3_5:") or
-- at clang's "// %bb.6:" line; clang notes on it which loop it belongs to.
local function blocks_of(f)
  local blocks, cur = {}, nil
  local function start(id, note)
    cur = { id = id, note = note or "", ins = {} }
    blocks[#blocks + 1] = cur
  end
  start("entry")
  for _, line in ipairs(f.lines) do
    local label = line:match("^(%.LBB[%w_]+):")
    local bb = line:match("^// (%%bb%.%d+):")
    if label then
      start(label, line)
    elseif bb then
      start(bb, line)
    else
      local ins = instruction(line)
      if ins then cur.ins[#cur.ins + 1] = ins end
    end
  end
  for i, blk in ipairs(blocks) do -- successors
    local last = blk.ins[#blk.ins] or ""
    local mn, target = last:match("^(%S+).-(%.LBB[%w_]+)%s*$")
    blk.succ = {}
    local falls = true
    if mn == "b" then
      falls = false
    elseif last:match("^ret") then
      falls, target = false, nil
    end
    if target then blk.succ[#blk.succ + 1] = target end
    if falls and blocks[i + 1] then blk.succ[#blk.succ + 1] = blocks[i + 1].id end
  end
  return blocks
end

-- The main loop's paths: for the largest innermost loop of depth 1 (a
-- header clang marks "Inner Loop Header: Depth=1"), every way round it
-- from the header back to it (a kernel that branches per block, such as
-- fmlal's fast path, has more than one), each as its instructions.
local function main_loop_paths(f, signature)
  local blocks = blocks_of(f)
  local by_id = {}
  for _, blk in ipairs(blocks) do by_id[blk.id] = blk end
  local best
  for _, hdr in ipairs(blocks) do
    if hdr.note:match("Inner Loop Header: Depth=1") then
      local key = hdr.id:gsub("^%.L", "")
      local member = { [hdr.id] = true }
      for _, blk in ipairs(blocks) do
        if blk.note:match("Header=" .. key .. " Depth=1") then member[blk.id] = true end
      end
      local paths = {}
      local function walk(blk, acc, seen)
        if #paths >= 16 then return end
        local here = {}
        for _, x in ipairs(acc) do here[#here + 1] = x end
        for _, x in ipairs(blk.ins) do here[#here + 1] = x end
        for _, s in ipairs(blk.succ) do
          if s == hdr.id then
            paths[#paths + 1] = here
          elseif member[s] and not seen[s] then
            seen[s] = true
            walk(by_id[s], here, seen)
            seen[s] = nil
          end
        end
      end
      walk(hdr, {}, { [hdr.id] = true })
      -- the loop that runs the method: it holds the method's own instruction
      -- (fmlal: a kernel may also hold a loop of another method, as fmlal's
      -- routing to half does), then the largest
      local size, signed = 0, 0
      for _, p in ipairs(paths) do
        size = math.max(size, #p)
        for _, ins in ipairs(p) do
          if signature and ins:match("^" .. signature .. "%f[%s%d]") then signed = 1 end
        end
      end
      if #paths > 0 and (not best or signed > best.signed or (signed == best.signed and size > best.size)) then
        best = { paths = paths, size = size, signed = signed }
      end
    end
  end
  return best and best.paths
end

-- ---- the port model ---------------------------------------------------------

local function is_vreg(op) -- v3.4s, q3, d3, s3, h3, b3 (not x/w)
  return op:match("^v%d+") or op:match("^[qdshb]%d+$") or op:match("^{%s*v%d+")
end

local function store_bytes(mn, ops)
  local wide = { q = 16, d = 8, s = 4, h = 2, b = 1, x = 8, w = 4 }
  if mn:match("^st1") or mn:match("^st2") or mn:match("^st3") or mn:match("^st4") then
    local regs = select(2, ops:gsub("v%d+", ""))
    local lanes = ops:match("v%d+%.(%d*%a)")
    local per = (lanes and (lanes:match("^16") or lanes:match("^8h") or lanes:match("^4s") or lanes:match("^2d"))) and 16 or 8
    return regs * per
  end
  local r = ops:match("^(%a)%d+")
  local b = wide[r] or 8
  if mn:match("^stn?p") then return 2 * b end
  return b
end

local function cost(body)
  local c = { decode = 0, simd = 0, int = 0, load = 0, store_bytes = 0 }
  for _, ins in ipairs(body) do
    local mn, ops = ins:match("^(%S+)%s*(.*)$")
    ops = ops or ""
    c.decode = c.decode + 1
    if mn:match("^ld") then
      c.load = c.load + 1
      if mn:match("^ld%dr") or mn:match("^ld1$") and ops:match("%[%d+%]") then
        c.simd = c.simd + 1 -- replicate / lane insert also uses a SIMD pipe
      end
    elseif mn:match("^st") then
      c.store_bytes = c.store_bytes + store_bytes(mn, ops)
    elseif mn == "mov" and ops:match("^v%d+%.16b, v%d+%.16b$") then
      -- eliminated at rename: a decode slot only
    elseif mn == "tbl" or mn == "tbx" then
      local n = select(2, (ops:match("{(.-)}") or ""):gsub("v%d+", ""))
      c.simd = c.simd + (n >= 4 and 3 or math.max(n, 1))
    elseif mn:match("^b") or mn:match("^cb") or mn:match("^tb") or mn == "prfm" then
      c.int = c.int + (mn == "prfm" and 0 or 1)
      if mn == "prfm" then c.load = c.load + 1 end
    else
      local first = ops:match("^([^,]+)") or ""
      local any_v = false
      for op in (ops .. ","):gmatch("%s*([^,]+),") do
        if is_vreg(op) then any_v = true end
      end
      if is_vreg(first) or (any_v and (mn:match("^fmov") or mn:match("^umov") or mn:match("^dup"))) then
        c.simd = c.simd + 1
      else
        c.int = c.int + 1
      end
    end
  end
  return c
end

local function port_cycles(c, per)
  local bounds = {
    { "decode", c.decode / 8 }, { "simd", c.simd / 4 }, { "integer", c.int / 6 },
    { "loads", c.load / 3 }, { "stores", c.store_bytes / 32 },
  }
  local best = bounds[1]
  for _, b in ipairs(bounds) do if b[2] > best[2] then best = b end end
  return best[2] / per, best[1]
end

-- ---- llvm-mca -----------------------------------------------------------------

local function mca_cycles(body, per)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  f:write(table.concat(body, "\n"), "\n")
  f:close()
  local p = io.popen(string.format("%s -mtriple=aarch64 -mcpu=%s -iterations=200 %s 2>/dev/null", mca, mcpu, tmp))
  local out = p:read("a")
  p:close()
  os.remove(tmp)
  local it, total = out:match("Iterations:%s+(%d+)"), out:match("Total Cycles:%s+(%d+)")
  if not it or not total then return nil end
  return tonumber(total) / tonumber(it) / per
end

-- ---- report -----------------------------------------------------------------

-- The '#' lines say how the figures were made (no commas: CSV readers).
print("# static estimate (not a measurement) of cycles per block of each kernel's main loop")
print(string.format("# compiled by %s -mcpu=%s", compiler:gsub(",", ";"), mcpu))
print("# port: an Apple M1 Firestorm throughput model (8 decoded; 4 SIMD; 6 integer; 3 loads; 32 B stored per cycle; latency ignored: a lower bound)")
print(string.format("# mca: llvm-mca -mcpu=%s over 200 iterations (LLVM models Apple cores on Cyclone: 3 SIMD pipes; M1 and later have 4)", mcpu))
print("variant,blocks_per_iter,paths,instructions,simd_ops,port_cycles,port_bound,port_cycles_max,mca_cycles,mca_cycles_max")
local skipped = {}
for _, name in ipairs(order) do
  local paths = main_loop_paths(funcs[name], name:match("_fmlal_") and "fmlal")
  if paths then
    local per = tonumber(name:match("_u(%d+)") or "1")
    -- the cheapest way round (a kernel's fast path) and the dearest one
    local lo, hi
    for _, body in ipairs(paths) do
      local c = cost(body)
      local pc, bound = port_cycles(c, per)
      local r = { body = body, c = c, pc = pc, bound = bound }
      if not lo or pc < lo.pc then lo = r end
      if not hi or pc > hi.pc then hi = r end
    end
    local mlo = mca_cycles(lo.body, per)
    local mhi = hi == lo and mlo or mca_cycles(hi.body, per)
    local function f1(x) return x and string.format("%.1f", x) or "" end
    print(string.format("%s,%d,%d,%.1f,%.1f,%.1f,%s,%.1f,%s,%s", name, per, #paths, #lo.body / per, lo.c.simd / per,
      lo.pc, lo.bound, hi.pc, f1(mlo), f1(mhi)))
  else
    skipped[#skipped + 1] = name
  end
end
if #skipped > 0 then
  print("# not costed (the block loop holds inner loops): " .. table.concat(skipped, " "))
end
