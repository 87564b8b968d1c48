package com.veza.erasure.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server per test JVM; each test gets its own database, copied from a template that
 * was migrated once ({@code CREATE DATABASE ... TEMPLATE} takes milliseconds, a Flyway run does
 * not).
 *
 * <p>Uses the server in {@code VEZA_TEST_POSTGRES_URL} (a JDBC URL of a maintenance database, with
 * {@code VEZA_TEST_POSTGRES_USER} / {@code VEZA_TEST_POSTGRES_PASSWORD}) when set, else starts an
 * embedded PostgreSQL 17 (zonky) with durability off.
 */
public final class TestPostgres {

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
  private static final Pattern JDBC_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");
  private static volatile TestPostgres shared;

  private final String maintenanceUrl;
  private final String user;
  private final String password;
  // On a shared external server, several test JVMs may run at once: their names must not collide.
  private final String namePrefix;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, String> templates = new ConcurrentHashMap<>();
  private final List<String> createdDatabases = new CopyOnWriteArrayList<>();

  private TestPostgres(String maintenanceUrl, String user, String password, boolean external) {
    this.maintenanceUrl = maintenanceUrl;
    this.user = user;
    this.password = password;
    this.namePrefix = external ? "p" + ProcessHandle.current().pid() + "_" : "";
  }

  /** The server of this JVM, started on first use. Throws if it cannot start. */
  public static TestPostgres shared() {
    TestPostgres instance = shared;
    if (instance == null) {
      synchronized (TestPostgres.class) {
        instance = shared;
        if (instance == null) {
          instance = start();
          shared = instance;
        }
      }
    }
    return instance;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** A JDBC URL of the maintenance database ({@code postgres}). */
  public String maintenanceJdbcUrl() {
    return maintenanceUrl;
  }

  /**
   * A new, empty-but-migrated database. On the first call for {@code templateKey} a template
   * database is created and {@code templateInitializer} runs on it (e.g. Flyway); every call then
   * copies it.
   */
  public TestDatabase newDatabase(String templateKey, Consumer<DataSource> templateInitializer) {
    String template =
        templates.computeIfAbsent(templateKey, key -> createTemplate(key, templateInitializer));
    String name = "t_" + namePrefix + counter.incrementAndGet();
    // Serialised: PostgreSQL refuses to copy a template while another session is connected to it.
    synchronized (this) {
      execute("CREATE DATABASE " + name + " TEMPLATE " + template);
    }
    createdDatabases.add(name);
    String url = urlFor(name);
    return new TestDatabase(url, user, password, dataSource(url));
  }

  /** A DataSource on a database of this server, by JDBC URL. */
  public DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }

  private String createTemplate(String key, Consumer<DataSource> initializer) {
    String name = "tpl_" + namePrefix + sanitize(key);
    long started = System.nanoTime();
    synchronized (this) {
      execute("DROP DATABASE IF EXISTS " + name);
      execute("CREATE DATABASE " + name);
    }
    try {
      initializer.accept(dataSource(urlFor(name)));
    } catch (RuntimeException | Error e) {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      throw e;
    }
    // A connection the initializer leaked (a pool, say) would make every CREATE ... TEMPLATE fail.
    try (Connection connection = connectMaintenance();
        PreparedStatement terminate =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
      terminate.setString(1, name);
      terminate.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close connections to template " + name, e);
    }
    execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
    createdDatabases.add(name);
    log.info("Template database {} for '{}' ready in {} ms", name, key, millisSince(started));
    return name;
  }

  private String urlFor(String database) {
    Matcher matcher = JDBC_URL.matcher(maintenanceUrl);
    if (!matcher.matches()) {
      throw new IllegalStateException(
          "Not a jdbc:postgresql://host:port/db URL: " + maintenanceUrl);
    }
    return matcher.group(1) + database + matcher.group(3);
  }

  private void execute(String sql) {
    try (Connection connection = connectMaintenance();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + maintenanceUrl + " rejected: " + sql, e);
    }
  }

  private Connection connectMaintenance() throws SQLException {
    return dataSource(maintenanceUrl).getConnection();
  }

  /** Only for an external server: an embedded one disappears with its data directory. */
  private void dropCreatedDatabases() {
    for (String name : createdDatabases) {
      try {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        log.warn("Could not drop test database {}: {}", name, e.getMessage());
      }
    }
  }

  private static TestPostgres start() {
    String url = System.getenv("VEZA_TEST_POSTGRES_URL");
    if (url != null && !url.isBlank()) {
      TestPostgres external =
          new TestPostgres(
              url,
              envOr("VEZA_TEST_POSTGRES_USER", "postgres"),
              envOr("VEZA_TEST_POSTGRES_PASSWORD", ""),
              true);
      external.execute("SELECT 1");
      log.info("Using the PostgreSQL server at {} (VEZA_TEST_POSTGRES_URL)", url);
      Processes.onShutdown("postgres-drop", external::dropCreatedDatabases);
      return external;
    }
    return startEmbedded();
  }

  private static TestPostgres startEmbedded() {
    long started = System.nanoTime();
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(false)
              // Test data is disposable: trade durability for speed.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "300")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start embedded PostgreSQL (zonky). Set VEZA_TEST_POSTGRES_URL to use an existing server.",
          e);
    }
    Processes.onShutdown(
        "postgres",
        () -> {
          try {
            postgres.close();
          } catch (IOException e) {
            log.warn("Stopping embedded PostgreSQL failed", e);
          }
        });
    TestPostgres instance =
        new TestPostgres(
            "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
            "postgres",
            "postgres",
            false);
    String version = instance.queryString("SHOW server_version");
    log.info(
        "Started embedded PostgreSQL {} on port {} in {} ms",
        version,
        postgres.getPort(),
        millisSince(started));
    return instance;
  }

  private String queryString(String sql) {
    try (Connection connection = connectMaintenance();
        Statement statement = connection.createStatement();
        var resultSet = statement.executeQuery(sql)) {
      resultSet.next();
      return resultSet.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + maintenanceUrl + " rejected: " + sql, e);
    }
  }

  private static String sanitize(String key) {
    String name = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() > 40 ? name.substring(0, 40) : name;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
