import type { RestActionCase } from './restActionCases';

/** The telemetry, instrument, command and run routes with the actions guarding them (rows of REST_ACTION_CASES). */
export const INSTRUMENT_CASES: RestActionCase[] = [
  {
    action: 'telemetry.read',
    name: 'GET channels',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/channels` }),
  },
  {
    action: 'instrument.read',
    name: 'GET instruments',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/workspaces/${f.workspaceId}/instruments` }),
  },
  {
    action: 'instrument.read',
    name: 'GET instrument',
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}` }),
  },
  {
    action: 'instrument.read',
    name: "GET instrument's commands",
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}/commands` }),
  },
  {
    action: 'instrument.read',
    name: "GET workspace's commands (approvals queue)",
    precondition: 'none',
    request: (f) => ({
      method: 'GET',
      path: `/workspaces/${f.workspaceId}/commands?state=awaiting_approval`,
    }),
  },
  {
    action: 'instrument.read',
    name: 'GET command',
    precondition: 'commandAwaitingApproval',
    request: (f) => ({ method: 'GET', path: `/commands/${f.commandId}` }),
  },
  {
    action: 'instrument.read',
    name: "GET instrument's runs",
    precondition: 'none',
    request: (f) => ({ method: 'GET', path: `/instruments/${f.instrumentId}/runs` }),
  },
  {
    action: 'instrument.read',
    name: 'GET run',
    precondition: 'runRunning',
    request: (f) => ({ method: 'GET', path: `/runs/${f.runId}` }),
  },
  {
    action: 'instrument.command',
    name: 'POST command, without the operator capability',
    precondition: 'none',
    request: (f) => ({
      method: 'POST',
      path: `/instruments/${f.instrumentId}/commands`,
      body: { command: 'ping', params: {} },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST command, as an operator',
    precondition: 'none',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: `/instruments/${f.instrumentId}/commands`,
      body: { command: 'ping', params: {} },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST command cancel, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/cancel` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command approve, without the operator capability',
    precondition: 'commandAwaitingApproval',
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/approve` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command approve, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({ method: 'POST', path: `/commands/${f.commandId}/approve` }),
  },
  {
    action: 'instrument.approveCommand',
    name: 'POST command reject, as an operator',
    precondition: 'commandAwaitingApproval',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: `/commands/${f.commandId}/reject`,
      body: { reason: 'no' },
    }),
  },
  {
    action: 'instrument.command',
    name: 'POST run (start), as an operator',
    precondition: 'none',
    capabilities: ['operator'],
    request: (f) => ({
      method: 'POST',
      path: '/runs',
      body: { instrumentId: f.instrumentId, protocol: 'matrix' },
    }),
  },
  {
    action: 'instrument.command',
    name: 'PUT run stop, as an operator',
    precondition: 'runRunning',
    capabilities: ['operator'],
    request: (f) => ({ method: 'PUT', path: `/runs/${f.runId}/stop` }),
  },
];
