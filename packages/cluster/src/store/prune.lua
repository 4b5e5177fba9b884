--[[
  Amortised retention of the dedupe index: forgets up to pruneBatch documents whose log score
  (assign time) left the window — their bucket entries and passage postings, ref, cluster membership, exact pointers,
  hash and log entry.
  Input:
    KEYS[1] P:log
    ARGV[1] P, ARGV[2] packed settings (includes/index.lua)
  Output: the number of documents forgotten.
  The keys it reaches from the log cannot be listed up front; P's hash tag puts them in KEYS[1]'s slot.
]]
--- @include "includes/index"
if KEYS[1] ~= P .. ':log' then return redis.error_reply('KEYS do not match the prefix') end

local function bucketRemove(key, field, q)
  local v = redis.call('HGET', key, field)
  if not v then return end
  local kept = {}
  for _, m in ipairs(words(v)) do if m ~= q then kept[#kept + 1] = m end end
  if #kept == 0 then redis.call('HDEL', key, field) else redis.call('HSET', key, field, table.concat(kept, ' ')) end
end

local function forget(d)
  local f = redis.call('HMGET', docKey(d), 'c', 'h', 'u', 'q', 'g')
  local s = readSig(d)
  if s and f[4] then
    for _, slot in ipairs(slots(s)) do bucketRemove(slot[1], slot[2], f[4]) end
    for _, slot in ipairs(passageSlots(readPassages(d, f[5]))) do bucketRemove(slot[1], slot[2], f[4]) end
  end
  if f[4] then
    local key, field = refSlot(f[4])
    redis.call('HDEL', key, field)
  end
  if f[1] then redis.call('ZREM', membersKey(f[1]), d) end
  for kind, h in pairs({ h = f[2], u = f[3] }) do
    if h and h ~= '' then
      local key, field = exactSlot(kind, h)
      if redis.call('HGET', key, field) == d then redis.call('HDEL', key, field) end
    end
  end
  redis.call('DEL', docKey(d))
  redis.call('ZREM', KEYS[1], d)
end

local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (nowMs() - retentionMs), 'LIMIT', 0, pruneBatch)
for _, d in ipairs(expired) do forget(d) end
return #expired
