// Small builders for test pages.
export function newsPage(opts: { head?: string; body: string; lang?: string }): string {
  return `<!DOCTYPE html><html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8">${opts.head ?? ''}</head><body>${opts.body}</body></html>`;
}

export function paragraphs(n: number, seed = 'The council met on Tuesday to discuss the budget'): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `${seed}, and speaker number ${i + 1} argued that the plan would need more time, more money and wider public support before it could pass.`,
  );
}

export function jsonLd(obj: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;
}
