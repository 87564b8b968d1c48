package com.veza.erasure.api.deletion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.veza.erasure.api.backfill.LegacyCandidatesReadDao;
import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRefusal;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import com.veza.erasure.deletion.DeletionStatus;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's commands and reads on deletions: through Temporal for anything live, the ledger for
 * history. Translates the workflow's refusals into API errors; every refusal happens before, or
 * instead of, a change (Update validators run before anything is written to history).
 */
public final class DeletionService implements Deletions {

  /** The ledger stores receipts as the activities wrote them: camelCase, ISO dates. */
  private static final ObjectMapper RECEIPT_JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final WorkflowClient client;
  private final DeletionWorkflowStarter starter;
  private final DeletionLedgerReadDao ledger;
  private final LegacyCandidatesReadDao legacy;
  private final Duration recoveryWindow;
  private final Clock clock;

  public DeletionService(
      WorkflowClient client,
      String taskQueue,
      DeletionLedgerReadDao ledger,
      LegacyCandidatesReadDao legacy,
      Duration recoveryWindow,
      Clock clock) {
    this.client = client;
    this.starter = new DeletionWorkflowStarter(client, taskQueue);
    this.ledger = ledger;
    this.legacy = legacy;
    this.recoveryWindow = recoveryWindow;
    this.clock = clock;
  }

  /**
   * Starts the user's deletion, or joins the one already running (USE_EXISTING). An account the
   * platform's old path scheduled for deletion, and the backfill has not reached yet, keeps the
   * deadline it was given when that is earlier: a new request never puts an erasure off.
   */
  @Override
  public DeletionAccepted request(UUID userId, boolean keepPublicTracks, String requestedBy) {
    Instant now = clock.instant();
    Instant legacyDeadline =
        legacy.deadlineOf(userId).filter(d -> d.isBefore(now.plus(recoveryWindow))).orElse(null);
    // The window to the legacy deadline, so a worker older than originalDeadline computes it too.
    Duration window =
        legacyDeadline == null
            ? recoveryWindow
            : Duration.between(now, legacyDeadline).isNegative()
                ? Duration.ZERO
                : Duration.between(now, legacyDeadline);
    DeletionRequest request =
        new DeletionRequest(
            userId.toString(), keepPublicTracks, requestedBy, now, window, legacyDeadline);
    WorkflowExecution execution = starter.start(request);
    // A joined run has its own phase and deadline; the search attributes carry both, no worker
    // needed.
    SearchAttributes attributes =
        client
            .newUntypedWorkflowStub(
                WorkflowTargetOptions.newBuilder().setWorkflowExecution(execution).build())
            .describe()
            .getTypedSearchAttributes();
    String phase = attributes.get(DeletionSearchAttributes.PHASE);
    OffsetDateTime scheduledFor = attributes.get(DeletionSearchAttributes.SCHEDULED_FOR);
    return new DeletionAccepted(
        execution.getWorkflowId(),
        execution.getRunId(),
        phase == null ? DeletionPhase.SCHEDULED : DeletionPhase.valueOf(phase),
        scheduledFor == null ? request.scheduledFor() : scheduledFor.toInstant());
  }

  @Override
  public DeletionStatus status(UUID userId) {
    try {
      return starter.existing(userId.toString()).status();
    } catch (WorkflowNotFoundException e) {
      throw noDeletion();
    }
  }

  /** The user takes the account back; 409 once erasure started or after a recovery. */
  @Override
  public DeletionStatus recover(UUID userId) {
    try {
      return starter.existing(userId.toString()).recover();
    } catch (WorkflowUpdateException e) {
      throw refused(e, DeletionRefusal.ERASURE_STARTED);
    } catch (WorkflowNotFoundException e) {
      // No workflow at all, or a closed run (recovered or erased): Updates only reach running ones.
      DeletionPhase phase = closedPhase(userId).orElseThrow(DeletionService::noDeletion);
      throw phase == DeletionPhase.RECOVERED ? alreadyRecovered() : windowClosed();
    }
  }

