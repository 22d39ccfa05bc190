// Passwords after sign-up, over the real API on SQLite: changing your own
// (other sessions end), an administrator's single-use reset link (the mail
// seam gets the link, its log line never the secret), leaving a workspace
// (not as its last admin) and an invitation's preview.
import { newId } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '../identity/mailer';
import { openTestApi, type TestApi } from './testKit';

const PASSWORD = 'correct horse battery';

/** A Mailer that keeps what it was given, as an SMTP transport would receive it. */
class KeptMail implements Mailer {
  readonly delivers = true;
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
  }
}

async function withMember(t: TestApi, role = 'contributor') {
  const admin = await t.signup();
  const ws = await t.call('POST', '/workspaces', { token: admin.token, body: { name: 'Lab' } });
  const inv = await t.call('POST', `/workspaces/${ws.body.id}/invitations`, {
    token: admin.token,
    body: { role },
  });
  const email = `member-${newId()}@example.org`;
  const accepted = await t.call('POST', '/invitations/accept', {
    body: { token: inv.body.token, email, password: 'member password 1', name: 'Mo' },
  });
  const login = () =>
    t.call('POST', '/auth/login', { body: { email, password: 'member password 1' } });
  const a = await login();
  const b = await login();
  return {
    admin,
    ws: ws.body.id as string,
    member: { id: accepted.body.userId as string, email, a: a.body, b: b.body },
  };
}

