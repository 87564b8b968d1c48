package com.veza.erasure.api.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Read-only view of the export storage root the worker writes to. A storage key is a relative path
 * under the root ({@code <userUuid>/<exportUuid>/<attemptUuid>.zip}, or {@code
 * <userUuid>/<exportUuid>.zip} for files of the first layout); anything that would leave the root
 * (an absolute path, {@code ..}, a symbolic link pointing out) is refused, whatever the row says.
 */
public final class ExportFileReader {

  private final Path root;

  public ExportFileReader(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The file for a key if it is a regular file under the root; empty if it is absent. */
  public Optional<Path> find(String storageKey) {
    Path file = resolve(storageKey);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isSymbolicLink(file)) {
        throw new OutsideRootException(storageKey);
      }
      return Optional.empty();
    }
    try {
      // A directory on the way may be a link out of the root.
      Path real = file.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw new OutsideRootException(storageKey);
      }
      return Optional.of(real);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  Path resolve(String storageKey) {
    if (storageKey == null || storageKey.isBlank()) {
      throw new OutsideRootException(storageKey);
    }
    Path key;
    try {
      key = Path.of(storageKey);
    } catch (InvalidPathException e) {
      throw new OutsideRootException(storageKey);
    }
    Path file = root.resolve(key).normalize();
    if (key.isAbsolute() || !file.startsWith(root) || file.equals(root)) {
      throw new OutsideRootException(storageKey);
    }
    return file;
  }

  /** A storage key that does not name a file under the root: a corrupt or forged row. */
  public static final class OutsideRootException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutsideRootException(String storageKey) {
      super("storage key outside the export root: " + storageKey, null, false, false);
    }
  }
}
