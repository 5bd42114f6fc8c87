/**
 * Small helpers to find things the way a person (or a screen reader) does: by role and
 * accessible name, by label text, by visible text — inside a component's shadow root (not
 * inside the shadow roots nested in it). Roles, names and descriptions come from Testing
 * Library and dom-accessibility-api (ARIA, HTML-AAM, accname); a query that finds nothing fails
 * with the roles and the markup that were on screen, nested shadow roots included.
 */
import {
  getByLabelText as libraryGetByLabelText,
  getByRole as libraryGetByRole,
  queryAllByRole as libraryQueryAllByRole,
  queryAllByText,
  queryByRole as libraryQueryByRole,
} from '@testing-library/dom';
import { computeAccessibleDescription, computeAccessibleName, getRole } from 'dom-accessibility-api';
// Imported for its effect: Testing Library's errors then print the markup inside shadow roots.
import 'shadow-dom-testing-library';
import { applyLanguage } from '../../client/i18n/language';

export type Matcher = string | RegExp;

/** Collapses whitespace the way the accessibility tree does. */
export function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The component's shadow root (fails the test when it has none yet). */
export function shadow(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (!root) throw new Error(`<${element.localName}> has no shadow root`);
  return root;
}

/** The element's role: the explicit one, or the implicit one HTML-AAM gives it. */
export function roleOf(element: Element): string | null {
  return getRole(element);
}

/** The accessible name (accname: aria-labelledby, aria-label, label, then content). */
export function accessibleName(element: Element): string {
  return computeAccessibleName(element);
}

/** The accessible description (aria-describedby, then title). */
export function accessibleDescription(element: Element): string {
  return computeAccessibleDescription(element);
}

/** Rendered and not hidden (hidden attribute, display:none, visibility:hidden). */
export function isVisible(element: Element): boolean {
  return element.checkVisibility({ visibilityProperty: true });
}

export interface RoleOptions {
  name?: Matcher;
  /** Include elements that are not visible (default: only visible ones). */
  hidden?: boolean;
  level?: number;
}

// Testing Library's containers are typed as HTMLElement; a ShadowRoot works as one (it checks
// for a DocumentFragment at run time).
const container = (root: ParentNode) => root as HTMLElement;
const libraryOptions = (options: RoleOptions) => ({ hidden: false, ...options });

/** Every element in `root` (not inside nested shadow roots) with that role and name. */
export function queryAllByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement[] {
  return libraryQueryAllByRole(container(root), role, libraryOptions(options));
}

/** The one element with that role and name, or null; more than one fails the test. */
export function queryByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement | null {
  return libraryQueryByRole(container(root), role, libraryOptions(options));
}

/** Exactly one element with that role and name, or the test fails with what there was. */
export function getByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement {
  return libraryGetByRole(container(root), role, libraryOptions(options));
}

/** The one form control whose <label> (or aria-label, aria-labelledby) reads `text`. */
export function getByLabelText<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: Matcher): T {
  return libraryGetByLabelText<T>(container(root), text);
}

function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
  if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(textOf).join('');
  const children = node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  return Array.from(children).map(textOf).join('');
}

/** The visible text of a root or element, whitespace collapsed (nested shadow roots included). */
export function visibleText(node: Node): string {
  if (node instanceof ShadowRoot || node instanceof DocumentFragment) {
    return normalise(Array.from(node.childNodes).map(textOf).join(' '));
  }
  return normalise(textOf(node));
}

/** The first visible element whose own text (whitespace collapsed) matches, for plain paragraphs. */
export function getByText(root: ParentNode, text: Matcher, selector = '*'): HTMLElement {
  const found = queryAllByText(container(root), text, { selector }).filter(isVisible);
  if (found.length === 0) throw new Error(`No visible text ${String(text)} in:\n${visibleText(root as Node)}`);
  return found[0]!;
}

/** The focused element inside a shadow root (following nested shadow roots). */
export function deepActiveElement(root: DocumentOrShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The `<error-summary>` of a view, and its alert box. */
export function errorSummaryOf(view: Element): { summary: HTMLElement; alert: HTMLElement; root: ShadowRoot } {
  const summary = shadow(view).querySelector<HTMLElement>('error-summary');
  if (!summary) throw new Error(`<${view.localName}> has no <error-summary>`);
  const root = shadow(summary);
  return { summary, root, alert: getByRole(root, 'alert', { hidden: true }) };
}

// ---------------------------------------------------------------------------------------------
// fetch stub

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

type Responder = (request: RecordedRequest) => Response | Promise<Response>;

const realFetch = window.fetch;

/**
 * Replaces window.fetch for one test. Every request is recorded (with its JSON body parsed);
 * `respond` decides the answer (or throws / rejects to simulate a network failure).
 */
export function stubFetch(respond: Responder): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    const recorded: RecordedRequest = { url: request.url, method: request.method, headers: request.headers, body };
    requests.push(recorded);
    return respond(recorded);
  };
  return requests;
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A fetch that never reaches the network (what the browser does offline). */
export function networkFailure(): never {
  throw new TypeError('Failed to fetch');
}

/** Back to English between tests, without remembering it on the device. */
export async function resetLanguage(): Promise<void> {
  await applyLanguage('en', { remember: false });
}

/** Waits for a component and the components inside its shadow root to finish rendering. */
export async function settled(element: Element): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const visit = (el: Element) => {
    if ('updateComplete' in el) pending.push((el as unknown as { updateComplete: Promise<unknown> }).updateComplete);
    el.shadowRoot?.querySelectorAll('*').forEach(visit);
  };
  visit(element);
  await Promise.all(pending);
}

/** Organisation texts as the server sends them. */
export const canadaPost = {
  name: { en: 'Canada Post', fr: 'Postes Canada' },
  helpDeskPhone: '1-877-411-8585',
  primarySystem: { en: 'Intranet', fr: 'Intranet' },
  notice: { en: 'Authorized use only.', fr: 'Utilisation autorisée seulement.' },
  userIdInputMode: 'numeric' as const,
  employeeIdPattern: '^E-?\\d{6}$',
};
