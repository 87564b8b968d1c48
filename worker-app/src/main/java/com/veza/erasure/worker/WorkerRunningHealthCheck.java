package com.veza.erasure.worker;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.worker.WorkerFactory;

/** Healthy while the worker factory has started and is not shutting down: this process polls. */
final class WorkerRunningHealthCheck extends HealthCheck {

  private final WorkerFactory factory;

  WorkerRunningHealthCheck(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  protected Result check() {
    if (!factory.isStarted()) {
      return Result.unhealthy("worker not started");
    }
    if (factory.isShutdown()) {
      return Result.unhealthy("worker shutting down");
    }
    return Result.healthy("worker polling");
  }
}
