import type { LitElement } from 'lit';
import { yieldToBrowser } from '../app/yield-to-browser';

// A mixin's base: any LitElement class, abstract ones (ScreenView) included.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LitElementClass = abstract new (...args: any[]) => LitElement;

/**
 * A component whose first render runs in a task of its own instead of in the one that created
 * it. Lit renders an element and the elements its template creates in one go; when the app
 * starts, that is the shell, its header, footer and first screen at once, a task of over 50 ms
 * on a slow phone, during which a tap goes unanswered (issue 7, item 16). Later renders, the
 * ones that answer a person, keep Lit's timing.
 */
export function FirstRenderInOwnTask<T extends LitElementClass>(Base: T) {
  abstract class FirstRenderYields extends Base {
    protected override scheduleUpdate(): void | Promise<unknown> {
      if (this.hasUpdated) return super.scheduleUpdate();
      return yieldToBrowser().then(() => super.scheduleUpdate());
    }
  }
  return FirstRenderYields;
}
