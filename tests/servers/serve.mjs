// Starts the two servers the examples run against, on loopback, until Ctrl-C:
//   Seam's fake (@seamapi/fake-seam-connect, seeded)   http://127.0.0.1:8080  (env FAKE_PORT)
//   Prism serving spec/seam.yaml (contract mock)        http://127.0.0.1:4010  (env PRISM_PORT)
// From the repository root:  npm --prefix tests/servers run serve
// Installs the pinned packages (npm ci) first when they are missing. No dependencies beyond Node.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const modules = path.join(here, 'node_modules');
const fakeScript = path.join(modules, '@seamapi/fake-seam-connect/dist/server.js');
const prismScript = path.join(modules, '@stoplight/prism-cli/dist/index.js');
const spec = path.join(root, 'spec', 'seam.yaml');

// What the fake seeds (its src/lib/database/seed.ts), checked against the running fake below.
const FAKE_API_KEY = 'seam_apikey1_token';
const FAKE_LOCK = 'august_device_1';
// Prism only checks that a bearer token is present; any value works.
const PRISM_API_KEY = 'seam_test_key';

function fail(message) {
  console.error(`serve: ${message}`);
  process.exit(1);
}

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`${name}=${raw} is not a port (1-65535)`);
  return port;
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 18 || (major === 18 && minor < 18)) fail(`Node.js 18.18 or later is needed (this is ${process.version})`);

const fakePort = portFromEnv('FAKE_PORT', 8080);
const prismPort = portFromEnv('PRISM_PORT', 4010);
if (fakePort === prismPort) fail(`FAKE_PORT and PRISM_PORT are both ${fakePort}; give them different ports`);

// The same check and install command as the tests (tests/support/npm.rs).
const installed = ['.package-lock.json', '@seamapi/fake-seam-connect/package.json', '@stoplight/prism-cli/package.json', '@seamapi/types/package.json']
  .every((file) => existsSync(path.join(modules, file)));
if (!installed) {
  console.log('serve: installing the pinned servers: npm --prefix tests/servers ci');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: here,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (npm.error || npm.status !== 0) {
    fail(`npm ci failed${npm.error ? ` (${npm.error.message})` : ''}; run it yourself: npm --prefix tests/servers ci`);
  }
}

async function ensureFree(port, envVar, what) {
  await new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (e) => {
      if (e.code === 'EADDRINUSE') {
        fail(`port ${port} on 127.0.0.1 (${what}) is already in use; pick another with ${envVar}, e.g. ${envVar}=${port + 1} npm --prefix tests/servers run serve`);
      }
      fail(`cannot listen on 127.0.0.1:${port} (${what}): ${e.message}; pick another port with ${envVar}`);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}
await ensureFree(fakePort, 'FAKE_PORT', "Seam's fake");
await ensureFree(prismPort, 'PRISM_PORT', 'Prism');

// Loaded into each server before its own code (node --import): (1) the fake's server.js takes only
// PORT and listens on every interface, so its listen(PORT) gets host 127.0.0.1; (2) a server exits
// when its stdin, a pipe from this script, closes, so no server outlives this script even if it is
// killed with SIGKILL.
const preload = `
import net from 'node:net';
const port = Number(process.env.SERVE_LOOPBACK_PORT);
if (port) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    if (args[0] === port && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    return listen.apply(this, args);
  };
}
const exit = () => process.exit(0);
process.stdin.on('end', exit).on('close', exit).on('error', exit).resume();
`;
const importPreload = `--import=data:text/javascript,${encodeURIComponent(preload)}`;

const servers = [];

function start(name, port, args, env) {
  const log = path.join(os.tmpdir(), `seam-rs-serve-${name}-${port}.log`);
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, [importPreload, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', out, out],
    // Its own process group, so that Ctrl-C reaches only this script, which stops the servers itself.
    detached: process.platform !== 'win32',
  });
  const server = { name, port, log, child, url: `http://127.0.0.1:${port}` };
  server.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.once('error', (e) => fail(`cannot start ${name}: ${e.message}`));
  child.once('exit', (status) => {
    if (!stopping) {
      console.error(`serve: ${name} exited (${status ?? child.signalCode}); its log, ${log}:\n${tail(log)}`);
      stop(1);
    }
  });
  servers.push(server);
  return server;
}

function tail(log) {
  try {
    return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
  for (const s of running) s.child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref());
  await Promise.race([Promise.all(running.map((s) => s.exited)), timeout]);
  for (const s of running) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      for (const s of servers) s.child.kill('SIGKILL');
      process.exit(1);
    }
    console.log(`\nserve: ${signal}, stopping both servers`);
    stop(0);
  });
}
// `npm run` starts this script through `sh -c`; npm passes SIGTERM on to sh, which dies without passing
// it on here. Stop when orphaned that way.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    console.log('serve: the parent process is gone, stopping both servers');
    stop(0);
  }
}, 1000).unref();

console.log(`serve: starting Seam's fake on 127.0.0.1:${fakePort} and Prism on 127.0.0.1:${prismPort}...`);
const fake = start('fake-seam-connect', fakePort, [fakeScript, '--seed'], {
  PORT: String(fakePort),
  SERVE_LOOPBACK_PORT: String(fakePort),
});
const prism = start('prism', prismPort, [prismScript, 'mock', '--host', '127.0.0.1', '--port', String(prismPort), spec], {});

async function post(server, route, apiKey, body) {
  const response = await fetch(server.url + route, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

// Until the server answers `route` (60 s at most, as in the tests), then its answer.
async function waitFor(server, route, apiKey, body) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await post(server, route, apiKey, body);
    } catch {
      if (Date.now() > deadline) {
        console.error(`serve: ${server.name} did not answer on ${server.url} within 60 s; its log, ${server.log}:\n${tail(server.log)}`);
        return stop(1);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const [devices] = await Promise.all([
  waitFor(fake, '/devices/list', FAKE_API_KEY, {}),
  waitFor(prism, '/acs/credentials/list', PRISM_API_KEY, {}),
]);
if (stopping) await new Promise(() => {});
let locks = [];
try {
  locks = JSON.parse(devices.body).devices.filter((d) => d.can_program_online_access_codes).map((d) => d.device_id);
} catch {}
if (devices.status !== 200 || !locks.includes(FAKE_LOCK)) {
  console.error(`serve: the fake answered /devices/list with ${devices.status}, without the seeded ${FAKE_LOCK}:\n${devices.body.slice(0, 500)}`);
  await stop(1);
}

console.log(`
Seam's fake, seeded and stateful:       ${fake.url}   (log: ${fake.log})
Prism, contract mock of spec/seam.yaml: ${prism.url}   (log: ${prism.log})

In another terminal, from the repository root:

# access codes, against the fake (seeded API key; seeded locks: ${locks.join(', ')})
SEAM_ENDPOINT=${fake.url} SEAM_API_KEY=${FAKE_API_KEY} DEVICE_ID=${FAKE_LOCK} cargo run --example access_codes

# ACS credentials, against Prism (the fake has none; Prism accepts any API key)
SEAM_ENDPOINT=${prism.url} SEAM_API_KEY=${PRISM_API_KEY} cargo run --example credentials

Ctrl-C stops both servers.`);
