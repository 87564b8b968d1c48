package com.veza.erasure.activities.deletion;

import static com.veza.erasure.activities.deletion.AccountActivitiesImpl.require;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.veza.erasure.activities.references.ThirdPartyReferences;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.LedgerActivities;
import com.veza.erasure.deletion.PhaseChange;
import com.veza.erasure.deletion.ReceiptRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes phase changes and the receipt to the deletion ledger. Both writes are idempotent; a row
 * already RECOVERED or COMPLETED never moves back, and a phase write older than the row's phase (by
 * the workflow's numbering) leaves the phase alone.
 */
public final class LedgerActivitiesImpl implements LedgerActivities {
  private static final Logger log = LoggerFactory.getLogger(LedgerActivitiesImpl.class);

  /** ISO-8601 dates, so the stored receipt reads the same in SQL as in the Temporal UI. */
  static final ObjectMapper RECEIPT_JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final LedgerDao ledger;
  private final ContentSnapshots snapshots;
  private final ThirdPartyReferences references;
  private final Clock clock;

  public LedgerActivitiesImpl(Jdbi jdbi, Clock clock) {
    this.ledger = jdbi.onDemand(LedgerDao.class);
    this.snapshots = new ContentSnapshots(jdbi);
    this.references = new ThirdPartyReferences(jdbi);
    this.clock = clock;
  }

  @Override
  public void recordPhase(PhaseChange change) {
    require(
        change != null && change.ref() != null && change.phase() != null,
        "ref and phase are required");
    UUID userId = UserIds.parse(change.ref().userId());
    Instant now = clock.instant();
    Instant changedAt = change.changedAt() != null ? change.changedAt() : now;
    int rows =
        ledger.updatePhase(
            userId, change.ref().runId(), change.phase().name(), change.sequence(), changedAt, now);
    if (rows == 0) {
      // A final row, a newer phase already recorded (this write was retried through an outage), a
      // repeat, or a run whose row was never opened: none is worth a retry.
      log.info(
          "Ledger row of run {} (user {}) not moved to {} (write #{})",
          change.ref().runId(),
          userId,
          change.phase(),
          change.sequence());
    } else {
      log.info(
          "Ledger row of run {} (user {}) now {} (write #{})",
          change.ref().runId(),
          userId,
          change.phase(),
          change.sequence());
    }
  }

  @Override
  public void recordReceipt(ReceiptRecord record) {
    require(
        record != null && record.ref() != null && record.receipt() != null,
        "ref and receipt are required");
    UUID userId = UserIds.parse(record.ref().userId());
    Instant now = clock.instant();
    Instant completedAt =
        record.receipt().finishedAt() != null ? record.receipt().finishedAt() : now;
    int rows =
        ledger.complete(
            userId,
            record.ref().runId(),
            toJson(record.receipt()),
            record.receipt().erasureStartedAt(),
            completedAt,
            now);
    if (rows == 0) {
      log.warn(
          "No ledger row for run {} (user {}): receipt not stored", record.ref().runId(), userId);
    } else {
      // After the receipt, so a failure in between leaves ids a retry deletes, never a receipt
      // missing.
      snapshots.delete(record.ref());
      references.delete(record.ref());
      log.info(
          "Ledger row of run {} (user {}) COMPLETED with its receipt",
          record.ref().runId(),
          userId);
    }
  }

  static String toJson(DeletionReceipt receipt) {
    try {
      return RECEIPT_JSON.writeValueAsString(receipt);
    } catch (JsonProcessingException e) {
      // The same receipt fails the same way on every attempt.
      throw ErasureErrors.INVALID_INPUT.failure("receipt is not serializable", e);
    }
  }
}
