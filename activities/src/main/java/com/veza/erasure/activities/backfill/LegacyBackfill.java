package com.veza.erasure.activities.backfill;

import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.BackfillResult;
import io.temporal.api.common.v1.WorkflowExecution;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backfill pass: pages through the candidates and starts each one's deletion with the deadline
 * the old path gave it. Free of the activity context, so that tests call it directly. Logs counts
 * only.
 */
public final class LegacyBackfill {

  private static final Logger log = LoggerFactory.getLogger(LegacyBackfill.class);

  /** {@code requested_by} of the deletions it starts. */
  public static final String REQUESTED_BY = "legacy-backfill";

  /**
   * Where a pass is: the last candidate of the last page done, and the counts so far. The cursor is
   * heartbeated, so a retried attempt resumes after it.
   *
   * @param after the last user id done (a UUID string), null before the first page
   */
  public record Progress(String after, BackfillResult counts) {
    public static final Progress START = new Progress(null, BackfillResult.NONE);
  }

  /** The backfill run that starts the deletions, recorded beside each start. */
  public record Origin(String workflowId, String runId) {}

  private final LegacyCandidatesDao candidates;
  private final DeletionWorkflowStarter starter;
  private final Clock clock;

  public LegacyBackfill(Jdbi jdbi, DeletionWorkflowStarter starter, Clock clock) {
    this.candidates = jdbi.onDemand(LegacyCandidatesDao.class);
    this.starter = starter;
    this.clock = clock;
  }

  public BackfillResult run(
      BackfillInput input, Progress from, Origin origin, Consumer<Progress> heartbeat) {
    Progress progress = from == null ? Progress.START : from;
    while (true) {
      UUID after =
          progress.after() == null ? LegacyCandidatesDao.FIRST : UUID.fromString(progress.after());
      List<LegacyCandidatesDao.Candidate> page = candidates.page(after, input.pageSize());
      if (page.isEmpty()) {
        break;
      }
      long started = 0;
      for (LegacyCandidatesDao.Candidate candidate : page) {
        if (start(candidate, origin)) {
          started++;
        }
      }
      progress =
          new Progress(
              page.get(page.size() - 1).id().toString(),
              progress.counts().plusPage(page.size(), started));
      heartbeat.accept(progress);
      if (page.size() < input.pageSize()) {
        break;
      }
    }
    BackfillResult counts = progress.counts();
    log.info(
        "Legacy backfill {}: {} candidates, {} deletions started, {} already running, {} pages",
        origin.workflowId(),
        counts.candidates(),
        counts.started(),
        counts.alreadyRunning(),
        counts.pages());
    return counts;
  }

  /**
   * The old path's request becomes this service's: requested when the account was soft-deleted,
   * erased at the deadline the old path set. Public tracks are not kept: the old path hard-deleted
   * everything, and that is what the user was told. The window is the old one, so that a worker
   * older than {@code originalDeadline} computes the same deadline.
   */
  private boolean start(LegacyCandidatesDao.Candidate candidate, Origin origin) {
    Duration window = Duration.between(candidate.deletedAt(), candidate.deletionScheduledFor());
    DeletionRequest request =
        new DeletionRequest(
            candidate.id().toString(),
            false,
            REQUESTED_BY,
            candidate.deletedAt(),
            window.isNegative() ? Duration.ZERO : window,
            candidate.deletionScheduledFor());
    Optional<WorkflowExecution> run = starter.startUnlessRunning(request);
    run.ifPresent(
        execution ->
            candidates.recordStart(
                candidate.id(),
                execution.getWorkflowId(),
                execution.getRunId(),
                candidate.deletionScheduledFor(),
                origin.workflowId(),
                origin.runId(),
                clock.instant()));
    return run.isPresent();
  }
}
