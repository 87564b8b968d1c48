package com.veza.erasure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds TCP ports on 127.0.0.1 that are free right now (a server started next will very likely get
 * them).
 */
public final class FreePorts {

  // Redis Cluster (6.2) puts its bus on port + 10000, so cluster ports must leave room for it below
  // 65536.
  private static final int BUS_OFFSET = 10_000;
  private static final int LOW = 20_000;
  private static final int HIGH = 65_535 - BUS_OFFSET;

  private FreePorts() {}

  /** A port the kernel considers free on 127.0.0.1. */
  public static int next() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
    }
  }

  /** A port p such that both p and p + 10000 (the Redis Cluster bus) are free. */
  public static int nextWithClusterBus() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (isFree(port) && isFree(port + BUS_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port pair (p, p+10000) found on 127.0.0.1");
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
