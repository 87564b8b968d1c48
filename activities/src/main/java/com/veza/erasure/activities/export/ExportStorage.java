package com.veza.erasure.activities.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where export ZIPs live, by key ({@code <userUuid>/<exportUuid>.zip}). A file written through
 * {@link #create} only becomes visible under its key when the stream is closed.
 */
public interface ExportStorage {

  OutputStream create(String key) throws IOException;

  InputStream open(String key) throws IOException;

  /** Returns false when there was nothing to delete. */
  boolean delete(String key) throws IOException;

  boolean exists(String key) throws IOException;

  static String keyOf(String userId, String exportId) {
    return userId + "/" + exportId + ".zip";
  }
}
