-- binary-trees: see binary_trees_18.mit. Nodes are tables {left=, right=}; the maximum depth
-- is read from standard input. Runs on Lua 5.4 and LuaJIT.

local function bottomUp(depth)
  if depth == 0 then return { left = false, right = false } end
  local d = depth - 1
  return { left = bottomUp(d), right = bottomUp(d) }
end

local function check(t)
  if not t.left then return 1 end
  return 1 + check(t.left) + check(t.right)
end

local function pow2(e)
  local p = 1
  while e > 0 do p = p * 2; e = e - 1 end
  return p
end

local minDepth = 4
local maxDepth = tonumber(io.read())
if maxDepth < minDepth + 2 then maxDepth = minDepth + 2 end
local stretch = maxDepth + 1
print("stretch tree of depth " .. stretch .. "\t check: " .. check(bottomUp(stretch)))

local longLived = bottomUp(maxDepth)

local d = minDepth
while d <= maxDepth do
  local iters = pow2(maxDepth - d + minDepth)
  local chk = 0
  local i = 0
  while i < iters do
    chk = chk + check(bottomUp(d))
    i = i + 1
  end
  print(iters .. "\t trees of depth " .. d .. "\t check: " .. chk)
  d = d + 2
end
print("long lived tree of depth " .. maxDepth .. "\t check: " .. check(longLived))
