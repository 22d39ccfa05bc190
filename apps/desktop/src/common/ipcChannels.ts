// IPC channel names, kept free of dependencies so the sandboxed preload can
// import them without bundling zod.

/** Every channel the renderer may invoke. */
export const IPC_CHANNEL_NAMES = [
  'app:info',
  'workspaces:list',
  'docs:load',
  'docs:append',
  'docs:acked',
  'docs:reset',
  'docs:delete',
  'attachments:keep',
  'attachments:get',
  'attachments:pending',
  'attachments:uploaded',
  'workspaceFile:export',
  'workspaceFile:import',
  'store:recover',
  'notify:show',
] as const;

/** An IPC channel name. */
export type IpcChannel = (typeof IPC_CHANNEL_NAMES)[number];

/** True for a channel name the app defines (preload forwards only these). */
export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && (IPC_CHANNEL_NAMES as readonly string[]).includes(name);
}

/** The channel on which main sends application-menu commands to the renderer. */
export const MENU_CHANNEL = 'fieldbook:menu';

/** What the application menu can ask the renderer to do. */
export const MENU_COMMANDS = ['new-note', 'import', 'export', 'preferences'] as const;

/** One application-menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The channel on which main tells the renderer that a desktop notification (by id) was clicked. */
export const NOTICE_CLICK_CHANNEL = 'fieldbook:notice-click';

/** The channel on which main pushes workspace-file progress to the renderer. */
export const PROGRESS_CHANNEL = 'fieldbook:progress';

/** A progress event: which operation, and how far it is. */
export interface ProgressEvent {
  readonly operation: 'export' | 'import';
  readonly phase: 'documents' | 'attachments' | 'finishing';
  readonly done: number;
  readonly total: number;
}
