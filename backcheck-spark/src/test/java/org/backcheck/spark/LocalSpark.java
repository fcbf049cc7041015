package org.backcheck.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session (two worker threads) for every test in the JVM: starting Spark costs
 * seconds, so the tests share it. Surefire sets SPARK_LOCAL_IP=127.0.0.1 (see the POM).
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("backcheck-spark tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
