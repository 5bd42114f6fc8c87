/**
 * "Add a phone": the desktop asks for a single-use enrolment link, valid 5 minutes, shown as a
 * QR code. The phone opens it with no session; the link's token stands in for one and enrols the
 * phone exactly as "Add this device" does (`DeviceEnrolment`), for the link's employee, the link
 * being spent in the transaction that adds the device. A newer link replaces the unused one.
 *
 * The token (256 random bits) travels in the link's fragment (`/enrol#…`), which browsers send
 * neither to the server nor in a Referer; the phone's page posts it in a JSON body. The database
 * keeps its SHA-256 only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DevicePlatform } from '../../shared/device-schemas';
import type { EnrolmentLinkState } from '../../shared/enrolment-link-schemas';
import type { Language } from '../../shared/languages';
import { recordInTransaction, type RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Config } from '../config';
import {
  findEnrolmentLink,
  findEnrolmentLinkByToken,
  insertEnrolmentLink,
  replaceOpenLinks,
  deleteOldEnrolmentLinks,
  useEnrolmentLink,
  type EnrolmentLinkRow,
} from '../db/queries/enrolment-links';
import { findEmployeeById } from '../db/queries/employees';
import { findActiveDevice } from '../db/queries/mobile-devices';
import type { Store } from '../db/store';
import { toEmployee } from '../directory/sql-directory';
import type { SignedIn } from '../sessions/session-service';
import { EnrolmentRefused, type AddDeviceResult, type DeviceEnrolment, type RegistrationOptionsJSON } from './device-enrolment';
import type { z } from 'zod';
import type { addDeviceRequest } from '../../shared/device-schemas';

export const ENROLMENT_LINK_MS = 5 * 60_000;
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

/** Why a link cannot enrol a phone; each has its own error code and screen. */
export type LinkRefusal = 'unknown' | 'used' | 'expired' | 'replaced';

export interface CreatedLink {
  id: string;
  url: string;
  expiresAt: Date;
}

export interface LinkStatus {
  state: EnrolmentLinkState;
  expiresAt: Date;
  /** The phone's name, once it is added (and not removed since). */
  deviceName: string | null;
}

export interface EnrolmentLinks {
  create(signedIn: SignedIn, context: RequestContext): Promise<CreatedLink>;
  status(employeeId: string, id: string): Promise<LinkStatus | null>;
  registrationOptions(
    token: string,
    userAgent: string,
  ): Promise<
    { ok: true; options: RegistrationOptionsJSON; platform: DevicePlatform; displayName: string } | { ok: false; reason: LinkRefusal }
  >;
  add(input: {
    token: string;
    name: string;
    language: Language;
    registration: z.infer<typeof addDeviceRequest>['registration'];
    context: RequestContext;
  }): Promise<AddDeviceResult | { ok: false; reason: LinkRefusal }>;
  /** Deletes links expired for a day (kept that long so that a late phone is told "expired", not "unknown"). */
  purgeExpired(): Promise<number>;
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

function stateOf(link: EnrolmentLinkRow, now: Date): EnrolmentLinkState {
  if (link.usedAt) return 'used';
  if (link.replacedAt) return 'replaced';
  return link.expiresAt <= now ? 'expired' : 'waiting';
}

/** The challenge owner of a link's registration: never an employee id, so never a session's. */
const ownerOf = (link: EnrolmentLinkRow) => `enrolment-link:${link.id}`;

export function createEnrolmentLinks(deps: { store: Store; config: Config; now: Clock; enrolment: DeviceEnrolment }): EnrolmentLinks {
  const { store, config, now, enrolment } = deps;

  /** The link and its employee, or why it cannot be used. */
  async function open(
    token: string,
  ): Promise<{ ok: true; link: EnrolmentLinkRow; employee: SignedIn['employee'] } | { ok: false; reason: LinkRefusal }> {
    const link = await findEnrolmentLinkByToken(store, hashLinkToken(token));
    if (!link) return { ok: false, reason: 'unknown' };
    const state = stateOf(link, now());
    if (state !== 'waiting') return { ok: false, reason: state };
    const row = await findEmployeeById(store, link.employeeId);
    if (!row) return { ok: false, reason: 'unknown' };
    return { ok: true, link, employee: toEmployee(row) };
  }

  return {
    async create({ employee }, context) {
      const at = now();
      const token = randomBytes(32).toString('base64url');
      const link: EnrolmentLinkRow = {
        id: randomBytes(16).toString('base64url'),
        employeeId: employee.id,
        tokenHash: hashLinkToken(token),
        createdAt: at,
        expiresAt: new Date(at.getTime() + ENROLMENT_LINK_MS),
        replacedAt: null,
        usedAt: null,
        deviceId: null,
      };
      await store.write(async (w) => {
        const replaced = await replaceOpenLinks(w, employee.id, at);
        await insertEnrolmentLink(w, link);
        await recordInTransaction(w, at, context, {
          type: 'enrolment_link_created',
          outcome: 'success',
          actorId: employee.id,
          subjectId: employee.id,
          details: { linkId: link.id, replaced },
        });
      });
      return { id: link.id, url: `${config.origin}/enrol#${token}`, expiresAt: link.expiresAt };
    },

    async status(employeeId, id) {
      const link = await findEnrolmentLink(store, employeeId, id);
      if (!link) return null;
      const device = link.deviceId ? await findActiveDevice(store, employeeId, link.deviceId) : null;
      return { state: stateOf(link, now()), expiresAt: link.expiresAt, deviceName: device?.name ?? null };
    },

    async registrationOptions(token, userAgent) {
      const opened = await open(token);
      if (!opened.ok) return opened;
      const { options, platform } = await enrolment.registrationOptions(
        { employee: opened.employee, owner: ownerOf(opened.link) },
        userAgent,
      );
      return { ok: true, options, platform, displayName: opened.employee.displayName };
    },

    async add({ token, name, language, registration, context }) {
      const opened = await open(token);
      if (!opened.ok) return opened;
      const { link, employee } = opened;
      try {
        return await enrolment.add({
          signedIn: {
            employee,
            owner: ownerOf(link),
            async authorise(w, deviceId, at) {
              const used = await useEnrolmentLink(w, link.id, deviceId, at);
              if (!used) throw new EnrolmentRefused('link');
              // The phone has no session: the employee acts through the link they created.
              await recordInTransaction(w, at, context, {
                type: 'enrolment_link_used',
                outcome: 'success',
                actorId: employee.id,
                subjectId: employee.id,
                details: { linkId: link.id, deviceId, device: name },
              });
            },
          },
          name,
          language,
          registration,
          context,
        });
      } catch (error) {
        if (!(error instanceof EnrolmentRefused)) throw error;
        // Spent, replaced or expired between the check and the write: say which, as the read now sees it.
        const again = await findEnrolmentLinkByToken(store, hashLinkToken(token));
        const state = again ? stateOf(again, now()) : 'expired';
        return { ok: false, reason: state === 'waiting' ? 'used' : state };
      }
    },

    purgeExpired: () => store.write((w) => deleteOldEnrolmentLinks(w, new Date(now().getTime() - KEEP_EXPIRED_MS))),
  };
}
