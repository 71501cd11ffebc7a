import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Fixed experiments for the Spark lessons (docs/decisions/013-spark-lesson-cells.md): code that SQL cannot say (RDDs,
 * DataFrame calls, session settings), over the learner's run's views in the cells' session. The learner chooses only
 * parameters, each clamped here to its bounds. Each variant reports its executed plan (or RDD lineage) and the
 * figures measured while it ran: shuffle bytes written and read, the largest task's shuffle read, time.
 */
final class SparkExperiments {
  private SparkExperiments() {}

  static final Set<String> names = Set.of("dataframe", "rdd-reduce-vs-group", "broadcast-join", "skew-aqe", "partitioning");
  private static final Set<String> eventTypes = Set.of("page_view", "product_view", "add_to_cart", "purchase", "search", "wishlist_add");
  private static final Set<String> rddKeys = Set.of("event_type", "device", "product_id", "user_id");

  static void run(SparkSession session, JsonNode request, ObjectNode result) {
    String name = request.path("name").asText("");
    JsonNode params = request.path("params");
    long timeoutMs = Math.max(1_000, Math.min(request.path("timeoutMs").asLong(60_000), 300_000));
    if (!names.contains(name))
      throw new SparkCells.CellRefused("Unknown experiment \"" + name + "\" (known: " + String.join(", ", names.stream().sorted().toList()) + ").");
    ArrayNode variants = result.putArray("variants");
    PipelineLabSparkDriver.withTimeLimit(session, timeoutMs, () -> {
      switch (name) {
        case "dataframe" -> dataframe(session, params, result, variants);
        case "rdd-reduce-vs-group" -> reduceVersusGroup(session, params, variants);
        case "broadcast-join" -> broadcastJoin(session, params, variants);
        case "skew-aqe" -> skew(session, params, variants);
        default -> partitioning(session, params, variants);
      }
      return null;
    });
    if (!result.has("rows")) summarise(variants, result);
  }

  private static int intParam(JsonNode params, String key, int fallback, int min, int max) {
    return Math.max(min, Math.min(params.path(key).asInt(fallback), max));
  }

  private static String choice(JsonNode params, String key, String fallback, Set<String> allowed) {
    String value = params.path(key).asText(fallback);
    if (!allowed.contains(value))
      throw new SparkCells.CellRefused(key + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not \"" + value + "\".");
    return value;
  }

  private static ObjectNode variant(ArrayNode variants, String name, String plan, ObjectNode figures) {
    ObjectNode node = variants.addObject();
    node.put("name", name);
    node.put("plan", plan);
    node.set("figures", figures);
    return node;
  }

  /** The variants' figures as result rows: one row per variant, for the cell's table. */
  private static void summarise(ArrayNode variants, ObjectNode result) {
    ArrayNode columns = result.putArray("columns");
    String[][] shown = {
      {"variant", "string"}, {"shuffle_write_bytes", "bigint"}, {"shuffle_read_bytes", "bigint"},
      {"max_task_shuffle_read_bytes", "bigint"}, {"tasks", "bigint"}, {"duration_ms", "bigint"}, {"answer", "string"}
    };
    for (String[] column : shown) columns.addObject().put("name", column[0]).put("type", column[1]);
    ArrayNode rows = result.putArray("rows");
    for (JsonNode variant : variants) {
      JsonNode figures = variant.path("figures");
      ObjectNode row = rows.addObject();
      row.put("variant", variant.path("name").asText());
      row.put("shuffle_write_bytes", figures.path("shuffleWriteBytes").asLong());
      row.put("shuffle_read_bytes", figures.path("shuffleReadBytes").asLong());
      row.put("max_task_shuffle_read_bytes", figures.path("maxTaskShuffleReadBytes").asLong());
      row.put("tasks", figures.path("tasks").asLong());
      row.put("duration_ms", figures.path("durationMs").asLong());
      row.put("answer", variant.path("answer").asText(""));
    }
    result.put("truncated", false);
  }

  /** The DataFrame API: one event type's events and distinct users per day. */
  private static void dataframe(SparkSession session, JsonNode params, ObjectNode result, ArrayNode variants) {
    String eventType = choice(params, "eventType", "purchase", eventTypes);
    Dataset<Row> frame = session.table("fact_events")
        .filter(col("event_type").equalTo(eventType))
        .groupBy(to_date(col("event_ts")).as("day"))
        .agg(count(lit(1)).as("events"), countDistinct(col("user_id")).as("users"))
        .orderBy(col("day"));
    ObjectNode figures = PipelineLabSparkDriver.measured(() -> PipelineLabSparkDriver.putRows(frame, 100, result));
    variant(variants, "filter → groupBy(day) → agg", PipelineLabSparkDriver.formatted(frame.queryExecution()), figures);
  }

