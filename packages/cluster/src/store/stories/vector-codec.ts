// The stored vector of an article as packed bytes (the Redis story store keeps one per article of
// the window, and as JSON it was ~10.7 KB: weights printed as 17-digit decimals, every term
// quoted, the lead's terms and the names repeated from the other fields). Weights stay exact
// float64 and every Map keeps its order (dot products sum in it), so a decoded vector compares
// exactly as the one encoded: no decision can change.
//
// Layout: version byte; docId; time (flag byte, then float64 if present); then per field of
// VECTOR_FIELDS its entry count and entries. An entry is a reference to a string seen earlier in
// this vector (n > 0: the n-th distinct one) or 0 and the string as UTF-8, then its weight.
// Counts and lengths are unsigned LEB128 varints. A vector holding a string that UTF-8 cannot carry
// (a lone surrogate) is stored as JSON under its own version byte instead.
import type { WeightedProfile } from '../../core/stories/similarity.ts';

export const VECTOR_FIELDS = ['terms', 'lead', 'names', 'leadNames', 'places', 'numbers', 'dates'] as const;

const PACKED = 1;
const JSON_FALLBACK = 2;

class Writer {
  offset = 0;
  readonly buffer: Buffer;
  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }

  varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.offset++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.offset++] = v;
  }

  text(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.varint(length);
    this.offset += this.buffer.write(value, this.offset, length, 'utf8');
  }

  float(value: number): void {
    this.offset = this.buffer.writeDoubleLE(value, this.offset);
  }
}

class Reader {
  offset = 1;
  readonly buffer: Buffer;
  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }

  varint(): number {
    let [value, shift] = [0, 0];
    for (;;) {
      const byte = this.buffer[this.offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }

  text(): string {
    const length = this.varint();
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  float(): number {
    const value = this.buffer.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }
}

const wellFormed = (vector: WeightedProfile) =>
  vector.docId.isWellFormed() && VECTOR_FIELDS.every((f) => [...vector[f].keys()].every((k) => k.isWellFormed()));

/** A bound on the packed size: 3 UTF-8 bytes per UTF-16 unit, 5 per varint, 8 per weight. */
function maxBytes(vector: WeightedProfile): number {
  let bytes = 1 + 5 + vector.docId.length * 3 + 9;
  for (const field of VECTOR_FIELDS) {
    bytes += 5;
    for (const key of vector[field].keys()) bytes += 10 + key.length * 3 + 8;
  }
  return bytes;
}

export function encodeVector(vector: WeightedProfile): Buffer {
  if (!wellFormed(vector)) {
    const json = { ...vector, ...Object.fromEntries(VECTOR_FIELDS.map((f) => [f, [...vector[f]]])) };
    return Buffer.concat([Buffer.from([JSON_FALLBACK]), Buffer.from(JSON.stringify(json), 'utf8')]);
  }
  const out = new Writer(Buffer.allocUnsafe(maxBytes(vector)));
  out.buffer[out.offset++] = PACKED;
  out.text(vector.docId);
  out.buffer[out.offset++] = vector.time === null ? 0 : 1;
  if (vector.time !== null) out.float(vector.time);
  const seen = new Map<string, number>();
  for (const field of VECTOR_FIELDS) {
    out.varint(vector[field].size);
    for (const [key, weight] of vector[field]) {
      const ref = seen.get(key);
      if (ref !== undefined) out.varint(ref);
      else {
        seen.set(key, seen.size + 1);
        out.varint(0);
        out.text(key);
      }
      out.float(weight);
    }
  }
  return Buffer.from(out.buffer.subarray(0, out.offset));
}

function decodeJson(bytes: Buffer): WeightedProfile {
  const json = JSON.parse(bytes.toString('utf8', 1)) as Record<string, unknown>;
  const fields = Object.fromEntries(VECTOR_FIELDS.map((f) => [f, new Map(json[f] as [string, number][])]));
  return { ...(json as unknown as WeightedProfile), ...fields };
}

export function decodeVector(bytes: Buffer): WeightedProfile {
  if (bytes[0] === JSON_FALLBACK) return decodeJson(bytes);
  if (bytes[0] !== PACKED) throw new Error(`unknown stored vector version ${bytes[0]}`);
  const input = new Reader(bytes);
  const docId = input.text();
  const time = bytes[input.offset++] === 0 ? null : input.float();
  const strings: string[] = [];
  const fields = {} as Record<(typeof VECTOR_FIELDS)[number], Map<string, number>>;
  for (const field of VECTOR_FIELDS) {
    const map = new Map<string, number>();
    for (let n = input.varint(); n > 0; n--) {
      const ref = input.varint();
      const key = ref > 0 ? strings[ref - 1]! : input.text();
      if (ref === 0) strings.push(key);
      map.set(key, input.float());
    }
    fields[field] = map;
  }
  return { docId, time, ...fields };
}
