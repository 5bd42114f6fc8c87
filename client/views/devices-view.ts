import { html, css, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { startRegistration } from '@simplewebauthn/browser';
import { DEVICE_NAME_MAX_LENGTH, type DeviceItem, type RegistrationOptionsResponse } from '../../shared/device-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { saveOfflineKey, deleteOfflineKey } from '../device/offline-key-store';
import { subscribeToPush } from '../device/push-subscription';
import { formatDateTime } from '../i18n/format-date';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { defaultDeviceName } from './device-names';
import { ScreenView } from './screen-view';

/** What this screen hands "Confirm your identity" and gets back: the step it was taking. */
type Draft = { action: 'add'; name: string } | { action: 'remove'; id: string };

/**
 * My Profile → "Mobile devices": the employee's devices (name, added, last used, notifications
 * on or off), renaming, removing (after a confirmation), and "Add this device" — a WebAuthn
 * registration of this browser's passkey, then the offline-code key kept as a non-extractable
 * key, then a push subscription (time-boxed; a device without one says "No notifications").
 * Adding and removing need a recent proof: when the page knows it is old, or the server says
 * so, the screen fires `confirm-identity` with the step it was taking and resumes it on return.
 * "Add a phone" (a QR code for another device) will sit beside "Add this device".
 */
@customElement('devices-view')
@localized()
export class DevicesView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      ul.devices {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.devices > li {
        border-top: 1px solid var(--border, #ccc);
        padding: 0.75rem 0;
      }
      ul.devices > li:first-child {
        border-top: none;
      }
      .device-name {
        font-weight: 600;
        margin: 0;
      }
      .facts {
        margin: 0.25rem 0 0.5rem;
      }
      dialog {
        max-width: 32rem;
      }
    `,
  ];

  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;
  /** The add form: shown once "Add this device" is chosen, with the options fetched before the tap. */
  @state() private adding: { name: string; options: RegistrationOptionsResponse | null } | null = null;
  @state() private renaming: { id: string; name: string } | null = null;
  @state() private removing: DeviceItem | null = null;
  @state() private announcement = '';
  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #devices = new Task<[], DeviceItem[]>(this, {
    task: async () => {
      const result = await sesameApi.devices();
      if (!result.ok) throw result.failure;
      return result.data.devices;
    },
    args: () => [],
  });

  override connectedCallback() {
    super.connectedCallback();
    const draft = this.#returned();
    if (draft?.action === 'add') void this.#openAdd(draft.name);
    if (draft?.action === 'remove') void this.#resumeRemove(draft.id);
  }

  #returned(): Draft | null {
    const stepUp = this.flow.stepUp;
    return stepUp?.returnTo === 'devices' && stepUp.draft ? (stepUp.draft as Draft) : null;
  }

  #proofIsOld(): boolean {
    const until = this.flow.recentProofUntil;
    return until !== null && Date.parse(until) <= Date.now();
  }

  #confirmIdentity(draft: Draft) {
    this.emit('confirm-identity', { returnTo: 'devices', draft });
  }

  #fail(failure: ApiFailure, draft: Draft) {
    if (failure.error === 'reauthentication_required') return this.#confirmIdentity(draft);
    if (failure.error === 'unauthenticated') return this.emit('session-ended');
    this.failure = failure;
    void this.focusErrors();
  }

  async #openAdd(name?: string) {
    this.failure = null;
    if (this.#proofIsOld()) return this.#confirmIdentity({ action: 'add', name: name ?? '' });
    this.adding = { name: name ?? '', options: null };
    const result = await sesameApi.deviceRegistrationOptions();
    if (!result.ok) {
      this.adding = null;
      return this.#fail(result.failure, { action: 'add', name: name ?? '' });
    }
    this.adding = { name: name || defaultDeviceName(result.data.platform), options: result.data };
    await this.updateComplete;
    this.focusField('device-name');
  }

  async #add(event: Event) {
    event.preventDefault();
    const adding = this.adding;
    if (!adding?.options || this.busy) return;
    const name = adding.name.trim();
    this.busy = true;
    this.failure = null;
    try {
      let registration;
      try {
        // Straight in the tap's handler, with options fetched before it.
        registration = await startRegistration({ optionsJSON: adding.options.options as never });
      } catch {
        this.failure = { error: 'passkey_not_verified' };
        this.adding = null;
        void this.focusErrors();
        return;
      }
      const added = await sesameApi.addDevice({ name, language: currentLanguage(), registration: registration as never });
      if (!added.ok) {
        this.adding = null;
        return this.#fail(added.failure, { action: 'add', name });
      }
      await saveOfflineKey(added.data.device.id, added.data.offlineKey);
      await subscribeToPush();
      this.adding = null;
      this.announcement = msg(str`${name} was added.`);
      this.#devices.run();
    } finally {
      this.busy = false;
    }
  }

  async #rename(event: Event) {
    event.preventDefault();
    const renaming = this.renaming;
    if (!renaming || this.busy) return;
    this.busy = true;
    this.failure = null;
    const result = await sesameApi.renameDevice(renaming.id, renaming.name.trim());
    this.busy = false;
    if (!result.ok) {
      if (result.failure.error === 'unauthenticated') return this.emit('session-ended');
      this.failure = result.failure;
      return void this.focusErrors();
    }
    this.renaming = null;
    this.announcement = msg(str`Renamed ${result.data.device.name}.`);
    this.#devices.run();
  }

  async #askRemove(device: DeviceItem) {
    this.failure = null;
    if (this.#proofIsOld()) return this.#confirmIdentity({ action: 'remove', id: device.id });
    this.removing = device;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  async #resumeRemove(id: string) {
    await this.#devices.taskComplete.catch(() => null);
    const device = this.#devices.value?.find((d) => d.id === id);
    if (device) await this.#askRemove(device);
  }

  async #remove() {
    const device = this.removing;
    if (!device || this.busy) return;
    this.busy = true;
    const result = await sesameApi.removeDevice(device.id);
    this.busy = false;
    this.dialog?.close();
    this.removing = null;
    if (!result.ok) return this.#fail(result.failure, { action: 'remove', id: device.id });
    if (device.thisDevice) await deleteOfflineKey().catch(() => undefined);
    this.announcement = msg(str`${device.name} was removed.`);
    this.#devices.run();
  }

  #cancelRemove() {
    this.dialog?.close();
    this.removing = null;
  }

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const errors = this.failure ? [{ text: errorText(this.failure, phone) }] : [];
    return html`
      <h1 tabindex="-1">${msg('Mobile devices')}</h1>
      <error-summary tabindex="-1" .errors=${errors}></error-summary>
      <p role="status" class="status">${this.announcement}</p>
      <section class="card" aria-labelledby="your-devices">
        <h2 id="your-devices">${msg('Your devices')}</h2>
        ${this.#devices.render({
          pending: () => html`<p>${msg('Loading…')}</p>`,
          error: (failure) => html`<p>${errorText(failure as ApiFailure, phone)}</p>`,
          complete: (devices) => this.#list(devices),
        })}
      </section>
      <section class="card" aria-labelledby="add-device">
        <h2 id="add-device">${msg('Add this device')}</h2>
        <p>
          ${msg(
            'Add the phone you are using now to approve sign-ins and show sign-in codes. Your phone will ask you to confirm with its screen lock.',
          )}
        </p>
        ${this.adding ? this.#addForm() : html`<button class="primary" type="button" @click=${() => void this.#openAdd()}>${msg('Add this device')}</button>`}
      </section>
      <p><button type="button" class="link-button" @click=${() => this.emit('back-to-profile')}>${msg('Back to My Profile')}</button></p>
      ${this.#removeDialog()}
    `;
  }

  #list(devices: DeviceItem[]) {
    if (devices.length === 0) return html`<p>${msg('You have not added a device yet.')}</p>`;
    return html`<ul class="devices">
      ${devices.map((device) => this.#item(device))}
    </ul>`;
  }

  #item(device: DeviceItem) {
    const renaming = this.renaming?.id === device.id ? this.renaming : null;
    const added = formatDateTime(device.createdAt);
    const used = device.lastUsedAt ? formatDateTime(device.lastUsedAt) : null;
    return html`<li>
      <p class="device-name">${device.name}${device.thisDevice ? html` <span class="hint">(${msg('this device')})</span>` : nothing}</p>
      <p class="facts">
        ${msg(str`Added ${added}`)} · ${used ? msg(str`Last used ${used}`) : msg('Not used yet')} ·
        ${device.notifications ? msg('Notifications on') : msg('No notifications')}
      </p>
      ${
        renaming
          ? html`<form novalidate @submit=${this.#rename}>
              <div class="field">
                <label for="rename-${device.id}">${msg('Device name')}</label>
                <input
                  id="rename-${device.id}"
                  type="text"
                  maxlength=${DEVICE_NAME_MAX_LENGTH}
                  required
                  .value=${renaming.name}
                  @input=${(e: InputEvent) => (this.renaming = { id: device.id, name: (e.target as HTMLInputElement).value })}
                />
              </div>
              <div class="actions">
                <button class="primary" type="submit" ?disabled=${this.busy || !renaming.name.trim()}>${msg('Save name')}</button>
                <button type="button" @click=${() => (this.renaming = null)}>${msg('Cancel')}</button>
              </div>
            </form>`
          : html`<div class="actions">
              <button
                type="button"
                aria-label=${msg(str`Rename ${device.name}`)}
                @click=${() => (this.renaming = { id: device.id, name: device.name })}
              >
                ${msg('Rename')}
              </button>
              <button type="button" aria-label=${msg(str`Remove ${device.name}`)} @click=${() => void this.#askRemove(device)}>
                ${msg('Remove')}
              </button>
            </div>`
      }
    </li>`;
  }

  #addForm() {
    const adding = this.adding;
    if (!adding) return nothing;
    if (!adding.options) return html`<p>${msg('Loading…')}</p>`;
    return html`<form novalidate @submit=${this.#add}>
      <div class="field">
        <label for="device-name">${msg('Device name')}</label>
        <input
          id="device-name"
          type="text"
          maxlength=${DEVICE_NAME_MAX_LENGTH}
          required
          .value=${adding.name}
          @input=${(e: InputEvent) => (this.adding = { ...adding, name: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy || !adding.name.trim()}>${msg('Add this device')}</button>
        <button type="button" @click=${() => (this.adding = null)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  #removeDialog() {
    const device = this.removing;
    return html`<dialog aria-labelledby="remove-title" @cancel=${this.#cancelRemove}>
      ${
        device
          ? html`<h2 id="remove-title">${msg(str`Remove ${device.name}?`)}</h2>
              <p>
                ${msg('This device will no longer approve sign-ins, show sign-in codes or receive notifications. You can add it again later.')}
              </p>
              <div class="actions">
                <button class="primary" type="button" ?disabled=${this.busy} @click=${() => void this.#remove()}>
                  ${msg('Remove device')}
                </button>
                <button type="button" @click=${this.#cancelRemove}>${msg('Cancel')}</button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'devices-view': DevicesView;
  }
}
