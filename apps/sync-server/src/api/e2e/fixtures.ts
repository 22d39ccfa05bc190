import { ROLES, newId, type Role } from '@fieldbook/shared';
import type { IdentityServer } from './serverKit';

/** The password of every account the fixtures make. */
export const E2E_PASSWORD = 'e2e password 12345';
const PASSWORD = E2E_PASSWORD;

/** A tenant with a workspace and one signed-in member per role. */
export async function tenantWithRoles(s: IdentityServer, tag = newId().slice(-8)) {
  const signup = await s.call('POST', '/auth/signup', {
    body: { tenant: `T ${tag}`, email: `owner-${tag}@e2e.test`, password: PASSWORD, name: 'Owner' },
  });
  const admin = {
    token: signup.body.accessToken as string,
    userId: signup.body.user.id as string,
    tenantId: signup.body.tenant.id as string,
  };
  const ws = (
    await s.call('POST', '/workspaces', { token: admin.token, body: { name: `W ${tag}` } })
  ).body.id as string;
  const members = {} as Record<
    Role,
    { token: string; userId: string; email: string; refreshToken: string }
  >;
  for (const role of ROLES) {
    const inv = await s.call('POST', `/workspaces/${ws}/invitations`, {
      token: admin.token,
      body: { role },
    });
    const email = `${role}-${tag}@e2e.test`;
    const accepted = await s.call('POST', '/invitations/accept', {
      body: { token: inv.body.token, email, password: PASSWORD, name: role },
    });
    const login = await s.call('POST', '/auth/login', { body: { email, password: PASSWORD } });
    if (accepted.status !== 200 || login.status !== 200)
      throw new Error(`member ${role}: ${JSON.stringify([accepted.body, login.body])}`);
    members[role] = {
      token: login.body.accessToken,
      refreshToken: login.body.refreshToken,
      userId: accepted.body.userId,
      email,
    };
  }
  return { admin, ws, members };
}
