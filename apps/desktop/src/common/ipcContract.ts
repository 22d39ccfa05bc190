import { IdSchema, type DocumentEntry, type NoteSnapshot } from '@fieldbook/shared';
import { z } from 'zod';
import type { IpcChannel } from './ipcChannels';

/** A workspace as the app lists it. */
export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
}

/** What main tells the renderer about itself. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** `process.platform` of main, e.g. "linux". */
  readonly platform: string;
}

/** What an import did, for the status line. */
export interface ImportSummary {
  readonly workspaceId: string;
  readonly created: boolean;
  readonly documentsAdded: number;
  readonly documentsMerged: number;
}

const WorkspaceName = z.string().trim().min(1).max(200);
const NoteTitle = z.string().trim().min(1).max(500);

/**
 * Every IPC channel with the zod schema of its input. Main validates each call
 * against it (the renderer is not trusted); the renderer's types come from it.
 */
export const IPC_INPUTS = {
  'app:info': z.undefined(),
  'workspaces:list': z.undefined(),
  'workspaces:create': z.strictObject({ name: WorkspaceName }),
  'documents:list': z.strictObject({ workspaceId: IdSchema }),
  'notes:create': z.strictObject({ workspaceId: IdSchema, title: NoteTitle }),
  'notes:read': z.strictObject({ docId: IdSchema }),
  'workspaceFile:export': z.strictObject({ workspaceId: IdSchema }),
  'workspaceFile:import': z.undefined(),
} as const satisfies Record<IpcChannel, z.ZodType>;

/** What each channel answers (null from the file channels: the user cancelled the dialog). */
export interface IpcOutputs {
  'app:info': AppInfo;
  'workspaces:list': WorkspaceSummary[];
  'workspaces:create': WorkspaceSummary;
  'documents:list': DocumentEntry[];
  'notes:create': { id: string };
  'notes:read': NoteSnapshot;
  'workspaceFile:export': { fileName: string; documents: number } | null;
  'workspaceFile:import': ImportSummary | null;
}

/** The input a channel takes. */
export type IpcInput<C extends IpcChannel> = z.input<(typeof IPC_INPUTS)[C]>;
