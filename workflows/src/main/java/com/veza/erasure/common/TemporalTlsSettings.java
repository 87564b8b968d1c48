package com.veza.erasure.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.grpc.ManagedChannelBuilder;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code temporal.tls} block of both apps: mutual TLS to a Temporal frontend that requires it.
 * Off by default (the compose stack and tests talk plaintext to a loopback or private server).
 */
public class TemporalTlsSettings {

  private boolean enabled;
  private String certChain;
  private String privateKey;

  /** Without it, the server is checked against the JVM's trust store. */
  private String trustCerts;

  /** The name the server's certificate is checked against, when it is not the target's host. */
  private String serverName;

  /** What each app's configuration answers when {@link #isClientCertificateSet} is false. */
  public static final String MISSING_CLIENT_CERTIFICATE =
      "temporal.tls.certChain (TEMPORAL_TLS_CERT) and temporal.tls.privateKey"
          + " (TEMPORAL_TLS_KEY) are required when temporal.tls.enabled (TEMPORAL_TLS_ENABLED)"
          + " is true";

  /**
   * False when TLS is on without a client certificate. Both apps' Temporal factories turn it into a
   * validation error (this module has no Dropwizard), so a bad block stops the app.
   */
  @JsonIgnore
  public boolean isClientCertificateSet() {
    return !enabled || (certChain != null && privateKey != null);
  }

  /**
   * Adds the client certificate, the trusted CAs and the server name to {@code options}, when
   * enabled. Reads the files now, so that a missing or malformed one stops the app at start.
   */
  public WorkflowServiceStubsOptions.Builder applyTo(WorkflowServiceStubsOptions.Builder options) {
    if (!enabled) {
      return options;
    }
    SimpleSslContextBuilder ssl =
        SimpleSslContextBuilder.forPKCS8(
            new ByteArrayInputStream(read("certChain", "TEMPORAL_TLS_CERT", certChain)),
            new ByteArrayInputStream(read("privateKey", "TEMPORAL_TLS_KEY", privateKey)));
    if (trustCerts != null) {
      ssl.setTrustManager(trustManager(read("trustCerts", "TEMPORAL_TLS_CA", trustCerts)));
    }
    try {
      options.setSslContext(ssl.build());
    } catch (SSLException | RuntimeException e) {
      // Names the keys, never the files' contents.
      throw new IllegalStateException(
          "temporal.tls.certChain (TEMPORAL_TLS_CERT) must be a PEM certificate chain and"
              + " temporal.tls.privateKey (TEMPORAL_TLS_KEY) its unencrypted PEM PKCS#8 key",
          e);
    }
    if (serverName != null) {
      String authority = serverName;
      options.setChannelInitializer(
          (ManagedChannelBuilder<?> channel) -> channel.overrideAuthority(authority));
    }
    return options;
  }

  private TrustManager trustManager(byte[] pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      if (i == 0) {
        throw new CertificateException("no certificate");
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "temporal.tls.trustCerts (TEMPORAL_TLS_CA) is not a PEM CA bundle: " + trustCerts, e);
    }
  }

  private static byte[] read(String key, String variable, String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "temporal.tls." + key + " (" + variable + "): cannot read " + path, e);
    }
  }

  /** YAML's {@code ${VAR:-}} gives an empty string for an unset file or name. */
  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public String getCertChain() {
    return certChain;
  }

  @JsonProperty
  public void setCertChain(String certChain) {
    this.certChain = blankToNull(certChain);
  }

  @JsonProperty
  public String getPrivateKey() {
    return privateKey;
  }

  @JsonProperty
  public void setPrivateKey(String privateKey) {
    this.privateKey = blankToNull(privateKey);
  }

  @JsonProperty
  public String getTrustCerts() {
    return trustCerts;
  }

  @JsonProperty
  public void setTrustCerts(String trustCerts) {
    this.trustCerts = blankToNull(trustCerts);
  }

  @JsonProperty
  public String getServerName() {
    return serverName;
  }

  @JsonProperty
  public void setServerName(String serverName) {
    this.serverName = blankToNull(serverName);
  }
}
