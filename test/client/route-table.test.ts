import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { buildPath, matchPattern } from '../../client/navigation/path-pattern';
import type { Route } from '../../client/navigation/route';
import { resolveRoute, type Visitor } from '../../client/navigation/route-guard';
import { ROUTES, requestForPath, type RouteName } from '../../client/navigation/route-table';
import { AREAS, LEVEL_RULES, SESSION_LEVELS } from '../../shared/session-levels';

const signedOut: Visitor = { access: null, userId: '', methods: [], roles: [] };
const identified: Visitor = { ...signedOut, userId: '100001', methods: ['password'] };
const employee: Visitor = { access: { level: 'full' }, userId: '', methods: [], roles: ['employee'] };

const go = (name: RouteName, visitor: Visitor) => resolveRoute({ name, params: {} }, visitor).name;

/** The app's table plus a help-desk screen, as the help-desk console will add one. */
const withHelpDesk: readonly Route[] = [
  ...ROUTES,
  {
    name: 'helpdesk-employee',
    path: '/helpdesk/employees/:userId',
    title: () => 'Employee',
    guard: { for: 'signed-in', area: 'profile', roles: ['helpdesk'] },
    render: ({ userId }) => html`<p>${userId}</p>`,
  },
];

describe('the route table', () => {
  it('a pattern with a parameter matches and extracts :userId', () => {
    expect(matchPattern('/helpdesk/employees/:userId', '/helpdesk/employees/100001')).to.deep.equal({ userId: '100001' });
    expect(matchPattern('/helpdesk/employees/:userId', '/helpdesk/employees/a%20b')).to.deep.equal({ userId: 'a b' });
    expect(matchPattern('/helpdesk/employees/:userId', '/helpdesk/employees/')).to.equal(null);
    expect(matchPattern('/helpdesk/employees/:userId', '/helpdesk/employees/1/more')).to.equal(null);
    expect(requestForPath('/helpdesk/employees/900001', withHelpDesk)).to.deep.equal({
      name: 'helpdesk-employee',
      params: { userId: '900001' },
    });
    expect(buildPath('/helpdesk/employees/:userId', { userId: 'a/b' })).to.equal('/helpdesk/employees/a%2Fb');
  });

  it('each screen keeps its address', () => {
    const paths = Object.fromEntries(ROUTES.map((r) => [r.name, r.path]));
    expect(paths).to.deep.equal({
      'sign-in': '/',
      methods: '/methods',
      password: '/password',
      questions: '/questions',
      'mobile-code': '/mobile/code',
      'forgot-password': '/forgot-password',
      'set-password': '/set-password',
      profile: '/profile',
      'change-password': '/profile/password',
      'security-questions': '/profile/security-questions',
      'confirm-identity': '/profile/confirm-identity',
      activity: '/profile/activity',
      devices: '/profile/devices',
      accounts: '/profile/accounts',
      'add-phone': '/profile/devices/add-phone',
      'enrol-link': '/enrol',
      'mobile-wait': '/mobile/wait',
      approve: '/approve/:requestId',
      'device-code': '/device/code',
    });
    for (const route of ROUTES) expect(requestForPath(route.path).name).to.equal(route.name);
  });

  it('unknown addresses go to sign-in', () => {
    for (const path of ['/nowhere', '/profile/', '/profile/nothing', '/helpdesk/employees/100001', '//', '/%E0%A4%A']) {
      expect(requestForPath(path), path).to.deep.equal({ name: 'sign-in', params: {} });
    }
  });

  it('a signed-out visitor asking for a signed-in screen lands on sign-in', () => {
    for (const name of ['profile', 'change-password', 'security-questions', 'activity', 'set-password'] as const) {
      expect(go(name, signedOut), name).to.equal('sign-in');
      expect(go(name, identified), name).to.equal('sign-in');
    }
  });

  it('the sign-in steps need a user ID first, and the method offered', () => {
    for (const name of ['methods', 'password', 'questions', 'forgot-password'] as const) {
      expect(go(name, signedOut), name).to.equal('sign-in');
    }
    expect(go('methods', identified)).to.equal('methods');
    expect(go('password', identified)).to.equal('password');
    expect(go('forgot-password', identified)).to.equal('forgot-password');
    expect(go('questions', identified)).to.equal('sign-in');
    expect(go('questions', { ...identified, methods: ['password', 'questions'] })).to.equal('questions');
    expect(go('methods', { ...identified, methods: [] })).to.equal('sign-in');
  });

  it('signed in: My Profile and its screens; the sign-in steps lead back to My Profile', () => {
    for (const name of ['profile', 'change-password', 'security-questions', 'activity'] as const) {
      expect(go(name, employee), name).to.equal(name);
    }
    for (const name of ['sign-in', 'methods', 'password', 'questions', 'forgot-password', 'set-password'] as const) {
      expect(go(name, employee), name).to.equal('profile');
    }
  });

  // The phone's approval screen is the device credential's, not a session's: it shows to anyone (the server decides).
  const sessionRoutes = ROUTES.filter((route) => route.guard.for !== 'device' && route.guard.for !== 'anyone');

  it('a set-password session lands on Set a new password whatever it asks', () => {
    const access = { level: 'set-password' as const, reason: 'temporary' as const, until: new Date().toISOString() };
    for (const route of sessionRoutes) expect(go(route.name, { ...employee, access }), route.name).to.equal('set-password');
  });

  it('an "Add a phone" link opens on the phone whoever is there: signed out, signed in, at any level', () => {
    const levels = [signedOut, identified, employee, { ...employee, access: { level: 'enrol' as const } }];
    for (const visitor of levels) expect(go('enrol-link', visitor)).to.equal('enrol-link');
  });

  it('"Show a sign-in code" opens on the phone whoever is there: its key is in the browser, and it works offline', () => {
    const levels = [signedOut, identified, employee, { ...employee, access: { level: 'enrol' as const } }];
    for (const visitor of levels) expect(go('device-code', visitor)).to.equal('device-code');
  });

  it('the approval screen shows signed in or out, at any level, with its request id', () => {
    const request = requestForPath('/approve/AAAAAAAAAAAAAAAAAAAAAA');
    expect(request).to.deep.equal({ name: 'approve', params: { requestId: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    for (const visitor of [signedOut, employee, { ...employee, access: { level: 'enrol' as const } }]) {
      expect(resolveRoute(request, visitor)).to.deep.equal(request);
    }
  });

  it('an enrol session shows only the enrolment screens: security questions, Mobile devices, "Add a phone"', () => {
    const enrolment: readonly string[] = ['security-questions', 'devices', 'add-phone'];
    for (const route of sessionRoutes) {
      const expected = enrolment.includes(route.name) ? route.name : 'security-questions';
      expect(go(route.name, { ...employee, access: { level: 'enrol' } }), route.name).to.equal(expected);
    }
  });

  it('a route needing helpdesk is refused to an employee, and open to the help desk', () => {
    const request = { name: 'helpdesk-employee', params: { userId: '100001' } };
    expect(resolveRoute(request, employee, withHelpDesk)).to.deep.equal({ name: 'profile', params: {} });
    expect(resolveRoute(request, signedOut, withHelpDesk)).to.deep.equal({ name: 'sign-in', params: {} });
    expect(resolveRoute(request, { ...employee, roles: ['employee', 'helpdesk'] }, withHelpDesk)).to.deep.equal(request);
  });

  it('every level lands on exactly one route', () => {
    for (const level of SESSION_LEVELS) {
      const area = LEVEL_RULES[level].landing;
      const landings = ROUTES.filter((r) => r.guard.for === 'signed-in' && r.guard.area === area && 'landing' in r.guard);
      expect(landings, level).to.have.length(1);
    }
    expect(AREAS).to.include('password-policy');
  });

  it('every route has a title in both languages and only the sign-in screen ships in the first chunk', () => {
    for (const route of ROUTES) {
      expect(route.title(), route.name).to.not.equal('');
      expect('load' in route, route.name).to.equal(route.name !== 'sign-in');
    }
  });
});
