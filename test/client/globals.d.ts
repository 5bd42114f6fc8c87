// Component tests run under Mocha (through @web/test-runner): its globals (describe, it,
// beforeEach…) for the client's type check, whose tsconfig includes test/client.
/// <reference types="mocha" />
