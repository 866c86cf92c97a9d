-- The delivery ledger is the record of what each person was sent
-- (deliveries.paper_ids of sent deliveries); sent_papers was a second copy
-- written for every email (ten rows, two foreign-key checks each: most of a
-- digest's database time) and is no longer read.

-- DropTable
DROP TABLE "sent_papers";
