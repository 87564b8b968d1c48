package com.veza.erasure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redis-server child process of this JVM, on a fixed port. A test can {@link #stop()} and {@link
 * #restart()} it on the same port to make Redis unreachable for a while. Stopped at JVM exit.
 */
public final class RedisProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Set<RedisProcess> ALL = ConcurrentHashMap.newKeySet();

  static {
    Processes.onShutdown("redis", () -> ALL.forEach(RedisProcess::closeQuietly));
  }

  private final int port;
  private final List<String> extraArgs;
  private final Path dir;
  private Process process;

  private RedisProcess(int port, List<String> extraArgs, Path dir) {
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.dir = dir;
  }

  /** Starts redis-server on {@code port}; throws if it is not answering PING within 15 s. */
  public static RedisProcess start(int port) {
    return start(port, List.of());
  }

  /** Starts redis-server on a free port (retrying if another process takes the port first). */
  public static RedisProcess startOnFreePort() {
    return startOnFreePort(List.of(), false);
  }

  static RedisProcess startOnFreePort(List<String> extraArgs, boolean needsClusterBus) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = needsClusterBus ? FreePorts.nextWithClusterBus() : FreePorts.next();
      try {
        return start(port, extraArgs);
      } catch (IllegalStateException e) {
        last = e;
        log.warn(
            "redis-server on port {} did not start, trying another port: {}", port, e.getMessage());
      }
    }
    throw last;
  }

  static RedisProcess start(int port, List<String> extraArgs) {
    Path dir;
    try {
      dir = Files.createTempDirectory("veza-redis-" + port + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a working directory for redis-server", e);
    }
    RedisProcess redis = new RedisProcess(port, extraArgs, dir);
    ALL.add(redis);
    try {
      redis.launch();
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    return redis;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The working directory (data, cluster config, {@code redis.log}). */
  public Path dir() {
    return dir;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s); the port stops accepting connections. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
    log.info("Stopped redis-server on port {}", port);
  }

  /** Starts the server again on the same port (empty: nothing is persisted). */
  public synchronized void restart() {
    stop();
    launch();
  }

  /** Stops the server for good and deletes its working directory. */
  @Override
  public void close() {
    stop();
    ALL.remove(this);
    Processes.deleteTree(dir);
  }

  private synchronized void launch() {
    RedisBinary binary = RedisBinary.get();
    List<String> command = new ArrayList<>();
    command.add(binary.executable().toString());
    command.addAll(
        List.of(
            "--port", String.valueOf(port),
            "--bind", "127.0.0.1",
            "--dir", dir.toString(),
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no"));
    command.addAll(binary.debugCommandArgs());
    command.addAll(extraArgs);
    Path logFile = dir.resolve("redis.log");
    long started = System.nanoTime();
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    }
    awaitPong(logFile, command);
    log.info(
        "Started redis-server {} on port {} in {} ms",
        binary.version(),
        port,
        (System.nanoTime() - started) / 1_000_000);
  }

  private void awaitPong(Path logFile, List<String> command) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with "
                + process.exitValue()
                + " on startup: "
                + command
                + "\n"
                + Processes.tail(logFile, 30));
      }
      try {
        if ("PONG".equals(RespClient.call(host(), port, "PING"))) {
          return;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      sleep(20);
    }
    stopQuietly();
    throw new IllegalStateException(
        "redis-server on port "
            + port
            + " did not answer PING within "
            + READY_TIMEOUT
            + ": "
            + lastError
            + "\n"
            + Processes.tail(logFile, 30));
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      log.warn("Stopping redis-server on port {} failed", port, e);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      log.warn("Stopping redis-server on port {} failed", port, e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
