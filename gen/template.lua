-- template.lua - the template engine: C with a thin layer of Lua, in the
-- style of XNNPACK's xngen, so a template still reads as the C it makes.
--
--   $<lua statement>     a line whose first non-blank character is '$' is Lua
--                        ($for ... do / $if ... then / $else / $end, locals ...)
--   ${expression}        anywhere else: replaced by tostring(expression)
--   ${include("f.c.in", {k = v})}  another template from the same folder,
--                        rendered with the caller's values plus {k = v}
--
-- Every other line is copied as it is. Rendering a template compiles it to
-- one Lua function and runs it in an environment holding the caller's values.
local M = {}

local function emit_text(line)
  local parts, pos = {}, 1
  while true do
    local s, e, braced = line:find("%$(%b{})", pos) -- balanced: ${f({a = 1})}
    if not s then break end
    local expr = braced:sub(2, -2)
    if s > pos then parts[#parts + 1] = string.format("%q", line:sub(pos, s - 1)) end
    parts[#parts + 1] = "tostring(" .. expr .. ")"
    pos = e + 1
  end
  if pos <= #line then parts[#parts + 1] = string.format("%q", line:sub(pos)) end
  parts[#parts + 1] = '"\\n"'
  return "_out[#_out + 1] = " .. table.concat(parts, " .. ")
end

-- Translate template text to Lua source (one source line per template line,
-- so Lua's error messages point at the template's own line numbers).
function M.compile(text)
  local lua = { "local _out = {} " }
  for line in (text:gsub("\n$", "") .. "\n"):gmatch("(.-)\n") do
    local code = line:match("^%s*%$(.*)$")
    if code and not line:match("^%s*%${") then
      lua[#lua + 1] = code
    else
      lua[#lua + 1] = emit_text(line)
    end
  end
  lua[#lua + 1] = "return table.concat(_out)"
  return table.concat(lua, "\n")
end

-- Render template text; env's fields (and Lua's globals) are visible to it.
function M.render(text, chunkname, env)
  local scope = setmetatable({}, { __index = function(_, k)
    local v = env[k]
    if v ~= nil then return v end
    return _G[k]
  end })
  local fn, err = load(M.compile(text), "@" .. chunkname, "t", scope)
  if not fn then error(err, 0) end
  return fn()
end

function M.render_file(path, env)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  local dir = path:match("^(.*[/\\])") or ""
  local scope = setmetatable({}, { __index = env })
  scope.include = function(name, extra)
    local inner = setmetatable({}, { __index = scope })
    for k, v in pairs(extra or {}) do inner[k] = v end
    return (M.render_file(dir .. name, inner):gsub("\n$", ""))
  end
  return M.render(text, path, scope)
end

return M
