package com.veza.erasure.activities.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import com.veza.erasure.export.EraseExportsInput;
import com.veza.erasure.export.ExpireExportInput;
import com.veza.erasure.export.MarkFailedInput;
import com.veza.erasure.export.MarkReadyInput;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export activities on a real PostgreSQL and a real directory. */
class ExportActivitiesImplTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;

  private ExportRows rows;
  private LocalDirectoryExportStorage storage;
  private ExportActivitiesImpl activities;
  private ExportCleanupActivitiesImpl cleanup;

  private final UUID jane = UUID.randomUUID();
  private final UUID john = UUID.randomUUID();
  private UUID janeTrack;
  private UUID johnTrack;
  private UUID janePlaylist;
  private final List<UUID> janeMessages = new ArrayList<>();

  @BeforeEach
  void setUp() {
    rows = ExportRows.on(ExportRows.freshDatabase());
    storage = new LocalDirectoryExportStorage(dir);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    activities = new ExportActivitiesImpl(rows.jdbi, storage, clock);
    cleanup = new ExportCleanupActivitiesImpl(rows.jdbi, storage, clock);

    rows.user(jane, "jane");
    rows.user(john, "john");
    janeTrack = rows.track(jane, "Jane's song");
    johnTrack = rows.track(john, "John's song");
    janePlaylist = rows.playlist(jane, janeTrack, johnTrack);
    rows.playlist(john, johnTrack, janeTrack);
    janeMessages.add(rows.message(jane, john, "hi John"));
    janeMessages.add(rows.message(john, jane, "hello Jane"));
    rows.message(john, john, "note to self");
    rows.plays(jane, johnTrack, 3);
    rows.plays(john, janeTrack, 5);
  }

  private BuiltExport build(UUID exportId) {
    return activities.buildExport(new BuildExportInput(exportId.toString(), jane.toString()));
  }

  @Test
  void whenBuildingAnExport_itPutsEveryFileInTheZipWithOnlyTheUsersRows() throws Exception {
    UUID exportId = rows.export(jane, NOW);
    BuiltExport built = build(exportId);

    // Under the user's location, in a file of this attempt's own.
    assertThat(built.storageKey()).matches(jane + "/" + exportId + "/[0-9a-f-]{36}\\.zip");
    assertThat(built.rowCounts())
        .containsEntry("profile.json", 1L)
        .containsEntry("tracks.json", 1L)
        .containsEntry("playlists.json", 1L)
        .containsEntry("messages.json", 2L)
        .containsEntry("playback_history.json", 3L);
    byte[] zip = Files.readAllBytes(dir.resolve(built.storageKey()));
    assertThat(built.sizeBytes()).isEqualTo(zip.length);
    assertThat(built.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));

    StringBuilder readme = new StringBuilder();
    Map<String, JsonNode> files;
    try (InputStream in = storage.open(built.storageKey())) {
      files = ExportZips.read(in, readme);
    }
    assertThat(files)
        .containsOnlyKeys(
            "profile.json",
            "tracks.json",
            "playlists.json",
            "messages.json",
            "playback_history.json",
            "README.txt");
    for (String name : List.of("profile.json", "tracks.json", "playlists.json", "messages.json")) {
      assertThat(readme).contains(name);
    }

    JsonNode profile = files.get("profile.json").get(0);
    assertThat(files.get("profile.json")).hasSize(1);
    assertThat(profile.get("id").asText()).isEqualTo(jane.toString());
    assertThat(profile.get("email").asText()).isEqualTo("jane@example.com");
    assertThat(profile.get("bio").asText()).isEqualTo("I am jane");
    assertThat(profile.has("password_hash")).isFalse();
    assertThat(files.get("profile.json").toString()).doesNotContain("secret-hash");

    assertThat(ids(files.get("tracks.json"))).containsExactly(janeTrack.toString());
    JsonNode playlist = files.get("playlists.json").get(0);
    assertThat(playlist.get("id").asText()).isEqualTo(janePlaylist.toString());
    assertThat(texts(playlist.get("track_ids")))
        .containsExactly(janeTrack.toString(), johnTrack.toString());
    assertThat(ids(files.get("messages.json")))
        .containsExactlyInAnyOrderElementsOf(janeMessages.stream().map(UUID::toString).toList());
    assertThat(files.get("messages.json").toString()).doesNotContain("note to self");
    assertThat(files.get("playback_history.json"))
        .hasSize(3)
        .allSatisfy(
            play -> assertThat(play.get("track_id").asText()).isEqualTo(johnTrack.toString()));
    // Nothing of John's own data is in Jane's export.
    String all =
        files.values().stream()
            .filter(n -> n != null)
            .map(JsonNode::toString)
            .reduce("", String::concat);
    assertThat(all).doesNotContain("john@example.com", "I am john", "John's song");

    assertThat(rows.exportRow(exportId)).containsEntry("status", "RUNNING");
    activities.markReady(
        new MarkReadyInput(exportId.toString(), built, NOW, NOW.plus(Duration.ofDays(7))));
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "READY")
        .containsEntry("sha256", built.sha256())
        .containsEntry("storage_key", built.storageKey())
        .containsEntry("size_bytes", built.sizeBytes());
    // A retried build of a READY export returns the same file.
    assertThat(build(exportId).sha256()).isEqualTo(built.sha256());
  }

  @Test
  void whenExpiringAnExport_itDeletesTheFileAndMarksItExpiredAndTwiceIsHarmless() throws Exception {
    UUID exportId = rows.export(jane, NOW);
    BuiltExport built = build(exportId);
    activities.markReady(
        new MarkReadyInput(exportId.toString(), built, NOW, NOW.plus(Duration.ofDays(7))));
    ExpireExportInput expire = new ExpireExportInput(exportId.toString(), built.storageKey());
    activities.expireExport(expire);
    activities.expireExport(expire);
    assertThat(storage.exists(built.storageKey())).isFalse();
    assertThat(rows.exportRow(exportId))
        .containsEntry("status", "EXPIRED")
        .containsEntry("storage_key", null);
  }

  @Test
  void whenErasingTheAccount_itDeletesItsExportFilesAndAnonymizesTheRows() throws Exception {
    UUID ready = rows.export(jane, NOW);
    BuiltExport built = build(ready);
    activities.markReady(
        new MarkReadyInput(ready.toString(), built, NOW, NOW.plus(Duration.ofDays(7))));
    UUID failed = rows.export(jane, NOW);
    activities.markFailed(new MarkFailedInput(failed.toString(), "TIMEOUT_START_TO_CLOSE"));
    UUID johns = rows.export(john, NOW);
    BuiltExport johnsBuilt =
        activities.buildExport(new BuildExportInput(johns.toString(), john.toString()));

    assertThat(cleanup.eraseUserExports(new EraseExportsInput(jane.toString()))).isEqualTo(1);
    assertThat(cleanup.eraseUserExports(new EraseExportsInput(jane.toString()))).isZero();

    assertThat(storage.exists(built.storageKey())).isFalse();
    assertThat(rows.exportRow(ready))
        .containsEntry("status", "EXPIRED")
        .containsEntry("storage_key", null);
    assertThat(rows.exportRow(ready).get("anonymized_at")).isNotNull();
    assertThat(rows.exportRow(failed)).containsEntry("status", "FAILED");
    assertThat(rows.exportRow(failed).get("anonymized_at")).isNotNull();
    // Another user's export is untouched.
    assertThat(storage.exists(johnsBuilt.storageKey())).isTrue();
    assertThat(rows.exportRow(johns).get("anonymized_at")).isNull();
  }

  @Test
  void givenAnAnonymizedAccount_whenBuildingAnExport_itFailsWithUserNotFound() {
    UUID exportId = rows.export(jane, NOW);
    rows.jdbi.useHandle(
        h -> h.execute("UPDATE users SET anonymized_at = now() WHERE id = ?", jane));
    assertThatThrownBy(() -> build(exportId))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("USER_NOT_FOUND"));
  }

  @Test
  void givenAKeyOutsideTheStorageRoot_whenCreatingAFile_itIsRejected() {
    for (String key : List.of("../x.zip", "/etc/passwd", "a/../../x.zip", "", "a\\b.zip")) {
      assertThatThrownBy(() -> storage.create(key))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void givenAUserIdThatIsNotAUuid_itIsRejected() {
    assertThatThrownBy(
            () ->
                activities.buildExport(
                    new BuildExportInput(UUID.randomUUID().toString(), "1-1-1-1-1")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("INVALID_INPUT"));
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
