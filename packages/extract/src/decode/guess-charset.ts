// Last resort when nothing declares a charset: strict UTF-8 first (it almost never validates by
// accident on legacy text), then chardet's statistical detector, then windows-1252, the web default.
import chardet from 'chardet';
import iconv from 'iconv-lite';

const SAMPLE_BYTES = 64 * 1024;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  // A sample cut mid-character must not disqualify it: allow up to 3 trailing bytes to go.
  for (let cut = 0; cut <= Math.min(3, bytes.length); cut++) {
    try {
      utf8Strict.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // invalid with this tail: try one byte shorter
    }
  }
  return false;
}

export function guessCharset(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (isAscii(sample) || isValidUtf8(sample)) return 'utf-8';
  const guess = chardet.detect(sample);
  if (guess && iconv.encodingExists(guess) && !/^utf-?(16|32)/i.test(guess)) return guess.toLowerCase();
  return 'windows-1252';
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}
