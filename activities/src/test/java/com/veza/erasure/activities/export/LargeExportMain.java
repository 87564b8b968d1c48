package com.veza.erasure.activities.export;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.export.BuildExportInput;
import com.veza.erasure.export.BuiltExport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds one export in this JVM, for {@link LargeExportTest} to run under a small heap. Args: JDBC
 * URL, user, password, export id, user id, storage directory. Prints one {@code RESULT} line.
 */
public final class LargeExportMain {

  public static void main(String[] args) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(args[0]);
    ds.setUser(args[1]);
    ds.setPassword(args[2]);
    ExportActivitiesImpl activities =
        new ExportActivitiesImpl(
            Jdbis.create(ds), new LocalDirectoryExportStorage(Path.of(args[5])), Clock.systemUTC());
    long started = System.nanoTime();
    BuiltExport built = activities.buildExport(new BuildExportInput(args[3], args[4]));
    long millis = (System.nanoTime() - started) / 1_000_000;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "RESULT millis=%d bytes=%d peakHeapMiB=%.1f maxHeapMiB=%.1f rows=%s key=%s%n",
        millis,
        built.sizeBytes(),
        peakHeap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        built.rowCounts(),
        built.storageKey());
  }

  private LargeExportMain() {}
}
