// Runs statemachines/batch-inference.asl.json — the deployed file, placeholders substituted as the CDK app's
// DefinitionSubstitutions would — with aws-local-stepfunctions (needs Node >= 22: run it with
// node_modules/node/bin/node). Task states are mapped by their Resource:
//   arn:aws:lambda:...:function:<name>          -> POST {stepsEndpoint}/steps/<name> (the C# step handlers)
//   arn:aws:states:::aws-sdk:bedrock:<action>   -> @aws-sdk/client-bedrock against the local Bedrock (HTTP/1.1, signed),
//                                                  PascalCase parameters/results as Step Functions' aws-sdk integration
//   arn:aws:states:::events:putEvents           -> recorded and returned (EventBridge is not local)
// Wait states run as local Task states that pass their input through: with `clockEndpoint` set, one advances the
// local clock by the Wait's seconds (POST {clockEndpoint}?seconds=N) and finishes only once the clock has moved, so
// the state after it (a poll) always sees the new time and a 24-hour job runs in moments; without it, it takes
// `waitMs` of real time. (Advancing the clock from the event log instead raced the next state: a poll could run
// before the advance, on the previous wait's time.)
//
// stdin:  { definitionFile, substitutions, input, stepsEndpoint, bedrockEndpoint, region?, credentials?,
//           clockEndpoint?, waitMs?, retryMs?, validateOnly? }
// stdout: one JSON line per progress event ({"progress": ...}), then {"ok": true, "output", "transitions", ...}
//         or {"ok": false, "error", "cause", ...}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { StateMachine } from "aws-local-stepfunctions";
import * as bedrock from "@aws-sdk/client-bedrock";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const require = createRequire(import.meta.url);
const aslValidator = require("asl-validator");

const spec = JSON.parse(readFileSync(0, "utf8"));
const print = (value) => process.stdout.write(JSON.stringify(value) + "\n");

function substitute(text, substitutions) {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name) => {
    if (!(name in substitutions)) throw new Error(`No substitution for placeholder ${whole}`);
    return substitutions[name];
  });
}

const definition = JSON.parse(substitute(readFileSync(spec.definitionFile, "utf8"), spec.substitutions ?? {}));
const validation = aslValidator(definition);
if (!validation.isValid) {
  print({ ok: false, error: "InvalidDefinition", cause: validation.errorsText("\n") });
  process.exit(0);
}
if (spec.validateOnly) {
  print({ ok: true, valid: true });
  process.exit(0);
}

// Step Functions' aws-sdk integration speaks PascalCase; the SDK speaks the service's own camelCase.
const camel = (v) => convert(v, (k) => k[0].toLowerCase() + k.slice(1));
const pascal = (v) => convert(v, (k) => k[0].toUpperCase() + k.slice(1));
function convert(value, rename) {
  if (Array.isArray(value)) return value.map((v) => convert(v, rename));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "$metadata").map(([k, v]) => [rename(k), convert(v, rename)]));
  }
  return value;
}

