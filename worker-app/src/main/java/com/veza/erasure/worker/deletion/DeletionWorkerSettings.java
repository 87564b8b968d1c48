package com.veza.erasure.worker.deletion;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.deletion.DeletionActivityOptions;
import com.veza.erasure.worker.coverage.CoverageFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The {@code deletion} block of the worker-app's configuration. */
public class DeletionWorkerSettings {

  /**
   * How long each step retries on its own before the deletion parks in NEEDS_ATTENTION for an
   * operator ({@link DeletionActivityOptions#withGiveUpAfter}). Applies to steps scheduled after a
   * restart with the new value; steps already scheduled keep theirs.
   */
  @NotNull private Duration stepGiveUpAfter = DeletionActivityOptions.GIVE_UP_AFTER;

  /** Where the coverage check looks and how often (docs/configuration.md). */
  @Valid @NotNull private CoverageFactory coverage = new CoverageFactory();

  /**
   * The erasure map (docs/describe-your-schema.md): a YAML file describing what erasure removes and
   * anonymizes. Blank: the reference schema's map in the jar. Validated against the database at
   * start; an invalid map stops the worker.
   */
  private String erasureMap;

  @ValidationMethod(message = "deletion.stepGiveUpAfter must be positive")
  @JsonIgnore
  public boolean isStepGiveUpAfterValid() {
    return stepGiveUpAfter != null && !stepGiveUpAfter.isZero() && !stepGiveUpAfter.isNegative();
  }

  @JsonProperty
  public CoverageFactory getCoverage() {
    return coverage;
  }

  @JsonProperty
  public void setCoverage(CoverageFactory coverage) {
    this.coverage = coverage;
  }

  @JsonProperty
  public String getErasureMap() {
    return erasureMap;
  }

  @JsonProperty
  public void setErasureMap(String erasureMap) {
    this.erasureMap = erasureMap;
  }

  @JsonProperty
  public Duration getStepGiveUpAfter() {
    return stepGiveUpAfter;
  }

  @JsonProperty
  public void setStepGiveUpAfter(Duration stepGiveUpAfter) {
    this.stepGiveUpAfter = stepGiveUpAfter;
  }
}
