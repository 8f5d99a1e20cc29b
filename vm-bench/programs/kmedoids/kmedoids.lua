-- k-medoids clustering: see kmedoids.mit. Points and tables are tables indexed by integers
-- (from 0).

local N = 100

local function idiv(a, b) return math.floor(a / b) end

local rng = { s = 777 }
local function rand()
  local s = rng.s
  local hi = idiv(s, 127773)
  local t = 16807 * (s - hi * 127773) - 2836 * hi
  if t <= 0 then t = t + 2147483647 end
  rng.s = t
  return t
end

local function total_cost(dist, med, k)
  local c = 0
  for i = 0, N - 1 do
    local row = dist[i]
    local best = row[med[0]]
    for j = 1, k - 1 do
      local d = row[med[j]]
      if d < best then best = d end
    end
    c = c + best
  end
  return c
end

local function pam(dist, k)
  local med = {}
  local isMed = {}
  for i = 0, N - 1 do isMed[i] = 0 end
  for j = 0, k - 1 do
    med[j] = j * idiv(N, k)
    isMed[j * idiv(N, k)] = 1
  end
  local cost = total_cost(dist, med, k)
  local swaps = 0
  while true do
    local bestCost, bestJ, bestO = cost, -1, -1
    for j = 0, k - 1 do
      local old = med[j]
      for o = 0, N - 1 do
        if isMed[o] == 0 then
          med[j] = o
          local c = total_cost(dist, med, k)
          if c < bestCost then bestCost = c; bestJ = j; bestO = o end
        end
      end
      med[j] = old
    end
    if bestJ < 0 then break end
    isMed[med[bestJ]] = 0
    med[bestJ] = bestO
    isMed[bestO] = 1
    cost = bestCost
    swaps = swaps + 1
  end
  return { med = med, cost = cost, swaps = swaps }
end

local cx = { [0] = 100, 400, 250, 700, 550, 850 }
local cy = { [0] = 100, 150, 500, 300, 750, 600 }
local px, py = {}, {}
for i = 0, N - 1 do
  local c = rand() % 6
  px[i] = cx[c] + rand() % 121 - 60
  py[i] = cy[c] + rand() % 121 - 60
end
local dist = {}
for i = 0, N - 1 do
  local row = {}
  for j = 0, N - 1 do
    local dx = px[i] - px[j]
    if dx < 0 then dx = -dx end
    local dy = py[i] - py[j]
    if dy < 0 then dy = -dy end
    row[j] = dx + dy
  end
  dist[i] = row
end

for k = 2, 6 do
  local r = pam(dist, k)
  local med = r.med
  -- medoids in increasing index order, and the size of each one's cluster
  local size = {}
  for j = 0, k - 1 do size[j] = 0 end
  for i = 0, N - 1 do
    local row = dist[i]
    local bj = 0
    for j = 1, k - 1 do
      if row[med[j]] < row[med[bj]] then bj = j end
    end
    size[bj] = size[bj] + 1
  end
  local line = ""
  for m = 0, N - 1 do
    for j = 0, k - 1 do
      if med[j] == m then line = line .. " (" .. px[m] .. "," .. py[m] .. ")x" .. size[j] end
    end
  end
  print("k=" .. k .. ": cost " .. r.cost .. " after " .. r.swaps .. " swaps;" .. line)
end
