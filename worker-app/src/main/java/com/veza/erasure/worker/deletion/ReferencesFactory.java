package com.veza.erasure.worker.deletion;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.references.ReferenceSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code references} block: other users' tracks whose artist names the erased user
 * (docs/configuration.md#third-party-references).
 */
public class ReferencesFactory {

  /**
   * false: counted in the receipt only. true: the name is replaced by "Anonymous artist" in those
   * tracks (PostgreSQL and the tracks index), which edits other users' content.
   */
  private boolean scrub;

  /** Shorter names are not looked for: they would match other people's words. */
  @Min(1)
  @Max(100)
  private int minNameLength = ReferenceSettings.DEFAULT_MIN_NAME_LENGTH;

  @Min(1)
  @Max(10_000)
  private int pageSize = ReferenceSettings.DEFAULT_PAGE_SIZE;

  public ReferenceSettings build() {
    return new ReferenceSettings(scrub, minNameLength, pageSize);
  }

  @JsonProperty
  public boolean isScrub() {
    return scrub;
  }

  @JsonProperty
  public void setScrub(boolean scrub) {
    this.scrub = scrub;
  }

  @JsonProperty
  public int getMinNameLength() {
    return minNameLength;
  }

  @JsonProperty
  public void setMinNameLength(int minNameLength) {
    this.minNameLength = minNameLength;
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
