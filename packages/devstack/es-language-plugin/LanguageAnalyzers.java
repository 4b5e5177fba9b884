// Lucene's language analyzers (the ones Elasticsearch's analysis-common module wraps as `german`,
// `english`, ...) registered through the stable plugin API, so the integration-test zip, which
// lacks analysis-common, can run the template's language analyzers in tests. Built by devstack
// with the distribution's own jars; see src/elasticsearch-language-plugin.ts.
package dev.newsflow.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

public final class LanguageAnalyzers {
    private LanguageAnalyzers() {}

    @NamedComponent("german")
    public static final class German implements AnalyzerFactory {
        public Analyzer create() { return new GermanAnalyzer(); }
    }

    @NamedComponent("english")
    public static final class English implements AnalyzerFactory {
        public Analyzer create() { return new EnglishAnalyzer(); }
    }

    @NamedComponent("french")
    public static final class French implements AnalyzerFactory {
        public Analyzer create() { return new FrenchAnalyzer(); }
    }

    @NamedComponent("spanish")
    public static final class Spanish implements AnalyzerFactory {
        public Analyzer create() { return new SpanishAnalyzer(); }
    }

    @NamedComponent("italian")
    public static final class Italian implements AnalyzerFactory {
        public Analyzer create() { return new ItalianAnalyzer(); }
    }

    @NamedComponent("dutch")
    public static final class Dutch implements AnalyzerFactory {
        public Analyzer create() { return new DutchAnalyzer(); }
    }

    @NamedComponent("portuguese")
    public static final class Portuguese implements AnalyzerFactory {
        public Analyzer create() { return new PortugueseAnalyzer(); }
    }
}
