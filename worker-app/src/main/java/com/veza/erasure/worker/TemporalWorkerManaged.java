package com.veza.erasure.worker;

import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal worker as part of the Dropwizard lifecycle: polls once the application has started
 * (after migrations), and on stop lets in-flight tasks finish before it lets go of the connection.
 */
public final class TemporalWorkerManaged implements Managed {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerManaged.class);

  /**
   * After the grace period: interrupted tasks get this long to report before the channel closes.
   */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

  private final WorkerFactory factory;
  private final Worker worker;
  private final Scope metricsScope;
  private final SearchAttributeRegistrar searchAttributes;
  private final Duration gracePeriod;

  TemporalWorkerManaged(
      WorkerFactory factory,
      Worker worker,
      Scope metricsScope,
      SearchAttributeRegistrar searchAttributes,
      Duration gracePeriod) {
    this.factory = factory;
    this.worker = worker;
    this.metricsScope = metricsScope;
    this.searchAttributes = searchAttributes;
    this.gracePeriod = gracePeriod;
  }

  /** The worker of the configured task queue: register workflows and activities before start. */
  public Worker worker() {
    return worker;
  }

  /** The worker's client, on its connection: for activities that start workflows themselves. */
  public WorkflowClient client() {
    return factory.getWorkflowClient();
  }

  @Override
  public void start() {
    if (searchAttributes != null) {
      searchAttributes.register();
    }
    factory.start();
    log.info("Temporal worker polling task queue {}", worker.getTaskQueue());
  }

  /**
   * Graceful: stop polling, wait up to the grace period for the tasks already taken, then close the
   * connection. A task still running after that is interrupted; Temporal retries its activity on
   * another worker when the attempt's heartbeat or start-to-close timeout passes, and replays its
   * workflow task elsewhere. Either way the work is not lost, only delayed.
   */
  @Override
  public void stop() throws ScopeCloseException {
    long started = System.nanoTime();
    factory.shutdown();
    factory.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn(
          "Temporal worker tasks still running after {}; interrupting them (Temporal will retry them)",
          gracePeriod);
      factory.shutdownNow();
      factory.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.info(
        "Temporal worker stopped in {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    WorkflowServiceStubs stubs = factory.getWorkflowClient().getWorkflowServiceStubs();
    stubs.shutdown();
    stubs.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
    // Flushes the SDK's last metrics into the registry.
    metricsScope.close();
  }
}
