package com.veza.erasure.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redis-server executable: the one on PATH if any (e.g. a distro's 7.x), else the Linux binary
 * shipped inside the embedded-redis jar (6.2.x), extracted once per JVM into a temp dir.
 */
final class RedisBinary {

  private static final Logger log = LoggerFactory.getLogger(RedisBinary.class);
  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");
  private static volatile RedisBinary instance;

  private final Path executable;
  private final String version;
  private final int major;

  private RedisBinary(Path executable) {
    this.executable = executable;
    String output = Processes.run(List.of(executable.toString(), "--version"));
    Matcher matcher = VERSION.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("Cannot read the version of " + executable + ": " + output);
    }
    this.version = matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3);
    this.major = Integer.parseInt(matcher.group(1));
  }

  static RedisBinary get() {
    RedisBinary binary = instance;
    if (binary == null) {
      synchronized (RedisBinary.class) {
        binary = instance;
        if (binary == null) {
          binary = new RedisBinary(locate());
          log.info("Using redis-server {} at {}", binary.version, binary.executable);
          instance = binary;
        }
      }
    }
    return binary;
  }

  Path executable() {
    return executable;
  }

  String version() {
    return version;
  }

  /** Redis 7 disables DEBUG unless asked; 6.2 has no such flag (and allows DEBUG by default). */
  List<String> debugCommandArgs() {
    return major >= 7 ? List.of("--enable-debug-command", "local") : List.of();
  }

  private static Path locate() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator, -1)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return extractFromEmbeddedRedisJar();
  }

  private static Path extractFromEmbeddedRedisJar() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new IllegalStateException(
          "No redis-server on PATH and no bundled binary for "
              + os
              + "/"
              + arch
              + ": install redis-server");
    }
    String resource =
        switch (arch) {
          case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
          case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
          default ->
              throw new IllegalStateException(
                  "No redis-server on PATH and no bundled binary for linux/"
                      + arch
                      + ": install redis-server");
        };
    try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "No redis-server on PATH and "
                + resource
                + " not found on the classpath (embedded-redis jar missing?)");
      }
      Path dir = Files.createTempDirectory("veza-redis-bin-");
      Path target = dir.resolve("redis-server");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      Processes.onShutdown("redis-binary", () -> Processes.deleteTree(dir));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot extract " + resource + " from the embedded-redis jar", e);
    }
  }
}
