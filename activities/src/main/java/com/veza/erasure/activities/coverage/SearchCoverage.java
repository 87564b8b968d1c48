package com.veza.erasure.activities.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.elasticsearch.indices.get.Feature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Elasticsearch half of the coverage check: open indices matching {@code indexPattern} whose
 * mappings have a field matching the patterns, and which no rule names (by index or alias). A rule
 * erases its index's documents whole, so a named index has no field-level gap.
 */
final class SearchCoverage {

  private final ElasticsearchClient client;
  private final String indexPattern;

  /**
   * @param indexPattern the indices to look at, e.g. {@code *} (hidden and system indices are never
   *     included)
   */
  SearchCoverage(ElasticsearchClient client, String indexPattern) {
    this.client = client;
    this.indexPattern = indexPattern;
  }

  List<CoverageGap> gaps(CoverageRules rules) throws IOException {
    NamePatterns patterns = new NamePatterns(rules.patterns());
    Set<String> named = rules.searchIndices();
    Map<String, IndexState> indices =
        client
            .indices()
            .get(
                g ->
                    g.index(indexPattern)
                        .expandWildcards(ExpandWildcard.Open)
                        .allowNoIndices(true)
                        .ignoreUnavailable(true)
                        .features(Feature.Mappings, Feature.Aliases))
            .result();
    List<CoverageGap> gaps = new ArrayList<>();
    indices.forEach(
        (index, state) -> {
          if (named.contains(index)
              || state.aliases().keySet().stream().anyMatch(named::contains)) {
            return;
          }
          TypeMapping mapping = state.mappings();
          if (mapping != null) {
            fields(index, "", mapping.properties(), patterns, gaps);
          }
        });
    return gaps;
  }

  private static void fields(
      String index,
      String prefix,
      Map<String, Property> properties,
      NamePatterns patterns,
      List<CoverageGap> gaps) {
    properties.forEach(
        (name, property) -> {
          String path = prefix + name;
          Optional<String> match = patterns.match(name);
          if (match.isPresent()) {
            gaps.add(
                new CoverageGap(
                    CoverageGap.Store.ELASTICSEARCH,
                    index,
                    path,
                    "index not in the map, field name matches " + match.get()));
          }
          if (property.isObject()) {
            fields(index, path + ".", property.object().properties(), patterns, gaps);
          } else if (property.isNested()) {
            fields(index, path + ".", property.nested().properties(), patterns, gaps);
          }
        });
  }
}
