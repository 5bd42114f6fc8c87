/**
 * End-to-end harness: the real server (a child process on a free port, with a fresh data
 * directory) and Debian's Chromium driven by playwright-core. Each test file starts one server
 * and one browser; each test opens its own context, so cookies, storage and service workers
 * never leak from one test to the next. The pieces live in support/; tests import them here.
 */
export * from './support/server';
export * from './support/browser';
export * from './support/flows';
export * from './support/suite';
