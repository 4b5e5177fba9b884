--[[
  Optimistic commit of one document to the dedupe index (core/assign-driver.ts decides, memory-store.ts
  is the in-memory twin). The caller sends the candidates it verified; the check is the lookup
  (includes/lookup.lua): if the document's buckets hold candidates it has not verified — for instance
  a copy another worker committed a moment ago — the commit is refused, writes nothing, and returns
  them, so the common path (no new candidate) is one round trip.
  Input:
    KEYS[1] P:d:<doc>, KEYS[2] P:log, KEYS[3] P:seq, KEYS[4] P:mseq
    ARGV[1] P, ARGV[2] packed settings (includes/index.lua), ARGV[3] docId, ARGV[4] signature bytes,
    ARGV[5] packed request, one field a line: shingle count, text hash, URL key, matched ids, seen ids,
    related ids, partial (1/0), ids to mark partial; ARGV[6] passage fingerprints (4 bytes each)
  Output:
    {'done', clusterId, isNew, duplicateOf, mergeSeq, relabelIds, relatedClusters}: committed, or a replay
    {'verify', id, signature, shingleCount, cluster, passageCount, partial, clusterSize, hits, ...}: refused
  The other keys are found on the way (bucket entries name documents), so they cannot be listed up
  front: P's hash tag puts every key of the store in the slot of KEYS.
]]
--- @include "includes/index"
--- @include "includes/lookup"
local id, sig, passages = ARGV[3], ARGV[4], ARGV[6]
if KEYS[1] ~= docKey(id) or KEYS[2] ~= P .. ':log' then return redis.error_reply('KEYS do not match the prefix') end
local request = {}
for line in string.gmatch(ARGV[5] .. '\n', '([^\n]*)\n') do request[#request + 1] = line end
local count, textHash, urlKey, matched, seenText, relatedText, partial, markText = unpack(request)
local passageCount = math.floor(#passages / 4)

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

local function writeSig(signature)
  for i = 1, math.ceil(#signature / SIG_CHUNK) do
    redis.call('HSET', KEYS[1], 's' .. i, string.sub(signature, (i - 1) * SIG_CHUNK + 1, i * SIG_CHUNK))
  end
end

local function insert(cluster, isNew, dupOf, mergeSeq, relabel, signature, related)
  local seq = redis.call('INCR', KEYS[3])
  local ref = base36(seq)
  redis.call('HSET', KEYS[1], 'c', cluster, 'x', isNew, 'p', dupOf, 'ms', mergeSeq, 'n', count, 'h', textHash, 'u', urlKey, 'q', ref)
  if relabel ~= '' then redis.call('HSET', KEYS[1], 'r', relabel) end
  if related ~= '' then redis.call('HSET', KEYS[1], 'rc', related) end
  redis.call('EXPIRE', KEYS[1], ttl)
  if signature ~= '' then
    writeSig(signature)
    if passageCount > 0 then
      redis.call('HSET', KEYS[1], 'g', passageCount, 'pt', partial)
      writePassages(KEYS[1], passages)
    end
    local key, field = refSlot(ref)
    redis.call('HSET', key, field, id)
  end
  redis.call('ZADD', membersKey(cluster), seq, id)
  redis.call('EXPIRE', membersKey(cluster), ttl)
  redis.call('ZADD', KEYS[2], nowMs(), id)
  for kind, h in pairs({ h = textHash, u = urlKey }) do
    if h ~= '' then
      local key, field = exactSlot(kind, h)
      redis.call('HSETNX', key, field, id)
    end
  end
  return ref
end

local function aliveTarget(kind, h)
  if h == '' then return nil end
  local key, field = exactSlot(kind, h)
  local target = redis.call('HGET', key, field)
  if target and redis.call('EXISTS', docKey(target)) == 1 then return target end
  if target then redis.call('HDEL', key, field) end
  return nil
end

-- Joins the matched clusters: the one whose oldest member came first survives.
local function merge(matchedClusters)
  local clusters, survivor, oldest = {}, nil, nil
  for c in pairs(matchedClusters) do
    clusters[#clusters + 1] = c
    local first = redis.call('ZRANGE', membersKey(c), 0, 0, 'WITHSCORES')
    local age = tonumber(first[2]) or math.huge
    if not oldest or age < oldest or (age == oldest and c < survivor) then survivor, oldest = c, age end
  end
  local relabel = {}
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
  local mergeSeq = #relabel > 0 and tostring(redis.call('INCR', KEYS[4])) or '0'
  return survivor, table.concat(relabel, ' '), mergeSeq
end

-- 1. A replayed job: report, change nothing.
local stored = redis.call('HMGET', KEYS[1], 'c', 'x', 'p', 'ms', 'r', 'rc')
if stored[1] then
  return { 'done', stored[1], stored[2], stored[3] or '', stored[4] or '0', stored[5] or '', stored[6] or '' }
end

-- 2. Exact duplicates (same canonical URL, else same normalised text) short-circuit.
local target = aliveTarget('u', urlKey) or aliveTarget('h', textHash)
if target then
  local cluster = redis.call('HGET', docKey(target), 'c')
  insert(cluster, '0', target, '0', '', '', '')
  return { 'done', cluster, '0', target, '0', '', '' }
end

-- 3. The check: refuse while the buckets hold candidates not verified yet.
local indexed = tonumber(count) > 0
local mySlots = indexed and slots(sig) or {}
local myPassages = indexed and passageSlots(passages) or {}
local seen, matchedClusters = {}, {}
for _, m in ipairs(words(seenText)) do seen[m] = true end
for _, m in ipairs(words(matched)) do
  local c = redis.call('HGET', docKey(m), 'c')
  if c then matchedClusters[c] = true end
end
local reply, lists, dead = lookup(mySlots, myPassages, seen, matchedClusters)
if #reply > 1 then return reply end

-- 4. Commit. Refs of documents whose keys expired while no prune reached them are dropped here.
for _, q in ipairs(dead) do
  local key, field = refSlot(q)
  redis.call('HDEL', key, field)
end
local survivor, relabel, mergeSeq = merge(matchedClusters)
local isNew = survivor == nil and '1' or '0'
local cluster = survivor or id
-- Related clusters as they are now, without the one joined.
local relatedList, relatedSeen = {}, { [cluster] = true }
for _, m in ipairs(words(relatedText or '')) do
  local c = redis.call('HGET', docKey(m), 'c')
  if c and not relatedSeen[c] then
    relatedSeen[c] = true
    relatedList[#relatedList + 1] = c
  end
end
local related = table.concat(relatedList, ' ')
local ref = insert(cluster, isNew, '', mergeSeq, relabel, indexed and sig or '', related)
for _, m in ipairs(words(markText or '')) do
  if redis.call('HGET', docKey(m), 'c') == cluster then redis.call('HSET', docKey(m), 'pt', '1') end
end
-- A full bucket already holds maxBucket documents with this exact band: near-identical copies
-- that represent it well, so a big story does not make every later copy scan hundreds of ids.
-- A full posting likewise (maxPostings documents already hold that passage).
local function append(slotList, refLists, storedLengths, cap)
  for i, slot in ipairs(slotList) do
    local refs, dropped = refLists[i], #refLists[i] < storedLengths[i]
    local added = #refs < cap
    if added then refs[#refs + 1] = ref end
    if added or dropped then redis.call('HSET', slot[1], slot[2], table.concat(refs, ' ')) end
  end
end
append(mySlots, lists.live, lists.stored, maxBucket)
append(myPassages, lists.plive, lists.pstored, maxPostings)
return { 'done', cluster, isNew, '', mergeSeq, relabel, related }
