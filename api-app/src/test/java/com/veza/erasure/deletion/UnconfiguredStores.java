package com.veza.erasure.deletion;

/**
 * Redis and Elasticsearch as a worker without them configured sees them: every purge is skipped
 * (the same answer as the real activities given no connection). The api tests care about
 * PostgreSQL and Temporal; the purges have their own tests against real servers in activities/.
 */
public final class UnconfiguredStores implements CacheActivities, SearchActivities {

  @Override
  public CachePurgeResult purgeCache(CachePurgeInput input) {
    return CachePurgeResult.skippedResult();
  }

  @Override
  public SearchPurgeResult purgeSearch(SearchPurgeInput input) {
    return SearchPurgeResult.skippedResult();
  }
}
