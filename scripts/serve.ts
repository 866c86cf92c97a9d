// The Next server process `npm start` runs (scripts/start.ts spawns it with the
// completed settings in its environment): lib/runtime/next-server.ts on PORT.
// SIGTERM lets in-flight requests finish, then exits.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startNextServer, stopNextServer } from "@/lib/runtime/next-server";

async function main() {
  const server = await startNextServer(env().PORT);
  const stop = async () => {
    await stopNextServer(server);
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error) => {
  log.error("the Next server did not start", { error });
  process.exit(1);
});
