package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchActivities;
import com.veza.erasure.deletion.SearchPurgeInput;
import com.veza.erasure.deletion.SearchPurgeResult;
import com.veza.erasure.testing.TestElasticsearch;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // also covers the path of runs started before content-snapshot
class SearchActivitiesImplTest {
  static final String USER = SearchIndexPurgerTest.VICTIM.toString();

  TestActivityEnvironment env;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void givenNoElasticsearchConfigured_itSkips() {
    SearchPurgeResult result =
        new SearchActivitiesImpl(null, null)
            .purgeSearch(new SearchPurgeInput(USER, true, OwnedContent.empty()));

    assertThat(result).isEqualTo(SearchPurgeResult.skippedResult());
  }

  @Test
  void givenAMalformedUserId_itFailsNonRetryableEvenWhenSkipping() {
    Throwable thrown =
        catchThrowable(
            () ->
                new SearchActivitiesImpl(null, null)
                    .purgeSearch(new SearchPurgeInput("user:*", false, null)));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("INVALID_INPUT");
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void givenElasticsearch_itPurgesInsideAnActivityAndHeartbeats() throws IOException {
    try (SearchTestIndices es = new SearchTestIndices(TestElasticsearch.shared().httpUrl())) {
      es.index(es.settings.usersIndex(), USER, Map.of("display_name", "Victim Name"));
      es.index(
          es.settings.playlistsIndex(),
          Map.of(
              SearchIndexPurgerTest.PLAYLIST_1, Map.of("name", "Mine"),
              SearchIndexPurgerTest.PLAYLIST_2, Map.of("name", "Mine too")));
      AtomicInteger heartbeats = new AtomicInteger();
      env.setActivityHeartbeatListener(Object.class, details -> heartbeats.incrementAndGet());
      env.registerActivitiesImplementations(new SearchActivitiesImpl(es.purger(), null));
      SearchActivities activities =
          env.newActivityStub(
              SearchActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      OwnedContent content =
          new OwnedContent(
              List.of(),
              List.of(),
              List.of(SearchIndexPurgerTest.PLAYLIST_1, SearchIndexPurgerTest.PLAYLIST_2));

      SearchPurgeResult result = activities.purgeSearch(new SearchPurgeInput(USER, false, content));

      assertThat(result).isEqualTo(SearchTestIndices.referenceResult(1, 0, 0, 2, null));
      assertThat(heartbeats.get())
          .isPositive(); // Temporal throttles heartbeats: the first one always goes through
      assertThat(es.exists(es.settings.playlistsIndex(), SearchIndexPurgerTest.PLAYLIST_1))
          .isFalse();
    }
  }

  @Test
  void givenAMappingFailure_itFailsTheActivityWithTheNonRetryableType() throws IOException {
    try (SearchTestIndices es = new SearchTestIndices(TestElasticsearch.shared().httpUrl())) {
      es.createIndex(
          es.settings.tracksIndex(),
          "{\"mappings\":{\"properties\":{\"artist\":{\"type\":\"integer\"}}}}");
      es.index(
          es.settings.tracksIndex(),
          SearchIndexPurgerTest.withoutArtist(
              SearchIndexPurgerTest.trackDocs(
                  SearchIndexPurgerTest.VICTIM,
                  "Victim Name",
                  List.of(SearchIndexPurgerTest.PUBLIC_1),
                  true)));
      env.registerActivitiesImplementations(new SearchActivitiesImpl(es.purger(), null));
      SearchActivities activities =
          env.newActivityStub(
              SearchActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      OwnedContent content =
          new OwnedContent(
              List.of(SearchIndexPurgerTest.PUBLIC_1),
              List.of(SearchIndexPurgerTest.PUBLIC_1),
              List.of());

      Throwable thrown =
          catchThrowable(() -> activities.purgeSearch(new SearchPurgeInput(USER, true, content)));

      assertThat(thrown).isInstanceOf(ActivityFailure.class);
      assertThat(thrown.getCause())
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure -> {
                assertThat(failure.getType()).isEqualTo("SEARCH_MAPPING");
                assertThat(failure.isNonRetryable()).isTrue();
              });
    }
  }
}