describe('changing your password', () => {
  it('asks for the current one, then ends every other session but keeps this one', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 9) };
    const t = await openTestApi({ now: () => clock.now });
    const { member } = await withMember(t);
    const wrong = await t.call('POST', '/auth/password', {
      token: member.a.accessToken,
      body: { currentPassword: 'not it at all', newPassword: 'a new passphrase' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('The current password is wrong');

    const changed = await t.call('POST', '/auth/password', {
      token: member.a.accessToken,
      body: { currentPassword: 'member password 1', newPassword: 'a new passphrase' },
    });
    expect(changed).toMatchObject({ status: 200, body: { endedSessions: 1 } });
    expect((await t.call('GET', '/auth/me', { token: member.a.accessToken })).status).toBe(200);
    expect((await t.call('GET', '/auth/me', { token: member.b.accessToken })).status).toBe(401);
    const refreshB = await t.call('POST', '/auth/refresh', {
      body: { refreshToken: member.b.refreshToken },
    });
    expect(refreshB.status).toBe(401);
    clock.now += 60_000; // past the per-account sign-in limit the attempts above used up
    const old = await t.call('POST', '/auth/login', {
      body: { email: member.email, password: 'member password 1' },
    });
    expect(old.status).toBe(401);
    const fresh = await t.call('POST', '/auth/login', {
      body: { email: member.email, password: 'a new passphrase' },
    });
    expect(fresh.status).toBe(200);
  });

  it('counts only wrong current passwords against the account’s sign-in limit', async () => {
    const t = await openTestApi();
    const { member } = await withMember(t);
    const attempt = (currentPassword: string, newPassword: string) =>
      t.call('POST', '/auth/password', {
        token: member.a.accessToken,
        body: { currentPassword, newPassword },
      });
    expect((await attempt('member password 1', 'second passphrase')).status).toBe(200);
    expect((await attempt('second passphrase', 'third passphrase')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await attempt('a wrong guess', 'x passphrase')).status);
    expect(statuses).toEqual([401, 401, 401]);
    // withMember's two sign-ins took one each of five; three wrong guesses take the rest.
    const blocked = await attempt('third passphrase', 'fourth passphrase');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('refuses a too-short new password and API keys', async () => {
    const t = await openTestApi();
    const a = await t.signup();
    const short = await t.call('POST', '/auth/password', {
      token: a.token,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.body.error.code).toBe('VALIDATION_ERROR');
    const key = await t.call('POST', '/api-keys', {
      token: a.token,
      body: { name: 'ci', access: 'read' },
    });
    const byKey = await t.call('POST', '/auth/password', {
      token: key.body.key,
      body: { currentPassword: PASSWORD, newPassword: 'a new passphrase' },
    });
    expect(byKey.status).toBe(403);
  });
});

describe('password-reset links', () => {
  it('lets a tenant admin issue a link that works once, before it expires, ending every session', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 9) };
    const mail = new KeptMail();
    const t = await openTestApi({ now: () => clock.now, mailer: mail });
    const { admin, member } = await withMember(t);

    const byMember = await t.call('POST', `/users/${admin.userId}/password-reset`, {
      token: member.a.accessToken,
    });
    expect(byMember.status).toBe(403);
    const own = await t.call('POST', `/users/${admin.userId}/password-reset`, {
      token: admin.token,
    });
    expect(own.body.error.message).toBe('Change your own password from your account');

    const first = await t.call('POST', `/users/${member.id}/password-reset`, {
      token: admin.token,
    });
    const issued = await t.call('POST', `/users/${member.id}/password-reset`, {
      token: admin.token,
    });
    expect(issued).toMatchObject({ status: 201, body: { emailed: true } });
    expect(issued.body.expiresAt).toBe(clock.now + 24 * 3600 * 1000);
    expect(mail.sent.at(-1)).toMatchObject({ to: member.email });
    expect(mail.sent.at(-1)!.text).toContain(
      `/#/password-reset/${encodeURIComponent(issued.body.token)}`,
    );
    const stale = await t.call('POST', '/password-resets/preview', {
      body: { token: first.body.token },
    });
    expect(stale.status).toBe(404);

    const preview = await t.call('POST', '/password-resets/preview', {
      body: { token: issued.body.token },
    });
    expect(preview.body).toMatchObject({ email: member.email, name: 'Mo' });
    const used = await t.call('POST', '/password-resets/use', {
      body: { token: issued.body.token, newPassword: 'set by a reset link' },
    });
    expect(used.status).toBe(204);
    for (const s of [member.a, member.b])
      expect((await t.call('GET', '/auth/me', { token: s.accessToken })).status).toBe(401);
    const again = await t.call('POST', '/password-resets/use', {
      body: { token: issued.body.token, newPassword: 'another one again' },
    });
    expect(again.status).toBe(404);
    const login = await t.call('POST', '/auth/login', {
      body: { email: member.email, password: 'set by a reset link' },
    });
    expect(login.status).toBe(200);

    const audit = await t.call('GET', '/audit?limit=200', { token: admin.token });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.passwordResetIssue', 'auth.passwordReset']),
    );

    const late = await t.call('POST', `/users/${member.id}/password-reset`, {
      token: admin.token,
    });
    clock.now += 24 * 3600 * 1000;
    const expired = await t.call('POST', '/password-resets/use', {
      body: { token: late.body.token, newPassword: 'too late for this' },
    });
    expect(expired.status).toBe(404);
  });

  it('gives a member who used up their sign-ins a working sign-in once the link is used', async () => {
    const t = await openTestApi();
    const { admin, member } = await withMember(t);
    const signIn = (password: string) =>
      t.call('POST', '/auth/login', { body: { email: member.email, password } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn('forgotten it')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const issued = await t.call('POST', `/users/${member.id}/password-reset`, {
      token: admin.token,
    });
    const used = await t.call('POST', '/password-resets/use', {
      body: { token: issued.body.token, newPassword: 'set by a reset link' },
    });
    expect(used.status).toBe(204);
    expect((await signIn('set by a reset link')).status).toBe(200);
  });

  it('logs that a mail was due without its secret when the server has no mail transport', async () => {
    const logged: unknown[] = [];
    const { LoggingMailer } = await import('../identity/mailer');
    const t = await openTestApi({ mailer: new LoggingMailer((m) => logged.push(m)) });
    const { admin, member } = await withMember(t);
    const issued = await t.call('POST', `/users/${member.id}/password-reset`, {
      token: admin.token,
    });
    expect(issued.body.emailed).toBe(false);
    expect(logged).toEqual([{ to: member.email, subject: 'Set a new Fieldbook password' }]);
    expect(JSON.stringify(logged)).not.toContain(issued.body.token);
  });
});

describe('leaving a workspace', () => {
  it('lets a member leave, but not the last admin, who is told why', async () => {
    const t = await openTestApi();
    const { admin, ws, member } = await withMember(t);
    const last = await t.call('POST', `/workspaces/${ws}/leave`, { token: admin.token });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toBe(
      'You are the last admin of this workspace, so you cannot leave it: make another member an admin first',
    );
    const demote = await t.call('PATCH', `/workspaces/${ws}/members/${admin.userId}`, {
      token: admin.token,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(409);

    const left = await t.call('POST', `/workspaces/${ws}/leave`, { token: member.a.accessToken });
    expect(left.status).toBe(204);
    const after = await t.call('GET', `/workspaces/${ws}`, { token: member.a.accessToken });
    expect(after.status).toBe(404);

    await t.call('PATCH', `/workspaces/${ws}/members/${admin.userId}`, {
      token: admin.token,
      body: { role: 'admin' },
    });
    const again = await t.call('POST', `/workspaces/${ws}/leave`, { token: member.a.accessToken });
    expect(again.status).toBe(404);
  });

  it('lets an admin leave once another member is an admin too', async () => {
    const t = await openTestApi();
    const { admin, ws, member } = await withMember(t, 'admin');
    const left = await t.call('POST', `/workspaces/${ws}/leave`, { token: member.a.accessToken });
    expect(left.status).toBe(204);
    const members = await t.call('GET', `/workspaces/${ws}/members`, { token: admin.token });
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([admin.userId]);
  });
});

describe('invitation preview', () => {
  it('names the workspace, the inviter and the role before accepting; nothing for a used link', async () => {
    const t = await openTestApi();
    const admin = await t.signup();
    const ws = await t.call('POST', '/workspaces', { token: admin.token, body: { name: 'Lab 7' } });
    const inv = await t.call('POST', `/workspaces/${ws.body.id}/invitations`, {
      token: admin.token,
      body: { role: 'reviewer', capabilities: ['operator'] },
    });
    const shown = await t.call('POST', '/invitations/preview', { body: { token: inv.body.token } });
    expect(shown.body).toMatchObject({
      workspaceName: 'Lab 7',
      invitedBy: 'Admin',
      role: 'reviewer',
      capabilities: ['operator'],
    });
    await t.call('POST', '/invitations/accept', {
      body: { token: inv.body.token, email: 'n@example.org', password: PASSWORD, name: 'N' },
    });
    const used = await t.call('POST', '/invitations/preview', { body: { token: inv.body.token } });
    expect(used.status).toBe(404);
  });
});
