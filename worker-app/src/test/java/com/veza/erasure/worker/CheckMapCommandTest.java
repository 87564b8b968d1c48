package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestPostgres;
import com.veza.erasure.worker.coverage.CheckMapCommand;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-map config.yml}, run in-process through Dropwizard's CLI as {@code java -jar} runs
 * it, against real PostgreSQL. A non-empty result of {@link Cli#run} is what makes the JVM exit 1.
 */
class CheckMapCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private record Outcome(Optional<Throwable> error, String out, String err) {}

  private static TestDatabase referenceDatabase() {
    return TestPostgres.shared()
        .newDatabase("veza-erasure-worker-v1", ds -> Migrations.migrate(ds, true));
  }

  private Outcome checkMap(String jdbcUrl, String user, String password) throws IOException {
    return checkMap(jdbcUrl, user, password, "");
  }

  /**
   * @param extra more top-level YAML of the config
   */
  private Outcome checkMap(String jdbcUrl, String user, String password, String extra)
      throws IOException {
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        database:
          driverClass: org.postgresql.Driver
          url: "%s"
          user: "%s"
          password: "%s"
          initialSize: 1
          minSize: 1
        logging:
          level: WARN
        %s
        """
            .formatted(jdbcUrl, user, password == null ? "" : password, extra));
    WorkerApplication app = new WorkerApplication();
    Bootstrap<WorkerConfiguration> bootstrap = new Bootstrap<>(app);
    bootstrap.addCommand(new CheckMapCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
    Optional<Throwable> error =
        new Cli(new JarLocation(WorkerApplication.class), bootstrap, out, err)
            .run(CheckMapCommand.NAME, config.toString());
    return new Outcome(
        error, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Outcome checkMap(TestDatabase db) throws IOException {
    return checkMap(db.jdbcUrl(), db.user(), db.password());
  }

  @Test
  void givenTheReferenceSchema_itPrintsNoGapAndSucceeds() throws Exception {
    Outcome outcome = checkMap(referenceDatabase());

    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.out()).contains("no coverage gaps").doesNotContain("GAP ");
  }

  @Test
  void givenATableWithoutARule_itPrintsTheGapAndFails() throws Exception {
    TestDatabase db = referenceDatabase();
    Jdbi jdbi = Jdbis.create(db.dataSource());
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE comments (id uuid, user_id uuid REFERENCES users(id), body text)"));
    try {
      Outcome outcome = checkMap(db);

      assertThat(outcome.error()).isPresent();
      assertThat(outcome.out())
          .contains("GAP comments.user_id: foreign key to users(id)")
          .contains("1 gap(s)");
      assertThat(outcome.err()).contains("check-map: 1 coverage gap(s)");
    } finally {
      jdbi.useHandle(h -> h.execute("DROP TABLE comments"));
    }
  }

  @Test
  void givenATracksIndexWhoseOwnerFieldHasNoKeywordForm_itNamesTheSearchRuleAndFails()
      throws Exception {
    String url = TestElasticsearch.shared().httpUrl();
    try (TextOwnerFieldIndex tracks = new TextOwnerFieldIndex("checkmap-tracks")) {
      TestDatabase db = referenceDatabase();

      Outcome outcome =
          checkMap(
              db.jdbcUrl(),
              db.user(),
              db.password(),
              """
              elasticsearch:
                enabled: true
                url: "%s"
                tracksIndex: "%s"
              """
                  .formatted(url, tracks.name));

      assertThat(outcome.error()).isPresent();
      assertThat(outcome.err())
          .contains("check-map: invalid erasure map: erasure map")
          .contains("does not fit the Elasticsearch mappings")
          .contains("elasticsearch.indices[1] (tracks)")
          .contains("owner field creator_id is mapped as text");
    }
  }

  @Test
  void givenAnUnreachableDatabase_itSaysSoAndFails() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/veza?password=secret";

    Outcome outcome = checkMap(url, "veza", "");

    assertThat(outcome.error()).isPresent();
    assertThat(outcome.err())
        .contains("check-map: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:")
        .doesNotContain("secret")
        .doesNotContain("\tat ");
  }

  @Test
  void givenTheWorkerApplication_itRegistersTheCommand() {
    Bootstrap<WorkerConfiguration> bootstrap = new Bootstrap<>(new WorkerApplication());
    new WorkerApplication().initialize(bootstrap);

    assertThat(bootstrap.getCommands()).extracting(c -> c.getName()).contains("check-map");
  }
}
