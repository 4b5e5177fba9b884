/**
 * LSH band keys of a signature: band b is the bytes of hashes [b*rows, (b+1)*rows), prefixed with
 * the band number. The Redis store derives the same slices inside Lua from the stored signature
 * bytes, which is what lets retention pruning find a document's buckets without extra state.
 */
export function bandKeys(signatureBytes: Uint8Array, bands: number, rows: number): string[] {
  const width = rows * 2;
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    keys.push(`${b}:${Buffer.from(signatureBytes.subarray(b * width, (b + 1) * width)).toString('hex')}`);
  }
  return keys;
}
