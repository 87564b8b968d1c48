package com.veza.erasure.activities.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.MarkReadyInput;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure removes every file under the user's export location, whatever the {@code data_exports}
 * rows say: files no row names are the ones a crash, a give-up or a late attempt leaves behind.
 */
class ExportFilesErasureTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  @TempDir Path outside;

  private ExportRows rows;
  private LocalDirectoryExportStorage storage;
  private ExportActivitiesImpl activities;
  private ExportCleanupActivitiesImpl cleanup;

  private final UUID jane = UUID.randomUUID();
  // Shares all but the last hex digit with Jane: a string-prefix match would take John's files too.
  private final UUID john = neighbourOf(jane);

  @BeforeEach
  void setUp() {
    rows = ExportRows.on(ExportRows.freshDatabase());
    storage = new LocalDirectoryExportStorage(dir);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    activities = new ExportActivitiesImpl(rows.jdbi, storage, clock);
    cleanup = new ExportCleanupActivitiesImpl(rows.jdbi, storage, clock);
    rows.user(jane, "jane");
    rows.user(john, "john");
    rows.plays(jane, rows.track(jane, "Jane's song"), 3);
  }

  @Test
  void givenAZipNeverMarkedReady_whenErasing_itDeletesItAndSparesTheNeighbour() throws Exception {
    // markReady gave up, or the worker died between the build and markReady.
    UUID exportId = rows.export(jane, NOW);
    BuiltExport unready = build(jane, exportId);
    BuiltExport johns = build(john, rows.export(john, NOW));
    assertThat(rows.exportRow(exportId)).containsEntry("status", "RUNNING");

    assertThat(cleanup.eraseUserExports(erase(jane))).isEqualTo(1);

    assertThat(storage.exists(unready.storageKey())).isFalse();
    assertThat(filesUnder(jane)).isEmpty();
    assertThat(storage.exists(johns.storageKey())).isTrue();
  }

  @Test
  void givenTheTempFileOfABuildKilledMidWrite_whenErasing_itDeletesItAndTheWriterCannotPublish()
      throws Exception {
    UUID exportId = rows.export(jane, NOW);
    OutputStream killed = storage.create(jane + "/" + exportId + ".zip");
    // The profile is the first thing a build writes: email, phone, birthdate.
    killed.write("{\"email\":\"jane@example.com\"}".getBytes(StandardCharsets.UTF_8));
    killed.flush();
    assertThat(filesUnder(jane)).singleElement().asString().contains(".part-");

    cleanup.eraseUserExports(erase(jane));

    assertThat(filesUnder(jane)).isEmpty();
    // A writer that was only paused, not dead, finds its temp file gone: nothing is published.
    assertThatThrownBy(killed::close).isInstanceOf(NoSuchFileException.class);
    assertThat(filesUnder(jane)).isEmpty();
  }

  @Test
  void givenAFileWrittenAfterErasure_whenErasingAgain_itDeletesIt() throws Exception {
    cleanup.eraseUserExports(erase(jane));
    // A stale build attempt that passed its checks before the erasure publishes after it.
    try (OutputStream late = storage.create(jane + "/" + UUID.randomUUID() + "/late.zip")) {
      late.write(1);
    }
    BuiltExport johns = build(john, rows.export(john, NOW));

    assertThat(cleanup.eraseUserExports(erase(jane))).isEqualTo(1);

    assertThat(filesUnder(jane)).isEmpty();
    assertThat(storage.exists(johns.storageKey())).isTrue();
  }

  @Test
  void givenTheAccountErasedAfterABuildsChecks_whenTheBuildFinishes_itDeletesItsFileAndFails()
      throws Exception {
    UUID exportId = rows.export(jane, NOW);
    PausingStorage stalls = new PausingStorage(storage, PausingStorage.Stall.BEFORE_WRITING);
    ExportActivitiesImpl stalled =
        new ExportActivitiesImpl(rows.jdbi, stalls, Clock.fixed(NOW, ZoneOffset.UTC));
    CompletableFuture<BuiltExport> build =
        CompletableFuture.supplyAsync(
            () -> stalled.buildExport(new BuildExportInput(exportId.toString(), jane.toString())));
    stalls.awaitPaused();

    // ANONYMIZE, then ERASE_EXPORTS, after the build's checks and before its first byte.
    rows.jdbi.useHandle(
        h -> h.execute("UPDATE users SET anonymized_at = now() WHERE id = ?", jane));
    cleanup.eraseUserExports(erase(jane));
    stalls.resume();

    assertThatThrownBy(() -> build.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ApplicationFailure.class)
        .cause()
        .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo("USER_NOT_FOUND"));
    assertThat(filesUnder(jane)).isEmpty();
  }

  @Test
  void givenAReadyFileInTheOldLayout_whenErasing_itDeletesIt() throws Exception {
    UUID exportId = rows.export(jane, NOW);
    String legacyKey = jane + "/" + exportId + ".zip";
    try (OutputStream out = storage.create(legacyKey)) {
      out.write(1);
    }
    activities.markReady(
        new MarkReadyInput(
            exportId.toString(),
            new BuiltExport(legacyKey, 1, "00", java.util.Map.of()),
            NOW,
            NOW.plus(Duration.ofDays(7))));

    assertThat(cleanup.eraseUserExports(erase(jane))).isEqualTo(1);

    assertThat(storage.exists(legacyKey)).isFalse();
    assertThat(rows.exportRow(exportId)).containsEntry("storage_key", null);
  }

  @Test
  void givenASymbolicLinkUnderTheUsersLocation_whenErasing_itRemovesTheLinkButNotItsTarget()
      throws Exception {
    Path target = Files.writeString(outside.resolve("not-an-export.txt"), "keep me");
    Files.createDirectories(dir.resolve(jane.toString()));
    Files.createSymbolicLink(dir.resolve(jane + "/link.zip"), target);
    Files.createSymbolicLink(dir.resolve(jane + "/dir-link"), outside);

    cleanup.eraseUserExports(erase(jane));

    assertThat(filesUnder(jane)).isEmpty();
    assertThat(target).hasContent("keep me");
  }

  private BuiltExport build(UUID user, UUID exportId) {
    return activities.buildExport(new BuildExportInput(exportId.toString(), user.toString()));
  }

  private static EraseExportsInput erase(UUID user) {
    return new EraseExportsInput(user.toString());
  }

  /** Every entry left under the user's directory but directories: files, temp files, links. */
  private List<Path> filesUnder(UUID user) throws IOException {
    Path location = dir.resolve(user.toString());
    if (!Files.exists(location)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .toList();
    }
  }

  static UUID neighbourOf(UUID user) {
    String u = user.toString();
    return UUID.fromString(u.substring(0, 35) + (u.charAt(35) == 'a' ? 'b' : 'a'));
  }
}
