-- A cellular automaton: see life.mit. Grid and rows are tables indexed by integers (from 0).

local H, W, G, M = 64, 64, 200, 1000003

local function idiv(a, b) return math.floor(a / b) end

local rng = { s = 4242 }
local function rand()
  local s = rng.s
  local hi = idiv(s, 127773)
  local t = 16807 * (s - hi * 127773) - 2836 * hi
  if t <= 0 then t = t + 2147483647 end
  rng.s = t
  return t
end

local grid = {}
for y = 0, H - 1 do
  local row = {}
  for x = 0, W - 1 do
    local r = rand()
    if r % 4 == 0 then row[x] = 1 else row[x] = 0 end
  end
  grid[y] = row
end
grid[1][2] = 1; grid[2][3] = 1; grid[3][1] = 1; grid[3][2] = 1; grid[3][3] = 1
grid[1][1] = 0; grid[1][3] = 0; grid[2][1] = 0; grid[2][2] = 0

local function step(g)
  local next = {}
  for y = 0, H - 1 do
    local up = g[(y + H - 1) % H]
    local mid = g[y]
    local down = g[(y + 1) % H]
    local row = {}
    for x = 0, W - 1 do
      local l = (x + W - 1) % W
      local r = (x + 1) % W
      local n = up[l] + up[x] + up[r] + mid[l] + mid[r] + down[l] + down[x] + down[r]
      if n == 3 then row[x] = 1
      elseif n == 2 then row[x] = mid[x]
      else row[x] = 0 end
    end
    next[y] = row
  end
  return next
end

local function population(g)
  local p = 0
  for y = 0, H - 1 do
    local row = g[y]
    for x = 0, W - 1 do p = p + row[x] end
  end
  return p
end

print("generation 0: population " .. population(grid))
for gen = 1, G do
  grid = step(grid)
  if gen % 25 == 0 then print("generation " .. gen .. ": population " .. population(grid)) end
end
local chk = 0
for y = 0, H - 1 do
  for x = 0, W - 1 do
    chk = chk * 3 + grid[y][x] * (y * W + x + 1)
    chk = chk % M
  end
end
print("checksum " .. chk)
