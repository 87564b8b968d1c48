package com.veza.erasure.worker.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageRules;
import com.veza.erasure.activities.coverage.MapCoverageRules;
import com.veza.erasure.activities.deletion.SearchTarget;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.search.SearchSettings;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The {@code deletion.coverage} block: where the coverage check looks, and how often. */
public class CoverageFactory {

  /**
   * Often enough that a table created while the worker runs turns the check red within a minute.
   */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);

  /**
   * Schemas whose columns are matched against the name patterns; the first is where the map's
   * unqualified table names live. Foreign keys to the account table are found in every schema.
   */
  @NotEmpty private List<@NotEmpty String> schemas = CoverageCheck.DEFAULT_SCHEMAS;

  /** How often the {@code erasure-coverage} health check reads the catalogs again. */
  @NotNull private Duration checkInterval = DEFAULT_CHECK_INTERVAL;

  /** The Elasticsearch indices looked at (hidden and system indices never are). */
  @NotEmpty private String searchIndices = CoverageCheck.DEFAULT_INDEX_PATTERN;

  /**
   * The rules checked against: what the worker's erasure map reaches.
   *
   * @param search null when Elasticsearch is disabled
   */
  public static CoverageRules rules(ValidatedErasureMap map, SearchSettings search) {
    SearchSettings settings = search == null ? SearchSettings.of("http://127.0.0.1:9200") : search;
    return new MapCoverageRules(
        map,
        SearchTarget.of(map, settings).stream()
            .map(SearchTarget::index)
            .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * The check of this configuration.
   *
   * @param search null: PostgreSQL only
   */
  public CoverageCheck build(Jdbi jdbi, ElasticsearchClient search, CoverageRules rules) {
    return CoverageCheck.of(jdbi, schemas, search, searchIndices, rules);
  }

  @ValidationMethod(message = "deletion.coverage.checkInterval must be positive")
  @JsonIgnore
  public boolean isCheckIntervalValid() {
    return checkInterval != null && !checkInterval.isZero() && !checkInterval.isNegative();
  }

  @JsonProperty
  public List<String> getSchemas() {
    return schemas;
  }

  @JsonProperty
  public void setSchemas(List<String> schemas) {
    this.schemas = schemas;
  }

  @JsonProperty
  public Duration getCheckInterval() {
    return checkInterval;
  }

  @JsonProperty
  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }

  @JsonProperty
  public String getSearchIndices() {
    return searchIndices;
  }

  @JsonProperty
  public void setSearchIndices(String searchIndices) {
    this.searchIndices = searchIndices;
  }
}
