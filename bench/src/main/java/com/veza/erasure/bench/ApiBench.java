package com.veza.erasure.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.veza.erasure.api.ApiApplication;
import com.veza.erasure.api.ApiConfiguration;
import com.veza.erasure.api.temporal.TemporalClientFactory;
import com.veza.erasure.api.temporal.TemporalFactory;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API: {@code POST /v1/me/deletion} at many concurrent clients (10% of them repeats of a user who
 * already asked, which join the running deletion), against the baseline of an authenticated
 * PostgreSQL read ({@code GET /v1/me/exports}) with the same tokens at the same concurrency.
 */
final class ApiBench {

  private static final String SECRET = "bench-secret-" + UUID.randomUUID();
  private static final String AUDIENCE = "veza-erasure";

  private final int requests;
  private final int clients;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ApiBench(BenchArgs args) {
    this.requests = args.integer("requests", 2_000);
    this.clients = args.integer("clients", 32);
    args.requireAllRead();
  }

  private record Load(int ok, long nanos, Samples latencies) {
    double perSecond() {
      return ok / (nanos / 1e9);
    }
  }

  BenchResult run() throws Exception {
    try (BenchStores stores = BenchStores.start();
        TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      DeletionSearchAttributes.DEFINITIONS.forEach(temporal::registerSearchAttribute);
      temporal.start();
      WorkflowClient client = temporal.getWorkflowClient();
      DropwizardTestSupport<ApiConfiguration> app = app(stores, client);
      app.before();
      try {
        String base = "http://127.0.0.1:" + app.getLocalPort();
        List<String> tokens = tokens();
        // Warm-up: JIT, connection pools; not measured, on users of its own.
        load(base, "GET", "/v1/me/exports", tokens.subList(0, Math.min(200, tokens.size())));
        load(base, "POST", "/v1/me/deletion", tokens(200));
        Load read = load(base, "GET", "/v1/me/exports", tokens);
        Load deletions = load(base, "POST", "/v1/me/deletion", tokens);
        print("GET /v1/me/exports", read);
        print("POST /v1/me/deletion", deletions);
        return new BenchResult(
            "API — deletion requests at " + clients + " concurrent clients",
            String.format(
                Locale.ROOT,
                "%,d requests (%,d users, 10%% repeats that join the running deletion) from %d"
                    + " concurrent HTTP/1.1 clients against the api-app (its config.yml, real"
                    + " PostgreSQL, Temporal's test server in the same JVM, no worker: a request"
                    + " starts the workflow and reads its search attributes, it does not wait for"
                    + " MARK_PENDING). Baseline: the same tokens on `GET /v1/me/exports` (token"
                    + " check + one PostgreSQL read), same concurrency, same run. Every answer"
                    + " checked: 202 / 200.",
                tokens.size(),
                requests,
                clients),
            List.of("endpoint", "requests/s", "p50", "p99", "throughput vs baseline"),
            List.of(
                row("GET /v1/me/exports (baseline)", read, read),
                row("POST /v1/me/deletion", deletions, read)),
            String.format(
                Locale.ROOT,
                "A deletion request (start a durable workflow, read back its phase and deadline)"
                    + " runs at %s of the throughput of a plain authenticated read; p99 %s.",
                Samples.ratio(deletions.perSecond() / read.perSecond()),
                Samples.millis(deletions.latencies().percentile(99))));
      } finally {
        app.after();
      }
    }
  }

  private static List<String> row(String name, Load load, Load baseline) {
    return List.of(
        name,
        String.format(Locale.ROOT, "%.0f", load.perSecond()),
        Samples.millis(load.latencies().median()),
        Samples.millis(load.latencies().percentile(99)),
        Samples.ratio(load.perSecond() / baseline.perSecond()));
  }

  private static void print(String name, Load load) {
    Bench.progress(
        "%s: %.0f req/s, p50 %s, p99 %s",
        name,
        load.perSecond(),
        Samples.millis(load.latencies().median()),
        Samples.millis(load.latencies().percentile(99)));
  }

  private DropwizardTestSupport<ApiConfiguration> app(BenchStores stores, WorkflowClient client)
      throws java.io.IOException {
    TemporalClientFactory inProcess =
        new TemporalClientFactory() {
          @Override
          public WorkflowClient open(TemporalFactory config) {
            return client;
          }

          @Override
          public void close(WorkflowClient ignored) {
            // The environment is closed by the benchmark.
          }
        };
    return new DropwizardTestSupport<>(
        ApiApplication.class,
        "api-app/config.yml",
        ConfigOverride.config("database.url", stores.database.jdbcUrl()),
        ConfigOverride.config("database.user", stores.database.user()),
        ConfigOverride.config(
            "database.password",
            stores.database.password() == null ? "" : stores.database.password()),
        ConfigOverride.config("security.hs256Secret", SECRET),
        ConfigOverride.config(
            "exports.directory", Files.createTempDirectory("veza-bench-api-").toString()),
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("logging.level", "WARN")) {
      @Override
      public Application<ApiConfiguration> newApplication() {
        return new ApiApplication(inProcess, Clock.systemUTC());
      }
    };
  }

  /** {@code requests} tokens: distinct users, then 10% of them again, shuffled. */
  private List<String> tokens() throws JOSEException {
    List<String> tokens = tokens(requests);
    List<String> all = new ArrayList<>(tokens);
    all.addAll(tokens.subList(0, requests / 10));
    Collections.shuffle(all, new java.util.Random(42));
    return all;
  }

  private static List<String> tokens(int users) throws JOSEException {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      tokens.add(token(UUID.randomUUID()));
    }
    return tokens;
  }

  private static String token(UUID subject) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject.toString())
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
            .claim("auth_time", now.getEpochSecond())
            .claim("roles", List.of())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private Load load(String base, String method, String path, List<String> tokens) throws Exception {
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(tokens);
    long[] latencies = new long[tokens.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  String token;
                  while ((token = queue.poll()) != null) {
                    latencies[next.getAndIncrement()] = send(base, method, path, token);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return new Load(tokens.size(), System.nanoTime() - start, new Samples(latencies));
    } finally {
      pool.shutdownNow();
    }
  }

  private long send(String base, String method, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"keep_public_tracks\": false}"));
    } else {
      request.GET();
    }
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - start;
    int expected = method.equals("POST") ? 202 : 200;
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return took;
  }
}
