package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.RespClient;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a worker-app test runs against: its own Temporal server on a port (time runs for real, so a
 * PT2S recovery window takes two seconds), a fresh migrated database, and a client of its own that
 * starts deletions the way the api-app does. The app under test builds its own client from {@code
 * temporal.target}, from the real {@code config.yml} plus overrides.
 *
 * <p>A JUnit 5 extension, on a static field: {@code @RegisterExtension static final WorkerWorld
 * world = new WorkerWorld();} starts the world before the class's first test and closes it after
 * its last; tests start their own apps with {@link #app(String...)}. {@link #withApp} also runs one
 * app for the whole class, started after the world and stopped before it.
 */
final class WorkerWorld implements BeforeAllCallback, AfterAllCallback {

  static final String CONFIG = "config.yml";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The app run for the whole class, built once the world is up; null when tests run their own. */
  private final Function<WorkerWorld, DropwizardTestSupport<WorkerConfiguration>> classApp;

  private String temporalTarget;
  private TestServer.PortBoundTestServer temporal;
  private TestDatabase db;
  private Jdbi jdbi;
  private WorkflowServiceStubs stubs;
  private DeletionWorkflowStarter starter;
  private WorkflowClient client;
  private DropwizardTestSupport<WorkerConfiguration> runningApp;

  WorkerWorld() {
    this(null);
  }

  private WorkerWorld(Function<WorkerWorld, DropwizardTestSupport<WorkerConfiguration>> classApp) {
    this.classApp = classApp;
  }

  /** A world that also runs the app from config.yml with these overrides for the whole class. */
  static WorkerWorld withApp(String... extra) {
    return new WorkerWorld(world -> world.app(extra));
  }

  /** The same, with the app on {@code database} instead of the world's own. */
  static WorkerWorld withApp(TestDatabase database, String... extra) {
    return new WorkerWorld(world -> world.app(database, extra));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    int temporalPort = FreePorts.next();
    // One-argument form: time skipping off, timers and timeouts run in real time.
    temporal = TestServer.createPortBoundServer(temporalPort);
    temporalTarget = "127.0.0.1:" + temporalPort;
    db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-worker-v1", ds -> Migrations.migrate(ds, true));
    jdbi = Jdbis.create(db.dataSource());
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    starter = new DeletionWorkflowStarter(client);
    this.client = client;
    if (classApp != null) {
      runningApp = classApp.apply(this);
      runningApp.before();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Null when beforeAll failed half-way; its own exception is the one worth reading.
    if (runningApp != null) {
      runningApp.after();
    }
    if (stubs != null) {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  /** The world's database, migrated with the reference schema. */
  Jdbi jdbi() {
    return started(jdbi);
  }

  /** A client of the world's own, on the default namespace. */
  WorkflowClient client() {
    return started(client);
  }

  /** Starts and reaches deletions the way the api-app does. */
  DeletionWorkflowStarter starter() {
    return started(starter);
  }

  /** The app of {@link #withApp}, running. */
  DropwizardTestSupport<WorkerConfiguration> runningApp() {
    return started(runningApp);
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new IllegalStateException(
          "WorkerWorld is not started (register it with @RegisterExtension on a static field)"
              + " or runs no app for the class (see withApp)");
    }
    return part;
  }

  /**
   * The worker-app from config.yml, pointed at this world; {@code extra} are key/value overrides.
   */
  DropwizardTestSupport<WorkerConfiguration> app(TestDatabase database, String... extra) {
    // One value per key: with the same key twice, which override wins is not defined.
    Map<String, String> values = new LinkedHashMap<>();
    values.put("temporal.target", started(temporalTarget));
    // The test server starts without our search attributes; production registers them by hand.
    values.put("temporal.registerSearchAttributes", "true");
    values.put("temporal.metricsReportInterval", "PT0.5S");
    values.put("database.url", database.jdbcUrl());
    values.put("database.user", database.user());
    values.put("database.password", database.password() == null ? "" : database.password());
    values.put("migrations.applyReferenceSchema", "true");
    values.put("server.applicationConnectors[0].port", "0");
    values.put("server.adminConnectors[0].port", "0");
    for (int i = 0; i < extra.length; i += 2) {
      values.put(extra[i], extra[i + 1]);
    }
    List<ConfigOverride> overrides = new ArrayList<>();
    values.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
    return new DropwizardTestSupport<>(
        WorkerApplication.class, CONFIG, overrides.toArray(ConfigOverride[]::new));
  }

  DropwizardTestSupport<WorkerConfiguration> app(String... extra) {
    return app(started(db), extra);
  }

  DeletionRequest request(UUID userId, Duration recoveryWindow) {
    return new DeletionRequest(userId.toString(), false, "user", Instant.now(), recoveryWindow);
  }

  DeletionReceipt result(UUID userId, Duration timeout) throws Exception {
    return starter()
        .untyped(userId.toString())
        .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, DeletionReceipt.class);
  }

  String ledgerPhase(UUID userId) {
    return jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT phase FROM deletion_requests WHERE user_id = :u")
                    .bind("u", userId)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null));
  }

  /** A user with a profile, a private track and a playlist, as the platform has them. */
  static void seedUser(Jdbi jdbi, UUID id) {
    String name = "u" + id.toString().substring(0, 8);
    jdbi.useHandle(
        h -> {
          h.execute(
              "INSERT INTO users (id, email, username, display_name, password_hash) VALUES (?, ?, ?, ?, 'x')",
              id,
              name + "@example.com",
              name,
              name + " Display");
          h.execute("INSERT INTO user_profiles (user_id, bio) VALUES (?, 'hello')", id);
          h.execute(
              "INSERT INTO tracks (id, creator_id, title, artist) VALUES (?, ?, 'Song', ?)",
              trackOf(id),
              id,
              name);
          h.execute(
              "INSERT INTO playlists (id, user_id, title) VALUES (?, ?, 'Mix')",
              playlistOf(id),
              id);
        });
  }

  static UUID trackOf(UUID user) {
    return UUID.nameUUIDFromBytes(("track-" + user).getBytes(StandardCharsets.UTF_8));
  }

  static UUID playlistOf(UUID user) {
    return UUID.nameUUIDFromBytes(("playlist-" + user).getBytes(StandardCharsets.UTF_8));
  }

  static void seedRedisKeys(String host, int port, UUID user, int count) {
    try (RespClient redis = RespClient.connect(host, port)) {
      for (int i = 0; i < count; i++) {
        redis.command("SET", "user:" + user + ":k" + i, "v");
      }
    }
  }

  static long redisKeysOf(String host, int port, UUID user) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add("user:" + user + ":k" + i);
    }
    List<String> command = new ArrayList<>(List.of("EXISTS"));
    command.addAll(keys);
    return (Long) RespClient.call(host, port, command.toArray(String[]::new));
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> put(String url, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Name → healthy, from the admin port's /healthcheck. */
  static Map<String, Boolean> health(DropwizardTestSupport<?> app) throws Exception {
    JsonNode checks =
        JSON.readTree(get("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").body());
    Map<String, Boolean> result = new java.util.TreeMap<>();
    checks
        .properties()
        .forEach(e -> result.put(e.getKey(), e.getValue().get("healthy").asBoolean()));
    return result;
  }

  static String prometheus(DropwizardTestSupport<?> app) throws Exception {
    HttpResponse<String> response =
        get("http://127.0.0.1:" + app.getAdminPort() + PrometheusMetrics.PATH);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
