package com.veza.erasure.activities.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where export ZIPs live, by key. Every file of a user's exports is under the user's location
 * ({@code <userUuid>/}), so erasure removes them all whatever the rows say; each build attempt
 * writes its own key ({@code <userUuid>/<exportUuid>/<attemptUuid>.zip}), so an attempt that wakes
 * up late never overwrites or deletes the file another attempt published. Keys of the first layout
 * ({@code <userUuid>/<exportUuid>.zip}) are under the user's location too.
 *
 * <p>A file written through {@link #create} only becomes visible under its key when the stream is
 * closed.
 */
public interface ExportStorage {

  OutputStream create(String key) throws IOException;

  InputStream open(String key) throws IOException;

  /** Returns false when there was nothing to delete. */
  boolean delete(String key) throws IOException;

  boolean exists(String key) throws IOException;

  /**
   * Deletes every file under {@code location} (temporary files and links included; a link is
   * deleted, never followed) and the location itself. Returns how many files were deleted.
   */
  long deleteAll(String location) throws IOException;

  /** How many files are under {@code location}: temporary files and links count. */
  long count(String location) throws IOException;

  /** Everything of one user's exports is under this location. */
  static String userLocation(String userId) {
    return userId;
  }

  /** Every attempt's file of one export is under this location. */
  static String exportLocation(String userId, String exportId) {
    return userLocation(userId) + "/" + exportId;
  }

  /** A key no other build attempt uses. */
  static String newAttemptKey(String userId, String exportId) {
    return exportLocation(userId, exportId) + "/" + UUID.randomUUID() + ".zip";
  }
}
