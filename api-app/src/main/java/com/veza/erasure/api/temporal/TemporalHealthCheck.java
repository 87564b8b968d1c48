package com.veza.erasure.api.temporal;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;

/** Healthy when the Temporal frontend answers {@code GetSystemInfo} within a few seconds. */
final class TemporalHealthCheck extends HealthCheck {

  private final WorkflowClient client;

  TemporalHealthCheck(WorkflowClient client) {
    this.client = client;
  }

  @Override
  protected Result check() {
    GetSystemInfoResponse info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(3, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    String version = info.getServerVersion();
    return Result.healthy(version.isEmpty() ? "Temporal answers" : "Temporal " + version);
  }
}
