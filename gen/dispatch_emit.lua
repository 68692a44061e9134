-- dispatch_emit.lua - turns a dispatch spec into C (templates/dispatch.c.in).
-- Shared by the generator (built-in default table) and gen/q4k_dispatch.lua
-- (a tuned table from a profile), so both emit the same structure.
--   spec = { source=, device=, date=, origin=, simd_threshold=N,
--            buckets = { {max_blocks=N, candidates={name, ...}}, ... },
--            provenance = { "line", ... } }
local template = require("template")

local here = (debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./")
local root = here .. "../"

return function(spec)
  assert(#spec.buckets > 0, "dispatch table without buckets")
  local prev = 0
  for _, b in ipairs(spec.buckets) do
    assert(b.max_blocks > prev, "bucket sizes must ascend")
    assert(#b.candidates >= 1 and #b.candidates <= 4, "1 to 4 candidates per bucket")
    prev = b.max_blocks
  end
  return template.render_file(root .. "templates/dispatch.c.in", {
    provenance = spec.provenance or {},
    buckets = spec.buckets,
    source = spec.source or "profile",
    device = spec.device or "",
    date = spec.date or "",
    origin = spec.origin or "",
    simd_threshold = spec.simd_threshold or 0,
  })
end
