package com.veza.erasure.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for fault injection: clients connect to
 * {@link #port()} and their bytes reach the real server unchanged until a test {@link #cut()}s
 * (server unreachable) or {@link #stall()}s (server hung) the link, then {@link #restore()}s it.
 */
public final class TcpProxy implements AutoCloseable {

  private enum Mode {
    FORWARD,
    CUT,
    STALL
  }

  private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket serverSocket;
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final Object modeLock = new Object();
  private volatile Mode mode = Mode.FORWARD;
  private volatile boolean closed;

  private TcpProxy(String targetHost, int targetPort, ServerSocket serverSocket) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.serverSocket = serverSocket;
  }

  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      ServerSocket serverSocket = new ServerSocket();
      serverSocket.setReuseAddress(true);
      serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      TcpProxy proxy = new TcpProxy(targetHost, targetPort, serverSocket);
      daemon("tcp-proxy-accept-" + serverSocket.getLocalPort(), proxy::acceptLoop).start();
      log.info(
          "TCP proxy 127.0.0.1:{} -> {}:{}", serverSocket.getLocalPort(), targetHost, targetPort);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the proxy port", e);
    }
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public String host() {
    return "127.0.0.1";
  }

  /** Closes every open connection, and closes new ones as soon as they are accepted. */
  public void cut() {
    setMode(Mode.CUT);
    openSockets.forEach(TcpProxy::closeQuietly);
    openSockets.clear();
    log.info("TCP proxy {} cut", port());
  }

  /** Keeps connections open and accepts new ones, but forwards no byte in either direction. */
  public void stall() {
    setMode(Mode.STALL);
    log.info("TCP proxy {} stalled", port());
  }

  /** Forwards again; bytes held back by {@link #stall()} are delivered. */
  public void restore() {
    setMode(Mode.FORWARD);
    log.info("TCP proxy {} restored", port());
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    openSockets.forEach(TcpProxy::closeQuietly);
    openSockets.clear();
    setMode(Mode.CUT);
  }

  private void setMode(Mode newMode) {
    synchronized (modeLock) {
      mode = newMode;
      modeLock.notifyAll();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("TCP proxy {} stopped accepting", port(), e);
        }
        return;
      }
      if (mode == Mode.CUT) {
        closeQuietly(client);
        continue;
      }
      Socket server = new Socket();
      try {
        server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
      } catch (IOException e) {
        // The real server is down: the client sees what it would see, a dropped connection.
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      openSockets.add(client);
      openSockets.add(server);
      if (mode == Mode.CUT) {
        // cut() ran while this connection was being set up, after it closed the open ones.
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      daemon("tcp-proxy-up-" + client.getPort(), () -> pump(client, server)).start();
      daemon("tcp-proxy-down-" + client.getPort(), () -> pump(server, client)).start();
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (!awaitForwarding()) {
          break;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or the link was cut: tear down both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      openSockets.remove(from);
      openSockets.remove(to);
    }
  }

  /** Blocks while stalled; false when the link was cut or the proxy closed. */
  private boolean awaitForwarding() {
    synchronized (modeLock) {
      while (mode == Mode.STALL && !closed) {
        try {
          modeLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return mode == Mode.FORWARD && !closed;
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // tearing down a proxied connection
    }
  }
}
