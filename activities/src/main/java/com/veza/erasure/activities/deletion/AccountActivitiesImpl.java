package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.mapsql.MapErasure;
import com.veza.erasure.activities.mapsql.MapSnapshot;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.AccountActivities;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.AnonymizeResult;
import com.veza.erasure.deletion.CollectContentInput;
import com.veza.erasure.deletion.ContentSnapshot;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.MarkPendingResult;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.RestoreResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL steps of the account deletion (docs/design.md#deletion-steps, steps 1–4). Free of
 * {@code Activity.getExecutionContext()} so that tests call it directly. Logs user UUIDs and counts
 * only, never a name, email or content.
 */
public final class AccountActivitiesImpl implements AccountActivities {
  private static final Logger log = LoggerFactory.getLogger(AccountActivitiesImpl.class);

  private final AccountDao accounts;
  private final ContentSnapshots snapshots;
  private final MapSnapshot snapshotRules;
  private final MapErasure erasure;
  private final Clock clock;
  private final CoverageGate coverage;

  /** The reference schema's erasure map and coverage rules. */
  public AccountActivitiesImpl(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, new CoverageGate(CoverageCheck.reference(jdbi)));
  }

  /**
   * @param coverage run before the first change of an erasure (COLLECT_CONTENT)
   */
  public AccountActivitiesImpl(Jdbi jdbi, Clock clock, CoverageGate coverage) {
    this(jdbi, clock, ErasureMaps.reference(), coverage);
  }

  /**
   * @param map what erasure removes and anonymizes (docs/describe-your-schema.md)
   * @param coverage run before the first change of an erasure (COLLECT_CONTENT)
   */
  public AccountActivitiesImpl(
      Jdbi jdbi, Clock clock, ValidatedErasureMap map, CoverageGate coverage) {
    this.accounts = jdbi.onDemand(AccountDao.class);
    this.snapshots = new ContentSnapshots(jdbi);
    this.snapshotRules = new MapSnapshot(map);
    this.erasure = new MapErasure(jdbi, map);
    this.clock = clock;
    this.coverage = coverage;
  }

  @Override
  public MarkPendingResult markPendingDeletion(MarkPendingInput input) {
    require(input != null, "input is required");
    LedgerRef ref = checkedRef(input.ref());
    UUID userId = UserIds.parse(ref.userId());
    require(
        input.requestedBy() != null && !input.requestedBy().isBlank(), "requestedBy is required");
    require(input.requestedAt() != null, "requestedAt is required");
    require(input.scheduledFor() != null, "scheduledFor is required");

    LedgerDao.NewEntry entry =
        new LedgerDao.NewEntry(
            userId,
            ref.workflowId(),
            ref.runId(),
            input.keepPublicTracks(),
            input.requestedBy(),
            input.requestedAt(),
            input.scheduledFor());
    MarkPendingResult result =
        accounts
            .markPending(entry, input.takesOverLegacyDeletion(), clock.instant())
            .orElseThrow(() -> userNotFound(userId));
    log.info(
        "Account {} pending deletion until {}, {} sessions revoked, soft-deleted by this request: {}",
        userId,
        input.scheduledFor(),
        result.sessionsRevoked(),
        result.accountSoftDeleted());
    return result;
  }

  @Override
  public RestoreResult restoreAccount(LedgerRef input) {
    LedgerRef ref = checkedRef(input);
    UUID userId = UserIds.parse(ref.userId());
    boolean restored =
        accounts
            .restore(userId, ref.runId(), clock.instant())
            .orElseThrow(() -> userNotFound(userId));
    log.info("Account {} recovered (restored now: {})", userId, restored);
    return new RestoreResult(restored);
  }

  @Override
  public ContentSnapshot snapshotOwnedContent(LedgerRef input) {
    LedgerRef ref = checkedRef(input);
    // The first step of erasure: a gap parks the deletion before anything is changed.
    coverage.requireNoGaps();
    ContentSnapshot snapshot = snapshots.write(ref, snapshotRules);
    log.info(
        "Account {} owns {} tracks ({} public) and {} playlists, snapshot for run {}",
        ref.userId(),
        snapshot.tracks(),
        snapshot.publicTracks(),
        snapshot.playlists(),
        ref.runId());
    return snapshot;
  }

  @Override
  @Deprecated
  public OwnedContent collectOwnedContent(CollectContentInput input) {
    require(input != null, "input is required");
    UUID userId = UserIds.parse(input.userId());
    coverage.requireNoGaps();
    OwnedContent content = accounts.ownedContent(userId);
    log.info(
        "Account {} owns {} tracks ({} public) and {} playlists",
        userId,
        content.trackIds().size(),
        content.publicTrackIds().size(),
        content.playlistIds().size());
    return content;
  }

  @Override
  public AnonymizeResult anonymizeAccount(AnonymizeInput input) {
    require(input != null, "input is required");
    UUID userId = UserIds.parse(checkedRef(input.ref()).userId());
    Instant now = clock.instant();
    Map<String, Long> counts =
        erasure
            .erase(userId, input.keepPublicTracks(), now)
            .orElseThrow(() -> userNotFound(userId));
    log.info(
        "Account {} anonymized (keepPublicTracks={}): {}",
        userId,
        input.keepPublicTracks(),
        counts);
    return new AnonymizeResult(counts);
  }

  private static LedgerRef checkedRef(LedgerRef ref) {
    require(ref != null, "ledger ref is required");
    require(ref.workflowId() != null && !ref.workflowId().isBlank(), "workflowId is required");
    require(ref.runId() != null && !ref.runId().isBlank(), "runId is required");
    return ref;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw ErasureErrors.INVALID_INPUT.failure(message);
    }
  }

  private static RuntimeException userNotFound(UUID userId) {
    return ErasureErrors.USER_NOT_FOUND.failure("no user " + userId);
  }
}
