-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "overReservation" BOOLEAN NOT NULL DEFAULT false;
