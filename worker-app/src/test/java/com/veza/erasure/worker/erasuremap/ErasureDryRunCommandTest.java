package com.veza.erasure.worker.erasuremap;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import com.veza.erasure.worker.WorkerConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** {@code erasure-dry-run}: counts per rule of the reference map, on a real PostgreSQL. */
class ErasureDryRunCommandTest {
  private static final UUID JANE = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");

  @Test
  void givenAUserWithTracks_whenDryRun_itPrintsCountsPerRuleAndChangesNothing() throws Exception {
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-worker-v1", ds -> Migrations.migrate(ds, true));
    Jdbis.create(db.dataSource())
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO users (id, email, username) VALUES (?, 'jane@example.com', 'jane')",
                  JANE);
              h.execute(
                  "INSERT INTO tracks (id, creator_id, title, is_public) VALUES (?, ?, 'a', true)",
                  UUID.randomUUID(),
                  JANE);
              h.execute(
                  "INSERT INTO tracks (id, creator_id, title) VALUES (?, ?, 'b')",
                  UUID.randomUUID(),
                  JANE);
            });
    WorkerConfiguration config = new WorkerConfiguration();
    config.getDatabase().setDriverClass("org.postgresql.Driver");
    config.getDatabase().setUrl(db.jdbcUrl());
    config.getDatabase().setUser(db.user());
    config.getDatabase().setPassword(db.password() == null ? "" : db.password());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new ErasureDryRunCommand(new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(null, new Namespace(Map.of("userId", JANE.toString())), config);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("erasure map classpath:/erasure/reference-map.yml (sha256 ")
        .contains("users: anonymize 1 of 1 row(s)")
        .contains("tracks: delete 2 row(s); with keep_public_tracks 1 kept and anonymized instead")
        .contains("sessions: delete 0 row(s)")
        .doesNotContain("jane");
    long left =
        Jdbis.create(db.dataSource())
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM tracks WHERE creator_id = ?")
                        .bind(0, JANE)
                        .mapTo(Long.class)
                        .one());
    assertThat(left).isEqualTo(2);
  }
}
