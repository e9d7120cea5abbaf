export { Jobs, backoffMs, type JobHandler, type JobInfo, type EnqueueOptions } from './jobs.js';
export { jobs, type JobState } from './schema.js';
