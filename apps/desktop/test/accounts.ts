// Accounts for browser tests, made through the server's REST API (the
// stable surface): an organization with an admin, a workspace, and a second
// member invited into it.

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A user who can sign in. */
export interface TestUser {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/** Signs up `admin` as a new organization, creates a workspace and invites `member` (contributor by default). */
export async function teamWithWorkspace(
  server: string,
  workspaceName: string,
  admin: TestUser,
  member: TestUser,
  role: 'viewer' | 'contributor' | 'reviewer' | 'admin' = 'contributor',
): Promise<{ workspaceId: string; adminToken: string; memberId: string }> {
  const api = `${server}/api/v1`;
  const signedUp = await post<{ accessToken: string }>(`${api}/auth/signup`, {
    tenant: `${workspaceName} team`,
    ...admin,
  });
  const token = signedUp.accessToken;
  const ws = await post<{ id: string }>(`${api}/workspaces`, { name: workspaceName }, token);
  const invite = await post<{ token: string }>(
    `${api}/workspaces/${ws.id}/invitations`,
    { role },
    token,
  );
  const accepted = await post<{ userId: string }>(`${api}/invitations/accept`, {
    token: invite.token,
    ...member,
  });
  return { workspaceId: ws.id, adminToken: token, memberId: accepted.userId };
}

/** Takes a member out of a workspace (as its admin). */
export async function removeMember(
  server: string,
  team: { workspaceId: string; adminToken: string; memberId: string },
): Promise<void> {
  const url = `${server}/api/v1/workspaces/${team.workspaceId}/members/${team.memberId}`;
  const res = await fetch(url, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${team.adminToken}` },
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
}

/** Invites one more user into the team's workspace with `role`; returns their user id. */
export async function inviteMember(
  server: string,
  team: { workspaceId: string; adminToken: string },
  user: TestUser,
  role: 'viewer' | 'contributor' | 'reviewer' | 'admin',
): Promise<string> {
  const api = `${server}/api/v1`;
  const invite = await post<{ token: string }>(
    `${api}/workspaces/${team.workspaceId}/invitations`,
    { role },
    team.adminToken,
  );
  return (
    await post<{ userId: string }>(`${api}/invitations/accept`, { token: invite.token, ...user })
  ).userId;
}

/** Changes a member's role (as the workspace's admin); open sockets hear of it within a second. */
export async function changeRole(
  server: string,
  team: { workspaceId: string; adminToken: string },
  userId: string,
  role: 'viewer' | 'contributor' | 'reviewer' | 'admin',
): Promise<void> {
  const url = `${server}/api/v1/workspaces/${team.workspaceId}/members/${userId}`;
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${team.adminToken}` },
    body: JSON.stringify({ role }),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
}
