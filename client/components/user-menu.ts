import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../styles/shared-styles';

/**
 * The employee's name, top right; it opens a menu with "Log out" (as in the source guide).
 * Menu-button keyboard behaviour: Enter/Space/ArrowDown open and focus the first item,
 * Escape closes and returns focus to the button, a click elsewhere closes.
 */
@customElement('user-menu')
@localized()
export class UserMenu extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: relative;
      }
      .menu-button {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        min-height: 2.75rem;
        padding: 0.25rem 0.75rem;
        color: inherit;
        background: transparent;
        border: 2px solid currentColor;
        border-radius: var(--radius);
        max-width: 14rem;
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .chevron {
        border: solid currentColor;
        border-width: 0 2px 2px 0;
        padding: 3px;
        transform: rotate(45deg) translateY(-2px);
      }
      [role='menu'] {
        position: absolute;
        right: 0;
        top: calc(100% + 0.25rem);
        min-width: 11rem;
        margin: 0;
        padding: 0.25rem 0;
        list-style: none;
        background: var(--surface);
        color: var(--text);
        border: 1px solid var(--border);
        border-radius: var(--radius);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
        z-index: 10;
      }
      [role='menuitem'] {
        display: block;
        width: 100%;
        min-height: 2.75rem;
        padding: 0.5rem 1rem;
        text-align: left;
        color: inherit;
        background: none;
        border: none;
      }
      [role='menuitem']:hover,
      [role='menuitem']:focus-visible {
        background: var(--notice-bg);
      }
    `,
  ];

  @property() name = '';
  @state() private open = false;
  @query('.menu-button') private button!: HTMLButtonElement;
  @query('[role="menuitem"]') private firstItem?: HTMLButtonElement;

  readonly #onDocumentClick = (event: MouseEvent) => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.#onDocumentClick);
  }

  override disconnectedCallback() {
    document.removeEventListener('click', this.#onDocumentClick);
    super.disconnectedCallback();
  }

  async #show(focusFirst: boolean) {
    this.open = true;
    await this.updateComplete;
    if (focusFirst) this.firstItem?.focus();
  }

  #close(returnFocus: boolean) {
    this.open = false;
    if (returnFocus) this.button.focus();
  }

  #onButtonKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      void this.#show(true);
    } else if (event.key === 'Escape' && this.open) {
      this.#close(true);
    }
  }

  #onMenuKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' || event.key === 'Tab') this.#close(event.key === 'Escape');
  }

  #logOut() {
    this.#close(false);
    this.dispatchEvent(new CustomEvent('log-out', { bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <button
        type="button"
        class="menu-button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="user-menu-list"
        @click=${(e: MouseEvent) => (this.open ? this.#close(false) : void this.#show(e.detail === 0))}
        @keydown=${this.#onButtonKeydown}
      >
        <span class="name">${this.name}</span><span class="chevron" aria-hidden="true"></span>
      </button>
      <ul id="user-menu-list" role="menu" aria-label=${this.name} ?hidden=${!this.open} @keydown=${this.#onMenuKeydown}>
        <li role="none"><button type="button" role="menuitem" @click=${this.#logOut}>${msg('Log out')}</button></li>
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'user-menu': UserMenu;
  }
}
