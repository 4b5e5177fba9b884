// The language plugin's Java source is written from one table: each Elasticsearch analyzer name gets
// its own factory class, building the Lucene analyzer of that language. (Compiling and running it
// is what packages/search/test/language-stemming.test.ts does, on a real node.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginSource } from '../src/elasticsearch-language-plugin.ts';

test('the plugin source declares one named factory class per language, building its Lucene analyzer', () => {
  const source = pluginSource();
  const factories = [
    ...source.matchAll(/@NamedComponent\("(\w+)"\)\s+public static final class (\w+)[^}]+new ([\w.]+)\(\)/g),
  ];
  assert.deepEqual(
    factories.map(([, name, nested, lucene]) => `${name} ${nested} ${lucene}`),
    [
      'german German org.apache.lucene.analysis.de.GermanAnalyzer',
      'english English org.apache.lucene.analysis.en.EnglishAnalyzer',
      'french French org.apache.lucene.analysis.fr.FrenchAnalyzer',
      'spanish Spanish org.apache.lucene.analysis.es.SpanishAnalyzer',
      'italian Italian org.apache.lucene.analysis.it.ItalianAnalyzer',
      'dutch Dutch org.apache.lucene.analysis.nl.DutchAnalyzer',
      'portuguese Portuguese org.apache.lucene.analysis.pt.PortugueseAnalyzer',
    ],
  );
  assert.match(source, /^package dev\.newsflow\.analysis;$/m);
  assert.match(source, /^public final class LanguageAnalyzers \{$/m);
});
