package com.veza.erasure.worker;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code migrations} block: Flyway runs at start, before the worker polls
 * (docs/design.md#migration-groups).
 */
public class MigrationsSettings {

  /**
   * Also create the platform reference schema ({@code users}, {@code tracks}, ...). Only for local
   * runs and tests: in production those tables exist already and belong to the platform.
   */
  private boolean applyReferenceSchema;

  @JsonProperty
  public boolean isApplyReferenceSchema() {
    return applyReferenceSchema;
  }

  @JsonProperty
  public void setApplyReferenceSchema(boolean applyReferenceSchema) {
    this.applyReferenceSchema = applyReferenceSchema;
  }
}
