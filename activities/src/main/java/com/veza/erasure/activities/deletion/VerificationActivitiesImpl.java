package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SnapshotInput;
import com.veza.erasure.deletion.SweptSnapshotInput;
import com.veza.erasure.deletion.VerificationActivities;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.deletion.VerifyInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads PostgreSQL, Redis, Elasticsearch and the export storage after erasure; an unconfigured
 * store stays null.
 */
public final class VerificationActivitiesImpl implements VerificationActivities {

  private static final Logger log = LoggerFactory.getLogger(VerificationActivitiesImpl.class);

  private final AccountVerifier account;
  private final RedisKeyPurger cache;
  private final SearchIndexPurger search;
  private final ExportStorage exports;
  private final ContentSnapshots snapshots;

  /**
   * @param cache null when Redis is not configured
   * @param search null when Elasticsearch is not configured
   * @param exports where data export files live
   * @param snapshots where {@link #verifyErasureFromSnapshot} reads the ids of search docs
   */
  public VerificationActivitiesImpl(
      AccountVerifier account,
      RedisKeyPurger cache,
      SearchIndexPurger search,
      ExportStorage exports,
      ContentSnapshots snapshots) {
    this.account = account;
    this.cache = cache;
    this.search = search;
    this.exports = exports;
    this.snapshots = snapshots;
  }

  @Override
  public VerificationReport verifyErasureFromSnapshot(SnapshotInput input) {
    LedgerRef ref = input == null ? null : input.ref();
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {});
    }
    // Only with Elasticsearch: the tests of the other stores call this outside an activity.
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        snapshots.read(ref, input.keepPublicTracks()),
        () -> context.heartbeat(null));
  }

  @Override
  public VerificationReport verifyErasureAfterCacheSweep(SweptSnapshotInput input) {
    LedgerRef ref = input == null ? null : input.ref();
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    Long sweptLeft = input.cacheKeysLeft();
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {}, sweptLeft);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        snapshots.read(ref, input.keepPublicTracks()),
        () -> context.heartbeat(null),
        sweptLeft);
  }

  @Override
  @Deprecated
  public VerificationReport verifyErasure(VerifyInput input) {
    UUID userId = UserIds.parse(input.userId());
    OwnedContent content = input.content() == null ? OwnedContent.empty() : input.content();
    if (search == null) {
      return verify(userId, input.keepPublicTracks(), null, () -> {});
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    return verify(
        userId,
        input.keepPublicTracks(),
        ContentIds.of(content, input.keepPublicTracks()),
        () -> context.heartbeat(null));
  }

  /**
   * @param content the ids of search docs; null when Elasticsearch is not configured
   */
  private VerificationReport verify(
      UUID userId, boolean keepPublicTracks, ContentIds content, Runnable heartbeat) {
    return verify(
        userId,
        keepPublicTracks,
        content,
        heartbeat,
        cache == null ? null : cache.countRemaining(userId));
  }

  /**
   * @param cacheKeysLeft the user's Redis keys left, as just counted; null when Redis is not
   *     configured
   */
  private VerificationReport verify(
      UUID userId,
      boolean keepPublicTracks,
      ContentIds content,
      Runnable heartbeat,
      Long cacheKeysLeft) {
    VerificationReport report =
        new VerificationReport(
            account.countPiiRowsLeft(userId),
            account.countTracksLeft(userId, keepPublicTracks),
            account.countPlaylistsLeft(userId),
            cacheKeysLeft,
            search == null ? null : search.countRemaining(userId, content, heartbeat),
            exportFilesLeft(userId));
    if (report.clean()) {
      log.info("erasure verified clean for user {}", userId);
    } else {
      log.warn("erasure of user {} left data behind: {}", userId, report);
    }
    return report;
  }

  /** Whatever the rows say: a file no row names holds the same personal data. */
  private long exportFilesLeft(UUID userId) {
    try {
      return exports.count(ExportStorage.userLocation(userId.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not count the user's export files", e);
    }
  }
}
