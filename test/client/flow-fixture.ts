/**
 * Screens read the flow's state from the app's context (`client/state/flow-state.ts`): in a test,
 * `<test-flow>` stands in for the app and provides it to the screen placed inside it.
 */
import { ContextProvider } from '@lit/context';
import { fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { INITIAL_FLOW, flowContext, type FlowState } from '../../client/state/flow-state';
import type { ProfileResponse } from '../../shared/api-schemas';

async function settleDeep(element: Element): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const visit = (el: Element) => {
    if (el instanceof LitElement) pending.push(el.updateComplete);
    el.shadowRoot?.querySelectorAll('*').forEach(visit);
    Array.from(el.children).forEach(visit);
  };
  Array.from(element.children).forEach(visit);
  await Promise.all(pending);
}

export class TestFlow extends LitElement {
  readonly #provider = new ContextProvider(this, { context: flowContext, initialValue: INITIAL_FLOW });

  get flow(): FlowState {
    return this.#provider.value;
  }

  set flow(change: Partial<FlowState>) {
    this.#provider.setValue({ ...INITIAL_FLOW, ...change });
  }

  /** Changes part of the state, as the app would after a move. */
  patch(change: Partial<FlowState>): void {
    this.#provider.setValue({ ...this.#provider.value, ...change });
  }

  // `settled()` and `updateComplete` also wait for the screen inside.
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await settleDeep(this);
    return done;
  }

  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('test-flow', TestFlow);

declare global {
  interface HTMLElementTagNameMap {
    'test-flow': TestFlow;
  }
}

/** A template of `view` inside `<test-flow>` with that state (for `fixture()` or axe). */
export function withFlow(view: TemplateResult, flow: Partial<FlowState> = {}): TemplateResult {
  return html`<test-flow .flow=${flow}>${view}</test-flow>`;
}

/** Renders `view` with that flow state and returns the view, rendered. */
export async function flowFixture<T extends Element>(view: TemplateResult, flow: Partial<FlowState> = {}): Promise<T> {
  const host = await fixture<TestFlow>(withFlow(view, flow));
  await host.updateComplete;
  const element = host.firstElementChild;
  if (!element) throw new Error('<test-flow> holds no view');
  return element as T;
}

/** Changes part of the flow state around `view`, and waits for the view to show it. */
export async function updateFlow(view: Element, change: Partial<FlowState>): Promise<void> {
  const host = view.closest('test-flow');
  if (!host) throw new Error('The view is not inside <test-flow>');
  host.patch(change);
  await host.updateComplete;
}

/** A signed-in employee's profile, as the session gives it. */
export function signedIn(userId: string, displayName: string): ProfileResponse {
  return {
    userId,
    employeeId: '7654321',
    displayName,
    preferredLanguage: 'en',
    roles: [],
    previousSignIn: null,
    currentSignIn: { at: '2024-03-06T09:00:00.000Z', method: 'password' },
  };
}
