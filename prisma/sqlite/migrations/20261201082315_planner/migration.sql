-- CreateTable
CREATE TABLE "PlacementRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "domains" TEXT NOT NULL,
    "hosts" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PlannerSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "aggressiveness" INTEGER NOT NULL DEFAULT 3,
    "cpuOvercommit" REAL NOT NULL DEFAULT 1,
    "maxParallelPerHost" INTEGER NOT NULL DEFAULT 2,
    "linkMiBps" REAL NOT NULL DEFAULT 119.2,
    "targetUtilization" REAL NOT NULL DEFAULT 0.8,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HostMaintenance" (
    "host" TEXT NOT NULL PRIMARY KEY,
    "since" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "PlanRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "goal" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "metrics" TEXT NOT NULL,
    "maintenance" TEXT
);

-- CreateTable
CREATE TABLE "PlanMove" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "predictedSeconds" REAL NOT NULL,
    "predictedDowntime" REAL NOT NULL,
    "predictedMiB" REAL NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "migrationId" TEXT,
    "error" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "PlanMove_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PlanRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanRun_startedAt_idx" ON "PlanRun"("startedAt");

-- CreateIndex
CREATE INDEX "PlanMove_runId_idx" ON "PlanMove"("runId");

