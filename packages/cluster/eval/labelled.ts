import { readFileSync } from 'node:fs';

/** One labelled article: `cluster` groups copies of one text, `story` groups write-ups of one event. */
export interface LabelledDoc {
  id: string;
  title: string;
  body: string;
  publishedAt?: string;
  cluster?: string;
  story?: string;
}

export function readJsonl(file: string): LabelledDoc[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const doc = JSON.parse(line) as Partial<LabelledDoc>;
      if (typeof doc.id !== 'string' || typeof doc.body !== 'string')
        throw new Error(`${file}:${i + 1}: id and body are required`);
      return { ...doc, id: doc.id, body: doc.body, title: doc.title ?? '' };
    });
}
