export { CHECK_IN_STATUSES, MONITOR_STATUSES, INTERVAL_UNITS, MONITOR_CONFIG_DEFAULTS, isFailure, type CheckInStatus, type MonitorStatus, type MonitorConfig, type MonitorSchedule, type IntervalUnit } from "./model";
export { monitorSlugProblem, environmentProblem, slugify, isKnownTimezone } from "./names";
export { nextExpectedAt, overdueSlots, describeSchedule, crontabProblem } from "./schedule";
export { decideIncident, uptimeOver, timelineBuckets, displayedStatus, hasTimedOut, type Uptime, type TimelineBucket } from "./state";
export { parseCheckIn, toSentryMonitorConfig, DEFAULT_CHECK_IN_ENVIRONMENT, type CheckInRequest, type ParsedCheckIn } from "./checkin-input";
export { recordCheckIn, evaluateMonitors, type RecordedCheckIn, type MonitorEvaluation, type CheckInSource } from "./store";
export { sendCheckInToSentry, cronIngestUrl, type CheckInTransport, type SentryCheckIn, type SentryDelivery } from "./sentry-crons";
export { monitorWorkerPass, workerMonitorConfig, type WorkerPassReport, type WorkerPassKind } from "./worker-pass";
