// How the server logs, from LOG_FORMAT and LOG_LEVEL: JSON lines for machines, or pretty
// lines for a person at a terminal. Pure: the environment and whether stdout is a terminal are
// arguments (docs/decisions/017-structured-logs.md).

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** pino's levels, and `silent` for none at all. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSettings {
  format: LogFormat;
  level: LogLevel;
}

export class LogSettingsError extends Error {
  override name = 'LogSettingsError';
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new LogSettingsError(`${name} must be one of ${allowed.join(', ')} (it is "${value}"). For example ${name}=${allowed[0]}.`);
}

/**
 * LOG_FORMAT when set; otherwise JSON in production (a log collector reads stdout), and
 * outside production pretty when stdout is a terminal, JSON when it is a pipe or a file (a
 * test, a process manager). LOG_LEVEL: `info` unless set.
 */
export function readLogSettings(env: Record<string, string | undefined>, stdoutIsTerminal: boolean): LogSettings {
  const givenFormat = env.LOG_FORMAT?.trim() ? oneOf('LOG_FORMAT', env.LOG_FORMAT, LOG_FORMATS) : undefined;
  const production = env.NODE_ENV === 'production';
  const format = givenFormat ?? (!production && stdoutIsTerminal ? 'pretty' : 'json');
  const level = env.LOG_LEVEL?.trim() ? oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS) : 'info';
  return { format, level };
}
