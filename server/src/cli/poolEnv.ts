/** Set in the pool's workers' environment: cliMain.ts loads node:worker_threads only then. */
export const POOL_WORKER_ENV = 'DILIGENCE_POOL_WORKER';
