import { parseArgs } from 'node:util';
import { batchMessage, helloMessage } from '../messages';
import { runAgent } from './run';
import { incubatorSimulator } from '../simulators/incubator';
import { roverSimulator } from '../simulators/rover';
import type { Simulator } from '../simulators/simulator';

const USAGE = `fieldbook-agent — instrument agent for Fieldbook

Usage:
  fieldbook-agent manifest <rover|incubator>
      Print the simulator's manifest (instruments, channels, commands) as JSON.
  fieldbook-agent simulate <rover|incubator> [--seconds N] [--rate HZ] [--seed N]
      Print the protocol messages the agent would send (agent.hello, then
      telemetry.batch per second of simulated time) as JSON lines.
  fieldbook-agent run <rover|incubator> --server URL [--key KEY] [--rate HZ] [--seed N]
                      [--agent-id ID] [--buffer DIR] [--run-every SEC] [--seconds N]
      Stream the simulator to a Fieldbook server's /agents gateway. The API key
      comes from --key or FIELDBOOK_AGENT_KEY (never printed). Samples are
      buffered on disk (default ./fieldbook-agent-buffer) until the server has
      stored them; the agent reconnects on its own.
`;

const SIMULATORS: Record<string, (seed: number, rateHz?: number) => Simulator> = {
  rover: roverSimulator,
  incubator: incubatorSimulator,
};

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Runs the CLI with `argv` (without node and script). */
function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seconds: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string', default: '1' },
      server: { type: 'string' },
      key: { type: 'string' },
      'agent-id': { type: 'string' },
      buffer: { type: 'string', default: './fieldbook-agent-buffer' },
      'run-every': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, simName] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  const make = simName ? SIMULATORS[simName] : undefined;
  if (!make) fail(`Unknown simulator "${simName ?? ''}".`);
  const seed = Number(values.seed);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (!Number.isInteger(seed) || (rate !== undefined && !(rate > 0 && rate <= 1000)))
    fail('--seed must be an integer and --rate a number in (0, 1000].');
  const sim = make(seed, rate);
  if (command === 'manifest') {
    process.stdout.write(`${JSON.stringify({ instruments: [sim.instrument] }, null, 2)}\n`);
    return;
  }
  if (command === 'run') {
    const key = values.key ?? process.env.FIELDBOOK_AGENT_KEY;
    if (!values.server) fail('run needs --server URL.');
    if (!key) fail('run needs an API key: --key KEY or FIELDBOOK_AGENT_KEY.');
    const seconds = Number(values.seconds ?? '0');
    const runEverySec = simName === 'incubator' ? Number(values['run-every']) : 0;
    if (!(seconds >= 0) || !(runEverySec >= 0)) fail('--seconds and --run-every must be >= 0.');
    void runAgent({
      sim,
      agentId: values['agent-id'] ?? `${simName}-sim`,
      server: values.server,
      key,
      bufferDir: values.buffer,
      runEverySec,
      seconds,
      out: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
    });
    return;
  }
  if (command !== 'simulate') fail(`Unknown command "${command}".`);
  const seconds = Number(values.seconds ?? '5');
  if (!(seconds > 0 && seconds <= 86_400)) fail('--seconds must be in (0, 86400].');
  const session = { agentId: `${simName}-sim`, sessionEpoch: 1 };
  const start = Date.now();
  const out: string[] = [
    JSON.stringify(helloMessage(session, { instruments: [sim.instrument] }, {}, start)),
  ];
  let seq = 1;
  for (let s = 0; s < seconds; s++) {
    const samples = [];
    for (let i = 0; i < sim.rateHz; i++)
      samples.push(...sim.sampleAt(Math.round(start + s * 1000 + (i * 1000) / sim.rateHz)));
    out.push(
      JSON.stringify(
        batchMessage(session, sim.instrument.id, seq, samples, { now: start + s * 1000 }),
      ),
    );
    seq += samples.length;
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2));
