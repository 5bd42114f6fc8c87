/**
 * Styles every screen shares (headings, forms, buttons, links). One constructed stylesheet,
 * adopted by each component that lists it.
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
  }
  /* Rules below give inputs a display; the hidden attribute must still win. */
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.6rem;
    line-height: 1.25;
    margin: 0 0 var(--space);
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 4px;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  p {
    margin: 0 0 var(--space);
  }
  a {
    color: var(--link);
    text-underline-offset: 0.15em;
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .field {
    margin: 0 0 var(--space);
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .hint {
    color: var(--muted);
    font-size: 0.95rem;
    margin: 0 0 0.5rem;
  }
  .field-error {
    color: var(--error);
    font-weight: 600;
    margin: 0 0 0.5rem;
  }
  input[type='text'],
  input[type='password'],
  select {
    display: block;
    width: 100%;
    max-width: 22rem;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--text);
    background: var(--surface);
    border: 2px solid var(--border);
    border-radius: var(--radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--error);
  }
  .checkbox {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .checkbox input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  .checkbox label {
    margin: 0;
    font-weight: 400;
  }
  button,
  .button {
    font: inherit;
    cursor: pointer;
  }
  .primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: 0.5rem 1.5rem;
    font-weight: 600;
    color: var(--primary-text);
    background: var(--primary);
    border: 2px solid var(--primary);
    border-radius: var(--radius);
  }
  .primary:hover {
    background: var(--primary-hover);
  }
  .primary[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .secondary {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    color: var(--link);
    background: transparent;
    border: 2px solid var(--link);
    border-radius: var(--radius);
  }
  /* Links that go to another screen: touch targets at least 44 px tall (WCAG 2.5.5). */
  .nav-link {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
  }
  .link-button {
    padding: 0;
    color: var(--link);
    background: none;
    border: none;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.5rem;
    align-items: center;
    margin: 1.5rem 0 var(--space);
  }
  .card {
    background: var(--surface);
    border-radius: var(--radius);
    padding: 1.25rem;
    margin: 0 0 var(--space);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
  }
  /* A list of big buttons, one per choice (the methods). */
  .choices {
    list-style: none;
    margin: 0 0 var(--space);
    padding: 0;
    display: grid;
    gap: 0.75rem;
    max-width: 24rem;
  }
  .choices .primary {
    width: 100%;
    justify-content: flex-start;
    text-align: left;
  }
  .card > h2:first-child {
    margin-top: 0;
  }
  .important {
    border-left: 4px solid var(--primary);
    background: var(--notice-bg);
    padding: 0.75rem 1rem;
    border-radius: 0 var(--radius) var(--radius) 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
