-- template.lua - the template engine: C with a thin layer of Lua, in the
-- style of XNNPACK's xngen, so a template still reads as the C it makes.
--
--   $<lua statement>     a line whose first non-blank character is '$' is Lua
--                        ($for ... do / $if ... then / $else / $end, locals ...)
--   ${expression}        anywhere else: replaced by tostring(expression)
--   ${include("f.c.in", {k = v})}  another template from the same folder,
--                        rendered with the caller's values plus {k = v}
--
-- It records every file it opens (M.opened, and per rendering), so the
-- generator can name and hash its inputs without a hand-kept list.
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

-- Every template file opened, by the name it was rendered under (relative
-- to M.root), in the order first opened: the generator hashes them all.
M.root = ""
M.opened = {}
local opened_set = {}

-- Render the template at M.root .. name. include() names files relative to
-- the including template's folder. Returns the text and the templates this
-- rendering opened (name first, then its includes, each once).
function M.render_file(name, env, used)
  used = used or {}
  local f = assert(io.open(M.root .. name, "rb"))
  local text = f:read("a")
  f:close()
  if not opened_set[name] then
    opened_set[name] = true
    M.opened[#M.opened + 1] = name
  end
  local seen = false
  for _, u in ipairs(used) do seen = seen or u == name end
  if not seen then used[#used + 1] = name end
  local dir = name:match("^(.*[/\\])") or ""
  local scope = setmetatable({}, { __index = env })
  scope.include = function(inc, extra)
    local inner = setmetatable({}, { __index = scope })
    for k, v in pairs(extra or {}) do inner[k] = v end
    return (M.render_file(dir .. inc, inner, used):gsub("\n$", ""))
  end
  return M.render(text, name, scope), used
end

return M
