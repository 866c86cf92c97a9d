// pglite-socket multiplexes every client connection onto PGlite's single
// session, one protocol message at a time. Outside a transaction it lets
// messages of different connections interleave, but an extended-protocol query
// is a group of messages (Parse, Bind, Describe, Execute ... Sync) that share
// the session's unnamed statement and portal: interleaving two groups binds one
// query's parameters to another's statement ("malformed array literal",
// "portal does not exist"). This replaces the server's queue loop with one that
// keeps a connection's group together until its Sync, as it already does for
// transactions.
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

type QueueItem = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueryQueue = {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

// Extended-protocol messages that leave a group open until Sync: Parse, Bind,
// Describe, Execute, Close, Flush.
const GROUP_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export function keepProtocolGroupsTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket internals changed: review lib/db/pglite-queue.ts");
  }
  let groupOpen = false;

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = this.lastHandlerId !== null && (groupOpen || this.db.isInTransaction());
        let item: QueueItem | undefined;
        if (sticky) {
          const index = this.queue.findIndex((q) => q.handlerId === this.lastHandlerId);
          // Wait for that connection's next message; others stay queued.
          if (index === -1) break;
          item = this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          groupOpen = false;
          current.reject(error);
          continue;
        }
        groupOpen = GROUP_MESSAGES.has(current.message[0]!);
        this.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(queue);

  // A connection that goes away mid-group must not hold the others forever.
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (queue.lastHandlerId === handlerId) {
      groupOpen = false;
      if (!queue.db.isInTransaction()) queue.lastHandlerId = null;
      void queue.processQueue();
    }
  };
}