const control = new bedrock.BedrockClient({
  endpoint: spec.bedrockEndpoint,
  region: spec.region ?? "us-east-1",
  credentials: spec.credentials ?? { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
  requestHandler: new NodeHttpHandler(),
  maxAttempts: 1,
});

const events = [];
const counts = { entered: 0, retried: 0, waitedSeconds: 0, polls: 0 };

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

async function callStep(name, input) {
  const response = await fetch(`${spec.stepsEndpoint}/steps/${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (!response.ok) {
    let body;
    try { body = JSON.parse(text); } catch { body = { errorType: "Lambda.Unknown", errorMessage: text }; }
    throw namedError(body.errorType ?? "Lambda.Unknown", body.errorMessage ?? text);
  }
  return JSON.parse(text);
}

async function callBedrock(action, input) {
  const command = new bedrock[action[0].toUpperCase() + action.slice(1) + "Command"](camel(input));
  try {
    return pascal(await control.send(command));
  } catch (e) {
    throw namedError(`Bedrock.${e.name}`, e.message);
  }
}

function handlerFor(resource) {
  const lambda = /^arn:aws:lambda:[^:]*:[0-9]*:function:([^:]+)/.exec(resource);
  if (lambda) return (input) => callStep(lambda[1], input);
  const sdk = /^arn:aws:states:::aws-sdk:bedrock:([A-Za-z]+)$/.exec(resource);
  if (sdk) return (input) => callBedrock(sdk[1], input);
  if (resource === "arn:aws:states:::events:putEvents") {
    return (input) => {
      events.push(...input.Entries);
      return { Entries: input.Entries.map((_, i) => ({ EventId: `local-${events.length}-${i}` })), FailedEntryCount: 0 };
    };
  }
  throw new Error(`No local mapping for Task resource ${resource}`);
}

const waitResource = "arn:aws:lambda:us-east-1:000000000000:function:local-wait";

// The Wait state `state`, run as a Task whose handler returns its input (a Wait's output is its input).
function waitHandler(state) {
  return async (input) => {
    const seconds = state.Seconds ?? pathValue(state.SecondsPath ?? "$.none", input) ?? 0;
    counts.waitedSeconds += seconds;
    if (spec.clockEndpoint) {
      if (seconds > 0) {
        const response = await fetch(`${spec.clockEndpoint}?seconds=${seconds}`, { method: "POST" });
        if (!response.ok) throw new Error(`clock advance failed: ${response.status}`);
      }
    } else {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.waitMs ?? 1)));
    }
    return input;
  };
}

const taskHandlers = {};
const retryOverrides = {};
(function collect(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === "Task") taskHandlers[name] = handlerFor(state.Resource);
    if (state.Type === "Wait") {
      if (state.Timestamp !== undefined || state.TimestampPath !== undefined) throw new Error(`Wait state ${name}: only Seconds and SecondsPath are run locally`);
      taskHandlers[name] = waitHandler({ ...state });
      delete state.Seconds;
      delete state.SecondsPath;
      Object.assign(state, { Type: "Task", Resource: waitResource });
    }
    if (state.Retry) retryOverrides[name] = spec.retryMs ?? 1;
    if (state.ItemProcessor) collect(state.ItemProcessor.States);
    if (state.Iterator) collect(state.Iterator.States);
  }
})(definition.States);

function pathValue(path, input) {
  let value = input;
  for (const part of path.replace(/^\$\.?/, "").split(".").filter(Boolean)) value = value?.[part];
  return value;
}

const machine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
const execution = machine.run(spec.input, {
  overrides: { taskResourceLocalHandlers: taskHandlers, retryIntervalOverrides: retryOverrides },
});

const consume = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === "StateEntered") {
      counts.entered++;
      if (event.state.name === "GetJob") counts.polls++;
      print({ progress: { type: event.type, state: event.state.name, index: event.index ?? null } });
    } else if (event.type === "StateRetried") {
      counts.retried++;
      print({ progress: { type: event.type, state: event.state.name, attempt: event.retry?.attempt ?? null } });
    } else if (event.type === "StateExited" && event.state.name === "FanOut") {
      print({ progress: { type: "ShardDone", output: event.state.output?.fanout ?? null } });
    } else if (event.type === "StateFailed" || event.type === "StateCaught") {
      print({ progress: { type: event.type, state: event.state.name, error: event.Error ?? null, cause: String(event.Cause ?? "").slice(0, 500) } });
    }
  }
})();

try {
  const output = await execution.result;
  await consume;
  print({ ok: true, output, events, transitions: counts.entered + counts.retried, ...counts });
} catch (e) {
  await consume.catch(() => {});
  // aws-local-stepfunctions wraps the failing state's error in an ExecutionError: report the inner one, as
  // Step Functions reports an execution's Error and Cause.
  const inner = e.name === "ExecutionError" && e.cause ? e.cause : e;
  print({ ok: false, error: inner.name, cause: String(inner.message ?? inner), events, transitions: counts.entered + counts.retried, ...counts });
} finally {
  control.destroy();
}
