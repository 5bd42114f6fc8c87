import { and, eq, lte } from 'drizzle-orm';
import type { Writer } from '../store';

/** What a WebAuthn challenge was issued for. */
export type ChallengePurpose = 'register-device' | 'passkey-sign-in';

export interface IssuedChallenge {
  challenge: string;
  purpose: ChallengePurpose;
  /** Whom it was issued to (an employee's id for a registration); the ceremony must come from them. */
  owner: string;
  employeeId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function saveChallenge(w: Writer, challenge: IssuedChallenge): Promise<void> {
  await w.db.insert(w.t.webauthnChallenges).values(challenge);
}

/**
 * Takes the challenge: deleted and read in one statement, so each is usable once (of two
 * ceremonies sent together, one gets it). Null when unknown, expired, or issued to someone else
 * or for something else — and then it is not consumed.
 */
export async function claimChallenge(
  w: Writer,
  challenge: string,
  purpose: ChallengePurpose,
  owner: string,
  now: Date,
): Promise<IssuedChallenge | null> {
  const t = w.t.webauthnChallenges;
  const [row] = await w.db
    .delete(t)
    .where(and(eq(t.challenge, challenge), eq(t.purpose, purpose), eq(t.owner, owner)))
    .returning();
  if (!row || row.expiresAt <= now) return null;
  return { ...row, purpose: row.purpose as ChallengePurpose };
}

export async function deleteExpiredWebauthnChallenges(w: Writer, now: Date): Promise<number> {
  const t = w.t.webauthnChallenges;
  const gone = await w.db.delete(t).where(lte(t.expiresAt, now)).returning({ challenge: t.challenge });
  return gone.length;
}
