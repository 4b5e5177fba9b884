// Lua for the Redis story store. Every key a script touches is passed in KEYS and carries the
// store's hash tag, so all of them live in one slot (Redis Cluster runs the scripts unchanged).
// Members of a story are kept as one JSON array per story in a hash, so no script ever needs a
// key whose name it computes.
// KEYS: 1 story (doc -> story), 2 members (story -> JSON [docId]), 3 arrival (doc -> seq),
//       4 grew (zset story by last growth), 5 forwards (emptied story -> taker), 6 meta, 7 stored
//       vectors of the article's epoch (doc -> packed bytes, vector-codec.ts), 8 candidate index of
//       that epoch (index key -> arrival numbers as little-endian uint32, oldest first), 9 replays
//       (doc -> JSON [relabel] it caused),
//       10 unitOf (doc -> its copy cluster), 11 units (copy cluster -> JSON [docId]), 12 ids of the
//       epoch (arrival number as in the index -> docId)
const PRELUDE = `
local function members(id) return cjson.decode(redis.call('HGET', KEYS[2], id) or '[]') end
local function save(id, list)
  if #list == 0 then redis.call('HDEL', KEYS[2], id); redis.call('ZREM', KEYS[4], id)
  else redis.call('HSET', KEYS[2], id, cjson.encode(list)) end
end
-- Arrival numbers by HMGET in chunks (one call per 1,000 members, not one HGET each).
local function byArrival(list)
  local seqs = {}
  for from = 1, #list, 1000 do
    local chunk = {unpack(list, from, math.min(from + 999, #list))}
    local got = redis.call('HMGET', KEYS[3], unpack(chunk))
    for i, d in ipairs(chunk) do seqs[d] = tonumber(got[i]) end
  end
  table.sort(list, function(a, b) return seqs[a] < seqs[b] end)
  return list
end
-- Takes docs out of their stories; the rest keep their order, so nothing is re-sorted.
local function takeOut(docs, target)
  local leaving = {}
  for _, d in ipairs(docs) do
    local before = redis.call('HGET', KEYS[1], d)
    if before and before ~= target then leaving[before] = leaving[before] or {}; leaving[before][d] = true end
  end
  for id, gone in pairs(leaving) do
    local rest = {}
    for _, d in ipairs(members(id)) do if not gone[d] then rest[#rest + 1] = d end end
    save(id, rest)
    if #rest == 0 then redis.call('HSET', KEYS[5], id, target) end
  end
end
local function moveAll(target, docs, seq)
  takeOut(docs, target)
  local list, present = members(target), {}
  for _, d in ipairs(list) do present[d] = true end
  for _, d in ipairs(docs) do
    if not present[d] then list[#list + 1] = d; present[d] = true end
    redis.call('HSET', KEYS[1], d, target)
  end
  redis.call('HDEL', KEYS[5], target)
  save(target, byArrival(list))
  redis.call('ZADD', KEYS[4], seq, target)
  return redis.call('HINCRBY', KEYS[6], 'mergeSeq', 1)
end
local function unitMembers(u) return cjson.decode(redis.call('HGET', KEYS[11], u) or '[]') end
-- A copy cluster moves as a whole: every article of a moved article's cluster goes along.
local function withUnits(docs)
  local out, seen = {}, {}
  local function add(m) if not seen[m] then seen[m] = true; out[#out + 1] = m end end
  for _, d in ipairs(docs) do
    local u = redis.call('HGET', KEYS[10], d)
    if u then for _, m in ipairs(unitMembers(u)) do add(m) end end
    add(d)
  end
  return out
end
-- The stories the article's copy cluster already has: its members', and those of the articles
-- (and their clusters) its arrival merged in. Read in the commit, so whoever commits a cluster's
-- second article joins the first one's story, however the two workers' story steps interleaved.
local function unitStories(unit, joinDocs)
  local out, seen = {}, {}
  local function take(d)
    local s = redis.call('HGET', KEYS[1], d)
    if s and not seen[s] then seen[s] = true; out[#out + 1] = s end
  end
  if unit ~= '' then for _, m in ipairs(unitMembers(unit)) do take(m) end end
  for _, d in ipairs(joinDocs) do
    take(d)
    local u = redis.call('HGET', KEYS[10], d)
    if u then for _, m in ipairs(unitMembers(u)) do take(m) end end
  end
  return out
end
-- Files doc in its copy cluster, folding in the clusters of joinDocs (a copy merge).
local function fileUnit(doc, unit, joinDocs)
  if unit == '' then return end
  local list, present = unitMembers(unit), {}
  for _, m in ipairs(list) do present[m] = true end
  local function add(m)
    if not present[m] then present[m] = true; list[#list + 1] = m end
    redis.call('HSET', KEYS[10], m, unit)
  end
  for _, d in ipairs(joinDocs) do
    local old = redis.call('HGET', KEYS[10], d)
    if old and old ~= unit then
      for _, m in ipairs(unitMembers(old)) do add(m) end
      redis.call('HDEL', KEYS[11], old)
    elseif not old then add(d) end
  end
  add(doc)
  redis.call('HSET', KEYS[11], unit, cjson.encode(list))
end
-- A new article arrived last, so it goes at the end of its story's list.
local function addNew(doc, target, seq)
  redis.call('HDEL', KEYS[5], target)
  redis.call('HSET', KEYS[1], doc, target)
  local list = members(target)
  list[#list + 1] = doc
  save(target, list)
  redis.call('ZADD', KEYS[4], seq, target)
end
`;