  /** The same count per key with reduceByKey (combines on the map side) and groupByKey (ships every pair). */
  private static void reduceVersusGroup(SparkSession session, JsonNode params, ArrayNode variants) {
    String key = choice(params, "key", "event_type", rddKeys);
    int partitions = intParam(params, "partitions", 4, 1, 32);
    JavaPairRDD<String, Long> pairs = session.table("fact_events").select(col(key)).javaRDD()
        .mapToPair(row -> new Tuple2<>(row.isNullAt(0) ? "(null)" : row.getString(0), 1L));
    List<Tuple2<String, Long>> reduced = new ArrayList<>();
    JavaPairRDD<String, Long> byReduce = pairs.reduceByKey(Long::sum, partitions);
    ObjectNode reduceFigures = PipelineLabSparkDriver.measured(() -> reduced.addAll(byReduce.collect()));
    variant(variants, "reduceByKey", byReduce.toDebugString(), reduceFigures).put("answer", keysAnswer(reduced));
    List<Tuple2<String, Long>> grouped = new ArrayList<>();
    JavaPairRDD<String, Long> byGroup = pairs.groupByKey(partitions).mapValues(values -> {
      long n = 0;
      for (Long ignored : values) n++;
      return n;
    });
    ObjectNode groupFigures = PipelineLabSparkDriver.measured(() -> grouped.addAll(byGroup.collect()));
    variant(variants, "groupByKey", byGroup.toDebugString(), groupFigures).put("answer", keysAnswer(grouped));
  }

  private static String keysAnswer(List<Tuple2<String, Long>> counts) {
    long total = 0;
    for (Tuple2<String, Long> pair : counts) total += pair._2();
    return counts.size() + " keys, " + total + " events";
  }

  /** Events per product category, joined to dim_product with a broadcast hint, then with broadcasting turned off. */
  private static void broadcastJoin(SparkSession session, JsonNode params, ArrayNode variants) {
    int partitions = intParam(params, "partitions", 8, 1, 64);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.shuffle.partitions", String.valueOf(partitions));
    withSettings(session, settings, () -> {
      Dataset<Row> hinted = categoryCounts(session, true);
      List<Row> answer = new ArrayList<>();
      ObjectNode figures = PipelineLabSparkDriver.measured(() -> answer.addAll(hinted.collectAsList()));
      variant(variants, "broadcast(dim_product)", PipelineLabSparkDriver.formatted(hinted.queryExecution()), figures)
          .put("answer", answer.size() + " categories");
    });
    settings.put("spark.sql.autoBroadcastJoinThreshold", "-1");
    withSettings(session, settings, () -> {
      Dataset<Row> shuffled = categoryCounts(session, false);
      List<Row> answer = new ArrayList<>();
      ObjectNode figures = PipelineLabSparkDriver.measured(() -> answer.addAll(shuffled.collectAsList()));
      variant(variants, "no hint, autoBroadcastJoinThreshold=-1", PipelineLabSparkDriver.formatted(shuffled.queryExecution()), figures)
          .put("answer", answer.size() + " categories");
    });
  }

  private static Dataset<Row> categoryCounts(SparkSession session, boolean hint) {
    Dataset<Row> products = session.table("dim_product").select(col("product_id"), col("category"));
    return session.table("fact_events")
        .join(hint ? broadcast(products) : products, "product_id")
        .groupBy(col("category"))
        .agg(count(lit(1)).as("events"));
  }

  /**
   * A join on a key where one value holds hotShare of the rows, with adaptive execution off, then on with its skew
   * handling (thresholds lowered to this data's size): AQE splits the hot partition, so the largest task reads less.
   */
  private static void skew(SparkSession session, JsonNode params, ArrayNode variants) {
    int hotPercent = intParam(params, "hotPercent", 60, 10, 95);
    int partitions = intParam(params, "partitions", 8, 2, 64);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.shuffle.partitions", String.valueOf(partitions));
    settings.put("spark.sql.autoBroadcastJoinThreshold", "-1");
    settings.put("spark.sql.adaptive.enabled", "false");
    // The events spread over several partitions and cached first, outside the measured part: AQE splits a skewed
    // partition along map outputs (one small Parquet file is one task), and the largest task measured is then the
    // join's.
    Dataset<Row> events = session.table("fact_events").select(col("event_id"), col("user_id")).repartition(partitions).cache();
    events.count();
    try {
      skewVariants(session, events, hotPercent, settings, variants);
    } finally {
      events.unpersist(true);
    }
  }

