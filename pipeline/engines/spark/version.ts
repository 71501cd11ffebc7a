/** The Apache Spark version the Spark engine resolves from Maven Central (spark-runtime.pom.xml pins the same). */
export const sparkVersion = '4.0.1';

/** Apache Iceberg's Spark runtime the lakehouse uses (spark-runtime.pom.xml pins the same). */
export const icebergVersion = '1.10.0';
