import { LitElement } from 'lit';

/**
 * What every screen shares: the app moves focus to its heading when it opens (so that screen
 * readers and keyboards start at the top of the new screen) and to its error summary on failure.
 */
export abstract class ScreenView extends LitElement {
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
