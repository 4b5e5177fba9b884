// Language from the text itself, for pages whose markup says nothing or the wrong thing. eld
// (n-gram detector, medium database) was the most accurate of eld, franc-min and tinyld on the
// short texts of the multilingual dev set, and the fastest; see docs/architecture.md.
import { eld } from 'eld/medium';

/** Enough characters to decide; more only costs time. */
const SAMPLE_CHARS = 1500;
const MIN_CHARS = 40;

/** ISO 639-1 code of the text's language, or undefined when the text is too short or unclear. */
export function detectLanguage(text: string): string | undefined {
  if (text.length < MIN_CHARS) return undefined;
  const result = eld.detect(text.slice(0, SAMPLE_CHARS));
  return result.language && result.isReliable() ? result.language : undefined;
}
