package com.veza.erasure.activities.deletion;

import static com.veza.erasure.activities.deletion.AccountActivitiesImplTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.PhaseChange;
import com.veza.erasure.deletion.ReceiptRecord;
import com.veza.erasure.deletion.StepOutcome;
import com.veza.erasure.deletion.VerificationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerActivitiesImplTest {
  private static final Instant REQUESTED = Instant.parse("2026-10-27T09:00:00Z");
  private static final Instant SCHEDULED_FOR = REQUESTED.plus(Duration.ofDays(30));
  private static final Instant T1 = SCHEDULED_FOR.plusSeconds(1);
  private static final Instant T2 = SCHEDULED_FOR.plusSeconds(120);
  private static final UUID USER = UUID.fromString("0a1b2c3d-0000-4000-8000-00000000abcd");
  private static final LedgerRef REF =
      new LedgerRef(USER.toString(), "account-deletion-" + USER, "run-42");

  private Jdbi jdbi;
  private LedgerDao ledger;

  @BeforeEach
  void setUp() {
    jdbi = PlatformRows.freshDatabase();
    ledger = jdbi.onDemand(LedgerDao.class);
    new PlatformRows(jdbi).user(USER, "ledger-user");
    new AccountActivitiesImpl(jdbi, Clock.fixed(REQUESTED, ZoneOffset.UTC))
        .markPendingDeletion(
            new MarkPendingInput(
                REF, false, "admin:" + UUID.randomUUID(), REQUESTED, SCHEDULED_FOR));
  }

  private LedgerActivitiesImpl at(Instant now) {
    return new LedgerActivitiesImpl(jdbi, Clock.fixed(now, ZoneOffset.UTC));
  }

  private LedgerDao.Entry entry() {
    return ledger.findByRunId(REF.runId()).orElseThrow();
  }

  @Test
  void whenRecordingTheErasingPhase_itSetsTheStartOnceAndAnOperatorRetryKeepsIt() {
    at(T1).recordPhase(change(DeletionPhase.ERASING, 1, T1));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.ERASING);
    assertThat(entry().erasureStartedAt()).isEqualTo(T1);
    assertThat(entry().updatedAt()).isEqualTo(T1);

    at(T1.plusSeconds(5)).recordPhase(change(DeletionPhase.NEEDS_ATTENTION, 2, T1.plusSeconds(5)));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);

    at(T2).recordPhase(change(DeletionPhase.ERASING, 3, T2));
    at(T2).recordPhase(change(DeletionPhase.ERASING, 3, T2));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.ERASING);
    assertThat(entry().erasureStartedAt()).isEqualTo(T1);
    assertThat(entry().updatedAt()).isEqualTo(T2);
    assertThat(entry().completedAt()).isNull();
  }

  @Test
  void whenRecordingTheReceipt_itCompletesTheRowWithTheReceiptAsIsoJsonIdempotently()
      throws Exception {
    at(T1).recordPhase(change(DeletionPhase.ERASING, 1, T1));
    DeletionReceipt receipt = receipt(T2);

    at(T2).recordReceipt(new ReceiptRecord(REF, receipt));
    LedgerDao.Entry done = entry();
    assertThat(done.phase()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(done.completedAt()).isEqualTo(T2);
    assertThat(done.erasureStartedAt()).isEqualTo(T1);
    assertThat(LedgerActivitiesImpl.RECEIPT_JSON.readValue(done.receipt(), DeletionReceipt.class))
        .isEqualTo(receipt);
    String finishedAt =
        jdbi.withHandle(
            h ->
                h.select("SELECT receipt->>'finishedAt' FROM deletion_requests")
                    .mapTo(String.class)
                    .one());
    assertThat(finishedAt).isEqualTo("2026-11-26T09:02:00Z");
    String counted =
        jdbi.withHandle(
            h ->
                h.select(
                        "SELECT receipt->'steps'->'ANONYMIZE'->'counts'->>'users' FROM"
                            + " deletion_requests")
                    .mapTo(String.class)
                    .one());
    assertThat(counted).isEqualTo("1");

    at(T2.plusSeconds(30)).recordReceipt(new ReceiptRecord(REF, receipt));
    assertThat(entry().completedAt()).isEqualTo(T2);
    assertThat(entry().phase()).isEqualTo(DeletionPhase.COMPLETED);

    // A completed row never moves back.
    at(T2.plusSeconds(60)).recordPhase(change(DeletionPhase.ERASING, 9, T2));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.COMPLETED);
  }

  @Test
  void givenARecoveredRow_whenRecordingALaterPhase_itKeepsTheRowRecovered() {
    new AccountActivitiesImpl(jdbi, Clock.fixed(T1, ZoneOffset.UTC)).restoreAccount(REF);
    at(T2).recordPhase(change(DeletionPhase.ERASING, 1, T2));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(entry().erasureStartedAt()).isNull();
  }

  @Test
  void whenWritingTheLedger_itTouchesOnlyItsOwnRunAndRejectsABadUserId() {
    var otherRun = new LedgerRef(USER.toString(), REF.workflowId(), "run-other");
    at(T1).recordPhase(new PhaseChange(otherRun, DeletionPhase.ERASING, 1, T1));
    at(T1).recordReceipt(new ReceiptRecord(otherRun, receipt(T1)));
    assertThat(entry().phase()).isEqualTo(DeletionPhase.SCHEDULED);

    var bad = new LedgerRef("zzz", REF.workflowId(), REF.runId());
    assertFailure(
        () -> at(T1).recordPhase(new PhaseChange(bad, DeletionPhase.ERASING, 1, T1)),
        ErasureErrors.INVALID_INPUT);
    assertFailure(
        () -> at(T1).recordReceipt(new ReceiptRecord(bad, receipt(T1))),
        ErasureErrors.INVALID_INPUT);
  }

  @Test
  void givenANewerPhaseRecorded_whenAStaleWriteLandsLate_itKeepsTheNewerPhase() {
    // During an outage both writes are retried; the later one (NEEDS_ATTENTION) lands first.
    at(T2).recordPhase(change(DeletionPhase.NEEDS_ATTENTION, 2, T1.plusSeconds(120)));
    at(T2.plusSeconds(30)).recordPhase(change(DeletionPhase.ERASING, 1, T1));

    LedgerDao.Entry row = entry();
    assertThat(row.phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
    assertThat(row.phaseSequence()).isEqualTo(2);
    assertThat(row.updatedAt()).isEqualTo(T2);
    // The late ERASING write still says when erasure started: the workflow's time, not its own.
    assertThat(row.erasureStartedAt()).isEqualTo(T1);

    // A retried attempt of a write that already landed changes nothing.
    at(T2.plusSeconds(60)).recordPhase(change(DeletionPhase.NEEDS_ATTENTION, 2, T1));
    assertThat(entry().updatedAt()).isEqualTo(T2);
    assertThat(entry().phase()).isEqualTo(DeletionPhase.NEEDS_ATTENTION);
  }

  @Test
  void givenAnOrderedWriteLandingAfterAnOutage_itRecordsTheWorkflowsTimeOfTheChange() {
    at(T2).recordPhase(change(DeletionPhase.ERASING, 1, T1));

    assertThat(entry().phase()).isEqualTo(DeletionPhase.ERASING);
    assertThat(entry().erasureStartedAt()).isEqualTo(T1);
    assertThat(entry().updatedAt()).isEqualTo(T2);
  }

  @Test
  void givenAnUnnumberedWriteOfAnOlderRun_itAppliesAsItAlwaysDid() {
    at(T1).recordPhase(change(DeletionPhase.NEEDS_ATTENTION, 5, T1));
    // A run started before writes were numbered sends 0 and no time: last write wins.
    at(T2).recordPhase(change(DeletionPhase.ERASING, 0, null));

    assertThat(entry().phase()).isEqualTo(DeletionPhase.ERASING);
    assertThat(entry().erasureStartedAt()).isEqualTo(T2);
    assertThat(entry().phaseSequence()).isEqualTo(5);
  }

  @Test
  void givenTheErasingWriteNeverLanded_whenTheReceiptIsRecorded_itRecordsWhenErasureStarted() {
    at(T2).recordReceipt(new ReceiptRecord(REF, receipt(T2)));

    assertThat(entry().phase()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(entry().erasureStartedAt()).isEqualTo(T1);
  }

  private static PhaseChange change(DeletionPhase phase, long sequence, Instant changedAt) {
    return new PhaseChange(REF, phase, sequence, changedAt);
  }

  private static DeletionReceipt receipt(Instant finishedAt) {
    return new DeletionReceipt(
        USER.toString(),
        DeletionPhase.COMPLETED,
        false,
        REQUESTED,
        SCHEDULED_FOR,
        T1,
        finishedAt,
        Map.of(
            DeletionStep.ANONYMIZE,
            StepOutcome.pending()
                .running()
                .succeeded(Map.of("users", 1L, "tracks_deleted", 3L), finishedAt),
            DeletionStep.PURGE_CACHE,
            StepOutcome.pending().skipped(finishedAt)),
        new VerificationReport(0, 0, 0, null, 0L, 0));
  }
}
