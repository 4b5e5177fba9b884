-- Shared by every script of the dedupe store (pasted in by scripts.ts, as bullmq's @include):
-- ARGV[1] is the key prefix P, ARGV[2] the numeric settings packed in one string (redis-store.ts).
-- Keys (all under P, which carries a Redis Cluster hash tag: one slot): d:<doc> small hash (kept
-- listpack-encoded: no value over 64 bytes) with the signature in chunks, m:<cluster> zset of
-- members by seq, l:<shard> LSH bucket hashes listing documents by base-36 arrival number ("ref"),
-- i:<ref/128> ref -> docId, f:<shard> passage postings (fingerprint -> refs), x:<shard>
-- exact-duplicate pointers (text and URL hashes), log zset of
-- docs by time, seq/mseq counters. Bucket and pointer hashes are sharded so that each stays small
-- (listpack) yet few keys exist.
local P = ARGV[1]
local settings = {}
for n in string.gmatch(ARGV[2], '%S+') do settings[#settings + 1] = tonumber(n) end
local retentionMs, ttl, bands, rows, shards, pruneBatch, perCluster, maxBucket, sigBytes, maxPostings, minShared =
  unpack(settings)

local function docKey(d) return P .. ':d:' .. d end
local function membersKey(c) return P .. ':m:' .. c end
-- Exact pointers: shard by the first two base64url characters of the hash (4,096 hashes).
local function exactSlot(kind, h) return P .. ':x:' .. string.sub(h, 1, 2), kind .. string.sub(h, 3) end
local function refSlot(q) return P .. ':i:' .. math.floor(tonumber(q, 36) / 128), q end

local function nowMs()
  local clock = redis.call('TIME')
  return tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
end

local function words(s)
  local out = {}
  for w in string.gmatch(s, '%S+') do out[#out + 1] = w end
  return out
end

-- The signature lives in the document hash as 64-byte chunks s1..sN: a longer value would turn
-- the hash from a compact listpack into a hashtable, and a separate key costs ~150 bytes more.
local SIG_CHUNK = 64
local SIG_FIELDS = {}
for i = 1, math.ceil(sigBytes / SIG_CHUNK) do SIG_FIELDS[i] = 's' .. i end
local function readSig(d)
  local parts = redis.call('HMGET', docKey(d), unpack(SIG_FIELDS))
  for i = 1, #parts do if not parts[i] then return nil end end
  return table.concat(parts)
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

-- Passage fingerprints (core/passages.ts) travel as 4-byte little-endian values. Posting of
-- fingerprint v: field <v bytes> of the shard hash picked by its low 16 bits.
local function passageSlots(bytes)
  local out = {}
  for i = 0, math.floor(#bytes / 4) - 1 do
    local v = string.sub(bytes, i * 4 + 1, i * 4 + 4)
    local lo, hi = string.byte(v, 1, 2)
    out[#out + 1] = { P .. ':f:' .. ((lo + hi * 256) % shards), v }
  end
  return out
end

-- A document's own fingerprints live in its hash as 64-byte chunks p1..pN (prune reads them).
local function writePassages(key, bytes)
  for i = 1, math.ceil(#bytes / SIG_CHUNK) do
    redis.call('HSET', key, 'p' .. i, string.sub(bytes, (i - 1) * SIG_CHUNK + 1, i * SIG_CHUNK))
  end
end

local function readPassages(d, count)
  local n = math.ceil((tonumber(count) or 0) * 4 / SIG_CHUNK)
  if n == 0 then return '' end
  local fields = {}
  for i = 1, n do fields[i] = 'p' .. i end
  local parts = redis.call('HMGET', docKey(d), unpack(fields))
  for i = 1, #parts do parts[i] = parts[i] or '' end
  return table.concat(parts)
end
