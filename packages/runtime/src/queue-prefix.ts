// The BullMQ key prefix of one queue, with a Redis Cluster hash tag of its own.
//
// BullMQ's Lua scripts touch many keys of a queue at once (wait, active, events, the job hashes),
// so on a cluster they must share one slot: a hash tag, `{...}`, in the prefix or the queue name.
// One tag for everything (`{newsflow}`) would work too, but would put every queue on a single
// master, and that master would carry the whole pipeline. A tag per queue keeps each queue whole
// in its slot while fetch, clean, dedupe and index land on different slots (so different masters,
// whenever the cluster has several). The tag goes in the prefix rather than the queue name, so
// job ids, bull-board, metrics and logs keep the plain names, and every key still starts with
// `<NEWSFLOW_QUEUE_PREFIX>:` (a SCAN for `<prefix>:*` finds them).
//
// BullMQ keys are `<prefix>:<queue>:<suffix>`: for prefix newsflow and queue fetch that is
// `newsflow:{fetch}:fetch:wait`, slot of "fetch". The base prefix must hold no braces itself (the
// config refuses them): Redis hashes the first `{...}` only.

export function queuePrefix(prefix: string, queue: string): string {
  if (/[{}]/.test(prefix))
    throw new Error(`queue prefix "${prefix}" must not contain braces: each queue adds its own tag`);
  return `${prefix}:{${queue}}`;
}

/** One of BullMQ's own keys of a queue (`wait`, `failed`, a job id…), for tests and tools that read them. */
export function queueKey(prefix: string, queue: string, suffix: string): string {
  return `${queuePrefix(prefix, queue)}:${queue}:${suffix}`;
}

/** NEWSFLOW_QUEUE_PREFIX back from a queue's tagged prefix (`<prefix>:{<queue>}`), for keys beside the queue's. */
export function basePrefixOf(taggedPrefix: string, queue: string): string {
  const tag = `:{${queue}}`;
  return taggedPrefix.endsWith(tag) ? taggedPrefix.slice(0, -tag.length) : taggedPrefix;
}
