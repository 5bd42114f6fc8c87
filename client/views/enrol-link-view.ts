import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import type { LinkRegistrationOptionsResponse } from '../../shared/enrolment-link-schemas';
import { deviceNameSchema, DEVICE_NAME_MAX_LENGTH } from '../../shared/device-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { saveOfflineKey } from '../device/offline-key-store';
import { subscribeToPush } from '../device/push-subscription';
import { currentLanguage } from '../i18n/language';
import { takeEnrolmentLinkToken } from '../state/enrolment-link-token';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { defaultDeviceName } from './device-names';
import { ScreenView } from './screen-view';

type Shown =
  | { kind: 'loading' }
  | { kind: 'refused'; failure: ApiFailure }
  | { kind: 'ready'; opened: LinkRegistrationOptionsResponse }
  | { kind: 'added'; name: string; notifications: boolean };

/**
 * The phone's side of "Add a phone": opened from the QR code's link (`/enrol#<token>`), with no
 * sign-in. It fetches the registration options for the link's employee before the tap (Safari
 * wants the WebAuthn call directly in the tap's handler), then enrols exactly as "Add this device":
 * the passkey (screen lock), the device's name, its offline-code key kept as a non-extractable
 * key, and a time-boxed push subscription. A link used, expired, replaced or unknown shows what
 * happened and what to do: ask for a new code on the computer.
 */
@customElement('enrol-link-view')
@localized()
export class EnrolLinkView extends ScreenView {
  static override styles = sharedStyles;

  @state() private shown: Shown = { kind: 'loading' };
  @state() private failure: ApiFailure | null = null;
  @state() private nameProblem = false;
  @state() private busy = false;
  @state() private name = '';

  readonly #token = takeEnrolmentLinkToken();

  override connectedCallback() {
    super.connectedCallback();
    void this.#open();
  }

  async #open() {
    if (!this.#token) {
      this.shown = { kind: 'refused', failure: { error: 'enrolment_link_unknown' } };
      return;
    }
    const result = await sesameApi.linkRegistrationOptions(this.#token);
    if (!result.ok) {
      this.shown = { kind: 'refused', failure: result.failure };
      return this.focusHeading();
    }
    if (this.shown.kind !== 'ready') this.name = defaultDeviceName(result.data.platform);
    this.shown = { kind: 'ready', opened: result.data };
  }

  async #add(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy || this.shown.kind !== 'ready' || !this.#token) return;
    this.failure = null;
    const name = deviceNameSchema.safeParse(this.name);
    this.nameProblem = !name.success;
    if (!name.success) return this.focusErrors();
    this.busy = true;
    let registration;
    try {
      registration = await startRegistration({
        optionsJSON: this.shown.opened.options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
    } catch {
      this.busy = false;
      this.failure = { error: 'passkey_not_verified' };
      return this.focusErrors();
    }
    const result = await sesameApi.addDeviceWithLink({
      token: this.#token,
      name: name.data,
      language: currentLanguage(),
      registration: registration as Parameters<typeof sesameApi.addDeviceWithLink>[0]['registration'],
    });
    if (!result.ok) {
      this.busy = false;
      if (result.failure.error.startsWith('enrolment_link_')) {
        this.shown = { kind: 'refused', failure: result.failure };
        return this.focusHeading();
      }
      this.failure = result.failure;
      // The challenge was spent by that attempt: the next tap needs new options.
      void this.#open();
      return this.focusErrors();
    }
    await saveOfflineKey(result.data.device.id, result.data.offlineKey).catch(() => undefined);
    const notifications = await subscribeToPush();
    this.busy = false;
    this.shown = { kind: 'added', name: result.data.device.name, notifications };
    void this.focusHeading();
  }

  override render() {
    const shown = this.shown;
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    switch (shown.kind) {
      case 'loading':
        return html`<h1 tabindex="-1">${msg('Add this phone')}</h1>
          <p role="status">${msg('Opening the link…')}</p>`;
      case 'refused':
        return html`
          <h1 tabindex="-1">${msg('This link cannot add a phone')}</h1>
          <div class="card" role="alert">
            <p>${errorText(shown.failure, phone)}</p>
          </div>
          <h2>${msg('What to do')}</h2>
          <p>
            ${msg(
              'On your computer, open My Profile, then Mobile devices, and choose "Add a phone": a new code appears. Scan it with this phone within 5 minutes.',
            )}
          </p>
        `;
      case 'added':
        return html`
          <h1 tabindex="-1">${msg('Phone added')}</h1>
          <div class="card" role="status">
            <p>${msg(str`${shown.name} is now one of your mobile devices. Your computer shows it too.`)}</p>
            ${
              shown.notifications
                ? nothing
                : html`<p>${msg('Notifications are off on this phone: open Sésame on it to see sign-in requests.')}</p>`
            }
          </div>
        `;
      case 'ready': {
        const errors = [
          ...(this.nameProblem
            ? [{ text: msg(str`Enter a name of 1 to ${DEVICE_NAME_MAX_LENGTH} characters.`), fieldId: 'device-name' }]
            : []),
          ...(this.failure ? [{ text: errorText(this.failure, phone) }] : []),
        ];
        return html`
          <h1 tabindex="-1">${msg('Add this phone')}</h1>
          <error-summary
            tabindex="-1"
            .errors=${errors}
            @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}
          ></error-summary>
          <form class="card" novalidate @submit=${this.#add}>
            <p>${msg(str`This phone becomes a mobile device of ${shown.opened.displayName}.`)}</p>
            <p>
              ${msg('It will approve sign-ins with its screen lock (fingerprint, face or PIN), and show sign-in codes even with no network.')}
            </p>
            <div class="field">
              <label for="device-name">${msg('Name of this phone')}</label>
              ${
                this.nameProblem
                  ? html`<p class="field-error" id="device-name-error">
                      ${msg(str`Enter a name of 1 to ${DEVICE_NAME_MAX_LENGTH} characters.`)}
                    </p>`
                  : nothing
              }
              <input
                id="device-name"
                name="device-name"
                type="text"
                autocomplete="off"
                maxlength=${DEVICE_NAME_MAX_LENGTH}
                .value=${this.name}
                @input=${(e: InputEvent) => (this.name = (e.target as HTMLInputElement).value)}
                aria-invalid=${this.nameProblem ? 'true' : 'false'}
                aria-describedby=${this.nameProblem ? 'device-name-error' : ''}
              />
            </div>
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Add this phone')}</button>
            </div>
          </form>
        `;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'enrol-link-view': EnrolLinkView;
  }
}
