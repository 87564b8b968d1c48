package com.veza.erasure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

  @Test
  void whenCutThenRestored_itDropsConnectionsThenForwardsAgain() {
    TestRedis redis = TestRedis.shared();
    try (TcpProxy proxy = TcpProxy.start(redis.host(), redis.port())) {
      assertThat(RespClient.call("127.0.0.1", proxy.port(), "PING")).isEqualTo("PONG");

      try (RespClient open = RespClient.connect("127.0.0.1", proxy.port())) {
        assertThat(open.command("PING")).isEqualTo("PONG");
        proxy.cut();
        assertThatThrownBy(() -> open.command("PING")).isInstanceOf(RuntimeException.class);
      }
      assertThatThrownBy(() -> RespClient.call("127.0.0.1", proxy.port(), "PING"))
          .isInstanceOf(RuntimeException.class);

      proxy.restore();
      assertThat(RespClient.call("127.0.0.1", proxy.port(), "PING")).isEqualTo("PONG");
    }
  }

  @Test
  void whenStalled_itHoldsBytesUntilRestored() throws Exception {
    TestRedis redis = TestRedis.shared();
    try (TcpProxy proxy = TcpProxy.start(redis.host(), redis.port());
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      proxy.stall();
      socket.setSoTimeout(300);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);

      proxy.restore();
      socket.setSoTimeout(2_000);
      byte[] reply = socket.getInputStream().readNBytes(7);
      assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
  }
}
