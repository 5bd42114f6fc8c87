import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../styles/shared-styles';
import { FirstRenderInOwnTask } from './first-render-in-own-task';
import './language-switch';

/**
 * The bar on every page: the portal's name, the language switch and, once someone is signed
 * in, their name opening the menu with "Log out". Its children's `language-change` and
 * `log-out` events bubble to the app. The menu's code is fetched once someone is signed in: the
 * sign-in screen, the one every visit starts with, does without it.
 */
@customElement('site-header')
@localized()
export class SiteHeader extends FirstRenderInOwnTask(LitElement) {
  static override styles = [
    sharedStyles,
    css`
      header {
        background: var(--header-bg);
        color: var(--header-text);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        max-width: calc(var(--max-width) + 2 * var(--space));
        margin: 0 auto;
        padding: 0.5rem var(--space);
      }
      .portal {
        font-weight: 700;
        font-size: 1.1rem;
      }
      .tools {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin-left: auto;
      }
    `,
  ];

  /** The signed-in employee's name; empty when nobody is signed in. */
  @property() name = '';

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('name') && this.name) void import('./user-menu');
  }

  override render() {
    return html`
      <header>
        <div class="bar">
          <span class="portal">${msg('Self-service password')}</span>
          <div class="tools">
            <language-switch></language-switch>
            ${this.name ? html`<user-menu .name=${this.name}></user-menu>` : ''}
          </div>
        </div>
      </header>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'site-header': SiteHeader;
  }
}
