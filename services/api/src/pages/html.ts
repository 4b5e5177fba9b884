import { escapeUTF8 } from 'entities';
import { decodeHighlightText } from '@newsflow/contracts';
/**
 * HTML built only through the `html` tag: every interpolated value is escaped unless it is already
 * SafeHtml (made by this tag or by renderHighlight), so article text can never become markup.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** `& < > " '` as entities (the entities library): safe in text and in quoted attribute values. */
export const escapeHtml = escapeUTF8;

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Elasticsearch highlight fragments wrap matches in <mark>…</mark>. The fragment is split on exactly
 * those markers; every other piece is decoded from ES's html encoder (if it was used) and escaped
 * again, so only our own <mark> elements survive as markup.
 */
export function renderHighlight(fragment: string): SafeHtml {
  let inside = false;
  let out = '';
  for (const piece of fragment.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>' || piece === '</mark>') {
      if ((piece === '<mark>') !== inside) out += piece;
      inside = piece === '<mark>';
      continue;
    }
    out += escapeHtml(decodeHighlightText(piece));
  }
  return new SafeHtml(inside ? `${out}</mark>` : out);
}

/** "2021-12-04 14:21 UTC" inside a <time> element, or nothing for a missing or bad date. */
export function timeOf(iso: string | undefined): SafeHtml {
  if (!iso || Number.isNaN(Date.parse(iso))) return new SafeHtml('');
  const text = new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
  return html`<time datetime="${iso}">${text} UTC</time>`;
}
