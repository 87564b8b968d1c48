package com.veza.erasure.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure half of {@code ./run-local}: Temporal's dev server (real time, no skipping),
 * PostgreSQL (embedded unless DATABASE_URL is set) with both schema groups and demo users, demo
 * Redis keys and Elasticsearch documents where those stores answer, and a JWT secret with demo
 * tokens. It writes the environment for worker-app and api-app to the file given as argument and
 * runs until it is stopped.
 */
public final class LocalStack {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The api-app's {@code security.audience} for this run; every demo token carries it. */
  private static final String AUDIENCE = "veza-erasure";

  public static void main(String[] args) throws Exception {
    Path envFile = Path.of(args.length > 0 ? args[0] : "target/local/run.env");
    int temporalPort = Integer.parseInt(env("TEMPORAL_PORT", "7233"));
    String redisUri = env("REDIS_URI", "redis://127.0.0.1:6379");
    String searchUrl = env("ELASTICSEARCH_URL", "http://127.0.0.1:9200");

    // Real time: a demo wants the recovery window to pass on the clock, not be skipped.
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort);
    registerSearchAttributes("127.0.0.1:" + temporalPort);
    log.info(
        "Temporal dev server on 127.0.0.1:{} (Temporal's test server; no web UI)", temporalPort);

    EmbeddedPostgres embedded = null;
    String url = System.getenv("DATABASE_URL");
    String user = env("DATABASE_USER", "postgres");
    String password = env("DATABASE_PASSWORD", "");
    if (url == null || url.isBlank()) {
      embedded =
          EmbeddedPostgres.builder()
              .setPort(Integer.parseInt(env("POSTGRES_PORT", "54329")))
              .start();
      url = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = "";
      log.info("embedded PostgreSQL on port {}", embedded.getPort());
    } else {
      log.info("using the PostgreSQL at DATABASE_URL");
    }
    DataSource dataSource = dataSource(url, user, password);
    Migrations.migrate(dataSource, true);

    boolean redis = DemoData.redisReachable(redisUri);
    boolean search = DemoData.searchReachable(searchUrl);
    log.info(
        "Redis at {}: {}",
        redisUri,
        redis ? "reachable, cache purge enabled" : "not reachable, cache purge SKIPPED");
    log.info(
        "Elasticsearch at {}: {}",
        searchUrl,
        search ? "reachable, search purge enabled" : "not reachable, search purge SKIPPED");
    List<UUID> users =
        new DemoData(dataSource).seed(redis ? redisUri : null, search ? searchUrl : null);

    String secret = randomSecret();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("TEMPORAL_TARGET", "127.0.0.1:" + temporalPort);
    out.put("DATABASE_URL", url);
    out.put("DATABASE_USER", user);
    out.put("DATABASE_PASSWORD", password);
    out.put("REDIS_ENABLED", Boolean.toString(redis));
    out.put("REDIS_URI", redisUri);
    out.put("ELASTICSEARCH_ENABLED", Boolean.toString(search));
    out.put("ELASTICSEARCH_URL", searchUrl);
    out.put("JWT_HS256_SECRET", secret);
    out.put("JWT_AUDIENCE", AUDIENCE);
    // The test server never times out a sticky queue; without this a worker restart would stall.
    out.put("TEMPORAL_STICKY_SCHEDULE_TO_START_TIMEOUT", "PT0S");
    out.put("DEMO_USER_ID", users.get(0).toString());
    out.put("DEMO_USER_TOKEN", token(secret, users.get(0), List.of()));
    out.put("DEMO_ADMIN_TOKEN", token(secret, UUID.randomUUID(), List.of("admin")));
    out.put(
        "DEMO_OTHER_USERS", users.subList(1, users.size()).toString().replaceAll("[\\[\\] ]", ""));
    writeEnv(envFile, out);
    log.info("stack ready; environment written to {}", envFile);

    CountDownLatch stopped = new CountDownLatch(1);
    EmbeddedPostgres pg = embedded;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  temporal.close();
                  if (pg != null) {
                    try {
                      pg.close();
                    } catch (IOException e) {
                      log.warn("embedded PostgreSQL did not stop cleanly", e);
                    }
                  }
                  stopped.countDown();
                },
                "local-stack-stop"));
    stopped.await();
  }

  private static void registerSearchAttributes(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace("default")
                  .putAllSearchAttributes(DeletionSearchAttributes.DEFINITIONS)
                  .build());
    } finally {
      operator.shutdownNow();
    }
  }

  /**
   * A token as the platform would issue it: demo only, valid 12 hours, signed with this run's
   * secret.
   */
  private static String token(String secret, UUID subject, List<String> roles)
      throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject.toString())
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(12))))
            .claim("auth_time", now.getEpochSecond())
            .claim("roles", roles)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static DataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }

  private static void writeEnv(Path file, Map<String, String> values) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StringBuilder text =
        new StringBuilder(
            "# written by LocalStack for ./run-local; holds this run's demo secret\n");
    values.forEach((k, v) -> text.append("export ").append(k).append("='").append(v).append("'\n"));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private LocalStack() {}
}
