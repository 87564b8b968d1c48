package com.veza.erasure.deletion;

/** Where a deletion stands; mirrored in the {@code VezaDeletionPhase} search attribute. */
public enum DeletionPhase {
  SCHEDULED,
  RECOVERED,
  ERASING,
  NEEDS_ATTENTION,
  COMPLETED;

  public boolean isFinal() {
    return this == RECOVERED || this == COMPLETED;
  }
}
