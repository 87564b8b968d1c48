package com.veza.erasure.activities.mapsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.erasuremap.KeepRule;
import com.veza.erasure.activities.erasuremap.Replacement;
import com.veza.erasure.activities.erasuremap.TableRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL of one rule: quoted identifiers, every value a parameter. */
class RuleSqlTest {
  private static final UUID USER = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static final TableRule TRACKS =
      new TableRule(
          "tracks",
          "creator_id",
          null,
          TableRule.Action.DELETE,
          true,
          "track",
          new KeepRule(
              "is_public",
              true,
              List.of("deleted_at"),
              Map.of("artist", Replacement.constantValue("Anonymous artist"))),
          null);

  @Test
  void givenADeleteRuleWithAKeepRule_whenKeepingRows_itDeletesOnlyTheOthers() {
    BoundSql sql = RuleSql.delete(TRACKS, USER, true);

    assertThat(sql.sql())
        .isEqualTo(
            "DELETE FROM \"tracks\" WHERE \"creator_id\" = :userId AND NOT"
                + " (\"is_public\" IS NOT DISTINCT FROM :v1 AND \"deleted_at\" IS NULL)");
    assertThat(sql.binds()).containsExactly(Map.entry("userId", USER), Map.entry("v1", true));
    assertThat(RuleSql.delete(TRACKS, USER, false).sql())
        .isEqualTo("DELETE FROM \"tracks\" WHERE \"creator_id\" = :userId");
  }

  @Test
  void givenAnAnonymizeRule_whenBuilt_itBindsTheRenderedTemplateAndOnlyMatchesRowsToChange() {
    Map<String, Replacement> columns = new LinkedHashMap<>();
    columns.put("email", Replacement.templateValue("deleted-{id}@erased.invalid"));
    columns.put("password_hash", Replacement.nullValue());
    columns.put("anonymized_at", new Replacement(null, null, null, Replacement.Now.IF_NULL));
    TableRule users =
        new TableRule("users", "id", null, TableRule.Action.ANONYMIZE, false, null, null, columns);

    BoundSql sql = RuleSql.anonymize(users, USER, NOW);

    assertThat(sql.sql())
        .isEqualTo(
            "UPDATE \"users\" SET \"email\" = :v1, \"password_hash\" = NULL,"
                + " \"anonymized_at\" = COALESCE(\"anonymized_at\", :now)"
                + " WHERE \"id\" = :userId AND (\"email\" IS DISTINCT FROM :v3"
                + " OR \"password_hash\" IS NOT NULL OR \"anonymized_at\" IS NULL)");
    assertThat(sql.binds())
        .containsEntry("v1", "deleted-" + USER + "@erased.invalid")
        .containsEntry("v3", "deleted-" + USER + "@erased.invalid")
        .containsEntry("now", NOW);
    assertThat(sql.sql()).doesNotContain(USER.toString());
  }

  @Test
  void givenAViaRule_whenBuilt_itReachesRowsThroughTheParent() {
    TableRule entries =
        new TableRule(
            "playlist_tracks",
            null,
            new TableRule.Via("playlists", "playlist_id", "id", "user_id"),
            TableRule.Action.DELETE,
            false,
            null,
            null,
            null);

    assertThat(RuleSql.countLeft(entries, USER, false).sql())
        .isEqualTo(
            "SELECT count(*) FROM \"playlist_tracks\" WHERE \"playlist_id\" IN"
                + " (SELECT \"id\" FROM \"playlists\" WHERE \"user_id\" = :userId)");
  }

  @Test
  void givenAnUnvalidatedIdentifier_whenBuilt_itRefusesToWriteIt() {
    TableRule bad =
        new TableRule(
            "users; drop table x", "id", null, TableRule.Action.DELETE, false, null, null, null);

    assertThatThrownBy(() -> RuleSql.delete(bad, USER, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
