package com.veza.erasure.testing;

import javax.sql.DataSource;

/** TEMPORARY: see TestPostgres. */
public record TestDatabase(String jdbcUrl, String user, String password, DataSource dataSource) {}
