import { PipelineError } from '../../contracts/errors';

interface KafkaLikeError {
  name?: string;
  type?: string;
  message?: string;
  retriable?: boolean;
}

function isKafkaLikeError(error: unknown): error is KafkaLikeError {
  return typeof error === 'object' && error !== null && 'message' in error;
}

/** Maps kafkajs errors to PipelineError codes, keeping kafkajs's own `retriable` verdict and the cause. */
export function fromKafkaError(error: unknown, action: string): PipelineError {
  if (error instanceof PipelineError) return error;
  const details = isKafkaLikeError(error) ? error : { message: String(error) };
  const text = `${details.type ?? details.name ?? 'KafkaError'}: ${details.message ?? ''}`;
  if (/UNKNOWN_TOPIC_OR_PARTITION|does not host this topic-partition/i.test(text)) {
    return new PipelineError('NOT_FOUND', `${action}: the topic does not exist (${text}).`, { cause: error });
  }
  if (/REBALANCE_IN_PROGRESS|ILLEGAL_GENERATION|UNKNOWN_MEMBER_ID|NOT_COORDINATOR/i.test(text)) {
    return new PipelineError(
      'CONFLICT',
      `${action}: the consumer group is rebalancing (${text}); the records will be delivered again.`,
      {
        cause: error,
        retriable: false,
      },
    );
  }
  if (
    /ECONNREFUSED|Connection error|KafkaJSNumberOfRetriesExceeded|KafkaJSConnectionError|Request timed out/i.test(
      text,
    )
  ) {
    return new PipelineError(
      'SERVICE_UNAVAILABLE',
      `${action}: Kafka is not reachable (${text}). Is the broker running? Try \`npm run doctor\`.`,
      {
        cause: error,
        retriable: true,
      },
    );
  }
  return new PipelineError('INTERNAL', `${action}: ${text}`, {
    cause: error,
    retriable: details.retriable ?? false,
  });
}
