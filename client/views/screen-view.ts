import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { INITIAL_FLOW, flowContext, type FlowState } from '../state/flow-state';

/**
 * What every screen shares: the flow's state, read from the app's context (so that a new screen
 * needs nothing passed to it); focus on its heading when it opens (so that screen readers and
 * keyboards start at the top of the new screen) and on its error summary on failure.
 */
export abstract class ScreenView extends LitElement {
  @consume({ context: flowContext, subscribe: true })
  @state()
  protected flow: FlowState = INITIAL_FLOW;

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  protected async focusErrors(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('error-summary')?.focus();
  }

  protected focusField(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  protected emit<T>(name: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }
}
