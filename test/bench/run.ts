/**
 * `npm run bench`: prints the figures the issues set goals for. It never fails a test run;
 * compare the printed ratios with the goals.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { benchPasswordSignIn } from './password-sign-in.bench';
import { benchQuestionSignIn } from './question-sign-in.bench';
import { benchSignInBundle } from './sign-in-bundle.bench';
import { benchCommonPasswords } from './common-passwords.bench';
import { benchSignInLighthouse } from './sign-in-lighthouse.bench';
import { benchMobileApproval } from './mobile-approval.bench';
import { benchPasswordSync } from './password-sync.bench';

if (!existsSync('dist/client/index.html') || !existsSync('dist/server/main.mjs'))
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
process.stdout.write(`Sésame benchmarks — ${new Date().toISOString()}\n\n`);
await benchPasswordSignIn();
process.stdout.write('\n');
await benchQuestionSignIn();
process.stdout.write('\n');
await benchSignInBundle();
process.stdout.write('\n');
await benchCommonPasswords();
process.stdout.write('\n');
await benchSignInLighthouse();
process.stdout.write('\n');
await benchMobileApproval();
process.stdout.write('\n');
await benchPasswordSync();
