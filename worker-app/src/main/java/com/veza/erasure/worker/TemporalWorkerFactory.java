package com.veza.erasure.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.common.TemporalTlsSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.validation.ValidationMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/** The {@code temporal} block: where the worker polls, and how it starts and stops. */
public class TemporalWorkerFactory {

  @NotEmpty private String target = "127.0.0.1:7233";
  @NotEmpty private String namespace = "default";

  /** Must be the queue the api-app starts workflows on. */
  @NotEmpty private String taskQueue = TaskQueues.ERASURE;

  /**
   * Register the deletion search attributes at start (local runs and tests). Production registers
   * them once per namespace with {@code temporal operator search-attribute create}.
   */
  private boolean registerSearchAttributes;

  /**
   * How long a stop waits for in-flight workflow and activity tasks to finish. Keep it below the
   * orchestrator's kill timeout; an attempt still running after it is interrupted and retried by
   * Temporal on another worker once its timeout passes, so nothing is lost either way.
   */
  @NotNull private Duration shutdownGracePeriod = Duration.ofSeconds(30);

  /**
   * How long the server holds a workflow task for this worker's cache (sticky queue) before any
   * worker may take it: after a crash or a stop, a deletion waits at most this long. Zero turns
   * sticky execution off (every task replays the history): for servers that never time out a sticky
   * queue, such as Temporal's test server.
   */
  @NotNull private Duration stickyScheduleToStartTimeout = Duration.ofSeconds(5); // the SDK default

  /** Mutual TLS to the frontend; off by default. */
  @Valid @NotNull private TemporalTlsSettings tls = new TemporalTlsSettings();

  /** How often the SDK's metrics are flushed into the Prometheus registry. */
  @NotNull private Duration metricsReportInterval = Duration.ofSeconds(10);

  @ValidationMethod(
      message =
          "temporal.shutdownGracePeriod and metricsReportInterval must be positive,"
              + " stickyScheduleToStartTimeout not negative")
  @JsonIgnore
  public boolean isDurationsValid() {
    return shutdownGracePeriod != null
        && !shutdownGracePeriod.isNegative()
        && !shutdownGracePeriod.isZero()
        && metricsReportInterval != null
        && !metricsReportInterval.isNegative()
        && !metricsReportInterval.isZero()
        && stickyScheduleToStartTimeout != null
        && !stickyScheduleToStartTimeout.isNegative();
  }

  /**
   * Connects (lazily: the app starts while Temporal is still coming up, the health check says so),
   * with the SDK's metrics reported to {@code meters}. The returned worker is started by the
   * application lifecycle once everything else is up, and stopped gracefully with it. Register it
   * last, so it stops first: in-flight activities still have their stores while they finish.
   */
  public TemporalWorkerManaged build(
      Environment environment, MeterRegistry meters, List<WorkerInterceptor> interceptors) {
    Scope metricsScope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(meters))
            .reportEvery(
                com.uber.m3.util.Duration.ofMillis((double) metricsReportInterval.toMillis()));
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            tls.applyTo(
                    WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(target)
                        .setMetricsScope(metricsScope))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .build());

    // By default the SDK stops heartbeats first on shutdown, which fails every heartbeating
    // activity
    // (the Redis and Elasticsearch purges) at once; with this they can finish within the grace
    // period.
    Worker pollingWorker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                .setAllowActivityHeartbeatDuringShutdown(true)
                .setStickyQueueScheduleToStartTimeout(stickyScheduleToStartTimeout)
                .build());

    TemporalWorkerManaged worker =
        new TemporalWorkerManaged(
            factory,
            pollingWorker,
            metricsScope,
            registerSearchAttributes ? new SearchAttributeRegistrar(stubs, namespace) : null,
            shutdownGracePeriod);
    environment.lifecycle().manage(worker);
    environment.healthChecks().register("temporal", new TemporalHealthCheck(stubs));
    environment.healthChecks().register("temporal-worker", new WorkerRunningHealthCheck(factory));
    return worker;
  }

  @JsonProperty
  public String getTarget() {
    return target;
  }

  @JsonProperty
  public void setTarget(String target) {
    this.target = target;
  }

  @JsonProperty
  public String getNamespace() {
    return namespace;
  }

  @JsonProperty
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @JsonProperty
  public String getTaskQueue() {
    return taskQueue;
  }

  @JsonProperty
  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  @JsonProperty
  public boolean isRegisterSearchAttributes() {
    return registerSearchAttributes;
  }

  @JsonProperty
  public void setRegisterSearchAttributes(boolean registerSearchAttributes) {
    this.registerSearchAttributes = registerSearchAttributes;
  }

  @JsonProperty
  public Duration getShutdownGracePeriod() {
    return shutdownGracePeriod;
  }

  @JsonProperty
  public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
    this.shutdownGracePeriod = shutdownGracePeriod;
  }

  @JsonProperty
  public Duration getStickyScheduleToStartTimeout() {
    return stickyScheduleToStartTimeout;
  }

  @JsonProperty
  public void setStickyScheduleToStartTimeout(Duration stickyScheduleToStartTimeout) {
    this.stickyScheduleToStartTimeout = stickyScheduleToStartTimeout;
  }

  @JsonProperty
  public Duration getMetricsReportInterval() {
    return metricsReportInterval;
  }

  @JsonProperty
  public void setMetricsReportInterval(Duration metricsReportInterval) {
    this.metricsReportInterval = metricsReportInterval;
  }

  @JsonProperty
  @ValidationMethod(message = TemporalTlsSettings.MISSING_CLIENT_CERTIFICATE)
  @JsonIgnore
  public boolean isTlsClientCertificateSet() {
    return tls.isClientCertificateSet();
  }

  public TemporalTlsSettings getTls() {
    return tls;
  }

  @JsonProperty
  public void setTls(TemporalTlsSettings tls) {
    this.tls = tls;
  }
}
