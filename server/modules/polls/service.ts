// The job lives in jobs.ts; this export keeps existing imports of it working.
export { runPollNotifications } from './jobs'
