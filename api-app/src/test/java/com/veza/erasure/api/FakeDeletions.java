package com.veza.erasure.api;

import com.veza.erasure.api.deletion.AdminDeletionView;
import com.veza.erasure.api.deletion.DeletionAccepted;
import com.veza.erasure.api.deletion.Deletions;
import com.veza.erasure.api.deletion.LedgerPage;
import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for {@code DeletionService} in resource-level tests: records what the resources ask
 * for, accepts every request, and otherwise answers like a service that holds no deletion yet.
 */
final class FakeDeletions implements Deletions {

  /** One call as it reached the service; {@code detail} holds the other arguments. */
  record Call(String method, UUID userId, String detail) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<UUID, RuntimeException> failures = new ConcurrentHashMap<>();

  /** The calls that named {@code userId}, oldest first. */
  List<Call> callsFor(UUID userId) {
    return calls.stream().filter(c -> userId.equals(c.userId())).toList();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls about {@code userId} throw {@code failure}, as a broken dependency would. */
  void failFor(UUID userId, RuntimeException failure) {
    failures.put(userId, failure);
  }

  @Override
  public DeletionAccepted request(UUID userId, boolean keepPublicTracks, String requestedBy) {
    record("request", userId, "keep=" + keepPublicTracks + " by=" + requestedBy);
    return new DeletionAccepted(
        "account-deletion-" + userId,
        "run-" + userId,
        DeletionPhase.SCHEDULED,
        ApiResources.CLOCK.instant().plus(Duration.ofDays(30)));
  }

  @Override
  public DeletionStatus status(UUID userId) {
    record("status", userId, "");
    throw noDeletion();
  }

  @Override
  public DeletionStatus recover(UUID userId) {
    record("recover", userId, "");
    throw noDeletion();
  }

  @Override
  public DeletionStatus retry(UUID userId) {
    record("retry", userId, "");
    throw noDeletion();
  }

  @Override
  public AdminDeletionView adminView(UUID userId) {
    record("adminView", userId, "");
    throw noDeletion();
  }

  @Override
  public LedgerPage list(DeletionPhase phase, long after, int limit) {
    record("list", null, phase + " after=" + after + " limit=" + limit);
    return new LedgerPage(List.of(), null);
  }

  private void record(String method, UUID userId, String detail) {
    calls.add(new Call(method, userId, detail));
    RuntimeException failure = userId == null ? null : failures.get(userId);
    if (failure != null) {
      throw failure;
    }
  }

  private static ApiException noDeletion() {
    return new ApiException(404, "no_deletion", "no deletion exists for this account");
  }
}
