// @node-rs/argon2 (a native module with its own thread pool) loads on the first password
// hash or check: servers signed into with keys and tokens only never need it.
const argon2 = () => import('@node-rs/argon2');

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Hashes a password with argon2id; the result embeds its salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks `password` against an argon2id hash. With no hash (unknown e-mail)
 * it still runs one verification, so response time does not tell whether an
 * account exists.
 */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  const { verify } = await argon2();
  if (passwordHash === null) {
    dummy ??= hashPassword('fieldbook-timing-equaliser');
    await verify(await dummy, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
