-- A car simulation: see cars.mit. Cars are tables {pos=, vel=, dist=}; the road is a table of
-- cars indexed by integers from 0.

local L, N, VMAX, STEPS, M = 1500, 300, 5, 3000, 1000003

local function idiv(a, b) return math.floor(a / b) end

local rng = { s = 99991 }
local function rand()
  local s = rng.s
  local hi = idiv(s, 127773)
  local t = 16807 * (s - hi * 127773) - 2836 * hi
  if t <= 0 then t = t + 2147483647 end
  rng.s = t
  return t
end

local cars = {}
for i = 0, N - 1 do cars[i] = { pos = i * idiv(L, N), vel = 0, dist = 0 } end
local flow = 0
for step = 1, STEPS do
  local next = {}
  local stopped = 0
  local vsum = 0
  for i = 0, N - 1 do
    local c = cars[i]
    local ahead = cars[(i + 1) % N]
    local gap = (ahead.pos - c.pos - 1 + L) % L
    local v = c.vel
    if v < VMAX then v = v + 1 end
    if v > gap then v = gap end
    if v > 0 and rand() % 100 < 25 then v = v - 1 end
    local p = c.pos + v
    if p >= L then p = p - L; flow = flow + 1 end
    if v == 0 then stopped = stopped + 1 end
    vsum = vsum + v
    next[i] = { pos = p, vel = v, dist = c.dist + v }
  end
  cars = next
  if step % 300 == 0 then
    print("step " .. step .. ": mean speed x1000 " .. idiv(vsum * 1000, N) .. ", stopped " .. stopped .. ", flow " .. flow)
  end
end
local chk = 0
local total = 0
for i = 0, N - 1 do
  local c = cars[i]
  total = total + c.dist
  chk = chk * 7 + c.pos * 3 + c.vel
  chk = chk % M
end
print("total distance " .. total .. ", checksum " .. chk)
