package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The by-field search counts are new fields of activity results: results recorded before them must
 * still read, and a replay must build the same step counts it built then.
 */
class SearchCountsTest {

  @Test
  void givenAPurgeResultRecordedBeforeByFieldCounts_itReadsThemAsNullAndBuildsTheOldCounts() {
    SearchPurgeResult old =
        read(
            "{\"skipped\":false,\"usersDeleted\":1,\"tracksDeleted\":2,\"tracksAnonymized\":3,"
                + "\"playlistsDeleted\":4}",
            SearchPurgeResult.class);

    assertThat(old).isEqualTo(new SearchPurgeResult(false, 1, 2, 3, 4, null, null, null));
    assertThat(SearchPurgeCounts.of(old))
        .containsOnlyKeys(
            "users_deleted", "tracks_deleted", "tracks_anonymized", "playlists_deleted");
  }

  @Test
  void givenAPurgeResultWithATracksSweep_itRoundTripsAndCountsIt() {
    SearchPurgeResult result = new SearchPurgeResult(false, 1, 2, 0, 1, null, 5L, null);

    SearchPurgeResult read = read(write(result), SearchPurgeResult.class);

    assertThat(read).isEqualTo(result);
    assertThat(SearchPurgeCounts.of(read))
        .containsEntry("tracks_deleted_by_field", 5L)
        .doesNotContainKeys("users_deleted_by_field", "playlists_deleted_by_field");
  }

  @Test
  void givenAPurgeResultPerMapIndex_itRoundTripsAndCountsEachIndexByItsMapName() {
    SearchPurgeResult result =
        SearchPurgeResult.ofIndices(
            List.of(
                new SearchIndexPurged("users", 1, null, null),
                new SearchIndexPurged("tracks", 3, 2L, 4L),
                new SearchIndexPurged("comments", 0, null, 7L)));

    SearchPurgeResult read = read(write(result), SearchPurgeResult.class);

    assertThat(read).isEqualTo(result);
    assertThat(SearchPurgeCounts.of(read))
        .containsExactly(
            entry("users_deleted", 1L),
            entry("tracks_deleted", 3L),
            entry("tracks_anonymized", 2L),
            entry("tracks_deleted_by_field", 4L),
            entry("comments_deleted", 0L),
            entry("comments_deleted_by_field", 7L));
  }

  @Test
  void givenAReportRecordedBeforeByFieldCounts_itReadsThemAsNullAndBuildsTheOldCounts() {
    VerificationReport old =
        read(
            "{\"piiRowsLeft\":0,\"tracksLeft\":0,\"playlistsLeft\":0,\"cacheKeysLeft\":null,"
                + "\"searchDocsLeft\":0,\"exportFilesLeft\":0}",
            VerificationReport.class);

    assertThat(old).isEqualTo(new VerificationReport(0, 0, 0, null, 0L, 0));
    assertThat(VerificationCounts.of(old)).doesNotContainKey("search_docs_left_by_field");
    assertThat(old.clean()).isTrue();
  }

  @Test
  void givenADocLeftByField_itRoundTripsPerIndexAndIsNotClean() {
    VerificationReport report =
        new VerificationReport(
            0,
            0,
            0,
            0L,
            0L,
            0,
            1L,
            Map.of("users", new SearchIndexLeft(0, null), "tracks", new SearchIndexLeft(0, 1L)));

    VerificationReport read = read(write(report), VerificationReport.class);

    assertThat(read).isEqualTo(report);
    assertThat(read.clean()).isFalse();
    assertThat(VerificationCounts.of(read)).containsEntry("search_docs_left_by_field", 1L);
  }

  private static String write(Object value) {
    return DefaultDataConverter.STANDARD_INSTANCE
        .toPayload(value)
        .orElseThrow()
        .getData()
        .toString(StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    Payload payload =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
            .build();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, type, type);
  }
}
