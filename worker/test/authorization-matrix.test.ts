import { describe } from 'vitest';
import { defineAuthorizationMatrix } from '../../test/support/authorization-matrix.js';
import { startWorker } from './support/worker.js';

// The server's own matrix, unchanged, against the Worker: same routes, same answers.
describe('authorization matrix [worker]', () => defineAuthorizationMatrix(() => startWorker()));
