-- String building: see string_build.mit. Integer division is math.floor(a / b) so that the
-- same file runs on Lua 5.4 and LuaJIT (operands are never negative).

local function idiv(a, b) return math.floor(a / b) end

local ring = {}
local equal = 0
local i = 0
while i < 400000 do
  local a = "x" .. (i % 500) .. "y" .. (i % 3) .. "-" .. i
  local j = i * 7
  local b = "x" .. (j % 500) .. "y" .. (i % 3) .. "-" .. i
  if a == b then equal = equal + 1 end
  ring[i % 64] = a
  i = i + 1
end
print("part 1: " .. equal .. " equal; ring[0] = " .. ring[0] .. ", ring[63] = " .. ring[63])

local prev = ""
local same = 0
local round = 0
while round < 50 do
  local s = ""
  local k = 0
  while k < 2000 do
    s = s .. (k + idiv(round, 10)) .. ","
    k = k + 1
  end
  if s == prev then same = same + 1 end
  prev = s
  round = round + 1
end
print("part 2: " .. same .. " rounds equal to the previous one")
local small = ""
local k = 0
while k < 40 do small = small .. (k + idiv(round, 10)) .. ","; k = k + 1 end
print("part 2: " .. small)

local pieces = {}
local n = 4096
k = 0
while k < n do pieces[k] = "<" .. k .. ">"; k = k + 1 end
while n > 1 do
  local h = idiv(n, 2)
  k = 0
  while k < h do pieces[k] = pieces[2 * k] .. pieces[2 * k + 1]; k = k + 1 end
  n = h
end
local check = ""
k = 0
while k < 4096 do check = check .. "<" .. k .. ">"; k = k + 1 end
print("part 3: balanced == sequential: " .. tostring(pieces[0] == check))
