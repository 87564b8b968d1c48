package com.veza.erasure.activities.references;

import com.veza.erasure.activities.db.StoreFailures;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.ReferenceActivities;
import com.veza.erasure.deletion.ReferenceCounts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THIRD_PARTY_REFERENCES (docs/design.md#third-party-references). The user's names live in local
 * variables of one attempt: read from {@code users}, matched, dropped. What leaves is counts, and
 * failures say which store and what kind, never a statement, a query or a value.
 */
public final class ReferenceActivitiesImpl implements ReferenceActivities {
  private static final Logger log = LoggerFactory.getLogger(ReferenceActivitiesImpl.class);

  /**
   * Attempts after which an Elasticsearch that cannot be read is left out (seconds, at the retry
   * policy's 1 s, 2 s backoff): this step runs before anonymization, and an index outage must not
   * hold the user's data in PostgreSQL for the day the give-up budget allows. The index's own purge
   * comes later and parks the deletion if the outage lasts.
   */
  static final int SEARCH_ATTEMPTS = 3;

  private final ReferenceDao dao;
  private final SearchIndexPurger search;
  private final ReferenceSettings settings;

  /**
   * @param search null when Elasticsearch is not configured: only PostgreSQL is looked at
   */
  public ReferenceActivitiesImpl(Jdbi jdbi, SearchIndexPurger search, ReferenceSettings settings) {
    this.dao = jdbi.onDemand(ReferenceDao.class);
    this.search = search;
    this.settings = settings;
  }

  @Override
  public ReferenceCounts findThirdPartyReferences(LedgerRef input) {
    if (input == null || input.runId() == null || input.runId().isBlank()) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref with a run id is required");
    }
    UUID userId = UserIds.parse(input.userId());
    Runnable heartbeat = heartbeat();
    boolean searchUnavailable = false;
    try {
      long deletionId =
          dao.deletionId(input.runId(), userId)
              .orElseThrow(
                  () ->
                      ErasureErrors.INVALID_INPUT.failure(
                          "no ledger row for run " + input.runId() + " of user " + userId));
      ReferenceDao.Names names =
          dao.names(userId)
              .orElseThrow(() -> ErasureErrors.USER_NOT_FOUND.failure("no user " + userId));
      // Once anonymized the names are "Deleted user" and the like: nobody else's track is about
      // them. What an earlier attempt found is still counted below.
      if (names.anonymizedAt() == null) {
        NameMatcher matcher =
            NameMatcher.of(
                Arrays.asList(names.username(), names.displayName()), settings.minNameLength());
        if (!matcher.isEmpty()) {
          new TrackReferences(dao, settings).scan(deletionId, userId, matcher, heartbeat);
          if (search != null) {
            searchUnavailable = !scanSearch(deletionId, userId, matcher, heartbeat);
          }
        }
      }
      ReferenceDao.Counts tracks = dao.count(deletionId, ReferenceDao.POSTGRES);
      ReferenceDao.Counts docs = search == null ? null : dao.count(deletionId, ReferenceDao.SEARCH);
      ReferenceCounts counts =
          new ReferenceCounts(
              tracks.found(),
              docs == null ? null : docs.found(),
              settings.scrub(),
              tracks.scrubbed(),
              docs == null ? null : docs.scrubbed(),
              searchUnavailable);
      log.info(
          "Account {}: third-party references {} (scrub={}) for run {}",
          userId,
          counts.counts(),
          settings.scrub(),
          input.runId());
      return counts;
    } catch (JdbiException e) {
      throw StoreFailures.withoutValues(e);
    }
  }

  /** Returns false when the index is left out: it failed for good, or on the last attempt. */
  private boolean scanSearch(long deletionId, UUID userId, NameMatcher names, Runnable heartbeat) {
    try {
      new SearchReferences(search.client(), search.settings().tracksIndex(), dao, settings)
          .scan(deletionId, userId, names, heartbeat);
      return true;
    } catch (ApplicationFailure e) {
      if (!e.isNonRetryable() && attempt() < SEARCH_ATTEMPTS) {
        throw e;
      }
      log.warn(
          "Account {}: third-party references in Elasticsearch left out after attempt {}: {}",
          userId,
          attempt(),
          e.getType());
      return false;
    }
  }

  private static int attempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException e) {
      return 1;
    }
  }

  /** The activity's heartbeat; a no-op when called outside an activity (tests). */
  private static Runnable heartbeat() {
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      return () -> context.heartbeat(null);
    } catch (IllegalStateException e) {
      return () -> {};
    }
  }
}