  private static void skewVariants(SparkSession session, Dataset<Row> events, int hotPercent, Map<String, String> settings, ArrayNode variants) {
    withSettings(session, settings, () -> {
      Dataset<Row> joined = skewedJoin(session, events, hotPercent);
      List<Row> answer = new ArrayList<>();
      ObjectNode figures = PipelineLabSparkDriver.measured(() -> answer.addAll(joined.collectAsList()));
      variant(variants, "AQE off", PipelineLabSparkDriver.formatted(joined.queryExecution()), figures)
          .put("answer", answer.get(0).getLong(0) + " joined rows");
    });
    settings.put("spark.sql.adaptive.enabled", "true");
    settings.put("spark.sql.adaptive.coalescePartitions.enabled", "false");
    settings.put("spark.sql.adaptive.skewJoin.enabled", "true");
    settings.put("spark.sql.adaptive.skewJoin.skewedPartitionFactor", "2");
    settings.put("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "1024");
    settings.put("spark.sql.adaptive.advisoryPartitionSizeInBytes", "16384");
    withSettings(session, settings, () -> {
      Dataset<Row> joined = skewedJoin(session, events, hotPercent);
      List<Row> answer = new ArrayList<>();
      ObjectNode figures = PipelineLabSparkDriver.measured(() -> answer.addAll(joined.collectAsList()));
      variant(variants, "AQE on (skew join)", PipelineLabSparkDriver.formatted(joined.queryExecution()), figures)
          .put("answer", answer.get(0).getLong(0) + " joined rows");
    });
  }

  private static Dataset<Row> skewedJoin(SparkSession session, Dataset<Row> events, int hotPercent) {
    Dataset<Row> keyed = events.withColumn("join_key", expr("CASE WHEN pmod(hash(event_id), 100) < " + hotPercent + " THEN 'hot' ELSE user_id END"));
    // No aggregate on this side: AQE splits a skewed join only where both sides come straight from a shuffle.
    Dataset<Row> keys = session.table("dim_user").filter(col("is_current")).select(col("user_id").as("join_key"))
        .union(session.sql("SELECT 'hot' AS join_key"));
    // max(event_id) keeps each row's id through the join: counting alone would shuffle only the key, and a partition
    // of one repeated key compresses to almost nothing, skewed in rows but not in bytes.
    return keyed.join(keys, "join_key").agg(count(lit(1)).as("joined_rows"), max(col("event_id")).as("last_id"));
  }

  /** fact_events spread over 16 partitions (cached), then repartition(n) against coalesce(n): rows per partition. */
  private static void partitioning(SparkSession session, JsonNode params, ArrayNode variants) {
    int target = intParam(params, "partitions", 4, 1, 64);
    Dataset<Row> wide = session.table("fact_events").repartition(16).cache();
    try {
      wide.count();
      Dataset<Row> repartitioned = wide.repartition(target);
      Dataset<Row> coalesced = wide.coalesce(target);
      for (Object[] pair : new Object[][] {{"repartition(" + target + ")", repartitioned}, {"coalesce(" + target + ")", coalesced}}) {
        @SuppressWarnings("unchecked")
        Dataset<Row> frame = (Dataset<Row>) pair[1];
        List<Long> sizes = new ArrayList<>();
        // Inside the measured part: turning an adaptive plan into an RDD already runs its shuffle.
        ObjectNode figures = PipelineLabSparkDriver.measured(() -> sizes.addAll(rowsPerPartition(frame)));
        long min = sizes.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        variant(variants, (String) pair[0], PipelineLabSparkDriver.formatted(frame.queryExecution()), figures)
            .put("answer", sizes.size() + " partitions of " + min + "–" + max + " rows");
      }
    } finally {
      wide.unpersist(true);
    }
  }

  private static List<Long> rowsPerPartition(Dataset<Row> frame) {
    JavaRDD<Long> counts = frame.javaRDD().mapPartitions(rows -> {
      long n = 0;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      return List.of(n).iterator();
    });
    return counts.collect();
  }

  /** Runs work with session settings changed, then puts the previous values back. */
  private static void withSettings(SparkSession session, Map<String, String> settings, Runnable work) {
    Map<String, String> previous = new HashMap<>();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      previous.put(setting.getKey(), session.conf().get(setting.getKey(), null));
      session.conf().set(setting.getKey(), setting.getValue());
    }
    try {
      work.run();
    } finally {
      for (Map.Entry<String, String> setting : previous.entrySet()) {
        if (setting.getValue() == null) session.conf().unset(setting.getKey());
        else session.conf().set(setting.getKey(), setting.getValue());
      }
    }
  }
}
