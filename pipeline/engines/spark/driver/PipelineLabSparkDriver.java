import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.spark.SparkThrowable;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExplainMode;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * The Pipeline Lab Spark driver: one long-lived SparkSession, driven by JSON lines on stdin, answering with JSON lines on
 * stdout (everything Spark itself prints goes to stderr). Every request carries an id; the answers to it are any number
 * of {"type":"progress"} lines, then exactly one {"type":"result"} or {"type":"error"}. Requests run one at a time.
 *
 * Requests (op):
 *   sql      {sql, maxRows?, plan?}  runs one statement; returns columns, up to maxRows rows (JSON objects), the
 *                                    EXPLAIN FORMATTED plan when plan is true, and the metrics of the jobs it ran
 *   write    {name, sql, path}       runs a query, writes it as Parquet at path and makes `name` a view over that file
 *   write    {…, plan?}              with plan, also the EXPLAIN FORMATTED text of the plan the write executed
 *   register {name, path, session?}  makes `name` a view over Parquet written earlier (a later process resuming a
 *                                    run); session "cells" registers it in the lesson cells' session instead
 *   cell     {sql, maxRows, timeoutMs}  a learner's query in the cells' session (see SparkCells): refused unless it
 *                                    parses as one query; its jobs are cancelled after timeoutMs
 *   experiment {name, params, timeoutMs}  a fixed experiment of SparkExperiments in the cells' session
 *   shutdown {}                      stops the session and exits
 * Any request may carry lake: the Iceberg warehouse (a directory) that the catalog `lake` means for it. The catalog is
 * an Iceberg Hadoop catalog (metadata and data files under that directory, no catalog server); a request naming
 * another warehouse than the previous one re-points it, so one session serves the runs of a test suite or a server.
 * Configuration comes from spark.* JVM system properties (-Dspark.master=local[*] …), which SparkConf reads.
 */
