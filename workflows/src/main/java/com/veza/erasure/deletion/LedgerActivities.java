package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The deletion ledger {@code deletion_requests}: the long-term record and the admin read model. */
@ActivityInterface
public interface LedgerActivities {

  @ActivityMethod
  void recordPhase(PhaseChange change);

  /** Closes the ledger row with the receipt; the deletion is COMPLETED from here on. */
  @ActivityMethod
  void recordReceipt(ReceiptRecord record);
}
