package com.veza.erasure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Elasticsearch node per test JVM. Uses {@code VEZA_TEST_ELASTICSEARCH_URL} when set, else runs
 * the integ-test distribution unpacked by the build (system property {@code veza.es.home}). Tests
 * isolate themselves by index name ({@link #uniqueIndexName(String)}).
 */
public final class TestElasticsearch {

  private static final Logger log = LoggerFactory.getLogger(TestElasticsearch.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static volatile TestElasticsearch shared;

  private final String httpUrl;
  private final int port;
  private final AtomicInteger indices = new AtomicInteger();

  TestElasticsearch(String httpUrl) {
    this.httpUrl = httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl;
    URI uri = URI.create(this.httpUrl);
    this.port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
  }

  public static TestElasticsearch shared() {
    TestElasticsearch instance = shared;
    if (instance == null) {
      synchronized (TestElasticsearch.class) {
        instance = shared;
        if (instance == null) {
          instance = start();
          shared = instance;
        }
      }
    }
    return instance;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String httpUrl() {
    return httpUrl;
  }

  public int port() {
    return port;
  }

  /** An index name no other test of this JVM uses: lower case, e.g. {@code content-3-4711}. */
  public String uniqueIndexName(String prefix) {
    return prefix.toLowerCase(Locale.ROOT)
        + "-"
        + indices.incrementAndGet()
        + "-"
        + ProcessHandle.current().pid();
  }

  private static TestElasticsearch start() {
    String configured = System.getenv("VEZA_TEST_ELASTICSEARCH_URL");
    if (configured != null && !configured.isBlank()) {
      TestElasticsearch external = new TestElasticsearch(configured);
      String health = clusterHealth(external.httpUrl, Duration.ofSeconds(10));
      if (health == null) {
        throw new IllegalStateException(
            "Elasticsearch at "
                + configured
                + " (VEZA_TEST_ELASTICSEARCH_URL) is not yellow/green");
      }
      log.info(
          "Using the Elasticsearch at {} (VEZA_TEST_ELASTICSEARCH_URL): {}", configured, health);
      return external;
    }
    ElasticsearchNode node = ElasticsearchNode.start(esHome());
    String health = clusterHealth(node.httpUrl(), READY_TIMEOUT);
    if (health == null) {
      String logs = node.logTails();
      node.stop();
      throw new IllegalStateException(
          "Elasticsearch at "
              + node.httpUrl()
              + " did not reach yellow/green within "
              + READY_TIMEOUT
              + "\n"
              + logs);
    }
    log.info("Elasticsearch {} healthy: {}", node.httpUrl(), health);
    return new TestElasticsearch(node.httpUrl());
  }

  /**
   * The unpacked distribution: {@code veza.es.home} (set for surefire by the parent pom), else the
   * first {@code target/elasticsearch-*} found walking up from the working directory (for IDE
   * runs).
   */
  static Path esHome() {
    String property = System.getProperty("veza.es.home");
    if (property != null && !property.isBlank()) {
      Path home = Path.of(property);
      if (Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
        return home;
      }
      throw new IllegalStateException(
          "No Elasticsearch distribution at veza.es.home="
              + home
              + ". Run `mvn verify` (or `mvn -pl test-support generate-test-resources`) from the project root:"
              + " it unpacks org.elasticsearch.distribution.integ-test-zip there."
              + " Or set VEZA_TEST_ELASTICSEARCH_URL to use a running server.");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("target");
      if (Files.isDirectory(target)) {
        try (Stream<Path> children = Files.list(target)) {
          var found =
              children
                  .filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                  .filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch")))
                  .findFirst();
          if (found.isPresent()) {
            return found.get();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "System property veza.es.home is not set and no target/elasticsearch-* was found above "
            + Path.of("").toAbsolutePath()
            + ". Run `mvn verify` from the project root (it unpacks the Elasticsearch test distribution),"
            + " or set VEZA_TEST_ELASTICSEARCH_URL.");
  }

  /**
   * The health JSON once the cluster is yellow or green, or null if it is not within {@code
   * timeout}.
   */
  static String clusterHealth(String httpUrl, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        // GET / answers 405 on the integ-test distribution: health is the readiness probe.
        HttpRequest request =
            HttpRequest.newBuilder(
                    URI.create(httpUrl + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() == 200
            && (body.contains("\"status\":\"yellow\"") || body.contains("\"status\":\"green\""))) {
          return body;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for Elasticsearch", e);
      }
      RedisProcess.sleep(200);
    }
    return null;
  }
}
