package com.veza.erasure.activities.erasuremap;

import org.jdbi.v3.core.Jdbi;

/** Loading and validating in one call, as a worker does at start. */
public final class ErasureMaps {
  private ErasureMaps() {}

  /**
   * The map at {@code path} (the reference map when null or blank), validated against {@code
   * jdbi}'s database.
   *
   * @throws ErasureMapException naming every rule that is wrong
   */
  public static ValidatedErasureMap loadValidated(String path, Jdbi jdbi) {
    return ErasureMapValidator.validate(ErasureMapLoader.load(path), jdbi);
  }

  /**
   * The reference map as shipped, without reading the database: for code that is built before the
   * database may answer (a test's worker started during an outage). Its validation against the
   * reference schema is the build's ({@code ErasureMapValidationTest}); a worker validates the map
   * it runs with against the live database at start ({@link #loadValidated}). Identifiers are still
   * checked again where SQL is built.
   */
  public static ValidatedErasureMap reference() {
    return new ValidatedErasureMap(ErasureMapLoader.reference());
  }

  /** The reference map, validated against {@code jdbi}'s database. */
  public static ValidatedErasureMap reference(Jdbi jdbi) {
    return loadValidated(null, jdbi);
  }
}
