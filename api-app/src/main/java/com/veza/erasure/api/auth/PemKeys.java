package com.veza.erasure.api.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM public keys with the JDK alone (nimbus's PEM parser needs BouncyCastle). */
final class PemKeys {
  private PemKeys() {}

  static RSAPublicKey rsaPublicKey(String pem) {
    if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw new IllegalArgumentException("not a PEM public key");
    }
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      return (RSAPublicKey) key;
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }
}
