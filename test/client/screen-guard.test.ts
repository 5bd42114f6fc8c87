import { expect } from '@open-wc/testing';
import { screenFor, type FlowState } from '../../client/navigation/screen-guard';
import type { Screen } from '../../client/navigation/screens';

const signedOut: FlowState = { access: null, userId: '', methods: [] };
const identified: FlowState = { access: null, userId: '100001', methods: ['password'] };
const full: FlowState = { access: { level: 'full' }, userId: '', methods: [] };

describe('which screen may show', () => {
  it('signed out, without a user ID: only sign-in', () => {
    for (const screen of ['methods', 'password', 'questions', 'forgot-password', 'profile', 'set-password', 'activity'] as Screen[]) {
      expect(screenFor(screen, signedOut), screen).to.equal('sign-in');
    }
  });

  it('signed out, once a user ID was entered: its methods, and only the methods offered', () => {
    expect(screenFor('methods', identified)).to.equal('methods');
    expect(screenFor('password', identified)).to.equal('password');
    expect(screenFor('forgot-password', identified)).to.equal('forgot-password');
    expect(screenFor('questions', identified)).to.equal('sign-in');
    expect(screenFor('questions', { ...identified, methods: ['password', 'questions'] as FlowState['methods'] })).to.equal('questions');
    expect(screenFor('profile', identified)).to.equal('sign-in');
  });

  it('signed in: My Profile and its screens; the sign-in steps lead back to My Profile', () => {
    for (const screen of ['profile', 'change-password', 'security-questions', 'activity'] as Screen[]) {
      expect(screenFor(screen, full)).to.equal(screen);
    }
    for (const screen of ['sign-in', 'methods', 'password', 'questions', 'set-password'] as Screen[]) {
      expect(screenFor(screen, full)).to.equal('profile');
    }
  });

  it('a session that must set a password first shows nothing else', () => {
    const access = { level: 'set-password' as const, reason: 'temporary' as const, until: new Date().toISOString() };
    for (const screen of ['profile', 'activity', 'sign-in', 'security-questions'] as Screen[]) {
      expect(screenFor(screen, { ...full, access })).to.equal('set-password');
    }
  });

  it('a session that must enrol first shows only the security questions', () => {
    for (const screen of ['profile', 'change-password', 'sign-in'] as Screen[]) {
      expect(screenFor(screen, { ...full, access: { level: 'enrol' } })).to.equal('security-questions');
    }
  });
});
