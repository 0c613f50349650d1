import { defineAuthorizationMatrix } from '../support/authorization-matrix.js';
import { describeEachDialect, startTestServer } from '../support/server-harness.js';

describeEachDialect('authorization matrix', (dialect) => defineAuthorizationMatrix(() => startTestServer(dialect)));
