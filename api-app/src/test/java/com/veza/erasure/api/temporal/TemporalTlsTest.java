package com.veza.erasure.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.common.TemporalTlsSettings;
import com.veza.erasure.testing.TestCertificates;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code temporal.tls} on the real gRPC client, against a TLS server that requires a client
 * certificate (the JDK's; Temporal's test server speaks plaintext only, so the handshake is what is
 * checked, not a Temporal call).
 */
class TemporalTlsTest {

  @TempDir Path dir;

  /** What the server saw of the client's handshake. */
  private record Handshake(String clientSubject, List<String> serverNames) {}

  @Test
  void givenTlsEnabled_whenTheClientConnects_itPresentsItsCertificateForTheServerName()
      throws Exception {
    TestCertificates.Issued server =
        TestCertificates.selfSigned(dir, "temporal", "temporal.internal");
    TestCertificates.Issued client = TestCertificates.selfSigned(dir, "api", "api.internal");

    try (SSLServerSocket socket = mutualTlsServer(server, client)) {
      CompletableFuture<Handshake> seen = CompletableFuture.supplyAsync(() -> accept(socket));
      TemporalFactory config = new TemporalFactory();
      config.setTarget("127.0.0.1:" + socket.getLocalPort());
      config.setTls(tls(client, server.certificate(), "temporal.internal"));

      WorkflowClient workflows = TemporalClientFactory.grpc().open(config);
      try {
        assertThat(workflows.getWorkflowServiceStubs().getOptions().getSslContext()).isNotNull();
        // The server is not Temporal: the call fails once the handshake is done.
        assertThatThrownBy(
                () ->
                    workflows
                        .getWorkflowServiceStubs()
                        .blockingStub()
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
            .isInstanceOf(StatusRuntimeException.class);
        Handshake handshake = seen.get(10, TimeUnit.SECONDS);
        assertThat(handshake.clientSubject()).isEqualTo("CN=api");
        assertThat(handshake.serverNames()).containsExactly("temporal.internal");
      } finally {
        TemporalClientFactory.grpc().close(workflows);
      }
    }
  }

  @Test
  void givenAMissingKeyFile_whenTheClientIsOpened_itFailsNamingTheKey() {
    TestCertificates.Issued client = TestCertificates.selfSigned(dir, "api", "api.internal");
    TemporalTlsSettings tls = tls(client, null, null);
    tls.setPrivateKey(dir.resolve("missing.key").toString());
    TemporalFactory config = new TemporalFactory();
    config.setTls(tls);

    assertThatThrownBy(() -> TemporalClientFactory.grpc().open(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("temporal.tls.privateKey (TEMPORAL_TLS_KEY)")
        .hasMessageContaining("missing.key");
  }

  @Test
  void givenAKeyFileThatIsNoKey_whenTheClientIsOpened_itFailsWithoutPrintingIt() throws Exception {
    TestCertificates.Issued client = TestCertificates.selfSigned(dir, "api", "api.internal");
    Path notAKey = Files.writeString(dir.resolve("not-a.key"), "s3cr3t-not-a-key");
    TemporalTlsSettings tls = tls(client, null, null);
    tls.setPrivateKey(notAKey.toString());
    TemporalFactory config = new TemporalFactory();
    config.setTls(tls);

    assertThatThrownBy(() -> TemporalClientFactory.grpc().open(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("temporal.tls.privateKey (TEMPORAL_TLS_KEY)")
        .message()
        .doesNotContain("s3cr3t");
  }

  private static TemporalTlsSettings tls(
      TestCertificates.Issued client, Path trustCerts, String serverName) {
    TemporalTlsSettings tls = new TemporalTlsSettings();
    tls.setEnabled(true);
    tls.setCertChain(client.certificate().toString());
    tls.setPrivateKey(client.privateKey().toString());
    tls.setTrustCerts(trustCerts == null ? null : trustCerts.toString());
    tls.setServerName(serverName);
    return tls;
  }

  /** Serves {@code server}'s certificate, and accepts only {@code client}'s. */
  private static SSLServerSocket mutualTlsServer(
      TestCertificates.Issued server, TestCertificates.Issued client) throws Exception {
    KeyStore serverKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server.keyStore())) {
      serverKeys.load(in, TestCertificates.STORE_PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(serverKeys, TestCertificates.STORE_PASSWORD);

    KeyStore clientCa = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(client.keyStore())) {
      clientCa.load(in, TestCertificates.STORE_PASSWORD);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("api", clientCa.getCertificate("api"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);

    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    SSLServerSocket socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setNeedClientAuth(true);
    // gRPC refuses a TLS connection that does not negotiate HTTP/2.
    parameters.setApplicationProtocols(new String[] {"h2"});
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static Handshake accept(SSLServerSocket server) {
    try (SSLSocket socket = (SSLSocket) server.accept()) {
      socket.startHandshake();
      ExtendedSSLSession session = (ExtendedSSLSession) socket.getSession();
      return new Handshake(
          session.getPeerPrincipal().getName(),
          session.getRequestedServerNames().stream()
              .map(name -> ((SNIHostName) name).getAsciiName())
              .toList());
    } catch (Exception e) {
      throw new IllegalStateException("TLS handshake failed", e);
    }
  }
}
