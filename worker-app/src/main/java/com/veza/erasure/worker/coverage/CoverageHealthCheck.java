package com.veza.erasure.worker.coverage;

import com.codahale.metrics.health.HealthCheck;
import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGap;
import com.veza.erasure.activities.coverage.CoverageReport;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code erasure-coverage}: unhealthy while the erasure map leaves a gap, naming each. The check
 * runs on its own schedule and a health request reads its last result, so no request ever queries
 * the catalogs. Metrics' {@code @Async} would do the same, but only with a period fixed at compile
 * time.
 */
public final class CoverageHealthCheck extends HealthCheck implements Runnable {
  public static final String NAME = "erasure-coverage";
  private static final Logger log = LoggerFactory.getLogger(CoverageHealthCheck.class);

  private final CoverageCheck check;
  private volatile Result last = Result.unhealthy("not checked yet");

  CoverageHealthCheck(CoverageCheck check) {
    this.check = check;
  }

  /**
   * Checks once now (so the first health request is already answered), then every {@code interval}
   * on an executor the application stops.
   */
  public static void register(Environment environment, CoverageCheck check, Duration interval) {
    CoverageHealthCheck health = new CoverageHealthCheck(check);
    health.run();
    ScheduledExecutorService scheduler =
        environment.lifecycle().scheduledExecutorService("erasure-coverage-%d").threads(1).build();
    // run() never throws, so the future holds nothing to read; the executor stops with the app.
    var unused =
        scheduler.scheduleWithFixedDelay(
            health, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    environment.healthChecks().register(NAME, health);
  }

  /** One check; never throws, as an escaping exception would end the schedule. */
  @Override
  public void run() {
    try {
      CoverageReport report = check.run();
      ResultBuilder result =
          Result.builder()
              .withMessage(report.summary())
              .withDetail("gaps", report.gaps().stream().map(CoverageGap::name).toList());
      last = report.hasGaps() ? result.unhealthy().build() : result.healthy().build();
    } catch (RuntimeException e) {
      log.warn("coverage check failed", e);
      last = Result.unhealthy("coverage check failed: " + e.getClass().getSimpleName());
    }
  }

  @Override
  protected Result check() {
    return last;
  }
}
