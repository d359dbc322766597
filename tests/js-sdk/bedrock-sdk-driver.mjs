// Drives a Bedrock endpoint with the official AWS SDK for JavaScript v3 — the reference client that proves
// the local Bedrock speaks Bedrock's wire protocol. The C# integration tests run it and assert on its output.
//
// stdin:  { endpoint, h2cEndpoint?, region?, credentials?, maxAttempts?, calls: [ { client: "runtime"|"control", op, input } ] }
//         op is the SDK command name without "Command" (e.g. "Converse"); for InvokeModel* the input may carry
//         `bodyJson` (an object, sent as the UTF-8 JSON body) instead of `body`.
// stdout: { results: [ { ok, output?, events?, error?, attempts, httpStatus } ] } — one per call, in order.
//
// The runtime client uses the SDK's default HTTP/2 handler against h2cEndpoint when given (cleartext HTTP/2 with
// prior knowledge), else an HTTP/1.1 NodeHttpHandler against endpoint. The control-plane client uses HTTP/1.1,
// its default.
import * as runtime from "@aws-sdk/client-bedrock-runtime";
import * as control from "@aws-sdk/client-bedrock";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { isThrottlingError, isTransientError } from "@smithy/core/retry";

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

const toJsonSafe = (value) =>
  JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString("base64") };
      if (v && v.type === "Buffer" && Array.isArray(v.data)) return { $bytes: Buffer.from(v.data).toString("base64") };
      return v;
    }),
  );

const describeError = (err) => ({
  name: err.name,
  message: err.message,
  fault: err.$fault,
  retryable: err.$retryable ?? null,
  isThrottling: isThrottlingError(err),
  isTransient: isTransientError(err),
  httpStatus: err.$metadata?.httpStatusCode ?? null,
  attempts: err.$metadata?.attempts ?? null,
  originalStatusCode: err.originalStatusCode ?? null,
});

const decodeChunk = (bytes) => {
  const text = Buffer.from(bytes).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return { $text: text };
  }
};

async function run(call, clients) {
  const client = call.client === "control" ? clients.control : clients.runtime;
  const module = call.client === "control" ? control : runtime;
  const Command = module[`${call.op}Command`];
  if (!Command) throw new Error(`unknown operation ${call.op}`);
  const input = { ...call.input };
  if (input.bodyJson !== undefined) {
    input.body = new TextEncoder().encode(JSON.stringify(input.bodyJson));
    delete input.bodyJson;
  }
  if (input.bodyText !== undefined) {
    input.body = new TextEncoder().encode(input.bodyText);
    delete input.bodyText;
  }
  const result = { ok: true, events: undefined };
  try {
    const output = await client.send(new Command(input));
    result.attempts = output.$metadata?.attempts ?? null;
    result.httpStatus = output.$metadata?.httpStatusCode ?? null;
    if (call.op === "InvokeModelWithResponseStream") {
      result.events = [];
      for await (const event of output.body) {
        result.events.push(event.chunk ? { chunk: decodeChunk(event.chunk.bytes) } : toJsonSafe(event));
      }
      delete output.body;
    } else if (call.op === "ConverseStream") {
      result.events = [];
      for await (const event of output.stream) result.events.push(toJsonSafe(event));
      delete output.stream;
    } else if (call.op === "InvokeModel") {
      output.body = decodeChunk(output.body);
    }
    delete output.$metadata;
    result.output = toJsonSafe(output);
  } catch (err) {
    result.ok = false;
    result.error = describeError(err);
    result.attempts = err.$metadata?.attempts ?? null;
    result.httpStatus = err.$metadata?.httpStatusCode ?? null;
  }
  return result;
}

const spec = await readStdin();
const common = {
  region: spec.region ?? "us-east-1",
  credentials: spec.credentials ?? { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
  maxAttempts: spec.maxAttempts ?? 1,
};
const clients = {
  runtime: spec.h2cEndpoint
    ? new runtime.BedrockRuntimeClient({ ...common, endpoint: spec.h2cEndpoint })
    : new runtime.BedrockRuntimeClient({ ...common, endpoint: spec.endpoint, requestHandler: new NodeHttpHandler() }),
  control: new control.BedrockClient({ ...common, endpoint: spec.endpoint }),
};
const results = [];
for (const call of spec.calls) results.push(await run(call, clients));
clients.runtime.destroy();
clients.control.destroy();
process.stdout.write(JSON.stringify({ results }));
