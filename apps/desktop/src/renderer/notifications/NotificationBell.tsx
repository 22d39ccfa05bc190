import type { Notification } from '@fieldbook/shared';
import {
  AtSign,
  Bell,
  CheckCheck,
  ShieldAlert,
  Siren,
  Trash2,
  UserCog,
  Webhook,
  X,
} from 'lucide-react';
import { useRef, useState } from 'react';
import { DesktopNoticeGate } from '../../common/desktopNotices';
import type { TopBarItemProps } from '../shell/registry';
import type { Route } from '../shell/route';
import { openChartAt } from '../telemetry/openAt';
import {
  Button,
  EmptyState,
  IconButton,
  Popover,
  PopoverContent,
  PopoverTrigger,
  Spinner,
} from '../ui';
import { desktopNoticesEnabled } from './desktopNoticePreference';
import { raiseDesktopNotice } from './raiseDesktopNotice';
import { useNotifications } from './useNotifications';
import './notifications.css';

const ICONS: Record<Notification['kind'], typeof Bell> = {
  mention: AtSign,
  'approval.command': ShieldAlert,
  'approval.annotation': ShieldAlert,
  'alert.fired': Siren,
  'document.trashed': Trash2,
  'document.restored': Trash2,
  'role.changed': UserCog,
  'webhook.disabled': Webhook,
};

/** "3 min ago", "yesterday"… in the user's language. */
function ago(ms: number, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const s = Math.round((ms - now) / 1000);
  if (Math.abs(s) < 60) return rtf.format(s, 'second');
  if (Math.abs(s) < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (Math.abs(s) < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

/**
 * Where a notification leads: an annotation's chart opened around it (the
 * chart that shows its collection, when this app knows one), its document,
 * the Instruments screen (a command's approval), or the webhooks or members
 * screen; null when the app has no such place.
 */
function routeOf(n: Notification, chartOf: (collectionId: string) => string | null): Route | null {
  const { docId, annotationId, at } = n.link;
  if (docId && annotationId && at) {
    openChartAt({ collectionId: docId, annotationId, from: at.from, to: at.to });
    return { kind: 'doc', docId: chartOf(docId) ?? docId };
  }
  if (docId) return { kind: 'doc', docId };
  // A hazardous command waiting for approval: the Instruments screen, whose queue holds it.
  if (n.link.page === 'command') return { kind: 'screen', screen: 'instruments' };
  return n.link.page === 'webhooks' || n.link.page === 'members'
    ? { kind: 'screen', screen: n.link.page }
    : null;
}

/**
 * The top bar's bell: the unread count on it, and a list of the user's
 * notifications (newest first) that opens the place each is about, marks it
 * read, deletes it, or marks all read. Live: new ones appear at once, and
 * as desktop notifications too when Preferences says so.
 */
export function NotificationBell({ state, actions }: TopBarItemProps) {
  const serverUrl = state.session?.kind === 'server' ? state.session.serverUrl : null;
  const gate = useRef(new DesktopNoticeGate({ enabled: desktopNoticesEnabled }));
  const goRef = useRef<(n: Notification) => void>(() => {});
  const model = useNotifications(actions, serverUrl, (n) => {
    const notice = gate.current.decide(n);
    if (notice) void raiseDesktopNotice(notice, () => goRef.current(n)).catch(() => {});
  });
  const [open, setOpen] = useState(false);
  if (!serverUrl) return null;
  const label = model.unread > 0 ? `Notifications, ${model.unread} unread` : 'Notifications';

  const go = (n: Notification) => {
    if (n.readAt === null) void model.markRead([n.id]);
    const route = routeOf(n, (id) => state.activity.get(id)?.ownerId ?? null);
    setOpen(false);
    if (!route) return;
    if (state.workspace?.id === n.link.workspaceId) actions.navigate(route);
    else actions.openWorkspace(n.link.workspaceId, route);
  };
  goRef.current = go;

  return (
    <span className="notif-bell">
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <IconButton label={label} icon={<Bell size={17} />} noTooltip />
        </PopoverTrigger>
        {model.unread > 0 && (
          <span className="notif-bell__count" aria-hidden="true">
            {model.unread > 99 ? '99+' : model.unread}
          </span>
        )}
        <PopoverContent align="end" className="notif-panel" aria-label="Notifications">
          <div className="notif-panel__header">
            <h2 className="notif-panel__title">Notifications</h2>
            <Button
              size="sm"
              variant="ghost"
              icon={<CheckCheck size={14} />}
              disabled={model.unread === 0}
              onClick={() => void model.markRead('all')}
            >
              Mark all read
            </Button>
          </div>
          {model.error && (
            <p className="notif-panel__error" role="status">
              {model.error}
            </p>
          )}
          {!model.loaded && !model.error ? (
            <div className="notif-panel__wait">
              <Spinner label="Loading notifications" />
            </div>
          ) : model.items.length === 0 ? (
            <EmptyState icon={<Bell size={24} />} title="You're all caught up">
              <p>Mentions, approvals you are asked for and alerts show up here.</p>
            </EmptyState>
          ) : (
            <ul className="notif-list">
              {model.items.map((n) => {
                const Icon = ICONS[n.kind];
                return (
                  <li
                    key={n.id}
                    className={`notif-item${n.readAt === null ? ' notif-item--unread' : ''}`}
                  >
                    <button type="button" className="notif-item__main" onClick={() => go(n)}>
                      <span className="notif-item__icon" aria-hidden="true">
                        <Icon size={15} />
                      </span>
                      <span className="notif-item__text">
                        <span className="notif-item__title">
                          {n.readAt === null && <span className="visually-hidden">Unread: </span>}
                          {n.title}
                        </span>
                        {n.body && <span className="notif-item__body">{n.body}</span>}
                        <time
                          className="notif-item__time"
                          dateTime={new Date(n.createdAt).toISOString()}
                        >
                          {ago(n.createdAt)}
                        </time>
                      </span>
                    </button>
                    <IconButton
                      size="sm"
                      label={`Delete notification: ${n.title}`}
                      icon={<X size={14} />}
                      noTooltip
                      onClick={() => void model.remove(n.id)}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </PopoverContent>
      </Popover>
    </span>
  );
}
