package com.veza.erasure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the server launchers. */
final class Processes {

  private Processes() {}

  /** The effective uid of this JVM (the owner of /proc/self). */
  static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
    }
  }

  static boolean isRoot() {
    return currentUid() == 0;
  }

  /** Registers a JVM shutdown hook on a named thread. */
  static void onShutdown(String name, Runnable action) {
    Runtime.getRuntime().addShutdownHook(new Thread(action, "veza-test-shutdown-" + name));
  }

  /**
   * The last {@code lines} lines of a file, or a note that it does not exist; for failure messages.
   */
  static String tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(" + file + " does not exist)";
    }
    Deque<String> last = new ArrayDeque<>(lines);
    try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
      stream.forEach(
          line -> {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(line);
          });
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
    return "---- last " + last.size() + " lines of " + file + " ----\n" + String.join("\n", last);
  }

  /** Runs a short command and returns its combined output, failing if it does not exit 0. */
  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "Command " + command + " exited with " + exit + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted running " + command, e);
    }
  }

  /** Deletes a directory tree, ignoring what cannot be deleted (best effort, at shutdown). */
  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }
}
