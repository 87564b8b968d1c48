package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.erasuremap.ErasureMapLoader;
import com.veza.erasure.activities.erasuremap.ErasureMapValidator;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.mapsql.CommentsSchema;
import com.veza.erasure.activities.mapsql.MapErasure;
import com.veza.erasure.activities.mapsql.MapSnapshot;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.SearchIndexLeft;
import com.veza.erasure.deletion.SearchIndexPurged;
import com.veza.erasure.deletion.SearchPurgeResult;
import com.veza.erasure.testing.TestElasticsearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Indices the reference schema does not have, described in a map of their own: the search purge and
 * its verification apply the map's {@code elasticsearch} rules (subject doc, snapshot ids, owner
 * field, keep update) as written, on real PostgreSQL and Elasticsearch.
 */
class CustomMapSearchPurgeTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final UUID JANE = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");
  private static final UUID JOHN = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0d");

  /** Jane's, written by an indexer after her row was gone: no snapshot names it. */
  private static final String ORPHAN = "cccccccc-0000-4000-8000-000000000001";

  private static final String MAP =
      """
      version: 1
      subject: {table: users, id: id}
      postgres:
        tables:
          - table: users
            userColumn: id
            action: anonymize
            anonymize:
              email: {template: "deleted-{id}@erased.invalid"}
              username: {template: "deleted_{id_hex}"}
              display_name: {constant: "Deleted user"}
          - table: comments
            userColumn: user_id
            action: delete
            snapshot: true
            snapshotKind: comment
            keep:
              column: pinned
              equals: true
              anonymize: {body: {constant: "[removed]"}}
      elasticsearch:
        indices:
          - index: %1$sprofiles
            ids: {subject: true}
            action: delete
          - index: %1$scomments
            ids: {fromTable: comments}
            ownerField: author_id
            action: delete
            keep: {update: {body: "[removed]", author_name: null, score: 0}}
      """;

  private static final String COMMENTS_MAPPING =
      """
      {"mappings": {"properties": {
        "body": {"type": "text"},
        "author_id": {"type": "keyword"},
        "author_name": {"type": "text"},
        "score": {"type": "integer"}}}}
      """;

  private SearchTestIndices es;
  private Jdbi jdbi;
  private ValidatedErasureMap map;
  private String comments;
  private String profiles;

  @BeforeEach
  void setUp() {
    es = new SearchTestIndices(TestElasticsearch.shared().httpUrl());
    comments = es.prefix + "comments";
    profiles = es.prefix + "profiles";
    jdbi = CommentsSchema.create(JANE, JOHN);
    map =
        ErasureMapValidator.validate(
            ErasureMapLoader.parse(
                MAP.formatted(es.prefix).getBytes(StandardCharsets.UTF_8), "custom.yml"),
            jdbi);
  }

  @AfterEach
  void tearDown() throws IOException {
    es.admin.indices().delete(d -> d.index(comments, profiles).ignoreUnavailable(true));
    es.close();
  }

  @Test
  void givenACustomMap_whenPurgingKeepingPublicContent_itAppliesEachIndexRuleAndVerifiesClean()
      throws IOException {
    String removed = comment(JANE, false).toString();
    String pinned = comment(JANE, true).toString();
    String johns = comment(JOHN, false).toString();
    es.createIndex(comments, COMMENTS_MAPPING);
    Map<String, Map<String, Object>> docs = new HashMap<>();
    docs.put(removed, commentDoc(JANE, "Jane Doe"));
    docs.put(pinned, commentDoc(JANE, "Jane Doe"));
    docs.put(ORPHAN, commentDoc(JANE, "Jane Doe"));
    docs.put(johns, commentDoc(JOHN, "John Roe"));
    es.index(comments, docs);
    es.index(profiles, Map.of(JANE.toString(), Map.of("name", "Jane"), JOHN.toString(), Map.of()));
    LedgerRef ref = snapshotAndErase(true);
    ContentIds content = new ContentSnapshots(jdbi).read(ref, true);
    SearchIndexPurger purger = es.purger(es.settings, SearchTarget.of(map, es.settings));
    assertThat(purger.countLeft(JANE, content, () -> {}).perIndex())
        .containsExactly(
            Map.entry(profiles, new SearchIndexLeft(1, null)),
            // By id: the removed comment, and the pinned one still named. By field: all three
            // but the pinned one, which its update keeps.
            Map.entry(comments, new SearchIndexLeft(2, 2L)));

    SearchPurgeResult result = purger.purge(JANE, content, () -> {});

    assertThat(result)
        .isEqualTo(
            SearchPurgeResult.ofIndices(
                List.of(
                    new SearchIndexPurged(profiles, 1, null, null),
                    new SearchIndexPurged(comments, 1, 1L, 1L))));
    assertThat(es.exists(profiles, JANE.toString())).isFalse();
    assertThat(es.exists(comments, removed)).isFalse();
    assertThat(es.exists(comments, ORPHAN)).isFalse();
    Map<String, Object> kept = new LinkedHashMap<>(commentDoc(JANE, null));
    kept.put("body", "[removed]");
    kept.put("score", 0);
    assertThat(es.source(comments, pinned)).isEqualTo(kept);
    assertThat(es.source(comments, johns)).isEqualTo(commentDoc(JOHN, "John Roe"));
    assertThat(es.exists(profiles, JOHN.toString())).isTrue();
    assertThat(purger.countLeft(JANE, content, () -> {}).perIndex())
        .containsExactly(
            Map.entry(profiles, new SearchIndexLeft(0, null)),
            Map.entry(comments, new SearchIndexLeft(0, 0L)));
  }

  @Test
  void givenACustomMap_whenPurgingWithoutKeeping_itDeletesTheKeptRowsDocsToo() throws IOException {
    String pinned = comment(JANE, true).toString();
    es.createIndex(comments, COMMENTS_MAPPING);
    es.index(comments, pinned, commentDoc(JANE, "Jane Doe"));
    LedgerRef ref = snapshotAndErase(false);
    ContentIds content = new ContentSnapshots(jdbi).read(ref, false);
    SearchIndexPurger purger = es.purger(es.settings, SearchTarget.of(map, es.settings));

    SearchPurgeResult result = purger.purge(JANE, content, () -> {});

    // The profiles index does not exist: gone, and not created by the purge.
    assertThat(result.indices())
        .containsExactly(
            new SearchIndexPurged(profiles, 0, null, null),
            new SearchIndexPurged(comments, 1, 0L, 0L));
    assertThat(es.exists(comments, pinned)).isFalse();
    assertThat(es.indexExists(profiles)).isFalse();
  }

  private LedgerRef snapshotAndErase(boolean keep) {
    long deletionId = CommentsSchema.erasingLedgerRow(jdbi, JANE, keep, NOW);
    jdbi.useTransaction(h -> new MapSnapshot(map).write(h, deletionId, JANE));
    assertThat(new MapErasure(jdbi, map).erase(JANE, keep, NOW)).isPresent();
    return new LedgerRef(JANE.toString(), "wf", "run-1");
  }

  private static Map<String, Object> commentDoc(UUID author, String name) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("body", "Written by " + (name == null ? "someone" : name));
    doc.put("author_id", author.toString());
    doc.put("author_name", name);
    doc.put("score", 5);
    return doc;
  }

  private UUID comment(UUID user, boolean pinned) {
    return CommentsSchema.comment(jdbi, user, pinned);
  }
}
