-- Big-number arithmetic on records: see bignum.mit. Numbers are tables {n=, d=} whose limbs
-- (base 10,000, least significant first) sit in a table indexed by integers from 0.
-- Integer division is math.floor(a / b) so that the same file runs on Lua 5.4 and LuaJIT.

local B = 10000
local floor = math.floor

local function small(v) return { n = 1, d = { [0] = v } } end

local function mulSmall(a, m)
  local ad = a.d
  local d = {}
  local carry = 0
  local i = 0
  while i < a.n do
    local t = ad[i] * m + carry
    carry = floor(t / B)
    d[i] = t - carry * B
    i = i + 1
  end
  while carry > 0 do
    local q = floor(carry / B)
    d[i] = carry - q * B
    carry = q
    i = i + 1
  end
  return { n = i, d = d }
end

local function add(a, b)
  if a.n < b.n then a, b = b, a end
  local ad, bd = a.d, b.d
  local d = {}
  local carry = 0
  local i = 0
  while i < a.n do
    local t = ad[i] + carry
    if i < b.n then t = t + bd[i] end
    if t >= B then d[i] = t - B; carry = 1 else d[i] = t; carry = 0 end
    i = i + 1
  end
  if carry > 0 then d[i] = carry; i = i + 1 end
  return { n = i, d = d }
end

local function mul(a, b)
  local ad, bd = a.d, b.d
  local n = a.n + b.n
  local d = {}
  for i = 0, n - 1 do d[i] = 0 end
  for i = 0, a.n - 1 do
    local x = ad[i]
    local carry = 0
    for j = 0, b.n - 1 do
      local t = d[i + j] + x * bd[j] + carry
      carry = floor(t / B)
      d[i + j] = t - carry * B
    end
    local k = i + b.n
    while carry > 0 do
      local t = d[k] + carry
      carry = floor(t / B)
      d[k] = t - carry * B
      k = k + 1
    end
  end
  while n > 1 and d[n - 1] == 0 do n = n - 1 end
  return { n = n, d = d }
end

local function toString(a)
  local s = "" .. a.d[a.n - 1]
  for i = a.n - 2, 0, -1 do
    local v = a.d[i]
    if v < 1000 then s = s .. "0" end
    if v < 100 then s = s .. "0" end
    if v < 10 then s = s .. "0" end
    s = s .. v
  end
  return s
end

local function digits(a)
  local top = a.d[a.n - 1]
  local c = 1
  while top >= 10 do top = floor(top / 10); c = c + 1 end
  return (a.n - 1) * 4 + c
end

local function digitSum(a)
  local s = 0
  for i = 0, a.n - 1 do
    local v = a.d[i]
    while v > 0 do
      local q = floor(v / 10)
      s = s + v - q * 10
      v = q
    end
  end
  return s
end

local f = small(1)
for m = 2, 1000 do f = mulSmall(f, m) end
print("1000! has " .. digits(f) .. " digits, digit sum " .. digitSum(f))
print(toString(f))

local a, b = small(0), small(1)
for _ = 1, 4000 do
  local t = add(a, b)
  a = b
  b = t
end
print("fib(4000) has " .. digits(a) .. " digits, digit sum " .. digitSum(a))
print(toString(a))

local sq = mul(f, f)
print("(1000!)^2 has " .. digits(sq) .. " digits, digit sum " .. digitSum(sq))
local cube = mul(sq, f)
print("(1000!)^3 has " .. digits(cube) .. " digits, digit sum " .. digitSum(cube))
