/**
 * Small helpers to find things the way a person (or a screen reader) does: by role and
 * accessible name, by label text, by visible text — inside a component's shadow root.
 * The rules follow the HTML-AAM / accname specs for the elements this app uses; they are
 * deliberately small, and fail loudly with what was on screen when nothing matches.
 */
import { applyLanguage } from '../../client/i18n/language';

export type Matcher = string | RegExp;

/** Collapses whitespace the way the accessibility tree does. */
export function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function matches(value: string, matcher: Matcher): boolean {
  return typeof matcher === 'string' ? value === matcher : matcher.test(value);
}

/** The component's shadow root (fails the test when it has none yet). */
export function shadow(element: Element): ShadowRoot {
  const root = element.shadowRoot;
  if (!root) throw new Error(`<${element.localName}> has no shadow root`);
  return root;
}

/** The element's role: the explicit one, or the implicit one for the elements the app uses. */
export function roleOf(element: Element): string | null {
  const explicit = element.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0] ?? null;
  const tag = element.localName;
  switch (tag) {
    case 'button':
      return 'button';
    case 'a':
      return element.hasAttribute('href') ? 'link' : null;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    case 'ul':
    case 'ol':
      return 'list';
    case 'li':
      return 'listitem';
    case 'form':
      return 'form';
    case 'fieldset':
      return 'group';
    case 'section':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null;
    case 'dl':
      return null;
    case 'input': {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'text' || type === 'email' || type === 'tel' || type === 'url' || type === 'search') return 'textbox';
      if (type === 'submit' || type === 'button') return 'button';
      // type=password has no ARIA role: find it by its label.
      return null;
    }
    default:
      return null;
  }
}

function rootOf(element: Element): Document | ShadowRoot {
  const root = element.getRootNode();
  return root instanceof ShadowRoot || root instanceof Document ? root : document;
}

function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
  if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(textOf).join('');
  const children = node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  return Array.from(children).map(textOf).join('');
}

function labelsText(element: Element): string | null {
  if (!('labels' in element)) return null;
  const labels = (element as HTMLInputElement).labels;
  if (!labels || labels.length === 0) return null;
  return normalise(Array.from(labels).map(textOf).join(' '));
}

/** The accessible name (aria-labelledby, aria-label, label, then content). */
export function accessibleName(element: Element): string {
  const root = rootOf(element);
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return normalise(
      labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById(id))
        .map((el) => (el ? textOf(el) : ''))
        .join(' '),
    );
  }
  const label = element.getAttribute('aria-label');
  if (label && label.trim() !== '') return normalise(label);
  const fromLabels = labelsText(element);
  if (fromLabels !== null) return fromLabels;
  if (element.localName === 'fieldset') {
    const legend = Array.from(element.children).find((child) => child.localName === 'legend');
    return legend ? normalise(textOf(legend)) : '';
  }
  const role = roleOf(element);
  if (role && ['button', 'link', 'heading', 'menuitem', 'listitem', 'option', 'tab'].includes(role)) {
    return normalise(textOf(element));
  }
  return '';
}

/** The accessible description: the text of the elements named by aria-describedby. */
export function accessibleDescription(element: Element): string {
  const root = rootOf(element);
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return normalise(
    ids
      .map((id) => root.getElementById(id))
      .map((el) => (el ? textOf(el) : ''))
      .join(' '),
  );
}

/** Rendered and not hidden (hidden attribute, display:none, visibility:hidden). */
export function isVisible(element: Element): boolean {
  return element.checkVisibility({ visibilityProperty: true });
}

function describe(root: ParentNode): string {
  const all = Array.from(root.querySelectorAll('*'));
  const found = all
    .map((el) => ({ el, role: roleOf(el) }))
    .filter(({ role }) => role !== null)
    .map(({ el, role }) => `  ${role} "${accessibleName(el)}"${isVisible(el) ? '' : ' (hidden)'}`);
  return found.length ? found.join('\n') : '  (no element with a role)';
}

export interface RoleOptions {
  name?: Matcher;
  /** Include elements that are not visible (default: only visible ones). */
  hidden?: boolean;
  level?: number;
}

/** Every element in `root` (not inside nested shadow roots) with that role and name. */
export function queryAllByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('*')).filter((el) => {
    if (roleOf(el) !== role) return false;
    if (!options.hidden && !isVisible(el)) return false;
    if (options.level !== undefined && el.localName !== `h${options.level}`) return false;
    return options.name === undefined || matches(accessibleName(el), options.name);
  });
}

export function queryByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement | null {
  const found = queryAllByRole(root, role, options);
  if (found.length > 1) throw new Error(`Found ${found.length} ${role} elements named ${String(options.name)}`);
  return found[0] ?? null;
}

/** Exactly one element with that role and name, or the test fails with what there was. */
export function getByRole(root: ParentNode, role: string, options: RoleOptions = {}): HTMLElement {
  const found = queryAllByRole(root, role, options);
  if (found.length === 1) return found[0]!;
  const what = `${role}${options.name !== undefined ? ` named ${String(options.name)}` : ''}`;
  throw new Error(
    found.length === 0 ? `No visible ${what}. Elements with a role:\n${describe(root)}` : `Found ${found.length} elements: ${what}`,
  );
}

/** The form control whose <label> reads `text`. */
export function getByLabelText<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: Matcher): T {
  const labels = Array.from(root.querySelectorAll('label')).filter((l) => matches(normalise(textOf(l)), text));
  const controls = labels.map((l) => l.control).filter((c): c is HTMLElement => c !== null);
  if (controls.length !== 1) {
    const all = Array.from(root.querySelectorAll('label')).map((l) => `  "${normalise(textOf(l))}"`);
    throw new Error(`Expected one control labelled ${String(text)}, found ${controls.length}. Labels:\n${all.join('\n')}`);
  }
  return controls[0] as T;
}

/** The visible text of a root or element, whitespace collapsed (nested shadow roots included). */
export function visibleText(node: Node): string {
  if (node instanceof ShadowRoot || node instanceof DocumentFragment) {
    return normalise(Array.from(node.childNodes).map(textOf).join(' '));
  }
  return normalise(textOf(node));
}

/** The first element whose own text (normalised) matches, for plain paragraphs. */
export function getByText(root: ParentNode, text: Matcher, selector = '*'): HTMLElement {
  const found = Array.from(root.querySelectorAll<HTMLElement>(selector)).filter(
    (el) => isVisible(el) && matches(normalise(textOf(el)), text),
  );
  // The innermost match is the element a person reads.
  const innermost = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  if (innermost.length === 0) throw new Error(`No visible text ${String(text)} in:\n${visibleText(root as Node)}`);
  return innermost[0]!;
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
};
