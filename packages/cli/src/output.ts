import { styleText } from 'node:util';
import { decodeHighlightText } from '@newsflow/contracts';
import { escapeForTerminal } from './terminal-safe.ts';

type Style = Parameters<typeof styleText>[0];

/** Colour only when the stream is a terminal (styleText checks isTTY, NO_COLOR and FORCE_COLOR). */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(style, text, { stream });
}

/** Columns padded to their widest cell (ignoring colour codes); the last column is not padded. */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all.reduce<number[]>(
    (max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, visible(cell).length)),
    [],
  );
  const line = (row: string[]) =>
    row
      .map((cell, index) =>
        index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - visible(cell).length),
      )
      .join('  ');
  const lines = all.map(line);
  if (header) lines[0] = paint('bold', lines[0] ?? '');
  return lines.join('\n');
}

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** "2021-12-04 14:21" in UTC, or "" for a missing date. */
export function shortTime(iso: string | undefined): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') : '';
}

/** An Elasticsearch highlight as terminal text: matches bold (on a TTY), entities decoded (and made safe). */
export function highlightText(fragment: string): string {
  const plain = (piece: string): string => escapeForTerminal(decodeHighlightText(piece));
  return fragment
    .split(/(<mark>.*?<\/mark>)/)
    .map((piece) => (piece.startsWith('<mark>') ? paint('bold', plain(piece.slice(6, -7))) : plain(piece)))
    .join('');
}

/** A one-line progress bar on stderr, redrawn in place; only on a terminal. */
export function progressBar(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): { update(done: number, note: string): void; finish(): void } {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const width = 30;
  return {
    update(done, note) {
      const filled = Math.round((done / Math.max(1, total)) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${note}\u001b[K`);
    },
    finish: () => void stream.write('\n'),
  };
}
