-- Text processing from standard input: see word_freq.mit.

local M = 1000003
local n = tonumber(io.read())
local counts = {}
local last = {}
local order = {}
local nd = 0
local gaps = 0
local repeats = 0
local prev = ""
local i = 0
while i < n do
  local w = io.read()
  local c = counts[w]
  if c == nil then
    counts[w] = 1
    order[nd] = w
    nd = nd + 1
  else
    counts[w] = c + 1
    gaps = gaps + i - last[w]
    gaps = gaps % M
  end
  last[w] = i
  if w == prev then repeats = repeats + 1 end
  prev = w
  i = i + 1
end
local marker = io.read()
print("read " .. n .. " words, " .. nd .. " distinct, " .. repeats .. " repeated neighbours, gap sum " .. gaps
      .. ", end marker " .. marker)

local chosen = {}
for t = 0, 14 do
  local best = nil
  local bestc = 0
  for d = 0, nd - 1 do
    local w = order[d]
    local c = counts[w]
    if c > bestc then
      if chosen[w] == nil then best = w; bestc = c end
    end
  end
  chosen[best] = true
  print((t + 1) .. ". " .. best .. " " .. bestc)
end

local once = 0
local chk = 0
for d = 0, nd - 1 do
  local c = counts[order[d]]
  if c == 1 then once = once + 1 end
  chk = chk * 31 + c
  chk = chk % M
end
print(once .. " words seen once, checksum " .. chk)
