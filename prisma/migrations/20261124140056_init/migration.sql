-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'operator', 'admin');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'api_token', 'system', 'sentry');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('received', 'processed', 'duplicate', 'unhandled', 'failed');

-- CreateEnum
CREATE TYPE "IssueStatus" AS ENUM ('unresolved', 'resolved', 'ignored');

-- CreateEnum
CREATE TYPE "IssueLevel" AS ENUM ('fatal', 'error', 'warning', 'info', 'debug', 'sample');

-- CreateEnum
CREATE TYPE "RuleTrigger" AS ENUM ('issue_created', 'issue_unresolved', 'event_alert', 'metric_alert', 'error_event');

-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('prod', 'nonprod');

-- CreateEnum
CREATE TYPE "PriorityClass" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'awaiting_approval', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled');

-- CreateEnum
CREATE TYPE "JobSource" AS ENUM ('rule', 'manual', 'api', 'retry', 'follow_up');

-- CreateEnum
CREATE TYPE "WorkerKind" AS ENUM ('cron', 'standalone');

-- CreateEnum
CREATE TYPE "MonitorStatus" AS ENUM ('unknown', 'ok', 'error', 'missed', 'timeout', 'disabled');

-- CreateEnum
CREATE TYPE "ScheduleType" AS ENUM ('crontab', 'interval');

-- CreateEnum
CREATE TYPE "CheckInStatus" AS ENUM ('in_progress', 'ok', 'error', 'missed', 'timeout');

-- CreateEnum
CREATE TYPE "HealthCheckKind" AS ENUM ('http', 'tcp', 'redis', 'postgres');

