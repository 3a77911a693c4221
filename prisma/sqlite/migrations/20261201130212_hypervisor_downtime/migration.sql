-- AlterTable
ALTER TABLE "Migration" ADD COLUMN "hypervisorDowntimeMs" INTEGER;

