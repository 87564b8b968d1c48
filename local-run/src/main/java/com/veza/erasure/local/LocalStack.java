package com.veza.erasure.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import com.veza.erasure.testing.RedisProcess;
import com.veza.erasure.testing.TestElasticsearch;
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
 * PostgreSQL (embedded unless DATABASE_URL is set) with both schema groups and demo users, Redis
 * and Elasticsearch (started here from the binaries the tests use, unless REDIS_URI /
 * ELASTICSEARCH_URL point elsewhere or {@code --no-cache} / {@code --no-search} turn them off), an
 * SMTP capture that writes every mail to {@code target/local/mail/}, and a JWT secret with demo
 * tokens. It writes the environment for worker-app and api-app to the file given as argument and
 * runs until it is stopped.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The api-app's {@code security.audience} for this run; every demo token carries it. */
  private static final String AUDIENCE = "veza-erasure";

  /**
   * What to run. A null {@code redisUri} / {@code searchUrl} means start one here (when {@code
   * cache} / {@code search}); a non-null one is used if it answers. A null {@code databaseUrl}
   * means an embedded PostgreSQL on {@code postgresPort}; a null {@code mailDir} means no capture.
   */
  record Options(
      int temporalPort,
      int postgresPort,
      String databaseUrl,
      String databaseUser,
      String databasePassword,
      boolean cache,
      String redisUri,
      boolean search,
      String searchUrl,
      Path mailDir) {}

  private final TestServer.PortBoundTestServer temporal;
  private final EmbeddedPostgres postgres;
  private final RedisProcess redis;
  private final MailCapture mail;
  private final Map<String, String> env;
  private final List<DemoData.User> users;

  private LocalStack(
      TestServer.PortBoundTestServer temporal,
      EmbeddedPostgres postgres,
      RedisProcess redis,
      MailCapture mail,
      Map<String, String> env,
      List<DemoData.User> users) {
    this.temporal = temporal;
    this.postgres = postgres;
    this.redis = redis;
    this.mail = mail;
    this.env = env;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    Path envFile = Path.of("target/local/run.env");
    boolean cache = true;
    boolean search = true;
    for (String arg : args) {
      switch (arg) {
        case "--no-cache" -> cache = false;
        case "--no-search" -> search = false;
        default -> envFile = Path.of(arg);
      }
    }
    String smtpHost = System.getenv("SMTP_HOST");
    Options options =
        new Options(
            Integer.parseInt(env("TEMPORAL_PORT", "7233")),
            Integer.parseInt(env("POSTGRES_PORT", "54329")),
            env("DATABASE_URL", null),
            env("DATABASE_USER", "postgres"),
            env("DATABASE_PASSWORD", ""),
            cache,
            env("REDIS_URI", null),
            search,
            env("ELASTICSEARCH_URL", null),
            smtpHost == null || smtpHost.isBlank()
                ? envFile.toAbsolutePath().getParent().resolve("mail")
                : null);
    LocalStack stack = start(options);
    writeEnv(envFile, stack.env());
    log.info("stack ready; environment written to {}", envFile);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-stop"));
    stopped.await();
  }

  static LocalStack start(Options options) throws Exception {
    int temporalPort = options.temporalPort();
    // Real time: a demo wants the recovery window to pass on the clock, not be skipped.
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort);
    registerSearchAttributes("127.0.0.1:" + temporalPort);
    log.info(
        "Temporal dev server on 127.0.0.1:{} (Temporal's test server; no web UI)", temporalPort);

    EmbeddedPostgres embedded = null;
    String url = options.databaseUrl();
    String user = options.databaseUser();
    String password = options.databasePassword();
    if (url == null) {
      embedded = EmbeddedPostgres.builder().setPort(options.postgresPort()).start();
      url = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = "";
      log.info("embedded PostgreSQL on port {}", embedded.getPort());
    } else {
      log.info("using the PostgreSQL at DATABASE_URL");
    }
    DataSource dataSource = dataSource(url, user, password);
    Migrations.migrate(dataSource, true);

    RedisProcess redisProcess = null;
    String redisUri = options.redisUri();
    boolean redis;
    if (redisUri != null) {
      redis = DemoData.redisReachable(redisUri);
      log.info(
          "Redis at REDIS_URI {}: {}",
          redisUri,
          redis ? "reachable, cache purge enabled" : "not reachable, cache purge SKIPPED");
    } else if (options.cache()) {
      redisProcess = RedisProcess.startOnFreePort();
      redisUri = redisProcess.uri();
      redis = true;
      log.info("Redis started at {}: cache purge enabled", redisUri);
    } else {
      redisUri = "redis://127.0.0.1:6379";
      redis = false;
      log.info("Redis not started (--no-cache): cache purge SKIPPED");
    }

    String searchUrl = options.searchUrl();
    boolean search;
    if (searchUrl != null) {
      search = DemoData.searchReachable(searchUrl);
      log.info(
          "Elasticsearch at ELASTICSEARCH_URL {}: {}",
          searchUrl,
          search ? "reachable, search purge enabled" : "not reachable, search purge SKIPPED");
    } else if (options.search()) {
      // Stopped by test-support's own shutdown hook when this JVM exits.
      searchUrl = TestElasticsearch.shared().httpUrl();
      search = true;
      log.info("Elasticsearch started at {}: search purge enabled", searchUrl);
    } else {
      searchUrl = "http://127.0.0.1:9200";
      search = false;
      log.info("Elasticsearch not started (--no-search): search purge SKIPPED");
    }

    List<DemoData.User> users =
        new DemoData(dataSource).seed(redis ? redisUri : null, search ? searchUrl : null);
    MailCapture mail = options.mailDir() == null ? null : MailCapture.start(options.mailDir());

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
    // With SMTP_HOST set outside, the worker reads it (and SMTP_PORT) from the environment itself.
    out.put("MAIL_ENABLED", "true");
    if (mail != null) {
      out.put("SMTP_HOST", "127.0.0.1");
      out.put("SMTP_PORT", Integer.toString(mail.port()));
      out.put("MAIL_CAPTURE_DIR", mail.dir().toString());
    }
    out.put("JWT_HS256_SECRET", secret);
    out.put("JWT_AUDIENCE", AUDIENCE);
    // The test server never times out a sticky queue; without this a worker restart would stall.
    out.put("TEMPORAL_STICKY_SCHEDULE_TO_START_TIMEOUT", "PT0S");
    out.put("DEMO_USER_ID", users.get(0).id().toString());
    out.put("DEMO_USER_TOKEN", token(secret, users.get(0).id(), List.of()));
    out.put("DEMO_USER_COUNT", Integer.toString(users.size()));
    for (int i = 0; i < users.size(); i++) {
      DemoData.User demo = users.get(i);
      out.put("DEMO_USER_" + (i + 1) + "_ID", demo.id().toString());
      out.put("DEMO_USER_" + (i + 1) + "_NAME", demo.name());
      out.put("DEMO_USER_" + (i + 1) + "_TOKEN", token(secret, demo.id(), List.of()));
    }
    out.put("DEMO_ADMIN_TOKEN", token(secret, UUID.randomUUID(), List.of("admin")));
    return new LocalStack(
        temporal, embedded, redisProcess, mail, java.util.Collections.unmodifiableMap(out), users);
  }

  /** The variables for worker-app and api-app, as written to the env file. */
  Map<String, String> env() {
    return env;
  }

  List<DemoData.User> users() {
    return users;
  }

  /** Stops what this stack started (Elasticsearch stops with the JVM). */
  @Override
  public void close() {
    if (mail != null) {
      mail.close();
    }
    if (redis != null) {
      redis.close();
    }
    temporal.close();
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        log.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }
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
}
