/** Versioned indices `<prefix>-vN` behind a read alias `<prefix>` and a write alias `<prefix>-write`. */
export interface IndexNames {
  readAlias: string;
  writeAlias: string;
  templateName: string;
  versioned(version: number): string;
  pattern: string;
  /** Earlier versions of re-crawled articles (see history-index.ts); outside `pattern`. */
  history: string;
}

export function indexNames(prefix = 'articles'): IndexNames {
  return {
    readAlias: prefix,
    writeAlias: `${prefix}-write`,
    templateName: `${prefix}-template`,
    versioned: (version) => `${prefix}-v${version}`,
    pattern: `${prefix}-v*`,
    history: `${prefix}-history`,
  };
}
