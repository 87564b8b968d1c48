package com.veza.erasure.activities.mapsql;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.deletion.AccountVerifier;
import com.veza.erasure.activities.erasuremap.ErasureMapLoader;
import com.veza.erasure.activities.erasuremap.ErasureMapValidator;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table the reference schema does not have, described in a map of its own: erased, verified and
 * dry-run by the same code as the reference map's tables, on a real PostgreSQL.
 */
class CustomMapErasureTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final UUID JANE = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");
  private static final UUID JOHN = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0d");

  /** The reference map's users rule, then comments and their reactions (through comments). */
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
              anonymized_at: {now: ifNull}
          # Reactions to the user's comments go with them, before them (foreign key).
          - table: comment_reactions
            via: {table: comments, column: comment_id, parentColumn: id, parentUserColumn: user_id}
            action: delete
          - table: comments
            userColumn: user_id
            action: delete
            snapshot: true
            snapshotKind: comment
            keep:
              column: pinned
              equals: true
              anonymize: {body: {constant: "[removed]"}}
      """;

  private Jdbi jdbi;
  private ValidatedErasureMap map;

  @BeforeEach
  void commentsOfTwoUsers() {
    jdbi = CommentsSchema.create(JANE, JOHN);
    jdbi.useHandle(
        h ->
            h.execute(
                """
                CREATE TABLE comment_reactions (
                    comment_id uuid NOT NULL REFERENCES comments (id),
                    user_id    uuid NOT NULL REFERENCES users (id),
                    emoji      text NOT NULL
                )
                """));
    map =
        ErasureMapValidator.validate(
            ErasureMapLoader.parse(MAP.getBytes(StandardCharsets.UTF_8), "custom.yml"), jdbi);
    UUID janes = comment(JANE, false);
    UUID janesPinned = comment(JANE, true);
    UUID johns = comment(JOHN, false);
    react(janes, JOHN);
    react(janesPinned, JOHN);
    react(johns, JANE);
  }

  @Test
  void givenACustomMap_whenErasing_itErasesTheExtraTablesAndVerificationCountsThem() {
    AccountVerifier verifier = new AccountVerifier(jdbi, map);
    assertThat(verifier.count(JANE, false).rowsLeft())
        .containsExactly(
            Map.entry("users", 1L), Map.entry("comment_reactions", 2L), Map.entry("comments", 2L));

    Map<String, Long> counts = new MapErasure(jdbi, map).erase(JANE, false, NOW).orElseThrow();

    assertThat(counts)
        .containsExactly(
            Map.entry("users", 1L),
            Map.entry("comment_reactions_deleted", 2L),
            Map.entry("comments_kept_public", 0L),
            Map.entry("comments_deleted", 2L));
    assertThat(verifier.count(JANE, false).rowsLeft())
        .allSatisfy((rule, left) -> assertThat(left).isZero());
    assertThat(verifier.count(JANE, false).piiRowsLeft()).isZero();
    // John's comment and Jane's reaction to it are John's content: a rule on comments, not on
    // reactions by user_id, and nothing else touched.
    assertThat(count("SELECT count(*) FROM comments WHERE user_id = ?", JOHN)).isOne();
    assertThat(count("SELECT count(*) FROM comment_reactions WHERE user_id = ?", JANE)).isOne();
    assertThat(verifier.count(JOHN, false).rowsLeft().get("comments")).isOne();
    // A repeat changes nothing and counts zero.
    assertThat(new MapErasure(jdbi, map).erase(JANE, false, NOW).orElseThrow())
        .allSatisfy((rule, n) -> assertThat(n).isZero());
  }

  @Test
  void givenTheKeepRule_whenErasingKeepingPublicContent_itAnonymizesTheKeptRowsInstead() {
    AccountVerifier verifier = new AccountVerifier(jdbi, map);

    Map<String, Long> counts = new MapErasure(jdbi, map).erase(JANE, true, NOW).orElseThrow();

    assertThat(counts)
        .containsEntry("comments_kept_public", 1L)
        .containsEntry("comments_deleted", 1L);
    assertThat(
            count("SELECT count(*) FROM comments WHERE user_id = ? AND body = '[removed]'", JANE))
        .isOne();
    assertThat(verifier.count(JANE, true).rowsLeft().get("comments")).isZero();
    // Verified without the keep rule, the kept row is one that should be gone.
    assertThat(verifier.count(JANE, false).rowsLeft().get("comments")).isOne();
  }

  @Test
  void givenASnapshotRuleOfItsOwnKind_whenWritten_itHoldsTheIdsWithTheirKeptFlag() {
    long deletionId = CommentsSchema.erasingLedgerRow(jdbi, JANE, true, NOW);

    jdbi.useTransaction(h -> new MapSnapshot(map).write(h, deletionId, JANE));
    jdbi.useTransaction(h -> new MapSnapshot(map).write(h, deletionId, JANE));

    assertThat(
            count(
                "SELECT count(*) FROM deletion_content_snapshot WHERE kind = 'comment'"
                    + " AND deletion_id IN (SELECT id FROM deletion_requests WHERE user_id = ?)",
                JANE))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT count(*) FROM deletion_content_snapshot WHERE kind = 'comment' AND is_public"
                    + " AND deletion_id IN (SELECT id FROM deletion_requests WHERE user_id = ?)",
                JANE))
        .isOne();
  }

  @Test
  void givenAUser_whenDryRun_itCountsWhatEachRuleWouldTouchAndChangesNothing() {
    Map<String, ErasureMapDryRun.RuleCounts> counts =
        new ErasureMapDryRun(jdbi, map).countsFor(JANE);

    assertThat(counts)
        .containsExactly(
            Map.entry(
                "users", new ErasureMapDryRun.RuleCounts(TableRule.Action.ANONYMIZE, 1, 1, null)),
            Map.entry(
                "comment_reactions",
                new ErasureMapDryRun.RuleCounts(TableRule.Action.DELETE, 2, 2, null)),
            Map.entry(
                "comments", new ErasureMapDryRun.RuleCounts(TableRule.Action.DELETE, 2, 2, 1L)));
    assertThat(count("SELECT count(*) FROM comments WHERE user_id = ?", JANE)).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM users WHERE id = ? AND anonymized_at IS NULL", JANE))
        .isOne();
  }

  private UUID comment(UUID user, boolean pinned) {
    return CommentsSchema.comment(jdbi, user, pinned);
  }

  private void react(UUID comment, UUID user) {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO comment_reactions (comment_id, user_id, emoji) VALUES (?, ?, '+1')",
                comment,
                user));
  }

  private long count(String sql, UUID user) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind(0, user).mapTo(Long.class).one());
  }
}
