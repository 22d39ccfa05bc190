import { z } from 'zod';
import { IPC_CHANNELS, type AppInfo } from '../../common/bridge';
import { route, type IpcRoute } from './ipcRouter';

/** Builds the IPC routes that describe the running app (no renderer input accepted). */
export function appRoutes(info: AppInfo): Record<string, IpcRoute> {
  return {
    [IPC_CHANNELS.appInfo]: route(z.undefined(), (): AppInfo => info),
  };
}
