package com.veza.erasure.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Writes one benchmark's section of docs/benchmarks.md between {@code <!-- bench:NAME -->} and
 * {@code <!-- /bench:NAME -->}, leaving the other sections as the last run of each left them.
 */
final class BenchmarksDoc {

  private BenchmarksDoc() {}

  static void write(Path doc, String name, String command, BenchResult result) throws IOException {
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section =
        begin
            + "\n## "
            + result.title()
            + "\n\n"
            + result.setup()
            + "\n\n- Command: `"
            + command
            + "`\n- Date: "
            + LocalDate.now(ZoneOffset.UTC)
            + "\n- Machine: "
            + Machine.describe()
            + "\n\n"
            + result.markdown()
            + "\n"
            + result.conclusion()
            + "\n"
            + end;
    String text =
        Files.exists(doc)
            ? Files.readString(doc, StandardCharsets.UTF_8)
            : "# Benchmarks\n\nEach section is written by the command it names (`bench/run`).\n";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    String updated =
        from >= 0 && to > from
            ? text.substring(0, from) + section + text.substring(to + end.length())
            : text.stripTrailing() + "\n\n" + section + "\n";
    Files.writeString(doc, updated, StandardCharsets.UTF_8);
  }
}
