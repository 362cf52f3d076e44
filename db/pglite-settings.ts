// How the embedded database is started. PGlite's own defaults give PostgreSQL 128 MB of shared
// buffers inside the server's process, which a newsroom's working set does not need: the
// operating system's file cache holds the data files anyway. Measured on this project's
// machine (a fresh process opening an existing data folder, then reading a 64 MB table), the
// default settings gave 321-492 MB RSS after opening and 453-820 MB after the reads; 16 MB of
// shared buffers gave 189-225 MB and 212-371 MB. See docs/performance.md.

/** PGlite's default start parameters (its `defaultStartParams`), which these replace whole. */
const PGLITE_DEFAULTS = [
  '--single', '-F', '-O', '-j',
  '-c', 'search_path=public',
  '-c', 'exit_on_error=false',
  '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0',
  '-c', 'max_parallel_workers=0',
  '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync',
  '-c', 'max_parallel_maintenance_workers=0',
];

/** Shared buffers for the embedded database, in megabytes (PGLITE_SHARED_BUFFERS_MB). */
export const DEFAULT_SHARED_BUFFERS_MB = 16;

export function pgliteStartParams(sharedBuffersMb = DEFAULT_SHARED_BUFFERS_MB): string[] {
  return [...PGLITE_DEFAULTS, '-c', `shared_buffers=${sharedBuffersMb}MB`, '-c', 'wal_buffers=1MB'];
}