  /** An operator re-runs the failed steps of a deletion parked in NEEDS_ATTENTION. */
  @Override
  public DeletionStatus retry(UUID userId) {
    try {
      return starter.existing(userId.toString()).retry();
    } catch (WorkflowUpdateException e) {
      throw refused(e, DeletionRefusal.NOT_NEEDS_ATTENTION);
    } catch (WorkflowNotFoundException e) {
      if (closedPhase(userId).isEmpty()) {
        throw noDeletion();
      }
      throw notNeedsAttention();
    }
  }

  @Override
  public AdminDeletionView adminView(UUID userId) {
    Optional<LedgerReceipt> row = ledger.latest(userId);
    LedgerEntry entry = row.map(LedgerReceipt::entry).orElse(null);
    try {
      DeletionStatus status = starter.existing(userId.toString()).status();
      return new AdminDeletionView("workflow", status, status.receipt(), entry);
    } catch (WorkflowNotFoundException e) {
      LedgerReceipt latest = row.orElseThrow(DeletionService::noDeletion);
      return new AdminDeletionView("ledger", null, parseReceipt(latest.receipt()), entry);
    }
  }

  @Override
  public LedgerPage list(DeletionPhase phase, long after, int limit) {
    var rows = ledger.page(phase == null ? null : phase.name(), after, limit + 1);
    boolean more = rows.size() > limit;
    var items = more ? rows.subList(0, limit) : rows;
    return new LedgerPage(items, more ? items.get(items.size() - 1).id() : null);
  }

  /** The phase of the user's latest run if it has closed; empty when there is no run at all. */
  private Optional<DeletionPhase> closedPhase(UUID userId) {
    WorkflowExecutionDescription description;
    try {
      description = starter.untyped(userId.toString()).describe();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      // Raced with the run closing between the two calls: it is no longer recoverable either way.
      return Optional.of(DeletionPhase.ERASING);
    }
    String phase = description.getTypedSearchAttributes().get(DeletionSearchAttributes.PHASE);
    return Optional.of(phase == null ? DeletionPhase.COMPLETED : DeletionPhase.valueOf(phase));
  }

  private static DeletionReceipt parseReceipt(String json) {
    if (json == null) {
      return null;
    }
    try {
      return RECEIPT_JSON.readValue(json, DeletionReceipt.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable receipt in the deletion ledger", e);
    }
  }

  /**
   * The API error for an Update the workflow refused, told apart by the failure's type, never its
   * message. {@code otherwise} stands in when no {@link DeletionRefusal} type is found (e.g. a
   * worker older than the typed refusals).
   */
  static ApiException refused(WorkflowUpdateException e, DeletionRefusal otherwise) {
    return switch (refusal(e).orElse(otherwise)) {
      case ALREADY_RECOVERED -> alreadyRecovered();
      case ERASURE_STARTED -> windowClosed();
      case NOT_NEEDS_ATTENTION -> notNeedsAttention();
    };
  }

  /**
   * The first {@code ApplicationFailure} in the cause chain whose type names a refusal: the
   * validators send it as a cause (see {@link DeletionRefusal#rejection}).
   */
  private static Optional<DeletionRefusal> refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApplicationFailure failure) {
        Optional<DeletionRefusal> refusal = DeletionRefusal.ofType(failure.getType());
        if (refusal.isPresent()) {
          return refusal;
        }
      }
    }
    return Optional.empty();
  }

  static ApiException noDeletion() {
    return new ApiException(404, "no_deletion", "no deletion exists for this account");
  }

  private static ApiException alreadyRecovered() {
    return new ApiException(409, "already_recovered", "the account was already recovered");
  }

  private static ApiException windowClosed() {
    return new ApiException(
        409,
        "recovery_window_closed",
        "erasure has started or finished; the account can no longer be recovered");
  }

  private static ApiException notNeedsAttention() {
    return new ApiException(
        409, "not_needs_attention", "only a deletion in NEEDS_ATTENTION can be retried");
  }
}
