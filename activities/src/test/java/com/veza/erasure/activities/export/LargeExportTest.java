package com.veza.erasure.activities.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.veza.erasure.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-play history exported by a JVM with a 64 MiB heap: the export streams, it never holds a
 * table in memory.
 */
class LargeExportTest {
  private static final long PLAYS = 1_000_000;

  @TempDir Path dir;

  @Test
  void givenAMillionPlays_whenExportedInA64MiBHeap_itSucceeds() throws Exception {
    TestDatabase db = ExportRows.freshDatabase();
    ExportRows rows = ExportRows.on(db);
    UUID user = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    rows.user(user, "heavy");
    rows.user(other, "other");
    UUID track = rows.track(other, "Loop");
    rows.plays(user, track, PLAYS);
    rows.plays(other, track, 1_000);
    UUID exportId = rows.export(user, Instant.now());

    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // -DlargeExport.xmx=16m on the mvn command line probes how low the heap can go.
                "-Xmx" + System.getProperty("largeExport.xmx", "64m"),
                "-cp",
                System.getProperty("java.class.path"),
                LargeExportMain.class.getName(),
                db.jdbcUrl(),
                db.user(),
                db.password() == null ? "" : db.password(),
                exportId.toString(),
                user.toString(),
                dir.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    String result = output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow();
    System.out.println("LargeExportTest: " + result);
    assertThat(result).contains("playback_history.json=" + PLAYS);

    long entries = 0;
    try (InputStream in =
            new LocalDirectoryExportStorage(dir)
                .open(result.substring(result.indexOf(" key=") + " key=".length()));
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("playback_history.json")) {
          entries = countArrayEntries(zip);
        }
      }
    }
    assertThat(entries).isEqualTo(PLAYS);
  }

  /** Streams the array: the parent JVM does not hold a million nodes either. */
  private static long countArrayEntries(InputStream in) throws Exception {
    JsonParser parser = new JsonFactory().createParser(in);
    parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
    long n = 0;
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      parser.skipChildren();
      n++;
    }
    return n;
  }
}
