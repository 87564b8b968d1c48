package com.veza.erasure.activities.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Export storage in a local directory (a volume shared by the worker, which writes, and the API,
 * which serves downloads). Files are written to a temporary name and moved into place on close, so
 * a reader never sees half a ZIP.
 */
public final class LocalDirectoryExportStorage implements ExportStorage {

  private final Path root;

  public LocalDirectoryExportStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public OutputStream create(String key) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
    OutputStream out = Files.newOutputStream(temp);
    return new FilterOutputStream(out) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        out.close();
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    };
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public boolean delete(String key) throws IOException {
    return Files.deleteIfExists(resolve(key));
  }

  @Override
  public boolean exists(String key) throws IOException {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public long deleteAll(String location) throws IOException {
    long[] deleted = {0};
    Files.walkFileTree(
        resolve(location),
        new Walk() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            // The walk does not follow links: a link is reported as a file and deleted, its target
            // (perhaps outside the root) is not.
            if (Files.deleteIfExists(file)) {
              deleted[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          void leave(Path dir) throws IOException {
            try {
              Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException writtenMeanwhile) {
              // A build published into it during the walk: verification counts what is left.
            }
          }
        });
    return deleted[0];
  }

  @Override
  public long count(String location) throws IOException {
    long[] files = {0};
    Files.walkFileTree(
        resolve(location),
        new Walk() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            files[0]++;
            return FileVisitResult.CONTINUE;
          }

          @Override
          void leave(Path dir) {}
        });
    return files[0];
  }

  /**
   * A walk that never follows links (the default of {@link Files#walkFileTree(Path,
   * java.nio.file.FileVisitor)}) and skips what vanishes under it: a temporary file moved into
   * place, a directory another erasure removed, a location that never existed.
   */
  private abstract static class Walk extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw e;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
      if (e != null && !(e instanceof NoSuchFileException)) {
        throw e;
      }
      leave(dir);
      return FileVisitResult.CONTINUE;
    }

    /** Called once a directory's entries are visited. */
    abstract void leave(Path dir) throws IOException;
  }

  /** A key is a relative path that stays under the root: no "..", no absolute path. */
  Path resolve(String key) {
    if (key == null || key.isBlank() || key.contains("\\") || key.startsWith("/")) {
      throw new IllegalArgumentException("invalid export storage key");
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("export storage key escapes the root");
    }
    return path;
  }
}
