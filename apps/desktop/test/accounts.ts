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

/** Signs up `admin` as a new organization, creates a workspace and invites `member` as contributor. */
export async function teamWithWorkspace(
  server: string,
  workspaceName: string,
  admin: TestUser,
  member: TestUser,
): Promise<{ workspaceId: string }> {
  const api = `${server}/api/v1`;
  const signedUp = await post<{ accessToken: string }>(`${api}/auth/signup`, {
    tenant: `${workspaceName} team`,
    ...admin,
  });
  const token = signedUp.accessToken;
  const ws = await post<{ id: string }>(`${api}/workspaces`, { name: workspaceName }, token);
  const invite = await post<{ token: string }>(
    `${api}/workspaces/${ws.id}/invitations`,
    { role: 'contributor' },
    token,
  );
  await post(`${api}/invitations/accept`, { token: invite.token, ...member });
  return { workspaceId: ws.id };
}
