/**
 * The organisation's texts (name, help-desk number, notice). Kept on the device after each
 * fetch so that the help-desk line still shows when the app opens without a network.
 */
import type { OrganisationResponse } from '../../shared/api-schemas';
import { sesameApi } from '../api/api-client';

const STORAGE_KEY = 'sesame.organisation';

export function cachedOrganisation(): OrganisationResponse | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as OrganisationResponse) : null;
  } catch {
    return null;
  }
}

export async function loadOrganisation(): Promise<OrganisationResponse | null> {
  const result = await sesameApi.organisation();
  if (!result.ok) return cachedOrganisation();
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(result.data));
  } catch {
    // Storage refused (private mode): the texts still show for this visit.
  }
  return result.data;
}

/** `tel:` links keep digits and the leading +; separators are for people. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}
