package com.veza.erasure.worker.backfill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.deletion.backfill.BackfillInput;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The {@code backfill} block: the Temporal Schedule of the legacy backfill. */
public class BackfillWorkerSettings {

  /**
   * Create (or update) the schedule at start; false deletes it if it exists. The backfill workflow
   * itself is always registered, so {@code POST /v1/admin/backfill} works either way.
   */
  private boolean enabled;

  /** How often a pass runs; a pass still running when the next is due makes it skip. */
  @NotNull private Duration interval = Duration.ofHours(1);

  /** Candidates read per keyset page. */
  private int pageSize = BackfillInput.DEFAULT_PAGE_SIZE;

  @ValidationMethod(
      message =
          "backfill.interval must be at least PT1M and backfill.pageSize between 1 and "
              + BackfillInput.MAX_PAGE_SIZE)
  @JsonIgnore
  public boolean isValid() {
    return interval != null
        && interval.compareTo(Duration.ofMinutes(1)) >= 0
        && new BackfillInput(pageSize).valid();
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public Duration getInterval() {
    return interval;
  }

  @JsonProperty
  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  @JsonProperty
  public int getPageSize() {
    return pageSize;
  }

  @JsonProperty
  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }
}