-- CreateEnum
CREATE TYPE "HealthState" AS ENUM ('unknown', 'up', 'down');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('slack', 'pagerduty', 'email', 'webhook', 'github');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'suppressed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabledAt" TIMESTAMPTZ(3),
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "summary" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SentryInstallation" (
    "id" TEXT NOT NULL,
    "uuid" TEXT NOT NULL,
    "organizationSlug" TEXT,
    "appSlug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "data" JSONB,
    "installedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SentryInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "action" TEXT,
    "requestId" TEXT,
    "contentKey" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "rawBody" TEXT NOT NULL,
    "signatureOk" BOOLEAN NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "entityId" TEXT,
    "issueId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Issue" (
    "id" TEXT NOT NULL,
    "sentryId" TEXT NOT NULL,
    "shortId" TEXT,
    "title" TEXT NOT NULL,
    "culprit" TEXT,
    "level" "IssueLevel" NOT NULL DEFAULT 'error',
    "status" "IssueStatus" NOT NULL DEFAULT 'unresolved',
    "substatus" TEXT,
    "environment" TEXT,
    "projectId" TEXT,
    "projectSlug" TEXT,
    "platform" TEXT,
    "metadata" JSONB,
    "firstSeen" TIMESTAMPTZ(3),
    "lastSeen" TIMESTAMPTZ(3),
    "count" BIGINT NOT NULL DEFAULT 0,
    "userCount" INTEGER NOT NULL DEFAULT 0,
    "assignee" TEXT,
    "permalink" TEXT,
    "sentryUpdatedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueEvent" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "sentryEventId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT,
    "message" TEXT,
    "level" TEXT,
    "environment" TEXT,
    "release" TEXT,
    "platform" TEXT,
    "tags" JSONB,
    "exception" JSONB,
    "triggeredRule" TEXT,
    "data" JSONB,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssueEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueTimelineEntry" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "summary" TEXT NOT NULL,
    "data" JSONB,
    "deliveryId" TEXT,
    "jobId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssueTimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricAlertIncident" (
    "id" TEXT NOT NULL,
    "sentryIncidentId" TEXT NOT NULL,
    "alertRuleName" TEXT,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "projects" TEXT[],
    "data" JSONB,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricAlertIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricAlertStatusChange" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "deliveryId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricAlertStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentryPollCursor" (
    "project" TEXT NOT NULL,
    "lastPolledAt" TIMESTAMPTZ(3),
    "lastChangeAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SentryPollCursor_pkey" PRIMARY KEY ("project")
);

-- CreateTable
CREATE TABLE "RemediationRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "trigger" "RuleTrigger" NOT NULL,
    "conditions" JSONB NOT NULL,
    "action" JSONB NOT NULL,
    "safety" JSONB NOT NULL,
    "stopAfterMatch" BOOLEAN NOT NULL DEFAULT false,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "lastFiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RemediationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationRuleRevision" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "note" TEXT,
    "authorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemediationRuleRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleEvaluation" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "ruleId" TEXT,
    "trigger" "RuleTrigger" NOT NULL,
    "decision" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "jobId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationJob" (
    "id" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,
    "namespace" TEXT NOT NULL,
    "priorityClass" "PriorityClass" NOT NULL,
    "script" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "metadata" JSONB,
    "source" "JobSource" NOT NULL,
    "issueId" TEXT,
    "ruleId" TEXT,
    "parentJobId" TEXT,
    "submittedByType" "ActorType" NOT NULL,
    "submittedById" TEXT,
    "submittedByLabel" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 1,
    "runAfter" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 300,
    "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMPTZ(3),
    "cancelRequestedAt" TIMESTAMPTZ(3),
    "callbackTokenHash" TEXT,
    "traceId" TEXT,
    "output" JSONB,
    "error" TEXT,
    "logBytes" INTEGER NOT NULL DEFAULT 0,
    "resolveIssueOnSuccess" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RemediationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobAttempt" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT,
    "status" "JobStatus" NOT NULL,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "JobAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLogLine" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobLogLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "kind" "WorkerKind" NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER,
    "version" TEXT NOT NULL,
    "tiers" "Tier"[],
    "currentJobs" INTEGER NOT NULL DEFAULT 0,
    "jobsProcessed" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'external',
    "scheduleType" "ScheduleType" NOT NULL,
    "schedule" TEXT NOT NULL,
    "checkinMarginMinutes" INTEGER NOT NULL DEFAULT 1,
    "maxRuntimeMinutes" INTEGER NOT NULL DEFAULT 30,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "failureIssueThreshold" INTEGER NOT NULL DEFAULT 1,
    "recoveryThreshold" INTEGER NOT NULL DEFAULT 1,
    "status" "MonitorStatus" NOT NULL DEFAULT 'unknown',
    "relayToSentry" BOOLEAN NOT NULL DEFAULT false,
    "tokenHash" TEXT,
    "lastCheckInAt" TIMESTAMPTZ(3),
    "nextExpectedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorCheckIn" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "checkInId" TEXT NOT NULL,
    "status" "CheckInStatus" NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "durationMs" INTEGER,
    "workerId" TEXT,
    "source" TEXT NOT NULL,
    "sentryRelay" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitorCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorIncident" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MonitorIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthCheck" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "HealthCheckKind" NOT NULL,
    "target" JSONB NOT NULL,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 60,
    "timeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "state" "HealthState" NOT NULL DEFAULT 'unknown',
    "lastCheckedAt" TIMESTAMPTZ(3),
    "nextCheckAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HealthCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthSample" (
    "id" BIGSERIAL NOT NULL,
    "checkId" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "latencyMs" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HealthSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthIncident" (
    "id" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "HealthIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "config" JSONB NOT NULL,
    "secretCiphertext" TEXT,
    "secretEnvVar" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastTestAt" TIMESTAMPTZ(3),
    "lastTestResult" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRoute" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "match" JSONB NOT NULL,
    "throttleSeconds" INTEGER NOT NULL DEFAULT 300,
    "reAlertSeconds" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRouteChannel" (
    "routeId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,

    CONSTRAINT "AlertRouteChannel_pkey" PRIMARY KEY ("routeId","channelId")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "tier" "Tier",
    "resolves" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "routeId" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "match" JSONB NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_createdAt_idx" ON "SignInAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLogEntry_createdAt_idx" ON "AuditLogEntry"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditLogEntry_targetType_targetId_idx" ON "AuditLogEntry"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLogEntry_actorType_actorId_idx" ON "AuditLogEntry"("actorType", "actorId");

-- CreateIndex
CREATE UNIQUE INDEX "SentryInstallation_uuid_key" ON "SentryInstallation"("uuid");

-- CreateIndex
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_contentKey_idx" ON "WebhookDelivery"("contentKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_issueId_idx" ON "WebhookDelivery"("issueId");

-- CreateIndex
CREATE UNIQUE INDEX "Issue_sentryId_key" ON "Issue"("sentryId");

-- CreateIndex
CREATE INDEX "Issue_status_level_idx" ON "Issue"("status", "level");

-- CreateIndex
CREATE INDEX "Issue_lastSeen_idx" ON "Issue"("lastSeen" DESC);

-- CreateIndex
CREATE INDEX "Issue_firstSeen_idx" ON "Issue"("firstSeen");

-- CreateIndex
CREATE INDEX "Issue_projectSlug_status_idx" ON "Issue"("projectSlug", "status");

-- CreateIndex
CREATE INDEX "Issue_environment_status_idx" ON "Issue"("environment", "status");

-- CreateIndex
CREATE INDEX "Issue_resolvedAt_idx" ON "Issue"("resolvedAt");

-- CreateIndex
CREATE INDEX "IssueEvent_issueId_occurredAt_idx" ON "IssueEvent"("issueId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "IssueEvent_occurredAt_idx" ON "IssueEvent"("occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "IssueEvent_issueId_sentryEventId_key" ON "IssueEvent"("issueId", "sentryEventId");

-- CreateIndex
CREATE INDEX "IssueTimelineEntry_issueId_occurredAt_idx" ON "IssueTimelineEntry"("issueId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "MetricAlertIncident_sentryIncidentId_key" ON "MetricAlertIncident"("sentryIncidentId");

-- CreateIndex
CREATE INDEX "MetricAlertIncident_status_startedAt_idx" ON "MetricAlertIncident"("status", "startedAt");

-- CreateIndex
CREATE INDEX "MetricAlertStatusChange_incidentId_occurredAt_idx" ON "MetricAlertStatusChange"("incidentId", "occurredAt");

-- CreateIndex
CREATE INDEX "RemediationRule_enabled_trigger_position_idx" ON "RemediationRule"("enabled", "trigger", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RemediationRuleRevision_ruleId_revision_key" ON "RemediationRuleRevision"("ruleId", "revision");

-- CreateIndex
CREATE INDEX "RuleEvaluation_issueId_createdAt_idx" ON "RuleEvaluation"("issueId", "createdAt");

-- CreateIndex
CREATE INDEX "RuleEvaluation_ruleId_createdAt_idx" ON "RuleEvaluation"("ruleId", "createdAt");

-- CreateIndex
CREATE INDEX "RemediationJob_status_priorityClass_runAfter_createdAt_idx" ON "RemediationJob"("status", "priorityClass", "runAfter", "createdAt");

-- CreateIndex
CREATE INDEX "RemediationJob_status_leaseExpiresAt_idx" ON "RemediationJob"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "RemediationJob_tier_status_idx" ON "RemediationJob"("tier", "status");

-- CreateIndex
CREATE INDEX "RemediationJob_namespace_status_idx" ON "RemediationJob"("namespace", "status");

-- CreateIndex
CREATE INDEX "RemediationJob_issueId_createdAt_idx" ON "RemediationJob"("issueId", "createdAt");

-- CreateIndex
CREATE INDEX "RemediationJob_ruleId_createdAt_idx" ON "RemediationJob"("ruleId", "createdAt");

-- CreateIndex
CREATE INDEX "RemediationJob_dedupeKey_status_idx" ON "RemediationJob"("dedupeKey", "status");

-- CreateIndex
CREATE INDEX "RemediationJob_createdAt_idx" ON "RemediationJob"("createdAt");

-- CreateIndex
CREATE INDEX "RemediationJob_finishedAt_idx" ON "RemediationJob"("finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobAttempt_jobId_attempt_key" ON "JobAttempt"("jobId", "attempt");

-- CreateIndex
CREATE INDEX "JobLogLine_jobId_id_idx" ON "JobLogLine"("jobId", "id");

-- CreateIndex
CREATE INDEX "Worker_lastSeenAt_idx" ON "Worker"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_slug_key" ON "Monitor"("slug");

-- CreateIndex
CREATE INDEX "Monitor_status_idx" ON "Monitor"("status");

-- CreateIndex
CREATE INDEX "Monitor_nextExpectedAt_idx" ON "Monitor"("nextExpectedAt");

-- CreateIndex
CREATE INDEX "MonitorCheckIn_monitorId_createdAt_idx" ON "MonitorCheckIn"("monitorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "MonitorCheckIn_createdAt_idx" ON "MonitorCheckIn"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorCheckIn_monitorId_checkInId_key" ON "MonitorCheckIn"("monitorId", "checkInId");

-- CreateIndex
CREATE INDEX "MonitorIncident_monitorId_openedAt_idx" ON "MonitorIncident"("monitorId", "openedAt");

-- CreateIndex
CREATE INDEX "MonitorIncident_resolvedAt_idx" ON "MonitorIncident"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HealthCheck_name_key" ON "HealthCheck"("name");

-- CreateIndex
CREATE INDEX "HealthCheck_enabled_nextCheckAt_idx" ON "HealthCheck"("enabled", "nextCheckAt");

-- CreateIndex
CREATE INDEX "HealthSample_checkId_createdAt_idx" ON "HealthSample"("checkId", "createdAt");

-- CreateIndex
CREATE INDEX "HealthSample_createdAt_idx" ON "HealthSample"("createdAt");

-- CreateIndex
CREATE INDEX "HealthIncident_checkId_startedAt_idx" ON "HealthIncident"("checkId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

-- CreateIndex
CREATE INDEX "AlertEvent_createdAt_idx" ON "AlertEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AlertEvent_groupKey_createdAt_idx" ON "AlertEvent"("groupKey", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_channelId_createdAt_idx" ON "AlertDelivery"("channelId", "createdAt");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_startsAt_endsAt_idx" ON "MaintenanceWindow"("startsAt", "endsAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueEvent" ADD CONSTRAINT "IssueEvent_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueTimelineEntry" ADD CONSTRAINT "IssueTimelineEntry_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricAlertStatusChange" ADD CONSTRAINT "MetricAlertStatusChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "MetricAlertIncident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationRuleRevision" ADD CONSTRAINT "RemediationRuleRevision_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RemediationRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationRuleRevision" ADD CONSTRAINT "RemediationRuleRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleEvaluation" ADD CONSTRAINT "RuleEvaluation_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleEvaluation" ADD CONSTRAINT "RuleEvaluation_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RemediationRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationJob" ADD CONSTRAINT "RemediationJob_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationJob" ADD CONSTRAINT "RemediationJob_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RemediationRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobAttempt" ADD CONSTRAINT "JobAttempt_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RemediationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobLogLine" ADD CONSTRAINT "JobLogLine_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RemediationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorCheckIn" ADD CONSTRAINT "MonitorCheckIn_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorIncident" ADD CONSTRAINT "MonitorIncident_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthSample" ADD CONSTRAINT "HealthSample_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "HealthCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthIncident" ADD CONSTRAINT "HealthIncident_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "HealthCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRouteChannel" ADD CONSTRAINT "AlertRouteChannel_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "AlertRoute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRouteChannel" ADD CONSTRAINT "AlertRouteChannel_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "AlertRoute"("id") ON DELETE SET NULL ON UPDATE CASCADE;
