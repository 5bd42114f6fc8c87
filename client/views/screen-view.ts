import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { FirstRenderInOwnTask } from '../components/first-render-in-own-task';
import { INITIAL_FLOW, flowContext, type FlowState } from '../state/flow-state';

/** Fields a person types into; checkboxes, radios and what is hidden or read-only do not count. */
const TYPED_FIELDS =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([hidden]):not([readonly]):not([disabled]), textarea, select';

/**
 * What every screen shares: the flow's state, read from the app's context (so that a new screen
 * needs nothing passed to it); focus when it opens (`focusOnArrival`) and on its error summary
 * on failure. A screen's first render is a task of its own, not part of the shell's.
 */
export abstract class ScreenView extends FirstRenderInOwnTask(LitElement) {
  @consume({ context: flowContext, subscribe: true })
  @state()
  protected flow: FlowState = INITIAL_FLOW;

  /**
   * Where focus goes when the screen opens: a screen with one field to type in (the user ID, the
   * password) puts it there, so that the person can type at once and a screen reader reads the
   * field's label; a screen with several fields or none starts at its heading, so that it is
   * read from the top and Tab goes on from there.
   */
  async focusOnArrival(): Promise<void> {
    await this.updateComplete;
    const fields = this.renderRoot.querySelectorAll<HTMLElement>(TYPED_FIELDS);
    const only = fields.length === 1 ? fields[0] : undefined;
    if (only) only.focus();
    else await this.focusHeading();
  }

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
