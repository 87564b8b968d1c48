/**
 * Real servers for tests, started once per test JVM and shared; each test takes a fresh database,
 * key prefix or index, never a fresh server.
 *
 * <ul>
 *   <li>{@link com.veza.erasure.testing.TestPostgres} — embedded PostgreSQL 17 (zonky), or {@code
 *       VEZA_TEST_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD}; databases copied from migrated
 *       templates.
 *   <li>{@link com.veza.erasure.testing.TestRedis} — a redis-server child process, or {@code
 *       VEZA_TEST_REDIS_URI}; {@link com.veza.erasure.testing.RedisProcess} for one a test may stop
 *       and restart on the same port.
 *   <li>{@link com.veza.erasure.testing.TestRedisCluster} — three masters, all 16384 slots, no
 *       replicas.
 *   <li>{@link com.veza.erasure.testing.TestElasticsearch} — the integ-test distribution unpacked
 *       by the build ({@code veza.es.home}), as uid 65534 when the JVM is root; or {@code
 *       VEZA_TEST_ELASTICSEARCH_URL}.
 *   <li>{@link com.veza.erasure.testing.TcpProxy} — cut or stall the link to a real server.
 *   <li>{@link com.veza.erasure.testing.TestCertificates} — self-signed PEM certificates and keys
 *       for TLS, made by the JDK's {@code keytool}.
 * </ul>
 *
 * <p>A server that cannot start throws with the reason and its log tail: a test never silently
 * skips. Servers are stopped by JVM shutdown hooks.
 */
package com.veza.erasure.testing;
