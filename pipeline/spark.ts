/**
 * What the web server uses of the Spark engine (the console's engine choice): whether Spark can run here. The web
 * imports the pipeline only through such entry points.
 */
export { sparkAvailability, type SparkAvailability } from './engines/spark/spark-availability';
export {
  cellLimits,
  runSparkCell,
  type CellLake,
  type SparkCellAnswer,
  type SparkCellRequest,
} from './engines/spark/spark-cells';
