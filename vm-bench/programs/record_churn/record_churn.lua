-- Record churn: see record_churn.mit. Records are tables; the window is a table keyed by int.

local W = 20000
local N = 1000000
local M = 1000003
local window = {}
local sum = 0
local evicted = 0
local i = 0
while i < N do
  local r = { id = i, val = i * 7 % 1000, next = false }
  if i % 3 == 0 then r.next = { id = i + 1, val = 1, next = { id = i + 2, val = 2, next = false } } end
  local slot = i % W
  local old = window[slot]
  if old ~= nil then
    sum = sum + old.val + old.id % 100
    if old.next then sum = sum + old.next.val + old.next.next.val end
    sum = sum % M
    evicted = evicted + 1
  end
  window[slot] = r
  i = i + 1
end
local live = 0
local chains = 0
for j = 0, W - 1 do
  local r = window[j]
  live = live + r.val
  if r.next then chains = chains + 1 end
end
print("evicted " .. evicted .. ", checksum " .. sum)
print("window: sum of values " .. live .. ", chains " .. chains)
