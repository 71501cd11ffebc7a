import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A learner's query from a lesson cell, run in the cells' session (docs/decisions/013-spark-lesson-cells.md). The web
 * server checks the text first; this is the second wall: Spark's own parser must read it as one query (its `query`
 * rule has no INSERT, DDL, SET, ADD JAR or second statement), the session cannot read files through SQL
 * (spark.sql.runSQLOnFiles=false), and a query that calls Java by reflection or parses XML is refused before it runs.
 * Its jobs are cancelled at the time limit; at most maxRows rows come back.
 */
final class SparkCells {
  private SparkCells() {}

  static final class CellRefused extends RuntimeException {
    CellRefused(String message) {
      super(message);
    }
  }

  private static final Pattern forbiddenCalls =
      Pattern.compile("\\b(reflect|java_method|try_reflect|xpath\\w*|from_xml|schema_of_xml)\\(", Pattern.CASE_INSENSITIVE);

  static void run(SparkSession session, JsonNode request, ObjectNode result) {
    String sql = request.path("sql").asText("");
    boolean explainOnly = request.path("explainOnly").asBoolean(false);
    int maxRows = Math.max(0, Math.min(request.path("maxRows").asInt(100), 1000));
    long timeoutMs = Math.max(1_000, Math.min(request.path("timeoutMs").asLong(30_000), 300_000));
    try {
      session.sessionState().sqlParser().parseQuery(sql);
    } catch (Exception error) {
      String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().strip().split("\\R", 2)[0];
      throw new CellRefused("Spark reads this as something other than one query (SELECT, WITH … SELECT): " + message);
    }
    Dataset<Row> frame = session.sql(sql);
    String analyzed = frame.queryExecution().analyzed().toString();
    if (forbiddenCalls.matcher(analyzed).find())
      throw new CellRefused("Lesson cells may not call Java methods by reflection or parse XML.");
    result.put("plan", PipelineLabSparkDriver.formatted(frame.queryExecution()));
    if (explainOnly) {
      PipelineLabSparkDriver.putRows(frame, 0, result);
      return;
    }
    ObjectNode figures = PipelineLabSparkDriver.measured(
        () -> PipelineLabSparkDriver.withTimeLimit(session, timeoutMs, () -> {
          PipelineLabSparkDriver.putRows(frame, maxRows, result);
          return null;
        }));
    result.set("figures", figures);
  }
}
