-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "targetName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "downtimeMs" INTEGER,
    "transferredBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "totalBytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "predictedSeconds" DOUBLE PRECISION,
    "predictedDowntime" DOUBLE PRECISION,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Migration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_url_key" ON "Agent"("url");

-- CreateIndex
CREATE INDEX "Migration_startedAt_idx" ON "Migration"("startedAt");

-- CreateIndex
CREATE INDEX "Migration_domain_idx" ON "Migration"("domain");

