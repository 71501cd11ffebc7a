import { cassandraService } from './cassandra-service';
import { kafkaService } from './kafka-service';
import { postgresService } from './postgres-service';
import { redisService } from './redis-service';
import { s3Service } from './s3-service';
import type { ServiceDefinition } from './types';

/**
 * The services of `npm run services`, in the order status lists them (down stops them in reverse). A new service
 * is one ServiceDefinition added here; its `up` returns the variables that point the pipeline at it, and they
 * land in services.env with the rest.
 */
export const serviceDefinitions: readonly ServiceDefinition[] = [
  kafkaService,
  s3Service,
  postgresService,
  redisService,
  cassandraService,
];
