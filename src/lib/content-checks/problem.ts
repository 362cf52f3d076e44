// What every content check returns: one problem an editor can act on, tied to a file and line.

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The file as the editor should open it: relative to where the command ran. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  message: string;
  severity: Severity;
}

export function error(file: string, line: number, message: string): Problem {
  return { file, line, message, severity: 'error' };
}

export function warning(file: string, line: number, message: string): Problem {
  return { file, line, message, severity: 'warning' };
}
