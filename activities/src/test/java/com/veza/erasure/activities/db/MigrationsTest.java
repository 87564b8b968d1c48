package com.veza.erasure.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.testing.TestPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static DataSource emptyDatabase() {
    return TestPostgres.shared().newDatabase("migrations-test-empty", ds -> {}).dataSource();
  }

  private static List<String> tables(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " ORDER BY 1")
                .mapTo(String.class)
                .list());
  }

  @Test
  void givenBothSchemaGroups_whenMigrated_itCreatesEveryTableWithItsOwnHistoryAndRerunsAsANoOp() {
    DataSource ds = emptyDatabase();
    Migrations.migrate(ds, true);
    Migrations.migrate(ds, true);

    assertThat(tables(Jdbis.create(ds)))
        .containsExactlyInAnyOrder(
            "users",
            "user_profiles",
            "tracks",
            "playlists",
            "playlist_tracks",
            "messages",
            "playback_history",
            "sessions",
            "deletion_requests",
            "deletion_content_snapshot",
            "legacy_backfill_starts",
            "deletion_notice_outbox",
            "deletion_third_party_references",
            "data_exports",
            "flyway_reference_history",
            "flyway_erasure_history");
  }

  @Test
  void givenExistingPlatformTables_whenMigratedForProduction_itAppliesOnlyTheServiceTables() {
    DataSource ds = emptyDatabase();
    Jdbi jdbi = Jdbis.create(ds);
    // The platform's tables already exist in production, without any Flyway history of ours.
    jdbi.useHandle(h -> h.execute("CREATE TABLE users (id uuid PRIMARY KEY)"));

    Migrations.migrate(ds, false);

    assertThat(tables(jdbi))
        .containsExactlyInAnyOrder(
            "users",
            "deletion_requests",
            "deletion_content_snapshot",
            "legacy_backfill_starts",
            "deletion_notice_outbox",
            "deletion_third_party_references",
            "data_exports",
            "flyway_erasure_history");
  }

  @Test
  void givenTheMigratedSchema_itIndexesEveryUserColumn() {
    DataSource ds = emptyDatabase();
    Migrations.migrate(ds, true);
    List<String> unindexed =
        Jdbis.create(ds)
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT c.table_name || '.' || c.column_name
                              FROM information_schema.columns c
                             WHERE c.table_schema = 'public'
                               AND c.column_name IN ('user_id', 'creator_id', 'sender_id', 'recipient_id')
                               AND NOT EXISTS (
                                 SELECT 1 FROM pg_index i
                                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                                  WHERE i.indrelid = c.table_name::regclass AND a.attname = c.column_name)
                            """)
                        .mapTo(String.class)
                        .list());
    assertThat(unindexed).isEmpty();
  }
}
