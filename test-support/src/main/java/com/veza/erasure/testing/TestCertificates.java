package com.veza.erasure.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for TLS tests, made by the JDK's own {@code keytool} (no OpenSSL or
 * BouncyCastle needed), each written as a PEM certificate, a PEM PKCS#8 key and a PKCS#12 store.
 */
public final class TestCertificates {

  /** The password of every {@link Issued#keyStore()}. */
  public static final char[] STORE_PASSWORD = "changeit".toCharArray();

  /** One certificate's files. The certificate is its own CA: trust it to trust its holder. */
  public record Issued(Path certificate, Path privateKey, Path keyStore) {}

  private TestCertificates() {}

  /** A certificate for {@code CN=name}, valid for the DNS name {@code dnsName}, in {@code dir}. */
  public static Issued selfSigned(Path dir, String name, String dnsName) {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    run(
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            name,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + name,
            "-ext",
            "SAN=dns:" + dnsName,
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(STORE_PASSWORD)),
        dir);
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, STORE_PASSWORD);
      Certificate certificate = keys.getCertificate(name);
      PrivateKey key = (PrivateKey) keys.getKey(name, STORE_PASSWORD);
      Path certificatePem = dir.resolve(name + ".crt");
      Path keyPem = dir.resolve(name + ".key");
      Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
      // PrivateKey#getEncoded is PKCS#8 DER.
      Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
      return new Issued(certificatePem, keyPem, store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the keystore keytool wrote: " + store, e);
    }
  }

  private static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  private static void run(List<String> command, Path dir) {
    Path log = dir.resolve("keytool.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool failed:\n" + Processes.tail(log, 20));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
