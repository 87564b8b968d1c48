package com.veza.erasure.deletion;

/** TEMPORARY until test-support lands: the URL of an Elasticsearch started by hand. */
final class SearchTestElasticsearch {
  private SearchTestElasticsearch() {}

  static String url() {
    return System.getProperty("veza.test.es.url", "http://127.0.0.1:19200");
  }
}
