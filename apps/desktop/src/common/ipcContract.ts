import { IdSchema } from '@fieldbook/shared';
import { z } from 'zod';
import {
  AttachmentHashSchema,
  FileToKeepSchema,
  type KeptAttachment,
  type KeptFile,
} from './localStore/attachmentStore';
import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from './desktopNotices';
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

/**
 * Which local profile a call is about: `local` (no account) or the signed-in
 * user's id. Each profile has its own SQLite file in main.
 */
export const ProfileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a profile id');

const Profile = { profileId: ProfileIdSchema };

/** The largest single update the renderer may hand to main's store. */
const MAX_UPDATE_BYTES = 16 * 1024 * 1024;

const UpdateBytes = z
  .custom<Uint8Array>((u) => u instanceof Uint8Array, 'bytes')
  .refine(
    (u) => u.byteLength > 0 && u.byteLength <= MAX_UPDATE_BYTES,
    'a non-empty Yjs update of at most 16 MiB',
  );

/**
 * Every IPC channel with the zod schema of its input. Main validates each call
 * against it (the renderer is not trusted); the renderer's types come from it.
 */
export const IPC_INPUTS = {
  'app:info': z.undefined(),
  'workspaces:list': z.strictObject(Profile),
  'docs:load': z.strictObject({ ...Profile, docId: IdSchema }),
  'docs:append': z.strictObject({
    ...Profile,
    workspaceId: IdSchema,
    docId: IdSchema,
    update: UpdateBytes,
    source: z.enum(['local', 'server']),
  }),
  /** The server refused local changes: replace the document with the server's state. */
  'docs:reset': z.strictObject({
    ...Profile,
    workspaceId: IdSchema,
    docId: IdSchema,
    state: UpdateBytes,
  }),
  'docs:acked': z.strictObject({
    ...Profile,
    docId: IdSchema,
    before: z.number().int().nonnegative(),
  }),
  /** Drop a document nothing lists (an import cancelled or failed part way). */
  'docs:delete': z.strictObject({ ...Profile, workspaceId: IdSchema, docId: IdSchema }),
  /** Keep a file on this device (attached here, or downloaded from the server). */
  'attachments:keep': FileToKeepSchema.extend(Profile),
  'attachments:get': z.strictObject({ ...Profile, hash: AttachmentHashSchema }),
  'attachments:pending': z.strictObject(Profile),
  'attachments:uploaded': z.strictObject({ ...Profile, hash: AttachmentHashSchema }),
  'workspaceFile:export': z.strictObject({ ...Profile, workspaceId: IdSchema }),
  'workspaceFile:import': z.strictObject(Profile),
  'store:recover': z.strictObject(Profile),
  /** Raise a desktop notification (the renderer decided it should: see desktopNotices.ts). */
  'notify:show': z.strictObject({
    id: z.string().min(1).max(64),
    title: z.string().min(1).max(NOTICE_TITLE_MAX),
    body: z.string().max(NOTICE_BODY_MAX),
  }),
} as const satisfies Record<IpcChannel, z.ZodType>;

/** What each channel answers (null from the file channels: the user cancelled the dialog). */
export interface IpcOutputs {
  'app:info': AppInfo;
  'workspaces:list': WorkspaceSummary[];
  /** A document's merged state from main's store; null when main has never seen it. */
  'docs:load': Uint8Array | null;
  'docs:append': { seq: number };
  /** How many outbox entries the server's acknowledgement cleared. */
  'docs:acked': { cleared: number };
  'docs:reset': null;
  /** False when main did not have the document. */
  'docs:delete': { deleted: boolean };
  'attachments:keep': KeptAttachment;
  /** The kept file, or null when this device does not have it. */
  'attachments:get': KeptFile | null;
  /** Kept files waiting for upload, ordered by hash. */
  'attachments:pending': KeptAttachment[];
  'attachments:uploaded': null;
  'workspaceFile:export': { fileName: string; documents: number } | null;
  'workspaceFile:import': ImportSummary | null;
  /** Where the damaged database was set aside; the profile now has an empty one. */
  'store:recover': { keptAs: string };
  /** False where the system has no desktop notifications. */
  'notify:show': { shown: boolean };
}

/** The input a channel takes. */
export type IpcInput<C extends IpcChannel> = z.input<(typeof IPC_INPUTS)[C]>;
