-- CreateTable
CREATE TABLE "UsageDeadLetter" (
    "id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageDeadLetter_pkey" PRIMARY KEY ("id")
);
