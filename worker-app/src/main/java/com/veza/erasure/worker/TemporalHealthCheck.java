package com.veza.erasure.worker;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/** Healthy when the Temporal frontend answers {@code GetSystemInfo} within a few seconds. */
final class TemporalHealthCheck extends HealthCheck {

  private final WorkflowServiceStubs stubs;

  TemporalHealthCheck(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  protected Result check() {
    GetSystemInfoResponse info =
        stubs
            .blockingStub()
            .withDeadlineAfter(3, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    String version = info.getServerVersion();
    return Result.healthy(version.isEmpty() ? "Temporal answers" : "Temporal " + version);
  }
}
