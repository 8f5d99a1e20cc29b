-- Closure-heavy code: see closures.mit. Lists are tables {head=, tail=}, nil-terminated.

local function make_adder(k) return function(x) return x + k end end
local function compose(f, g) return function(x) return f(g(x)) end end
local function make_counter()
  local s = { n = 0 }
  return { inc = function() s.n = s.n + 1; return s.n end, get = function() return s.n end }
end

local M = 1000003
local total = 0
local c = make_counter()
local i = 0
while i < 500000 do
  local f = compose(make_adder(i % 100), make_adder(1))
  total = total + f(i)
  total = total % M
  c.inc()
  i = i + 1
end
print("part 1: total " .. total .. ", counter " .. c.get())

local function map(f, l)
  local rev = nil
  while l ~= nil do rev = { head = f(l.head), tail = rev }; l = l.tail end
  local out = nil
  while rev ~= nil do out = { head = rev.head, tail = out }; rev = rev.tail end
  return out
end

local function filter(p, l)
  local rev = nil
  while l ~= nil do
    if p(l.head) then rev = { head = l.head, tail = rev } end
    l = l.tail
  end
  local out = nil
  while rev ~= nil do out = { head = rev.head, tail = out }; rev = rev.tail end
  return out
end

local function fold(f, acc, l)
  while l ~= nil do acc = f(acc, l.head); l = l.tail end
  return acc
end

local lst = nil
i = 999
while i >= 0 do lst = { head = i, tail = lst }; i = i - 1 end

local function run_round(round, l)
  local scale = round % 7 + 1
  local m = map(function(x) return x * scale + round end, l)
  local kept = filter(function(x) return x % 3 == round % 3 end, m)
  local count = make_counter()
  local s = fold(function(a, x) count.inc(); a = a + x; return a % M end, 0, kept)
  return { sum = s, n = count.get() }
end

local acc = 0
local kept = 0
local round = 0
while round < 400 do
  local r = run_round(round, lst)
  acc = acc * 31 + r.sum
  acc = acc % M
  kept = kept + r.n
  round = round + 1
end
print("part 2: checksum " .. acc .. ", kept " .. kept)
