package com.veza.erasure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the unpacked Elasticsearch distribution as a daemon in a per-run folder, and stops it.
 *
 * <p>Elasticsearch refuses to run as root, so as root it runs as uid/gid 65534 through {@code
 * setpriv} (no user needs to exist). Its {@code config/} is copied into the run folder because the
 * node writes a keystore there and the distribution's copy is root-only.
 */
final class ElasticsearchNode {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
  private static final int NOBODY = 65_534;
  private static final String CLUSTER_NAME = "veza-test";
  private static final long DAEMON_START_TIMEOUT_SECONDS = 120;

  private final Path runDir;
  private final int httpPort;
  private final long pid;

  private ElasticsearchNode(Path runDir, int httpPort, long pid) {
    this.runDir = runDir;
    this.httpPort = httpPort;
    this.pid = pid;
  }

  String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Thrown when another process took one of the picked ports before the node bound it. */
  private static final class PortTaken extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message);
    }
  }

  static ElasticsearchNode start(Path esHome) {
    boolean root = Processes.isRoot();
    Path javaHome = Path.of(System.getProperty("java.home"));
    if (root) {
      checkReadableByNobody(esHome, javaHome);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return launch(esHome, javaHome, root);
      } catch (PortTaken e) {
        if (attempt == 3) {
          throw e;
        }
        log.warn("Elasticsearch could not bind its ports, retrying on others: {}", e.getMessage());
      }
    }
  }

  private static ElasticsearchNode launch(Path esHome, Path javaHome, boolean root) {
    Path runDir = prepareRunDir(esHome, root);
    int httpPort = FreePorts.next();
    int transportPort = FreePorts.next();
    Path pidFile = runDir.resolve("es.pid");

    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(setprivNobody());
    }
    command.add(esHome.resolve("bin/elasticsearch").toString());
    command.addAll(List.of("-d", "-p", pidFile.toString()));
    command.addAll(
        List.of(
            "-Ecluster.name=" + CLUSTER_NAME,
            "-Ediscovery.type=single-node",
            "-Expack.security.enabled=false",
            "-Enetwork.host=127.0.0.1",
            "-Ehttp.port=" + httpPort,
            "-Etransport.port=" + transportPort,
            "-Epath.data=" + runDir.resolve("data"),
            "-Epath.logs=" + runDir.resolve("logs"),
            // A nearly full CI disk would otherwise make every index read-only or unassigned.
            "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
    if (Files.isDirectory(esHome.resolve("modules/ingest-geoip"))) {
      // Only a setting when the module is there (the integ-test zip has none); no downloads from
      // tests.
      command.add("-Eingest.geoip.downloader.enabled=false");
    }

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(runDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(runDir.resolve("cli.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("ES_JAVA_HOME", javaHome.toString());
    env.put("ES_PATH_CONF", runDir.resolve("config").toString());
    env.put("ES_TMPDIR", runDir.resolve("tmp").toString());
    env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + runDir.resolve("tmp"));
    env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    env.remove("JAVA_TOOL_OPTIONS");

    long started = System.nanoTime();
    log.info("Starting Elasticsearch from {} in {}{}", esHome, runDir, root ? " as uid 65534" : "");
    int exit;
    try {
      Process cli = builder.start();
      // With -d the launcher returns once the node is up (or has failed).
      if (!cli.waitFor(DAEMON_START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        cli.destroyForcibly();
        throw failure(
            "Elasticsearch did not start within " + DAEMON_START_TIMEOUT_SECONDS + " s", runDir);
      }
      exit = cli.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted starting Elasticsearch", e);
    }
    Optional<Long> pid = readPid(pidFile);
    if (exit != 0 || pid.isEmpty()) {
      pid.ifPresent(ElasticsearchNode::terminate);
      if (tails(runDir).contains("Address already in use")) {
        Processes.deleteTree(runDir);
        throw new PortTaken(
            "http " + httpPort + " or transport " + transportPort + " already in use");
      }
      throw failure(
          "Elasticsearch failed to start (launcher exit " + exit + ", command " + command + ")",
          runDir);
    }
    ElasticsearchNode node = new ElasticsearchNode(runDir, httpPort, pid.get());
    Processes.onShutdown("elasticsearch", node::stop);
    log.info(
        "Started Elasticsearch (pid {}) on {} in {} ms",
        pid.get(),
        node.httpUrl(),
        (System.nanoTime() - started) / 1_000_000);
    return node;
  }

  /** SIGTERM to the node (it stops in ~2 s), SIGKILL after 30 s; then the run folder is deleted. */
  void stop() {
    terminate(pid);
    Processes.deleteTree(runDir);
  }

  String logTails() {
    return tails(runDir);
  }

  private static void terminate(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            handle -> {
              handle.destroy();
              try {
                handle.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                handle.destroyForcibly();
              }
            });
  }

  private static List<String> setprivNobody() {
    return List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
  }

  /** uid 65534 must reach the distribution and the JDK through every parent directory. */
  private static void checkReadableByNobody(Path esHome, Path javaHome) {
    Path jar = esHome.resolve("lib");
    List<String> check = new ArrayList<>(setprivNobody());
    check.addAll(
        List.of(
            "sh",
            "-c",
            "test -x \"$1\" && test -r \"$2\" && test -x \"$3\"",
            "check",
            javaHome.resolve("bin/java").toString(),
            jar.toString(),
            esHome.resolve("bin/elasticsearch").toString()));
    try {
      Processes.run(check);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Running as root, Elasticsearch runs as uid 65534, which cannot read "
              + esHome
              + " or run "
              + javaHome.resolve("bin/java")
              + ". Make every parent directory world-executable (chmod o+x) and the files world-readable,"
              + " or set VEZA_TEST_ELASTICSEARCH_URL. ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static Path prepareRunDir(Path esHome, boolean root) {
    Path runDir = null;
    try {
      runDir = Files.createTempDirectory("veza-es-");
      copyTree(esHome.resolve("config"), runDir.resolve("config"));
      for (String sub : List.of("data", "logs", "tmp")) {
        Files.createDirectories(runDir.resolve(sub));
      }
      if (root) {
        try (Stream<Path> paths = Files.walk(runDir)) {
          for (Path path : (Iterable<Path>) paths::iterator) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
          }
        }
      }
      return runDir;
    } catch (IOException e) {
      Processes.deleteTree(runDir);
      throw new UncheckedIOException(
          "Cannot prepare an Elasticsearch run folder from "
              + esHome
              + " (is its config/ readable by this user?)",
          e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Files.isRegularFile(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static IllegalStateException failure(String message, Path runDir) {
    // The run folder is kept on failure so its logs can be read.
    return new IllegalStateException(
        message + "; run folder kept: " + runDir + "\n" + tails(runDir));
  }

  private static String tails(Path runDir) {
    return Processes.tail(runDir.resolve("cli.log"), 40)
        + "\n"
        + Processes.tail(runDir.resolve("logs").resolve(CLUSTER_NAME + ".log"), 60);
  }
}
