package com.veza.erasure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on, in one line. */
final class Machine {

  private Machine() {}

  static String describe() {
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %s RAM, %s %s, Java %s",
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memory(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
  }

  private static String memory() {
    String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal", null);
    if (kb == null) {
      return "unknown";
    }
    long gib = Long.parseLong(kb.replaceAll("[^0-9]", "")) / (1024 * 1024);
    return gib + " GiB";
  }

  private static String firstValue(Path file, String key, String fallback) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: say so rather than fail the run.
    }
    return fallback;
  }
}
