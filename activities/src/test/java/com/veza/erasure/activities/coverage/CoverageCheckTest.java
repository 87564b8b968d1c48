package com.veza.erasure.activities.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL coverage check on real PostgreSQL. Each test has its own database (copied from the
 * migrated template), so the tables it adds are gone with it.
 */
class CoverageCheckTest {
  private static final List<String> PUBLIC = List.of("public");
  private static final TestRules REFERENCE = TestRules.reference(Set.of());

  private TestDatabase db;
  private Jdbi jdbi;

  @BeforeEach
  void setUp() {
    db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true));
    jdbi = Jdbis.create(db.dataSource());
  }

  private List<CoverageGap> gaps(CoverageRules rules) {
    return CoverageCheck.of(jdbi, PUBLIC, rules).run().gaps();
  }

  private static CoverageGap gap(String table, String column, String why) {
    return new CoverageGap(CoverageGap.Store.POSTGRESQL, table, column, why);
  }

  @Test
  void givenTheReferenceSchemaAndTheServiceTables_itFindsNoGap() {
    // deletion_requests.user_id and data_exports.user_id are the service's own: never reported.
    CoverageReport report = CoverageCheck.reference(jdbi).run();

    assertThat(report.gaps()).isEmpty();
    assertThat(report.unchecked()).isEmpty();
    assertThat(report.summary()).isEqualTo("no coverage gaps");
  }

  @Test
  void givenATableAddedWithoutARule_itReportsItsForeignKeyAndNamedColumnsSorted() {
    jdbi.useHandle(
        h -> {
          h.execute(
              "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id), body text)");
          h.execute(
              "CREATE TABLE follows (follower uuid REFERENCES users (id), owner_id uuid,"
                  + " reviewer_user_id uuid, email text, track_id uuid)");
        });

    assertThat(gaps(REFERENCE))
        .containsExactly(
            gap("comments", "user_id", "foreign key to users(id)"),
            gap("follows", "email", "name matches email"),
            gap("follows", "follower", "foreign key to users(id)"),
            gap("follows", "owner_id", "name matches owner_id"),
            gap("follows", "reviewer_user_id", "name matches *_user_id"));
  }

  @Test
  void givenTheGapCoveredIgnoredOrDropped_itIsGone() {
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id),"
                    + " edited_by_user_id uuid)"));

    assertThat(gaps(REFERENCE)).hasSize(2);
    assertThat(gaps(REFERENCE.covering("comments", "user_id")))
        .containsExactly(gap("comments", "edited_by_user_id", "name matches *_user_id"));
    assertThat(
            gaps(
                REFERENCE
                    .covering("comments", "user_id")
                    .ignoring("comments", "edited_by_user_id", "moderators, not the author")))
        .isEmpty();
    assertThat(gaps(REFERENCE.ignoring("comments", null, "the whole table: kept by law")))
        .isEmpty();

    jdbi.useHandle(h -> h.execute("DROP TABLE comments"));
    assertThat(gaps(REFERENCE)).isEmpty();
  }

  @Test
  void givenAForeignKeyFromASchemaNotChecked_itReportsItQualifiedButNoNameMatchThere() {
    jdbi.useHandle(
        h -> {
          h.execute("CREATE SCHEMA audit");
          h.execute(
              "CREATE TABLE audit.logins (actor uuid REFERENCES users (id), user_id uuid,"
                  + " at timestamptz)");
        });

    assertThat(gaps(REFERENCE))
        .containsExactly(gap("audit.logins", "actor", "foreign key to users(id)"));
    assertThat(CoverageCheck.of(jdbi, List.of("public", "audit"), REFERENCE).run().gaps())
        .containsExactly(
            gap("audit.logins", "actor", "foreign key to users(id)"),
            gap("audit.logins", "user_id", "name matches user_id"));
    assertThat(gaps(REFERENCE.covering("audit.logins", "actor"))).isEmpty();
  }

  @Test
  void givenATableTheCheckingRoleHasNoPrivilegeOn_itStillReportsIt() {
    // Roles are per server, not per database: a unique one, dropped again.
    String role = "coverage_reader_" + UUID.randomUUID().toString().replace("-", "");
    jdbi.useHandle(
        h -> {
          h.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader'");
          h.execute(
              "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id), body text)");
        });
    try {
      PGSimpleDataSource asReader = new PGSimpleDataSource();
      asReader.setUrl(db.jdbcUrl());
      asReader.setUser(role);
      asReader.setPassword("reader");
      Jdbi reader = Jdbis.create(asReader);
      long visible =
          reader.withHandle(
              h ->
                  h.createQuery(
                          "SELECT count(*) FROM information_schema.columns"
                              + " WHERE table_name = 'comments'")
                      .mapTo(Long.class)
                      .one());

      assertThat(visible).as("information_schema hides the table from this role").isZero();
      assertThat(CoverageCheck.of(reader, PUBLIC, REFERENCE).run().gaps())
          .containsExactly(gap("comments", "user_id", "foreign key to users(id)"));
    } finally {
      jdbi.useHandle(h -> h.execute("DROP ROLE " + role));
    }
  }

  @Test
  void givenAPartitionedTable_itReportsTheParentOnly() {
    jdbi.useHandle(
        h -> {
          h.execute(
              "CREATE TABLE plays (user_id uuid NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)");
          h.execute(
              "CREATE TABLE plays_2026 PARTITION OF plays"
                  + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        });

    assertThat(gaps(REFERENCE)).containsExactly(gap("plays", "user_id", "name matches user_id"));
  }

  @Test
  void givenAGap_whenTheGateRuns_itThrowsANonRetryableCoverageGapNamingIt() {
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id), body text)"));
    CoverageGate gate = new CoverageGate(CoverageCheck.of(jdbi, PUBLIC, REFERENCE));

    assertThatThrownBy(gate::requireNoGaps)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("COVERAGE_GAP");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .startsWith("1 coverage gap: comments.user_id (foreign key to users(id))");
            });

    jdbi.useHandle(h -> h.execute("DROP TABLE comments"));
    gate.requireNoGaps();
  }
}
