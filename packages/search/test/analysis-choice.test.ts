// The analyzer decision as a pure function of the cluster's answer. The live integration-test zip's
// answer is checked in language-search.test.ts; here the decision runs on recorded answers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseAnalysis, componentsToProbe, indexNames, loadTemplate, withClusterAnalysis } from '../src/index.ts';
import { INTEG_TEST_ZIP_ANSWER, LANGUAGE_TYPES, OFFICIAL_IMAGE_ANSWER } from './support/recorded-answers.ts';

const template = loadTemplate(indexNames('t-choice'));
const analysis = template.template.settings.analysis;

void describe('analyzer choice', () => {
  void it('asks the cluster about exactly the components the shipped analysis uses', () => {
    const wanted = componentsToProbe(analysis);
    assert.deepEqual(wanted.analyzers.sort(), [...LANGUAGE_TYPES, 'polish'].sort());
    assert.deepEqual(wanted.tokenizers, ['standard']);
    assert.deepEqual(wanted.filters.sort(), ['lowercase', 'newsflow_folding']);
  });

  void it('keeps the language analyzers where the cluster has them (official image answer)', () => {
    const { analysis: chosen, fellBack } = chooseAnalysis(
      analysis,
      template._meta?.fallbackAnalyzers ?? {},
      OFFICIAL_IMAGE_ANSWER,
    );
    assert.equal(chosen.analyzer.newsflow_de?.type, 'german');
    assert.equal(chosen.analyzer.newsflow_fr?.type, 'french');
    assert.equal(chosen.analyzer.newsflow_en?.type, 'english');
    assert.deepEqual(chosen.analyzer.newsflow_text, analysis.analyzer.newsflow_text, 'folding fallback field kept');
    assert.deepEqual(chosen.filter, analysis.filter);
    assert.deepEqual(fellBack, ['newsflow_pl'], 'only Polish, whose analyzer is a plugin, falls back');
  });

  void it('falls back to core components everywhere on the integration-test zip answer', () => {
    const chosen = withClusterAnalysis(template, INTEG_TEST_ZIP_ANSWER);
    const analyzers = chosen.template.settings.analysis.analyzer;
    assert.deepEqual(analyzers.newsflow_de, { type: 'standard', stopwords: '_german_' });
    assert.deepEqual(analyzers.newsflow_text, { type: 'standard' });
    assert.deepEqual(chosen.template.settings.analysis.filter, {}, 'asciifolding is not defined where missing');
    assert.equal(chosen._meta?.analyzersFellBack?.length, Object.keys(analysis.analyzer).length);
    assert.deepEqual(chosen.template.mappings, template.template.mappings, 'the mapping is the same everywhere');
  });

  void it('takes each analyzer on its own: a cluster with only German keeps German', () => {
    const onlyGerman = { ...INTEG_TEST_ZIP_ANSWER, analyzers: { ...INTEG_TEST_ZIP_ANSWER.analyzers, german: true } };
    const { analysis: chosen, fellBack } = chooseAnalysis(
      analysis,
      template._meta?.fallbackAnalyzers ?? {},
      onlyGerman,
    );
    assert.equal(chosen.analyzer.newsflow_de?.type, 'german');
    assert.ok(!fellBack.includes('newsflow_de'));
    assert.ok(fellBack.includes('newsflow_fr'));
  });

  void it('uses only core components in fallbacks, and refuses an analyzer with none', () => {
    for (const fallback of Object.values(template._meta?.fallbackAnalyzers ?? {}))
      assert.equal(fallback.type, 'standard');
    assert.deepEqual(
      Object.keys(template._meta?.fallbackAnalyzers ?? {}).sort(),
      Object.keys(analysis.analyzer).sort(),
    );
    assert.throws(() => chooseAnalysis(analysis, {}, INTEG_TEST_ZIP_ANSWER), /cannot build analyzer newsflow_text/);
  });
});
