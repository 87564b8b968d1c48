package com.veza.erasure.activities.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Storage whose first file stalls: a build attempt whose worker paused (GC, network) long enough
 * for its heartbeat to time out and a retry to win, or for the account to be erased meanwhile.
 */
final class PausingStorage implements ExportStorage {

  enum Stall {
    /** Before the file is created: the build has passed its checks, nothing is on disk yet. */
    BEFORE_WRITING,
    /** Once the file is written, before it is published under its key. */
    BEFORE_PUBLISHING,
    /** As {@link #BEFORE_PUBLISHING}, then the publish completes and a disk error is reported. */
    BEFORE_PUBLISHING_THEN_FAIL
  }

  private final ExportStorage delegate;
  private final Stall stall;
  private final AtomicBoolean first = new AtomicBoolean(true);
  private final CountDownLatch paused = new CountDownLatch(1);
  private final CountDownLatch resumed = new CountDownLatch(1);

  PausingStorage(ExportStorage delegate, Stall stall) {
    this.delegate = delegate;
    this.stall = stall;
  }

  void awaitPaused() throws InterruptedException {
    if (!paused.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the first build never reached its stall");
    }
  }

  void resume() {
    resumed.countDown();
  }

  @Override
  public OutputStream create(String key) throws IOException {
    if (!first.getAndSet(false)) {
      return delegate.create(key);
    }
    if (stall == Stall.BEFORE_WRITING) {
      pause();
      return delegate.create(key);
    }
    OutputStream out = delegate.create(key);
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        pause();
        out.close();
        if (stall == Stall.BEFORE_PUBLISHING_THEN_FAIL) {
          throw new IOException("disk error after the stall");
        }
      }
    };
  }

  private void pause() throws IOException {
    paused.countDown();
    try {
      if (!resumed.await(30, TimeUnit.SECONDS)) {
        throw new IOException("never resumed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return delegate.open(key);
  }

  @Override
  public boolean delete(String key) throws IOException {
    return delegate.delete(key);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return delegate.exists(key);
  }

  @Override
  public long deleteAll(String location) throws IOException {
    return delegate.deleteAll(location);
  }

  @Override
  public long count(String location) throws IOException {
    return delegate.count(location);
  }
}
