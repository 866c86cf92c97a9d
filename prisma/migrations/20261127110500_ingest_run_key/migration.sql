-- AlterTable
ALTER TABLE "ingest_runs" ADD COLUMN     "run_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ingest_runs_run_key_key" ON "ingest_runs"("run_key");
