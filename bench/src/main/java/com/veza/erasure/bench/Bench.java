package com.veza.erasure.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench/run <name> [--key value ...]}: runs one benchmark against real servers started in
 * this JVM and writes its table into {@code docs/benchmarks.md}. Never part of the test command.
 */
public final class Bench {

  private static final PrintStream TERMINAL = System.out;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    BenchArgs options = BenchArgs.parse(Arrays.copyOfRange(args, 1, args.length));
    Path doc = Path.of(options.string("doc", "docs/benchmarks.md"));
    // The servers' and apps' own output (request logs among them) goes to a file: the terminal
    // shows the benchmark's progress and its table.
    Path log = Path.of("bench/target/" + args[0].toLowerCase(Locale.ROOT) + ".log");
    Files.createDirectories(log.getParent());
    System.setOut(new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8));
    progress("output of the servers and apps: %s", log);
    String command = "bench/run " + String.join(" ", args);
    BenchResult result =
        switch (args[0].toLowerCase(Locale.ROOT)) {
          case "r2" -> new SearchPurgeBench(options).run();
          case "r3" -> new OrchestrationBench(options).run();
          case "api" -> new ApiBench(options).run();
          default -> {
            usage();
            System.exit(2);
            throw new IllegalStateException("unreachable");
          }
        };
    BenchmarksDoc.write(doc, args[0].toLowerCase(Locale.ROOT), command, result);
    progress("%n%s%nwritten to %s", result.markdown(), doc);
    // Non-daemon threads of the servers and clients would keep the JVM alive.
    System.exit(0);
  }

  /** A line on the terminal, whatever the servers do with System.out. */
  static void progress(String format, Object... args) {
    TERMINAL.printf(Locale.ROOT, format + "%n", args);
  }

  private static void usage() {
    System.err.println(
        """
        usage: bench/run r2|r3|api [--key value ...]
          r2   Elasticsearch purge of one user's docs: ours vs a per-doc DELETE loop vs one _bulk
               --docs 1000000 --user-docs 10000 --rounds 3
          r3   deletions with a zero window through the workers vs the same activities called directly
               --deletions 1000 --threads 16
          api  deletion requests/s and latency at concurrent clients vs an authenticated read
               --requests 2000 --clients 32
        """);
  }
}
