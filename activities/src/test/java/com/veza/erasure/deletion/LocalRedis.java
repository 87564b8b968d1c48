package com.veza.erasure.deletion;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Stopgap until the test-support module lands: a redis-server child process, taken from the
 * embedded-redis jar. Same shape as test-support's RedisProcess (start, stop, restart on the port).
 */
public final class LocalRedis implements AutoCloseable {

  private static Path binary;

  private final int port;
  private final List<String> extraArgs;
  private final Path dir;
  private Process process;

  private LocalRedis(int port, List<String> extraArgs) throws IOException {
    this.port = port;
    this.extraArgs = extraArgs;
    this.dir = Files.createTempDirectory("redis-" + port + "-");
  }

  public static LocalRedis startOnFreePort(String... extraArgs) {
    try {
      LocalRedis redis = new LocalRedis(freePort(), List.of(extraArgs));
      redis.start();
      Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  synchronized void restart() {
    stop();
    start();
  }

  @Override
  public void close() {
    stop();
  }

  void flushAll() {
    RedisClient client = RedisClient.create(uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().flushall();
    } finally {
      client.shutdown();
    }
  }

  private synchronized void start() {
    try {
      List<String> command = new ArrayList<>(List.of(
          binary().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString()));
      command.addAll(extraArgs);
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException notYet) {
          Thread.sleep(10);
        }
      }
      throw new IllegalStateException("redis-server did not start on " + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static synchronized Path binary() throws IOException {
    if (binary == null) {
      Path file = Files.createTempFile("redis-server-", "");
      try (InputStream in =
          LocalRedis.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      file.toFile().setExecutable(true);
      file.toFile().deleteOnExit();
      binary = file;
    }
    return binary;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
