// node --import tsx deploy/fakes/main.ts <openai | anthropic | vllm>; FAKE_PORT, FAKE_HOST, FAKE_API_KEY.
import { serveFake } from "./fakes.js";

const name = process.argv[2] ?? "";
try {
  const served = await serveFake(name);
  process.stdout.write(`${JSON.stringify({ msg: "fake ready", fake: name, port: served.port })}\n`);
  const stop = () => void served.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  process.stderr.write(`fake ${name}: ${(error as Error).message}\n`);
  process.exit(2);
}
