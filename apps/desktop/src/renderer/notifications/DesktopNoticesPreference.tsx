import { useState } from 'react';
import { Switch } from '../ui';
import './notifications.css';
import { setDesktopNoticesEnabled, useDesktopNoticesEnabled } from './desktopNoticePreference';
import { allowDesktopNotices, noticeSupport } from './raiseDesktopNotice';

/**
 * The Preferences section for desktop notifications: one switch. Turning it
 * on in a browser asks for the browser's permission first; a refusal leaves
 * it off and says why.
 */
export function DesktopNoticesPreference() {
  const enabled = useDesktopNoticesEnabled();
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (on: boolean) => {
    setProblem(null);
    if (on && !(await allowDesktopNotices())) {
      setProblem(
        noticeSupport() === 'unsupported'
          ? 'This browser cannot show notifications.'
          : 'The browser blocks notifications for this site. Allow them in its site settings, then try again.',
      );
      return;
    }
    setDesktopNoticesEnabled(on);
  };
  return (
    <section className="prefs-section" aria-labelledby="prefs-notices">
      <h3 id="prefs-notices" className="prefs-section__title">
        Notifications
      </h3>
      <Switch
        checked={enabled}
        onCheckedChange={(on) => void change(on)}
        label="Show desktop notifications"
      />
      <p className="muted small">
        Mentions, approval requests and alerts also pop up outside the app while it is open.
      </p>
      {problem && (
        <p className="small prefs-section__problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
