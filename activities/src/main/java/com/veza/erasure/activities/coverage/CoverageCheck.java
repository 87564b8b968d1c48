package com.veza.erasure.activities.coverage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.search.SearchSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the erasure map covers the platform's data (docs/operations.md#coverage-check): every
 * foreign key to the account table and every column whose name matches the patterns, in PostgreSQL,
 * and every index with such a field in Elasticsearch, is covered by a rule or ignored with a
 * reason. Each run reads the catalogs afresh; it reads no row of user data.
 */
public final class CoverageCheck {
  private static final Logger log = LoggerFactory.getLogger(CoverageCheck.class);

  /** The schema the platform's tables live in unless configured otherwise. */
  public static final List<String> DEFAULT_SCHEMAS = List.of("public");

  /** Every open index. */
  public static final String DEFAULT_INDEX_PATTERN = "*";

  private final CoverageRules rules;
  private final PostgresCoverage postgres;
  private final SearchCoverage search;

  private CoverageCheck(CoverageRules rules, PostgresCoverage postgres, SearchCoverage search) {
    this.rules = rules;
    this.postgres = postgres;
    this.search = search;
  }

  /**
   * PostgreSQL only, in the default schema, against the reference erasure map's rules: what
   * activities built without a configured check use.
   */
  public static CoverageCheck reference(Jdbi jdbi) {
    return of(
        jdbi,
        DEFAULT_SCHEMAS,
        new MapCoverageRules(
            ErasureMaps.reference(),
            Set.of(
                SearchSettings.DEFAULT_USERS_INDEX,
                SearchSettings.DEFAULT_TRACKS_INDEX,
                SearchSettings.DEFAULT_PLAYLISTS_INDEX)));
  }

  /** PostgreSQL only: for a worker without Elasticsearch. */
  public static CoverageCheck of(Jdbi jdbi, List<String> schemas, CoverageRules rules) {
    return new CoverageCheck(rules, new PostgresCoverage(jdbi, schemas), null);
  }

  /**
   * PostgreSQL and the Elasticsearch indices matching {@code indexPattern}.
   *
   * @param search null: PostgreSQL only
   */
  public static CoverageCheck of(
      Jdbi jdbi,
      List<String> schemas,
      ElasticsearchClient search,
      String indexPattern,
      CoverageRules rules) {
    return new CoverageCheck(
        rules,
        new PostgresCoverage(jdbi, schemas),
        search == null ? null : new SearchCoverage(search, indexPattern));
  }

  /**
   * Checks now. An unreachable Elasticsearch is reported in {@link CoverageReport#unchecked()} (the
   * search steps fail on their own then); PostgreSQL failures are thrown, the check having no
   * answer without it.
   */
  public CoverageReport run() {
    List<CoverageGap> gaps = new ArrayList<>(postgres.gaps(rules));
    List<String> unchecked = new ArrayList<>();
    if (search != null) {
      try {
        gaps.addAll(search.gaps(rules));
      } catch (IOException | RuntimeException e) {
        log.warn("coverage check: Elasticsearch mappings not readable", e);
        unchecked.add("elasticsearch (" + e.getClass().getSimpleName() + ")");
      }
    }
    return new CoverageReport(gaps, unchecked);
  }
}
