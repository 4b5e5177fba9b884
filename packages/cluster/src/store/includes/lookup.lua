-- The lookup: candidates in a document's LSH buckets that the caller has not verified yet (and not
-- in a cluster it already matched), at most perCluster per cluster: one verified copy is enough to
-- join. Reads only; it is the check of an optimistic commit, whose refusal returns what it found.
-- Returns the reply {'verify', id, signature, shingleCount, ...}, each bucket's live refs and its
-- stored length, and the refs whose document is gone (the commit drops those).
local function lookup(mySlots, seen, matchedClusters)
  local reply, asked, live, stored, dead, resolved = { 'verify' }, {}, {}, {}, {}, {}
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
    local f = redis.call('HMGET', docKey(m), 'c', 'n')
    if not f[1] or matchedClusters[f[1]] or (asked[f[1]] or 0) >= perCluster then return end
    local s = readSig(m)
    if not s then return end
    asked[f[1]] = (asked[f[1]] or 0) + 1
    reply[#reply + 1] = m; reply[#reply + 1] = s; reply[#reply + 1] = f[2]
  end
  for i, slot in ipairs(mySlots) do
    local refs = words(redis.call('HGET', slot[1], slot[2]) or '')
    live[i], stored[i] = {}, #refs
    for _, q in ipairs(refs) do
      local m = resolve(q)
      if m then live[i][#live[i] + 1] = q end
      if m and not seen[m] then consider(m) end
    end
  end
  return reply, live, stored, dead
end
