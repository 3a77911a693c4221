-- CreateTable
CREATE TABLE "PlacementRule" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "domains" TEXT NOT NULL,
    "hosts" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlacementRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlannerSettings" (
    "id" INTEGER NOT NULL,
    "aggressiveness" INTEGER NOT NULL DEFAULT 3,
    "cpuOvercommit" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "maxParallelPerHost" INTEGER NOT NULL DEFAULT 2,
    "linkMiBps" DOUBLE PRECISION NOT NULL DEFAULT 119.2,
    "targetUtilization" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlannerSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostMaintenance" (
    "host" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedBy" TEXT NOT NULL,

    CONSTRAINT "HostMaintenance_pkey" PRIMARY KEY ("host")
);

-- CreateTable
CREATE TABLE "PlanRun" (
    "id" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "metrics" TEXT NOT NULL,
    "maintenance" TEXT,

    CONSTRAINT "PlanRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanMove" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "predictedSeconds" DOUBLE PRECISION NOT NULL,
    "predictedDowntime" DOUBLE PRECISION NOT NULL,
    "predictedMiB" DOUBLE PRECISION NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "migrationId" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "PlanMove_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanRun_startedAt_idx" ON "PlanRun"("startedAt");

-- CreateIndex
CREATE INDEX "PlanMove_runId_idx" ON "PlanMove"("runId");

-- AddForeignKey
ALTER TABLE "PlanMove" ADD CONSTRAINT "PlanMove_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PlanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

