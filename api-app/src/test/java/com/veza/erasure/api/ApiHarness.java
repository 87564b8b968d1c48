package com.veza.erasure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.veza.erasure.activities.backfill.LegacyBackfill;
import com.veza.erasure.activities.backfill.LegacyBackfillActivitiesImpl;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.activities.deletion.DeletionActivities;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.api.temporal.TemporalClientFactory;
import com.veza.erasure.api.temporal.TemporalFactory;
import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.deletion.AccountDeletionWorkflowImpl;
import com.veza.erasure.deletion.DeletionActivityOptions;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflowImpl;
import com.veza.erasure.testing.TcpProxy;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The api-app as deployed, minus the network to Temporal: a {@link TestWorkflowEnvironment} (time
 * skipping) with a worker running the real workflow and the real PostgreSQL activities on a fresh
 * database, and the Dropwizard app on an OS-chosen port, talking to both.
 *
 * <p>A JUnit 5 extension: {@code @RegisterExtension static final ApiHarness api = new
 * ApiHarness();} starts all of it before the class's first test and closes it after its last. The
 * PostgreSQL server behind the database is {@link TestPostgres#shared()}, started once per test
 * JVM.
 */
public final class ApiHarness implements BeforeAllCallback, AfterAllCallback {

  public static final String SECRET = "test-secret-" + "0123456789abcdef0123456789abcdef";

  /** The Temporal test server's time, which {@code env().sleep} moves forward. */
  public final Clock clock = new EnvironmentClock(this::env);

  public final Tokens tokens = new Tokens(SECRET, clock);
  public final ObjectMapper json = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private TestWorkflowEnvironment env;
  private Jdbi jdbi;
  private TcpProxy workerDatabase;
  private Path exportsDir;
  private DropwizardTestSupport<ApiConfiguration> app;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-api-v1", ds -> Migrations.migrate(ds, true));
    jdbi = Jdbis.create(db.dataSource());
    workerDatabase = proxyTo(db);
    Jdbi workerJdbi =
        Jdbis.create(TestPostgres.shared().dataSource(throughProxy(db, workerDatabase)));
    env = TestWorkflowEnvironment.newInstance();
    DeletionSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.ERASURE);
    // Two minutes of retries before NEEDS_ATTENTION instead of a day: skipped time, but real
    // attempts.
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(Duration.ofMinutes(2)),
        AccountDeletionWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(LegacyBackfillWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new LegacyBackfillActivitiesImpl(
            new LegacyBackfill(
                workerJdbi,
                new DeletionWorkflowStarter(env.getWorkflowClient(), TaskQueues.ERASURE),
                clock)));
    exportsDir = Files.createTempDirectory("veza-exports-");
    // The worker's real activities; Redis and Elasticsearch unconfigured, so their steps are
    // SKIPPED.
    worker.registerActivitiesImplementations(
        DeletionActivities.create(
                workerJdbi, clock, null, null, new LocalDirectoryExportStorage(exportsDir))
            .toArray());
    env.start();

    WorkflowClient client = env.getWorkflowClient();
    TemporalClientFactory testClients =
        new TemporalClientFactory() {
          @Override
          public WorkflowClient open(TemporalFactory config) {
            return client;
          }

          @Override
          public void close(WorkflowClient ignored) {
            // The environment is closed by the harness, after the app.
          }
        };
    app =
        new DropwizardTestSupport<>(
            ApiApplication.class,
            ResourceHelpers.resourceFilePath("api-test.yml"),
            ConfigOverride.config("database.url", db.jdbcUrl()),
            ConfigOverride.config("database.user", db.user()),
            ConfigOverride.config("database.password", db.password() == null ? "" : db.password()),
            ConfigOverride.config("security.hs256Secret", SECRET),
            ConfigOverride.config("exports.directory", exportsDir.toString())) {
          @Override
          public Application<ApiConfiguration> newApplication() {
            return new ApiApplication(testClients, clock);
          }
        };
    app.before();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Null when beforeAll failed half-way; its own exception is the one worth reading.
    if (app != null) {
      app.after();
    }
    if (env != null) {
      env.close();
    }
    if (workerDatabase != null) {
      workerDatabase.close();
    }
    if (exportsDir == null) {
      return;
    }
    try (var files = Files.walk(exportsDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }

  /** The Temporal test environment; {@code env().sleep(...)} skips time for the workflows. */
  public TestWorkflowEnvironment env() {
    return started(env);
  }

  /** The app's database, migrated with the reference schema. */
  public Jdbi jdbi() {
    return started(jdbi);
  }

  /**
   * The export storage root the app reads ({@code exports.directory}); tests write ZIPs into it.
   */
  public Path exportsDir() {
    return started(exportsDir);
  }

  /**
   * The worker reaches PostgreSQL through this proxy, the app directly: a test can cut the worker
   * off its database (an outage as the worker sees it) and still read the ledger through the API.
   */
  public TcpProxy workerDatabase() {
    return started(workerDatabase);
  }

  private static final Pattern JDBC_HOST_PORT =
      Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)$");

  private static TcpProxy proxyTo(TestDatabase db) {
    Matcher url = jdbcUrl(db);
    return TcpProxy.start(
        url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
  }

  private static String throughProxy(TestDatabase db, TcpProxy proxy) {
    return "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + jdbcUrl(db).group(3);
  }

  private static Matcher jdbcUrl(TestDatabase db) {
    Matcher url = JDBC_HOST_PORT.matcher(db.jdbcUrl());
    if (!url.matches()) {
      throw new IllegalStateException(
          "not a jdbc:postgresql://host[:port]/db URL: " + db.jdbcUrl());
    }
    return url;
  }

  public int adminPort() {
    return started(app).getAdminPort();
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new IllegalStateException(
          "ApiHarness is not started: register it with @RegisterExtension on a static field");
    }
    return part;
  }

  // --- HTTP ---------------------------------------------------------------------------------

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String code() {
      return body == null || body.get("code") == null ? null : body.get("code").asText();
    }
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply post(String path, String token, String jsonBody) {
    HttpRequest.BodyPublisher body =
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8);
    return send(request(path, token).header("Content-Type", "application/json").POST(body));
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started(app).getLocalPort() + path))
            .timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (contentType.startsWith("application/json") && !response.body().isEmpty()) {
        body = json.readTree(response.body());
      }
      return new Reply(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  // --- Temporal and PostgreSQL --------------------------------------------------------------

  /** Waits (skipping time) for the user's deletion workflow to end and returns its receipt. */
  public DeletionReceipt result(UUID userId) {
    return env()
        .getWorkflowClient()
        .newUntypedWorkflowStub("account-deletion-" + userId)
        .getResult(DeletionReceipt.class);
  }

  /** A platform user with a profile, like the rows Veza already has. */
  public UUID newUser() {
    UUID id = UUID.randomUUID();
    String name = "u" + id.toString().substring(0, 8);
    jdbi()
        .useHandle(
            h -> {
              h.createUpdate(
                      "INSERT INTO users (id, email, username, display_name, password_hash)"
                          + " VALUES (:id, :email, :name, :name, 'hash')")
                  .bind("id", id)
                  .bind("email", name + "@example.com")
                  .bind("name", name)
                  .execute();
              h.createUpdate(
                      "INSERT INTO user_profiles (user_id, bio, location, birthdate)"
                          + " VALUES (:id, 'bio', 'Lyon', :birthdate)")
                  .bind("id", id)
                  .bind("birthdate", LocalDate.of(1990, 1, 2))
                  .execute();
            });
    return id;
  }

  public Instant deletedAt(UUID userId) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT deleted_at FROM users WHERE id = :id")
                    .bind("id", userId)
                    .mapTo(Instant.class)
                    .findOne()
                    .orElse(null));
  }

  public String email(UUID userId) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT email FROM users WHERE id = :id")
                    .bind("id", userId)
                    .mapTo(String.class)
                    .one());
  }

  public int ledgerRows(UUID userId) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM deletion_requests WHERE user_id = :id")
                    .bind("id", userId)
                    .mapTo(Integer.class)
                    .one());
  }

  public int ledgerRows() {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM deletion_requests").mapTo(Integer.class).one());
  }

  /** The Temporal test server's time, read when asked: the environment starts after the clock. */
  static final class EnvironmentClock extends Clock {
    private final Supplier<TestWorkflowEnvironment> env;

    EnvironmentClock(Supplier<TestWorkflowEnvironment> env) {
      this.env = env;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(env.get().currentTimeMillis());
    }
  }
}
