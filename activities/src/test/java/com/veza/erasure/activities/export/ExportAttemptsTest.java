package com.veza.erasure.activities.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.ExpireExportInput;
import com.veza.erasure.export.MarkReadyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build attempts of one export run side by side when a heartbeat times out and the stalled attempt
 * wakes up later: each writes its own file, and only the one markReady records is published.
 */
class ExportAttemptsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;

  private ExportRows rows;
  private LocalDirectoryExportStorage storage;
  private ExportActivitiesImpl activities;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final UUID jane = UUID.randomUUID();
  private UUID track;

  @BeforeEach
  void setUp() {
    rows = ExportRows.on(ExportRows.freshDatabase());
    storage = new LocalDirectoryExportStorage(dir);
    activities = new ExportActivitiesImpl(rows.jdbi, storage, clock);
    rows.user(jane, "jane");
    track = rows.track(jane, "Jane's song");
    rows.plays(jane, track, 3);
  }

  @Test
  void givenAStaleAttemptPublishingAfterTheWinner_itLeavesThePublishedFileUnchanged()
      throws Exception {
    UUID exportId = rows.export(jane, NOW);
    PausingStorage stalls = new PausingStorage(storage, PausingStorage.Stall.BEFORE_PUBLISHING);
    CompletableFuture<BuiltExport> stale = startStaleAttempt(exportId, stalls);

    // The data changed between the two attempts: their ZIPs differ.
    rows.plays(jane, track, 1);
    BuiltExport winner = publishedBuild(exportId);
    stalls.resume();
    BuiltExport late = stale.get(30, TimeUnit.SECONDS);

    assertThat(sha256(Files.readAllBytes(dir.resolve(winner.storageKey()))))
        .as("the published file's checksum")
        .isEqualTo(winner.sha256());
    assertThat(late.storageKey()).isNotEqualTo(winner.storageKey());
    assertThat(rows.exportRow(exportId))
        .containsEntry("storage_key", winner.storageKey())
        .containsEntry("sha256", winner.sha256());
  }

  @Test
  void givenAStaleAttemptFailsAfterTheWinner_itDeletesOnlyItsOwnFile() throws Exception {
    UUID exportId = rows.export(jane, NOW);
    PausingStorage stalls =
        new PausingStorage(storage, PausingStorage.Stall.BEFORE_PUBLISHING_THEN_FAIL);
    CompletableFuture<BuiltExport> stale = startStaleAttempt(exportId, stalls);

    BuiltExport winner = publishedBuild(exportId);
    stalls.resume();
    assertThatThrownBy(() -> stale.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);

    assertThat(storage.exists(winner.storageKey())).as("the published file").isTrue();
    assertThat(sha256(Files.readAllBytes(dir.resolve(winner.storageKey()))))
        .isEqualTo(winner.sha256());
    assertThat(filesUnder(jane)).containsExactly(dir.resolve(winner.storageKey()));
  }

  @Test
  void
      givenAPublishedExport_whenALosingAttemptMarksReady_itKeepsThePublishedKeyAndDeletesOnlyTheLosersFile()
          throws Exception {
    UUID exportId = rows.export(jane, NOW);
    BuiltExport loser = activities.buildExport(input(exportId));
    BuiltExport winner = publishedBuild(exportId);

    activities.markReady(
        new MarkReadyInput(exportId.toString(), loser, NOW, NOW.plus(Duration.ofDays(7))));

    assertThat(rows.exportRow(exportId))
        .containsEntry("storage_key", winner.storageKey())
        .containsEntry("sha256", winner.sha256());
    assertThat(storage.exists(winner.storageKey())).isTrue();
    assertThat(storage.exists(loser.storageKey())).isFalse();
  }

  @Test
  void
      givenSeveralAttemptsOfAnExport_whenItExpires_itDeletesEveryAttemptsFileButNotTheUsersOtherExports()
          throws Exception {
    UUID exportId = rows.export(jane, NOW);
    BuiltExport orphan = activities.buildExport(input(exportId));
    BuiltExport winner = publishedBuild(exportId);
    UUID otherId = rows.export(jane, NOW);
    BuiltExport other = activities.buildExport(input(otherId));

    activities.expireExport(new ExpireExportInput(exportId.toString(), winner.storageKey()));

    assertThat(storage.exists(winner.storageKey())).isFalse();
    assertThat(storage.exists(orphan.storageKey())).isFalse();
    assertThat(storage.exists(other.storageKey())).isTrue();
  }

  private CompletableFuture<BuiltExport> startStaleAttempt(UUID exportId, PausingStorage stalls)
      throws InterruptedException {
    ExportActivitiesImpl attempt = new ExportActivitiesImpl(rows.jdbi, stalls, clock);
    CompletableFuture<BuiltExport> stale =
        CompletableFuture.supplyAsync(() -> attempt.buildExport(input(exportId)));
    stalls.awaitPaused();
    return stale;
  }

  /** Temporal's retry of the stalled attempt, built and marked READY by the workflow. */
  private BuiltExport publishedBuild(UUID exportId) {
    BuiltExport built = activities.buildExport(input(exportId));
    activities.markReady(
        new MarkReadyInput(exportId.toString(), built, NOW, NOW.plus(Duration.ofDays(7))));
    return built;
  }

  private BuildExportInput input(UUID exportId) {
    return new BuildExportInput(exportId.toString(), jane.toString());
  }

  private List<Path> filesUnder(UUID user) throws IOException {
    try (Stream<Path> walk = Files.walk(dir.resolve(user.toString()))) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
