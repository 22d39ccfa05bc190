import type { Action, Capability } from '@fieldbook/shared';
import { CONTENT_CASES } from './contentActionCases';
import { DOCUMENT_CASES } from './documentActionCases';
import { INSTRUMENT_CASES } from './instrumentActionCases';
import { WORKSPACE_CASES } from './workspaceActionCases';

/** What a case needs prepared by the workspace's admin before the request. */
export type CasePrecondition =
  | 'targetIsMember'
  | 'targetIsNotMember'
  | 'workspaceKeyExists'
  | 'commandAwaitingApproval'
  | 'runRunning'
  | 'none';

/** Ids a case's request refers to. */
export interface CaseFixture {
  workspaceId: string;
  /** A user of the tenant the case acts upon (add, change, remove). */
  targetUserId: string;
  /** A key scoped to the workspace (for revocation). */
  workspaceKeyId: string;
  /** A valid `.fieldbook` file of the workspace (for import). */
  workspaceFile: Uint8Array;
  /** The sha256 of an attachment uploaded to the workspace by its admin. */
  blobSha256: string;
  /** An instrument of the workspace, with a normal (`ping`) and a hazardous (`arm`) command. */
  instrumentId: string;
  /** A hazardous command awaiting approval, requested by someone else (precondition). */
  commandId: string;
  /** A running run of the instrument (precondition). */
  runId: string;
  /** An annotation collection of the workspace with one annotation (`annotationId`) and version "1". */
  documentId: string;
  annotationId: string;
}

/** One REST route guarded by one action of the permission matrix. */
export interface RestActionCase {
  action: Action;
  name: string;
  precondition: CasePrecondition;
  /** Capabilities the member holds during the case besides its role (default none). */
  capabilities?: Capability[];
  request(fx: CaseFixture): { method: string; path: string; body?: unknown };
}

/**
 * Every REST route that is authorized by a workspace action, with the action
 * that guards it. The authorization-matrix tests cross this table with every
 * role and expect exactly what `can()` says. Each area's rows live in its own
 * module (documents, content, workspace, instruments); a new route joins there.
 */
export const REST_ACTION_CASES: RestActionCase[] = [
  ...DOCUMENT_CASES,
  ...CONTENT_CASES,
  ...WORKSPACE_CASES,
  ...INSTRUMENT_CASES,
];
