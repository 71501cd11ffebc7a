import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { PipelineError } from '../contracts/errors';

/**
 * Flags are parsed by node:util parseArgs (strict: unknown flags are errors) and validated by a zod schema,
 * so every command reports bad input the same way: which flag, what was expected, what was given.
 */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** A whole number flag in [min, max], e.g. `--events 100000` (underscores allowed: 1_000_000). */
export function integerFlag(flag: string, min: number, max: number) {
  return z.string().transform((text, context) => {
    const cleaned = text.replace(/_/g, '');
    const value = /^-?\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      context.addIssue({
        code: 'custom',
        message: `--${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${text}")`,
      });
      return z.NEVER;
    }
    return value;
  });
}

export function enumFlag<const T extends readonly [string, ...string[]]>(flag: string, values: T) {
  return z.enum(values, {
    error: (issue) => `--${flag} must be one of ${values.join(', ')} (got "${String(issue.input)}")`,
  });
}

export function parseFlags<S extends z.ZodType>(
  command: string,
  argv: string[],
  options: FlagSpec,
  schema: S,
): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    values = { ...parsed.values };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PipelineError('INVALID_ARGUMENT', `${command}: ${reason}`, { cause: error });
  }
  const result = schema.safeParse(values);
  if (!result.success) {
    const messages = result.error.issues.map((issue) => {
      const flag =
        issue.path.length > 0
          ? `--${String(issue.path[0]).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
          : '';
      return issue.message.startsWith('--') || flag === '' ? issue.message : `${flag}: ${issue.message}`;
    });
    throw new PipelineError('INVALID_ARGUMENT', `${command}: ${messages.join('; ')}`, {
      details: { issues: result.error.issues },
    });
  }
  return result.data;
}
