-- The lookup: candidates in a document's LSH buckets, then documents holding at least minShared of
-- its passage fingerprints, that the caller has not verified yet (and not in a cluster it already
-- matched), at most perCluster per cluster: one verified copy is enough to join. Reads only; it is
-- the check of an optimistic commit, whose refusal returns what it found.
-- Returns the reply {'verify', id, signature, shingleCount, cluster, passageCount, partial,
-- clusterSize, hits, ...} (hits: indexes of the document's fingerprints the candidate holds), each
-- bucket's and posting's live refs and stored length, and the refs whose document is gone (the
-- commit drops those).
local function lookup(mySlots, myPassages, seen, matchedClusters)
  local reply, asked, dead, resolved = { 'verify' }, {}, {}, {}
  local live, stored, plive, pstored = {}, {}, {}, {}
  local hits, holders = {}, {}
  -- ref -> docId of a live document, or false; a copy shares many buckets with the same documents.
  local function resolve(q)
    if resolved[q] ~= nil then return resolved[q] end
    local key, field = refSlot(q)
    local m = redis.call('HGET', key, field)
    if m and redis.call('EXISTS', docKey(m)) == 0 then
      dead[#dead + 1] = q
      m = nil
    end
    resolved[q] = m or false
    return resolved[q]
  end
  local function consider(m)
    seen[m] = true
    local f = redis.call('HMGET', docKey(m), 'c', 'n', 'g', 'pt')
    if not f[1] or matchedClusters[f[1]] or (asked[f[1]] or 0) >= perCluster then return end
    local s = readSig(m)
    if not s then return end
    asked[f[1]] = (asked[f[1]] or 0) + 1
    local size = redis.call('ZCARD', membersKey(f[1]))
    for _, v in ipairs({ m, s, f[2], f[1], f[3] or '0', f[4] or '0', size, table.concat(hits[m] or {}, ' ') }) do
      reply[#reply + 1] = v
    end
  end
  local function liveRefs(key, field, onLive)
    local refs, kept = words(redis.call('HGET', key, field) or ''), {}
    for _, q in ipairs(refs) do
      local m = resolve(q)
      if m then
        kept[#kept + 1] = q
        onLive(m)
      end
    end
    return kept, #refs
  end
  for i, slot in ipairs(myPassages) do
    plive[i], pstored[i] = liveRefs(slot[1], slot[2], function(m)
      if not hits[m] then
        hits[m] = {}
        holders[#holders + 1] = m
      end
      local list = hits[m]
      list[#list + 1] = i - 1
    end)
  end
  for i, slot in ipairs(mySlots) do
    live[i], stored[i] = liveRefs(slot[1], slot[2], function(m)
      if not seen[m] then consider(m) end
    end)
  end
  for _, m in ipairs(holders) do
    if #hits[m] >= minShared and not seen[m] then consider(m) end
  end
  return reply, { live = live, stored = stored, plive = plive, pstored = pstored }, dead
end
