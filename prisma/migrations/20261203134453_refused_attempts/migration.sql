-- CreateTable
CREATE TABLE "RefusedAttempt" (
    "bucket" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastIp" TEXT,
    "lastUserAgent" TEXT,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RefusedAttempt_pkey" PRIMARY KEY ("bucket","reason","prefix")
);