/**
 * ARGV: docId, its stored vector (vector-codec.ts), storyId ('' for none), JSON [absorb], JSON [indexKeys], postings cap,
 * copy cluster ('' for none), JSON [docIds whose copy clusters merged into it], epoch. The vector
 * and postings go to the epoch's keys unless that epoch was dropped since the article was counted
 * (they would outlive the unlink that dropped it).
 * Returns {storyId, isNew, JSON relabels, arrival seq (0 for a replay)}.
 */
export const COMMIT_STORY_LUA = `${PRELUDE}
local doc = ARGV[1]
local known = redis.call('HGET', KEYS[1], doc)
if known then return {known, 0, redis.call('HGET', KEYS[9], doc) or '[]', 0} end
-- A copy cluster that has a story keeps it: the article joins it whatever the caller chose.
local named = unitStories(ARGV[7], cjson.decode(ARGV[8]))
if #named == 0 then
  named = cjson.decode(ARGV[4])
  if ARGV[3] ~= '' then table.insert(named, 1, ARGV[3]) end
end
local live, seen = {}, {}
for _, id in ipairs(named) do
  for _ = 1, 100 do local nxt = redis.call('HGET', KEYS[5], id); if not nxt then break end; id = nxt end
  local size = #members(id)
  if size > 0 and not seen[id] then seen[id] = true; live[#live + 1] = {id = id, size = size} end
end
table.sort(live, function(a, b) if a.size ~= b.size then return a.size > b.size end return a.id < b.id end)
local target = live[1] and live[1].id or doc
local seq = redis.call('HINCRBY', KEYS[6], 'seq', 1)
redis.call('HSET', KEYS[3], doc, seq)
local epoch = tonumber(ARGV[9])
local kept = epoch >= tonumber(redis.call('HGET', KEYS[6], 'epoch') or epoch) - 1
if kept then redis.call('HSET', KEYS[7], doc, ARGV[2]) end
local relabels = {}
if #live > 1 then
  local moved = {}
  for i = 2, #live do for _, d in ipairs(members(live[i].id)) do moved[#moved + 1] = d end end
  relabels[1] = {docIds = moved, storyId = target, mergeSeq = moveAll(target, moved, seq)}
  redis.call('HSET', KEYS[9], doc, cjson.encode(relabels))
end
addNew(doc, target, seq)
fileUnit(doc, ARGV[7], cjson.decode(ARGV[8]))
local cap = 4 * tonumber(ARGV[6])
-- The index names the article by its arrival number, 4 bytes (a docId is 32 or more): a list's
-- length is its byte length / 4, and the cap drops the oldest from the front.
local token = struct.pack('<I4', seq)
if kept then redis.call('HSET', KEYS[12], token, doc) end
for _, key in ipairs(kept and cjson.decode(ARGV[5]) or {}) do
  local list = redis.call('HGET', KEYS[8], key)
  list = list and list .. token or token
  if #list > cap then list = string.sub(list, 5) end
  redis.call('HSET', KEYS[8], key, list)
end
return {target, live[1] and 0 or 1, #relabels > 0 and cjson.encode(relabels) or '[]', seq}
`;

/**
 * ARGV: JSON [{storyId, docIds}], the docId whose commit triggered the repair ('' for none: its
 * replay returns these relabels too). Returns JSON [{storyId, docIds, mergeSeq}].
 */
