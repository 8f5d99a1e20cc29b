-- Call-heavy recursion: see fib.mit.

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function tak(x, y, z)
  if not (y < x) then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end

local n = 27
while n <= 32 do
  print("fib(" .. n .. ") = " .. fib(n))
  n = n + 1
end
print("tak(18, 12, 6) = " .. tak(18, 12, 6))
