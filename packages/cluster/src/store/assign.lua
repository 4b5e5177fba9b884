-- Atomic commit of one document (see core/assign-driver.ts and the in-memory twin, memory-store.ts).
-- Returns {'done', clusterId, isNew, duplicateOf, mergeSeq, relabelIds} or
-- {'verify', id, signature, shingleCount, ...} when the buckets hold candidates not yet verified.
-- Keys (all under the prefix P): d:<doc> small hash (kept listpack-encoded: no value over 64 bytes)
-- with the signature in chunks, m:<cluster> zset of members by seq, l:<shard> LSH bucket hashes listing
-- documents by base-36 arrival number, i:<n/128> arrival number -> docId, x:<shard>
-- exact-duplicate pointers (text and URL hashes), log zset of docs by time, seq/mseq counters.
-- Bucket and pointer hashes are sharded so that each stay small (listpack) yet few keys exist.
-- KEYS: the document's hash, the log, and the two counters. The other keys are found on the way
-- (bucket entries name documents), so they cannot be listed up front: P carries a Redis Cluster
-- hash tag (createClusterStore refuses one without it on a cluster), which puts every key of the
-- store in the slot of the declared KEYS, and the client routes the call there.
-- ARGV: P, docId, signature, shingle count, text hash, URL key, matched ids, seen ids, and the
-- settings packed in one string (see redis-store.ts).
local P, id, sig = ARGV[1], ARGV[2], ARGV[3]
local count, textHash, urlKey = ARGV[4], ARGV[5], ARGV[6]
local settings = {}
for n in string.gmatch(ARGV[9], '%S+') do settings[#settings + 1] = tonumber(n) end
local retentionMs, ttl, bands, rows, shards, pruneBatch, perCluster, maxBucket = unpack(settings)

local function docKey(d) return P .. ':d:' .. d end
if KEYS[1] ~= docKey(id) or KEYS[2] ~= P .. ':log' then return redis.error_reply('KEYS do not match the prefix') end
-- The signature lives in the document hash as 64-byte chunks s1..sN: a longer value would turn
-- the hash from a compact listpack into a hashtable, and a separate key costs ~150 bytes more.
local SIG_CHUNK = 64
local function sigFields(n)
  local fields = {}
  for i = 1, math.ceil(n / SIG_CHUNK) do fields[i] = 's' .. i end
  return fields
end
local function readSig(d, n)
  local parts = redis.call('HMGET', docKey(d), unpack(sigFields(n)))
  for i = 1, #parts do if not parts[i] then return nil end end
  return table.concat(parts)
end
local function writeSig(d, signature)
  for i = 1, math.ceil(#signature / SIG_CHUNK) do
    redis.call('HSET', docKey(d), 's' .. i, string.sub(signature, (i - 1) * SIG_CHUNK + 1, i * SIG_CHUNK))
  end
end
local function membersKey(c) return P .. ':m:' .. c end
-- Exact pointers: shard by the first two base64url characters of the hash (4,096 hashes).
local function exactSlot(kind, h) return P .. ':x:' .. string.sub(h, 1, 2), kind .. string.sub(h, 3) end
local LOG = KEYS[2]

-- Buckets name documents by arrival number in base 36 (3-5 bytes, not a 32-character docId):
-- bucket values stay under the 64-byte listpack limit, so the shard hashes stay compact.
local function base36(n)
  local digits, out = '0123456789abcdefghijklmnopqrstuvwxyz', ''
  repeat
    local r = n % 36
    out = string.sub(digits, r + 1, r + 1) .. out
    n = math.floor(n / 36)
  until n == 0
  return out
end
local function refSlot(q) return P .. ':i:' .. math.floor(tonumber(q, 36) / 128), q end

local function words(s)
  local out = {}
  for w in string.gmatch(s, '%S+') do out[#out + 1] = w end
  return out
end

local function asSet(list)
  local set = {}
  for _, w in ipairs(list) do set[w] = true end
  return set
end

-- Band b of a signature: its bytes [b*rows*2, (b+1)*rows*2), stored as field <b><bytes> of a
-- shard hash picked by the band's first 16-bit value (uniform, as MinHash values are).
local function slots(s)
  local out, width = {}, rows * 2
  local n = math.min(bands, math.floor(#s / width))
  for b = 0, n - 1 do
    local bytes = string.sub(s, b * width + 1, (b + 1) * width)
    local lo, hi = string.byte(bytes, 1, 2)
    local shard = (lo + hi * 256 + b * 40503) % shards
    out[#out + 1] = { P .. ':l:' .. shard, string.char(b) .. bytes }
  end
  return out
end

local function bucketRemove(key, field, d)
  local v = redis.call('HGET', key, field)
  if not v then return end
  local kept = {}
  for _, m in ipairs(words(v)) do if m ~= d then kept[#kept + 1] = m end end
  if #kept == 0 then redis.call('HDEL', key, field) else redis.call('HSET', key, field, table.concat(kept, ' ')) end
end

local function forget(d)
  local f = redis.call('HMGET', docKey(d), 'c', 'h', 'u', 'q')
  local s = readSig(d, #sig)
  if s and f[4] then
    for _, slot in ipairs(slots(s)) do bucketRemove(slot[1], slot[2], f[4]) end
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
  redis.call('ZREM', LOG, d)
end

local function replay(fields)
  return { 'done', fields[1], fields[2], fields[3] or '', fields[4] or '0', fields[5] or '' }
end

-- 1. A replayed job: report, change nothing.
local stored = redis.call('HMGET', docKey(id), 'c', 'x', 'p', 'ms', 'r')
if stored[1] then return replay(stored) end

-- 2. Amortised retention: forget a few documents that left the window.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
for _, d in ipairs(redis.call('ZRANGEBYSCORE', LOG, '-inf', '(' .. (now - retentionMs), 'LIMIT', 0, pruneBatch)) do
  forget(d)
end

local function aliveTarget(kind, h)
  if h == '' then return nil end
  local key, field = exactSlot(kind, h)
  local target = redis.call('HGET', key, field)
  if target and redis.call('EXISTS', docKey(target)) == 1 then return target end
  if target then redis.call('HDEL', key, field) end
  return nil
end

local function insert(cluster, isNew, dupOf, mergeSeq, relabel, signature)
  local seq = redis.call('INCR', KEYS[3])
  local ref = base36(seq)
  redis.call('HSET', docKey(id), 'c', cluster, 'x', isNew, 'p', dupOf, 'ms', mergeSeq, 'n', count, 'h', textHash, 'u', urlKey, 'q', ref)
  if relabel ~= '' then redis.call('HSET', docKey(id), 'r', relabel) end
  redis.call('EXPIRE', docKey(id), ttl)
  if signature ~= '' then
    writeSig(id, signature)
    local key, field = refSlot(ref)
    redis.call('HSET', key, field, id)
  end
  redis.call('ZADD', membersKey(cluster), seq, id)
  redis.call('EXPIRE', membersKey(cluster), ttl)
  redis.call('ZADD', LOG, now, id)
  for kind, h in pairs({ h = textHash, u = urlKey }) do
    if h ~= '' then
      local key, field = exactSlot(kind, h)
      redis.call('HSETNX', key, field, id)
    end
  end
  return ref
end

-- 3. Exact duplicates (same canonical URL, else same normalised text) short-circuit.
local target = aliveTarget('u', urlKey) or aliveTarget('h', textHash)
if target then
  local cluster = redis.call('HGET', docKey(target), 'c')
  insert(cluster, '0', target, '0', '', '')
  return { 'done', cluster, '0', target, '0', '' }
end

-- 4. LSH candidates not verified yet (and not already in a matched cluster) go back to the caller.
local mySlots = (tonumber(count) > 0) and slots(sig) or {}
local seen = asSet(words(ARGV[8]))
local matched, matchedClusters = words(ARGV[7]), {}
for _, m in ipairs(matched) do
  local c = redis.call('HGET', docKey(m), 'c')
  if c then matchedClusters[c] = true end
end
-- At most perCluster candidates of one cluster per round: one verified copy is enough to join.
local reply, asked, bucketLive = { 'verify' }, {}, {}
-- ref -> docId of a live document, or false; a copy shares many buckets with the same documents.
local resolved = {}
local function resolve(q)
  if resolved[q] ~= nil then return resolved[q] end
  local refKey, refField = refSlot(q)
  local m = redis.call('HGET', refKey, refField)
  if m and redis.call('EXISTS', docKey(m)) == 0 then
    redis.call('HDEL', refKey, refField)
    m = nil
  end
  resolved[q] = m or false
  return resolved[q]
end
for i, slot in ipairs(mySlots) do
  local refs, live = words(redis.call('HGET', slot[1], slot[2]) or ''), {}
  bucketLive[i] = live
  for _, q in ipairs(refs) do
    local m = resolve(q)
    if m then live[#live + 1] = q end
    if m and not seen[m] then
      seen[m] = true
      local f = redis.call('HMGET', docKey(m), 'c', 'n')
      if f[1] and not matchedClusters[f[1]] and (asked[f[1]] or 0) < perCluster then
        local s = readSig(m, #sig)
        if s then
          asked[f[1]] = (asked[f[1]] or 0) + 1
          reply[#reply + 1] = m; reply[#reply + 1] = s; reply[#reply + 1] = f[2]
        end
      end
    end
  end
  -- Documents whose keys expired while no assign ran to prune them are dropped on sight.
  if #live < #refs then
    if #live == 0 then redis.call('HDEL', slot[1], slot[2]) else redis.call('HSET', slot[1], slot[2], table.concat(live, ' ')) end
  end
end
if #reply > 1 then return reply end

-- 5. Commit: join the matched clusters; the one whose oldest member came first survives.
local clusters, survivor, oldest = {}, nil, nil
for c in pairs(matchedClusters) do
  clusters[#clusters + 1] = c
  local first = redis.call('ZRANGE', membersKey(c), 0, 0, 'WITHSCORES')
  local age = tonumber(first[2]) or math.huge
  if not oldest or age < oldest or (age == oldest and c < survivor) then survivor, oldest = c, age end
end
local relabel, mergeSeq = {}, '0'
for _, c in ipairs(clusters) do
  if c ~= survivor then
    local moved = redis.call('ZRANGE', membersKey(c), 0, -1, 'WITHSCORES')
    for i = 1, #moved, 2 do
      redis.call('HSET', docKey(moved[i]), 'c', survivor)
      redis.call('ZADD', membersKey(survivor), moved[i + 1], moved[i])
      relabel[#relabel + 1] = moved[i]
    end
    redis.call('DEL', membersKey(c))
  end
end
if #relabel > 0 then mergeSeq = tostring(redis.call('INCR', KEYS[4])) end
local isNew = survivor == nil and '1' or '0'
local cluster = survivor or id
local relabelText = table.concat(relabel, ' ')
local ref = insert(cluster, isNew, '', mergeSeq, relabelText, (tonumber(count) > 0) and sig or '')
-- A full bucket already holds maxBucket documents with this exact band: near-identical copies
-- that represent it well, so a big story does not make every later copy scan hundreds of ids.
for i, slot in ipairs(mySlots) do
  local live = bucketLive[i]
  if #live < maxBucket then
    live[#live + 1] = ref
    redis.call('HSET', slot[1], slot[2], table.concat(live, ' '))
  end
end
return { 'done', cluster, isNew, '', mergeSeq, relabelText }
