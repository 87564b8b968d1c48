package com.veza.erasure.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One standalone Redis per test JVM. Uses {@code VEZA_TEST_REDIS_URI} ({@code redis://host:port})
 * when set, else a redis-server child process. Tests isolate themselves by key prefix or {@link
 * #flushAll()}.
 */
public final class TestRedis {

  private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
  private static volatile TestRedis shared;

  private final String host;
  private final int port;
  private final AtomicInteger prefixes = new AtomicInteger();

  private TestRedis(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public static TestRedis shared() {
    TestRedis instance = shared;
    if (instance == null) {
      synchronized (TestRedis.class) {
        instance = shared;
        if (instance == null) {
          instance = start();
          shared = instance;
        }
      }
    }
    return instance;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://" + host + ":" + port;
  }

  /** Removes every key of the server. */
  public void flushAll() {
    RespClient.call(host, port, "FLUSHALL");
  }

  /** A key prefix no other test of this JVM uses, e.g. {@code t7:}. */
  public String uniqueKeyPrefix() {
    return "t" + prefixes.incrementAndGet() + ":";
  }

  private static TestRedis start() {
    String configured = System.getenv("VEZA_TEST_REDIS_URI");
    if (configured != null && !configured.isBlank()) {
      URI uri = URI.create(configured);
      TestRedis external = new TestRedis(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
      Object pong = RespClient.call(external.host, external.port, "PING");
      if (!"PONG".equals(pong)) {
        throw new IllegalStateException("Redis at " + configured + " answered PING with " + pong);
      }
      log.info("Using the Redis server at {} (VEZA_TEST_REDIS_URI)", configured);
      return external;
    }
    RedisProcess process = RedisProcess.startOnFreePort();
    return new TestRedis(process.host(), process.port());
  }
}
