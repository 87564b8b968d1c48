package com.veza.erasure.activities.erasuremap;

/**
 * A parsed erasure map, not yet checked against the database.
 *
 * @param map the rules
 * @param sha256 lower-case hex SHA-256 of the document's bytes: the receipt names the map by it
 * @param source where it was read from, for messages
 */
public record LoadedErasureMap(ErasureMap map, String sha256, String source) {}