export const MOVE_STORIES_LUA = `${PRELUDE}
local seq = tonumber(redis.call('HGET', KEYS[6], 'seq') or '0')
local out = {}
for _, m in ipairs(cjson.decode(ARGV[1])) do
  local docs = withUnits(m.docIds)
  out[#out + 1] = {storyId = m.storyId, docIds = docs, mergeSeq = moveAll(m.storyId, docs, seq)}
end
if ARGV[2] ~= '' and #out > 0 then
  local caused = cjson.decode(redis.call('HGET', KEYS[9], ARGV[2]) or '[]')
  for _, r in ipairs(out) do caused[#caused + 1] = r end
  redis.call('HSET', KEYS[9], ARGV[2], cjson.encode(caused))
end
return cjson.encode(out)
`;

/**
 * The sketch's BITFIELD passes, shared by the count and read scripts. Lua's own work dominated
 * them (concatenating and converting per cell, per pass): each offset is made a string once, the
 * argument table is reused and indexed by a counter. BITFIELD calls of 1,000 cells each (Lua's
 * unpack takes ~8,000 values); a missing key reads as zeros.
 */
const SKETCH_PRELUDE = `
local function sketchOffsets(packed)
  local offsets = {}
  for i = 1, #packed / 4 do offsets[i] = '#' .. struct.unpack('<I4', packed, 4 * i - 3) end
  return offsets
end
local function bitfield(key, op, offsets)
  local out, args, got, n, m, cells = {}, {}, nil, 0, 0, #offsets
  for i = 1, cells do
    args[n + 1] = op; args[n + 2] = 'u16'; args[n + 3] = offsets[i]; n = n + 3
    if op == 'INCRBY' then n = n + 1; args[n] = '1' end
    if i % 1000 == 0 or i == cells then
      if op == 'INCRBY' then got = redis.call('BITFIELD', key, 'OVERFLOW', 'SAT', unpack(args, 1, n))
      else got = redis.call('BITFIELD_RO', key, unpack(args, 1, n)) end
      for j = 1, #got do m = m + 1; out[m] = got[j] end
      n = 0
    end
  end
  return out
end
`;

/**
 * KEYS: 1 counted (set) of the epoch, 2 frequency sketch (string, frequency-sketch.ts) of the
 * epoch, 3 meta, 4 counted and 5 frequency sketch of the epoch before. ARGV: epoch, docId, then
 * the sketch cells of the article's keys. Counts the article once, then returns what the weighing
 * reads next, so it costs no second script and no second pass over the epoch: {epoch, epochs to
 * drop, articles and counters of the epoch before, articles and counters of the epoch}, counters
 * in cell order (the increments return them; a replay reads them). When the epoch is older than
 * the oldest one kept, nothing is counted and {oldest kept epoch, {}} comes back (the caller counts
 * there); when it is newer than the newest, it becomes the newest and the epochs now out of the
 * window come back for the caller to unlink (their key names are the caller's, so this script
 * touches only the keys it is given).
 */
export const COUNT_STORY_LUA = `${SKETCH_PRELUDE}
local epoch = tonumber(ARGV[1])
local newest = tonumber(redis.call('HGET', KEYS[3], 'epoch') or ARGV[1])
if epoch < newest - 1 then return {newest - 1, {}} end
local drop = {}
if epoch > newest then
  redis.call('HSET', KEYS[3], 'epoch', epoch)
  for e = newest - 1, newest do if e < epoch - 1 then drop[#drop + 1] = e end end
elseif not redis.call('HGET', KEYS[3], 'epoch') then redis.call('HSET', KEYS[3], 'epoch', epoch) end
local offsets = sketchOffsets(ARGV[3])
local counters
if redis.call('SADD', KEYS[1], ARGV[2]) == 1 then
  local raised, final = bitfield(KEYS[2], 'INCRBY', offsets), {}
  -- A cell two of the article's keys share is raised twice: both read its final count.
  for i = 1, #offsets do final[offsets[i]] = raised[i] end
  counters = {}
  for i = 1, #offsets do counters[i] = final[offsets[i]] end
else counters = bitfield(KEYS[2], 'GET', offsets) end
return {epoch, drop, redis.call('SCARD', KEYS[4]), bitfield(KEYS[5], 'GET', offsets), redis.call('SCARD', KEYS[1]), counters}
`;

/**
 * Reads the sketch counters of several epochs in one round trip. KEYS: per epoch, its counted set
 * and its frequencies string. ARGV[1]: the cells, packed as little-endian uint32 (4 bytes each,
 * packedSketchCells). Returns, per epoch, its article count and the counters in cell order.
 */
export const READ_COUNTERS_LUA = `${SKETCH_PRELUDE}
local offsets, out = sketchOffsets(ARGV[1]), {}
for k = 1, #KEYS, 2 do
  out[#out + 1] = redis.call('SCARD', KEYS[k]); out[#out + 1] = bitfield(KEYS[k + 1], 'GET', offsets)
end
return out
`;