public final class PipelineLabSparkDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PrintStream protocol;
  private static volatile long currentRequest = -1;

  /** Figures of the jobs run for the current request, summed from the task-end events. */
  private static final class RequestMetrics {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong stages = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong shuffleReadBytes = new AtomicLong();
    final AtomicLong shuffleWriteBytes = new AtomicLong();
    final AtomicLong spillBytes = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong peakExecutionMemory = new AtomicLong();
    final AtomicLong maxTaskShuffleReadBytes = new AtomicLong();
    final AtomicLong maxTaskMs = new AtomicLong();

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("jobs", jobs.get());
      node.put("stages", stages.get());
      node.put("tasks", tasks.get());
      node.put("shuffleReadBytes", shuffleReadBytes.get());
      node.put("shuffleWriteBytes", shuffleWriteBytes.get());
      node.put("spillBytes", spillBytes.get());
      node.put("recordsWritten", recordsWritten.get());
      node.put("inputBytes", bytesRead.get());
      node.put("peakExecutionMemory", peakExecutionMemory.get());
      node.put("maxTaskShuffleReadBytes", maxTaskShuffleReadBytes.get());
      node.put("maxTaskMs", maxTaskMs.get());
      return node;
    }
  }

  private static volatile RequestMetrics metrics = new RequestMetrics();
  /** The warehouse each session's `lake` catalog points at (the pipeline's session and the cells' have their own). */
  private static final java.util.IdentityHashMap<SparkSession, String> lakeWarehouses = new java.util.IdentityHashMap<>();

  /**
   * Points the catalog `lake` at a run's Iceberg warehouse. Spark builds a catalog plugin once, from its settings, at
   * first use, and caches it (Iceberg's SparkCatalog caches tables too): to change the warehouse the catalog manager
   * forgets its plugins, and the next `lake.` name builds a new one. Temporary views are not catalogs and stay.
   */
  private static void useLake(SparkSession spark, String warehouse) {
    String previous = lakeWarehouses.get(spark);
    if (warehouse.isEmpty() || warehouse.equals(previous)) return;
    spark.conf().set("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog.lake.type", "hadoop");
    spark.conf().set("spark.sql.catalog.lake.warehouse", warehouse);
    if (previous != null) spark.sessionState().catalogManager().reset();
    lakeWarehouses.put(spark, warehouse);
  }

  /** Streams progress (a line per finished task, at most every 250 ms per stage) and sums the request's metrics. */
  private static final class ProgressListener extends SparkListener {
    private final ConcurrentHashMap<Integer, int[]> stageTasks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Long> lastSent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart event) {
      metrics.jobs.incrementAndGet();
      scala.collection.Iterator<Object> ids = event.stageIds().iterator();
      while (ids.hasNext()) jobOfStage.put((Integer) ids.next(), event.jobId());
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
      stageTasks.put(event.stageInfo().stageId(), new int[] {0, event.stageInfo().numTasks()});
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
      RequestMetrics m = metrics;
      m.tasks.incrementAndGet();
      TaskMetrics t = event.taskMetrics();
      if (t != null) {
        m.shuffleReadBytes.addAndGet(t.shuffleReadMetrics().totalBytesRead());
        m.shuffleWriteBytes.addAndGet(t.shuffleWriteMetrics().bytesWritten());
        m.spillBytes.addAndGet(t.memoryBytesSpilled() + t.diskBytesSpilled());
        m.recordsWritten.addAndGet(t.outputMetrics().recordsWritten());
        m.bytesRead.addAndGet(t.inputMetrics().bytesRead());
        m.peakExecutionMemory.accumulateAndGet(t.peakExecutionMemory(), Math::max);
        m.maxTaskShuffleReadBytes.accumulateAndGet(t.shuffleReadMetrics().totalBytesRead(), Math::max);
        m.maxTaskMs.accumulateAndGet(event.taskInfo().duration(), Math::max);
      }
      int stageId = event.stageId();
      int[] counts = stageTasks.computeIfAbsent(stageId, id -> new int[] {0, 0});
      int done;
      synchronized (counts) {
        done = ++counts[0];
      }
      long now = System.currentTimeMillis();
      Long previous = lastSent.get(stageId);
      if (previous != null && now - previous < 250 && done < counts[1]) return;
      lastSent.put(stageId, now);
      ObjectNode line = JSON.createObjectNode();
      line.put("type", "progress");
      line.put("id", currentRequest);
      line.put("jobId", jobOfStage.getOrDefault(stageId, -1));
      line.put("stageId", stageId);
      line.put("tasksDone", done);
      line.put("tasksTotal", counts[1]);
      line.put("shuffleReadBytes", m.shuffleReadBytes.get());
      line.put("shuffleWriteBytes", m.shuffleWriteBytes.get());
      line.put("spillBytes", m.spillBytes.get());
      send(line);
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
      metrics.stages.incrementAndGet();
      stageTasks.remove(event.stageInfo().stageId());
      lastSent.remove(event.stageInfo().stageId());
    }
  }

  /** The last query execution a write ran, so its plan can be shown as executed (adaptive plans final). */
  private static final AtomicReference<QueryExecution> lastWrite = new AtomicReference<>();

  private static final class WriteListener implements QueryExecutionListener {
    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      if (qe.analyzed().nodeName().startsWith("InsertInto")) lastWrite.set(qe);
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  }

  private static SparkSession mainSession;
  private static SparkSession cellsSession;
  private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cell-time-limit");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * The session of the lesson cells: its own temporary views and settings (no SQL on files), over the same
   * SparkContext as the pipeline's.
   */
  static synchronized SparkSession cells() {
    if (cellsSession == null) {
      cellsSession = mainSession.newSession();
      cellsSession.conf().set("spark.sql.runSQLOnFiles", "false");
    }
    return cellsSession;
  }

  /** Waits until the listeners have seen every event so far (task metrics arrive on the listener bus, after the job). */
  static void drainListeners() {
    try {
      mainSession.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } catch (Exception error) {
      // Figures may then miss a last task; the answer itself is complete.
    }
  }

  /** Runs work with metrics of its own (added to the request's too) and returns them. */
  static ObjectNode measured(Runnable work) {
    RequestMetrics outer = metrics;
    RequestMetrics part = new RequestMetrics();
    metrics = part;
    long begun = System.nanoTime();
    try {
      work.run();
      drainListeners();
    } finally {
      metrics = outer;
    }
    outer.jobs.addAndGet(part.jobs.get());
    outer.stages.addAndGet(part.stages.get());
    outer.tasks.addAndGet(part.tasks.get());
    outer.shuffleReadBytes.addAndGet(part.shuffleReadBytes.get());
    outer.shuffleWriteBytes.addAndGet(part.shuffleWriteBytes.get());
    outer.spillBytes.addAndGet(part.spillBytes.get());
    ObjectNode figures = part.toJson();
    figures.put("durationMs", (System.nanoTime() - begun) / 1_000_000);
    return figures;
  }

  static String formatted(QueryExecution qe) {
    String text = qe.explainString(ExplainMode.fromString("formatted"));
    return text.length() > 60_000 ? text.substring(0, 60_000) + "\n… (plan cut at 60,000 characters)" : text;
  }

  /** Cancels the current thread's Spark jobs once timeoutMs has passed; the work then fails with a clear message. */
  static <T> T withTimeLimit(SparkSession session, long timeoutMs, Supplier<T> work) {
    String group = "cell-" + System.nanoTime();
    AtomicBoolean expired = new AtomicBoolean(false);
    session.sparkContext().setJobGroup(group, "lesson cell", true);
    ScheduledFuture<?> cancel = timer.schedule(() -> {
      expired.set(true);
      session.sparkContext().cancelJobGroup(group);
    }, timeoutMs, TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } catch (Exception error) {
      // Spark's job failures are checked SparkExceptions that Scala code throws undeclared.
      if (expired.get()) throw new CellTimeLimit(timeoutMs);
      if (error instanceof RuntimeException runtime) throw runtime;
      throw new IllegalStateException(error.getMessage(), error);
    } finally {
      cancel.cancel(false);
      session.sparkContext().clearJobGroup();
    }
  }

  static final class CellTimeLimit extends RuntimeException {
    CellTimeLimit(long timeoutMs) {
      super("The cell ran longer than its time limit of " + (timeoutMs / 1000) + " s, so its Spark jobs were cancelled. Ask for less data (a filter, a LIMIT, fewer columns).");
    }
  }

  private static synchronized void send(ObjectNode line) {
    protocol.println(line.toString());
    protocol.flush();
  }

  public static void main(String[] args) throws Exception {
    protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    long started = System.nanoTime();
    SparkSession spark;
    try {
      spark = SparkSession.builder().appName("pipeline-lab").getOrCreate();
    } catch (Throwable error) {
      ObjectNode failure = errorLine(-1, error);
      failure.put("type", "fatal");
      send(failure);
      System.exit(1);
      return;
    }
    spark.sparkContext().addSparkListener(new ProgressListener());
    spark.listenerManager().register(new WriteListener());
    mainSession = spark;
    ObjectNode ready = JSON.createObjectNode();
    ready.put("type", "ready");
    ready.put("sparkVersion", spark.version());
    ready.put("master", spark.sparkContext().master());
    ready.put("defaultParallelism", spark.sparkContext().defaultParallelism());
    ready.put("uiUrl", spark.sparkContext().uiWebUrl().isDefined() ? spark.sparkContext().uiWebUrl().get() : null);
    ready.put("startMs", (System.nanoTime() - started) / 1_000_000);
    ready.put("javaVersion", System.getProperty("java.version"));
    ready.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    send(ready);

    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String text;
    while ((text = input.readLine()) != null) {
      if (text.isBlank()) continue;
      long id = -1;
      try {
        JsonNode request = JSON.readTree(text);
        id = request.path("id").asLong(-1);
        String op = request.path("op").asText("");
        if (op.equals("shutdown")) break;
        currentRequest = id;
        metrics = new RequestMetrics();
        long begun = System.nanoTime();
        ObjectNode result = JSON.createObjectNode();
        result.put("type", "result");
        result.put("id", id);
        boolean inCells = op.equals("cell") || op.equals("experiment") || request.path("session").asText("").equals("cells");
        useLake(inCells ? cells() : spark, request.path("lake").asText(""));
        switch (op) {
          case "sql" -> runSql(spark, request, result);
          case "write" -> {
            Dataset<Row> frame = spark.sql(request.path("sql").asText());
            String path = request.path("path").asText();
            lastWrite.set(null);
            frame.write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(path);
            if (request.path("plan").asBoolean(false)) {
              drainListeners();
              QueryExecution executed = lastWrite.get();
              result.put("plan", executed != null ? formatted(executed) : formatted(frame.queryExecution()));
            }
            spark.read().parquet(path).createOrReplaceTempView(request.path("name").asText());
          }
          case "register" -> {
            SparkSession session = request.path("session").asText("").equals("cells") ? cells() : spark;
            session.read().parquet(request.path("path").asText()).createOrReplaceTempView(request.path("name").asText());
          }
          case "cell" -> SparkCells.run(cells(), request, result);
          case "experiment" -> SparkExperiments.run(cells(), request, result);
          default -> throw new IllegalArgumentException("unknown op \"" + op + "\" (expected sql, write, register, cell, experiment or shutdown)");
        }
        drainListeners();
        result.put("durationMs", (System.nanoTime() - begun) / 1_000_000);
        result.set("metrics", metrics.toJson());
        result.put("heapUsedBytes", heapUsed());
        result.put("peakRssBytes", peakRss());
        send(result);
      } catch (Throwable error) {
        send(errorLine(id, error));
      } finally {
        currentRequest = -1;
      }
    }
    spark.stop();
    System.exit(0);
  }

  /** Up to maxRows rows of a frame as Spark's own JSON, and its columns. */
  static void putRows(Dataset<Row> frame, int maxRows, ObjectNode result) {
    ArrayNode columns = result.putArray("columns");
    for (StructField field : frame.schema().fields()) {
      ObjectNode column = columns.addObject();
      column.put("name", field.name());
      column.put("type", field.dataType().simpleString());
    }
    ArrayNode rows = result.putArray("rows");
    if (maxRows <= 0 || frame.schema().fields().length == 0) return;
    List<String> lines = frame.toJSON().takeAsList(maxRows + 1);
    for (int i = 0; i < Math.min(lines.size(), maxRows); i++) {
      try {
        rows.add(JSON.readTree(lines.get(i)));
      } catch (Exception error) {
        throw new IllegalStateException("a result row is not JSON: " + error.getMessage(), error);
      }
    }
    result.put("truncated", lines.size() > maxRows);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static void runSql(SparkSession spark, JsonNode request, ObjectNode result) {
    String sql = request.path("sql").asText();
    int maxRows = request.path("maxRows").asInt(0);
    if (request.path("plan").asBoolean(false)) {
      List<Row> plan = spark.sql("EXPLAIN FORMATTED " + sql).collectAsList();
      result.put("plan", plan.isEmpty() ? "" : plan.get(0).getString(0));
    }
    Dataset<Row> frame = spark.sql(sql);
    ArrayNode columns = result.putArray("columns");
    for (StructField field : frame.schema().fields()) {
      ObjectNode column = columns.addObject();
      column.put("name", field.name());
      column.put("type", field.dataType().simpleString());
    }
    ArrayNode rows = result.putArray("rows");
    if (maxRows > 0 && frame.schema().fields().length > 0) {
      // Rows as Spark's own JSON (exact decimals as JSON numbers written from their text, timestamps as text).
      List<String> lines = frame.toJSON().takeAsList(maxRows + 1);
      for (int i = 0; i < Math.min(lines.size(), maxRows); i++) {
        try {
          rows.add(JSON.readTree(lines.get(i)));
        } catch (Exception error) {
          throw new IllegalStateException("a result row is not JSON: " + error.getMessage(), error);
        }
      }
      result.put("truncated", lines.size() > maxRows);
    }
  }

  /** The JVM's peak resident memory (VmHWM of /proc/self/status, Linux), or -1 where there is no such file. */
  private static long peakRss() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (Exception error) {
      return -1;
    }
    return -1;
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
    }
    return used;
  }

  /** Spark's error class and the first meaningful line of its message, not the stack trace. */
  private static ObjectNode errorLine(long id, Throwable error) {
    Throwable cause = error;
    Throwable spark = null;
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (current instanceof SparkThrowable && spark == null) spark = current;
      cause = current;
    }
    Throwable shown = spark != null ? spark : cause;
    String message = shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage();
    String firstLine = message.strip().split("\\R", 2)[0];
    if (firstLine.length() > 600) firstLine = firstLine.substring(0, 600) + "…";
    ObjectNode line = JSON.createObjectNode();
    line.put("type", "error");
    line.put("id", id);
    line.put("message", firstLine);
    line.put("exception", shown.getClass().getName());
    if (spark != null) {
      SparkThrowable throwable = (SparkThrowable) spark;
      line.put("errorClass", throwable.getCondition());
      line.put("sqlState", throwable.getSqlState());
    }
    if (cause != shown && cause.getMessage() != null) line.put("rootCause", cause.getClass().getSimpleName() + ": " + cause.getMessage().strip().split("\\R", 2)[0]);
    return line;
  }
}
